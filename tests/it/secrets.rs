//! No secret content in logs, crash output or temporary files: a distinctive
//! marker written into a 密点's 概述, a person's name and note, an answer's
//! note and an evidence title (and the evidence's stored bytes) must not
//! appear in any file the CLI leaves in TMPDIR or in the data directory, nor
//! in what any command prints on stderr — on success and on error.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use midun::store::{AnswerStatus, EvidenceKind, NewEvidence, NewPerson, PointField};
use midun::vault::{KdfParams, Secret};
use midun::Store;

use crate::cli::PASSWORD;

const BUNDLE_PASSWORD: &str = "交接文件口令-secrets-2026";

/// The CLI with a private TMPDIR and data directory.
fn midun(args: &[&str], env: &Env, bundle_password: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_midun"));
    c.env("MIDUN_PASSWORD", PASSWORD)
        .env_remove("MIDUN_RECOVERY_KEY")
        .env_remove("MIDUN_NEW_PASSWORD")
        .env_remove("MIDUN_BUNDLE_PASSWORD")
        // A crash would print a backtrace: ask for the fullest one, so that
        // any secret it could carry is seen.
        .env("RUST_BACKTRACE", "full")
        .env("TMPDIR", env.tmp.path())
        .env("TMP", env.tmp.path())
        .env("TEMP", env.tmp.path())
        .env("MIDUN_DATA_DIR", env.data.path())
        .args(args);
    if let Some(p) = bundle_password {
        c.env("MIDUN_BUNDLE_PASSWORD", p);
    }
    c.output().expect("run midun")
}

struct Env {
    tmp: tempfile::TempDir,
    data: tempfile::TempDir,
    work: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            tmp: tempfile::tempdir().unwrap(),
            data: tempfile::tempdir().unwrap(),
            work: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.work.path().join(name).to_str().unwrap().to_string()
    }
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// The forms in which the marker could leak: its UTF-8 bytes, its ASCII
/// tail alone (a lossy or escaped rendering of the Chinese part), the
/// tail in UTF-16 (LE and BE), and JSON's \u escapes of the Chinese part.
fn needles(marker: &str, tail: &str) -> Vec<Vec<u8>> {
    let utf16 = |be: bool| -> Vec<u8> {
        tail.encode_utf16()
            .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect()
    };
    let escaped: String = marker
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                format!("\\u{:04x}", c as u32)
            }
        })
        .collect();
    vec![
        marker.as_bytes().to_vec(),
        tail.as_bytes().to_vec(),
        utf16(false),
        utf16(true),
        escaped.into_bytes(),
    ]
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every file under `dir` (except `allowed`) that holds a needle.
fn leaks_in(dir: &Path, needles: &[Vec<u8>], allowed: &[PathBuf]) -> Vec<String> {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    files
        .into_iter()
        .filter(|f| !allowed.contains(f))
        .filter(|f| {
            let bytes = std::fs::read(f).unwrap();
            needles.iter().any(|n| contains(&bytes, n))
        })
        .map(|f| f.display().to_string())
        .collect()
}

