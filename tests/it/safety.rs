//! Data safety, part 3: each test is named after a case a hostile tester
//! found on the first wave (no backup lost, no file silently replaced, no
//! key copy left readable or openable by an old password, every fault in
//! Chinese).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use midun::model::{Category, NewEnterprise, NewSecretPoint};
use midun::store::{backup, AnchorCheck, ChainHead, PointImportOptions};
use midun::vault::{self, KdfParams, Secret};
use midun::{Error, Store};

const PW: &str = "数据安全-第三部分-2026";

fn open(db: &Path) -> midun::Result<Store> {
    Store::open_encrypted(db, Secret::Password(PW), KdfParams::FAST).map(|(s, _)| s)
}

fn new_db() -> (tempfile::TempDir, PathBuf, Store, String) {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("m.db");
    let s = open(&db).unwrap();
    let e = s
        .enterprises()
        .create(&NewEnterprise {
            name: "数据安全测试企业".into(),
            ..Default::default()
        })
        .unwrap();
    (d, db, s, e.id)
}

fn add_point(s: &mut Store, eid: &str, name: &str, code: Option<&str>) -> midun::Result<String> {
    let level = s.levels().list(eid)?[0].clone();
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.into(),
            code: code.map(str::to_string),
            name: name.into(),
            category: Category::Technical,
            level,
        })
        .map(|p| p.code)
}

fn names(s: &Store, eid: &str) -> Vec<String> {
    s.points()
        .list(eid)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn backups(db: &Path) -> Vec<String> {
    backup::list(db)
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect()
}

/// Every file under `dir`, relative.
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(
                tree(&p)
                    .into_iter()
                    .map(|n| format!("{}/{n}", e.file_name().to_string_lossy())),
            );
        } else {
            out.push(e.file_name().to_string_lossy().into_owned());
        }
    }
    out.sort();
    out
}

#[test]
fn restoring_the_oldest_of_seven_backups_keeps_it_and_succeeds() {
    let (_d, db, mut s, eid) = new_db();
    for i in 0..backup::KEEP {
        add_point(&mut s, &eid, &format!("第 {i} 份备份时的密点"), None).unwrap();
        s.backup().unwrap();
    }
    drop(s);
    let list = backups(&db);
    assert_eq!(list.len(), backup::KEEP);
    let oldest = list.last().unwrap().clone();
    backup::restore_with(&db, &oldest, Secret::Password(PW)).unwrap();
    let after = backups(&db);
    assert!(
        after.contains(&oldest),
        "the restored backup was removed: {after:?}"
    );
    assert!(
        after.iter().any(|n| n.ends_with("-prerestore.db")),
        "the state before the restore was kept: {after:?}"
    );
    let s = open(&db).unwrap();
    assert_eq!(names(&s, &eid), ["第 0 份备份时的密点"]);
}

#[test]
fn a_zero_byte_database_with_its_key_file_is_refused_and_names_the_sound_backup() {
    let (_d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "截断前的密点", None).unwrap();
    let saved = s.backup().unwrap();
    drop(s);
    let before = backups(&db);
    std::fs::write(&db, b"").unwrap();
    for _ in 0..3 {
        let e = open(&db).err().expect("a truncated database must not open");
        assert_eq!(e.code(), "DB_EMPTY", "{e}");
        assert!(e.to_string().contains(&saved.name), "{e}");
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "never re-created");
        assert_eq!(backups(&db), before, "no backup pushed out");
    }
    // The state screen still asks for the password (then says why).
    assert_eq!(
        midun::store::vault_state(&db).unwrap(),
        midun::store::VaultState::Locked
    );
    backup::restore_with(&db, &saved.name, Secret::Password(PW)).unwrap();
    assert_eq!(names(&open(&db).unwrap(), &eid), ["截断前的密点"]);
}

#[test]
fn a_lost_database_with_its_key_file_and_backups_is_not_recreated_empty() {
    let (_d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "丢失前的密点", None).unwrap();
    let saved = s.backup().unwrap();
    drop(s);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let e = open(&db).err().unwrap();
    assert_eq!(e.code(), "DB_FILE_MISSING", "{e}");
    assert!(e.to_string().contains(&saved.name), "{e}");
    assert!(!db.exists());
}

