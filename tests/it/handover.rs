//! The hand-over file (`.midun`): round trips, copies, replacement, the
//! schema coverage, and hostile files refused with the database unchanged.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use age::secrecy::SecretString;
use midun::catalogue::Catalogue;
use midun::handover::{self, ImportMode, Kdf, Limits, Manifest};
use midun::{Error, Store};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use crate::temp_db;

const PASS: &str = "交接口令-2026-测试";

fn demo() -> (tempfile::TempDir, Store, String) {
    let (d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap();
    (d, s, e.id)
}

fn export(s: &Store, id: &str) -> (Vec<u8>, Manifest) {
    handover::export(s, id, PASS, Kdf::FAST).unwrap()
}

fn fresh() -> (tempfile::TempDir, Store) {
    let (d, db) = temp_db();
    (d, Store::open(&db).unwrap())
}

/// Every row of every table, hashed: "the database is unchanged".
fn db_digest(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names.retain(|n| !n.starts_with("sqlite_"));
    let mut h = Sha256::new();
    for n in names {
        let mut st = conn
            .prepare(&format!("SELECT * FROM \"{n}\" ORDER BY rowid"))
            .unwrap();
        let cols = st.column_count();
        let mut rows = st.query([]).unwrap();
        h.update(n.as_bytes());
        while let Some(r) = rows.next().unwrap() {
            for i in 0..cols {
                let v: rusqlite::types::Value = r.get(i).unwrap();
                h.update(format!("{v:?}\u{1f}").as_bytes());
            }
        }
    }
    format!("{:x}", h.finalize())
}

/// What the registers show of an enterprise, as JSON (ids included).
fn registers(s: &Store, id: &str) -> Json {
    let e = s.enterprises().get(id).unwrap();
    let points = s.points().list(id).unwrap();
    let mut approvals = Vec::new();
    let mut fingerprints = Vec::new();
    let mut certificates = Vec::new();
    for p in &points {
        approvals.push(serde_json::to_value(s.points().approvals(p.id).unwrap()).unwrap());
        fingerprints.push(serde_json::to_value(s.fingerprints().list(p.id).unwrap()).unwrap());
        certificates
            .push(serde_json::to_value(s.fingerprints().certificates(p.id).unwrap()).unwrap());
    }
    let people = s.people().list(id).unwrap();
    let agreements: Vec<Json> = people
        .iter()
        .map(|p| serde_json::to_value(s.people().agreements(p.id).unwrap()).unwrap())
        .collect();
    let rounds = s.rounds().list(id).unwrap();
    let answers: Vec<Json> = rounds
        .iter()
        .map(|r| serde_json::to_value(s.rounds().answers(r.id).unwrap()).unwrap())
        .collect();
    let evidence = s.evidence().list(id).unwrap();
    let links: Vec<Json> = evidence
        .iter()
        .map(|e| serde_json::to_value(s.evidence().links(e.id).unwrap()).unwrap())
        .collect();
    serde_json::json!({
        "profile": [e.short_name, e.industry, e.address, e.credit_code],
        "levels": s.levels().list(id).unwrap(),
        "items": s.points().items(id).unwrap(),
        "points": points,
        "approvals": approvals,
        "fingerprints": fingerprints,
        "certificates": certificates,
        "carriers": s.carriers().list(id).unwrap(),
        "people": people,
        "agreements": agreements,
        "noncompetes": s.people().noncompetes(id).unwrap(),
        "rules": s.rules().list(id).unwrap(),
        "trainings": s.trainings().list(id).unwrap(),
        "rounds": rounds,
        "answers": answers,
        "evidence": evidence,
        "links": links,
        "disclosures": s.disclosures().list(id).unwrap(),
        "incidents": s.incidents().list(id).unwrap(),
        "areas": s.areas().list(id).unwrap(),
        "systems": s.systems().list(id).unwrap(),
        "tasks": s.tasks().list(id, None).unwrap(),
    })
}

fn score(s: &Store, id: &str) -> Json {
    let cat = Catalogue::default_catalogue().unwrap();
    let rounds = s.rounds().list(id).unwrap();
    let scores: Vec<Json> = rounds
        .iter()
        .map(|r| serde_json::to_value(midun::assess::score_round(s, r.id, &cat).unwrap()).unwrap())
        .collect();
    Json::Array(scores)
}

/// Counts a copy must share: every register list's length.
fn counts(v: &Json) -> BTreeMap<String, usize> {
    v.as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| v.as_array().map(|a| (k.clone(), a.len())))
        .collect()
}

