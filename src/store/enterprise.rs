//! Enterprises (企业): create, list, look up.

use rusqlite::{params, OptionalExtension, Row};

use super::{now_stamp, Store};
use crate::credit_code::{self, CodeStatus};
use crate::error::{Error, Result};
use crate::model::{Enterprise, EnterpriseSummary, NewEnterprise};

/// Schema 1: enterprises and their secret points; marks the file as Midun's.
pub(super) const MIGRATION_1: &str = "
PRAGMA application_id = 1296647246;
CREATE TABLE enterprise (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    credit_code      TEXT,
    credit_code_note TEXT,
    created_at       TEXT NOT NULL
);
CREATE TABLE secret_point (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category      TEXT NOT NULL CHECK (category IN ('技术信息', '经营信息', '其他商业信息')),
    level         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (enterprise_id, code)
);
CREATE INDEX secret_point_enterprise ON secret_point(enterprise_id);
";

fn from_row(r: &Row) -> rusqlite::Result<Enterprise> {
    Ok(Enterprise {
        id: r.get(0)?,
        name: r.get(1)?,
        credit_code: r.get(2)?,
        credit_code_note: r.get(3)?,
        created_at: r.get(4)?,
    })
}

const COLUMNS: &str = "id, name, credit_code, credit_code_note, created_at";

/// Validate a new enterprise: a name, and a credit code that passes its
/// checks or carries the user's note. Returns the normalised code and note.
pub fn validate_new(input: &NewEnterprise) -> Result<(String, Option<String>, Option<String>)> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::EnterpriseNameEmpty);
    }
    let note = input
        .credit_code_note
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    let raw = input.credit_code.as_deref().unwrap_or("");
    if credit_code::normalize(raw).is_empty() {
        return Ok((name, None, None));
    }
    let check = credit_code::check(raw);
    match check.status {
        CodeStatus::Valid => Ok((name, Some(check.normalized), None)),
        CodeStatus::Warning | CodeStatus::Invalid => match note {
            Some(n) => Ok((name, Some(check.normalized), Some(n))),
            None => Err(Error::CreditCodeNeedsNote {
                reason: check.reason.unwrap_or_default(),
            }),
        },
    }
}

impl Store {
    pub fn create_enterprise(&mut self, input: &NewEnterprise) -> Result<Enterprise> {
        let (name, code, note) = validate_new(input)?;
        let e = Enterprise {
            id: uuid::Uuid::new_v4().to_string(),
            name,
            credit_code: code,
            credit_code_note: note,
            created_at: now_stamp(),
        };
        self.conn.execute(
            "INSERT INTO enterprise (id, name, credit_code, credit_code_note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                e.id,
                e.name,
                e.credit_code,
                e.credit_code_note,
                e.created_at
            ],
        )?;
        Ok(e)
    }

    pub fn get_enterprise(&self, id: &str) -> Result<Enterprise> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM enterprise WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::EnterpriseNotFound { id: id.to_string() })
    }

    pub fn list_enterprises(&self) -> Result<Vec<EnterpriseSummary>> {
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, e.credit_code,
                    (SELECT count(*) FROM secret_point s WHERE s.enterprise_id = e.id)
             FROM enterprise e ORDER BY e.created_at, e.name",
        )?;
        let rows = st.query_map([], |r| {
            Ok(EnterpriseSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                credit_code: r.get(2)?,
                secret_point_count: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Find the enterprise a command means: by id, else by credit code;
    /// with no selector, the only enterprise in the database.
    pub fn resolve_enterprise(&self, selector: Option<&str>) -> Result<Enterprise> {
        let all = self.list_enterprises()?;
        let describe = |list: &[&EnterpriseSummary]| {
            list.iter()
                .map(|e| match &e.credit_code {
                    Some(c) => format!("{}（{}，{}）", e.id, e.name, c),
                    None => format!("{}（{}）", e.id, e.name),
                })
                .collect::<Vec<_>>()
                .join("；")
        };
        let Some(sel) = selector.map(str::trim) else {
            return match all.as_slice() {
                [] => Err(Error::NoEnterprise),
                [one] => self.get_enterprise(&one.id),
                many => Err(Error::EnterpriseAmbiguous {
                    list: describe(&many.iter().collect::<Vec<_>>()),
                }),
            };
        };
        if let Some(e) = all.iter().find(|e| e.id.eq_ignore_ascii_case(sel)) {
            return self.get_enterprise(&e.id);
        }
        let code = credit_code::normalize(sel);
        let hits: Vec<&EnterpriseSummary> = all
            .iter()
            .filter(|e| e.credit_code.as_deref() == Some(code.as_str()))
            .collect();
        match hits.as_slice() {
            [] => Err(Error::EnterpriseNotFound {
                id: sel.to_string(),
            }),
            [one] => self.get_enterprise(&one.id),
            many => Err(Error::CreditCodeAmbiguous {
                code,
                list: describe(many),
            }),
        }
    }
}
