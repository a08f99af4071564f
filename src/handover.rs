//! The hand-over file (交接文件, `.midun`): one enterprise with everything it
//! holds, carried between PCs.
//!
//! Format (version 1): an age file (passphrase / scrypt recipient, always)
//! whose plaintext is a ZIP, built in memory and never written to disk:
//!
//! - `manifest.json` — `format` ("midun-handover"), `formatVersion` (1),
//!   `appVersion`, `schemaVersion`, `enterpriseId`, `enterpriseName`,
//!   `exportedAt`, and `entries`: the SHA-256 (hex) of every other entry.
//! - `tables/<table>.json` — one per table of `store::handover::TABLES`: a
//!   JSON array of rows ordered by primary key, each an object with its
//!   columns by name (integers, texts, null), so that the same data gives
//!   byte-identical entries. `tables/audit_log.json` is the enterprise's
//!   audit chain (without the database-wide row id).
//! - `blobs/evidence/<evidence id>` — the stored copy of a piece of
//!   evidence; the `evidence_blob` row names its entry in `bytes`.
//!
//! Reading trusts nothing: sizes are counted while decompressing (never
//! taken from headers), entry names are checked, every entry must match the
//! manifest's hash, and the rows are checked before one transaction writes
//! them (`Store::import_handover`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read, Write};
use std::path::Path;

use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::store::handover::{self, blob_entry, table_entry, Contents, Row, AUDIT_TABLE, TABLES};
use crate::Store;

pub use crate::store::handover::{
    coverage_problems, HandoverOutcome, ImportMode, COPY_SUFFIX, EXCLUDED,
};

/// `format` in the manifest.
pub const FORMAT: &str = "midun-handover";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u64 = 1;
/// The manifest's entry name.
pub const MANIFEST: &str = "manifest.json";
/// The usual file extension.
pub const EXTENSION: &str = "midun";
/// Shortest passphrase accepted when exporting.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// The audit chain's entry (the one entry that differs after an import:
/// the import appends its own record).
pub fn audit_entry() -> String {
    table_entry(AUDIT_TABLE)
}

/// The scrypt work factor (N = 2^log_n) of a new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kdf {
    pub log_n: u8,
}

impl Kdf {
    /// About a second and 256 MiB on a current PC.
    pub const PRODUCTION: Kdf = Kdf { log_n: 18 };
    /// For tests that make many files.
    pub const FAST: Kdf = Kdf { log_n: 10 };
}

/// Files asking for more scrypt work than this are refused (a hostile
/// file could otherwise ask for hours and gigabytes).
pub const MAX_LOG_N: u8 = 20;

/// What a file may hold at most; checked while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The encrypted file, and the decrypted ZIP.
    pub max_file_bytes: u64,
    pub max_entries: usize,
    /// One entry, uncompressed.
    pub max_entry_bytes: u64,
    /// All entries together, uncompressed.
    pub max_total_bytes: u64,
    /// Uncompressed / compressed, for entries larger than `ratio_from_bytes`.
    pub max_ratio: u64,
    pub ratio_from_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 1 << 30,
            max_entries: 100_000,
            // A stored evidence copy is at most 50 MiB.
            max_entry_bytes: 64 << 20,
            max_total_bytes: 1 << 30,
            max_ratio: 200,
            ratio_from_bytes: 1 << 20,
        }
    }
}

/// The manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub format: String,
    pub format_version: u64,
    pub app_version: String,
    pub schema_version: u64,
    pub enterprise_id: String,
    pub enterprise_name: String,
    pub exported_at: String,
    /// Entry name → SHA-256 (lower-case hex).
    pub entries: BTreeMap<String, String>,
}

/// A file read, decrypted and checked, ready to import.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub manifest: Manifest,
    pub contents: Contents,
}

fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Refuse a passphrase shorter than `MIN_PASSPHRASE_CHARS` (export).
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::BundlePassphraseTooShort {
            min: MIN_PASSPHRASE_CHARS.to_string(),
        });
    }
    Ok(())
}

/// The enterprise as an encrypted hand-over file (bytes) and its manifest.
pub fn export(
    store: &Store,
    enterprise_id: &str,
    passphrase: &str,
    kdf: Kdf,
) -> Result<(Vec<u8>, Manifest)> {
    export_with(store, enterprise_id, passphrase, kdf, Progress::none())
}