fn evidence_hashes(s: &Store, id: &str) -> Vec<(String, String, Option<String>)> {
    s.evidence()
        .list(id)
        .unwrap()
        .into_iter()
        .map(|e| {
            let stored = s
                .evidence()
                .bytes(e.id)
                .ok()
                .map(|b| format!("{:x}", Sha256::digest(b)));
            (e.title, e.sha256, stored)
        })
        .collect()
}

#[test]
fn round_trip_into_a_fresh_database() {
    let (_d, s, id) = demo();
    let (file, manifest) = export(&s, &id);
    assert_eq!(manifest.format_version, 1);
    assert_eq!(manifest.app_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest.enterprise_id, id);
    assert!(manifest.entries.keys().any(|k| k.starts_with("blobs/")));
    // The file is age-encrypted: no ZIP, no names in the clear.
    assert!(file.starts_with(b"age-encryption.org/v1"));
    let name = s.enterprises().get(&id).unwrap().name;
    assert!(!String::from_utf8_lossy(&file).contains(&name));

    let (_d2, t) = fresh();
    let out = handover::import(&t, &file, PASS, ImportMode::Refuse).unwrap();
    assert_eq!(out.enterprise_id, id);
    assert!(!out.copied && !out.replaced);
    assert_eq!(registers(&t, &id), registers(&s, &id));
    assert_eq!(score(&t, &id), score(&s, &id));
    let hashes = evidence_hashes(&t, &id);
    assert_eq!(hashes, evidence_hashes(&s, &id));
    assert!(hashes
        .iter()
        .any(|(_, sha, stored)| stored.as_ref() == Some(sha)));
    // The audit chain is kept, with one 导入 entry after it.
    let before = s.audit().log(Some(&id)).unwrap();
    let after = t.audit().log(Some(&id)).unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[..before.len()], before[..]);
    assert_eq!(after.last().unwrap().action, "导入");
    let check = t.check().unwrap();
    assert!(check.is_sound(), "{check:?}");
    // Exported again: the same bytes in every entry but the audit chain.
    let (_, again) = export(&t, &id);
    let audit = handover::audit_entry();
    let strip = |m: &Manifest| {
        let mut e = m.entries.clone();
        e.remove(&audit);
        e
    };
    assert_eq!(strip(&again), strip(&manifest));
    assert_ne!(again.entries[&audit], manifest.entries[&audit]);
}

#[test]
fn the_same_data_gives_the_same_entries() {
    let (_d, s, id) = demo();
    let (a, m1) = export(&s, &id);
    let (b, m2) = export(&s, &id);
    assert_eq!(m1.entries, m2.entries);
    assert_ne!(a, b, "each file has its own salt and nonce");
}

