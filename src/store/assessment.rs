//! Assessment rounds (第 N 次自评) and their answers. A new round starts as a
//! copy of the last one with every answer flagged 待复核; closing a round
//! (完成本轮) freezes a score snapshot and a copy of the catalogue it used.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::audit::{self, Change};
use super::now_stamp;
use crate::error::{Error, Result};
use crate::model::level::parse_date;

/// Schema 8: rounds and answers.
pub(super) const MIGRATION: &str = "
CREATE TABLE assessment (
    id                INTEGER PRIMARY KEY,
    enterprise_id     TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    round_no          INTEGER NOT NULL,
    catalogue_id      TEXT NOT NULL,
    catalogue_version TEXT NOT NULL,
    base_date         TEXT NOT NULL,
    filler            TEXT NOT NULL DEFAULT '',
    reviewer          TEXT NOT NULL DEFAULT '',
    highlights        TEXT NOT NULL DEFAULT '',
    next_steps        TEXT NOT NULL DEFAULT '',
    closed_at         TEXT,
    snapshot          TEXT,
    catalogue_copy    TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (enterprise_id, round_no)
);
CREATE TABLE answer (
    assessment_id   INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    criterion_id    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('已落实', '部分落实', '未落实', '不适用', '未评')),
    note            TEXT NOT NULL DEFAULT '',
    na_reason       TEXT NOT NULL DEFAULT '',
    override_reason TEXT NOT NULL DEFAULT '',
    needs_review    INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (assessment_id, criterion_id)
);
";

pub use crate::model::AnswerStatus;

/// What the app asks to start a round; the catalogue is the built-in one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRoundInput {
    pub enterprise_id: String,
    pub base_date: String,
    pub filler: String,
    pub reviewer: String,
}

/// A round of self-assessment (第 N 次自评).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    #[ts(type = "number")]
    pub round_no: i64,
    pub catalogue_id: String,
    pub catalogue_version: String,
    /// 自评基准日.
    pub base_date: String,
    /// 填报人, 审核人.
    pub filler: String,
    pub reviewer: String,
    /// 特色做法 and 下一步工作, written for the report.
    pub highlights: String,
    pub next_steps: String,
    pub closed_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRound {
    pub enterprise_id: String,
    pub catalogue_id: String,
    pub catalogue_version: String,
    pub base_date: String,
    pub filler: String,
    pub reviewer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    pub criterion_id: String,
    pub status: AnswerStatus,
    pub note: String,
    pub na_reason: String,
    pub override_reason: String,
    /// Copied from the last round and not yet looked at again (待复核).
    pub needs_review: bool,
    /// Set from a 快速自查 answer, not yet answered in the full flow.
    pub provisional: bool,
}

/// The round fields edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RoundField {
    BaseDate,
    Filler,
    Reviewer,
    Highlights,
    NextSteps,
}

fn round_from_row(r: &Row) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        round_no: r.get(2)?,
        catalogue_id: r.get(3)?,
        catalogue_version: r.get(4)?,
        base_date: r.get(5)?,
        filler: r.get(6)?,
        reviewer: r.get(7)?,
        highlights: r.get(8)?,
        next_steps: r.get(9)?,
        closed_at: r.get(10)?,
    })
}

const ROUND_COLUMNS: &str =
    "id, enterprise_id, round_no, catalogue_id, catalogue_version, base_date,
    filler, reviewer, highlights, next_steps, closed_at";

fn base_date(v: &str) -> Result<String> {
    parse_date(v)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .ok_or_else(|| Error::FieldInvalid {
            field: "自评基准日".into(),
            reason: format!("“{}”不是有效日期（如 2026-05-01）", v.trim()),
        })
}