/// [`export`], reporting each entry packed (the stored evidence copies are
/// the bulk) and stopping with `Cancelled` when asked, before anything is
/// written.
pub fn export_with(
    store: &Store,
    enterprise_id: &str,
    passphrase: &str,
    kdf: Kdf,
    progress: Progress,
) -> Result<(Vec<u8>, Manifest)> {
    check_passphrase(passphrase)?;
    progress.check()?;
    let contents = store.handover_contents(enterprise_id)?;
    let name = store.enterprises().get(&contents.enterprise_id)?.name;
    let mut entries: BTreeMap<String, Zeroizing<Vec<u8>>> = BTreeMap::new();
    for t in TABLES {
        let rows = contents
            .tables
            .get(t.name)
            .map(Vec::as_slice)
            .unwrap_or_default();
        entries.insert(table_entry(t.name), Zeroizing::new(to_json(rows)?));
    }
    entries.insert(audit_entry(), Zeroizing::new(to_json(&contents.audit)?));
    for (id, bytes) in &contents.blobs {
        entries.insert(blob_entry(*id), Zeroizing::new(bytes.clone()));
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: crate::store::schema_version() as u64,
        enterprise_id: contents.enterprise_id.clone(),
        enterprise_name: name,
        exported_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        entries: entries
            .iter()
            .map(|(k, v)| (k.clone(), sha256_hex(v)))
            .collect(),
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| Error::Io {
        detail: crate::error::json_detail(&e),
    })?;
    // Each entry packed is a step; sealing is the last one.
    let total = entries.len() as u64 + 1;
    let zip = Zeroizing::new(write_zip(&manifest_bytes, &entries, |done| {
        progress.step(done, total)
    })?);
    let sealed = seal(&zip, passphrase, kdf)?;
    progress.step(total, total)?;
    Ok((sealed, manifest))
}

/// Export to `path` (written whole through a temporary file of the same
/// directory, which only ever holds the encrypted bytes).
pub fn export_to_file(
    store: &Store,
    enterprise_id: &str,
    path: &Path,
    passphrase: &str,
    kdf: Kdf,
) -> Result<Manifest> {
    let (bytes, manifest) = export(store, enterprise_id, passphrase, kdf)?;
    crate::fsx::write_atomically(path, &bytes)?;
    Ok(manifest)
}

fn to_json(rows: &[Row]) -> Result<Vec<u8>> {
    let mut out = serde_json::to_vec(rows).map_err(|e| Error::Io {
        detail: crate::error::json_detail(&e),
    })?;
    out.push(b'\n');
    Ok(out)
}

fn write_zip(
    manifest: &[u8],
    entries: &BTreeMap<String, Zeroizing<Vec<u8>>>,
    mut packed: impl FnMut(u64) -> Result<()>,
) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let failed = |e: zip::result::ZipError| Error::Io {
        detail: format!("交接文件生成失败：{}", zip_detail(&e)),
    };
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file(MANIFEST, options).map_err(failed)?;
    w.write_all(manifest)?;
    for (i, (name, bytes)) in entries.iter().enumerate() {
        w.start_file(name.as_str(), options).map_err(failed)?;
        w.write_all(bytes)?;
        packed(i as u64 + 1)?;
    }
    Ok(w.finish().map_err(failed)?.into_inner())
}

/// Encrypt `plain` with the passphrase (age, scrypt recipient).
pub fn seal(plain: &[u8], passphrase: &str, kdf: Kdf) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_string()));
    recipient.set_work_factor(kdf.log_n.clamp(1, MAX_LOG_N));
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|_| Error::Io {
                detail: "交接文件加密失败".into(),
            })?;
    let mut out = Vec::with_capacity(plain.len() + 1024);
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(plain)?;
    w.finish()?;
    Ok(out)
}

fn unreadable(detail: impl std::fmt::Display) -> Error {
    Error::BundleUnreadable {
        detail: detail.to_string(),
    }
}

/// A ZIP failure in Chinese (the library's text is English).
fn zip_detail(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    match e {
        Z::Io(io) => format!("读取压缩内容失败：{}", crate::error::io_detail(io)),
        Z::InvalidArchive(_) => "压缩内容的结构无效（不完整或已损坏）".into(),
        Z::UnsupportedArchive(_) => "使用了不支持的压缩方式".into(),
        Z::FileNotFound => "缺少条目".into(),
        _ => "压缩内容无法读取".into(),
    }
}

/// An age failure in Chinese.
fn age_detail(e: &age::DecryptError) -> String {
    use age::DecryptError as D;
    match e {
        D::InvalidHeader => "加密文件头无效（文件不完整或已损坏）".into(),
        D::InvalidMac => "加密文件头的校验值不符（文件可能被改动）".into(),
        D::Io(io) => format!("读取失败：{}", crate::error::io_detail(io)),
        D::UnknownFormat => "不是 Midun 交接文件（加密格式未知）".into(),
        _ => "无法解密（文件不完整、已损坏或被改动）".into(),
    }
}

