//! `midun export` / `midun import`: the hand-over file through the real binary.

use std::path::Path;
use std::process::{Command, Output};

use crate::cli::{keyed, PASSWORD};

const BUNDLE_PASSWORD: &str = "交接文件口令-2026";

fn midun(args: &[&str], data_dir: &Path, bundle_password: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_midun"));
    c.env("MIDUN_PASSWORD", PASSWORD)
        .env_remove("MIDUN_RECOVERY_KEY")
        .env_remove("MIDUN_NEW_PASSWORD")
        .env_remove("MIDUN_BUNDLE_PASSWORD")
        .env("MIDUN_DATA_DIR", data_dir)
        .args(args);
    if let Some(p) = bundle_password {
        c.env("MIDUN_BUNDLE_PASSWORD", p);
    }
    c.output().expect("run midun")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn count(db: &Path, sql: &str) -> i64 {
    keyed(db).query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A database with the demo and its hand-over file.
fn exported(d: &Path) -> (String, String) {
    let db = d.join("a.db");
    let db = db.to_str().unwrap().to_string();
    let o = midun(&["demo", "--db", &db], d, None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let file = d.join("企业.midun").to_str().unwrap().to_string();
    let o = midun(
        &["export", "--db", &db, "--out", &file],
        d,
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("已导出"), "{}", out(&o));
    (db, file)
}

#[test]
fn export_then_import_into_a_new_database() {
    let d = tempfile::tempdir().unwrap();
    let (a, file) = exported(d.path());
    let b = d.path().join("b.db");
    let bs = b.to_str().unwrap();
    let o = midun(
        &["import", "--db", bs, &file],
        d.path(),
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("已导入"), "{}", out(&o));
    // The new database was created encrypted, with the same registers.
    let a = Path::new(&a);
    for table in [
        "secret_point",
        "person",
        "answer",
        "evidence_blob",
        "evidence_link",
    ] {
        let sql = format!("SELECT count(*) FROM {table}");
        assert_eq!(count(&b, &sql), count(a, &sql), "{table}");
    }
    assert_eq!(
        count(&b, "SELECT count(*) FROM audit_log"),
        count(
            a,
            "SELECT count(*) FROM audit_log WHERE enterprise_id IS NOT NULL"
        ) + 1
    );
    let o = midun(&["check", "--db", bs], d.path(), None);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
}

#[test]
fn an_existing_enterprise_needs_a_flag() {
    let d = tempfile::tempdir().unwrap();
    let (db, file) = exported(d.path());
    let dbp = Path::new(&db);
    let before = count(dbp, "SELECT count(*) FROM audit_log");
    let o = midun(
        &["import", "--db", &db, &file],
        d.path(),
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("已在数据库中") && err(&o).contains("--as-copy"),
        "{}",
        err(&o)
    );
    assert_eq!(count(dbp, "SELECT count(*) FROM audit_log"), before);
    assert_eq!(count(dbp, "SELECT count(*) FROM enterprise"), 1);

    let o = midun(
        &["import", "--db", &db, &file, "--as-copy"],
        d.path(),
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("副本"), "{}", out(&o));
    assert_eq!(count(dbp, "SELECT count(*) FROM enterprise"), 2);

    let o = midun(
        &["import", "--db", &db, &file, "--replace"],
        d.path(),
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("已替换"), "{}", out(&o));
    assert_eq!(count(dbp, "SELECT count(*) FROM enterprise"), 2);

    // Both flags at once is a usage error.
    let o = midun(
        &["import", "--db", &db, &file, "--as-copy", "--replace"],
        d.path(),
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_wrong_or_missing_passphrase_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let (db, file) = exported(d.path());
    let b = d.path().join("b.db");
    let o = midun(
        &["import", "--db", b.to_str().unwrap(), &file],
        d.path(),
        Some("不对的口令-123"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("交接文件密码不正确"), "{}", err(&o));
    assert!(!b.exists(), "no database is created for a refused file");

    let o = midun(&["import", "--db", &db, &file], d.path(), None);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("MIDUN_BUNDLE_PASSWORD"), "{}", err(&o));

    let out_file = d.path().join("x.midun");
    let o = midun(
        &["export", "--db", &db, "--out", out_file.to_str().unwrap()],
        d.path(),
        Some("short"),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("至少 8 个字符"), "{}", err(&o));
    assert!(!out_file.exists());
}

#[test]
fn export_and_import_have_chinese_help() {
    let d = tempfile::tempdir().unwrap();
    for cmd in ["export", "import"] {
        let o = midun(&[cmd, "--help"], d.path(), None);
        assert_eq!(o.status.code(), Some(0));
        let t = out(&o);
        assert!(
            t.contains("用法：") && t.contains("MIDUN_BUNDLE_PASSWORD"),
            "{t}"
        );
    }
}
