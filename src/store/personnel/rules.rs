//! 制度清单 (rules bind staff only if adopted democratically and made known,
//! 劳动合同法 Art. 4) and 培训记录 (with attendees from the register).

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::person::person_of;
use super::{day, json, opt_day, required, write_field, Edit};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::{now_stamp, Store};

/// A rule in the 制度清单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleDoc {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub title: String,
    /// 文号.
    pub doc_no: String,
    pub issued_on: String,
    /// 民主程序, e.g. 职工代表大会审议.
    pub democratic_procedure: String,
    /// 公示/告知 date.
    pub publicized_on: Option<String>,
    /// How it was made known, e.g. 公告栏公示、员工签收.
    pub publicity_method: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRuleDoc {
    pub enterprise_id: String,
    pub title: String,
    pub doc_no: String,
    pub issued_on: String,
    pub democratic_procedure: String,
    pub publicized_on: Option<String>,
    pub publicity_method: String,
}

/// The fields of a rule that are edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RuleDocField {
    Title,
    DocNo,
    IssuedOn,
    DemocraticProcedure,
    PublicizedOn,
    PublicityMethod,
}

impl RuleDocField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        use RuleDocField::*;
        match self {
            Title => ("title", "制度名称"),
            DocNo => ("doc_no", "文号"),
            IssuedOn => ("issued_on", "发布日期"),
            DemocraticProcedure => ("democratic_procedure", "民主程序"),
            PublicizedOn => ("publicized_on", "公示/告知日期"),
            PublicityMethod => ("publicity_method", "公示/告知方式"),
        }
    }
}

/// A 培训记录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Training {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub held_on: String,
    pub topic: String,
    pub has_sign_in_sheet: bool,
    pub has_quiz: bool,
    /// Attendees from the personnel register, by id.
    #[ts(type = "number[]")]
    pub attendee_ids: Vec<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewTraining {
    pub enterprise_id: String,
    pub held_on: String,
    pub topic: String,
    pub has_sign_in_sheet: bool,
    pub has_quiz: bool,
    #[ts(type = "number[]")]
    pub attendee_ids: Vec<i64>,
}

const RULE_COLUMNS: &str = "id, enterprise_id, title, doc_no, issued_on, democratic_procedure,
    publicized_on, publicity_method";

fn rule_from_row(r: &Row) -> rusqlite::Result<RuleDoc> {
    Ok(RuleDoc {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        title: r.get(2)?,
        doc_no: r.get(3)?,
        issued_on: r.get(4)?,
        democratic_procedure: r.get(5)?,
        publicized_on: r.get(6)?,
        publicity_method: r.get(7)?,
    })
}

fn get_rule(conn: &Connection, id: i64) -> Result<RuleDoc> {
    conn.query_row(
        &format!("SELECT {RULE_COLUMNS} FROM rule_doc WHERE id = ?1"),
        [id],
        rule_from_row,
    )
    .optional()?
    .ok_or(Error::RuleDocNotFound { id: id.to_string() })
}

