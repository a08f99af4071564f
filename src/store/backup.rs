//! Backups: SQLite's online backup of the open database into
//! `backups/` beside it, together with a copy of the key file (the copy is
//! as encrypted as the original). One is made before every migration and
//! one a day on the first open; the last `KEEP` are kept. Restoring checks
//! the backup first and keeps the damaged file aside rather than deleting
//! it.

use std::path::{Path, PathBuf};

use rusqlite::backup::Backup;
use rusqlite::Connection;
use serde::Serialize;

use super::{open_checked, sibling, Store};
use crate::error::{Error, Result};
use crate::vault::{self, DbKey, Secret};

/// How many backups are kept.
pub const KEEP: usize = 7;

/// Why a backup was made; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Daily,
    PreMigration,
    Manual,
    PreRestore,
}

impl Reason {
    fn tag(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::PreMigration => "premigration",
            Reason::Manual => "manual",
            Reason::PreRestore => "prerestore",
        }
    }
    fn from_tag(t: &str) -> Option<Reason> {
        [
            Reason::Daily,
            Reason::PreMigration,
            Reason::Manual,
            Reason::PreRestore,
        ]
        .into_iter()
        .find(|r| r.tag() == t)
    }
    pub fn label(self) -> &'static str {
        match self {
            Reason::Daily => "每日自动",
            Reason::PreMigration => "升级前",
            Reason::Manual => "手动",
            Reason::PreRestore => "恢复前",
        }
    }
}

/// One backup on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file name, which `restore` takes.
    pub name: String,
    /// When it was made, local time, "YYYY-MM-DD HH:MM:SS".
    pub made_at: String,
    /// 每日自动, 升级前, 手动 or 恢复前.
    pub reason: String,
    /// The same as a stable tag: daily, premigration, manual or prerestore.
    pub kind: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The backup folder of the database at `db`.
pub fn dir_of(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "midun".into())
}

/// Parse `<stem>-YYYYMMDD-HHMMSS-mmm-<reason>.db` (milliseconds keep
/// backups made within one second in order).
fn parse(db: &Path, name: &str) -> Option<(chrono::NaiveDateTime, Reason)> {
    let rest = name.strip_prefix(&format!("{}-", stem(db)))?;
    let rest = rest.strip_suffix(".db")?;
    let (stamp, tag) = rest.rsplit_once('-')?;
    let when = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S-%3f").ok()?;
    Some((when, Reason::from_tag(tag)?))
}

/// The backups of `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<BackupInfo>> {
    let dir = dir_of(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out: Vec<(chrono::NaiveDateTime, BackupInfo)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((when, reason)) = parse(db, &name) {
            out.push((
                when,
                BackupInfo {
                    name,
                    made_at: when.format("%Y-%m-%d %H:%M:%S").to_string(),
                    reason: reason.label().into(),
                    kind: reason.tag().into(),
                    bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                },
            ));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.name.cmp(&a.1.name)));
    Ok(out.into_iter().map(|(_, b)| b).collect())
}