fn too_large(detail: String) -> Error {
    Error::BundleTooLarge { detail }
}

fn mib(n: u64) -> String {
    format!("{} MiB", n.div_ceil(1 << 20))
}

/// Decrypt an age file made by `seal`, reading at most `limit` bytes of
/// plaintext.
fn unseal(file: &[u8], passphrase: &str, limit: u64) -> Result<Zeroizing<Vec<u8>>> {
    use age::DecryptError as D;
    let decryptor = age::Decryptor::new_buffered(file).map_err(|e| unreadable(age_detail(&e)))?;
    if !decryptor.is_scrypt() {
        return Err(unreadable("不是用密码加密的交接文件"));
    }
    let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_string()));
    identity.set_max_work_factor(MAX_LOG_N);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            D::DecryptionFailed | D::KeyDecryptionFailed | D::NoMatchingKeys => {
                Error::BundleWrongPassphrase
            }
            D::ExcessiveWork { required, .. } => {
                too_large(format!("密码计算强度 2^{required} 超过上限 2^{MAX_LOG_N}"))
            }
            other => unreadable(age_detail(&other)),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    (&mut reader)
        .take(limit + 1)
        .read_to_end(&mut plain)
        .map_err(|_| unreadable("解密后的内容不完整或已被改动"))?;
    if plain.len() as u64 > limit {
        return Err(too_large(format!("解密后超过 {}", mib(limit))));
    }
    Ok(plain)
}

/// An entry name that could escape a directory or is not plain.
fn unsafe_name(name: &str) -> bool {
    name.is_empty()
        || name.len() > 255
        || name.starts_with('/')
        || name.contains('\\')
        || name.contains(':')
        || name.chars().any(char::is_control)
        || name
            .split('/')
            .any(|part| part.is_empty() || part == "." || part == "..")
}

/// Read every entry of the ZIP, counting sizes while decompressing.
fn read_zip(plain: &[u8], limits: &Limits) -> Result<BTreeMap<String, Zeroizing<Vec<u8>>>> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(plain)).map_err(|e| unreadable(zip_detail(&e)))?;
    if archive.len() > limits.max_entries {
        return Err(too_large(format!(
            "有 {} 个条目，上限 {}",
            archive.len(),
            limits.max_entries
        )));
    }
    let mut total = 0u64;
    let mut out = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive
            .by_index(i)
            .map_err(|e| unreadable(zip_detail(&e)))?;
        let name = f.name().to_string();
        if unsafe_name(&name) {
            return Err(Error::BundleEntryNameInvalid { name });
        }
        let compressed = f.compressed_size().max(1);
        let mut buf = Zeroizing::new(Vec::new());
        (&mut f)
            .take(limits.max_entry_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| {
                unreadable(format!(
                    "条目“{name}”解压失败：{}",
                    crate::error::io_detail(&e)
                ))
            })?;
        let len = buf.len() as u64;
        if len > limits.max_entry_bytes {
            return Err(too_large(format!(
                "条目“{name}”解压后超过 {}",
                mib(limits.max_entry_bytes)
            )));
        }
        total += len;
        if total > limits.max_total_bytes {
            return Err(too_large(format!(
                "解压后合计超过 {}",
                mib(limits.max_total_bytes)
            )));
        }
        if len > limits.ratio_from_bytes && len / compressed > limits.max_ratio {
            return Err(too_large(format!(
                "条目“{name}”的压缩比超过 {}:1",
                limits.max_ratio
            )));
        }
        if out.insert(name.clone(), buf).is_some() {
            return Err(Error::BundleEntriesMismatch {
                detail: format!("条目“{name}”重复"),
            });
        }
    }
    Ok(out)
}

fn mismatch(detail: String) -> Error {
    Error::BundleEntriesMismatch { detail }
}

fn parse_rows(name: &str, bytes: &[u8]) -> Result<Vec<Row>> {
    serde_json::from_slice(bytes).map_err(|e| Error::BundleInvalid {
        entry: name.to_string(),
        detail: format!("不是有效的数据（{}）", crate::error::json_detail(&e)),
    })
}

