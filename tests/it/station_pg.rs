//! The shared PostgreSQL database, against a real server: `scripts/test`
//! starts one (`scripts/pg-test-server`) and passes its address in
//! `MIDUN_TEST_PG_URL` (an administrator's) and its CA in
//! `MIDUN_TEST_PG_CA`. Without them the test says so and passes, unless
//! `MIDUN_REQUIRE_PG=1` (as `scripts/test` sets) makes that a failure.
//!
//! Each run makes its own database and roles, as a county would: a group
//! role `midun_station`, a login role per station.

use std::path::PathBuf;

use midun::station::pg;
use midun::summary::{self, Summary};
use midun::Store;

use crate::station::{variant, write};

struct Server {
    admin: String,
    ca: PathBuf,
}

fn server() -> Option<Server> {
    match (
        std::env::var("MIDUN_TEST_PG_URL"),
        std::env::var("MIDUN_TEST_PG_CA"),
    ) {
        (Ok(admin), Ok(ca)) if !admin.is_empty() => Some(Server {
            admin,
            ca: PathBuf::from(ca),
        }),
        _ => {
            assert!(
                std::env::var("MIDUN_REQUIRE_PG").as_deref() != Ok("1"),
                "MIDUN_REQUIRE_PG=1 but no test server (run scripts/pg-test-server start)"
            );
            eprintln!("skipped: no PostgreSQL test server (MIDUN_TEST_PG_URL)");
            None
        }
    }
}

/// The admin URL with another user, password and database.
fn url_as(admin: &str, user: &str, password: &str, db: &str) -> String {
    let rest = admin.split_once('@').expect("user@host").1;
    let host = rest.split_once('/').expect("host/db").0;
    format!("postgresql://{user}:{password}@{host}/{db}")
}

fn admin_client(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).expect("admin connects")
}

/// A fresh database with a group role and two station roles:
/// (database URL as admin, station A's URL, station B's URL).
fn county(s: &Server) -> (String, String, String) {
    let tag = uuid::Uuid::new_v4().simple().to_string()[..10].to_string();
    let db = format!("midun_county_{tag}");
    let mut c = admin_client(&format!("{}?sslmode=disable", s.admin));
    c.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    c.batch_execute(
        "DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'midun_station') THEN
                CREATE ROLE midun_station NOLOGIN;
            END IF;
         END $$;",
    )
    .unwrap();
    let mut station = |name: &str| {
        let role = format!("st_{name}_{tag}");
        c.batch_execute(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD 'pw-{tag}' IN ROLE midun_station"
        ))
        .unwrap();
        url_as(&s.admin, &role, &format!("pw-{tag}"), &db)
    };
    let (a, b) = (station("a"), station("b"));
    let admin_db = {
        let rest = s.admin.rsplit_once('/').unwrap().0;
        format!("{rest}/{db}")
    };
    (admin_db, a, b)
}

fn rows(admin_db: &str) -> i64 {
    admin_client(&format!("{admin_db}?sslmode=disable"))
        .query_one("SELECT count(*) FROM midun_summary", &[])
        .unwrap()
        .get(0)
}

