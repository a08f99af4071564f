//! 一密一档 benchmark (run by hand: `cargo bench --bench dossier`). For the
//! demo enterprise with 2,000 密点 it times the dossier of every 密点
//! (target ≤ 1 s) with its breakdown — gathering from the store, composing
//! the content, laying out and serialising the PDF — against the 内部版 of
//! the same enterprise in the same run (its ratio says what one 密点 page
//! costs against the report's tables).

use std::time::{Duration, Instant};

use midun::catalogue::Catalogue;
use midun::report::dossier::{self, Scope};
use midun::report::edition::{gather, render, Edition};
use midun::Store;

const POINTS: usize = 2000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.db")).expect("open");
    let e = midun::demo::add_demo_with(&store, POINTS).expect("demo");
    let when = chrono::Local::now();
    let catalogue = Catalogue::default_catalogue().expect("catalogue");
    let runs = std::env::var("MIDUN_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);

    let mut report_runs = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let data = gather(&store, &e.id, catalogue.clone()).expect("gather");
        render(&data, Edition::Internal, 1, when).expect("render");
        report_runs.push(t.elapsed());
    }
    let (mut total, mut gathered, mut composed, mut laid) = (vec![], vec![], vec![], vec![]);
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let d = dossier::gather(&store, &e.id, Scope::All).expect("gather");
        let g = t.elapsed();
        let c = dossier::compose(&d, when);
        let k = t.elapsed();
        let (bytes, _) = c.render_pdf().expect("render");
        midun::report::write_atomically(&dir.path().join("d.pdf"), &bytes).expect("write");
        let all = t.elapsed();
        total.push(all);
        gathered.push(g);
        composed.push(k - g);
        laid.push(all - k);
        size = bytes.len();
    }
    let (total, report) = (median(total), median(report_runs));
    println!("一密一档 of {POINTS} 密点 (median of {runs}):");
    println!(
        "  {} (target ≤ 1 s) = {:.1}× the 内部版 ({}); {:.0} KB",
        ms(total),
        total.as_secs_f64() / report.as_secs_f64(),
        ms(report),
        size as f64 / 1024.0
    );
    println!(
        "  gather {}, compose {}, layout and serialise {}",
        ms(median(gathered)),
        ms(median(composed)),
        ms(median(laid))
    );
}