/// Decrypt and check a hand-over file without touching any database:
/// limits, entry names, the manifest, every hash, the rows' JSON.
pub fn read(file: &[u8], passphrase: &str, limits: &Limits) -> Result<Bundle> {
    if file.len() as u64 > limits.max_file_bytes {
        return Err(too_large(format!(
            "文件超过 {}",
            mib(limits.max_file_bytes)
        )));
    }
    let plain = unseal(file, passphrase, limits.max_file_bytes)?;
    read_plain(&plain, limits)
}

/// `read` after decryption: check the plaintext ZIP of a hand-over file.
/// Public for the fuzz targets (`fuzz/`), which cannot get through age.
#[doc(hidden)]
pub fn read_plain(plain: &[u8], limits: &Limits) -> Result<Bundle> {
    if plain.len() as u64 > limits.max_file_bytes {
        return Err(too_large(format!(
            "解密后超过 {}",
            mib(limits.max_file_bytes)
        )));
    }
    let mut entries = read_zip(plain, limits)?;
    let manifest_bytes = entries
        .remove(MANIFEST)
        .ok_or_else(|| mismatch(format!("缺少清单 {MANIFEST}")))?;
    let bad_manifest = |d: String| Error::BundleInvalid {
        entry: MANIFEST.into(),
        detail: d,
    };
    let value: Json = serde_json::from_slice(&manifest_bytes).map_err(|e| {
        bad_manifest(format!(
            "不是有效的 JSON（{}）",
            crate::error::json_detail(&e)
        ))
    })?;
    if value.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(bad_manifest("不是 Midun 交接文件的清单".into()));
    }
    let version = value.get("formatVersion").cloned().unwrap_or(Json::Null);
    if version.as_u64() != Some(FORMAT_VERSION) {
        return Err(Error::BundleVersionUnsupported {
            found: version.to_string(),
            supported: FORMAT_VERSION.to_string(),
        });
    }
    let manifest: Manifest = serde_json::from_value(value)
        .map_err(|e| bad_manifest(format!("字段有误（{}）", crate::error::json_detail(&e))))?;
    // Only a canonical (lower-case, hyphenated) UUID: an id that equals a
    // credit code or another spelling of an existing id could shadow an
    // enterprise that `--enterprise` then resolves to.
    if !is_canonical_uuid(&manifest.enterprise_id) {
        return Err(bad_manifest(format!(
            "企业编号“{}”不是规范的 UUID（小写、带连字符）",
            crate::text::show_invisible(
                &manifest.enterprise_id.chars().take(60).collect::<String>()
            )
        )));
    }
    // A newer Midun may have tables and fields this one does not know: say
    // so, rather than naming the first unknown field. An older file may lack
    // tables added since: those are empty (fields added since take their
    // defaults in the row checks).
    let ours = crate::store::schema_version() as u64;
    if manifest.schema_version > ours {
        return Err(Error::BundleFromNewerApp {
            app: manifest.app_version.chars().take(40).collect(),
            found: manifest.schema_version.to_string(),
            supported: ours.to_string(),
        });
    }
    let older = manifest.schema_version < ours;
    // The entries are exactly those the manifest lists, and those are
    // exactly what this format holds.
    let mut required: BTreeSet<String> = TABLES.iter().map(|t| table_entry(t.name)).collect();
    required.insert(audit_entry());
    for name in manifest.entries.keys() {
        if unsafe_name(name) {
            return Err(Error::BundleEntryNameInvalid { name: name.clone() });
        }
    }
    for name in entries.keys() {
        if !manifest.entries.contains_key(name) {
            return Err(mismatch(format!("条目“{name}”不在清单中")));
        }
    }
    for name in manifest.entries.keys() {
        if !entries.contains_key(name) {
            return Err(mismatch(format!("缺少条目“{name}”")));
        }
    }
    for name in &required {
        if !(entries.contains_key(name) || older && name != &audit_entry()) {
            return Err(mismatch(format!("缺少条目“{name}”")));
        }
    }
    for (name, bytes) in &entries {
        let expected = &manifest.entries[name];
        if !expected.eq_ignore_ascii_case(&sha256_hex(bytes)) {
            return Err(Error::BundleTampered {
                entry: name.clone(),
            });
        }
    }
    let mut contents = Contents {
        enterprise_id: manifest.enterprise_id.clone(),
        ..Contents::default()
    };
    for (name, bytes) in &entries {
        if required.contains(name) {
            continue;
        }
        let id = name
            .strip_prefix("blobs/evidence/")
            .and_then(|n| n.parse::<i64>().ok().filter(|i| i.to_string() == n))
            .ok_or_else(|| mismatch(format!("条目“{name}”不属于交接文件格式")))?;
        contents.blobs.insert(id, bytes.to_vec());
    }
    for t in TABLES {
        let name = table_entry(t.name);
        let rows = match entries.get(&name) {
            Some(bytes) => parse_rows(&name, bytes)?,
            None => Vec::new(),
        };
        contents.tables.insert(t.name.to_string(), rows);
    }
    contents.audit = parse_rows(&audit_entry(), &entries[&audit_entry()])?;
    // Every stored copy belongs to a row of evidence_blob.
    let named: BTreeSet<i64> = contents.tables["evidence_blob"]
        .iter()
        .filter_map(|r| r.get("evidence_id").and_then(Json::as_i64))
        .collect();
    if let Some(extra) = contents.blobs.keys().find(|id| !named.contains(id)) {
        return Err(mismatch(format!(
            "条目“{}”没有对应的佐证材料",
            blob_entry(*extra)
        )));
    }
    Ok(Bundle { manifest, contents })
}

