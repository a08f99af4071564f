//! The per-enterprise level scheme (密级), ordered: rank 1 is the top (核心)
//! level. New enterprises get the default 核心商密 / 重要商密 / 一般商密.

use rusqlite::{params, Connection};

use super::audit::{self, Change};
use crate::error::{Error, Result};
use crate::model::level::{check_level_name, MAX_LEVELS};
use crate::model::DEFAULT_LEVELS;

/// Schema 4: the level scheme, filled with the default for existing enterprises.
pub(super) const MIGRATION: &str = "
CREATE TABLE level (
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL CHECK (rank >= 1),
    name          TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, rank),
    UNIQUE (enterprise_id, name)
);
INSERT INTO level (enterprise_id, rank, name)
    SELECT id, 1, '核心商密' FROM enterprise UNION ALL
    SELECT id, 2, '重要商密' FROM enterprise UNION ALL
    SELECT id, 3, '一般商密' FROM enterprise;
";

/// The tables whose records carry a level name of the scheme.
const LEVEL_USERS: [&str; 4] = ["secret_point", "person", "secret_area", "info_system"];

fn level_column(table: &str) -> &'static str {
    if table == "person" {
        "person_level"
    } else {
        "level"
    }
}

/// Give a new enterprise the default scheme (inside its creation's transaction).
pub(super) fn insert_default(tx: &Connection, enterprise_id: &str) -> Result<()> {
    for (i, name) in DEFAULT_LEVELS.iter().enumerate() {
        tx.execute(
            "INSERT INTO level (enterprise_id, rank, name) VALUES (?1, ?2, ?3)",
            params![enterprise_id, i as i64 + 1, name],
        )?;
    }
    Ok(())
}

pub(super) fn levels_of(conn: &Connection, enterprise_id: &str) -> Result<Vec<String>> {
    let mut st = conn.prepare("SELECT name FROM level WHERE enterprise_id = ?1 ORDER BY rank")?;
    let rows = st.query_map([enterprise_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl crate::store::handles::Levels<'_> {
    /// The enterprise's level scheme (密级), highest rank first.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<String>> {
        self.enterprises().get(enterprise_id)?;
        levels_of(&self.conn, enterprise_id)
    }

    /// Replace the scheme, highest first: 1–5 names, each allowed (no
    /// state-secret names or stars) and distinct. A level still used by a
    /// 密点 may be renamed only by keeping its rank — and it is renamed on
    /// those 密点 too — or it must not be dropped.
    pub fn set(&self, enterprise_id: &str, names: &[String]) -> Result<Vec<String>> {
        let old = self.levels().list(enterprise_id)?;
        let mut new = Vec::new();
        for n in names {
            let n = check_level_name(n)?;
            if new.contains(&n) {
                return Err(Error::LevelDuplicate { name: n });
            }
            new.push(n);
        }
        if new.is_empty() || new.len() > MAX_LEVELS {
            return Err(Error::LevelCount {
                max: MAX_LEVELS.to_string(),
            });
        }
        self.write(|tx, who| {
            // Old rank r becomes the new name at rank r; ranks past the end are
            // dropped, which only a level nothing uses may be.
            for (i, old_name) in old.iter().enumerate() {
                let mut used = 0i64;
                for table in LEVEL_USERS {
                    used += tx.query_row(
                        &format!("SELECT count(*) FROM {table} WHERE enterprise_id = ?1 AND {} = ?2", level_column(table)),
                        params![enterprise_id, old_name],
                        |r| r.get::<_, i64>(0),
                    )?;
                }
                match new.get(i) {
                    Some(n) if n != old_name => {
                        for table in LEVEL_USERS {
                            tx.execute(
                                &format!(
                                    "UPDATE {table} SET {col} = ?3 WHERE enterprise_id = ?1 AND {col} = ?2",
                                    col = level_column(table)
                                ),
                                params![enterprise_id, old_name, n],
                            )?;
                        }
                    }
                    None if used > 0 => {
                        return Err(Error::LevelInUse { name: old_name.clone(), count: used.to_string() })
                    }
                    _ => {}
                }
            }
            tx.execute("DELETE FROM level WHERE enterprise_id = ?1", [enterprise_id])?;
            for (i, n) in new.iter().enumerate() {
                tx.execute(
                    "INSERT INTO level (enterprise_id, rank, name) VALUES (?1, ?2, ?3)",
                    params![enterprise_id, i as i64 + 1, n],
                )?;
            }
            audit::record(tx, who, Change {
                enterprise_id: Some(enterprise_id),
                action: "修改",
                entity: "密级方案",
                entity_id: enterprise_id.to_string(),
                field: None,
                old: Some(old.join("、")),
                new: Some(new.join("、")),
            })
        })?;
        Ok(new)
    }
}
