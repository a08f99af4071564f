//! Answers to the whole-process control library, once per enterprise (per
//! level only where a control differs by level), and per-密点 exceptions.
//! Which controls apply and the coverage they give are computed in
//! `crate::assess` from these and the library.

use rusqlite::params;
use serde::Serialize;

use super::audit::{self, Change};
use super::{now_stamp, AnswerStatus};
use crate::catalogue::ControlLibrary;
use crate::error::{Error, Result};

/// Schema 12.
pub(super) const MIGRATION: &str = "
CREATE TABLE control_answer (
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    control_id    TEXT NOT NULL,
    level_rank    INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL CHECK (status IN ('已落实', '部分落实', '未落实', '不适用')),
    note          TEXT NOT NULL DEFAULT '',
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, control_id, level_rank)
);
CREATE TABLE control_exception (
    point_id   INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    control_id TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_at TEXT NOT NULL,
    PRIMARY KEY (point_id, control_id)
);
";

/// One answer: `level_rank` 0 = for every level; n = for the level of rank n.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ControlAnswer {
    pub control_id: String,
    #[ts(type = "number")]
    pub level_rank: i64,
    pub status: AnswerStatus,
    pub note: String,
    /// 起始日期: since when the measure has been in place (YYYY-MM-DD), as
    /// the 一密一档 states it; `None` until the user gives it.
    pub started_on: Option<String>,
}

/// Schema 17: when a measure started (the 一密一档's 措施—日期—佐证).
pub(super) const MIGRATION_STARTED: &str = "
ALTER TABLE control_answer ADD COLUMN started_on TEXT;
";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ControlException {
    #[ts(type = "number")]
    pub point_id: i64,
    pub control_id: String,
    pub reason: String,
}

