//! Encryption at rest. The database is a SQLCipher file encrypted with a
//! random 256-bit key. That key never touches the disk in the clear: the
//! key file `<db>.key` beside the database holds it twice, wrapped
//! (XChaCha20-Poly1305) once by a key derived from the user's password
//! (Argon2id, parameters stored with it) and once by a recovery key shown
//! once at set-up for the user to print and seal. Either unlocks. Changing
//! the password rewraps the key; the data is not re-encrypted.

use std::path::{Path, PathBuf};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64, HEXUPPER};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 8;
const FORMAT: &str = "midun-key";
const VERSION: u32 = 1;
const RECOVERY_BYTES: usize = 20;

/// Argon2id cost: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    /// What new key files use: 64 MiB, 3 passes, 1 lane (OWASP's
    /// recommendation for Argon2id; a few hundred ms on a laptop).
    pub const PRODUCTION: KdfParams = KdfParams {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };
    /// Cheap parameters for tests that create many databases.
    pub const FAST: KdfParams = KdfParams {
        m_kib: 8,
        t: 1,
        p: 1,
    };
    /// The most a key file may ask for: 1 GiB would abort a small PC, and
    /// passes beyond a few dozen would hang the unlock for minutes. A key
    /// file asking for more is treated as damaged.
    pub const MAX: KdfParams = KdfParams {
        m_kib: 256 * 1024,
        t: 16,
        p: 8,
    };

    /// Whether these are parameters Midun would unlock with.
    pub fn within_bounds(self) -> bool {
        (8..=Self::MAX.m_kib).contains(&self.m_kib)
            && (1..=Self::MAX.t).contains(&self.t)
            && (1..=Self::MAX.p).contains(&self.p)
            && self.m_kib >= 8 * self.p
    }
}

/// The database key, wiped from memory when dropped.
#[derive(Clone)]
pub struct DbKey(Zeroizing<[u8; 32]>);

impl DbKey {
    /// The statement that keys a SQLCipher connection (raw key, no KDF).
    pub fn pragma(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "PRAGMA key = \"x'{}'\";",
            HEXUPPER.encode(&self.0[..])
        ))
    }
}

impl DbKey {
    /// Whether two keys are the same key.
    pub fn same_as(&self, other: &DbKey) -> bool {
        self.0[..]
            .iter()
            .zip(other.0[..].iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// What the user unlocks with.
#[derive(Clone, Copy)]
pub enum Secret<'a> {
    Password(&'a str),
    RecoveryKey(&'a str),
}

/// A password or the recovery key as the app's unlock screen sends it.
#[derive(Clone, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", tag = "kind", content = "value")]
pub enum UnlockSecret {
    Password(String),
    RecoveryKey(String),
}

impl UnlockSecret {
    pub fn secret(&self) -> Secret<'_> {
        match self {
            UnlockSecret::Password(p) => Secret::Password(p),
            UnlockSecret::RecoveryKey(k) => Secret::RecoveryKey(k),
        }
    }
}

/// The recovery key as shown to the user: 8 groups of 4 characters.
pub struct RecoveryKey(Zeroizing<String>);

impl RecoveryKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct KeyFile {
    format: String,
    version: u32,
    kdf: Kdf,
    password: Wrapped,
    recovery: Wrapped,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Kdf {
    algorithm: String,
    #[serde(flatten)]
    params: KdfParams,
    salt: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Wrapped {
    /// Recovery only: the salt hashed with the recovery key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    salt: String,
    nonce: String,
    ciphertext: String,
}

/// Where the key file of `db` lives: `<db>.key`.
pub fn key_path(db: &Path) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(".key");
    PathBuf::from(s)
}

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|_| Error::Io {
        detail: "无法从操作系统取得随机数".into(),
    })?;
    Ok(b)
}

fn password_kek(password: &str, salt: &[u8], kdf: KdfParams) -> Result<Zeroizing<[u8; 32]>> {
    let params = Params::new(kdf.m_kib, kdf.t, kdf.p, Some(32)).map_err(|_| Error::Io {
        detail: "密钥派生参数无效".into(),
    })?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, &mut out[..])
        .map_err(|_| Error::Io {
            detail: "密钥派生失败（盐值或参数无效）".into(),
        })?;
    Ok(out)
}

/// The recovery key has 160 random bits: a hash is enough to stretch it.
fn recovery_kek(raw: &[u8], salt: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut h = Sha256::new();
    h.update(b"midun-recovery-v1");
    h.update(salt);
    h.update(raw);
    Zeroizing::new(h.finalize().into())
}

fn aad(kind: &str) -> Vec<u8> {
    format!("{FORMAT}-v{VERSION}:{kind}").into_bytes()
}

fn wrap(kek: &[u8; 32], key: &DbKey, kind: &str, salt: String) -> Result<Wrapped> {
    let nonce: [u8; 24] = random()?;
    let ct = XChaCha20Poly1305::new(kek.into())
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: &key.0[..],
                aad: &aad(kind),
            },
        )
        .map_err(|_| Error::Io {
            detail: "加密密钥失败".into(),
        })?;
    Ok(Wrapped {
        salt,
        nonce: BASE64.encode(&nonce),
        ciphertext: BASE64.encode(&ct),
    })
}