impl crate::store::handles::Rounds<'_> {
    /// Start the next round. With an earlier round, its answers and texts
    /// are copied and every answer is flagged 待复核. The last round must be
    /// closed first.
    pub fn start(&self, input: &NewRound) -> Result<Assessment> {
        self.enterprises().get(&input.enterprise_id)?;
        let date = base_date(&input.base_date)?;
        let last = self.rounds().latest(&input.enterprise_id)?;
        if let Some(l) = &last {
            if l.closed_at.is_none() {
                return Err(Error::RoundStillOpen {
                    round: l.round_no.to_string(),
                });
            }
        }
        let round_no = last.as_ref().map_or(1, |l| l.round_no + 1);
        let eid = input.enterprise_id.clone();
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO assessment (enterprise_id, round_no, catalogue_id, catalogue_version, base_date,
                    filler, reviewer, highlights, next_steps, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    eid,
                    round_no,
                    input.catalogue_id,
                    input.catalogue_version,
                    date,
                    input.filler.trim(),
                    input.reviewer.trim(),
                    last.as_ref().map_or("", |l| l.highlights.as_str()),
                    last.as_ref().map_or("", |l| l.next_steps.as_str()),
                    now_stamp()
                ],
            )?;
            let id = tx.last_insert_rowid();
            if let Some(l) = &last {
                tx.execute(
                    "INSERT INTO answer (assessment_id, criterion_id, status, note, na_reason, override_reason,
                        needs_review, updated_at)
                     SELECT ?1, criterion_id, status, note, na_reason, override_reason, 1, ?3
                     FROM answer WHERE assessment_id = ?2",
                    params![id, l.id, now_stamp()],
                )?;
                // The answers' evidence comes along (target id "<round>/<criterion>").
                tx.execute(
                    "INSERT OR IGNORE INTO evidence_link (evidence_id, target_kind, target_id, created_at)
                     SELECT evidence_id, 'answer', ?1 || substr(target_id, length(?2) + 1), ?3
                     FROM evidence_link WHERE target_kind = 'answer' AND substr(target_id, 1, length(?2)) = ?2",
                    params![id.to_string(), format!("{}/", l.id), now_stamp()],
                )?;
            }
            crate::store::field::record_added(tx, who, &eid, "自评", format!("第{round_no}次"), format!("自评基准日 {date}"))?;
            Ok(id)
        })?;
        self.rounds().get(id)
    }

    pub fn get(&self, id: i64) -> Result<Assessment> {
        self.conn
            .query_row(
                &format!("SELECT {ROUND_COLUMNS} FROM assessment WHERE id = ?1"),
                [id],
                round_from_row,
            )
            .optional()?
            .ok_or(Error::RoundNotFound { id: id.to_string() })
    }

    pub fn latest(&self, enterprise_id: &str) -> Result<Option<Assessment>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {ROUND_COLUMNS} FROM assessment WHERE enterprise_id = ?1 ORDER BY round_no DESC LIMIT 1"
                ),
                [enterprise_id],
                round_from_row,
            )
            .optional()?)
    }

    /// The latest round, refused as `NO_ROUND` (naming the enterprise) when
    /// none was started.
    pub fn latest_required(&self, enterprise_id: &str) -> Result<Assessment> {
        let enterprise = self.enterprises().get(enterprise_id)?;
        self.rounds().latest(enterprise_id)?.ok_or(Error::NoRound {
            name: enterprise.name,
        })
    }

    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Assessment>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {ROUND_COLUMNS} FROM assessment WHERE enterprise_id = ?1 ORDER BY round_no"
        ))?;
        let rows = st.query_map([enterprise_id], round_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Answer a criterion (clears its 待复核 flag). 不适用 needs a reason.
    pub fn set_answer(
        &self,
        assessment_id: i64,
        criterion_id: &str,
        status: AnswerStatus,
        note: &str,
        na_reason: &str,
    ) -> Result<Answer> {
        let round = self.rounds().get(assessment_id)?;
        if round.closed_at.is_some() {
            return Err(Error::RoundClosed {
                round: round.round_no.to_string(),
            });
        }
        let na = na_reason.trim();
        if status.needs_reason() && na.is_empty() {
            return Err(Error::NotApplicableNeedsReason);
        }
        let old = self.rounds().answer(assessment_id, criterion_id)?;
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO answer (assessment_id, criterion_id, status, note, na_reason, needs_review, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6)
                 ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET
                    status = excluded.status, note = excluded.note, na_reason = excluded.na_reason,
                    needs_review = 0, provisional = 0, updated_at = excluded.updated_at",
                params![assessment_id, criterion_id, status.label(), note.trim(), na, now_stamp()],
            )?;
            audit::record(tx, who, Change {
                enterprise_id: Some(&round.enterprise_id),
                action: "修改",
                entity: "自评答案",
                entity_id: format!("第{}次/{criterion_id}", round.round_no),
                field: Some("状态"),
                old: old.map(|a| a.status.label().to_string()),
                new: Some(status.label().to_string()),
            })
        })?;
        self.rounds()
            .answer(assessment_id, criterion_id)?
            .ok_or(Error::RoundNotFound {
                id: assessment_id.to_string(),
            })
    }

    /// Override a derived criterion with the user's own answer and a written
    /// reason (the report shows it); an empty reason removes the override,
    /// so the registers answer again.
    pub fn override_answer(
        &self,
        assessment_id: i64,
        criterion_id: &str,
        status: AnswerStatus,
        reason: &str,
    ) -> Result<Answer> {
        let round = self.rounds().get(assessment_id)?;
        if round.closed_at.is_some() {
            return Err(Error::RoundClosed {
                round: round.round_no.to_string(),
            });
        }
        let reason = reason.trim();
        let old = self.rounds().answer(assessment_id, criterion_id)?;
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO answer (assessment_id, criterion_id, status, override_reason, needs_review, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 0, ?5)
                 ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET
                    status = excluded.status, override_reason = excluded.override_reason,
                    needs_review = 0, updated_at = excluded.updated_at",
                params![assessment_id, criterion_id, status.label(), reason, now_stamp()],
            )?;
            audit::record(tx, who, Change {
                enterprise_id: Some(&round.enterprise_id),
                action: "修改",
                entity: "自评答案",
                entity_id: format!("第{}次/{criterion_id}", round.round_no),
                field: Some("推导结果的人工调整"),
                old: old.map(|a| format!("{}（{}）", a.status.label(), a.override_reason)),
                new: Some(if reason.is_empty() {
                    "取消调整".to_string()
                } else {
                    format!("{}（{reason}）", status.label())
                }),
            })
        })?;
        self.rounds()
            .answer(assessment_id, criterion_id)?
            .ok_or(Error::RoundNotFound {
                id: assessment_id.to_string(),
            })
    }

    pub fn answer(&self, assessment_id: i64, criterion_id: &str) -> Result<Option<Answer>> {
        Ok(self
            .conn
            .query_row(
                "SELECT criterion_id, status, note, na_reason, override_reason, needs_review, provisional
                 FROM answer WHERE assessment_id = ?1 AND criterion_id = ?2",
                params![assessment_id, criterion_id],
                answer_from_row,
            )
            .optional()?)
    }

    pub fn answers(&self, assessment_id: i64) -> Result<Vec<Answer>> {
        self.rounds().get(assessment_id)?;
        let mut st = self.conn.prepare(
            "SELECT criterion_id, status, note, na_reason, override_reason, needs_review, provisional
             FROM answer WHERE assessment_id = ?1 ORDER BY criterion_id",
        )?;
        let rows = st.query_map([assessment_id], answer_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one round field (one transaction, one audit entry).
    pub fn update(&self, id: i64, field: RoundField, value: &str) -> Result<Assessment> {
        let round = self.rounds().get(id)?;
        // A closed round's report is fixed: its texts change no more than its answers.
        if round.closed_at.is_some() {
            return Err(Error::RoundClosed {
                round: round.round_no.to_string(),
            });
        }
        let (column, label, old) = match field {
            RoundField::BaseDate => ("base_date", "自评基准日", round.base_date.clone()),
            RoundField::Filler => ("filler", "填报人", round.filler.clone()),
            RoundField::Reviewer => ("reviewer", "审核人", round.reviewer.clone()),
            RoundField::Highlights => ("highlights", "特色做法", round.highlights.clone()),
            RoundField::NextSteps => ("next_steps", "下一步工作", round.next_steps.clone()),
        };
        let new = match field {
            RoundField::BaseDate => base_date(value)?,
            _ => value.trim().to_string(),
        };
        if new == old {
            return Ok(round);
        }
        self.write(|tx, who| {
            tx.execute(
                &format!("UPDATE assessment SET {column} = ?2 WHERE id = ?1"),
                params![id, new],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&round.enterprise_id),
                    action: "修改",
                    entity: "自评",
                    entity_id: format!("第{}次", round.round_no),
                    field: Some(label),
                    old: Some(old),
                    new: Some(new.clone()),
                },
            )
        })?;
        self.rounds().get(id)
    }

    /// 完成本轮: freeze the score snapshot and the catalogue it used (JSON
    /// texts computed by the caller). A closed round takes no more answers.
    pub fn close(&self, id: i64, snapshot: &str, catalogue: &str) -> Result<Assessment> {
        let round = self.rounds().get(id)?;
        if round.closed_at.is_some() {
            return Err(Error::RoundClosed {
                round: round.round_no.to_string(),
            });
        }
        self.write(|tx, who| {
            tx.execute(
                "UPDATE assessment SET closed_at = ?2, snapshot = ?3, catalogue_copy = ?4 WHERE id = ?1",
                params![id, now_stamp(), snapshot, catalogue],
            )?;
            audit::record(tx, who, Change {
                enterprise_id: Some(&round.enterprise_id),
                action: "完成",
                entity: "自评",
                entity_id: format!("第{}次", round.round_no),
                field: None,
                old: None,
                new: None,
            })
        })?;
        self.rounds().get(id)
    }

    /// The frozen snapshot and catalogue copy of a closed round.
    pub fn snapshot(&self, id: i64) -> Result<Option<(String, String)>> {
        Ok(self.conn.query_row(
            "SELECT snapshot, catalogue_copy FROM assessment WHERE id = ?1",
            [id],
            |r| {
                Ok(r.get::<_, Option<String>>(0)?
                    .zip(r.get::<_, Option<String>>(1)?))
            },
        )?)
    }
}

fn answer_from_row(r: &Row) -> rusqlite::Result<Answer> {
    let status: String = r.get(1)?;
    Ok(Answer {
        criterion_id: r.get(0)?,
        // The table's CHECK admits only the five labels.
        status: AnswerStatus::parse(&status).unwrap_or(AnswerStatus::Unanswered),
        note: r.get(2)?,
        na_reason: r.get(3)?,
        override_reason: r.get(4)?,
        needs_review: r.get(5)?,
        provisional: r.get(6)?,
    })
}