/// Back up an open connection of the database at `db`.
pub(super) fn create_from(
    conn: &Connection,
    db: &Path,
    key: Option<&DbKey>,
    reason: Reason,
) -> Result<BackupInfo> {
    let dir = dir_of(db);
    std::fs::create_dir_all(&dir)?;
    let mut now = chrono::Local::now().naive_local();
    // Names sort in time order: never earlier than the newest backup.
    let newest = list(db)?
        .first()
        .and_then(|b| parse(db, &b.name))
        .map(|(t, _)| t);
    if let Some(t) = newest.filter(|t| *t >= now) {
        now = t + chrono::Duration::milliseconds(1);
    }
    let name = format!(
        "{}-{}-{}.db",
        stem(db),
        now.format("%Y%m%d-%H%M%S-%3f"),
        reason.tag()
    );
    let target = dir.join(&name);
    let tmp = sibling(&target, ".tmp");
    let _ = std::fs::remove_file(&tmp);
    let res = (|| -> Result<()> {
        let mut dst = Connection::open(&tmp)?;
        if let Some(k) = key {
            dst.execute_batch(&k.pragma())?;
        }
        Backup::new(conn, &mut dst)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
        drop(dst);
        std::fs::File::open(&tmp)?.sync_all()?;
        let key_file = vault::key_path(db);
        if key.is_some() {
            std::fs::copy(&key_file, vault::key_path(&target))?;
        }
        std::fs::rename(&tmp, &target)?;
        crate::fsx::sync_dir(&dir);
        Ok(())
    })();
    if let Err(e) = res {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    prune(db)?;
    Ok(list(db)?
        .into_iter()
        .find(|b| b.name == name)
        .unwrap_or(BackupInfo {
            name,
            made_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
            reason: reason.label().into(),
            kind: reason.tag().into(),
            bytes: 0,
        }))
}

/// Keep the newest `KEEP` backups.
fn prune(db: &Path) -> Result<()> {
    let dir = dir_of(db);
    for old in list(db)?.into_iter().skip(KEEP) {
        let p = dir.join(&old.name);
        std::fs::remove_file(&p)?;
        let _ = std::fs::remove_file(vault::key_path(&p));
    }
    Ok(())
}

/// Today's backup, unless one was made today already.
pub(super) fn daily(store: &Store) -> Result<Option<BackupInfo>> {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    if list(&store.path)?
        .iter()
        .any(|b| b.made_at.starts_with(&today))
    {
        return Ok(None);
    }
    create_from(&store.conn, &store.path, store.key.as_ref(), Reason::Daily).map(Some)
}

impl Store {
    /// Back up now (`midun backup create`, the app's 立即备份).
    pub fn backup(&self) -> Result<BackupInfo> {
        create_from(&self.conn, &self.path, self.key.as_ref(), Reason::Manual)
    }
}

/// Check a backup of `db`: it opens with `key` and passes the integrity check.
pub fn verify(db: &Path, name: &str, key: Option<&DbKey>) -> Result<()> {
    let path = dir_of(db).join(name);
    if parse(db, name).is_none() || !path.is_file() {
        return Err(Error::BackupNotFound { name: name.into() });
    }
    // Check a copy: opening sets WAL mode, which must not touch the backup.
    let scratch = tempfile_in(&dir_of(db))?;
    std::fs::copy(&path, &scratch)?;
    let res = open_checked(&scratch, key).map(drop);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(&scratch, suffix));
    }
    res.map_err(|e| Error::BackupUnsound {
        name: name.into(),
        detail: e.to_string(),
    })
}

fn tempfile_in(dir: &Path) -> Result<PathBuf> {
    Ok(dir.join(format!(".verify-{}.db", std::process::id())))
}

/// The newest backup that opens and passes the integrity check.
pub fn newest_sound(db: &Path, key: Option<&DbKey>) -> Result<Option<BackupInfo>> {
    for b in list(db)? {
        if verify(db, &b.name, key).is_ok() {
            return Ok(Some(b));
        }
    }
    Ok(None)
}

/// Put backup `name` in the place of the database at `db`, which must not
/// be open. The current file is backed up first when it still opens, and
/// kept aside as `<db>.damaged-<time>` when it does not. The key file is
/// restored too when it is missing.
pub fn restore(db: &Path, name: &str, key: Option<&DbKey>) -> Result<()> {
    verify(db, name, key)?;
    let src = dir_of(db).join(name);
    match open_checked(db, key) {
        Ok(conn) => {
            create_from(&conn, db, key, Reason::PreRestore)?;
        }
        Err(_) if db.exists() => {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            std::fs::rename(db, sibling(db, &format!(".damaged-{stamp}")))?;
        }
        Err(_) => {}
    }
    let tmp = sibling(db, ".restoring");
    std::fs::copy(&src, &tmp)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    // A write-ahead log left by the old file would be replayed into the
    // restored one: remove it first.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(sibling(db, suffix));
    }
    std::fs::rename(&tmp, db)?;
    let key_file = vault::key_path(db);
    let backup_key = vault::key_path(&src);
    if !key_file.exists() && backup_key.exists() {
        std::fs::copy(&backup_key, &key_file)?;
    }
    if let Some(dir) = db.parent() {
        crate::fsx::sync_dir(dir);
    }
    Ok(())
}

/// The key that opens the database at `db` or, when its key file is lost,
/// backup `name` (which carries a copy of the key file).
fn key_for(db: &Path, name: Option<&str>, secret: Secret) -> Result<DbKey> {
    match vault::unlock(db, secret) {
        Err(Error::KeyFileMissing { .. }) if name.is_some() => {
            vault::unlock(&dir_of(db).join(name.unwrap_or_default()), secret)
        }
        other => other,
    }
}

/// `restore` for a user who gives the password or the recovery key (the
/// CLI and the app): the key comes from the key file, or from the backup's
/// copy when the key file itself was lost.
pub fn restore_with(db: &Path, name: &str, secret: Secret) -> Result<()> {
    let key = key_for(db, Some(name), secret)?;
    restore(db, name, Some(&key))
}

/// `newest_sound` for a user who gives the password or the recovery key.
pub fn newest_sound_with(db: &Path, secret: Secret) -> Result<Option<BackupInfo>> {
    let key = match key_for(db, None, secret) {
        Ok(k) => Some(k),
        Err(Error::KeyFileMissing { .. }) => None,
        Err(e) => return Err(e),
    };
    newest_sound(db, key.as_ref())
}
