//! File-system helpers shared by the report, the key file, backups and the
//! importers: atomic writes, owner-only files, bounded reads of regular
//! files, and the clean-up of temporary files an interrupted run left.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{io_detail, Error, Result};

/// Who may read a file Midun writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The owner only (0600 on Unix): the database, its key file, backups
    /// and every temporary file beside them.
    Private,
    /// What the folder gives new files: exports the user saves where they
    /// choose (reports, hand-over files, workbooks).
    Default,
}

/// Write `bytes` to `path` through a temporary file in the same directory;
/// exports the user chose a folder for (`Access::Default`).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically_as(path, bytes, Access::Default)
}

/// Write `bytes` to `path` through a temporary file in the same directory,
/// the temporary file created with `access` from its first byte (a killed
/// process never leaves a readable copy of a private file).
pub fn write_atomically_as(path: &Path, bytes: &[u8], access: Access) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::Io {
            detail: format!("目录不存在：{}", dir.display()),
        });
    }
    if path.is_dir() {
        return Err(Error::Io {
            detail: format!("这是一个文件夹，不能作为文件写入：{}", path.display()),
        });
    }
    let name = path.file_name().ok_or_else(|| Error::Io {
        detail: format!("不是文件路径：{}", path.display()),
    })?;
    let tmp = dir.join(temp_name(&name.to_string_lossy()));
    let res = (|| -> std::io::Result<()> {
        let _ = std::fs::remove_file(&tmp);
        let mut f = create_new(&tmp, access)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        sync_dir(dir);
        Ok(())
    })();
    res.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::Io {
            detail: format!("{}：{}", io_detail(&e), path.display()),
        }
    })
}

/// The temporary name `write_atomically` uses for `name` in this process.
fn temp_name(name: &str) -> String {
    format!(".{name}.{}.tmp", std::process::id())
}

/// Create a new file (failing if one exists) with `access`.
pub fn create_new(path: &Path, access: Access) -> std::io::Result<std::fs::File> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    if access == Access::Private {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = access;
    o.open(path)
}

/// Make an existing file owner-only (0600) or a folder owner-only (0700)
/// on Unix; elsewhere the user's profile folder already is.
pub fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(m) = std::fs::metadata(path) {
            let mode = if m.is_dir() { 0o700 } else { 0o600 };
            if m.permissions().mode() & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Copy `from` to `to` as a new owner-only file, synced.
pub fn copy_private(from: &Path, to: &Path) -> Result<()> {
    let res = (|| -> std::io::Result<()> {
        let _ = std::fs::remove_file(to);
        let mut src = std::fs::File::open(from)?;
        let mut dst = create_new(to, Access::Private)?;
        std::io::copy(&mut src, &mut dst)?;
        dst.sync_all()
    })();
    res.map_err(|e| {
        let _ = std::fs::remove_file(to);
        Error::Io {
            detail: format!("{}：{}", io_detail(&e), to.display()),
        }
    })
}

/// Make a rename in `dir` durable (Unix; elsewhere the rename is enough).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Why a file given to an importer cannot be read: its Chinese reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadRefusal {
    /// Not a regular file: a folder, a device (`/dev/zero`), a pipe.
    NotRegular,
    /// Larger than the limit, by its size on disk.
    TooLarge { size: u64 },
    /// The OS refused: its Chinese description.
    Io(String),
}

impl ReadRefusal {
    pub fn reason(&self, limit: u64) -> String {
        match self {
            ReadRefusal::NotRegular => "不是普通文件（可能是文件夹、设备或管道）".into(),
            ReadRefusal::TooLarge { size } => format!(
                "文件有 {}，超过 {} 的上限",
                human_bytes(*size),
                human_bytes(limit)
            ),
            ReadRefusal::Io(s) => s.clone(),
        }
    }
}

/// Read a regular file of at most `max` bytes: anything else (a folder, a
/// device, a pipe, an endless stream) is refused by its metadata before a
/// byte is read, and never more than `max` bytes are read should the file
/// grow meanwhile.
pub fn read_regular(path: &Path, max: u64) -> std::result::Result<Vec<u8>, ReadRefusal> {
    let io = |e: std::io::Error| ReadRefusal::Io(io_detail(&e));
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadRefusal::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadRefusal::TooLarge { size: meta.len() });
    }
    let f = std::fs::File::open(path).map_err(io)?;
    if !f.metadata().map_err(io)?.is_file() {
        return Err(ReadRefusal::NotRegular);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(ReadRefusal::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Open a regular file for streaming (hashing a carrier); devices, pipes
/// and folders are refused before anything is read.
pub fn open_regular(path: &Path) -> std::result::Result<std::fs::File, ReadRefusal> {
    let io = |e: std::io::Error| ReadRefusal::Io(io_detail(&e));
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadRefusal::NotRegular);
    }
    let f = std::fs::File::open(path).map_err(io)?;
    if !f.metadata().map_err(io)?.is_file() {
        return Err(ReadRefusal::NotRegular);
    }
    Ok(f)
}