/// Read the file at `path` (refusing one larger than the limit before
/// reading it).
pub fn read_file(path: &Path, passphrase: &str, limits: &Limits) -> Result<Bundle> {
    // A device or an endless stream is refused by its metadata, and a file
    // over the limit by its size, before a byte is read.
    let bytes = crate::fsx::read_regular(path, limits.max_file_bytes).map_err(|r| match r {
        crate::fsx::ReadRefusal::TooLarge { .. } => {
            too_large(format!("文件超过 {}", mib(limits.max_file_bytes)))
        }
        other => Error::FileUnreadable {
            file: path.display().to_string(),
            reason: other.reason(limits.max_file_bytes),
        },
    })?;
    read(&bytes, passphrase, limits)
}

/// `8-4-4-4-12` lower-case hexadecimal digits, as `uuid` writes them.
pub fn is_canonical_uuid(id: &str) -> bool {
    uuid::Uuid::parse_str(id).is_ok_and(|u| u.hyphenated().to_string() == id)
}

/// Write a checked bundle into the store: one transaction, all or nothing.
pub fn apply(store: &Store, bundle: &Bundle, mode: ImportMode) -> Result<HandoverOutcome> {
    let m = &bundle.manifest;
    let source = format!(
        "“{}”，导出于 {}，Midun {}",
        m.enterprise_name, m.exported_at, m.app_version
    );
    store.import_handover(&bundle.contents, mode, &source)
}

/// Read, check and import a hand-over file with the default limits.
pub fn import(
    store: &Store,
    file: &[u8],
    passphrase: &str,
    mode: ImportMode,
) -> Result<HandoverOutcome> {
    import_with(store, file, passphrase, mode, &Limits::default())
}

/// `import` with explicit limits.
pub fn import_with(
    store: &Store,
    file: &[u8],
    passphrase: &str,
    mode: ImportMode,
    limits: &Limits,
) -> Result<HandoverOutcome> {
    let bundle = read(file, passphrase, limits)?;
    apply(store, &bundle, mode)
}

/// The tables the hand-over file carries, by name (the audit chain apart).
pub fn table_names() -> Vec<&'static str> {
    handover::TABLES.iter().map(|t| t.name).collect()
}

/// The file name a save dialog suggests: the enterprise's name, 交接文件 and
/// the day, e.g. `聊河阿胶-交接文件-20261128.midun`.
pub fn suggested_file_name(enterprise_name: &str, day: chrono::NaiveDate) -> String {
    format!(
        "{}-交接文件-{}.{EXTENSION}",
        crate::report::safe_file_stem(enterprise_name),
        day.format("%Y%m%d")
    )
}

/// What an export wrote, as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoverExport {
    pub path: String,
    pub enterprise_name: String,
    /// Entries the manifest lists (tables, the audit chain, stored copies).
    #[ts(type = "number")]
    pub entries: u64,
}

/// Export to `path` (`.midun` added when missing) and say what was written;
/// a cancelled export writes nothing.
pub fn export_for_app(
    store: &Store,
    enterprise_id: &str,
    path: std::path::PathBuf,
    passphrase: &str,
    progress: Progress,
) -> Result<HandoverExport> {
    let path = crate::fsx::with_extension(path, EXTENSION);
    let (bytes, manifest) =
        export_with(store, enterprise_id, passphrase, Kdf::PRODUCTION, progress)?;
    progress.check()?;
    crate::fsx::write_atomically(&path, &bytes)?;
    Ok(HandoverExport {
        path: path.display().to_string(),
        enterprise_name: manifest.enterprise_name,
        entries: manifest.entries.len() as u64,
    })
}
