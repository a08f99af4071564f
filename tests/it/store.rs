use chrono::Datelike;
use midun::model::{Category, NewEnterprise, NewSecretPoint};
use midun::store::{self, Store};

use crate::temp_db;

fn enterprise(name: &str, code: Option<&str>, note: Option<&str>) -> NewEnterprise {
    NewEnterprise {
        name: name.into(),
        credit_code: code.map(Into::into),
        credit_code_note: note.map(Into::into),
    }
}

fn point(eid: &str, code: Option<&str>, name: &str, level: &str) -> NewSecretPoint {
    NewSecretPoint {
        enterprise_id: eid.into(),
        code: code.map(Into::into),
        name: name.into(),
        category: Category::Technical,
        level: level.into(),
    }
}

#[test]
fn data_survives_a_reopen() {
    let (_d, db) = temp_db();
    let (e, points) = {
        let s = Store::open(&db).unwrap();
        let e = s
            .enterprises()
            .create(&enterprise("甲公司", Some("91350100M000100Y43"), None))
            .unwrap();
        s.points()
            .add(&point(&e.id, Some("A-1"), "配方甲", "核心商密"))
            .unwrap();
        s.points()
            .add(&point(&e.id, None, "工艺乙", "一般"))
            .unwrap();
        let p = s.points().list(&e.id).unwrap();
        (e, p)
    };
    let s = Store::open(&db).unwrap();
    assert_eq!(s.enterprises().get(&e.id).unwrap(), e);
    assert_eq!(s.points().list(&e.id).unwrap(), points);
    assert_eq!(points.len(), 2);
    assert_eq!(points[1].level, "一般商密", "short form resolved");
    let list = s.enterprises().list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].secret_point_count, 2);
}

#[test]
fn a_version_1_database_is_migrated_with_its_data() {
    let (_d, db) = temp_db();
    {
        let mut conn = store::open_checked(&db, None).unwrap();
        store::migrate_to(&mut conn, 1).unwrap();
        conn.execute(
            "INSERT INTO enterprise (id, name, credit_code, credit_code_note, created_at)
             VALUES ('e1', '旧库企业', NULL, NULL, '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO secret_point (enterprise_id, code, name, category, level, created_at)
             VALUES ('e1', 'OLD-1', '旧密点', '经营信息', '重要商密', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, 1);
    }
    let s = Store::open(&db).unwrap();
    assert_eq!(s.version().unwrap(), store::schema_version());
    assert_eq!(s.enterprises().get("e1").unwrap().name, "旧库企业");
    let p = s.points().list("e1").unwrap();
    assert_eq!(
        (p[0].code.as_str(), p[0].category),
        ("OLD-1", Category::Business)
    );
    // The table schema 2 added works.
    assert!(!s.settings().get().unwrap().notice_acknowledged);
    assert!(
        s.settings()
            .acknowledge_notice()
            .unwrap()
            .notice_acknowledged
    );
    drop(s);
    assert!(
        Store::open(&db)
            .unwrap()
            .settings()
            .get()
            .unwrap()
            .notice_acknowledged
    );
}

#[test]
fn a_database_from_a_newer_midun_is_refused() {
    let (_d, db) = temp_db();
    drop(Store::open(&db).unwrap());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let e = Store::open(&db).err().expect("must refuse");
    assert_eq!(e.code(), "DB_TOO_NEW");
    assert!(e.to_string().contains("99"));
}

#[test]
fn files_that_are_not_midun_databases_are_refused_untouched() {
    let (d, _) = temp_db();
    let junk = d.path().join("junk.db");
    std::fs::write(&junk, b"this is not sqlite at all, just some text......").unwrap();
    assert_eq!(Store::open(&junk).err().unwrap().code(), "DB_NOT_MIDUN");

    let other = d.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&other).unwrap();
        c.execute("CREATE TABLE t (x)", []).unwrap();
    }
    assert_eq!(Store::open(&other).err().unwrap().code(), "DB_NOT_MIDUN");
    let c = rusqlite::Connection::open(&other).unwrap();
    let v: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(v, 0, "a foreign database is not migrated");

    let missing = d.path().join("no-such-dir").join("x.db");
    assert_eq!(
        Store::open(&missing).err().unwrap().code(),
        "DB_DIR_MISSING"
    );
}

