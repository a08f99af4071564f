//! The audit log (操作记录): every change as who, when, what, old → new.
//! Append-only and tamper-evident: each enterprise has its own chain (and
//! the database one for enterprise-level events such as a deletion); every
//! entry carries the SHA-256 of its content and of the entry before it, so
//! an edited, removed or reordered entry breaks the chain that `check` walks.
//!
//! What the chain cannot show on its own: that its newest entries were
//! removed, or that someone with write access recomputed every hash after a
//! change. Its head (entry count and hash, `ChainHead`) is therefore printed
//! on reports and the hash manifest; `check_anchor` tells whether the chain
//! still holds a head written down earlier.
//!
//! Entries are hashed with version 2 since schema 14 (fields
//! length-prefixed, so no value can stand for another or for a missing
//! one); earlier entries keep version 1 and are checked with it.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::now_stamp;
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

/// Schema 14: the hash version of each entry (1 before, 2 since).
pub(super) const MIGRATION_V2: &str = "
ALTER TABLE audit_log ADD COLUMN v INTEGER NOT NULL DEFAULT 1;
";

/// The hash version new entries are written with.
pub const HASH_VERSION: i64 = 2;

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

/// The hash of entry `e` after `prev`, in hash version `v` (None when the
/// version is unknown).
pub(crate) fn digest(v: i64, prev: &str, e: &AuditEntry) -> Option<String> {
    match v {
        1 => Some(digest_v1(prev, e)),
        2 => Some(digest_v2(prev, e)),
        _ => None,
    }
}

/// Version 2: a domain tag, then every field length-prefixed, a missing
/// one marked apart from any text.
fn digest_v2(prev: &str, e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    h.update(b"midun-audit-v2");
    let seq = e.seq.to_string();
    for part in [
        Some(prev),
        Some(seq.as_str()),
        Some(e.at.as_str()),
        Some(e.who.as_str()),
        Some(e.action.as_str()),
        Some(e.entity.as_str()),
        Some(e.entity_id.as_str()),
        e.field.as_deref(),
        e.old.as_deref(),
        e.new.as_deref(),
    ] {
        match part {
            None => h.update([0u8]),
            Some(s) => {
                h.update([1u8]);
                h.update((s.len() as u64).to_be_bytes());
                h.update(s.as_bytes());
            }
        }
    }
    format!("{:x}", h.finalize())
}

/// Version 1 (schemas 3–13): fields joined by 0x1F, a missing field as
/// U+0001. Kept to check the entries written then.
fn digest_v1(prev: &str, e: &AuditEntry) -> String {
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
    let hash = digest_v2(&prev, &e);
    conn.execute(
        "INSERT INTO audit_log (enterprise_id, seq, at, who, action, entity, entity_id, field, old, new, prev_hash, hash, v)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![c.enterprise_id, e.seq, e.at, e.who, e.action, e.entity, e.entity_id, e.field, e.old, e.new, prev, hash, HASH_VERSION],
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

impl crate::store::handles::Audit<'_> {
    /// The enterprise's audit log, oldest first.
    pub fn log(&self, enterprise_id: Option<&str>) -> Result<Vec<AuditEntry>> {
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
    pub fn check(&self) -> Result<Vec<AuditProblem>> {
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
                "SELECT seq, at, who, action, entity, entity_id, field, old, new, prev_hash, hash, v
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
                    r.get::<_, i64>(11)?,
                ))
            })?;
            let mut expected_seq = 1;
            let mut prev = String::new();
            for row in rows {
                let (e, prev_hash, hash, v) = row?;
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
                match digest(v, &prev_hash, &e) {
                    None => problem(format!("校验方式“{v}”未知（记录可能被改动）")),
                    Some(d) if d != hash => problem("内容与校验值不符（记录可能被改动）".into()),
                    Some(_) => {}
                }
                expected_seq = e.seq + 1;
                prev = hash;
            }
        }
        Ok(problems)
    }
}

/// The newest entry of a chain: how many entries it has and the hash of
/// the last. Printed as "操作记录校验值" (`128-3F9A2C7D1B4E5A6C`): written
/// down outside the database (a printed report, a time-stamped manifest),
/// it lets `check_anchor` tell later that no entry up to it was removed or
/// rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainHead {
    #[ts(type = "number")]
    pub count: i64,
    /// The first `ANCHOR_HEX` hexadecimal digits of the last hash, upper case.
    pub short_hash: String,
}

/// How many hexadecimal digits of the hash an anchor carries (64 bits).
pub const ANCHOR_HEX: usize = 16;

impl ChainHead {
    /// `count-HASH`, as printed and as `check --anchor` takes it.
    pub fn anchor(&self) -> String {
        format!("{}-{}", self.count, self.short_hash)
    }