/// `None` when the tag does not verify (wrong password or key).
fn unwrap(kek: &[u8; 32], w: &Wrapped, kind: &str, file: &Path) -> Result<Option<DbKey>> {
    let invalid = || Error::KeyFileInvalid {
        file: file.display().to_string(),
    };
    let nonce = BASE64.decode(w.nonce.as_bytes()).map_err(|_| invalid())?;
    let ct = BASE64
        .decode(w.ciphertext.as_bytes())
        .map_err(|_| invalid())?;
    if nonce.len() != 24 {
        return Err(invalid());
    }
    let Ok(pt) = XChaCha20Poly1305::new(kek.into()).decrypt(
        XNonce::from_slice(&nonce),
        Payload {
            msg: &ct,
            aad: &aad(kind),
        },
    ) else {
        return Ok(None);
    };
    let pt = Zeroizing::new(pt);
    let bytes: [u8; 32] = pt.as_slice().try_into().map_err(|_| invalid())?;
    Ok(Some(DbKey(Zeroizing::new(bytes))))
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::PasswordTooShort {
            min: MIN_PASSWORD_CHARS.to_string(),
        });
    }
    Ok(())
}

fn password_wrap(password: &str, key: &DbKey, kdf: KdfParams) -> Result<(Kdf, Wrapped)> {
    let salt: [u8; 16] = random()?;
    let kek = password_kek(password, &salt, kdf)?;
    Ok((
        Kdf {
            algorithm: "argon2id".into(),
            params: kdf,
            salt: BASE64.encode(&salt),
        },
        wrap(&kek, key, "password", String::new())?,
    ))
}

fn write_key_file(path: &Path, kf: &KeyFile) -> Result<()> {
    let json = serde_json::to_vec_pretty(kf).map_err(|e| Error::Io {
        detail: crate::error::json_detail(&e),
    })?;
    // Owner-only from the temporary file's first byte: a killed process
    // never leaves a readable copy of a wrapped key.
    crate::fsx::write_atomically_as(path, &json, crate::fsx::Access::Private)
}

/// The most a key file may hold (it is a few hundred bytes).
const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;

fn read_key_file(path: &Path) -> Result<KeyFile> {
    let invalid = || Error::KeyFileInvalid {
        file: path.display().to_string(),
    };
    if !path.exists() {
        return Err(Error::KeyFileMissing {
            file: path.display().to_string(),
        });
    }
    let bytes = match crate::fsx::read_regular(path, MAX_KEY_FILE_BYTES) {
        Ok(b) => b,
        Err(crate::fsx::ReadRefusal::Io(reason)) => {
            return Err(Error::FileUnreadable {
                file: path.display().to_string(),
                reason,
            })
        }
        Err(_) => return Err(invalid()),
    };
    let kf: KeyFile = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if kf.format != FORMAT
        || kf.version != VERSION
        || kf.kdf.algorithm != "argon2id"
        || !kf.kdf.params.within_bounds()
        || kf.kdf.salt.len() > 128
    {
        return Err(invalid());
    }
    Ok(kf)
}

/// Whether the key files `a` and `b` wrap the same database key: they
/// carry the same recovery wrapping, which is made once per key.
pub fn same_key(a: &Path, b: &Path) -> bool {
    match (read_key_file(a), read_key_file(b)) {
        (Ok(x), Ok(y)) => x.recovery == y.recovery,
        _ => false,
    }
}

