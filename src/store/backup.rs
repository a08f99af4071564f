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

/// Back up an open connection of the database at `db`, then keep the
/// newest `KEEP`.
pub(super) fn create_from(
    conn: &Connection,
    db: &Path,
    key: Option<&DbKey>,
    reason: Reason,
) -> Result<BackupInfo> {
    let b = make(conn, db, key, reason)?;
    prune(db, &[])?;
    Ok(b)
}

/// Back up the last committed state of the database at `db` through a
/// connection of its own. A writer that holds an uncommitted transaction
/// on another connection calls this just before committing: in WAL mode
/// this connection reads the state before the change.
pub(super) fn create_from_file(
    db: &Path,
    key: Option<&DbKey>,
    reason: Reason,
) -> Result<BackupInfo> {
    let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    if let Some(k) = key {
        conn.execute_batch(&k.pragma())?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(
        crate::error::BUSY_WAIT_SECONDS,
    ))?;
    create_from(&conn, db, key, reason)
}

/// Write one backup (database and key file copy), owner-only from the
/// first byte; nothing is pruned.
fn make(conn: &Connection, db: &Path, key: Option<&DbKey>, reason: Reason) -> Result<BackupInfo> {
    let dir = dir_of(db);
    std::fs::create_dir_all(&dir)?;
    crate::fsx::make_private(&dir);
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
    let pid = std::process::id();
    let tmp = sibling(&target, &format!(".{pid}.part"));
    let key_tmp = sibling(&target, &format!(".{pid}.part.key"));
    let remove_tmp = || {
        for p in [
            tmp.clone(),
            sibling(&tmp, "-journal"),
            sibling(&tmp, "-wal"),
            key_tmp.clone(),
        ] {
            let _ = std::fs::remove_file(p);
        }
    };
    remove_tmp();
    let res = (|| -> Result<()> {
        drop(crate::fsx::create_new(&tmp, crate::fsx::Access::Private)?);
        let mut dst = Connection::open(&tmp)?;
        if let Some(k) = key {
            dst.execute_batch(&k.pragma())?;
        }
        Backup::new(conn, &mut dst)?.run_to_completion(256, std::time::Duration::ZERO, None)?;
        drop(dst);
        std::fs::File::open(&tmp)?.sync_all()?;
        if key.is_some() {
            crate::fsx::copy_private(&vault::key_path(db), &key_tmp)?;
            std::fs::rename(&key_tmp, vault::key_path(&target))?;
        }
        std::fs::rename(&tmp, &target)?;
        crate::fsx::sync_dir(&dir);
        Ok(())
    })();
    if let Err(e) = res {
        remove_tmp();
        let _ = std::fs::remove_file(vault::key_path(&target));
        return Err(e);
    }
    let bytes = std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        name,
        made_at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
        reason: reason.label().into(),
        kind: reason.tag().into(),
        bytes,
    })
}

/// Keep the newest `KEEP` backups, never removing one named in `protect`
/// (the source of a restore that is under way); remove key copies whose
/// backup is gone.
fn prune(db: &Path, protect: &[&str]) -> Result<()> {
    let dir = dir_of(db);
    for old in list(db)?.into_iter().skip(KEEP) {
        if protect.contains(&old.name.as_str()) {
            continue;
        }
        let p = dir.join(&old.name);
        std::fs::remove_file(&p)?;
        let _ = std::fs::remove_file(vault::key_path(&p));
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if let Some(db_name) = n.strip_suffix(".key") {
                if parse(db, db_name).is_some() && !dir.join(db_name).exists() {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
    Ok(())
}

/// Today's backup, unless one was made today already or the database holds
/// nothing yet (an empty database never pushes a backup with data out).
pub(super) fn daily(store: &Store) -> Result<Option<BackupInfo>> {
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    if list(&store.path)?
        .iter()
        .any(|b| b.made_at.starts_with(&today))
    {
        return Ok(None);
    }
    let holds_data: bool = store.conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM enterprise) OR EXISTS (SELECT 1 FROM audit_log)",
        [],
        |r| r.get(0),
    )?;
    if !holds_data {
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

/// A scratch copy of a backup, removed on every path when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(sibling(&self.0, suffix));
        }
    }
}

/// Check a backup of `db`: it opens with `key` and passes the integrity check.
pub fn verify(db: &Path, name: &str, key: Option<&DbKey>) -> Result<()> {
    let path = dir_of(db).join(name);
    if parse(db, name).is_none() || !path.is_file() {
        return Err(Error::BackupNotFound { name: name.into() });
    }
    // Check a copy: opening sets WAL mode, which must not touch the backup.
    let scratch = Scratch(dir_of(db).join(format!(".verify-{}.db", std::process::id())));
    let res = crate::fsx::copy_private(&path, &scratch.0)
        .and_then(|_| open_checked(&scratch.0, key).map(drop));
    drop(scratch);
    res.map_err(|e| Error::BackupUnsound {
        name: name.into(),
        detail: e.to_string(),
    })
}