#[test]
fn as_copy_into_the_same_database() {
    let (_d, s, id) = demo();
    let (file, _) = export(&s, &id);
    let out = handover::import(&s, &file, PASS, ImportMode::AsCopy).unwrap();
    assert!(out.copied);
    assert_ne!(out.enterprise_id, id);
    let original = s.enterprises().get(&id).unwrap();
    assert_eq!(
        out.name,
        format!("{}{}", original.name, handover::COPY_SUFFIX)
    );
    assert_eq!(s.enterprises().list().unwrap().len(), 2);
    let (a, b) = (registers(&s, &id), registers(&s, &out.enterprise_id));
    assert_eq!(counts(&a), counts(&b));
    // Re-keyed: the copy's records have their own ids.
    let ids = |v: &Json| {
        v["points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].clone())
            .collect::<Vec<_>>()
    };
    assert!(ids(&a).iter().all(|i| !ids(&b).contains(i)));
    let strip = |v: Vec<(String, String, Option<String>)>| v;
    assert_eq!(
        strip(evidence_hashes(&s, &id)),
        strip(evidence_hashes(&s, &out.enterprise_id))
    );
    assert_eq!(score(&s, &id), score(&s, &out.enterprise_id));
    let check = s.check().unwrap();
    assert!(check.is_sound(), "{check:?}");
    // Deleting the original leaves the copy whole.
    s.enterprises().delete(&id).unwrap();
    assert_eq!(counts(&registers(&s, &out.enterprise_id)), counts(&b));
    assert!(s.check().unwrap().is_sound());
}

#[test]
fn replace_puts_the_file_in_place_of_the_existing_enterprise() {
    let (_d, s, id) = demo();
    let (file, _) = export(&s, &id);
    let before = registers(&s, &id);
    let name = s.enterprises().get(&id).unwrap().name;
    s.enterprises()
        .update(&id, midun::store::EnterpriseField::Name, "改过的名称")
        .unwrap();
    let first = s.points().list(&id).unwrap()[0].id;
    s.points().delete(first).unwrap();
    let backups = midun::store::backup::list(s.path()).unwrap().len();
    let out = handover::import(&s, &file, PASS, ImportMode::Replace).unwrap();
    assert!(out.replaced);
    // A backup was made before the enterprise's records were deleted.
    assert_eq!(
        midun::store::backup::list(s.path()).unwrap().len(),
        backups + 1
    );
    assert_eq!(out.enterprise_id, id);
    assert_eq!(s.enterprises().get(&id).unwrap().name, name);
    assert_eq!(registers(&s, &id), before);
    assert_eq!(s.enterprises().list().unwrap().len(), 1);
    let db_log = s.audit().log(None).unwrap();
    assert_eq!(db_log.last().unwrap().action, "替换");
    let check = s.check().unwrap();
    assert!(check.is_sound(), "{check:?}");
}

#[test]
fn an_existing_enterprise_is_refused_without_a_choice() {
    let (_d, s, id) = demo();
    let (file, _) = export(&s, &id);
    let before = db_digest(s.path());
    let e = handover::import(&s, &file, PASS, ImportMode::Refuse).unwrap_err();
    assert_eq!(e.code(), "ENTERPRISE_EXISTS");
    assert!(e.to_string().contains("已在数据库中"), "{e}");
    assert_eq!(db_digest(s.path()), before);
}

#[test]
fn a_short_passphrase_is_refused_on_export() {
    let (_d, s, id) = demo();
    let e = handover::export(&s, &id, "short", Kdf::FAST).unwrap_err();
    assert_eq!(e.code(), "BUNDLE_PASSPHRASE_TOO_SHORT");
}

#[test]
fn export_to_a_file_leaves_no_temporary_file() {
    let (d, s, id) = demo();
    let dir = d.path().join("out");
    std::fs::create_dir(&dir).unwrap();
    let out = dir.join("交接.midun");
    handover::export_to_file(&s, &id, &out, PASS, Kdf::FAST).unwrap();
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["交接.midun"]);
    let b = handover::read_file(&out, PASS, &Limits::default()).unwrap();
    assert_eq!(b.manifest.enterprise_id, id);
    // A missing directory is refused plainly.
    let e = handover::export_to_file(&s, &id, &d.path().join("nope/x.midun"), PASS, Kdf::FAST)
        .unwrap_err();
    assert_eq!(e.code(), "IO_ERROR");
}

// ---- schema coverage ----

