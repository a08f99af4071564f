//! 载体: what carries a 密点 (paper, files, samples, equipment, know-how),
//! where it is and who keeps it. Many-to-many with 密点.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::audit::{self, Change};
use super::now_stamp;
use crate::error::{Error, Result};
use crate::model::point::CARRIER_KINDS;

/// Schema 7: carriers and their 密点.
pub(super) const MIGRATION: &str = "
CREATE TABLE carrier (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind          TEXT NOT NULL,
    location      TEXT NOT NULL DEFAULT '',
    custodian     TEXT NOT NULL DEFAULT '',
    marked        INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);
CREATE TABLE carrier_point (
    carrier_id INTEGER NOT NULL REFERENCES carrier(id) ON DELETE CASCADE,
    point_id   INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    PRIMARY KEY (carrier_id, point_id)
);
CREATE INDEX carrier_point_point ON carrier_point(point_id);
";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCarrier {
    pub enterprise_id: String,
    /// e.g. 工艺卡 GY-03.
    pub name: String,
    /// One of 纸质文件, 电子文件/数据, 实物样品/原料, 设备/模具, 口头/技艺传承.
    pub kind: String,
    /// Where it is kept (never shown in the 报送版).
    pub location: String,
    pub custodian: String,
    /// Bears the enterprise's mark.
    pub marked: bool,
    /// The 密点 it carries.
    #[ts(type = "number[]")]
    pub point_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Carrier {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub name: String,
    pub kind: String,
    pub location: String,
    pub custodian: String,
    pub marked: bool,
    #[ts(type = "number[]")]
    pub point_ids: Vec<i64>,
}

/// Check a carrier kind against the fixed list.
pub fn check_kind(kind: &str) -> Result<String> {
    let k = kind.trim();
    CARRIER_KINDS
        .iter()
        .find(|c| **c == k || c.split('/').next() == Some(k))
        .map(|c| c.to_string())
        .ok_or_else(|| Error::CarrierKindInvalid {
            kind: k.to_string(),
            allowed: CARRIER_KINDS.join("、"),
        })
}

impl crate::store::handles::Carriers<'_> {
    pub fn add(&self, input: &NewCarrier) -> Result<Carrier> {
        self.enterprises().get(&input.enterprise_id)?;
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::FieldInvalid {
                field: "载体名称".into(),
                reason: "不能为空".into(),
            });
        }
        let kind = check_kind(&input.kind)?;
        for pid in &input.point_ids {
            let p = self.points().get(*pid)?;
            if p.enterprise_id != input.enterprise_id {
                return Err(Error::SecretPointNotFound {
                    id: pid.to_string(),
                });
            }
        }
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO carrier (enterprise_id, name, kind, location, custodian, marked, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    input.enterprise_id, name, kind, input.location.trim(), input.custodian.trim(),
                    input.marked, now_stamp()
                ],
            )?;
            let id = tx.last_insert_rowid();
            for pid in &input.point_ids {
                tx.execute(
                    "INSERT OR IGNORE INTO carrier_point (carrier_id, point_id) VALUES (?1, ?2)",
                    params![id, pid],
                )?;
            }
            crate::store::field::record_added(tx, who, &input.enterprise_id, "载体", id.to_string(), format!("{name}（{kind}）"))?;
            Ok(id)
        })?;
        self.carriers().get(id)
    }

    pub fn get(&self, id: i64) -> Result<Carrier> {
        let mut c = self
            .conn
            .query_row(
                "SELECT id, enterprise_id, name, kind, location, custodian, marked FROM carrier WHERE id = ?1",
                [id],
                |r| {
                    Ok(Carrier {
                        id: r.get(0)?,
                        enterprise_id: r.get(1)?,
                        name: r.get(2)?,
                        kind: r.get(3)?,
                        location: r.get(4)?,
                        custodian: r.get(5)?,
                        marked: r.get(6)?,
                        point_ids: vec![],
                    })
                },
            )
            .optional()?
            .ok_or(Error::CarrierNotFound { id: id.to_string() })?;
        let mut st = self.conn.prepare(
            "SELECT point_id FROM carrier_point WHERE carrier_id = ?1 ORDER BY point_id",
        )?;
        c.point_ids = st
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(c)
    }

    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Carrier>> {
        self.enterprises().get(enterprise_id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM carrier WHERE enterprise_id = ?1 ORDER BY id")?
            .query_map([enterprise_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.carriers().get(id)).collect()
    }

    /// The distinct carrier kinds the register has (the control checklist is
    /// filtered to them).
    pub fn kinds_in_use(&self, enterprise_id: &str) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT DISTINCT kind FROM carrier WHERE enterprise_id = ?1")?;
        let mut kinds: Vec<String> = st
            .query_map([enterprise_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        kinds.sort_by_key(|k| CARRIER_KINDS.iter().position(|c| c == k));
        Ok(kinds)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        let c = self.carriers().get(id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM carrier WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&c.enterprise_id),
                    action: "删除",
                    entity: "载体",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(format!("{}（{}）", c.name, c.kind)),
                    new: None,
                },
            )
        })
    }
}
