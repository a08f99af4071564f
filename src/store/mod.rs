//! The SQLite store: one file per database, many enterprises per file.
//!
//! Opening checks that the file is a Midun database (or empty), runs
//! `PRAGMA integrity_check`, and applies the ordered forward migrations that
//! the table-group modules declare beside their code. Journal mode is WAL
//! with `synchronous=NORMAL`: a process crash loses nothing committed; a power
//! cut may lose the last moments but never corrupts the file.

mod assessment;
pub mod audit;
pub mod backup;
mod carrier;
mod controls;
mod enterprise;
mod evidence;
mod field;
pub mod handles;
pub mod handover;
mod import;
mod level;
mod personnel;
mod quick;
mod records;
mod registers;
mod secret_point;
mod settings;
mod station;

pub use assessment::*;
pub use audit::{AnchorCheck, AuditEntry, AuditProblem, ChainHead, Change};
pub use carrier::*;
pub use controls::*;
pub use enterprise::EnterpriseField;
pub use evidence::*;
pub use import::{MissingPeople, PointImportOptions, ADDED_PERSON_NOTE, UNLINKED_MARK};
pub use personnel::*;
pub use quick::{QuickItem, QuickView};
pub use records::*;
pub use registers::*;
pub use secret_point::{PointFacts, PointField, SecretItem};
pub use settings::check_operator_name;
pub use station::StoredSummary;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};
use crate::vault::{self, DbKey, KdfParams, RecoveryKey, Secret};

/// `PRAGMA application_id` of a Midun database ("MIDN").
pub const APPLICATION_ID: i64 = 0x4D49_444E;

/// The migrations in order; `user_version` = how many have run.
/// Never edit or reorder a released entry: append.
fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

const MIGRATIONS: [&str; 19] = [
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
    quick::MIGRATION,
    audit::MIGRATION_V2,
    records::MIGRATION,
    enterprise::MIGRATION_SUBMISSION,
    controls::MIGRATION_STARTED,
    evidence::fingerprint::MIGRATION_RECHECK,
    station::MIGRATION,
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
    /// The SQLCipher key, `None` for an unencrypted database.
    key: Option<DbKey>,
    /// Why today's backup could not be made, if it could not.
    backup_problem: Option<String>,
}

/// What lies at a database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFile {
    /// No file.
    Missing,
    /// A file of 0 bytes: a new database that was never written, or one
    /// truncated by a fault (damaged when its key file exists).
    Empty,
    /// A plain SQLite file (an earlier Midun, or a test database).
    Plain,
    /// No SQLite header, and sized in whole pages as a SQLCipher file is.
    Encrypted,
    /// Neither: some other file.
    Foreign,
}

/// Tell a plain SQLite file from an encrypted one by its header.
pub fn db_file(path: &Path) -> Result<DbFile> {
    use std::io::Read;
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DbFile::Missing),
        Err(_) if path.is_dir() => return Err(Error::DbNotMidun),
        Err(e) => return Err(e.into()),
    };
    let mut head = [0u8; 16];
    let n = f.read(&mut head)?;
    let len = f.metadata()?.len();
    Ok(match n {
        0 => DbFile::Empty,
        _ if head[..n] == b"SQLite format 3\0"[..n] => DbFile::Plain,
        _ if len >= 1024 && len % 1024 == 0 => DbFile::Encrypted,
        _ => DbFile::Foreign,
    })
}

/// What the app's start screen offers for a database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum VaultState {
    /// Nothing there yet: set a password (first start).
    New,
    /// An unencrypted database of an earlier version: set a password to encrypt it.
    Legacy,
    /// Encrypted: unlock with the password or the recovery key.
    Locked,
    /// Unlocked in this session.
    Open,
}

/// The start screen's question: what is at `path` (never `Open`).
pub fn vault_state(path: &Path) -> Result<VaultState> {
    Ok(match db_file(path)? {
        DbFile::Encrypted => VaultState::Locked,
        DbFile::Missing | DbFile::Empty if vault::key_path(path).exists() => VaultState::Locked,
        DbFile::Missing | DbFile::Empty => VaultState::New,
        DbFile::Plain => VaultState::Legacy,
        DbFile::Foreign => return Err(Error::DbNotMidun),
    })
}

