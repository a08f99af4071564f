//! Station benchmark (run by hand: `cargo bench --bench station`). Times,
//! in the same run, importing 500 progress summaries from files into a
//! fresh station database (target ≤ 2 s) against a baseline: reading the
//! same 500 files and parsing them as plain JSON, the least any import can
//! do; then the dashboard of 500 enterprises computed from the store (the
//! data the app draws), and the station workbook.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use midun::summary::{self, Summary};
use midun::Store;

const SUMMARIES: usize = 500;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn variant(base: &Summary, n: usize) -> Summary {
    let mut s = base.clone();
    s.enterprise.name = format!("基准企业{n:04}有限公司");
    s.enterprise.credit_code = format!("91371500BENCH{n:04}X");
    s.enterprise.township = ["清水镇", "城关街道", "河西镇"][n % 3].to_string();
    s.total_tenths = (300 + n as i64 * 13) % 1000;
    s
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let demo = Store::open(&dir.path().join("demo.db")).expect("open");
    let id = midun::demo::add_demo(&demo).expect("demo").id;
    let base = summary::make(&demo, &id, chrono::Local::now().date_naive()).expect("summary");
    let files: Vec<PathBuf> = (0..SUMMARIES)
        .map(|n| {
            let p = dir.path().join(format!("s{n}.midun-summary"));
            std::fs::write(&p, variant(&base, n).to_file_bytes()).expect("write");
            p
        })
        .collect();

    let mut import_runs = Vec::new();
    let mut json_runs = Vec::new();
    let mut dash_runs = Vec::new();
    let mut book_runs = Vec::new();
    for run in 0..3 {
        let t = Instant::now();
        for f in &files {
            let bytes = std::fs::read(f).expect("read");
            let v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
            std::hint::black_box(v);
        }
        json_runs.push(t.elapsed());

        let station = Store::open(&dir.path().join(format!("station{run}.db"))).expect("open");
        let t = Instant::now();
        let r = midun::station::import_files(&station, &files).expect("import");
        import_runs.push(t.elapsed());
        assert_eq!(r.added, SUMMARIES);

        let t = Instant::now();
        let d = midun::station::dashboard(&station, chrono::Local::now().date_naive())
            .expect("dashboard");
        dash_runs.push(t.elapsed());
        assert_eq!(d.rows.len(), SUMMARIES);

        let t = Instant::now();
        let book = midun::station::workbook(&station, chrono::Local::now().date_naive())
            .expect("workbook");
        book_runs.push(t.elapsed());
        std::hint::black_box(book);
    }
    let (import, json) = (median(import_runs), median(json_runs));
    println!("station, {SUMMARIES} summaries (median of 3):");
    println!(
        "  import from files: {} (target ≤ 2 s) = {:.1}× reading and parsing the files as plain JSON ({})",
        ms(import),
        import.as_secs_f64() / json.as_secs_f64(),
        ms(json)
    );
    println!(
        "  dashboard of {SUMMARIES} enterprises (core): {}",
        ms(median(dash_runs))
    );
    println!("  station workbook: {}", ms(median(book_runs)));
}