#[test]
fn an_empty_name_is_refused() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let e = s
        .enterprises()
        .create(&enterprise("  \t", None, None))
        .unwrap_err();
    assert_eq!(e.code(), "ENTERPRISE_NAME_EMPTY");
    assert!(s.enterprises().list().unwrap().is_empty());
}

#[test]
fn a_failed_credit_code_needs_a_note_and_then_is_kept() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    for bad in ["91350100M000100Y44", "91110000101623742N", "123"] {
        let e = s
            .enterprises()
            .create(&enterprise("乙公司", Some(bad), Some("   ")))
            .unwrap_err();
        assert_eq!(e.code(), "CREDIT_CODE_NEEDS_NOTE", "{bad}");
        assert!(!e.params()["reason"].is_empty());
    }
    let e = s
        .enterprises()
        .create(&enterprise(
            "乙公司",
            Some(" 91350100m000100y44"),
            Some("营业执照原文如此"),
        ))
        .unwrap();
    assert_eq!(e.credit_code.as_deref(), Some("91350100M000100Y44"));
    assert_eq!(e.credit_code_note.as_deref(), Some("营业执照原文如此"));
    // A valid code is stored normalised and needs no note.
    let ok = s
        .enterprises()
        .create(&enterprise(
            "丙公司",
            Some("９１３５０１００Ｍ０００１００Ｙ４３"),
            None,
        ))
        .unwrap();
    assert_eq!(ok.credit_code.as_deref(), Some("91350100M000100Y43"));
    assert_eq!(ok.credit_code_note, None);
}

#[test]
fn codes_are_unique_per_enterprise_and_generated_in_sequence() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let a = s
        .enterprises()
        .create(&enterprise("甲", None, None))
        .unwrap();
    let b = s
        .enterprises()
        .create(&enterprise("乙", None, None))
        .unwrap();
    let year = chrono::Local::now().year();
    let p1 = s
        .points()
        .add(&point(&a.id, None, "一", "核心商密"))
        .unwrap();
    let p2 = s
        .points()
        .add(&point(&a.id, Some(""), "二", "核心商密"))
        .unwrap();
    assert_eq!(p1.code, format!("MD-{year}-001"));
    assert_eq!(p2.code, format!("MD-{year}-002"));
    s.points()
        .add(&point(
            &a.id,
            Some(&format!("MD-{year}-010")),
            "三",
            "核心商密",
        ))
        .unwrap();
    let p4 = s
        .points()
        .add(&point(&a.id, None, "四", "核心商密"))
        .unwrap();
    assert_eq!(p4.code, format!("MD-{year}-011"));

    let dup = s
        .points()
        .add(&point(&a.id, Some(&p1.code), "重复", "核心商密"))
        .unwrap_err();
    assert_eq!(dup.code(), "SECRET_POINT_CODE_DUPLICATE");
    // Another enterprise may use the same 代号.
    s.points()
        .add(&point(&b.id, Some(&p1.code), "乙的", "核心商密"))
        .unwrap();
    assert_eq!(s.points().list(&a.id).unwrap().len(), 4);
}

#[test]
fn bad_secret_points_are_refused_with_the_field_named() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let a = s
        .enterprises()
        .create(&enterprise("甲", None, None))
        .unwrap();
    let cases = [
        (
            point(&a.id, None, " ", "核心商密"),
            "SECRET_POINT_NAME_EMPTY",
        ),
        (point(&a.id, None, "x", "绝密"), "LEVEL_UNKNOWN"),
        (
            point(&a.id, Some("A B"), "x", "核心商密"),
            "SECRET_POINT_CODE_INVALID",
        ),
        (
            point("no-such-enterprise", None, "x", "核心商密"),
            "ENTERPRISE_NOT_FOUND",
        ),
    ];
    for (p, code) in cases {
        assert_eq!(s.points().add(&p).unwrap_err().code(), code);
    }
    let e = s
        .points()
        .add(&point(&a.id, None, "x", "绝密"))
        .unwrap_err();
    assert!(
        e.to_string().contains("核心商密、重要商密、一般商密"),
        "{e}"
    );
    assert!(s.points().list(&a.id).unwrap().is_empty());
}

