//! What the integration tests share: a fresh temporary database, a store
//! with one enterprise, a 密点 added by name.

use std::path::PathBuf;

use midun::model::{Category, NewEnterprise, NewSecretPoint, SecretPoint};
use midun::Store;

/// A fresh temporary directory and a database path inside it.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("midun.db");
    (dir, db)
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An unencrypted store in a fresh directory, its audit log naming 测试员,
/// with one enterprise called `name`: (directory, store, enterprise id).
pub fn store_with(name: &str) -> (tempfile::TempDir, Store, String) {
    let (dir, db) = temp_db();
    let mut s = Store::open(&db).expect("open");
    s.set_actor("测试员");
    let e = s
        .enterprises()
        .create(&NewEnterprise {
            name: name.into(),
            ..Default::default()
        })
        .expect("enterprise");
    (dir, s, e.id)
}

/// Add a technical 密点 of `level` (a generated 代号).
pub fn point(s: &Store, eid: &str, name: &str, level: &str) -> SecretPoint {
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.into(),
            code: None,
            name: name.into(),
            category: Category::Technical,
            level: level.into(),
        })
        .expect("point")
}

/// The text of every page of a PDF as poppler reads it (`pdftotext
/// -layout`, an independent reader): what a person reading the printout sees.
pub fn pdf_pages(pdf: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("r.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils; scripts/test installs it)");
    assert!(out.status.success(), "pdftotext failed");
    let text = String::from_utf8(out.stdout).expect("UTF-8 text");
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// `text` without any whitespace: a phrase that wraps across lines or
/// table cells still reads as one.
pub fn flat(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