/// The vault state with the database file it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub state: VaultState,
    pub path: String,
}

impl Store {
    /// Open (creating if absent) an unencrypted database at `path` and
    /// migrate it. Tests and the migration of earlier databases use this;
    /// the app and the CLI use `open_encrypted`.
    pub fn open(path: &Path) -> Result<Store> {
        match db_file(path)? {
            DbFile::Encrypted => return Err(Error::DbLocked),
            DbFile::Foreign => return Err(Error::DbNotMidun),
            _ => {}
        }
        Store::open_with(path, None)
    }

    /// Open the encrypted database at `path` with a password or the
    /// recovery key, creating it with `password` when there is none and
    /// encrypting an unencrypted one from an earlier version. Returns the
    /// recovery key when a new one was made: show it once.
    pub fn open_encrypted(
        path: &Path,
        secret: Secret,
        kdf: KdfParams,
    ) -> Result<(Store, Option<RecoveryKey>)> {
        let key_file = vault::key_path(path);
        crate::fsx::remove_leftovers(path);
        match (db_file(path)?, secret) {
            (DbFile::Foreign, _) => Err(Error::DbNotMidun),
            (DbFile::Encrypted, _) => {
                let key = vault::unlock(path, secret)?;
                match Store::open_with(path, Some(key.clone())) {
                    Err(Error::DbNotMidun) => Err(diagnose(path, &key, secret)),
                    other => Ok((other?, None)),
                }
            }
            // A key file and a file of 0 bytes: the database was truncated.
            // Never re-create it: a new empty database would go on to push
            // the sound backups out.
            (DbFile::Empty, _) if key_file.exists() => {
                vault::unlock(path, secret)?;
                Err(Error::DbEmpty {
                    file: path.display().to_string(),
                    backup: backup::advice(path, secret),
                })
            }
            // A key file without a database and without backups: set-up
            // stopped after writing the key file; finish it. With backups,
            // the database was lost or moved: refuse.
            (DbFile::Missing, _) if key_file.exists() => {
                let key = vault::unlock(path, secret)?;
                if !backup::list(path)?.is_empty() {
                    return Err(Error::DbFileMissing {
                        file: path.display().to_string(),
                        backup: backup::advice(path, secret),
                    });
                }
                Ok((Store::open_with(path, Some(key))?, None))
            }
            (DbFile::Missing | DbFile::Empty, Secret::Password(pw)) => {
                check_dir(path)?;
                let p = vault::prepare(pw, kdf)?;
                vault::install(path, &p)?;
                let store = Store::open_with(path, Some(p.key.clone()))?;
                Ok((store, Some(p.recovery)))
            }
            (DbFile::Plain, Secret::Password(pw)) => {
                let recovery = encrypt_plain(path, pw, kdf)?;
                let store = Store::open_with(path, Some(vault::unlock(path, secret)?))?;
                Ok((store, Some(recovery)))
            }
            (_, Secret::RecoveryKey(_)) => Err(Error::KeyFileMissing {
                file: key_file.display().to_string(),
            }),
        }
    }

    /// First start (or an earlier unencrypted database): encrypt with
    /// `password` and name the operator. Refused when the database is
    /// already encrypted; the operator name is checked before anything is
    /// created, so that no refusal can lose the recovery key shown once.
    pub fn set_up(
        path: &Path,
        password: &str,
        operator: &str,
        kdf: KdfParams,
    ) -> Result<(Store, RecoveryKey)> {
        check_operator_name(operator)?;
        if !matches!(vault_state(path)?, VaultState::New | VaultState::Legacy) {
            return Err(Error::DbExists {
                file: path.display().to_string(),
            });
        }
        let (mut store, recovery) = Store::open_encrypted(path, Secret::Password(password), kdf)?;
        let recovery = recovery.ok_or_else(|| Error::DbExists {
            file: path.display().to_string(),
        })?;
        store.set_operator(operator)?;
        Ok((store, recovery))
    }

