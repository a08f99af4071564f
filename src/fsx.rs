//! File-system helpers shared by the report, the key file and backups.

use std::io::Write;
use std::path::Path;

use crate::error::{io_detail, Error, Result};

/// Write `bytes` to `path` through a temporary file in the same directory.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Error::Io {
            detail: format!("目录不存在：{}", dir.display()),
        });
    }
    let name = path.file_name().ok_or_else(|| Error::Io {
        detail: format!("不是文件路径：{}", path.display()),
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let res = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
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

/// Make a rename in `dir` durable (Unix; elsewhere the rename is enough).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
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