#[test]
fn an_empty_database_never_pushes_sound_backups_out() {
    let (_d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "有数据", None).unwrap();
    for _ in 0..backup::KEEP {
        s.backup().unwrap();
    }
    s.enterprises().delete(&eid).unwrap();
    drop(s);
    let before = backups(&db);
    // The database still holds its own log entry of the deletion, so it is
    // not empty; a database with nothing at all is not backed up daily.
    let d2 = tempfile::tempdir().unwrap();
    let fresh = d2.path().join("new.db");
    drop(open(&fresh).unwrap());
    drop(open(&fresh).unwrap());
    assert!(
        backups(&fresh).is_empty(),
        "an empty database was backed up"
    );
    assert_eq!(backups(&db), before);
}

#[test]
fn a_fake_or_foreign_sqlite_file_keeps_its_key_file() {
    let d = tempfile::tempdir().unwrap();
    // Starts like SQLite, then garbage.
    let fake = d.path().join("fake.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
    std::fs::write(&fake, &bytes).unwrap();
    // A plain SQLite file of another program.
    let foreign = d.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1);")
        .unwrap();
    for db in [&fake, &foreign] {
        let key = vault::key_path(db);
        std::fs::write(&key, b"{\"format\":\"midun-key\",\"kept\":true}").unwrap();
        let before = std::fs::read(&key).unwrap();
        let e = open(db).err().expect("refused");
        assert!(
            matches!(e, Error::DbNotMidun | Error::DbCorrupt { .. }),
            "{e}"
        );
        assert_eq!(std::fs::read(&key).unwrap(), before, "{}", db.display());
    }
    assert_eq!(
        rusqlite::Connection::open(&foreign)
            .unwrap()
            .query_row("SELECT count(*) FROM orders", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        1
    );
}

#[test]
fn a_plain_database_of_an_earlier_version_keeps_a_stray_key_file_aside() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("old.db");
    let s = Store::open(&db).unwrap();
    s.enterprises()
        .create(&NewEnterprise {
            name: "旧版企业".into(),
            ..Default::default()
        })
        .unwrap();
    drop(s);
    std::fs::write(vault::key_path(&db), b"stray").unwrap();
    let s = open(&db).unwrap();
    assert_eq!(s.enterprises().list().unwrap().len(), 1);
    let kept: Vec<String> = tree(d.path())
        .into_iter()
        .filter(|n| n.starts_with("old.db.key.unused-"))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", tree(d.path()));
    assert_eq!(std::fs::read(d.path().join(&kept[0])).unwrap(), b"stray");
}

#[test]
fn an_unknown_header_refuses_the_import_with_the_accepted_columns() {
    let (_d, _db, s, eid) = new_db();
    let rows = |header: Vec<&str>| -> Vec<Vec<String>> {
        vec![
            header.into_iter().map(str::to_string).collect(),
            ["MD-H-1", "熬制火候", "技术信息", "核心商密", "王五"]
                .map(str::to_string)
                .to_vec(),
        ]
    };
    let e = s
        .points()
        .import(&eid, &rows(vec!["代号", "名称", "类别", "密级", "责任人X"]))
        .unwrap_err();
    assert_eq!(e.code(), "IMPORT_COLUMNS_UNKNOWN", "{e}");
    assert!(e.to_string().contains("责任人X"), "{e}");
    assert!(
        e.to_string().contains("责任部门"),
        "the accepted columns: {e}"
    );
    assert!(s.points().list(&eid).unwrap().is_empty());
    // Only by an explicit choice are unknown columns left out.
    let ignore = PointImportOptions {
        ignore_unknown_columns: true,
        ..Default::default()
    };
    let o = s
        .points()
        .import_with(
            &eid,
            &rows(vec!["代号", "名称", "类别", "密级", "责任人X"]),
            &ignore,
        )
        .unwrap();
    assert_eq!(o.imported, 1);
    // A known header with a BOM or a zero-width character inside is that
    // column, not a column dropped in silence.
    let o = s
        .points()
        .import(
            &eid,
            &[
                vec![
                    "\u{FEFF}代号",
                    "名\u{200B}称",
                    "类别",
                    "密级",
                    "责任人\u{2060}",
                ]
                .into_iter()
                .map(str::to_string)
                .collect(),
                ["MD-H-2", "收胶时机", "技术信息", "核心商密", "赵六"]
                    .map(str::to_string)
                    .to_vec(),
            ],
        )
        .unwrap();
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    let p = s
        .points()
        .list(&eid)
        .unwrap()
        .into_iter()
        .find(|p| p.code == "MD-H-2")
        .unwrap();
    assert_eq!(
        (p.name.as_str(), p.responsible.as_str()),
        ("收胶时机", "赵六")
    );
}

