//! 保密协议/承诺书 per person, and the 离职记录 (one per person who left).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::person::get_person;
use super::{day, json, opt_day};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::now_stamp;

crate::wire_enum! {
    /// The kind of a confidentiality agreement.
    pub enum AgreementKind {
        Nda = ("nda", "保密协议"),
        Pledge = ("pledge", "保密承诺书"),
        ContractClause = ("contract_clause", "劳动合同保密条款"),
    }
}

impl AgreementKind {
    pub fn parse(s: &str) -> Result<AgreementKind> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
            .ok_or_else(|| Error::FieldInvalid {
                field: "协议类型".into(),
                reason: format!(
                    "“{t}”无效，应为：{}",
                    Self::ALL.map(|k| k.label()).join("、")
                ),
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Agreement {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: AgreementKind,
    pub signed_on: String,
    pub expires_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAgreement {
    #[ts(type = "number")]
    pub person_id: i64,
    pub kind: AgreementKind,
    pub signed_on: String,
    /// Empty or absent: no end date.
    pub expires_on: Option<String>,
}

/// 离职记录: what was done when the person left (SPC 2020 Art. 6(6)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ExitRecord {
    #[ts(type = "number")]
    pub person_id: i64,
    /// 交接清单 done.
    pub handover_done: bool,
    /// 载体返还/删除确认 obtained.
    pub return_confirmed: bool,
    /// The day the person's access was revoked.
    pub access_revoked_on: Option<String>,
    /// 离职提醒函 sent.
    pub reminder_letter_sent: bool,
    /// The day this record was made.
    pub recorded_on: String,
}

/// What the user enters; dates as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewExitRecord {
    #[ts(type = "number")]
    pub person_id: i64,
    pub handover_done: bool,
    pub return_confirmed: bool,
    pub access_revoked_on: Option<String>,
    pub reminder_letter_sent: bool,
    pub recorded_on: String,
}

const AGREEMENT_COLS: &str = "a.id, a.person_id, a.kind, a.signed_on, a.expires_on";

fn agreement_row(r: &rusqlite::Row) -> rusqlite::Result<Agreement> {
    let kind: String = r.get(2)?;
    Ok(Agreement {
        id: r.get(0)?,
        person_id: r.get(1)?,
        // The table's CHECK admits only the three labels.
        kind: AgreementKind::parse(&kind).unwrap_or(AgreementKind::Nda),
        signed_on: r.get(3)?,
        expires_on: r.get(4)?,
    })
}

fn get_agreement(conn: &Connection, id: i64) -> Result<Agreement> {
    conn.query_row(
        &format!("SELECT {AGREEMENT_COLS} FROM agreement a WHERE a.id = ?1"),
        [id],
        agreement_row,
    )
    .optional()?
    .ok_or(Error::AgreementNotFound { id: id.to_string() })
}

fn read_exit(conn: &Connection, person_id: i64) -> Result<Option<ExitRecord>> {
    Ok(conn
        .query_row(
            "SELECT person_id, handover_done, return_confirmed, access_revoked_on,
                    reminder_letter_sent, recorded_on
             FROM exit_record WHERE person_id = ?1",
            [person_id],
            |r| {
                Ok(ExitRecord {
                    person_id: r.get(0)?,
                    handover_done: r.get(1)?,
                    return_confirmed: r.get(2)?,
                    access_revoked_on: r.get(3)?,
                    reminder_letter_sent: r.get(4)?,
                    recorded_on: r.get(5)?,
                })
            },
        )
        .optional()?)
}

impl crate::store::handles::People<'_> {
    /// Record a 保密协议, 保密承诺书 or 劳动合同保密条款 of a person.
    pub fn add_agreement(&self, input: &NewAgreement) -> Result<Agreement> {
        let p = get_person(&self.conn, input.person_id)?;
        self.enterprises().get(&p.enterprise_id)?;
        let signed = day("签订日期", &input.signed_on)?;
        let expires = opt_day("到期日期", input.expires_on.as_deref())?;
        if let Some(x) = &expires {
            if *x < signed {
                return Err(Error::FieldInvalid {
                    field: "到期日期".into(),
                    reason: format!("{x} 早于签订日期 {signed}"),
                });
            }
        }
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO agreement (person_id, kind, signed_on, expires_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![p.id, input.kind.label(), signed, expires, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            let a = get_agreement(tx, id)?;
            crate::store::field::record_added(
                tx,
                who,
                &p.enterprise_id,
                "保密协议",
                id.to_string(),
                format!("{}：{}", p.name, json(&a)),
            )?;
            Ok(id)
        })?;
        get_agreement(&self.conn, id)
    }

    /// A person's agreements, by signing date.
    pub fn agreements(&self, person_id: i64) -> Result<Vec<Agreement>> {
        get_person(&self.conn, person_id)?;
        Ok(self
            .conn
            .prepare(&format!(
                "SELECT {AGREEMENT_COLS} FROM agreement a WHERE a.person_id = ?1
                 ORDER BY a.signed_on, a.id"
            ))?
            .query_map([person_id], agreement_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every agreement of an enterprise's people in one query (the register
    /// shows each person's), by person, then signing date.
    pub fn agreements_of_enterprise(&self, enterprise_id: &str) -> Result<Vec<Agreement>> {
        self.enterprises().get(enterprise_id)?;
        Ok(self
            .conn
            .prepare(&format!(
                "SELECT {AGREEMENT_COLS} FROM agreement a JOIN person p ON p.id = a.person_id
                 WHERE p.enterprise_id = ?1 ORDER BY a.person_id, a.signed_on, a.id"
            ))?
            .query_map([enterprise_id], agreement_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_agreement(&self, id: i64) -> Result<()> {
        let a = get_agreement(&self.conn, id)?;
        let p = get_person(&self.conn, a.person_id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM agreement WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "保密协议",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(format!("{}：{}", p.name, json(&a))),
                    new: None,
                },
            )
        })
    }

    /// Record (or replace) the 离职记录 of a person who has an exit date.
    pub fn record_exit(&self, input: &NewExitRecord) -> Result<ExitRecord> {
        let p = get_person(&self.conn, input.person_id)?;
        self.enterprises().get(&p.enterprise_id)?;
        if p.exit_date.is_none() {
            return Err(Error::ExitDateMissing { name: p.name });
        }
        let revoked = opt_day("权限撤销日期", input.access_revoked_on.as_deref())?;
        let recorded = day("记录日期", &input.recorded_on)?;
        let old = read_exit(&self.conn, p.id)?;
        let new = ExitRecord {
            person_id: p.id,
            handover_done: input.handover_done,
            return_confirmed: input.return_confirmed,
            access_revoked_on: revoked,
            reminder_letter_sent: input.reminder_letter_sent,
            recorded_on: recorded,
        };
        if old.as_ref() == Some(&new) {
            return Ok(new);
        }
        self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO exit_record (person_id, handover_done, return_confirmed,
                    access_revoked_on, reminder_letter_sent, recorded_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (person_id) DO UPDATE SET
                    handover_done = excluded.handover_done,
                    return_confirmed = excluded.return_confirmed,
                    access_revoked_on = excluded.access_revoked_on,
                    reminder_letter_sent = excluded.reminder_letter_sent,
                    recorded_on = excluded.recorded_on,
                    updated_at = excluded.updated_at",
                params![
                    new.person_id,
                    new.handover_done,
                    new.return_confirmed,
                    new.access_revoked_on,
                    new.reminder_letter_sent,
                    new.recorded_on,
                    now
                ],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: if old.is_some() { "修改" } else { "新增" },
                    entity: "离职记录",
                    entity_id: p.id.to_string(),
                    field: None,
                    old: old.as_ref().map(json),
                    new: Some(json(&new)),
                },
            )
        })?;
        read_exit(&self.conn, p.id)?.ok_or(Error::ExitRecordNotFound {
            id: p.id.to_string(),
        })
    }

    /// The 离职记录 of a person, if one was made.
    pub fn exit_record(&self, person_id: i64) -> Result<Option<ExitRecord>> {
        get_person(&self.conn, person_id)?;
        read_exit(&self.conn, person_id)
    }

    pub fn delete_exit_record(&self, person_id: i64) -> Result<()> {
        let p = get_person(&self.conn, person_id)?;
        let old = read_exit(&self.conn, person_id)?.ok_or(Error::ExitRecordNotFound {
            id: person_id.to_string(),
        })?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM exit_record WHERE person_id = ?1", [person_id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "离职记录",
                    entity_id: person_id.to_string(),
                    field: None,
                    old: Some(json(&old)),
                    new: None,
                },
            )
        })
    }
}