/// A demo database (through the CLI) with the marker written through the
/// API into free text the app keeps secret.
fn marked(env: &Env, marker: &str) -> (String, PathBuf) {
    let db = env.path("a.db");
    let o = midun(&["demo", "--db", &db], env, None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let (s, _) =
        Store::open_encrypted(Path::new(&db), Secret::Password(PASSWORD), KdfParams::FAST).unwrap();
    let eid = s.enterprises().list().unwrap()[0].id.clone();
    let point = s.points().list(&eid).unwrap()[0].id;
    s.points()
        .update(point, PointField::Summary, &format!("概述：{marker}"))
        .unwrap();
    s.people()
        .add(&NewPerson {
            enterprise_id: eid.clone(),
            name: marker.to_string(),
            department: "研发部".into(),
            entry_date: "2020-01-01".into(),
            note: format!("备注：{marker}"),
            ..Default::default()
        })
        .unwrap();
    let round = s.rounds().list(&eid).unwrap().last().unwrap().id;
    let criterion = s.rounds().answers(round).unwrap()[0].criterion_id.clone();
    s.rounds()
        .set_answer(
            round,
            &criterion,
            AnswerStatus::Done,
            &format!("说明：{marker}"),
            "",
        )
        .unwrap();
    // The evidence's file holds the marker too (its stored copy travels in
    // the hand-over file); the source file itself is allowed to hold it.
    let source = env.work.path().join("制度.txt");
    std::fs::write(&source, format!("保密制度全文 {marker}\n")).unwrap();
    s.evidence()
        .add_stored(
            &NewEvidence {
                enterprise_id: eid.clone(),
                title: format!("佐证：{marker}"),
                kind: EvidenceKind::Rule,
                effective_on: "2026-01-01".into(),
            },
            &source,
            chrono::Local::now().date_naive(),
        )
        .unwrap();
    (eid, source)
}

#[test]
fn no_secret_text_in_temporary_files_data_dir_or_stderr() {
    let env = Env::new();
    let tail = format!("7Q2X-{}", uuid::Uuid::new_v4().simple());
    let marker = format!("机密标记-{}", &tail[..13]);
    let tail = &tail[..13];
    let needles = needles(&marker, tail);
    let (eid, source) = marked(&env, &marker);

    let db = env.path("a.db");
    let file = env.path("交接.midun");
    let report = env.path("报告.pdf");
    let mut runs: Vec<(&str, Output)> = Vec::new();

    // Successes.
    let o = midun(
        &["export", "--db", &db, "--out", &file],
        &env,
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "export: {}", err(&o));
    runs.push(("export", o));
    let b = env.path("b.db");
    let o = midun(
        &["import", "--db", &b, &file, "--as-copy"],
        &env,
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "import: {}", err(&o));
    runs.push(("import --as-copy (new db)", o));
    let o = midun(
        &["import", "--db", &db, &file, "--as-copy"],
        &env,
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(0), "import: {}", err(&o));
    runs.push(("import --as-copy (same db)", o));
    let o = midun(
        &[
            "report",
            "--db",
            &db,
            "--enterprise",
            &eid,
            "--out",
            &report,
        ],
        &env,
        None,
    );
    assert_eq!(o.status.code(), Some(0), "report: {}", err(&o));
    runs.push(("report", o));

    // Errors.
    let c = env.path("c.db");
    let o = midun(
        &["import", "--db", &c, &file],
        &env,
        Some("错误的交接口令-0000"),
    );
    assert_eq!(o.status.code(), Some(1), "wrong passphrase: {}", err(&o));
    runs.push(("import, wrong passphrase", o));
    let o = midun(&["import", "--db", &db, &file], &env, Some(BUNDLE_PASSWORD));
    assert_eq!(o.status.code(), Some(1), "existing: {}", err(&o));
    runs.push(("import, enterprise exists", o));
    let unwritable = env.path("没有此目录/报告.pdf");
    let o = midun(
        &[
            "report",
            "--db",
            &db,
            "--enterprise",
            &eid,
            "--out",
            &unwritable,
        ],
        &env,
        None,
    );
    assert_eq!(o.status.code(), Some(1), "unwritable report: {}", err(&o));
    runs.push(("report to a missing directory", o));
    let o = midun(
        &[
            "export",
            "--db",
            &db,
            "--enterprise",
            &eid,
            "--out",
            env.work.path().to_str().unwrap(),
        ],
        &env,
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "export onto a directory: {}",
        err(&o)
    );
    runs.push(("export onto a directory", o));
    let o = midun(
        &["import", "--db", &db, &report],
        &env,
        Some(BUNDLE_PASSWORD),
    );
    assert_eq!(o.status.code(), Some(1), "import of a PDF: {}", err(&o));
    runs.push(("import of a PDF", o));

    for (what, o) in &runs {
        assert!(
            !needles.iter().any(|n| contains(&o.stderr, n)),
            "{what}: the marker is on stderr: {}",
            err(o)
        );
        assert!(!err(o).contains("panicked"), "{what}: {}", err(o));
    }
    let tmp = leaks_in(env.tmp.path(), &needles, &[]);
    assert!(tmp.is_empty(), "the marker is in TMPDIR: {tmp:?}");
    let data = leaks_in(env.data.path(), &needles, &[]);
    assert!(
        data.is_empty(),
        "the marker is in the data directory: {data:?}"
    );
    // The search itself works: it finds the marker where it was put.
    assert_eq!(
        leaks_in(env.work.path(), &needles, &[PathBuf::from(&report)]),
        vec![source.display().to_string()]
    );
    // Beside the databases (WAL, journals, backups, half-written files):
    // only the source file and the report the user asked for may hold it.
    let work = leaks_in(env.work.path(), &needles, &[source, PathBuf::from(&report)]);
    assert!(
        work.is_empty(),
        "the marker is in a file beside the database: {work:?}"
    );
}
