//! 密点: add and list. (Schema in `enterprise::MIGRATION_1`.)

use chrono::Datelike;
use rusqlite::{params, Row};

use super::{now_stamp, Store};
use crate::error::{Error, Result};
use crate::model::{self, Category, NewSecretPoint, SecretPoint, DEFAULT_LEVELS};

fn from_row(r: &Row) -> rusqlite::Result<SecretPoint> {
    let cat: String = r.get(4)?;
    Ok(SecretPoint {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        // The table's CHECK admits only the three labels.
        category: Category::parse(&cat).unwrap_or(Category::Other),
        level: r.get(5)?,
        created_at: r.get(6)?,
    })
}

impl Store {
    /// The enterprise's level scheme (密级), highest rank first.
    pub fn levels(&self, enterprise_id: &str) -> Result<Vec<String>> {
        self.get_enterprise(enterprise_id)?;
        Ok(DEFAULT_LEVELS.iter().map(|s| s.to_string()).collect())
    }

    pub fn add_secret_point(&mut self, input: &NewSecretPoint) -> Result<SecretPoint> {
        let name = input.name.trim();
        if name.is_empty() {
            return Err(Error::SecretPointNameEmpty);
        }
        let level = model::resolve_level(&self.levels(&input.enterprise_id)?, &input.level)?;
        let tx = self.conn.transaction()?;
        let code = match input
            .code
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(c) => {
                model::validate_code(c)?;
                let taken: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM secret_point WHERE enterprise_id = ?1 AND code = ?2)",
                    params![input.enterprise_id, c],
                    |r| r.get(0),
                )?;
                if taken {
                    return Err(Error::SecretPointCodeDuplicate {
                        code: c.to_string(),
                    });
                }
                c.to_string()
            }
            None => next_code(&tx, &input.enterprise_id, chrono::Local::now().year())?,
        };
        let created_at = now_stamp();
        tx.execute(
            "INSERT INTO secret_point (enterprise_id, code, name, category, level, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                input.enterprise_id,
                code,
                name,
                input.category.label(),
                level,
                created_at
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(SecretPoint {
            id,
            enterprise_id: input.enterprise_id.clone(),
            code,
            name: name.to_string(),
            category: input.category,
            level,
            created_at,
        })
    }

    /// The enterprise's 密点 in the order of their 代号.
    pub fn list_secret_points(&self, enterprise_id: &str) -> Result<Vec<SecretPoint>> {
        self.get_enterprise(enterprise_id)?;
        let mut st = self.conn.prepare(
            "SELECT id, enterprise_id, code, name, category, level, created_at
             FROM secret_point WHERE enterprise_id = ?1 ORDER BY code, id",
        )?;
        let rows = st.query_map([enterprise_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The next free generated 代号 `MD-<year>-<NNN>` for an enterprise.
fn next_code(conn: &rusqlite::Connection, enterprise_id: &str, year: i32) -> Result<String> {
    let prefix = format!("MD-{year}-");
    let mut st = conn.prepare(
        "SELECT code FROM secret_point WHERE enterprise_id = ?1 AND substr(code, 1, ?2) = ?3",
    )?;
    let max = st
        .query_map(params![enterprise_id, prefix.len() as i64, prefix], |r| {
            r.get::<_, String>(0)
        })?
        .filter_map(|c| c.ok()?.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:03}", max + 1))
}
