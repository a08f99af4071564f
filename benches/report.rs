//! Report benchmark (run by hand: `scripts/bench`, or `cargo bench --bench
//! report` with Chromium installed). For the demo enterprise with 2,000 密点
//! and a fully answered assessment it times, in the same run:
//! - Midun's 内部版: gathering from the store, layout, subset fonts and
//!   serialisation (target ≤ 1 s and ≤ 1 MB);
//! - headless Chromium printing the same content to PDF from an HTML page
//!   made for the purpose, as an Electron-style app would: the same blocks
//!   (the content model, `report::content`), the same fonts, A4 with the same margins, a
//!   running header and "第 x 页 / 共 y 页" footer, tables whose header
//!   repeats. Chromium is timed as a whole (start, load, print, exit) and,
//!   to be fair to an app whose browser is already running, also less the
//!   time it takes to print an empty page (target: Midun ≥ 10× faster);
//! - the 一密一档 of all 2,000 密点 (target ≤ 1 s), as a ratio to the 内部版;
//! - the 内部版 as a Word document, as a ratio to the PDF.
//!
//! Chromium is found as `$MIDUN_CHROMIUM`, else `chromium`,
//! `chromium-browser` or `google-chrome` on the PATH. With
//! `MIDUN_BENCH_OUT=<dir>` both PDFs and the HTML page are kept there to
//! be compared by eye.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use midun::catalogue::Catalogue;
use midun::report::content::Block;
use midun::report::edition::{compose, gather, render, Edition};
use midun::report::layout::Align;
use midun::Store;

const POINTS: usize = 2000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A CSS string literal.
fn css_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
    }
}

