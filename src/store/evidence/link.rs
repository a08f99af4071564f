//! Evidence attached to other records: an answer of an assessment round, an
//! agreement, a rule, a training, an exit record, an incident, a 密点, an
//! approval. One generic table keyed by (target kind, target id).

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::material::{self, Evidence};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::{now_stamp, Store};

/// The kinds of record evidence attaches to. Serialised as snake names
/// (`exit_record`), which are also what the table stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceTargetKind {
    /// An answer: target id `<assessment_id>/<criterion_id>`.
    Answer,
    /// A 保密协议/承诺书 of the personnel register.
    Agreement,
    /// A rule of the 制度清单.
    RuleDoc,
    Training,
    ExitRecord,
    Incident,
    SecretPoint,
    /// A 定密/变更/解密 approval record.
    Approval,
    /// A signed 知悉告知书.
    AccessNotice,
    /// A 违反保密规定的处理记录.
    Discipline,
}

impl EvidenceTargetKind {
    pub const ALL: [EvidenceTargetKind; 10] = [
        EvidenceTargetKind::Answer,
        EvidenceTargetKind::Agreement,
        EvidenceTargetKind::RuleDoc,
        EvidenceTargetKind::Training,
        EvidenceTargetKind::ExitRecord,
        EvidenceTargetKind::Incident,
        EvidenceTargetKind::SecretPoint,
        EvidenceTargetKind::Approval,
        EvidenceTargetKind::AccessNotice,
        EvidenceTargetKind::Discipline,
    ];

    /// The snake name, as stored and serialised.
    pub fn name(self) -> &'static str {
        match self {
            EvidenceTargetKind::Answer => "answer",
            EvidenceTargetKind::Agreement => "agreement",
            EvidenceTargetKind::RuleDoc => "rule_doc",
            EvidenceTargetKind::Training => "training",
            EvidenceTargetKind::ExitRecord => "exit_record",
            EvidenceTargetKind::Incident => "incident",
            EvidenceTargetKind::SecretPoint => "secret_point",
            EvidenceTargetKind::Approval => "approval",
            EvidenceTargetKind::AccessNotice => "access_notice",
            EvidenceTargetKind::Discipline => "discipline",
        }
    }

    /// The Chinese name, for messages and the audit log.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceTargetKind::Answer => "自评答案",
            EvidenceTargetKind::Agreement => "保密协议",
            EvidenceTargetKind::RuleDoc => "制度",
            EvidenceTargetKind::Training => "培训记录",
            EvidenceTargetKind::ExitRecord => "离职记录",
            EvidenceTargetKind::Incident => "泄密事件",
            EvidenceTargetKind::SecretPoint => "密点",
            EvidenceTargetKind::Approval => "定密审批",
            EvidenceTargetKind::AccessNotice => "知悉告知",
            EvidenceTargetKind::Discipline => "违规处理",
        }
    }

    /// Parse the snake name.
    pub fn parse(s: &str) -> Result<EvidenceTargetKind> {
        let t = s.trim();
        EvidenceTargetKind::ALL
            .into_iter()
            .find(|k| k.name() == t)
            .ok_or_else(|| Error::EvidenceTargetKindInvalid {
                kind: t.to_string(),
                allowed: EvidenceTargetKind::ALL
                    .map(EvidenceTargetKind::name)
                    .join(", "),
            })
    }
}

/// One link from a piece of evidence to a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceLink {
    #[ts(type = "number")]
    pub evidence_id: i64,
    pub target_kind: EvidenceTargetKind,
    pub target_id: String,
}

fn shown(kind: EvidenceTargetKind, id: &str) -> String {
    format!("{} {id}", kind.label())
}

fn invalid(kind: EvidenceTargetKind, id: &str, reason: &str) -> Error {
    Error::EvidenceTargetInvalid {
        target: shown(kind, id),
        reason: reason.to_string(),
    }
}

/// The target id in its one stored form (trimmed; an answer as
/// `<assessment_id>/<criterion_id>` with a numeric assessment id).
fn normalised(kind: EvidenceTargetKind, target_id: &str) -> Result<String> {
    let t = target_id.trim();
    if t.is_empty() {
        return Err(invalid(kind, t, "编号不能为空"));
    }
    if t.chars().any(char::is_control) || t.chars().count() > 200 {
        return Err(invalid(kind, t, "编号含控制字符或过长"));
    }
    match kind {
        EvidenceTargetKind::Answer => {
            let bad = || invalid(kind, t, "应为“自评编号/评价项编号”");
            let (round, criterion) = t.split_once('/').ok_or_else(bad)?;
            let round: i64 = round.trim().parse().map_err(|_| bad())?;
            let criterion = criterion.trim();
            if criterion.is_empty() {
                return Err(bad());
            }
            Ok(format!("{round}/{criterion}"))
        }
        EvidenceTargetKind::SecretPoint | EvidenceTargetKind::Approval => {
            let id: i64 = t.parse().map_err(|_| invalid(kind, t, "编号应为数字"))?;
            Ok(id.to_string())
        }
        _ => Ok(t.to_string()),
    }
}

