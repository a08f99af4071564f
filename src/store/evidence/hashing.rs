//! Reading the file the user points at: SHA-256 computed streaming, the
//! bytes kept only for a stored copy (and refused past its limit).

use std::fs::File;
use std::io::{ErrorKind, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{io_detail, Error, Result};

const CHUNK: usize = 64 * 1024;

/// A file as read: its size, SHA-256 (lower-case hex) and, when asked for,
/// its bytes.
#[derive(Debug)]
pub(super) struct Hashed {
    pub size: u64,
    pub sha256: String,
    pub bytes: Option<Vec<u8>>,
}

enum Failure {
    Missing,
    Io(std::io::Error),
    NotAFile,
    TooLarge(u64),
}

/// How the user sees the file in a message.
pub(super) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The file's name without its directories.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown(path))
}

/// SHA-256 of bytes in memory (a stored copy), lower-case hex.
pub(super) fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Sizes as Windows Explorer shows them (binary units).
pub(super) fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        let tenths = (bytes * 10 + MIB / 2) / MIB;
        if tenths % 10 == 0 {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KIB {
        format!("{} KB", (bytes + KIB / 2) / KIB)
    } else {
        format!("{bytes} 字节")
    }
}

fn read(path: &Path, keep_up_to: Option<u64>) -> std::result::Result<Hashed, Failure> {
    let io = |e: std::io::Error| {
        if e.kind() == ErrorKind::NotFound {
            Failure::Missing
        } else {
            Failure::Io(e)
        }
    };
    // Checked before opening: opening a named pipe would wait for a writer.
    if !std::fs::metadata(path).map_err(io)?.is_file() {
        return Err(Failure::NotAFile);
    }
    let mut file = File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Failure::NotAFile);
    }
    if let Some(limit) = keep_up_to {
        if meta.len() > limit {
            return Err(Failure::TooLarge(meta.len()));
        }
    }
    let mut hasher = Sha256::new();
    let mut bytes =
        keep_up_to.map(|_| Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0)));
    let mut buf = vec![0u8; CHUNK];
    let mut size: u64 = 0;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) => return Err(io(e)),
        };
        size += n as u64;
        // The file may have grown since it was measured.
        if let Some(limit) = keep_up_to {
            if size > limit {
                return Err(Failure::TooLarge(size));
            }
        }
        hasher.update(&buf[..n]);
        if let Some(b) = bytes.as_mut() {
            b.extend_from_slice(&buf[..n]);
        }
    }
    Ok(Hashed {
        size,
        sha256: format!("{:x}", hasher.finalize()),
        bytes,
    })
}

fn to_error(path: &Path, f: Failure, limit: u64) -> Error {
    let unreadable = |reason: String| Error::FileUnreadable {
        file: shown(path),
        reason,
    };
    match f {
        Failure::Missing => unreadable("文件不存在".into()),
        Failure::Io(e) => unreadable(io_detail(&e)),
        Failure::NotAFile => unreadable("不是文件（可能是文件夹）".into()),
        Failure::TooLarge(size) => Error::EvidenceFileTooLarge {
            file: file_name(path),
            size: human_size(size),
            limit: human_size(limit),
        },
    }
}

/// Read and hash the file at `path`; with `keep_up_to`, keep its bytes and
/// refuse a file larger than that many bytes.
pub(super) fn hash_file(path: &Path, keep_up_to: Option<u64>) -> Result<Hashed> {
    read(path, keep_up_to).map_err(|f| to_error(path, f, keep_up_to.unwrap_or(0)))
}

/// Hash the file at `path` for a recheck: `None` when it no longer exists
/// (a result, not an error); other failures are errors naming the file.
pub(super) fn hash_if_present(path: &Path) -> Result<Option<String>> {
    match read(path, None) {
        Ok(h) => Ok(Some(h.sha256)),
        Err(Failure::Missing) => Ok(None),
        Err(f) => Err(to_error(path, f, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_explorer() {
        assert_eq!(human_size(12), "12 字节");
        assert_eq!(human_size(2048), "2 KB");
        assert_eq!(human_size(50 * 1024 * 1024), "50 MB");
        assert_eq!(human_size(50 * 1024 * 1024 + 300 * 1024), "50.3 MB");
    }

    #[test]
    fn bytes_are_kept_only_when_asked_and_the_limit_applies() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.bin");
        std::fs::write(&p, vec![7u8; CHUNK * 2 + 5]).unwrap();
        let h = hash_file(&p, Some((CHUNK * 3) as u64)).unwrap();
        assert_eq!(h.size, (CHUNK * 2 + 5) as u64);
        assert_eq!(h.bytes.as_deref().map(<[u8]>::len), Some(CHUNK * 2 + 5));
        assert_eq!(h.sha256, sha256_hex(&vec![7u8; CHUNK * 2 + 5]));
        let e = hash_file(&p, Some(CHUNK as u64)).unwrap_err();
        assert_eq!(e.code(), "EVIDENCE_FILE_TOO_LARGE");
        assert!(hash_file(&p, None).unwrap().bytes.is_none());
        assert_eq!(hash_if_present(&dir.path().join("gone")).unwrap(), None);
        assert_eq!(
            hash_file(dir.path(), None).unwrap_err().code(),
            "FILE_UNREADABLE"
        );
    }
}