    fn open_with(path: &Path, key: Option<DbKey>) -> Result<Store> {
        let existed = !matches!(db_file(path)?, DbFile::Missing | DbFile::Empty);
        let mut conn = open_checked(path, key.as_ref())?;
        if key.is_some() {
            // Backups made before a password change get its new wrapping
            // (a change interrupted before it reached them, or made by an
            // earlier version).
            let _ = backup::rewrap_copies(path);
        }
        let found = user_version(&conn)?;
        if found > schema_version() {
            return Err(Error::DbTooNew {
                found: found.to_string(),
                supported: schema_version().to_string(),
            });
        }
        if found > 0 && found < schema_version() {
            backup::create_from(&conn, path, key.as_ref(), backup::Reason::PreMigration)?;
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
            key,
            backup_problem: None,
        };
        if let Some(name) = store.settings().operator()? {
            store.actor = name;
        }
        if existed && found > 0 {
            // A failed daily backup must not lock the user out; say why.
            if let Err(e) = backup::daily(&store) {
                store.backup_problem = Some(e.to_string());
            }
        }
        Ok(store)
    }

    /// Whether the database is encrypted (SQLCipher).
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// Why the daily backup failed at open, if it did.
    pub fn backup_problem(&self) -> Option<&str> {
        self.backup_problem.as_deref()
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

    /// Run `f` in one transaction; `f` records its changes with
    /// `audit::record`. A write takes the database's write lock when it
    /// starts (IMMEDIATE), waiting up to `BUSY_WAIT_SECONDS` for another
    /// window or command; inside `atomically` it is a savepoint of the
    /// enclosing transaction. Writes go through `&self`: the register
    /// handles (`points()`, `people()` …) share the one connection.
    fn write<T>(&self, f: impl FnOnce(&Connection, &str) -> Result<T>) -> Result<T> {
        if self.conn.is_autocommit() {
            let tx = rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Immediate,
            )?;
            let out = f(&tx, &self.actor)?;
            tx.commit()?;
            Ok(out)
        } else {
            self.conn.execute_batch("SAVEPOINT midun_write")?;
            match f(&self.conn, &self.actor) {
                Ok(out) => {
                    self.conn.execute_batch("RELEASE midun_write")?;
                    Ok(out)
                }
                Err(e) => {
                    let _ = self
                        .conn
                        .execute_batch("ROLLBACK TO midun_write; RELEASE midun_write");
                    Err(e)
                }
            }
        }
    }

    /// Run `f` (any number of store calls) as one transaction: either every
    /// change it makes is kept, or none (a failed `demo` leaves nothing).
    pub fn atomically<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        // Rolled back on an error and on a panic alike.
        let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(self)));
        match res {
            Ok(Ok(out)) => match self.conn.execute_batch("COMMIT") {
                Ok(()) => Ok(out),
                Err(e) => {
                    let _ = self.conn.execute_batch("ROLLBACK");
                    Err(e.into())
                }
            },
            Ok(Err(e)) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
            Err(panic) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// `write`, with a backup of the state before the change made once the
    /// change has passed every check (the store's constraints included) and
    /// just before it is committed: a refused change leaves the backups as
    /// they were.
    fn write_backed_up<T>(
        &self,
        reason: backup::Reason,
        f: impl FnOnce(&Connection, &str) -> Result<T>,
    ) -> Result<T> {
        if !self.conn.is_autocommit() {
            return Err(Error::Db {
                detail: "备份须在事务之外进行".into(),
            });
        }
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let out = f(&tx, &self.actor)?;
        backup::create_from_file(&self.path, self.key.as_ref(), reason)?;
        tx.commit()?;
        Ok(out)
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
            audit_problems: self.audit().check()?,
        })
    }
}

/// The key file unlocked but the database does not open with its key:
/// name the key file when a backup's own key copy holds another key (a key
/// file of another database was put beside this one), else the database as
/// damaged; both with the newest sound backup.
fn diagnose(path: &Path, key: &DbKey, secret: Secret) -> Error {
    let advice = backup::advice(path, secret);
    let other_key = backup::list(path).unwrap_or_default().iter().any(|b| {
        let copy = backup::dir_of(path).join(&b.name);
        vault::unlock(&copy, secret).is_ok_and(|k| !k.same_as(key))
    });
    if other_key {
        Error::KeyFileMismatch {
            file: vault::key_path(path).display().to_string(),
            backup: advice,
        }
    } else {
        Error::DbDamaged {
            file: path.display().to_string(),
            backup: advice,
        }
    }
}

