//! The audit log (操作记录): every change as who, when, what, old → new.
//! Append-only and tamper-evident: each enterprise has its own chain (and
//! the database one for enterprise-level events such as a deletion); every
//! entry carries the SHA-256 of its content and of the entry before it, so
//! an edited, removed or reordered entry breaks the chain that `check` walks.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{now_stamp, Store};
use crate::error::Result;

/// Schema 3 (part): the audit log.
pub(super) const MIGRATION: &str = "
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT,
    seq           INTEGER NOT NULL,
    at            TEXT NOT NULL,
    who           TEXT NOT NULL,
    action        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    field         TEXT,
    old           TEXT,
    new           TEXT,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_chain ON audit_log(coalesce(enterprise_id, ''), seq);
CREATE INDEX audit_by_enterprise ON audit_log(enterprise_id, seq);
";

/// The operator name used until the user gives one.
pub const UNSIGNED: &str = "未署名";

/// One change to record.
pub struct Change<'a> {
    /// None for database-level events (the enterprise itself was deleted).
    pub enterprise_id: Option<&'a str>,
    /// 新增 / 修改 / 删除 / 状态变更 / 导入 …
    pub action: &'a str,
    /// What kind of record: 企业, 密点, 载体 …
    pub entity: &'a str,
    pub entity_id: String,
    pub field: Option<&'a str>,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub who: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub field: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
}

pub(crate) fn digest(prev: &str, e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    let none = "\u{1}";
    for part in [
        prev,
        &e.seq.to_string(),
        &e.at,
        &e.who,
        &e.action,
        &e.entity,
        &e.entity_id,
        e.field.as_deref().unwrap_or(none),
        e.old.as_deref().unwrap_or(none),
        e.new.as_deref().unwrap_or(none),
    ] {
        h.update(part.as_bytes());
        h.update([0x1f]);
    }
    format!("{:x}", h.finalize())
}

/// Append `c` to its chain, inside the caller's transaction.
pub(crate) fn record(conn: &Connection, who: &str, c: Change) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT seq, hash FROM audit_log WHERE enterprise_id IS ?1 ORDER BY seq DESC LIMIT 1",
            [c.enterprise_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, String::new()),
    };
    let e = AuditEntry {
        seq,
        at: now_stamp(),
        who: who.to_string(),
        action: c.action.to_string(),
        entity: c.entity.to_string(),
        entity_id: c.entity_id,
        field: c.field.map(str::to_string),
        old: c.old,
        new: c.new,
    };
    let hash = digest(&prev, &e);
    conn.execute(
        "INSERT INTO audit_log (enterprise_id, seq, at, who, action, entity, entity_id, field, old, new, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![c.enterprise_id, e.seq, e.at, e.who, e.action, e.entity, e.entity_id, e.field, e.old, e.new, prev, hash],
    )?;
    Ok(())
}

/// A finding of the audit-log check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditProblem {
    /// The chain: an enterprise id, or "数据库" for the database's own log.
    pub chain: String,
    pub seq: i64,
    pub problem: String,
}

impl Store {
    /// The enterprise's audit log, oldest first.
    pub fn audit_log(&self, enterprise_id: Option<&str>) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn.prepare(
            "SELECT seq, at, who, action, entity, entity_id, field, old, new
             FROM audit_log WHERE enterprise_id IS ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                field: r.get(6)?,
                old: r.get(7)?,
                new: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Walk every chain: sequence numbers contiguous from 1, each entry's
    /// hash matching its content and the entry before it.
    pub fn check_audit_log(&self) -> Result<Vec<AuditProblem>> {
        let mut chains: Vec<Option<String>> = self
            .conn
            .prepare("SELECT DISTINCT enterprise_id FROM audit_log")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        chains.sort();
        let mut problems = Vec::new();
        for chain in chains {
            let name = chain.clone().unwrap_or_else(|| "数据库".into());
            let mut st = self.conn.prepare(
                "SELECT seq, at, who, action, entity, entity_id, field, old, new, prev_hash, hash
                 FROM audit_log WHERE enterprise_id IS ?1 ORDER BY seq",
            )?;
            let rows = st.query_map([&chain], |r| {
                Ok((
                    AuditEntry {
                        seq: r.get(0)?,
                        at: r.get(1)?,
                        who: r.get(2)?,
                        action: r.get(3)?,
                        entity: r.get(4)?,
                        entity_id: r.get(5)?,
                        field: r.get(6)?,
                        old: r.get(7)?,
                        new: r.get(8)?,
                    },
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                ))
            })?;
            let mut expected_seq = 1;
            let mut prev = String::new();
            for row in rows {
                let (e, prev_hash, hash) = row?;
                let mut problem = |p: String| {
                    problems.push(AuditProblem {
                        chain: name.clone(),
                        seq: e.seq,
                        problem: p,
                    })
                };
                if e.seq != expected_seq {
                    problem(format!(
                        "序号不连续：应为 {expected_seq}，实为 {}（记录可能被删除）",
                        e.seq
                    ));
                }
                if prev_hash != prev {
                    problem("与上一条记录的链接不符（记录可能被删除或改动）".into());
                }
                if digest(&prev_hash, &e) != hash {
                    problem("内容与校验值不符（记录可能被改动）".into());
                }
                expected_seq = e.seq + 1;
                prev = hash;
            }
        }
        Ok(problems)
    }
}
