//! Schema 15: the records courts and bureaus look for, which the first
//! registers lacked (catalogue 2):
//!
//! - 知悉告知: each 涉密人员 signs a notice listing the 密点 he or she knows
//!   (by 代号), so that the measures were recognisable to that person
//!   (SPC 2020 Art. 5–6);
//! - the relationship of a 涉密人员 to the enterprise (劳务派遣, 实习生,
//!   外包驻场 … are not its employees: 劳动合同法 Art. 23 binds only those);
//! - how a 密点 came about and whose it is (形成过程与权属: 研发记录/立项,
//!   职务成果归属);
//! - 违反保密规定的处理记录 (discipline actually imposed);
//! - 对外提供 to an authority (药品注册, GMP inspections, this application)
//!   with the 政府信息公开条例第十五条 request recorded.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::field::{json, required};
use super::now_stamp;
use crate::error::{Error, Result};

pub(super) const MIGRATION: &str = "
ALTER TABLE person ADD COLUMN relationship TEXT NOT NULL DEFAULT '本单位员工'
    CHECK (relationship IN ('本单位员工', '劳务派遣', '实习生', '外包驻场', '返聘', '顾问', '其他'));
ALTER TABLE secret_point ADD COLUMN origin TEXT NOT NULL DEFAULT '';

CREATE TABLE access_notice (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    signed_on  TEXT NOT NULL,
    codes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX access_notice_person ON access_notice(person_id);

CREATE TABLE discipline_record (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    occurred_on   TEXT NOT NULL,
    summary       TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    measure       TEXT NOT NULL DEFAULT '',
    decided_on    TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX discipline_enterprise ON discipline_record(enterprise_id);

CREATE TABLE disclosure_v15 (
    id             INTEGER PRIMARY KEY,
    enterprise_id  TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    point_id       INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    recipient      TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    recipient_kind TEXT NOT NULL CHECK (recipient_kind IN
                       ('供应商', '外协加工方', '客户', '合作研发方', '来访人员', '行政机关', '其他')),
    nda_ref        TEXT NOT NULL DEFAULT '',
    disclosed_on   TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    confidentiality_requested INTEGER NOT NULL DEFAULT 0 CHECK (confidentiality_requested IN (0, 1))
);
INSERT INTO disclosure_v15 (id, enterprise_id, point_id, recipient, recipient_kind, nda_ref,
    disclosed_on, purpose, created_at, updated_at)
    SELECT id, enterprise_id, point_id, recipient, recipient_kind, nda_ref, disclosed_on, purpose,
           created_at, updated_at FROM disclosure;
DROP TABLE disclosure;
ALTER TABLE disclosure_v15 RENAME TO disclosure;
CREATE INDEX disclosure_enterprise ON disclosure(enterprise_id);
CREATE INDEX disclosure_point ON disclosure(point_id);

CREATE TABLE evidence_link_v15 (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('answer', 'agreement', 'rule_doc', 'training',
                    'exit_record', 'incident', 'secret_point', 'approval', 'access_notice',
                    'discipline')),
    target_id   TEXT NOT NULL CHECK (length(target_id) > 0),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (evidence_id, target_kind, target_id)
);
INSERT INTO evidence_link_v15 SELECT evidence_id, target_kind, target_id, created_at FROM evidence_link;
DROP TABLE evidence_link;
ALTER TABLE evidence_link_v15 RENAME TO evidence_link;
CREATE INDEX evidence_link_target ON evidence_link(target_kind, target_id);
";

crate::wire_enum! {
    /// How a 涉密人员 stands to the enterprise. Only its own employees are
    /// bound by a labour-contract clause; the others sign an agreement or a
    /// pledge with the enterprise itself.
    #[derive(Default)]
    pub enum Relationship {
        #[default]
        Employee = ("employee", "本单位员工"),
        Dispatched = ("dispatched", "劳务派遣"),
        Intern = ("intern", "实习生"),
        Outsourced = ("outsourced", "外包驻场"),
        Rehired = ("rehired", "返聘"),
        Consultant = ("consultant", "顾问"),
        OtherRelation = ("other_relation", "其他"),
    }
}

impl Relationship {
    pub fn parse(s: &str) -> Result<Relationship> {
        Relationship::from_wire(s).ok_or_else(|| Error::FieldInvalid {
            field: "人员类型".into(),
            reason: format!(
                "“{}”无效，应为：{}",
                s.trim(),
                Relationship::ALL.map(|r| r.label()).join("、")
            ),
        })
    }
}

/// A signed 知悉告知书: which 密点 (by 代号) the person was told of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AccessNotice {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub signed_on: String,
    /// The 代号 listed on the notice as signed, in order.
    pub codes: Vec<String>,
}

/// What the user enters for a signed notice; the 代号 are those the person
/// knows on that day, unless given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewAccessNotice {
    #[ts(type = "number")]
    pub person_id: i64,
    pub signed_on: String,
}

/// A 违反保密规定的处理记录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DisciplineRecord {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub occurred_on: String,
    /// What happened, without the secret's content.
    pub summary: String,
    /// The measure taken (批评教育, 警告, 解除劳动合同 …).
    pub measure: String,
    pub decided_on: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", default)]
pub struct NewDisciplineRecord {
    pub enterprise_id: String,
    pub occurred_on: String,
    pub summary: String,
    pub measure: String,
    pub decided_on: Option<String>,
}

use crate::store::field::stored_day as day;