/// The key that opens backup `name`: its own key copy unlocked with
/// `secret`, else the database's key file.
fn backup_key(db: &Path, name: &str, secret: Secret) -> Option<DbKey> {
    let copy = dir_of(db).join(name);
    vault::unlock(&copy, secret)
        .ok()
        .or_else(|| vault::unlock(db, secret).ok())
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

/// `newest_sound` for a user who gives the password or the recovery key:
/// each backup is checked with its own key copy (a backup of another era
/// or of another database may have another key).
pub fn newest_sound_with(db: &Path, secret: Secret) -> Result<Option<BackupInfo>> {
    for b in list(db)? {
        let key = backup_key(db, &b.name, secret);
        let encrypted = vault::key_path(&dir_of(db).join(&b.name)).exists();
        if (key.is_some() || !encrypted) && verify(db, &b.name, key.as_ref()).is_ok() {
            return Ok(Some(b));
        }
    }
    Ok(None)
}

/// What to tell a user whose database cannot be opened: the newest sound
/// backup and how to restore it, or that there is none.
pub fn advice(db: &Path, secret: Secret) -> String {
    match newest_sound_with(db, secret) {
        Ok(Some(b)) => format!(
            "最新的完好备份：{}（{}，{}），可用“从备份恢复”恢复（命令行：midun backup restore {}）",
            b.name, b.made_at, b.reason, b.name
        ),
        _ => "没有可用的完好备份".into(),
    }
}

/// Put backup `name` in the place of the database at `db`, which must not
/// be open; `key` opens both. See `restore_keys`.
pub fn restore(db: &Path, name: &str, key: Option<&DbKey>) -> Result<()> {
    restore_keys(db, name, key, key)
}

/// Put backup `name` (opened by `backup_key`) in the place of the database
/// at `db` (opened by `current_key`, if at all). The backup is checked and
/// copied first; the current file is then backed up when it still opens,
/// or kept aside as `<db>.damaged-<time>` (with its key file) when it does
/// not. When the backup's key copy belongs to another key than the key
/// file's, it becomes the key file. Nothing is pruned before the restore
/// has succeeded, and the restored backup is never pruned by it.
pub fn restore_keys(
    db: &Path,
    name: &str,
    backup_key: Option<&DbKey>,
    current_key: Option<&DbKey>,
) -> Result<()> {
    verify(db, name, backup_key)?;
    let src = dir_of(db).join(name);
    let tmp = sibling(db, ".restoring");
    let res = (|| -> Result<()> {
        crate::fsx::copy_private(&src, &tmp)?;
        let key_file = vault::key_path(db);
        let backup_key_file = vault::key_path(&src);
        let replace_key = backup_key_file.exists()
            && (!key_file.exists() || !vault::same_key(&key_file, &backup_key_file));
        let opens = db.exists() && open_checked(db, current_key).is_ok();
        if opens {
            let conn = open_checked(db, current_key)?;
            make(&conn, db, current_key, Reason::PreRestore)?;
        } else if db.exists() {
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let aside = sibling(db, &format!(".damaged-{stamp}"));
            std::fs::rename(db, &aside)?;
            let _ = std::fs::rename(sibling(db, "-wal"), sibling(&aside, "-wal"));
            if replace_key && key_file.exists() {
                crate::fsx::copy_private(&key_file, &vault::key_path(&aside))?;
            }
        }
        // A write-ahead log left by the old file would be replayed into the
        // restored one: remove it first.
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(sibling(db, suffix));
        }
        if replace_key {
            let bytes = std::fs::read(&backup_key_file)?;
            crate::fsx::write_atomically_as(&key_file, &bytes, crate::fsx::Access::Private)?;
        }
        std::fs::rename(&tmp, db)?;
        if let Some(dir) = db.parent() {
            crate::fsx::sync_dir(dir);
        }
        Ok(())
    })();
    if res.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    res?;
    prune(db, &[name])
}

/// `restore` for a user who gives the password or the recovery key (the
/// CLI and the app): the backup is opened with its own key copy (or the
/// key file), the current database with the key file.
pub fn restore_with(db: &Path, name: &str, secret: Secret) -> Result<()> {
    if parse(db, name).is_none() || !dir_of(db).join(name).is_file() {
        return Err(Error::BackupNotFound { name: name.into() });
    }
    let current = vault::unlock(db, secret).ok();
    let backup = match backup_key(db, name, secret) {
        Some(k) => Some(k),
        None if vault::key_path(&dir_of(db).join(name)).exists() || current.is_none() => {
            // Name the real reason: the secret opens neither key file.
            return Err(vault::unlock(&dir_of(db).join(name), secret)
                .err()
                .unwrap_or(Error::WrongPassword));
        }
        None => None,
    };
    restore_keys(db, name, backup.as_ref(), current.as_ref())
}

/// After a password change: give every backup's key copy that wraps the
/// same database key the key file's new password wrapping, so that an old
/// password opens no copy. Returns how many copies were rewritten.
pub fn rewrap_copies(db: &Path) -> Result<usize> {
    let main = vault::key_path(db);
    let mut n = 0;
    for b in list(db)? {
        let copy = vault::key_path(&dir_of(db).join(&b.name));
        if copy.exists() && vault::sync_copy(&main, &copy)? {
            n += 1;
        }
    }
    Ok(n)
}

/// Change the password of the database at `db` (see `vault::change_password`)
/// and rewrap the key copies of its backups.
pub fn change_password(
    db: &Path,
    current: Secret,
    new_password: &str,
    kdf: vault::KdfParams,
) -> Result<usize> {
    vault::change_password(db, current, new_password, kdf)?;
    rewrap_copies(db)
}