/// Give the key file `copy` (a backup's) the content of the key file
/// `main` when both wrap the same database key and they differ (a password
/// changed since the copy was made). Returns whether `copy` was rewritten.
pub fn sync_copy(main: &Path, copy: &Path) -> Result<bool> {
    let m = read_key_file(main)?;
    let Ok(c) = read_key_file(copy) else {
        return Ok(false);
    };
    if c.recovery != m.recovery || c == m {
        return Ok(false);
    }
    write_key_file(copy, &m)?;
    Ok(true)
}

/// A new database key with its key file, not yet written (see `install`).
pub struct Prepared {
    pub key: DbKey,
    pub recovery: RecoveryKey,
    file: KeyFile,
}

/// Make a new database key, wrapped by `password` and a new recovery key.
pub fn prepare(password: &str, kdf: KdfParams) -> Result<Prepared> {
    check_password(password)?;
    let key = DbKey(Zeroizing::new(random()?));
    let raw = Zeroizing::new(random::<RECOVERY_BYTES>()?);
    let rsalt: [u8; 16] = random()?;
    let recovery = wrap(
        &recovery_kek(&raw[..], &rsalt),
        &key,
        "recovery",
        BASE64.encode(&rsalt),
    )?;
    let (kdf, password) = password_wrap(password, &key, kdf)?;
    let encoded = Zeroizing::new(BASE32_NOPAD.encode(&raw[..]));
    let grouped: Vec<&str> = encoded
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    Ok(Prepared {
        key,
        recovery: RecoveryKey(Zeroizing::new(grouped.join("-"))),
        file: KeyFile {
            format: FORMAT.into(),
            version: VERSION,
            kdf,
            password,
            recovery,
        },
    })
}

/// Write the key file of `db` (replacing one left by an interrupted set-up).
pub fn install(db: &Path, p: &Prepared) -> Result<()> {
    write_key_file(&key_path(db), &p.file)
}

/// Make a new database key and write the key file for `db`, which must not
/// have one. Returns the key and the recovery key to show once.
pub fn create(db: &Path, password: &str, kdf: KdfParams) -> Result<(DbKey, RecoveryKey)> {
    let path = key_path(db);
    if path.exists() {
        return Err(Error::DbExists {
            file: path.display().to_string(),
        });
    }
    let p = prepare(password, kdf)?;
    install(db, &p)?;
    Ok((p.key, p.recovery))
}

/// Read a recovery key as typed: any case, with or without dashes or
/// spaces; 0 and 1 read as O and I (Base32 has neither digit).
fn parse_recovery(typed: &str) -> Option<Zeroizing<Vec<u8>>> {
    let clean: Zeroizing<String> = Zeroizing::new(
        typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                '0' => 'O',
                '1' => 'I',
                c => c,
            })
            .collect(),
    );
    let raw = BASE32_NOPAD.decode(clean.as_bytes()).ok()?;
    (raw.len() == RECOVERY_BYTES).then(|| Zeroizing::new(raw))
}

/// Unwrap the database key of `db` with a password or the recovery key.
pub fn unlock(db: &Path, secret: Secret) -> Result<DbKey> {
    let path = key_path(db);
    let kf = read_key_file(&path)?;
    let invalid = || Error::KeyFileInvalid {
        file: path.display().to_string(),
    };
    match secret {
        Secret::Password(pw) => {
            let salt = BASE64
                .decode(kf.kdf.salt.as_bytes())
                .map_err(|_| invalid())?;
            let kek = password_kek(pw, &salt, kf.kdf.params).map_err(|_| invalid())?;
            unwrap(&kek, &kf.password, "password", &path)?.ok_or(Error::WrongPassword)
        }
        Secret::RecoveryKey(typed) => {
            let raw = parse_recovery(typed).ok_or(Error::WrongRecoveryKey)?;
            let salt = BASE64
                .decode(kf.recovery.salt.as_bytes())
                .map_err(|_| invalid())?;
            let kek = recovery_kek(&raw, &salt);
            unwrap(&kek, &kf.recovery, "recovery", &path)?.ok_or(Error::WrongRecoveryKey)
        }
    }
}