#[test]
fn every_enterprise_table_is_in_the_bundle_or_excluded() {
    let (_d, s) = fresh();
    let problems = handover::coverage_problems(&s).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_new_table_is_noticed() {
    let (_d, db) = temp_db();
    drop(Store::open(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE gadget (id INTEGER PRIMARY KEY, point_id INTEGER REFERENCES secret_point(id));
         CREATE TABLE widget (id INTEGER PRIMARY KEY, x TEXT);
         ALTER TABLE carrier ADD COLUMN person_id INTEGER REFERENCES person(id);",
    )
    .unwrap();
    drop(conn);
    let s = Store::open(&db).unwrap();
    let problems = handover::coverage_problems(&s).unwrap().join("\n");
    assert!(problems.contains("gadget"), "{problems}");
    assert!(problems.contains("widget"), "{problems}");
    assert!(problems.contains("carrier.person_id"), "{problems}");
}

// ---- hostile files ----

fn seal(plain: &[u8]) -> Vec<u8> {
    let mut r = age::scrypt::Recipient::new(SecretString::from(PASS.to_string()));
    r.set_work_factor(10);
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

fn unseal(file: &[u8]) -> Vec<u8> {
    let d = age::Decryptor::new(file).unwrap();
    let id = age::scrypt::Identity::new(SecretString::from(PASS.to_string()));
    let mut r = d
        .decrypt(std::iter::once(&id as &dyn age::Identity))
        .unwrap();
    let mut out = Vec::new();
    r.read_to_end(&mut out).unwrap();
    out
}

type Entries = Vec<(String, Vec<u8>)>;

fn unpack(file: &[u8]) -> Entries {
    let plain = unseal(file);
    let mut z = zip::ZipArchive::new(Cursor::new(plain)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().to_string(), b)
        })
        .collect()
}

fn zip_of(entries: &Entries) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (n, b) in entries {
        w.start_file(n.as_str(), o).unwrap();
        w.write_all(b).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The manifest's hashes made to match the entries again (a forger's file).
fn fix_manifest(entries: &mut Entries) {
    let hashes: BTreeMap<String, String> = entries
        .iter()
        .filter(|(n, _)| n != "manifest.json")
        .map(|(n, b)| (n.clone(), format!("{:x}", Sha256::digest(b))))
        .collect();
    for (n, b) in entries.iter_mut() {
        if n == "manifest.json" {
            let mut m: Json = serde_json::from_slice(b).unwrap();
            m["entries"] = serde_json::to_value(&hashes).unwrap();
            *b = serde_json::to_vec(&m).unwrap();
        }
    }
}

fn entry<'a>(entries: &'a mut Entries, name: &str) -> &'a mut Vec<u8> {
    &mut entries.iter_mut().find(|(n, _)| n == name).unwrap().1
}

/// Change the rows of one table entry.
fn edit_rows(entries: &mut Entries, table: &str, f: impl FnOnce(&mut Vec<Json>)) {
    let b = entry(entries, &format!("tables/{table}.json"));
    let mut rows: Vec<Json> = serde_json::from_slice(b).unwrap();
    f(&mut rows);
    *b = serde_json::to_vec(&rows).unwrap();
}

/// A database holding the demo, its export, and a check that `file` is
/// refused with `code` (message containing `text`) and nothing changed.
struct Target {
    _d: tempfile::TempDir,
    store: Store,
    file: Vec<u8>,
}

fn target() -> Target {
    let (d, s, id) = demo();
    let (file, _) = export(&s, &id);
    Target {
        _d: d,
        store: s,
        file,
    }
}

impl Target {
    fn refuses_with(&mut self, file: &[u8], limits: &Limits, code: &str, text: &str) -> Error {
        let before = db_digest(self.store.path());
        let e =
            handover::import_with(&self.store, file, PASS, ImportMode::AsCopy, limits).unwrap_err();
        assert_eq!(e.code(), code, "{e}");
        assert!(e.to_string().contains(text), "{e}");
        assert_eq!(db_digest(self.store.path()), before, "database changed");
        assert_eq!(self.store.enterprises().list().unwrap().len(), 1);
        e
    }

    fn refuses(&mut self, file: &[u8], code: &str, text: &str) -> Error {
        self.refuses_with(file, &Limits::default(), code, text)
    }

    fn entries(&self) -> Entries {
        unpack(&self.file)
    }
}

#[test]
fn the_untouched_export_is_accepted_as_a_copy() {
    // The control for the tests below: the same path succeeds unchanged.
    let t = target();
    let mut e = t.entries();
    fix_manifest(&mut e);
    let file = seal(&zip_of(&e));
    handover::import(&t.store, &file, PASS, ImportMode::AsCopy).unwrap();
    assert!(t.store.check().unwrap().is_sound());
}

#[test]
fn a_truncated_file_is_refused() {
    let mut t = target();
    let f = t.file.clone();
    t.refuses(&f[..f.len() / 2], "BUNDLE_UNREADABLE", "无法读取");
    t.refuses(&f[..40], "BUNDLE_UNREADABLE", "无法读取");
    t.refuses(b"", "BUNDLE_UNREADABLE", "无法读取");
}

