//! 培训记录: date, topic, sign-in sheet, quiz, and the attendees from the
//! personnel register (coverage is derived from them for scoring).

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::person::person_of;
use super::{day, json, required};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::now_stamp;

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

impl crate::store::handles::Trainings<'_> {
    /// Add a 培训记录; attendees must be people of the same enterprise.
    pub fn add(&self, input: &NewTraining) -> Result<Training> {
        self.enterprises().get(&input.enterprise_id)?;
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
            crate::store::field::record_added(tx, who, eid, "培训记录", id.to_string(), json(&t))?;
            Ok(id)
        })?;
        get_training(&self.conn, id)
    }

    pub fn get(&self, id: i64) -> Result<Training> {
        get_training(&self.conn, id)
    }

    /// The enterprise's trainings, by date held.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Training>> {
        self.enterprises().get(enterprise_id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM training WHERE enterprise_id = ?1 ORDER BY held_on, id")?
            .query_map([enterprise_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| get_training(&self.conn, id))
            .collect()
    }

    pub fn delete(&self, id: i64) -> Result<()> {
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