/// A station database holding `range` synthetic enterprises' summaries,
/// two rounds each.
fn station_with(
    dir: &std::path::Path,
    base: &Summary,
    range: std::ops::Range<usize>,
) -> (tempfile::TempDir, Store) {
    let (sd, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let files: Vec<PathBuf> = range
        .flat_map(|n| {
            [1, 2].map(|round| {
                write(
                    dir,
                    &format!("e{n}-r{round}"),
                    &variant(
                        base,
                        n,
                        round,
                        300 + (n as i64 * 7 + round * 50) % 700,
                        "清水镇",
                    ),
                )
            })
        })
        .collect();
    midun::station::import_files(&store, &files).unwrap();
    (sd, store)
}

#[test]
fn two_stations_push_and_pull_500_summaries_idempotently_and_refusals_change_nothing() {
    let Some(s) = server() else { return };
    let (admin_db, a_url, b_url) = county(&s);
    let (dir, demo_db) = crate::temp_db();
    let demo = Store::open(&demo_db).unwrap();
    let id = midun::demo::add_demo(&demo).unwrap().id;
    let base = summary::make(&demo, &id, chrono::Local::now().date_naive()).unwrap();
    let (_a_dir, a) = station_with(dir.path(), &base, 0..125);
    let (_b_dir, b) = station_with(dir.path(), &base, 125..250);
    assert_eq!(
        a.station().count().unwrap() + b.station().count().unwrap(),
        500
    );

    // The county creates the schema (as its owner), granting the stations'
    // group role SELECT and INSERT only.
    let (_c_dir, county_db) = crate::temp_db();
    let county_store = Store::open(&county_db).unwrap();
    let first = pg::pull(&county_store, &admin_db, None).unwrap();
    assert_eq!((first.read, first.added), (0, 0));

    // A station's name is asked for once.
    let e = pg::push(&a, &a_url, None, None).unwrap_err();
    assert!(matches!(e, midun::Error::StationNameMissing), "{e}");
    let pa = pg::push(&a, &a_url, None, Some("清水镇指导站")).unwrap();
    assert_eq!((pa.sent, pa.added), (250, 250));
    // Again: nothing new. Over verified TLS (the CA, the name localhost).
    let tls = format!("{a_url}?sslmode=require");
    let again = pg::push(&a, &tls, Some(&s.ca), None).unwrap();
    assert_eq!(
        (again.sent, again.added, again.station.as_str()),
        (250, 0, "清水镇指导站")
    );
    let pb = pg::push(&b, &b_url, None, Some("河西镇指导站")).unwrap();
    assert_eq!(pb.added, 250);
    assert_eq!(rows(&admin_db), 500);

    // Station B reads the county back: A's 250 are new to it.
    let pulled = pg::pull(&b, &b_url, Some(&s.ca)).unwrap();
    assert_eq!((pulled.read, pulled.added), (500, 250));
    assert_eq!(pulled.stations, vec!["河西镇指导站", "清水镇指导站"]);
    assert_eq!(b.station().count().unwrap(), 500);
    let d = midun::station::dashboard(&b, chrono::Local::now().date_naive()).unwrap();
    assert_eq!(d.rows.len(), 250);
    assert!(d.rows.iter().all(|r| r.trend.len() == 2));
    let rerun = pg::pull(&b, &b_url, None).unwrap();
    assert_eq!(rerun.added, 0);

    // Stations may add, never change or delete.
    let mut as_a = admin_client(&format!("{a_url}?sslmode=disable"));
    let denied = as_a
        .execute("DELETE FROM midun_summary", &[])
        .expect_err("a station cannot delete");
    assert_eq!(
        denied.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
    );
    assert_eq!(rows(&admin_db), 500);

    // A summary changed in the shared database refuses the whole pull;
    // the pulling station keeps exactly what it had.
    admin_client(&format!("{admin_db}?sslmode=disable"))
        .execute(
            "UPDATE midun_summary SET body = replace(body, '\"totalTenths\":', '\"totalTenths\":1') \
             WHERE hash = (SELECT min(hash) FROM midun_summary)",
            &[],
        )
        .unwrap();
    let (_f_dir, fresh_db) = crate::temp_db();
    let fresh = Store::open(&fresh_db).unwrap();
    let err = pg::pull(&fresh, &a_url, None).unwrap_err();
    assert!(
        matches!(err, midun::Error::PgSummaryRefused { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("本次未导入任何摘要"), "{err}");
    assert_eq!(fresh.station().count().unwrap(), 0);
    let before = a.station().count().unwrap();
    assert!(pg::pull(&a, &a_url, None).is_err());
    assert_eq!(a.station().count().unwrap(), before);

    // A summary this station cannot vouch for refuses the push: the
    // shared database is left as it was.
    let mut forged = variant(&base, 999, 1, 900, "清水镇");
    let hash = forged.hash();
    forged.total_tenths = 1000;
    a.station().add(&[(forged, hash, "file".into())]).unwrap();
    let n = rows(&admin_db);
    assert!(pg::push(&a, &a_url, None, None).is_err());
    assert_eq!(rows(&admin_db), n);
}

#[test]
fn connection_faults_are_answered_in_chinese_without_the_password() {
    let Some(s) = server() else { return };
    let (_dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    store.station().set_name("测试站").unwrap();
    let wrong = url_as(&s.admin, "midun_admin", "wrong-secret-123", "postgres");
    let port = s
        .admin
        .rsplit_once(':')
        .unwrap()
        .1
        .split('/')
        .next()
        .unwrap();
    let cases = [
        (wrong.clone(), None, "用户名或密码不正确"),
        (
            format!(
                "{}?sslmode=require",
                s.admin.replace("localhost", "127.0.0.1")
            ),
            Some(s.ca.clone()),
            "TLS",
        ),
        (
            "postgresql://u:secret-pw@127.0.0.1:1/x".to_string(),
            None,
            "连接被拒绝",
        ),
        ("not a url".to_string(), None, "地址无效"),
        (
            format!("postgresql://midun_admin:x@localhost:{port}/db?sslmode=require"),
            Some(PathBuf::from("/nonexistent/ca.pem")),
            "CA 证书文件",
        ),
    ];
    for (url, ca, expected) in cases {
        let err = pg::push(&store, &url, ca.as_deref(), None).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(expected), "{url}: {msg}");
        assert!(!msg.contains("secret"), "the password leaked: {msg}");
        assert!(!msg.contains("error"), "English in {msg}");
    }
}