#[test]
fn a_failed_demo_leaves_no_partial_enterprise_and_no_demo_file() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("m.db");
    drop(open(&db).unwrap());
    // A fault late in the demo: every insert into the task register fails.
    crate::cli::keyed_with(&db, PW)
        .execute_batch(
            "CREATE TRIGGER fail_late BEFORE INSERT ON remediation_task
             BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;",
        )
        .unwrap();
    let before = tree(d.path());
    let s = open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap_err();
    assert!(!e.to_string().is_empty());
    assert!(
        s.enterprises().list().unwrap().is_empty(),
        "a partial demo was left"
    );
    assert!(s.audit().log(None).unwrap().is_empty());
    drop(s);
    let after: Vec<String> = tree(d.path())
        .into_iter()
        .filter(|n| !n.starts_with("backups/") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    let before: Vec<String> = before
        .into_iter()
        .filter(|n| !n.starts_with("backups/") && !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    assert_eq!(after, before, "demo files left behind");
    // Without the fault the same call completes.
    crate::cli::keyed_with(&db, PW)
        .execute_batch("DROP TRIGGER fail_late")
        .unwrap();
    let s = open(&db).unwrap();
    midun::demo::add_demo(&s).unwrap();
    assert_eq!(s.enterprises().list().unwrap().len(), 1);
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn a_killed_password_change_leaves_no_readable_key_copy() {
    let (d, db, s, _) = new_db();
    drop(s);
    // What a kill between writing and renaming left, by a process that has
    // ended (its id cannot be running).
    let left = d.path().join(".m.db.key.4194399.tmp");
    std::fs::copy(vault::key_path(&db), &left).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&left, std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(open(&db).unwrap());
    assert!(
        !left.exists(),
        "the leftover was not removed at the next open"
    );
    backup::change_password(
        &db,
        Secret::Password(PW),
        "另一个新密码-2027",
        KdfParams::FAST,
    )
    .unwrap();
    assert_eq!(mode(&vault::key_path(&db)), 0o600);
    assert!(
        !tree(d.path()).iter().any(|n| n.ends_with(".tmp")),
        "{:?}",
        tree(d.path())
    );
}

#[test]
fn an_old_password_opens_no_backup_after_a_password_change() {
    let (_d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "改密码前", None).unwrap();
    for _ in 0..3 {
        s.backup().unwrap();
    }
    drop(s);
    let new = "改过的新密码-2027";
    let n = backup::change_password(&db, Secret::Password(PW), new, KdfParams::FAST).unwrap();
    assert_eq!(n, 3);
    for b in backups(&db) {
        let copy = backup::dir_of(&db).join(&b);
        assert!(
            matches!(
                vault::unlock(&copy, Secret::Password(PW)),
                Err(Error::WrongPassword)
            ),
            "{b} still opens with the old password"
        );
        assert!(vault::unlock(&copy, Secret::Password(new)).is_ok(), "{b}");
    }
    // A change made without the rewrap (an earlier version, or one killed
    // before it reached the backups) is completed at the next open.
    vault::change_password(
        &db,
        Secret::Password(new),
        "第三个密码-2028",
        KdfParams::FAST,
    )
    .unwrap();
    let first = backup::dir_of(&db).join(&backups(&db)[0]);
    assert!(vault::unlock(&first, Secret::Password(new)).is_ok());
    let s = Store::open_encrypted(&db, Secret::Password("第三个密码-2028"), KdfParams::FAST)
        .unwrap()
        .0;
    drop(s);
    for b in backups(&db) {
        let copy = backup::dir_of(&db).join(&b);
        assert!(matches!(
            vault::unlock(&copy, Secret::Password(new)),
            Err(Error::WrongPassword)
        ));
    }
}

#[test]
fn a_key_file_with_absurd_kdf_parameters_is_refused_as_damaged() {
    let (_d, db, s, _) = new_db();
    drop(s);
    let key = vault::key_path(&db);
    let good: serde_json::Value = serde_json::from_slice(&std::fs::read(&key).unwrap()).unwrap();
    for (field, value) in [
        ("m_kib", u32::MAX),
        ("t", u32::MAX),
        ("p", u32::MAX),
        ("m_kib", 0),
    ] {
        let mut v = good.clone();
        v["kdf"][field] = serde_json::json!(value);
        std::fs::write(&key, serde_json::to_vec(&v).unwrap()).unwrap();
        let e = vault::unlock(&db, Secret::Password(PW)).unwrap_err();
        assert_eq!(e.code(), "KEY_FILE_INVALID", "{field}={value}: {e}");
    }
    std::fs::write(&key, serde_json::to_vec(&good).unwrap()).unwrap();
    assert!(vault::unlock(&db, Secret::Password(PW)).is_ok());
}

#[test]
fn a_key_file_of_another_database_is_named_and_the_sound_backup_found() {
    let (d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "本库的密点", None).unwrap();
    let saved = s.backup().unwrap();
    drop(s);
    // Another database with the same password; its key file put here.
    let other = d.path().join("other.db");
    drop(open(&other).unwrap());
    std::fs::copy(vault::key_path(&other), vault::key_path(&db)).unwrap();
    let e = open(&db).err().unwrap();
    assert_eq!(e.code(), "KEY_FILE_MISMATCH", "{e}");
    assert!(e.to_string().contains(&saved.name), "{e}");
    assert!(!e.to_string().contains("没有可用的完好备份"), "{e}");
    assert_eq!(
        backup::newest_sound_with(&db, Secret::Password(PW))
            .unwrap()
            .map(|b| b.name),
        Some(saved.name.clone())
    );
    backup::restore_with(&db, &saved.name, Secret::Password(PW)).unwrap();
    assert_eq!(names(&open(&db).unwrap(), &eid), ["本库的密点"]);
}

#[cfg(unix)]
#[test]
fn files_midun_writes_beside_the_database_are_owner_only() {
    let (d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "权限", None).unwrap();
    s.backup().unwrap();
    for n in tree(d.path()) {
        let p = d.path().join(&n);
        assert_eq!(mode(&p), 0o600, "{n} is {:o}", mode(&p));
    }
    assert_eq!(mode(&backup::dir_of(&db)) & 0o077, 0, "backups/");
    drop(s);
}

#[test]
fn a_failed_restore_leaves_no_scratch_copy() {
    let (_d, db, mut s, eid) = new_db();
    add_point(&mut s, &eid, "x", None).unwrap();
    let b = s.backup().unwrap();
    drop(s);
    let path = backup::dir_of(&db).join(&b.name);
    let mut bytes = std::fs::read(&path).unwrap();
    let n = bytes.len();
    for x in &mut bytes[4096..n] {
        *x ^= 0x3C;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = backup::restore_with(&db, &b.name, Secret::Password(PW)).unwrap_err();
    assert_eq!(e.code(), "BACKUP_UNSOUND", "{e}");
    let left: Vec<String> = tree(&backup::dir_of(&db))
        .into_iter()
        .filter(|n| n.starts_with(".verify-") || n.contains(".part"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // A scratch copy left by a process that was killed is removed at open.
    std::fs::write(backup::dir_of(&db).join(".verify-4194399.db"), b"x").unwrap();
    drop(open(&db).unwrap());
    assert!(!backup::dir_of(&db).join(".verify-4194399.db").exists());
}

#[test]
fn look_alike_codes_are_one_code() {
    let (_d, _db, mut s, eid) = new_db();
    assert_eq!(
        add_point(&mut s, &eid, "原件", Some("MD-2026-001")).unwrap(),
        "MD-2026-001"
    );
    for look_alike in [
        "ＭＤ－２０２６－００１",
        "MD-2026\u{200B}-001",
        "\u{FEFF}MD-2026-001",
        "MD-2026-001\u{3000}",
    ] {
        let e = add_point(&mut s, &eid, "仿冒", Some(look_alike)).unwrap_err();
        assert_eq!(
            e.code(),
            "SECRET_POINT_CODE_DUPLICATE",
            "{look_alike:?}: {e}"
        );
    }
    // Stored in the normal form.
    assert_eq!(
        add_point(&mut s, &eid, "全角", Some("ＭＤ－２")).unwrap(),
        "MD-2"
    );
    // The import compares the normal forms too.
    let o = s
        .points()
        .import(
            &eid,
            &[
                ["代号", "名称", "类别", "密级"]
                    .map(str::to_string)
                    .to_vec(),
                ["MD-9", "甲", "技术信息", "核心商密"]
                    .map(str::to_string)
                    .to_vec(),
                ["ＭＤ－９", "乙", "技术信息", "核心商密"]
                    .map(str::to_string)
                    .to_vec(),
            ],
        )
        .unwrap();
    assert_eq!(o.imported, 0);
    assert!(
        o.errors.iter().any(|r| r.reason.contains("重复")),
        "{:?}",
        o.errors
    );
}

#[test]
fn deleting_the_newest_audit_entries_is_caught_by_the_anchor() {
    let (_d, db, mut s, eid) = new_db();
    for i in 0..4 {
        add_point(&mut s, &eid, &format!("记录 {i}"), None).unwrap();
    }
    let head = s.audit().head(Some(&eid)).unwrap();
    assert_eq!(head.count, 5);
    assert_eq!(ChainHead::parse(&head.anchor()), Some(head.clone()));
    add_point(&mut s, &eid, "之后又加的", None).unwrap();
    assert_eq!(
        s.audit().check_anchor(&eid, &head).unwrap(),
        AnchorCheck::Holds { later: 1 }
    );
    drop(s);
    let conn = crate::cli::keyed_with(&db, PW);
    conn.execute(
        "DELETE FROM audit_log WHERE enterprise_id = ?1 AND seq > 3",
        [&eid],
    )
    .unwrap();
    drop(conn);
    let s = open(&db).unwrap();
    // The chain alone still looks whole …
    assert!(s.check().unwrap().audit_problems.is_empty());
    // … the anchor written down earlier does not.
    assert_eq!(
        s.audit().check_anchor(&eid, &head).unwrap(),
        AnchorCheck::Shorter { now: 3 }
    );
    drop(s);
    // A NULL made "\u{1}" no longer hashes alike.
    let conn = crate::cli::keyed_with(&db, PW);
    conn.execute(
        "UPDATE audit_log SET field = char(1) WHERE enterprise_id = ?1 AND seq = 2 AND field IS NULL",
        [&eid],
    )
    .unwrap();
    drop(conn);
    let s = open(&db).unwrap();
    let problems = s.check().unwrap().audit_problems;
    assert!(
        problems
            .iter()
            .any(|p| p.seq == 2 && p.problem.contains("校验值")),
        "{problems:?}"
    );
}

// ---- through the command line ----

fn midun(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_midun"))
        .args(args)
        .env("MIDUN_PASSWORD", crate::cli::PASSWORD)
        .env("MIDUN_DATA_DIR", dir)
        .env_remove("MIDUN_RECOVERY_KEY")
        .output()
        .unwrap()
}

/// English words in a message: what a user must never meet. Names are
/// allowed (the product, env variables and acronyms in capitals, flags,
/// file names and paths).
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || !c.is_ascii())
        .filter(|w| !w.contains('/') && !w.contains('.') && !w.starts_with("--"))
        .flat_map(|w| w.split(|c: char| !c.is_ascii_alphabetic()))
        .filter(|w| w.len() > 2 && w.chars().any(|c| c.is_ascii_lowercase()))
        .filter(|w| !["midun", "Midun", "SQLite", "xlsx", "csv", "midun-summary"].contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_raw_english_reaches_the_command_line() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let o = midun(&["demo"], dir);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let garbage = dir.join("垃圾.xlsx");
    std::fs::write(&garbage, b"PK\x03\x04 not a zip at all").unwrap();
    let random = dir.join("随机.midun");
    std::fs::write(&random, [7u8; 4096]).unwrap();
    let empty_zip = dir.join("空.midun");
    std::fs::write(
        &empty_zip,
        b"age-encryption.org/v1\n-> scrypt AAAA 10\nxx\n--- yy\n",
    )
    .unwrap();
    let folder = dir.join("一个文件夹");
    std::fs::create_dir(&folder).unwrap();
    let cases: Vec<Vec<String>> = vec![
        vec![
            "report".into(),
            "--out".into(),
            folder.display().to_string(),
        ],
        vec!["import-points".into(), garbage.display().to_string()],
        vec!["import".into(), random.display().to_string()],
        vec!["import".into(), empty_zip.display().to_string()],
        vec!["import".into(), folder.display().to_string()],
        #[cfg(unix)]
        vec!["import".into(), "/dev/zero".into()],
        vec![
            "catalog".into(),
            "check".into(),
            "--file".into(),
            random.display().to_string(),
        ],
        vec!["check".into(), "--anchor".into(), "12-校验码".into()],
    ];
    for args in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut c = Command::new(env!("CARGO_BIN_EXE_midun"));
        c.args(&args)
            .env("MIDUN_PASSWORD", crate::cli::PASSWORD)
            .env("MIDUN_BUNDLE_PASSWORD", "交接口令-2026-测试")
            .env("MIDUN_DATA_DIR", dir)
            .env("RUST_BACKTRACE", "full");
        let o = c.output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.starts_with("错误："), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        let english = english_words(&err);
        assert!(english.is_empty(), "{args:?}: {err} — English: {english:?}");
    }
}

#[test]
fn check_names_the_sound_backup_and_exits_1_for_a_truncated_database() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    assert!(midun(&["demo"], dir).status.success());
    let o = midun(&["backup", "create"], dir);
    assert!(o.status.success());
    let db = dir.join(midun::paths::DB_FILE_NAME);
    std::fs::write(&db, b"").unwrap();
    let o = midun(&["check"], dir);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("0 字节") && err.contains("最新的完好备份"),
        "{err}"
    );
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0);
}