impl crate::store::handles::Controls<'_> {
    /// Answer a control for the enterprise; `level_rank` only for a control
    /// that differs by level. 不适用 needs a reason (the note).
    pub fn set_answer(
        &self,
        library: &ControlLibrary,
        enterprise_id: &str,
        control_id: &str,
        level_rank: Option<usize>,
        status: AnswerStatus,
        note: &str,
    ) -> Result<ControlAnswer> {
        let levels = self.levels().list(enterprise_id)?;
        let control = library
            .controls
            .iter()
            .find(|c| c.id == control_id)
            .ok_or_else(|| Error::ControlNotFound {
                id: control_id.to_string(),
            })?;
        let rank = match level_rank {
            None => 0,
            Some(r) if control.by_level && (1..=levels.len()).contains(&r) => r as i64,
            Some(r) => {
                return Err(Error::FieldInvalid {
                    field: "密级".into(),
                    reason: if control.by_level {
                        format!("第 {r} 级不在本企业的密级方案中")
                    } else {
                        format!("控制措施 {control_id} 不分密级作答")
                    },
                })
            }
        };
        if status == AnswerStatus::Unanswered {
            return Err(Error::AnswerStatusUnknown {
                status: status.label().into(),
            });
        }
        if status.needs_reason() && note.trim().is_empty() {
            return Err(Error::NotApplicableNeedsReason);
        }
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO control_answer (enterprise_id, control_id, level_rank, status, note, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (enterprise_id, control_id, level_rank) DO UPDATE SET
                    status = excluded.status, note = excluded.note, updated_at = excluded.updated_at",
                params![enterprise_id, control_id, rank, status.label(), note.trim(), now_stamp()],
            )?;
            audit::record(tx, who, Change {
                enterprise_id: Some(enterprise_id),
                action: "修改",
                entity: "控制措施",
                entity_id: if rank == 0 { control_id.to_string() } else { format!("{control_id}/第{rank}级") },
                field: Some("状态"),
                old: None,
                new: Some(status.label().to_string()),
            })
        })?;
        self.answer(enterprise_id, control_id, rank)
    }

    fn answer(&self, enterprise_id: &str, control_id: &str, rank: i64) -> Result<ControlAnswer> {
        self.answers(enterprise_id)?
            .into_iter()
            .find(|a| a.control_id == control_id && a.level_rank == rank)
            .ok_or_else(|| Error::ControlNotAnswered {
                id: control_id.to_string(),
            })
    }

    /// Record since when an answered control has been in place (起始日期):
    /// a past date, or empty to clear it. `level_rank` as in `set_answer`.
    pub fn set_started(
        &self,
        enterprise_id: &str,
        control_id: &str,
        level_rank: Option<usize>,
        started_on: &str,
        today: chrono::NaiveDate,
    ) -> Result<ControlAnswer> {
        let rank = level_rank.map_or(0, |r| r as i64);
        let old = self.answer(enterprise_id, control_id, rank)?;
        let new = match started_on.trim() {
            "" => None,
            v => {
                let d = super::field::parse_day("起始日期", v)?;
                super::field::not_after_today("起始日期", d, today)?;
                Some(super::field::day(d))
            }
        };
        if new == old.started_on {
            return Ok(old);
        }
        self.write(|tx, who| {
            tx.execute(
                "UPDATE control_answer SET started_on = ?4, updated_at = ?5
                 WHERE enterprise_id = ?1 AND control_id = ?2 AND level_rank = ?3",
                params![enterprise_id, control_id, rank, new, now_stamp()],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(enterprise_id),
                    action: "修改",
                    entity: "控制措施",
                    entity_id: if rank == 0 {
                        control_id.to_string()
                    } else {
                        format!("{control_id}/第{rank}级")
                    },
                    field: Some("起始日期"),
                    old: old.started_on.clone(),
                    new: new.clone(),
                },
            )
        })?;
        self.answer(enterprise_id, control_id, rank)
    }

    pub fn answers(&self, enterprise_id: &str) -> Result<Vec<ControlAnswer>> {
        let mut st = self.conn.prepare_cached(
            "SELECT control_id, level_rank, status, note, started_on FROM control_answer
             WHERE enterprise_id = ?1 ORDER BY control_id, level_rank",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            let status: String = r.get(2)?;
            Ok(ControlAnswer {
                control_id: r.get(0)?,
                level_rank: r.get(1)?,
                status: AnswerStatus::parse(&status).unwrap_or(AnswerStatus::Unanswered),
                note: r.get(3)?,
                started_on: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A control does not apply to this 密点, for a written reason.
    pub fn set_exception(&self, point_id: i64, control_id: &str, reason: &str) -> Result<()> {
        let p = self.points().get(point_id)?;
        if reason.trim().is_empty() {
            return Err(Error::NotApplicableNeedsReason);
        }
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO control_exception (point_id, control_id, reason, created_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (point_id, control_id) DO UPDATE SET reason = excluded.reason",
                params![point_id, control_id, reason.trim(), now_stamp()],
            )?;
            audit::record(tx, who, Change {
                enterprise_id: Some(&p.enterprise_id),
                action: "修改",
                entity: "控制措施例外",
                entity_id: format!("{}/{control_id}", p.code),
                field: Some("理由"),
                old: None,
                new: Some(reason.trim().to_string()),
            })
        })
    }

    pub fn exceptions(&self, enterprise_id: &str) -> Result<Vec<ControlException>> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.point_id, e.control_id, e.reason FROM control_exception e
             JOIN secret_point p ON p.id = e.point_id WHERE p.enterprise_id = ?1 ORDER BY e.point_id, e.control_id",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            Ok(ControlException {
                point_id: r.get(0)?,
                control_id: r.get(1)?,
                reason: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The carrier kinds of each 密点 (by id) of an enterprise.
    pub fn point_carrier_kinds(&self, enterprise_id: &str) -> Result<Vec<(i64, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT cp.point_id, c.kind FROM carrier_point cp JOIN carrier c ON c.id = cp.carrier_id
             WHERE c.enterprise_id = ?1",
        )?;
        let rows = st.query_map([enterprise_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