    /// Read an anchor as typed: spaces ignored, any case, a full-width or
    /// other dash accepted.
    pub fn parse(text: &str) -> Option<ChainHead> {
        let t = crate::text::normalize_key(text).replace(' ', "");
        let (count, hash) = t.split_once(['-', '–', '—', '－'])?;
        let count: i64 = count.parse().ok()?;
        let hash = hash.to_ascii_uppercase();
        (count >= 0 && hash.len() == ANCHOR_HEX && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(ChainHead {
                count,
                short_hash: hash,
            })
    }
}

/// What `check_anchor` found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AnchorCheck {
    /// The chain still holds entry `count` with that hash; `later` entries
    /// were added since.
    Holds { later: i64 },
    /// The chain has fewer entries than the anchor: entries were removed.
    Shorter { now: i64 },
    /// Entry `count` has another hash: the chain was rewritten up to it.
    Differs,
}

impl crate::store::handles::Audit<'_> {
    /// The head of an enterprise's chain (or of the database's own log).
    pub fn head(&self, enterprise_id: Option<&str>) -> Result<ChainHead> {
        let last: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT seq, hash FROM audit_log WHERE enterprise_id IS ?1 ORDER BY seq DESC LIMIT 1",
                [enterprise_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(match last {
            Some((seq, hash)) => ChainHead {
                count: seq,
                short_hash: hash
                    .chars()
                    .take(ANCHOR_HEX)
                    .collect::<String>()
                    .to_uppercase(),
            },
            None => ChainHead {
                count: 0,
                short_hash: "0".repeat(ANCHOR_HEX),
            },
        })
    }

    /// Whether the enterprise's chain still holds the head `anchor` written
    /// down earlier.
    pub fn check_anchor(&self, enterprise_id: &str, anchor: &ChainHead) -> Result<AnchorCheck> {
        let now = self.audit().head(Some(enterprise_id))?;
        if now.count < anchor.count {
            return Ok(AnchorCheck::Shorter { now: now.count });
        }
        if anchor.count == 0 {
            return Ok(AnchorCheck::Holds { later: now.count });
        }
        let hash: Option<String> = self
            .conn
            .query_row(
                "SELECT hash FROM audit_log WHERE enterprise_id = ?1 AND seq = ?2",
                params![enterprise_id, anchor.count],
                |r| r.get(0),
            )
            .optional()?;
        let holds = hash.is_some_and(|h| {
            h.chars()
                .take(ANCHOR_HEX)
                .collect::<String>()
                .eq_ignore_ascii_case(&anchor.short_hash)
        });
        Ok(if holds {
            AnchorCheck::Holds {
                later: now.count - anchor.count,
            }
        } else {
            AnchorCheck::Differs
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(field: Option<&str>) -> AuditEntry {
        AuditEntry {
            seq: 1,
            at: "2026-12-01T00:00:00Z".into(),
            who: "甲".into(),
            action: "修改".into(),
            entity: "密点".into(),
            entity_id: "1".into(),
            field: field.map(str::to_string),
            old: None,
            new: Some("x".into()),
        }
    }

    #[test]
    fn version_two_tells_a_missing_field_from_any_text() {
        // Version 1 could not: NULL and "\u{1}" hashed alike.
        assert_eq!(
            digest_v1("", &entry(None)),
            digest_v1("", &entry(Some("\u{1}")))
        );
        assert_ne!(
            digest_v2("", &entry(None)),
            digest_v2("", &entry(Some("\u{1}")))
        );
        assert_ne!(digest_v2("", &entry(None)), digest_v2("", &entry(Some(""))));
        // Moving text from one field into the next changes the hash.
        let mut a = entry(Some("ab"));
        a.old = Some("c".into());
        let mut b = entry(Some("a"));
        b.old = Some("bc".into());
        assert_ne!(digest_v2("", &a), digest_v2("", &b));
        assert_eq!(digest(3, "", &a), None);
    }

    #[test]
    fn an_anchor_is_read_as_people_type_it() {
        let h = ChainHead {
            count: 128,
            short_hash: "3F9A2C7D1B4E5A6C".into(),
        };
        assert_eq!(h.anchor(), "128-3F9A2C7D1B4E5A6C");
        for typed in [
            "128-3F9A2C7D1B4E5A6C",
            " 128 - 3f9a2c7d1b4e5a6c ",
            "１２８－３Ｆ９Ａ２Ｃ７Ｄ１Ｂ４Ｅ５Ａ６Ｃ",
        ] {
            assert_eq!(ChainHead::parse(typed), Some(h.clone()), "{typed}");
        }
        for bad in [
            "128",
            "x-3F9A2C7D1B4E5A6C",
            "128-3F9A",
            "128-3F9A2C7D1B4E5A6G",
        ] {
            assert_eq!(ChainHead::parse(bad), None, "{bad}");
        }
    }
}