#[test]
fn a_corrupted_file_is_refused() {
    let mut t = target();
    let mut f = t.file.clone();
    let n = f.len() - 100;
    f[n] ^= 0x55;
    t.refuses(&f, "BUNDLE_UNREADABLE", "无法读取");
    t.refuses(
        b"PK\x03\x04 not an age file at all",
        "BUNDLE_UNREADABLE",
        "无法读取",
    );
    // Encrypted, but not a ZIP inside.
    t.refuses(&seal(b"hello"), "BUNDLE_UNREADABLE", "无法读取");
}

#[test]
fn a_wrong_passphrase_is_refused() {
    let t = target();
    let before = db_digest(t.store.path());
    let e = handover::import(
        &t.store,
        &t.file.clone(),
        "另一个口令-xyz",
        ImportMode::AsCopy,
    )
    .unwrap_err();
    assert_eq!(e.code(), "BUNDLE_WRONG_PASSPHRASE");
    assert_eq!(e.to_string(), "交接文件密码不正确");
    assert_eq!(db_digest(t.store.path()), before);
}

#[test]
fn a_tampered_entry_is_refused() {
    let mut t = target();
    let mut e = t.entries();
    edit_rows(&mut e, "secret_point", |rows| {
        rows[0]["name"] = Json::from("改动过的名称");
    });
    let f = seal(&zip_of(&e));
    let err = t.refuses(&f, "BUNDLE_TAMPERED", "篡改");
    assert!(
        err.to_string().contains("tables/secret_point.json"),
        "{err}"
    );
}

#[test]
fn an_unknown_format_version_is_refused() {
    let mut t = target();
    let mut e = t.entries();
    let m = entry(&mut e, "manifest.json");
    let mut v: Json = serde_json::from_slice(m).unwrap();
    v["formatVersion"] = Json::from(2);
    *m = serde_json::to_vec(&v).unwrap();
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_VERSION_UNSUPPORTED", "版本 2");
}

#[test]
fn a_file_from_a_newer_midun_asks_for_an_update() {
    let mut t = target();
    let mut e = t.entries();
    let m = entry(&mut e, "manifest.json");
    let mut v: Json = serde_json::from_slice(m).unwrap();
    let ours = v["schemaVersion"].as_u64().unwrap();
    v["schemaVersion"] = Json::from(ours + 1);
    v["appVersion"] = Json::from("9.9.9");
    *m = serde_json::to_vec(&v).unwrap();
    let err = t.refuses(
        &seal(&zip_of(&e)),
        "BUNDLE_FROM_NEWER_APP",
        "请先升级 Midun",
    );
    assert!(err.to_string().contains("9.9.9"), "{err}");
}

#[test]
fn a_file_from_an_older_midun_may_lack_tables_added_since() {
    // An older schema had no such table: its entry is missing, the table is empty.
    let t = target();
    let mut e = t.entries();
    e.retain(|(n, _)| n != "tables/quick_answer.json");
    let m = entry(&mut e, "manifest.json");
    let mut v: Json = serde_json::from_slice(m).unwrap();
    let ours = v["schemaVersion"].as_u64().unwrap();
    v["schemaVersion"] = Json::from(ours - 1);
    *m = serde_json::to_vec(&v).unwrap();
    fix_manifest(&mut e);
    let out = handover::import(&t.store, &seal(&zip_of(&e)), PASS, ImportMode::AsCopy).unwrap();
    assert!(out.copied && out.rows > 0);
    assert!(t.store.check().unwrap().is_sound());

    // A file of this schema must hold every table.
    let mut t = target();
    let mut e = t.entries();
    e.retain(|(n, _)| n != "tables/quick_answer.json");
    fix_manifest(&mut e);
    t.refuses(
        &seal(&zip_of(&e)),
        "BUNDLE_ENTRIES_MISMATCH",
        "quick_answer",
    );
}

#[test]
fn unsafe_entry_names_are_refused() {
    let mut t = target();
    for bad in [
        "../evil.json",
        "/etc/passwd",
        "tables\\level.json",
        "tables/../../x",
        "C:/x",
    ] {
        let mut e = t.entries();
        e.push((bad.to_string(), b"[]".to_vec()));
        fix_manifest(&mut e);
        let err = t.refuses(&seal(&zip_of(&e)), "BUNDLE_ENTRY_NAME_INVALID", "不安全");
        assert!(err.to_string().contains(bad), "{err}");
    }
}