/// Set a new password. `current` is the old password or the recovery key
/// (a user who forgot the password sets a new one this way). Only the
/// wrapping changes; the database stays as it is.
pub fn change_password(
    db: &Path,
    current: Secret,
    new_password: &str,
    kdf: KdfParams,
) -> Result<()> {
    check_password(new_password)?;
    let key = unlock(db, current)?;
    let path = key_path(db);
    let mut kf = read_key_file(&path)?;
    let (k, w) = password_wrap(new_password, &key, kdf)?;
    kf.kdf = k;
    kf.password = w;
    write_key_file(&path, &kf)
}

/// How strong a password looks, 0 (weak) to 3 (strong), for the hint
/// beside the field: length and the kinds of characters used.
pub fn strength(password: &str) -> u8 {
    let n = password.chars().count();
    let kinds = [
        password.chars().any(|c| c.is_ascii_lowercase()),
        password.chars().any(|c| c.is_ascii_uppercase()),
        password.chars().any(|c| c.is_ascii_digit()),
        password.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    match (n, kinds) {
        (n, _) if n < MIN_PASSWORD_CHARS => 0,
        (n, k) if n >= 14 && k >= 3 => 3,
        (n, k) if n >= 12 || k >= 3 => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn either_secret_unlocks_the_same_key_and_wrong_ones_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let (key, rk) = create(&db, "correct horse 1", KdfParams::FAST).unwrap();
        assert_eq!(rk.as_str().len(), 8 * 4 + 7);
        let a = unlock(&db, Secret::Password("correct horse 1")).unwrap();
        let typed = rk.as_str().to_lowercase().replace('-', " ");
        let b = unlock(&db, Secret::RecoveryKey(&typed)).unwrap();
        assert_eq!(a.0[..], key.0[..]);
        assert_eq!(b.0[..], key.0[..]);
        assert!(matches!(
            unlock(&db, Secret::Password("correct horse 2")),
            Err(Error::WrongPassword)
        ));
        let mut wrong = rk.as_str().to_string();
        let last = if wrong.ends_with('A') { "B" } else { "A" };
        wrong.replace_range(wrong.len() - 1.., last);
        assert!(matches!(
            unlock(&db, Secret::RecoveryKey(&wrong)),
            Err(Error::WrongRecoveryKey)
        ));
        assert!(matches!(
            unlock(&db, Secret::RecoveryKey("too-short")),
            Err(Error::WrongRecoveryKey)
        ));
        // A second key file is never written over the first.
        assert!(matches!(
            create(&db, "another password", KdfParams::FAST),
            Err(Error::DbExists { .. })
        ));
    }

    #[test]
    fn a_new_password_replaces_the_old_and_the_recovery_key_still_works() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        let (key, rk) = create(&db, "first password", KdfParams::FAST).unwrap();
        assert!(matches!(
            change_password(
                &db,
                Secret::Password("not it at all"),
                "second password",
                KdfParams::FAST
            ),
            Err(Error::WrongPassword)
        ));
        assert!(matches!(
            change_password(
                &db,
                Secret::Password("first password"),
                "short",
                KdfParams::FAST
            ),
            Err(Error::PasswordTooShort { .. })
        ));
        change_password(
            &db,
            Secret::Password("first password"),
            "second password",
            KdfParams::FAST,
        )
        .unwrap();
        assert!(matches!(
            unlock(&db, Secret::Password("first password")),
            Err(Error::WrongPassword)
        ));
        let k2 = unlock(&db, Secret::Password("second password")).unwrap();
        assert_eq!(k2.0[..], key.0[..], "the data key is unchanged");
        change_password(
            &db,
            Secret::RecoveryKey(rk.as_str()),
            "third password",
            KdfParams::FAST,
        )
        .unwrap();
        assert!(unlock(&db, Secret::Password("third password")).is_ok());
    }

    #[test]
    fn a_damaged_or_missing_key_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        assert!(matches!(
            unlock(&db, Secret::Password("whatever1")),
            Err(Error::KeyFileMissing { .. })
        ));
        std::fs::write(key_path(&db), b"{not json").unwrap();
        assert!(matches!(
            unlock(&db, Secret::Password("whatever1")),
            Err(Error::KeyFileInvalid { .. })
        ));
    }

    #[test]
    fn strength_grows_with_length_and_variety() {
        assert_eq!(strength("abc"), 0);
        assert_eq!(strength("abcdefgh"), 1);
        assert_eq!(strength("abcdefgh1!"), 2);
        assert_eq!(strength("Abcdefgh1!xyzw"), 3);
    }
}
