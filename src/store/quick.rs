//! Schema 13: 快速自查, the quick check. About twenty plain questions (data
//! in the catalogue); each answer sets provisional statuses on criteria of
//! the round, flagged 待复核 so that the full flow confirms them. A
//! provisional status never overwrites an answer given in the full flow,
//! and changing a quick answer takes back what the old one set.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::audit::{self, Change};
use super::{now_stamp, AnswerStatus};
use crate::catalogue::Catalogue;
use crate::error::{Error, Result};

pub(super) const MIGRATION: &str = "
CREATE TABLE quick_answer (
    assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
    question_id   TEXT NOT NULL,
    answer_index  INTEGER NOT NULL,
    answered_at   TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
);
ALTER TABLE answer ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;
";

/// Note written on a provisional answer.
const NOTE_PREFIX: &str = "快速自查：";

/// The quick check as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct QuickView {
    /// The round the answers go to (`None` before the first answer).
    #[ts(type = "number | null")]
    pub round_id: Option<i64>,
    pub questions: Vec<QuickItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct QuickItem {
    pub id: String,
    pub question: String,
    pub answers: Vec<String>,
    /// The answer chosen, by index.
    #[ts(type = "number | null")]
    pub chosen: Option<usize>,
}

impl crate::store::handles::Rounds<'_> {
    /// The quick check of an enterprise's latest round.
    pub fn quick_check_of(&self, enterprise_id: &str, catalogue: &Catalogue) -> Result<QuickView> {
        let round = self.rounds().latest(enterprise_id)?.map(|r| r.id);
        self.rounds().quick_view(round, catalogue)
    }

    /// Answer a quick question for an enterprise, in its latest round or
    /// the first one started now (see `open_round_for`).
    pub fn answer_quick_for(
        &self,
        enterprise_id: &str,
        catalogue: &Catalogue,
        question_id: &str,
        answer_index: usize,
        today: chrono::NaiveDate,
    ) -> Result<QuickView> {
        let round = self.rounds().open_for(enterprise_id, catalogue, today)?;
        self.rounds()
            .answer_quick(round, catalogue, question_id, answer_index)?;
        self.rounds().quick_view(Some(round), catalogue)
    }

    /// The round that answers go to: the latest one, or — when there is
    /// none yet — the first, started now (基准日 `today`, the operator as
    /// 填报人), since an enterprise may answer before it formally starts.
    pub fn open_for(
        &self,
        enterprise_id: &str,
        catalogue: &Catalogue,
        today: chrono::NaiveDate,
    ) -> Result<i64> {
        if let Some(r) = self.rounds().latest(enterprise_id)? {
            return Ok(r.id);
        }
        let filler = self.settings().operator()?.unwrap_or_default();
        Ok(self
            .rounds()
            .start(&super::NewRound {
                enterprise_id: enterprise_id.to_string(),
                catalogue_id: catalogue.id.clone(),
                catalogue_version: catalogue.version.clone(),
                base_date: today.format("%Y-%m-%d").to_string(),
                filler,
                reviewer: String::new(),
            })?
            .id)
    }

    /// The quick check of a round (`None`: no round yet) against `catalogue`.
    pub fn quick_view(&self, round_id: Option<i64>, catalogue: &Catalogue) -> Result<QuickView> {
        let chosen = match round_id {
            Some(id) => self.rounds().quick_answers(id)?,
            None => Vec::new(),
        };
        Ok(QuickView {
            round_id,
            questions: catalogue
                .quick_check
                .iter()
                .map(|q| QuickItem {
                    id: q.id.clone(),
                    question: q.question.clone(),
                    answers: q.answers.iter().map(|a| a.label.clone()).collect(),
                    chosen: chosen.iter().find(|(id, _)| *id == q.id).map(|(_, i)| *i),
                })
                .collect(),
        })
    }

    /// The quick answers of a round: (question, answer index).
    pub fn quick_answers(&self, round_id: i64) -> Result<Vec<(String, usize)>> {
        let mut st = self.conn.prepare(
            "SELECT question_id, answer_index FROM quick_answer WHERE assessment_id = ?1 ORDER BY question_id",
        )?;
        let rows = st.query_map([round_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Answer one quick question: record it and set its provisional
    /// statuses (one transaction, one audit entry). Returns how many
    /// criteria now carry a provisional status from it.
    pub fn answer_quick(
        &self,
        round_id: i64,
        catalogue: &Catalogue,
        question_id: &str,
        answer_index: usize,
    ) -> Result<usize> {
        let round = self.rounds().get(round_id)?;
        if round.closed_at.is_some() {
            return Err(Error::RoundClosed {
                round: round.round_no.to_string(),
            });
        }
        let q = catalogue
            .quick_check
            .iter()
            .find(|q| q.id == question_id)
            .ok_or_else(|| Error::FieldInvalid {
                field: "快速自查".into(),
                reason: format!("没有问题 {question_id}"),
            })?;
        let answer = q
            .answers
            .get(answer_index)
            .ok_or_else(|| Error::FieldInvalid {
                field: "快速自查".into(),
                reason: format!("问题 {question_id} 没有第 {} 个答案", answer_index + 1),
            })?;
        let sets: Vec<(String, AnswerStatus)> = answer
            .sets
            .iter()
            .map(|s| Ok((s.criterion.clone(), AnswerStatus::parse(&s.status)?)))
            .collect::<Result<_>>()?;
        let previous = self
            .rounds()
            .quick_answers(round_id)?
            .into_iter()
            .find(|(id, _)| id == question_id)
            .and_then(|(_, i)| q.answers.get(i));
        let eid = round.enterprise_id.clone();
        let note = format!("{NOTE_PREFIX}{}", answer.label);
        let mut set = 0;
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO quick_answer (assessment_id, question_id, answer_index, answered_at)
                 VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (assessment_id, question_id) DO UPDATE SET
                    answer_index = excluded.answer_index, answered_at = excluded.answered_at",
                params![round_id, question_id, answer_index as i64, now_stamp()],
            )?;
            // Only a criterion without an answer, or with a provisional
            // one, takes a provisional status.
            let open = |criterion: &str| -> Result<bool> {
                let p: Option<i64> = tx
                    .query_row(
                        "SELECT provisional FROM answer WHERE assessment_id = ?1 AND criterion_id = ?2",
                        params![round_id, criterion],
                        |r| r.get(0),
                    )
                    .optional()?;
                Ok(p.is_none_or(|p| p == 1))
            };
            if let Some(old) = previous {
                for s in &old.sets {
                    if !sets.iter().any(|(c, _)| *c == s.criterion) && open(&s.criterion)? {
                        tx.execute(
                            "DELETE FROM answer WHERE assessment_id = ?1 AND criterion_id = ?2 AND provisional = 1",
                            params![round_id, s.criterion],
                        )?;
                    }
                }
            }
            for (criterion, status) in &sets {
                if !open(criterion)? {
                    continue;
                }
                tx.execute(
                    "INSERT INTO answer (assessment_id, criterion_id, status, note, needs_review, provisional, updated_at)
                     VALUES (?1, ?2, ?3, ?4, 1, 1, ?5)
                     ON CONFLICT (assessment_id, criterion_id) DO UPDATE SET
                        status = excluded.status, note = excluded.note, needs_review = 1,
                        provisional = 1, updated_at = excluded.updated_at",
                    params![round_id, criterion, status.label(), note, now_stamp()],
                )?;
                set += 1;
            }
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&eid),
                    action: "修改",
                    entity: "快速自查",
                    entity_id: format!("第{}次/{question_id}", round.round_no),
                    field: None,
                    old: previous.map(|a| a.label.clone()),
                    new: Some(answer.label.clone()),
                },
            )
        })?;
        Ok(set)
    }
}