fn radar_svg(labels: &[String], values: &[f32]) -> String {
    let n = labels.len() as f32;
    let (c, r) = (100.0_f32, 60.0_f32);
    let at = |i: usize, v: f32| {
        let a = std::f32::consts::FRAC_PI_2 - i as f32 * std::f32::consts::TAU / n;
        (c + r * v / 100.0 * a.cos(), c - r * v / 100.0 * a.sin())
    };
    let poly = |v: &dyn Fn(usize) -> f32| {
        (0..labels.len())
            .map(|i| {
                let (x, y) = at(i, v(i));
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut s = String::from(
        r#"<svg viewBox="0 0 200 200" style="width:90mm;display:block;margin:4mm auto">"#,
    );
    for step in [20.0, 40.0, 60.0, 80.0, 100.0] {
        let _ = write!(
            s,
            r##"<polygon points="{}" fill="none" stroke="#ccc" stroke-width="0.4"/>"##,
            poly(&|_| step)
        );
    }
    let _ = write!(
        s,
        r##"<polygon points="{}" fill="#bdd4f2" stroke="#1f59a6" stroke-width="1.2"/>"##,
        poly(&|i| values[i].clamp(0.0, 100.0))
    );
    for (i, l) in labels.iter().enumerate() {
        let (x, y) = at(i, 112.0);
        let _ = write!(
            s,
            r#"<text x="{x:.1}" y="{y:.1}" font-size="6" text-anchor="middle">{}</text>"#,
            esc(l)
        );
    }
    s.push_str("</svg>");
    s
}

/// The HTML page a browser-based app would print: the same blocks.
fn html(title: &str, header: (&str, &str), blocks: &[Block], fonts: &Path) -> String {
    let font = |f: &str| format!("file://{}", fonts.join(f).display());
    let mut h = String::new();
    let _ = write!(
        h,
        r#"<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title><style>
@font-face {{ font-family: "Report Sans"; src: url("{regular}"); font-weight: 400; }}
@font-face {{ font-family: "Report Sans"; src: url("{bold}"); font-weight: 700; }}
@page {{ size: A4; margin: 25mm 20mm 22mm 20mm;
  @top-left {{ content: {left}; font: 8.5pt "Report Sans"; color: #666; }}
  @top-right {{ content: {right}; font: 700 8.5pt "Report Sans"; color: #bf1a1a; }}
  @bottom-center {{ content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font: 8.5pt "Report Sans"; color: #666; }} }}
body {{ font-family: "Report Sans"; font-size: 10.5pt; line-height: 1.55; color: #1a1a1a; margin: 0; }}
h1, h2 {{ color: #14335f; break-after: avoid; margin: 2mm 0 1.5mm; }}
h1 {{ font-size: 16pt; }} h2 {{ font-size: 13pt; }}
p {{ margin: 0; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9.5pt; margin-bottom: 3mm; }}
th, td {{ border: 0.5pt solid #999; padding: 0.8mm 1.6mm; }}
th {{ background: #e6edf7; }}
tr {{ break-inside: avoid; }}
.pb {{ break-after: page; }}
table.pairs td {{ border: 0; padding: 0.4mm 1.5mm; }}
</style></head><body>
"#,
        title = esc(title),
        regular = font("NotoSansSC-GBK-Regular.ttf"),
        bold = font("NotoSansSC-GBK-Bold.ttf"),
        left = css_str(header.0),
        right = css_str(header.1),
    );
    for b in blocks {
        match b {
            Block::Heading { text, level } => {
                let t = if *level == 1 { "h1" } else { "h2" };
                let _ = writeln!(h, "<{t}>{}</{t}>", esc(text));
            }
            Block::Paragraph { text, style } => {
                let _ = writeln!(
                    h,
                    r#"<p style="font-size:{}pt;font-weight:{};text-align:{}">{}</p>"#,
                    style.size,
                    if style.bold { 700 } else { 400 },
                    align(style.align),
                    esc(text).replace('\n', "<br>")
                );
            }
            Block::Table {
                caption,
                columns,
                rows,
            } => {
                if let Some((c, style)) = caption {
                    let _ = writeln!(
                        h,
                        r#"<p style="font-size:{}pt;font-weight:{}">{}</p>"#,
                        style.size,
                        if style.bold { 700 } else { 400 },
                        esc(c)
                    );
                }
                let total: f32 = columns.iter().map(|c| c.1).sum();
                h.push_str("<table><colgroup>");
                for (_, share, _) in columns {
                    let _ = write!(h, r#"<col style="width:{:.1}%">"#, share / total * 100.0);
                }
                h.push_str("</colgroup><thead><tr>");
                for (t, _, _) in columns {
                    let _ = write!(h, "<th>{}</th>", esc(t));
                }
                h.push_str("</tr></thead><tbody>\n");
                for row in rows {
                    h.push_str("<tr>");
                    for (cell, (_, _, a)) in row.iter().zip(columns) {
                        let _ = write!(
                            h,
                            r#"<td style="text-align:{}">{}</td>"#,
                            align(*a),
                            esc(cell)
                        );
                    }
                    h.push_str("</tr>\n");
                }
                h.push_str("</tbody></table>\n");
            }
            Block::Radar { labels, values, .. } => h.push_str(&radar_svg(labels, values)),
            Block::Bars { rows, max } => {
                h.push_str(r#"<table class="pairs" style="font-size:9pt">"#);
                for (label, value, text) in rows {
                    let _ = write!(
                        h,
                        r#"<tr><td style="text-align:right;width:22%">{}</td><td><div style="background:#eef0f5"><div style="background:#cc5c4d;height:3.6mm;width:{:.1}%"></div></div></td><td style="width:11%">{}</td></tr>"#,
                        esc(label),
                        (value / max * 100.0).clamp(0.0, 100.0),
                        esc(text)
                    );
                }
                h.push_str("</table>\n");
            }
            Block::Pairs { rows, size, .. } => {
                let _ = write!(h, r#"<table class="pairs" style="font-size:{size}pt">"#);
                for (l, v) in rows {
                    let _ = write!(
                        h,
                        r#"<tr><td style="text-align:right;color:#595959;width:33%">{}</td><td>{}</td></tr>"#,
                        esc(l),
                        esc(v)
                    );
                }
                h.push_str("</table>\n");
            }
            Block::Space { mm } => {
                let _ = writeln!(h, r#"<div style="height:{mm}mm"></div>"#);
            }
            Block::PageBreak => h.push_str("<div class=\"pb\"></div>\n"),
            Block::Ensure { mm } => {
                let _ = writeln!(
                    h,
                    r#"<div style="break-inside:avoid;height:0;min-height:{mm}mm;margin-bottom:-{mm}mm"></div>"#
                );
            }
            Block::Anchor { name } => {
                let _ = writeln!(h, r#"<a id="{}"></a>"#, esc(name));
            }
        }
    }
    h.push_str("</body></html>\n");
    h
}

fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MIDUN_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Print `page` to `out` with headless Chromium; the wall time of the run.
fn print(browser: &Path, page: &Path, out: &Path, profile: &Path) -> Duration {
    let _ = std::fs::remove_file(out);
    let t = Instant::now();
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("start Chromium");
    let d = t.elapsed();
    assert!(status.success(), "Chromium failed: {status}");
    assert!(out.is_file(), "Chromium wrote no PDF");
    d
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf)
        .map(|d| d.get_pages().len())
        .unwrap_or(0)
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bench.db");
    let store = Store::open(&db).expect("open");
    let e = midun::demo::add_demo_with(&store, POINTS).expect("demo");
    let catalogue = Catalogue::default_catalogue().expect("catalogue");
    let when = chrono::Local::now();

    // Warm-up: fonts parsed once per process, page cache.
    let data = gather(&store, &e.id, catalogue.clone()).expect("gather");
    render(&data, Edition::Internal, 1, when).expect("render");

    let mut midun_runs = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let data = gather(&store, &e.id, catalogue.clone()).expect("gather");
        let r = render(&data, Edition::Internal, 1, when).expect("render");
        let out = dir.path().join("midun.pdf");
        midun::report::write_atomically(&out, &r.bytes).expect("write");
        midun_runs.push(t.elapsed());
        bytes = r.bytes;
    }
    let midun = median(midun_runs);
    println!(
        "Midun 内部版, {POINTS} 密点: {} median of 5 (gather + layout + write), {:.0} KB, {} pages",
        ms(midun),
        bytes.len() as f64 / 1024.0,
        pages(&bytes)
    );

    let mut dossier_runs = Vec::new();
    let mut dossier = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let d = midun::report::dossier::gather(&store, &e.id, midun::report::dossier::Scope::All)
            .expect("gather the dossier");
        let r = midun::report::dossier::render(&d, when).expect("render the dossier");
        midun::report::write_atomically(&dir.path().join("dossier.pdf"), &r.bytes).expect("write");
        dossier_runs.push(t.elapsed());
        dossier = r.bytes;
    }
    let dossier_time = median(dossier_runs);
    {
        let t = Instant::now();
        let d = midun::report::dossier::gather(&store, &e.id, midun::report::dossier::Scope::All)
            .expect("gather the dossier");
        let gathered = t.elapsed();
        let c = midun::report::dossier::compose(&d, when);
        let composed = t.elapsed();
        c.render_pdf().expect("render");
        println!(
            "  of which gather {}, compose {}, layout and serialise {}",
            ms(gathered),
            ms(composed - gathered),
            ms(t.elapsed() - composed)
        );
    }
    println!(
        "Midun 一密一档, {POINTS} 密点: {} median of 3 ({:.1}× the 内部版), {:.0} KB, {} pages",
        ms(dossier_time),
        dossier_time.as_secs_f64() / midun.as_secs_f64(),
        dossier.len() as f64 / 1024.0,
        pages(&dossier)
    );

    let mut word_runs = Vec::new();
    let mut word = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let data = gather(&store, &e.id, catalogue.clone()).expect("gather");
        let r = midun::report::edition::render_as(
            &data,
            Edition::Internal,
            1,
            when,
            midun::report::ReportFormat::Docx,
        )
        .expect("render Word");
        midun::report::write_atomically(&dir.path().join("midun.docx"), &r.bytes).expect("write");
        word_runs.push(t.elapsed());
        word = r.bytes;
    }
    let word_time = median(word_runs);
    println!(
        "Midun 内部版 as Word, {POINTS} 密点: {} median of 3 ({:.1}× the PDF), {:.0} KB",
        ms(word_time),
        word_time.as_secs_f64() / midun.as_secs_f64(),
        word.len() as f64 / 1024.0
    );

    let Some(browser) = chromium() else {
        println!(
            "Chromium not found (set MIDUN_CHROMIUM or install the chromium package; \
             scripts/bench does): the comparison was not run."
        );
        std::process::exit(2);
    };
    let (content, _) = compose(&data, Edition::Internal, 1, when);
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
    let page = dir.path().join("report.html");
    std::fs::write(
        &page,
        html(
            Edition::Internal.title(),
            (&content.header, &content.header_right),
            &content.blocks,
            &fonts,
        ),
    )
    .expect("write html");
    let blank = dir.path().join("blank.html");
    std::fs::write(&blank, "<!doctype html><html><body></body></html>").expect("write html");
    let profile = dir.path().join("profile");
    let out = dir.path().join("chromium.pdf");

    print(&browser, &blank, &out, &profile); // first start creates the profile
    let mut empty_runs = Vec::new();
    let mut full_runs = Vec::new();
    for _ in 0..3 {
        empty_runs.push(print(&browser, &blank, &out, &profile));
        full_runs.push(print(&browser, &page, &out, &profile));
    }
    let (empty, full) = (median(empty_runs), median(full_runs));
    let chromium_pdf = std::fs::read(&out).expect("read Chromium's PDF");
    let printing = full.saturating_sub(empty);
    println!(
        "Chromium, same content from HTML: {} median of 3 ({:.0} KB, {} pages); \
         an empty page takes {}, so printing itself takes {}",
        ms(full),
        chromium_pdf.len() as f64 / 1024.0,
        pages(&chromium_pdf),
        ms(empty),
        ms(printing)
    );
    if let Some(keep) = std::env::var_os("MIDUN_BENCH_OUT") {
        let keep = PathBuf::from(keep);
        std::fs::write(keep.join("midun.pdf"), &bytes).expect("keep Midun's PDF");
        std::fs::write(keep.join("chromium.pdf"), &chromium_pdf).expect("keep Chromium's PDF");
        std::fs::copy(&page, keep.join("report.html")).expect("keep the HTML");
    }
    let ratio = |d: Duration| d.as_secs_f64() / midun.as_secs_f64();
    println!(
        "Midun is {:.1}× faster than Chromium as a whole, {:.1}× faster than its printing alone",
        ratio(full),
        ratio(printing)
    );
}