#[test]
fn check_with_an_anchor_tells_a_shortened_log() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    assert!(midun(&["demo", "--points", "3"], dir).status.success());
    let db = dir.join(midun::paths::DB_FILE_NAME);
    let conn = crate::cli::keyed(&db);
    let (count, hash): (i64, String) = conn
        .query_row(
            "SELECT seq, hash FROM audit_log WHERE enterprise_id IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let anchor = format!("{count}-{}", hash[..16].to_uppercase());
    let o = midun(&["check", "--anchor", &anchor], dir);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("相符"));
    conn.execute(
        "DELETE FROM audit_log WHERE seq = ?1 AND enterprise_id IS NOT NULL",
        [count],
    )
    .unwrap();
    drop(conn);
    let o = midun(&["check", "--anchor", &anchor], dir);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("不符") && out.contains("记录被删除"), "{out}");
}

/// Two processes import 25 files each at the same time: every import
/// succeeds or is refused whole with the Chinese "another window" message.
#[test]
fn two_writers_at_once_succeed_or_are_refused_whole() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().to_path_buf();
    let o = midun(&["demo", "--points", "1"], &dir);
    assert!(o.status.success());
    let files: Vec<PathBuf> = (0..50)
        .map(|i| {
            let f = dir.join(format!("batch-{i}.csv"));
            let mut text = String::from("代号,名称,类别,密级\n");
            for j in 0..10 {
                text.push_str(&format!("C{i}-{j},并发导入 {i}-{j},技术信息,一般商密\n"));
            }
            std::fs::write(&f, text).unwrap();
            f
        })
        .collect();
    let run = |chunk: Vec<PathBuf>, dir: PathBuf| {
        std::thread::spawn(move || {
            chunk
                .into_iter()
                .map(|f| midun(&["import-points", &f.display().to_string()], &dir))
                .collect::<Vec<Output>>()
        })
    };
    let a = run(files[..25].to_vec(), dir.clone());
    let b = run(files[25..].to_vec(), dir.clone());
    let outs: Vec<Output> = a
        .join()
        .unwrap()
        .into_iter()
        .chain(b.join().unwrap())
        .collect();
    let mut ok = 0;
    for o in &outs {
        let err = String::from_utf8_lossy(&o.stderr);
        if o.status.success() {
            ok += 1;
        } else {
            assert!(err.contains("另一个 Midun 窗口或命令"), "{err}");
        }
        assert!(!err.contains("database is locked"), "{err}");
    }
    let conn = crate::cli::keyed(&dir.join(midun::paths::DB_FILE_NAME));
    let imported: i64 = conn
        .query_row(
            "SELECT count(*) FROM secret_point WHERE code LIKE 'C%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(imported, ok * 10, "nothing partial");
    eprintln!(
        "two writers: {ok} of 50 imports succeeded, {} refused whole",
        50 - ok
    );
}
