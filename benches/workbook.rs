//! Workbook benchmark (run by hand: `cargo bench --bench workbook`). For
//! the demo enterprise with 10,000 密点 it times, in the same run, the
//! registers' Excel workbook (every sheet, read from the store, written to
//! disk; target ≤ 1 s) against a baseline: the 密点台账's rows alone as CSV
//! with the `csv` crate, the least any export of the register can do.

use std::time::{Duration, Instant};

use midun::workbook::{workbook, Sheet};
use midun::Store;

const POINTS: usize = 10_000;

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
    workbook(&store, &e.id, &[]).expect("warm-up");

    let mut book_runs = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let bytes = workbook(&store, &e.id, &[]).expect("workbook");
        midun::fsx::write_atomically(&dir.path().join("w.xlsx"), &bytes).expect("write");
        book_runs.push(t.elapsed());
        size = bytes.len();
    }
    let mut point_runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let bytes = workbook(&store, &e.id, &[Sheet::Points]).expect("workbook");
        midun::fsx::write_atomically(&dir.path().join("p.xlsx"), &bytes).expect("write");
        point_runs.push(t.elapsed());
    }
    let mut csv_runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let points = store.points().list(&e.id).expect("points");
        let mut w = csv::Writer::from_writer(Vec::new());
        for p in &points {
            w.write_record([
                p.code.as_str(),
                p.name.as_str(),
                p.category.label(),
                p.summary.as_str(),
                p.level.as_str(),
                p.department.as_str(),
                p.responsible.as_str(),
            ])
            .expect("row");
        }
        let bytes = w.into_inner().expect("csv");
        midun::fsx::write_atomically(&dir.path().join("p.csv"), &bytes).expect("write");
        csv_runs.push(t.elapsed());
    }
    let (book, points, csv) = (median(book_runs), median(point_runs), median(csv_runs));
    println!(
        "Workbook, {POINTS} 密点, every sheet: {} median of 3, {:.0} KB",
        ms(book),
        size as f64 / 1024.0
    );
    println!(
        "密点台账 sheet alone: {}; the same rows as bare CSV: {} ({:.1}× the CSV)",
        ms(points),
        ms(csv),
        points.as_secs_f64() / csv.as_secs_f64()
    );
}