fn notice_from_row(r: &Row) -> rusqlite::Result<AccessNotice> {
    let codes: String = r.get(3)?;
    Ok(AccessNotice {
        id: r.get(0)?,
        person_id: r.get(1)?,
        signed_on: r.get(2)?,
        codes: codes
            .split('、')
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

fn discipline_from_row(r: &Row) -> rusqlite::Result<DisciplineRecord> {
    Ok(DisciplineRecord {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        occurred_on: r.get(2)?,
        summary: r.get(3)?,
        measure: r.get(4)?,
        decided_on: r.get(5)?,
    })
}

impl crate::store::handles::People<'_> {
    /// Record a signed 知悉告知书. The notice lists the 代号 of the 密点 the
    /// person knows now (named in the 知悉范围); a person who knows none
    /// has nothing to be told and is refused.
    pub fn add_access_notice(&self, input: &NewAccessNotice) -> Result<AccessNotice> {
        let p = self.people().get(input.person_id)?;
        let signed = day("签收日期", &input.signed_on)?;
        let codes: Vec<String> = self
            .people()
            .points_known_by(p.id)?
            .into_iter()
            .map(|k| k.code)
            .collect();
        if codes.is_empty() {
            return Err(Error::FieldInvalid {
                field: "签收日期".into(),
                reason: format!("“{}”的知悉范围中还没有密点，无需告知", p.name),
            });
        }
        let joined = codes.join("、");
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO access_notice (person_id, signed_on, codes, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![p.id, signed, joined, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            crate::store::field::record_added(
                tx,
                who,
                &p.enterprise_id,
                "知悉告知",
                id.to_string(),
                format!("{}：{signed} 签收，密点 {joined}", p.name),
            )?;
            Ok(id)
        })?;
        self.access_notice(id)
    }

    pub fn access_notice(&self, id: i64) -> Result<AccessNotice> {
        self.conn
            .query_row(
                "SELECT id, person_id, signed_on, codes FROM access_notice WHERE id = ?1",
                [id],
                notice_from_row,
            )
            .optional()?
            .ok_or(Error::FieldInvalid {
                field: "知悉告知".into(),
                reason: format!("未找到记录 {id}"),
            })
    }

    /// A person's signed notices, oldest first.
    pub fn access_notices(&self, person_id: i64) -> Result<Vec<AccessNotice>> {
        self.people().get(person_id)?;
        let mut st = self.conn.prepare(
            "SELECT id, person_id, signed_on, codes FROM access_notice
             WHERE person_id = ?1 ORDER BY signed_on, id",
        )?;
        let rows = st.query_map([person_id], notice_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every notice of an enterprise's people (for the facts and reports).
    pub fn access_notices_of_enterprise(&self, enterprise_id: &str) -> Result<Vec<AccessNotice>> {
        let mut st = self.conn.prepare(
            "SELECT n.id, n.person_id, n.signed_on, n.codes FROM access_notice n
             JOIN person p ON p.id = n.person_id WHERE p.enterprise_id = ?1
             ORDER BY n.signed_on, n.id",
        )?;
        let rows = st.query_map([enterprise_id], notice_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_access_notice(&self, id: i64) -> Result<()> {
        let n = self.people().access_notice(id)?;
        let p = self.people().get(n.person_id)?;
        super::field::delete_row(
            self,
            "access_notice",
            "知悉告知",
            id,
            &p.enterprise_id,
            format!(
                "{}：{} 签收，密点 {}",
                p.name,
                n.signed_on,
                n.codes.join("、")
            ),
        )
    }
}

impl crate::store::handles::Discipline<'_> {
    /// Record a 违反保密规定的处理记录.
    pub fn add(&self, input: &NewDisciplineRecord) -> Result<DisciplineRecord> {
        self.enterprises().get(&input.enterprise_id)?;
        let occurred = day("发生日期", &input.occurred_on)?;
        let summary = required("事由", &input.summary)?;
        let decided = match input.decided_on.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(d) => Some(day("处理日期", d)?),
        };
        if let Some(d) = decided.as_deref().filter(|d| *d < occurred.as_str()) {
            return Err(Error::FieldInvalid {
                field: "处理日期".into(),
                reason: format!("处理日期 {d} 早于发生日期 {occurred}"),
            });
        }
        let eid = input.enterprise_id.as_str();
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO discipline_record (enterprise_id, occurred_on, summary, measure,
                    decided_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    eid,
                    occurred,
                    summary,
                    input.measure.trim(),
                    decided,
                    now_stamp()
                ],
            )?;
            let id = tx.last_insert_rowid();
            let r = tx.query_row(
                "SELECT id, enterprise_id, occurred_on, summary, measure, decided_on
                 FROM discipline_record WHERE id = ?1",
                [id],
                discipline_from_row,
            )?;
            crate::store::field::record_added(tx, who, eid, "违规处理", id.to_string(), json(&r))?;
            Ok(id)
        })?;
        self.discipline().get(id)
    }

    pub fn get(&self, id: i64) -> Result<DisciplineRecord> {
        self.conn
            .query_row(
                "SELECT id, enterprise_id, occurred_on, summary, measure, decided_on
                 FROM discipline_record WHERE id = ?1",
                [id],
                discipline_from_row,
            )
            .optional()?
            .ok_or(Error::FieldInvalid {
                field: "违规处理".into(),
                reason: format!("未找到记录 {id}"),
            })
    }

    pub fn list(&self, enterprise_id: &str) -> Result<Vec<DisciplineRecord>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(
            "SELECT id, enterprise_id, occurred_on, summary, measure, decided_on
             FROM discipline_record WHERE enterprise_id = ?1 ORDER BY occurred_on, id",
        )?;
        let rows = st.query_map([enterprise_id], discipline_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        let r = self.discipline().get(id)?;
        super::field::delete_row(
            self,
            "discipline_record",
            "违规处理",
            id,
            &r.enterprise_id,
            json(&r),
        )
    }
}