/// "1.5 MB", "12 KB", "300 字节".
pub fn human_bytes(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB {
        let tenths = (n * 10 + MB / 2) / MB;
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if n >= 1024 {
        format!("{} KB", n.div_ceil(1024))
    } else {
        format!("{n} 字节")
    }
}

/// Temporary files an interrupted run may have left beside the database
/// `db`, each named with the id of the process that wrote it: partial key
/// files, partial backups and backup scratch copies. None holds anything
/// the user needs (the originals are untouched until a rename).
pub fn leftovers(db: &Path) -> Vec<(PathBuf, u32)> {
    let mut out = Vec::new();
    let dir = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = db.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return out;
    };
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `.<file>.<pid>.tmp` for every file written by `write_atomically`.
    let pid_of_tmp = |n: &str, file_prefix: &str| -> Option<u32> {
        let rest = n.strip_prefix('.')?.strip_prefix(file_prefix)?;
        let rest = rest.strip_suffix(".tmp")?;
        let (_, pid) = rest.rsplit_once('.')?;
        pid.parse().ok()
    };
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = pid_of_tmp(&n, &format!("{name}.key")) {
                out.push((e.path(), pid));
            }
        }
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("backups")) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            // `.verify-<pid>.db` and its -wal/-shm.
            let verify = n
                .strip_prefix(".verify-")
                .and_then(|r| r.split_once(".db"))
                .and_then(|(pid, _)| pid.parse().ok());
            // `<stem>-<stamp>-<reason>.db.<pid>.part` (+ -wal, -shm, .key).
            let partial = n
                .strip_prefix(&format!("{stem}-"))
                .and_then(|r| r.split_once(".db."))
                .and_then(|(_, r)| r.split_once(".part"))
                .and_then(|(pid, _)| pid.parse().ok());
            // The key copy written by `write_atomically`.
            let key_tmp = n
                .strip_prefix(&format!(".{stem}-"))
                .and_then(|r| r.strip_suffix(".tmp"))
                .and_then(|r| r.rsplit_once('.'))
                .and_then(|(_, pid)| pid.parse().ok());
            if let Some(pid) = verify.or(partial).or(key_tmp) {
                out.push((e.path(), pid));
            }
        }
    }
    out
}

/// Remove `leftovers(db)` whose process has ended (another Midun window or
/// command may be writing its own right now).
pub fn remove_leftovers(db: &Path) {
    for (p, pid) in leftovers(db) {
        if pid == std::process::id() || !process_alive(pid) {
            let _ = std::fs::remove_file(p);
        }
    }
}

/// Whether a process with this id is running (Unix). Elsewhere a leftover
/// is removed only when it is over an hour old.
fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: kill with signal 0 only checks that the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// `path` with `.ext` added unless it already ends so (any case): a save
/// dialog may give back a name without the extension the user expects.
pub fn with_extension(path: std::path::PathBuf, ext: &str) -> std::path::PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext));
    if has {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(".");
        s.push(ext);
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_or_a_folder_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read_regular(dir.path(), 10).unwrap_err(),
            ReadRefusal::NotRegular
        );
        #[cfg(unix)]
        assert_eq!(
            read_regular(Path::new("/dev/zero"), 1 << 30).unwrap_err(),
            ReadRefusal::NotRegular
        );
        let f = dir.path().join("a.bin");
        std::fs::write(&f, [0u8; 11]).unwrap();
        assert_eq!(
            read_regular(&f, 10).unwrap_err(),
            ReadRefusal::TooLarge { size: 11 }
        );
        assert_eq!(read_regular(&f, 11).unwrap().len(), 11);
    }

    #[cfg(unix)]
    #[test]
    fn private_writes_are_owner_only_from_the_start() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("k.key");
        write_atomically_as(&p, b"x", Access::Private).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let f = create_new(&dir.path().join("t.tmp"), Access::Private).unwrap();
        assert_eq!(f.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn leftovers_are_only_temporary_files_of_ended_processes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("midun.db");
        std::fs::create_dir(dir.path().join("backups")).unwrap();
        // A process id that cannot be running (above the kernel's maximum).
        let dead = 4_194_399u32;
        // The test runner's parent is running.
        #[cfg(unix)]
        let alive = std::os::unix::process::parent_id();
        #[cfg(not(unix))]
        let alive = dead + 1;
        for n in [
            format!(".midun.db.key.{dead}.tmp"),
            format!("backups/.verify-{dead}.db"),
            format!("backups/.verify-{dead}.db-wal"),
            format!("backups/midun-20260101-000000-000-daily.db.{dead}.part"),
            format!("backups/.midun-20260101-000000-000-daily.db.key.{dead}.tmp"),
        ] {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        for keep in [
            "midun.db".to_string(),
            "midun.db.key".into(),
            format!(".other.db.key.{dead}.tmp"),
            "backups/midun-20260101-000000-000-daily.db".into(),
            "backups/midun-20260101-000000-000-daily.db.key".into(),
            format!("backups/.verify-{alive}.db"),
        ] {
            std::fs::write(dir.path().join(keep), b"x").unwrap();
        }
        let mut found: Vec<String> = leftovers(&db)
            .iter()
            .map(|(p, _)| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        found.sort();
        let mut want = vec![
            format!(".midun.db.key.{dead}.tmp"),
            format!("backups/.midun-20260101-000000-000-daily.db.key.{dead}.tmp"),
            format!("backups/.verify-{alive}.db"),
            format!("backups/.verify-{dead}.db"),
            format!("backups/.verify-{dead}.db-wal"),
            format!("backups/midun-20260101-000000-000-daily.db.{dead}.part"),
        ];
        want.sort();
        assert_eq!(found, want);
        remove_leftovers(&db);
        #[cfg(unix)]
        assert_eq!(
            leftovers(&db)
                .iter()
                .map(|(_, pid)| *pid)
                .collect::<Vec<_>>(),
            [alive],
            "only the running process's file stays"
        );
        assert!(dir.path().join("midun.db.key").exists());
        assert!(dir
            .path()
            .join("backups/midun-20260101-000000-000-daily.db.key")
            .exists());
    }
}
