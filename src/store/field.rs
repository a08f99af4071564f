//! Helpers every register module shares: checked values, the usual field
//! parsers, and the one-field update and the delete that each write their
//! audit entry in the same transaction.

use chrono::NaiveDate;
use rusqlite::params;

use super::audit::{self, Change};
use super::{now_stamp, Store};
use crate::error::{Error, Result};
use crate::model::level::parse_date;

/// A value to store, already checked.
pub(crate) use rusqlite::types::Value;

/// The value as `CAST(column AS TEXT)` reads it back (for comparison and
/// the audit log).
pub(crate) fn shown(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(r) => Some(r.to_string()),
        Value::Text(s) => Some(s.clone()),
        Value::Blob(_) => None,
    }
}

/// Empty text is no value.
pub(crate) fn opt_text(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::Text(s.to_string())
    }
}

/// 是/否 (or true/false, 1/0, yes/no).
pub(crate) fn parse_bool(label: &str, v: &str) -> Result<bool> {
    match v.trim() {
        "true" | "是" | "1" | "yes" => Ok(true),
        "false" | "否" | "0" | "no" => Ok(false),
        other => Err(Error::FieldInvalid {
            field: label.to_string(),
            reason: format!("“{other}”不是“是”或“否”"),
        }),
    }
}

/// A required text, trimmed.
pub(crate) fn required(label: &str, v: &str) -> Result<String> {
    let t = v.trim();
    if t.is_empty() {
        return Err(Error::FieldInvalid {
            field: label.to_string(),
            reason: "不能为空".into(),
        });
    }
    Ok(t.to_string())
}

/// The record and column a one-field update writes.
pub(crate) struct Edit<'a> {
    pub table: &'static str,
    pub entity: &'static str,
    pub id: i64,
    pub enterprise_id: &'a str,
    pub column: &'static str,
    pub label: &'static str,
}

/// Write one checked value (one transaction, one audit entry); an unchanged
/// value writes nothing. `display` replaces the stored texts in the audit entry
/// (a 密点 by its 代号 rather than its id).
pub(crate) fn write_field(
    store: &Store,
    e: Edit,
    new: Value,
    display: Option<(Option<String>, Option<String>)>,
) -> Result<()> {
    let old: Option<String> = store.conn.query_row(
        &format!(
            "SELECT CAST({} AS TEXT) FROM {} WHERE id = ?1",
            e.column, e.table
        ),
        [e.id],
        |r| r.get(0),
    )?;
    if old == shown(&new) {
        return Ok(());
    }
    let (old, new_text) = display.unwrap_or((old, shown(&new)));
    store.write(|tx, who| {
        tx.execute(
            &format!(
                "UPDATE {} SET {} = ?2, updated_at = ?3 WHERE id = ?1",
                e.table, e.column
            ),
            params![e.id, new, now_stamp()],
        )?;
        audit::record(
            tx,
            who,
            Change {
                enterprise_id: Some(e.enterprise_id),
                action: "修改",
                entity: e.entity,
                entity_id: e.id.to_string(),
                field: Some(e.label),
                old,
                new: new_text,
            },
        )
    })
}

/// The audit entry of a record just added ("新增"), with its content as the
/// entry's new value: every register's insert records itself through this.
pub(crate) fn record_added(
    tx: &rusqlite::Connection,
    who: &str,
    enterprise_id: &str,
    entity: &'static str,
    entity_id: String,
    new: String,
) -> Result<()> {
    audit::record(
        tx,
        who,
        Change {
            enterprise_id: Some(enterprise_id),
            action: "新增",
            entity,
            entity_id,
            field: None,
            old: None,
            new: Some(new),
        },
    )
}

/// Delete one record (cascading to its links) with its audit entry holding
/// its last content.
pub(crate) fn delete_row(
    store: &Store,
    table: &'static str,
    entity: &'static str,
    id: i64,
    enterprise_id: &str,
    old: String,
) -> Result<()> {
    store.write(|tx, who| {
        tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        audit::record(
            tx,
            who,
            Change {
                enterprise_id: Some(enterprise_id),
                action: "删除",
                entity,
                entity_id: id.to_string(),
                field: None,
                old: Some(old),
                new: None,
            },
        )
    })
}

/// A required date, as YYYY-MM-DD.
pub(crate) fn parse_day(label: &str, v: &str) -> Result<NaiveDate> {
    let t = v.trim();
    if t.is_empty() {
        return Err(Error::FieldInvalid {
            field: label.to_string(),
            reason: "不能为空".into(),
        });
    }
    parse_date(t).ok_or_else(|| Error::FieldInvalid {
        field: label.to_string(),
        reason: format!("“{t}”不是有效日期（如 2026-05-01）"),
    })
}

/// An optional date: empty is none.
pub(crate) fn parse_opt_day(label: &str, v: &str) -> Result<Option<NaiveDate>> {
    if v.trim().is_empty() {
        Ok(None)
    } else {
        parse_day(label, v).map(Some)
    }
}

pub(crate) fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Refuse a date after `today`.
pub(crate) fn not_after_today(label: &str, d: NaiveDate, today: NaiveDate) -> Result<()> {
    if d > today {
        return Err(Error::DateInFuture {
            field: label.to_string(),
            date: day(d),
        });
    }
    Ok(())
}

/// A required date as stored (YYYY-MM-DD); `label` names the field in the error.
pub(crate) fn stored_day(label: &str, v: &str) -> Result<String> {
    parse_day(label, v).map(day)
}

/// The audit text of a record: its JSON, every wire code shown as its
/// Chinese label (the log is read by people, in Chinese).
pub(crate) fn json<T: serde::Serialize>(v: &T) -> String {
    let mut value = serde_json::to_value(v).unwrap_or_default();
    crate::model::wire::labels_json(
        &mut value,
        &[
            "status",
            "category",
            "kind",
            "severity",
            "eligibility",
            "recipientKind",
            "storage",
        ],
    );
    value.to_string()
}