impl Store {
    /// The enterprise a target belongs to, where its table is known here:
    /// answers (by their round), 密点 and approvals. `None` for the other
    /// kinds, whose registers check their own ids.
    fn target_enterprise(&self, kind: EvidenceTargetKind, id: &str) -> Result<Option<String>> {
        let missing = || invalid(kind, id, "未找到该记录");
        let number = |s: &str| s.parse::<i64>().map_err(|_| missing());
        Ok(match kind {
            EvidenceTargetKind::Answer => {
                let round = id.split_once('/').map(|(r, _)| r).unwrap_or(id);
                let round = self.rounds().get(number(round)?).map_err(|_| missing())?;
                Some(round.enterprise_id)
            }
            EvidenceTargetKind::SecretPoint => {
                Some(self.points().get(number(id)?).map_err(|_| missing())?.enterprise_id)
            }
            EvidenceTargetKind::Approval => Some(
                self.conn
                    .query_row(
                        "SELECT p.enterprise_id FROM approval a JOIN secret_point p ON p.id = a.point_id
                         WHERE a.id = ?1",
                        [number(id)?],
                        |r| r.get(0),
                    )
                    .optional()?
                    .ok_or_else(missing)?,
            ),
            _ => None,
        })
    }

    fn is_linked(&self, evidence_id: i64, kind: EvidenceTargetKind, target: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM evidence_link
                WHERE evidence_id = ?1 AND target_kind = ?2 AND target_id = ?3)",
            params![evidence_id, kind.name(), target],
            |r| r.get(0),
        )?)
    }
}

impl crate::store::handles::EvidenceStore<'_> {
    /// Attach a piece of evidence to a record (one audit entry). Attaching
    /// it again changes nothing. Answers, 密点 and approvals must exist and
    /// belong to the evidence's enterprise.
    pub fn link(
        &self,
        evidence_id: i64,
        target_kind: EvidenceTargetKind,
        target_id: &str,
    ) -> Result<()> {
        let e = material::get(&self.conn, evidence_id)?;
        let target = normalised(target_kind, target_id)?;
        if let Some(owner) = self.target_enterprise(target_kind, &target)? {
            if owner != e.enterprise_id {
                return Err(invalid(target_kind, &target, "不属于该佐证材料所在的企业"));
            }
        }
        if self.is_linked(evidence_id, target_kind, &target)? {
            return Ok(());
        }
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO evidence_link (evidence_id, target_kind, target_id, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![evidence_id, target_kind.name(), target, now_stamp()],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&e.enterprise_id),
                    action: "修改",
                    entity: "佐证材料",
                    entity_id: evidence_id.to_string(),
                    field: Some("关联"),
                    old: None,
                    new: Some(shown(target_kind, &target)),
                },
            )
        })
    }

    /// Detach a piece of evidence from a record (one audit entry).
    pub fn unlink(
        &self,
        evidence_id: i64,
        target_kind: EvidenceTargetKind,
        target_id: &str,
    ) -> Result<()> {
        let e = material::get(&self.conn, evidence_id)?;
        let target = normalised(target_kind, target_id)?;
        if !self.is_linked(evidence_id, target_kind, &target)? {
            return Err(Error::EvidenceLinkNotFound {
                title: e.title,
                target: shown(target_kind, &target),
            });
        }
        self.write(|tx, who| {
            tx.execute(
                "DELETE FROM evidence_link WHERE evidence_id = ?1 AND target_kind = ?2 AND target_id = ?3",
                params![evidence_id, target_kind.name(), target],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&e.enterprise_id),
                    action: "修改",
                    entity: "佐证材料",
                    entity_id: evidence_id.to_string(),
                    field: Some("关联"),
                    old: Some(shown(target_kind, &target)),
                    new: None,
                },
            )
        })
    }

    /// The evidence attached to a record, by effective date.
    pub fn of_target(
        &self,
        target_kind: EvidenceTargetKind,
        target_id: &str,
    ) -> Result<Vec<Evidence>> {
        let target = normalised(target_kind, target_id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT e.id FROM evidence_link l JOIN evidence e ON e.id = l.evidence_id
                 WHERE l.target_kind = ?1 AND l.target_id = ?2 ORDER BY e.effective_on, e.id",
            )?
            .query_map(params![target_kind.name(), target], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| material::get(&self.conn, id))
            .collect()
    }

    /// Every link of an enterprise's evidence, in one read.
    pub fn links_of_enterprise(&self, enterprise_id: &str) -> Result<Vec<EvidenceLink>> {
        let mut st = self.conn.prepare(
            "SELECT l.evidence_id, l.target_kind, l.target_id FROM evidence_link l
             JOIN evidence e ON e.id = l.evidence_id WHERE e.enterprise_id = ?1
             ORDER BY l.evidence_id, l.target_kind, l.target_id",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (evidence_id, kind, target_id) = row?;
            if let Ok(target_kind) = EvidenceTargetKind::parse(&kind) {
                out.push(EvidenceLink {
                    evidence_id,
                    target_kind,
                    target_id,
                });
            }
        }
        Ok(out)
    }

    /// The records a piece of evidence is attached to.
    pub fn links(&self, evidence_id: i64) -> Result<Vec<EvidenceLink>> {
        material::get(&self.conn, evidence_id)?;
        let mut st = self.conn.prepare(
            "SELECT target_kind, target_id FROM evidence_link WHERE evidence_id = ?1 ORDER BY target_kind, target_id",
        )?;
        let rows = st.query_map([evidence_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, target_id) = row?;
            // The table's CHECK admits only the known names.
            if let Ok(target_kind) = EvidenceTargetKind::parse(&kind) {
                out.push(EvidenceLink {
                    evidence_id,
                    target_kind,
                    target_id,
                });
            }
        }
        Ok(out)
    }
}
