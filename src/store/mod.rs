//! The SQLite store: one file per database, many enterprises per file.
//!
//! Opening checks that the file is a Midun database (or empty), runs
//! `PRAGMA integrity_check`, and applies the ordered forward migrations that
//! the table-group modules declare beside their code. Journal mode is WAL
//! with `synchronous=NORMAL`: a process crash loses nothing committed; a power
//! cut may lose the last moments but never corrupts the file.

mod assessment;
pub mod audit;
mod carrier;
mod controls;
mod enterprise;
mod evidence;
mod field;
mod level;
mod personnel;
mod registers;
mod secret_point;
mod settings;

pub use assessment::*;
pub use audit::{AuditEntry, AuditProblem, Change};
pub use carrier::*;
pub use controls::*;
pub use enterprise::EnterpriseField;
pub use evidence::*;
pub use personnel::*;
pub use registers::*;
pub use secret_point::{PointFacts, PointField, SecretItem};

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

/// `PRAGMA application_id` of a Midun database ("MIDN").
pub const APPLICATION_ID: i64 = 0x4D49_444E;

/// The migrations in order; `user_version` = how many have run.
/// Never edit or reorder a released entry: append.
fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

const MIGRATIONS: [&str; 12] = [
    enterprise::MIGRATION_1,
    settings::MIGRATION_2,
    audit::MIGRATION,
    enterprise::MIGRATION_PROFILE,
    level::MIGRATION,
    secret_point::MIGRATION,
    carrier::MIGRATION,
    assessment::MIGRATION,
    personnel::MIGRATION,
    evidence::MIGRATION,
    registers::MIGRATION,
    controls::MIGRATION,
];

/// The schema version this build writes.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Who the audit log names for this session's changes.
    actor: String,
}

impl Store {
    /// Open (creating if absent) the database at `path` and migrate it.
    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = open_checked(path)?;
        let found = user_version(&conn)?;
        if found > schema_version() {
            return Err(Error::DbTooNew {
                found: found.to_string(),
                supported: schema_version().to_string(),
            });
        }
        migrations().to_latest(&mut conn).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
            other => Error::Db {
                detail: other.to_string(),
            },
        })?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            actor: audit::UNSIGNED.to_string(),
        };
        if let Some(name) = store.operator()? {
            store.actor = name;
        }
        Ok(store)
    }

    /// Name the operator for this session's audit entries (the CLI uses
    /// `MIDUN_OPERATOR`, else 命令行); the app uses the stored operator name.
    pub fn set_actor(&mut self, who: &str) {
        let w = who.trim();
        self.actor = if w.is_empty() {
            audit::UNSIGNED.to_string()
        } else {
            w.to_string()
        };
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Run `f` in one transaction; `f` records its changes with `audit::record`.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction, &str) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx, &self.actor)?;
        tx.commit()?;
        Ok(out)
    }

    /// Open the app's own database in the per-user data directory
    /// (or `MIDUN_DATA_DIR`), creating the directory if needed.
    pub fn open_default() -> Result<Store> {
        let dir = crate::paths::data_dir()?;
        std::fs::create_dir_all(&dir)?;
        Store::open(&dir.join(crate::paths::DB_FILE_NAME))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn version(&self) -> Result<usize> {
        user_version(&self.conn)
    }
}

/// What `Store::check` found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    /// `PRAGMA integrity_check`: "ok" when sound.
    pub integrity: String,
    /// Rows that point at a record that does not exist.
    pub foreign_key_problems: usize,
    pub audit_entries: usize,
    pub audit_problems: Vec<AuditProblem>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.integrity == "ok" && self.foreign_key_problems == 0 && self.audit_problems.is_empty()
    }
}

impl Store {
    /// Check the file and the audit log: integrity, references, every chain.
    pub fn check(&self) -> Result<CheckReport> {
        let integrity: String = self
            .conn
            .pragma_query_value(None, "integrity_check", |r| r.get(0))?;
        let mut st = self.conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_key_problems = st.query_map([], |_| Ok(()))?.count();
        let audit_entries: i64 =
            self.conn
                .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))?;
        Ok(CheckReport {
            integrity,
            foreign_key_problems,
            audit_entries: audit_entries as usize,
            audit_problems: self.check_audit_log()?,
        })
    }
}

/// Open a connection, set pragmas, and check the file is ours and intact.
/// Migrations are the caller's business (tests migrate step by step).
pub fn open_checked(path: &Path) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(Error::DbDirMissing {
                dir: parent.display().to_string(),
            });
        }
    }
    if path.is_dir() {
        return Err(Error::DbNotMidun);
    }
    let conn = Connection::open(path)?;
    // The first statement that reads the file tells us if it is SQLite at all.
    let version = user_version(&conn)?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if version == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(Error::DbNotMidun);
        }
    } else if app_id != APPLICATION_ID {
        return Err(Error::DbNotMidun);
    }
    let check: String = conn.pragma_query_value(None, "integrity_check", |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::DbCorrupt { detail: check });
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

fn user_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(v.max(0) as usize)
}

/// Migrate an open connection to exactly `version` (for migration tests that
/// build a database of an earlier schema).
pub fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    migrations()
        .to_version(conn, version)
        .map_err(|e| Error::Db {
            detail: e.to_string(),
        })
}

/// The current time as stored on records (RFC 3339, UTC, seconds).
fn now_stamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_version_matches() {
        migrations().validate().unwrap();
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), schema_version());
    }
}