#[test]
fn enterprises_resolve_by_id_by_code_or_as_the_only_one() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.enterprises().resolve(None).unwrap_err().code(),
        "NO_ENTERPRISE"
    );
    let a = s
        .enterprises()
        .create(&enterprise("甲", Some("91350100M000100Y43"), None))
        .unwrap();
    assert_eq!(s.enterprises().resolve(None).unwrap().id, a.id);
    let b = s
        .enterprises()
        .create(&enterprise("乙", Some("91110000101623741K"), None))
        .unwrap();
    let many = s.enterprises().resolve(None).unwrap_err();
    assert_eq!(many.code(), "ENTERPRISE_AMBIGUOUS");
    assert!(many.to_string().contains(&a.id) && many.to_string().contains(&b.id));
    assert_eq!(s.enterprises().resolve(Some(&b.id)).unwrap().name, "乙");
    assert_eq!(
        s.enterprises()
            .resolve(Some("91350100m000100y43"))
            .unwrap()
            .id,
        a.id
    );
    assert_eq!(
        s.enterprises().resolve(Some("nope")).unwrap_err().code(),
        "ENTERPRISE_NOT_FOUND"
    );
    // The credit code is not unique: a consultant may keep a copy.
    s.enterprises()
        .create(&enterprise("甲（副本）", Some("91350100M000100Y43"), None))
        .unwrap();
    let amb = s
        .enterprises()
        .resolve(Some("91350100M000100Y43"))
        .unwrap_err();
    assert_eq!(amb.code(), "CREDIT_CODE_AMBIGUOUS");
}

#[test]
fn the_journal_is_wal_and_foreign_keys_are_on() {
    let (_d, db) = temp_db();
    drop(Store::open(&db).unwrap());
    let conn = store::open_checked(&db, None).unwrap();
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
}

#[test]
fn a_database_of_every_earlier_schema_version_migrates() {
    for v in 1..store::schema_version() {
        let (_d, db) = temp_db();
        {
            let mut conn = store::open_checked(&db, None).unwrap();
            store::migrate_to(&mut conn, v).unwrap();
            conn.execute(
                "INSERT INTO enterprise (id, name, credit_code, credit_code_note, created_at)
                 VALUES ('e1', '旧库企业', NULL, NULL, '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO secret_point (enterprise_id, code, name, category, level, created_at)
                 VALUES ('e1', 'OLD-1', '旧密点', '经营信息', '重要商密', '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
            // From the version that has a level scheme on, the app wrote one
            // with every enterprise.
            let has_levels: bool = conn
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'level')",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            if has_levels {
                for (rank, name) in [(1, "核心商密"), (2, "重要商密"), (3, "一般商密")]
                {
                    conn.execute(
                        "INSERT INTO level (enterprise_id, rank, name) VALUES ('e1', ?1, ?2)",
                        rusqlite::params![rank, name],
                    )
                    .unwrap();
                }
            }
        }
        let s = Store::open(&db).unwrap_or_else(|e| panic!("from version {v}: {e}"));
        assert_eq!(
            s.version().unwrap(),
            store::schema_version(),
            "from version {v}"
        );
        assert_eq!(
            s.levels().list("e1").unwrap(),
            ["核心商密", "重要商密", "一般商密"],
            "from version {v}"
        );
        let p = &s.points().list("e1").unwrap()[0];
        assert_eq!(
            (p.code.as_str(), p.status.label()),
            ("OLD-1", "拟定"),
            "from version {v}"
        );
        // The migrated database takes new records and audits them.
        s.points()
            .update(p.id, midun::store::PointField::Summary, "概述")
            .unwrap();
        assert!(s.audit().check().unwrap().is_empty(), "from version {v}");
    }
}

#[test]
fn the_idle_lock_time_defaults_to_ten_minutes_and_is_kept_with_an_audit_entry() {
    let (_dir, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    assert_eq!(s.settings().get().unwrap().idle_lock_minutes, 10);
    for bad in [0, 241] {
        assert!(matches!(
            s.settings().set_idle_lock_minutes(bad),
            Err(midun::Error::FieldInvalid { .. })
        ));
    }
    assert_eq!(
        s.settings()
            .set_idle_lock_minutes(30)
            .unwrap()
            .idle_lock_minutes,
        30
    );
    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.settings().get().unwrap().idle_lock_minutes, 30);
    let log = s.audit().log(None).unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.old.as_deref(), last.new.as_deref()),
        (Some("10 分钟"), Some("30 分钟"))
    );
}