#[test]
fn zip_bombs_are_refused() {
    let mut t = target();
    // A highly compressible entry: 8 MiB of zeros, about 8 KiB deflated.
    let mut e = t.entries();
    e.push(("blobs/evidence/999999".into(), vec![0u8; 8 << 20]));
    fix_manifest(&mut e);
    let bomb = seal(&zip_of(&e));
    t.refuses(&bomb, "BUNDLE_TOO_LARGE", "压缩比");
    // Per entry, counted while decompressing.
    let small = Limits {
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    };
    t.refuses_with(&bomb, &small, "BUNDLE_TOO_LARGE", "解压后超过");
    // In total.
    let total = Limits {
        max_total_bytes: 4 << 20,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    t.refuses_with(&bomb, &total, "BUNDLE_TOO_LARGE", "合计");
    // Entry count.
    let few = Limits {
        max_entries: 5,
        ..Limits::default()
    };
    let f = t.file.clone();
    t.refuses_with(&f, &few, "BUNDLE_TOO_LARGE", "个条目");
    // The file itself.
    let tiny = Limits {
        max_file_bytes: 1000,
        ..Limits::default()
    };
    t.refuses_with(&f, &tiny, "BUNDLE_TOO_LARGE", "文件超过");
}

#[test]
fn a_size_in_the_zip_header_is_not_trusted() {
    // The local and central headers claim 10 bytes for an 8 MiB entry.
    let t = target();
    let mut e = t.entries();
    e.push(("blobs/evidence/999999".into(), vec![7u8; 8 << 20]));
    fix_manifest(&mut e);
    let mut z = zip_of(&e);
    let mut patched = 0;
    let len = (8u32 << 20).to_le_bytes();
    for i in 0..z.len().saturating_sub(4) {
        if z[i..i + 4] == len {
            z[i..i + 4].copy_from_slice(&10u32.to_le_bytes());
            patched += 1;
        }
    }
    assert!(patched >= 2);
    let small = Limits {
        max_entry_bytes: 1 << 20,
        max_ratio: u64::MAX,
        ..Limits::default()
    };
    let before = db_digest(t.store.path());
    let err =
        handover::import_with(&t.store, &seal(&z), PASS, ImportMode::AsCopy, &small).unwrap_err();
    assert!(
        matches!(err.code(), "BUNDLE_TOO_LARGE" | "BUNDLE_UNREADABLE"),
        "{err}"
    );
    assert_eq!(db_digest(t.store.path()), before);
}

#[test]
fn a_missing_manifest_or_entry_and_extra_entries_are_refused() {
    let mut t = target();
    let mut e = t.entries();
    e.retain(|(n, _)| n != "manifest.json");
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_ENTRIES_MISMATCH", "缺少清单");

    // A table left out of both the ZIP and the manifest.
    let mut e = t.entries();
    e.retain(|(n, _)| n != "tables/person.json");
    fix_manifest(&mut e);
    t.refuses(
        &seal(&zip_of(&e)),
        "BUNDLE_ENTRIES_MISMATCH",
        "tables/person.json",
    );

    // Listed in the manifest but absent.
    let mut e = t.entries();
    fix_manifest(&mut e);
    e.retain(|(n, _)| n != "tables/level.json");
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_ENTRIES_MISMATCH", "缺少条目");

    // In the ZIP but not in the manifest.
    let mut e = t.entries();
    e.push(("tables/extra.json".into(), b"[]".to_vec()));
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_ENTRIES_MISMATCH", "不在清单中");

    // In both, but not part of the format.
    let mut e = t.entries();
    e.push(("notes.txt".into(), b"hi".to_vec()));
    fix_manifest(&mut e);
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_ENTRIES_MISMATCH", "不属于");

    // A stored copy without its evidence row.
    let mut e = t.entries();
    e.push(("blobs/evidence/424242".into(), b"x".to_vec()));
    fix_manifest(&mut e);
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_ENTRIES_MISMATCH", "没有对应");
}

/// Refused as invalid after a forger's edit of one table (hashes fixed).
fn refuses_rows(t: &mut Target, table: &str, text: &str, f: impl FnOnce(&mut Vec<Json>)) {
    let mut e = t.entries();
    edit_rows(&mut e, table, f);
    fix_manifest(&mut e);
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_INVALID", text);
}

#[test]
fn duplicate_ids_are_refused() {
    let mut t = target();
    refuses_rows(&mut t, "secret_point", "编号重复", |rows| {
        let first = rows[0].clone();
        rows.push(first);
    });
    refuses_rows(&mut t, "answer", "编号重复", |rows| {
        let first = rows[0].clone();
        rows.push(first);
    });
}

#[test]
fn oversized_text_is_refused() {
    let mut t = target();
    refuses_rows(&mut t, "secret_point", "超过 100000 个字符", |rows| {
        rows[0]["summary"] = Json::from("密".repeat(100_001));
    });
}

#[test]
fn invalid_dates_are_refused() {
    let mut t = target();
    refuses_rows(&mut t, "person", "日期", |rows| {
        rows[0]["entry_date"] = Json::from("2026-13-45");
    });
    refuses_rows(&mut t, "secret_point", "时间", |rows| {
        rows[0]["created_at"] = Json::from("昨天");
    });
    refuses_rows(&mut t, "secret_point", "保密期限", |rows| {
        rows[0]["term"] = Json::from("永远");
    });
}

#[test]
fn rows_of_another_enterprise_are_refused() {
    let mut t = target();
    refuses_rows(&mut t, "secret_point", "另一家企业", |rows| {
        rows[0]["enterprise_id"] = Json::from("00000000-0000-0000-0000-000000000000");
    });
    // A reference to a record that is not in the file.
    refuses_rows(&mut t, "approval", "不是本文件中的记录", |rows| {
        rows[0]["point_id"] = Json::from(987_654);
    });
    refuses_rows(
        &mut t,
        "evidence_link",
        "不是本文件中的记录",
        |rows| {
            rows[0]["target_kind"] = Json::from("secret_point");
            rows[0]["target_id"] = Json::from("987654");
        },
    );
}

#[test]
fn rows_breaking_the_store_rules_are_refused() {
    let mut t = target();
    refuses_rows(&mut t, "level", "国家秘密", |rows| {
        rows[0]["name"] = Json::from("绝密");
    });
    refuses_rows(&mut t, "secret_point", "未知字段", |rows| {
        rows[0]["secret_itself"] = Json::from("x");
    });
    refuses_rows(&mut t, "secret_point", "值类型无效", |rows| {
        rows[0]["id"] = Json::from("一");
    });
    // Only SQLite's CHECK catches this one, late in the transaction: the
    // rows written before it are rolled back.
    refuses_rows(&mut t, "control_answer", "约束", |rows| {
        rows[0]["status"] = Json::from("差不多");
    });
}

#[test]
fn a_broken_audit_chain_is_refused() {
    let mut t = target();
    refuses_rows(&mut t, "audit_log", "操作记录链", |rows| {
        rows[0]["who"] = Json::from("别人");
    });
    refuses_rows(&mut t, "audit_log", "操作记录链", |rows| {
        rows.remove(1);
    });
}

#[test]
fn a_stored_copy_that_does_not_match_its_evidence_is_refused() {
    let mut t = target();
    let mut e = t.entries();
    let (name, bytes) = e.iter_mut().find(|(n, _)| n.starts_with("blobs/")).unwrap();
    let _ = name;
    bytes.push(b'!');
    fix_manifest(&mut e);
    t.refuses(&seal(&zip_of(&e)), "BUNDLE_INVALID", "SHA-256");
}

// ---- data safety, part 3 ----

fn backup_names(s: &Store) -> Vec<String> {
    midun::store::backup::list(s.path())
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect()
}

#[test]
fn a_refused_replace_import_leaves_the_backup_set_as_it_was() {
    let t = target();
    for _ in 0..midun::store::backup::KEEP {
        t.store.backup().unwrap();
    }
    let before = backup_names(&t.store);
    assert_eq!(before.len(), midun::store::backup::KEEP);
    // Two 密点 with one 代号 (a forger's file, hashes fixed).
    let mut e = t.entries();
    edit_rows(&mut e, "secret_point", |rows| {
        let code = rows[0]["code"].clone();
        rows[1]["code"] = code;
    });
    fix_manifest(&mut e);
    let file = seal(&zip_of(&e));
    for _ in 0..3 {
        let err = handover::import(&t.store, &file, PASS, ImportMode::Replace).unwrap_err();
        assert_eq!(err.code(), "BUNDLE_INVALID", "{err}");
        assert!(err.to_string().contains("代号"), "{err}");
        assert_eq!(
            backup_names(&t.store),
            before,
            "a refused import rotated backups"
        );
    }
    // A file refused only by a constraint of the store (no row check
    // knows it): still no backup.
    let mut e = t.entries();
    edit_rows(&mut e, "control_answer", |rows| {
        rows[0]["status"] = Json::from("差不多");
    });
    fix_manifest(&mut e);
    let file = seal(&zip_of(&e));
    assert!(handover::import(&t.store, &file, PASS, ImportMode::Replace).is_err());
    assert_eq!(backup_names(&t.store), before);
    // The sound file replaces, with exactly one backup of the state before.
    let mut e = t.entries();
    fix_manifest(&mut e);
    handover::import(&t.store, &seal(&zip_of(&e)), PASS, ImportMode::Replace).unwrap();
    let after = backup_names(&t.store);
    assert_eq!(after.len(), midun::store::backup::KEEP);
    assert_eq!(
        after[1..],
        before[..before.len() - 1],
        "one new backup, the oldest out"
    );
}

#[test]
fn a_hand_over_file_cannot_shadow_an_enterprise_by_its_id() {
    let mut t = target();
    let existing = t.store.enterprises().list().unwrap()[0].clone();
    let code = existing.credit_code.clone().unwrap();
    for id in [
        existing.id.to_uppercase(),
        code.clone(),
        format!(" {}", existing.id),
    ] {
        let mut e = t.entries();
        for (n, b) in e.iter_mut() {
            if n == "manifest.json" || n.starts_with("tables/") {
                let text = String::from_utf8(b.clone()).unwrap();
                *b = text.replace(&existing.id, &id).into_bytes();
            }
        }
        fix_manifest(&mut e);
        let err = t.refuses(&seal(&zip_of(&e)), "BUNDLE_INVALID", "UUID");
        assert!(err.to_string().contains("规范"), "{err}");
    }
    // `--enterprise` takes an id exactly (a UUID in capitals is the same id).
    let found = t
        .store
        .enterprises()
        .resolve(Some(&existing.id.to_uppercase()))
        .unwrap();
    assert_eq!(found.id, existing.id);
    assert!(t
        .store
        .enterprises()
        .resolve(Some(&existing.id[..30]))
        .is_err());
}

#[test]
fn a_hand_over_file_read_from_a_device_is_refused_before_reading() {
    #[cfg(unix)]
    {
        let e = handover::read_file(Path::new("/dev/zero"), PASS, &Limits::default()).unwrap_err();
        assert_eq!(e.code(), "FILE_UNREADABLE", "{e}");
        assert!(e.to_string().contains("不是普通文件"), "{e}");
        // A named pipe nobody writes to: opening it would wait for ever.
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("pipe.midun");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(ok.success());
        let e = handover::read_file(&fifo, PASS, &Limits::default()).unwrap_err();
        assert_eq!(e.code(), "FILE_UNREADABLE", "{e}");
    }
    let d = tempfile::tempdir().unwrap();
    let e = handover::read_file(d.path(), PASS, &Limits::default()).unwrap_err();
    assert_eq!(e.code(), "FILE_UNREADABLE", "{e}");
}

#[test]
fn a_cancelled_hand_over_export_writes_no_file() {
    use midun::progress::Progress;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (d, s, id) = demo();
    let out = d.path().join("交接.midun");
    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(Vec::new());
    let report = |done: u64, total: u64| {
        seen.lock().unwrap().push((done, total));
        if done == 3 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let e = handover::export_for_app(&s, &id, out.clone(), PASS, Progress::new(&report, &cancel))
        .unwrap_err();
    assert_eq!(e.code(), "CANCELLED");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read_dir(d.path())
            .unwrap()
            .filter(|f| f
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "midun"))
            .count(),
        0
    );
    // Each entry packed is a step, the seal the last: total = entries + 1.
    let (_, manifest) = export(&s, &id);
    let total = manifest.entries.len() as u64 + 1;
    assert_eq!(
        *seen.lock().unwrap(),
        vec![(1, total), (2, total), (3, total)]
    );
}