fn get_training(conn: &Connection, id: i64) -> Result<Training> {
    let mut t = conn
        .query_row(
            "SELECT id, enterprise_id, held_on, topic, has_sign_in_sheet, has_quiz
             FROM training WHERE id = ?1",
            [id],
            |r| {
                Ok(Training {
                    id: r.get(0)?,
                    enterprise_id: r.get(1)?,
                    held_on: r.get(2)?,
                    topic: r.get(3)?,
                    has_sign_in_sheet: r.get(4)?,
                    has_quiz: r.get(5)?,
                    attendee_ids: vec![],
                })
            },
        )
        .optional()?
        .ok_or(Error::TrainingNotFound { id: id.to_string() })?;
    t.attendee_ids = conn
        .prepare(
            "SELECT person_id FROM training_attendee WHERE training_id = ?1 ORDER BY person_id",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(t)
}

impl Store {
    /// Add a rule to the 制度清单.
    pub fn add_rule_doc(&mut self, input: &NewRuleDoc) -> Result<RuleDoc> {
        self.get_enterprise(&input.enterprise_id)?;
        let title = required("制度名称", &input.title)?;
        let issued = day("发布日期", &input.issued_on)?;
        let publicized = opt_day("公示/告知日期", input.publicized_on.as_deref())?;
        let eid = input.enterprise_id.as_str();
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO rule_doc (enterprise_id, title, doc_no, issued_on, democratic_procedure,
                    publicized_on, publicity_method, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    eid,
                    title,
                    input.doc_no.trim(),
                    issued,
                    input.democratic_procedure.trim(),
                    publicized,
                    input.publicity_method.trim(),
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            let r = get_rule(tx, id)?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(eid),
                    action: "新增",
                    entity: "制度",
                    entity_id: id.to_string(),
                    field: None,
                    old: None,
                    new: Some(json(&r)),
                },
            )?;
            Ok(id)
        })?;
        get_rule(&self.conn, id)
    }

    pub fn get_rule_doc(&self, id: i64) -> Result<RuleDoc> {
        get_rule(&self.conn, id)
    }

    /// The enterprise's rules, by date issued.
    pub fn list_rule_docs(&self, enterprise_id: &str) -> Result<Vec<RuleDoc>> {
        self.get_enterprise(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {RULE_COLUMNS} FROM rule_doc WHERE enterprise_id = ?1 ORDER BY issued_on, id"
        ))?;
        let rows = st.query_map([enterprise_id], rule_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one field of a rule (one transaction, one audit entry). An
    /// empty value clears the 公示/告知 date. Returns the rule as stored.
    pub fn update_rule_doc(
        &mut self,
        id: i64,
        field: RuleDocField,
        value: &str,
    ) -> Result<RuleDoc> {
        let r = get_rule(&self.conn, id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        let new = match field {
            RuleDocField::Title => Value::Text(required(label, v)?),
            RuleDocField::IssuedOn => Value::Text(day(label, v)?),
            RuleDocField::PublicizedOn => match opt_day(label, Some(v))? {
                Some(d) => Value::Text(d),
                None => Value::Null,
            },
            RuleDocField::DocNo
            | RuleDocField::DemocraticProcedure
            | RuleDocField::PublicityMethod => Value::Text(v.to_string()),
        };
        let eid = r.enterprise_id.clone();
        let edit = Edit {
            table: "rule_doc",
            entity: "制度",
            id,
            enterprise_id: &eid,
            column,
            label,
        };
        write_field(self, edit, new, None)?;
        get_rule(&self.conn, id)
    }

    pub fn delete_rule_doc(&mut self, id: i64) -> Result<()> {
        let r = get_rule(&self.conn, id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM rule_doc WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&r.enterprise_id),
                    action: "删除",
                    entity: "制度",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(json(&r)),
                    new: None,
                },
            )
        })
    }

    /// Add a 培训记录; attendees must be people of the same enterprise.
    pub fn add_training(&mut self, input: &NewTraining) -> Result<Training> {
        self.get_enterprise(&input.enterprise_id)?;
        let held = day("培训日期", &input.held_on)?;
        let topic = required("培训主题", &input.topic)?;
        let mut attendees: Vec<i64> = Vec::new();
        for pid in &input.attendee_ids {
            person_of(&self.conn, &input.enterprise_id, *pid)?;
            if !attendees.contains(pid) {
                attendees.push(*pid);
            }
        }
        let eid = input.enterprise_id.as_str();
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO training (enterprise_id, held_on, topic, has_sign_in_sheet, has_quiz, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![eid, held, topic, input.has_sign_in_sheet, input.has_quiz, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            for pid in &attendees {
                tx.execute(
                    "INSERT INTO training_attendee (training_id, person_id) VALUES (?1, ?2)",
                    params![id, pid],
                )?;
            }
            let t = get_training(tx, id)?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(eid),
                    action: "新增",
                    entity: "培训记录",
                    entity_id: id.to_string(),
                    field: None,
                    old: None,
                    new: Some(json(&t)),
                },
            )?;
            Ok(id)
        })?;
        get_training(&self.conn, id)
    }

    pub fn get_training(&self, id: i64) -> Result<Training> {
        get_training(&self.conn, id)
    }

    /// The enterprise's trainings, by date held.
    pub fn list_trainings(&self, enterprise_id: &str) -> Result<Vec<Training>> {
        self.get_enterprise(enterprise_id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM training WHERE enterprise_id = ?1 ORDER BY held_on, id")?
            .query_map([enterprise_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| get_training(&self.conn, id))
            .collect()
    }

    pub fn delete_training(&mut self, id: i64) -> Result<()> {
        let t = get_training(&self.conn, id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM training WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&t.enterprise_id),
                    action: "删除",
                    entity: "培训记录",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(json(&t)),
                    new: None,
                },
            )
        })
    }
}
