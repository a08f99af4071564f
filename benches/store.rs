//! Store benchmarks (run by hand: `cargo bench --bench store`). Each figure
//! is printed beside a baseline measured in the same run, so the ratio, not
//! the machine, is what to compare:
//! - listing 10,000 密点 through the store vs. a bare SQLite query of the
//!   same rows (target ≤ 100 ms);
//! - one field update with its audit entry vs. a bare UPDATE in its own
//!   transaction (target ≤ 2 ms median);
//! - `demo --points 2000` (target ≤ 3 s);
//! - the register of 10,000 demo 密点 as the app's rows vs. as whole 密点
//!   (read and serialised to JSON: time and size);
//! - the first two again on an encrypted (SQLCipher) database, and
//!   unlocking with the production Argon2id parameters (target ≤ 1 s).

use std::time::{Duration, Instant};

use midun::model::{Category, NewEnterprise, NewSecretPoint};
use midun::store::PointField;
use midun::vault::{self, KdfParams, Secret};
use midun::Store;

const PASSWORD: &str = "bench password 2026";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    (out, t.elapsed())
}

/// Fill 10,000 密点, then time listing and one-field updates beside bare
/// SQLite on the same file (`raw` is keyed like the store when encrypted).
fn list_and_update(label: &str, s: &mut Store, mut raw: rusqlite::Connection) {
    let e = s
        .enterprises()
        .create(&NewEnterprise {
            name: "基准测试企业".into(),
            ..Default::default()
        })
        .expect("enterprise");
    let (_, fill) = time(|| {
        for i in 0..10_000 {
            s.points()
                .add(&NewSecretPoint {
                    enterprise_id: e.id.clone(),
                    code: Some(format!("B-{i:05}")),
                    name: format!("第{i}号工艺方法及其步骤"),
                    category: Category::Technical,
                    level: ["核心商密", "重要商密", "一般商密"][i % 3].into(),
                })
                .expect("add");
        }
    });
    println!("[{label}] fill 10,000 密点 (one transaction each): {fill:.2?}");

    // Listing: store vs bare query.
    let mut store_runs = vec![];
    let mut bare_runs = vec![];
    for _ in 0..15 {
        let (n, d) = time(|| s.points().list(&e.id).expect("list").len());
        assert_eq!(n, 10_000);
        store_runs.push(d);
        let (n, d) = time(|| {
            let mut st = raw
                .prepare("SELECT id, code, name, category, level, summary, status FROM secret_point WHERE enterprise_id = ?1 ORDER BY code")
                .expect("prepare");
            st.query_map([&e.id], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .expect("query")
            .count()
        });
        assert_eq!(n, 10_000);
        bare_runs.push(d);
    }
    let (ls, lb) = (median(store_runs), median(bare_runs));
    println!(
        "[{label}] list 10,000 密点: store {:.2?} median, bare SQLite {:.2?} median, ratio {:.2} (target ≤ 100 ms)",
        ls,
        lb,
        ls.as_secs_f64() / lb.as_secs_f64()
    );

    // One field update: store (validation + audit entry) vs bare UPDATE.
    let ids: Vec<i64> = s
        .points()
        .list(&e.id)
        .expect("list")
        .iter()
        .take(300)
        .map(|p| p.id)
        .collect();
    let mut store_runs = vec![];
    for (i, id) in ids.iter().enumerate() {
        let (_, d) = time(|| {
            s.points()
                .update(*id, PointField::Summary, &format!("概述 {i}"))
                .expect("update")
        });
        store_runs.push(d);
    }
    let mut bare_runs = vec![];
    for (i, id) in ids.iter().enumerate() {
        let (_, d) = time(|| {
            let tx = raw.transaction().expect("tx");
            tx.execute(
                "UPDATE secret_point SET value_note = ?2 WHERE id = ?1",
                rusqlite::params![id, format!("v{i}")],
            )
            .expect("update");
            tx.commit().expect("commit");
        });
        bare_runs.push(d);
    }
    let (us, ub) = (median(store_runs), median(bare_runs));
    println!(
        "[{label}] one field update: store {:.3?} median, bare UPDATE {:.3?} median, ratio {:.2} (target ≤ 2 ms)",
        us,
        ub,
        us.as_secs_f64() / ub.as_secs_f64()
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");

    // The same work on a plain and on an encrypted database, side by side.
    let db = dir.path().join("bench.db");
    let mut s = Store::open(&db).expect("open");
    list_and_update(
        "plain",
        &mut s,
        rusqlite::Connection::open(&db).expect("raw"),
    );
    drop(s);

    let enc = dir.path().join("enc.db");
    let (mut s, _) = Store::open_encrypted(&enc, Secret::Password(PASSWORD), KdfParams::PRODUCTION)
        .expect("create");
    let raw = rusqlite::Connection::open(&enc).expect("raw");
    let key = vault::unlock(&enc, Secret::Password(PASSWORD)).expect("unlock");
    raw.execute_batch(&key.pragma()).expect("key");
    list_and_update("encrypted", &mut s, raw);
    drop(s);

    // Unlocking with the production KDF: the key alone, and the whole open
    // (key, integrity check of the 10,000-密点 file, migrations check).
    let unlock: Vec<Duration> = (0..5)
        .map(|_| time(|| vault::unlock(&enc, Secret::Password(PASSWORD)).expect("unlock")).1)
        .collect();
    let open: Vec<Duration> = (0..5)
        .map(|_| {
            time(|| {
                Store::open_encrypted(&enc, Secret::Password(PASSWORD), KdfParams::PRODUCTION)
                    .expect("open")
            })
            .1
        })
        .collect();
    println!(
        "unlock (Argon2id {} KiB, t={}): key {:.0?} median, whole open {:.0?} median (target ≤ 1 s)",
        KdfParams::PRODUCTION.m_kib,
        KdfParams::PRODUCTION.t,
        median(unlock),
        median(open)
    );

    // The demo enterprise with 2,000 密点 and every register.
    let db2 = dir.path().join("demo.db");
    let s2 = Store::open(&db2).expect("open");
    let (_, d) = time(|| midun::demo::add_demo_with(&s2, 2000).expect("demo"));
    let (_, small) = time(|| midun::demo::add_demo_with(&s2, 12).expect("demo"));

    // Scoring the 2,000-密点 enterprise's fully answered round: the pure
    // function, and with gathering its inputs from the store.
    let big = s2
        .enterprises()
        .list()
        .expect("list")
        .into_iter()
        .max_by_key(|e| e.secret_point_count)
        .expect("demo");
    let round = s2
        .rounds()
        .latest(&big.id)
        .expect("round")
        .expect("a round");
    let catalogue = midun::catalogue::Catalogue::default_catalogue().expect("catalogue");
    let base = chrono::NaiveDate::parse_from_str(&round.base_date, "%Y-%m-%d").expect("date");
    let library = midun::catalogue::ControlLibrary::default_library().expect("controls");
    let facts = midun::assess::facts(&s2, &big.id, base, &library).expect("facts");
    let answers = midun::assess::answers(&s2, &round).expect("answers");
    let mut pure = vec![];
    let mut gathered = vec![];
    for _ in 0..20 {
        pure.push(time(|| midun::score::score(&catalogue, &answers, &facts, base)).1);
        gathered
            .push(time(|| midun::assess::score_round(&s2, round.id, &catalogue).expect("score")).1);
    }
    let (sp, sg) = (median(pure), median(gathered));
    println!(
        "score 2,000 密点, whole catalogue: pure {:.3?} median, with gathering from the store {:.2?} median, ratio {:.0} (target ≤ 10 ms)",
        sp,
        sg,
        sg.as_secs_f64() / sp.as_secs_f64()
    );
    println!(
        "demo --points 2000: {:.2?} (target ≤ 3 s); the 12-point demo: {:.2?}, ratio {:.1}",
        d,
        small,
        d.as_secs_f64() / small.as_secs_f64()
    );

    // What the app's register asks for: the 10,000-密点 demo as register
    // rows vs. as whole 密点, read and serialised to the JSON the UI gets.
    let e10 = midun::demo::add_demo_with(&s2, 10_000).expect("demo");
    let mut rows_runs = vec![];
    let mut whole_runs = vec![];
    let (mut rows_bytes, mut whole_bytes) = (0, 0);
    for _ in 0..9 {
        let (n, d) = time(|| {
            serde_json::to_vec(&s2.points().rows(&e10.id).expect("rows"))
                .expect("json")
                .len()
        });
        rows_bytes = n;
        rows_runs.push(d);
        let (n, d) = time(|| {
            serde_json::to_vec(&s2.points().list(&e10.id).expect("list"))
                .expect("json")
                .len()
        });
        whole_bytes = n;
        whole_runs.push(d);
    }
    let (rr, rw) = (median(rows_runs), median(whole_runs));
    println!(
        "the register of 10,000 demo 密点 as JSON: rows {:.1?} median, {:.1} MB; whole 密点 {:.1?} median, {:.1} MB; ratio {:.2} in time, {:.2} in size",
        rr,
        rows_bytes as f64 / 1e6,
        rw,
        whole_bytes as f64 / 1e6,
        rr.as_secs_f64() / rw.as_secs_f64(),
        rows_bytes as f64 / whole_bytes as f64
    );
}