fn check_dir(path: &Path) -> Result<()> {
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
    Ok(())
}

/// Open a connection (keyed when `key` is given), set pragmas, and check
/// the file is ours and intact. Migrations are the caller's business
/// (tests migrate step by step).
pub fn open_checked(path: &Path, key: Option<&DbKey>) -> Result<Connection> {
    check_dir(path)?;
    // Owner-only: a new file is created so before SQLite opens it (SQLite
    // gives its -wal and -shm files the database file's permissions), and
    // an existing one is made so.
    if !path.exists() {
        match crate::fsx::create_new(path, crate::fsx::Access::Private) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.into()),
        }
    }
    crate::fsx::make_private(path);
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(
        crate::error::BUSY_WAIT_SECONDS,
    ))?;
    // SQLCipher logs decryption failures to stderr itself; Midun reports
    // them in its own words (the setting is process-wide).
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    });
    if let Some(k) = key {
        conn.execute_batch(&k.pragma())?;
    }
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
    for suffix in ["-wal", "-shm"] {
        crate::fsx::make_private(&sibling(path, suffix));
    }
    Ok(conn)
}

fn user_version(conn: &Connection) -> Result<usize> {
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok(v.max(0) as usize)
}

/// Encrypt the unencrypted database at `path` in place: export it into a
/// new SQLCipher file, verify that every table has the same rows, write the
/// key file, then put the new file in the original's place. Until that
/// last rename the original is untouched; an interrupted run starts over.
fn encrypt_plain(path: &Path, password: &str, kdf: KdfParams) -> Result<RecoveryKey> {
    let tmp = sibling(path, ".encrypting");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(&tmp, suffix));
    }
    let prepared = vault::prepare(password, kdf)?;
    // Verified before anything beside it is touched: a foreign SQLite file
    // or one that only starts like SQLite is refused here.
    let plain = open_checked(path, None)?;
    // A key file beside a plain database wraps no key of it (an encryption
    // interrupted before its last rename, or a stray file): kept aside,
    // never deleted.
    let stale = vault::key_path(path);
    if stale.exists() {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        std::fs::rename(&stale, sibling(&stale, &format!(".unused-{stamp}")))?;
    }
    let version = user_version(&plain)?;
    let counts = |c: &Connection, schema: &str| -> Result<Vec<(String, i64)>> {
        let mut st = c.prepare(&format!(
            "SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?;
        let names: Vec<String> = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        names
            .into_iter()
            .map(|n| {
                let q = format!(
                    "SELECT count(*) FROM {schema}.\"{}\"",
                    n.replace('"', "\"\"")
                );
                Ok((n, c.query_row(&q, [], |r| r.get(0))?))
            })
            .collect()
    };
    let before = counts(&plain, "main")?;
    let hex = prepared.key.pragma();
    // `PRAGMA key = "x'…'"` → the same literal serves ATTACH … KEY.
    let literal = hex
        .trim_start_matches("PRAGMA key = ")
        .trim_end_matches(';')
        .to_string();
    plain.execute(
        &format!("ATTACH DATABASE ?1 AS enc KEY {literal}"),
        [tmp.to_string_lossy()],
    )?;
    plain.query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))?;
    plain.execute_batch(&format!(
        "PRAGMA enc.user_version = {version}; PRAGMA enc.application_id = {APPLICATION_ID};"
    ))?;
    plain.execute_batch("DETACH DATABASE enc")?;
    plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    drop(plain);
    {
        let enc = open_checked(&tmp, Some(&prepared.key))?;
        if user_version(&enc)? != version || counts(&enc, "main")? != before {
            drop(enc);
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Db {
                detail: "加密后的副本与原数据库不一致，原数据库未改动".into(),
            });
        }
        enc.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    }
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(&tmp, suffix));
    }
    vault::install(path, &prepared)?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
    std::fs::rename(&tmp, path)?;
    if let Some(dir) = path.parent() {
        crate::fsx::sync_dir(dir);
    }
    Ok(prepared.recovery)
}

/// `path` with `suffix` appended to its file name.
pub(crate) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
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
