use std::path::Path;
use std::process::{Command, Output};

/// The password every CLI test's database is encrypted with.
pub const PASSWORD: &str = "测试口令-cli-2026";

/// The CLI with the test password in its environment.
fn cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_midun"));
    c.env("MIDUN_PASSWORD", PASSWORD)
        .env_remove("MIDUN_RECOVERY_KEY")
        .env_remove("MIDUN_NEW_PASSWORD");
    c
}

fn midun(args: &[&str], data_dir: &Path) -> Output {
    cmd()
        .args(args)
        .env("MIDUN_DATA_DIR", data_dir)
        .output()
        .expect("run midun")
}

/// A raw SQL connection to an encrypted database, keyed as the CLI keys it.
pub fn keyed(db: &Path) -> rusqlite::Connection {
    keyed_with(db, PASSWORD)
}

/// A raw SQL connection to an encrypted database with `password`.
pub fn keyed_with(db: &Path, password: &str) -> rusqlite::Connection {
    let key = midun::vault::unlock(db, midun::vault::Secret::Password(password)).unwrap();
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(&key.pragma()).unwrap();
    conn
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}
fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn assert_no_panic(o: &Output) {
    let e = err(o);
    assert!(
        !e.contains("panicked") && !e.contains("RUST_BACKTRACE"),
        "{e}"
    );
}

#[test]
fn help_is_chinese_on_every_command() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["demo", "--help"],
        vec!["report", "-h"],
        vec!["list", "--help"],
        vec!["validate-code", "--help"],
    ] {
        let o = midun(&args, d.path());
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let t = out(&o);
        assert!(
            t.contains("用法：") && t.contains("显示帮助"),
            "{args:?}: {t}"
        );
        assert!(
            !t.contains("Usage:") && !t.contains("Print help"),
            "{args:?}: {t}"
        );
    }
}

#[test]
fn usage_errors_exit_2_with_a_chinese_message() {
    let d = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["report", "--bogus"], "无法识别的参数"),
        (&["frobnicate"], "无法识别的命令"),
        (&[], "缺少命令"),
        (&["report"], "缺少必需的参数"),
        (&["validate-code"], "缺少必需的参数"),
    ];
    for (args, want) in cases {
        let o = midun(args, d.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(err(&o).contains(want), "{args:?}: {}", err(&o));
        assert_no_panic(&o);
    }
}

#[test]
fn a_database_in_a_missing_directory_exits_1() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("missing").join("x.db");
    let o = midun(&["demo", "--db", db.to_str().unwrap()], d.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("数据库所在目录不存在"), "{}", err(&o));
    assert_no_panic(&o);
}

#[test]
fn an_unknown_enterprise_exits_1() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let db = db.to_str().unwrap();
    assert_eq!(
        midun(&["demo", "--db", db], d.path()).status.code(),
        Some(0)
    );
    let pdf = d.path().join("r.pdf");
    let o = midun(
        &[
            "report",
            "--db",
            db,
            "--enterprise",
            "no-such",
            "--out",
            pdf.to_str().unwrap(),
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("未找到企业：no-such"), "{}", err(&o));
    assert!(!pdf.exists());
}

#[test]
fn demo_and_report_use_the_app_database_without_db() {
    let d = tempfile::tempdir().unwrap();
    let o = midun(&["demo"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("已添加演示企业"));
    assert!(
        d.path().join("midun.db").exists(),
        "MIDUN_DATA_DIR is the data directory"
    );
    let pdf = d.path().join("demo.pdf");
    let o = midun(&["report", "--out", pdf.to_str().unwrap()], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let o = midun(&["list"], d.path());
    assert!(out(&o).contains("12 个密点"), "{}", out(&o));
}

#[test]
fn several_enterprises_without_a_selector_are_named_in_the_error() {
    let d = tempfile::tempdir().unwrap();
    midun(&["demo"], d.path());
    midun(&["demo"], d.path());
    let pdf = d.path().join("r.pdf");
    let o = midun(&["report", "--out", pdf.to_str().unwrap()], d.path());
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(e.contains("--enterprise"), "{e}");
    let listed = out(&midun(&["list"], d.path()));
    for line in listed.lines() {
        let id = line.split('\t').next().unwrap();
        assert!(e.contains(id), "{id} not named in: {e}");
    }
    // By credit code it is still ambiguous (both demos share it); by id it works.
    let id = listed.lines().next().unwrap().split('\t').next().unwrap();
    let o = midun(
        &["report", "--enterprise", id, "--out", pdf.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn validate_code_prints_one_line_per_code_and_exits_by_validity() {
    let d = tempfile::tempdir().unwrap();
    let o = midun(
        &[
            "validate-code",
            "91350100M000100Y43",
            " 91110000101623741k ",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        out(&o),
        "91350100M000100Y43\t有效\n91110000101623741K\t有效\n"
    );

    let o = midun(&["validate-code", "91110000101623742N"], d.path());
    assert_eq!(o.status.code(), Some(0), "a warning is not invalid");
    assert!(out(&o).starts_with("91110000101623742N\t有效（警告："));

    let o = midun(
        &[
            "validate-code",
            "91350100M000100Y43",
            "91350100M000100Y44",
            "12345",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<String> = out(&o).lines().map(String::from).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "91350100M000100Y43\t有效");
    assert_eq!(lines[1], "91350100M000100Y44\t无效：校验码应为“3”，实为“4”");
    assert_eq!(lines[2], "12345\t无效：长度应为 18 位，实为 5 位");
}

#[test]
fn validate_code_reads_standard_input_for_a_dash() {
    use std::io::Write;
    let mut child = cmd()
        .args(["validate-code", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("91350100M000100Y43\n\n９１１１００００１０１６２３７４１Ｋ\n".as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        out(&o),
        "91350100M000100Y43\t有效\n91110000101623741K\t有效\n"
    );
}

#[test]
fn a_file_that_is_not_a_database_exits_1() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("notes.txt");
    std::fs::write(&f, "hello, this is not a database file at all....").unwrap();
    let o = midun(&["list", "--db", f.to_str().unwrap()], d.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("不是 Midun 数据库"), "{}", err(&o));
    assert_no_panic(&o);
}

#[test]
fn points_lists_json_objects_and_check_passes_on_a_sound_database() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let db = db.to_str().unwrap();
    let o = midun(&["demo", "--db", db, "--points", "15"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = midun(&["points", "--db", db, "--json"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 15);
    for p in arr {
        for key in ["code", "name", "category", "level", "status", "summary"] {
            assert!(
                p.get(key).is_some_and(|x| x.is_string()),
                "{key} missing in {p}"
            );
        }
    }
    let statuses: std::collections::BTreeSet<&str> =
        arr.iter().map(|p| p["status"].as_str().unwrap()).collect();
    assert!(
        statuses.contains("已定密") && statuses.contains("拟定") && statuses.contains("已解密"),
        "{statuses:?}"
    );
    assert!(arr.iter().any(|p| p["category"] == "经营信息"));

    let o = midun(&["check", "--db", db], d.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("校验通过"), "{}", out(&o));

    // Tamper with the audit log: check fails and says where.
    let conn = keyed(Path::new(db));
    conn.execute("UPDATE audit_log SET new = '篡改' WHERE id = 5", [])
        .unwrap();
    drop(conn);
    let o = midun(&["check", "--db", db], d.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out(&o).contains("校验未通过") && out(&o).contains("第 "),
        "{}",
        out(&o)
    );
}

#[test]
fn the_operator_is_named_in_the_audit_log() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let o = cmd()
        .args(["demo", "--db", db.to_str().unwrap(), "--points", "1"])
        .env("MIDUN_OPERATOR", "顾问张")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    midun(
        &["demo", "--db", db.to_str().unwrap(), "--points", "1"],
        d.path(),
    );
    let conn = keyed(&db);
    let who: Vec<String> = conn
        .prepare("SELECT DISTINCT who FROM audit_log ORDER BY who")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(who, ["命令行", "顾问张"]);
}

#[test]
fn demo_refuses_a_bad_point_count() {
    let d = tempfile::tempdir().unwrap();
    for bad in ["0", "abc", "-3", "100001"] {
        let o = midun(&["demo", "--points", bad], d.path());
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(err(&o).contains("--points"), "{bad}: {}", err(&o));
    }
}

#[test]
fn a_closed_output_pipe_is_not_an_error() {
    use std::io::Read;
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    midun(
        &["demo", "--db", db.to_str().unwrap(), "--points", "300"],
        d.path(),
    );
    let mut child = cmd()
        .args(["points", "--db", db.to_str().unwrap(), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone (stdout dropped above); the writer must stop quietly.
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&o.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn manifest_exports_codes_and_hashes_only_unless_asked() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let db = db.to_str().unwrap();
    midun(&["demo", "--db", db], d.path());
    let csv = d.path().join("m.csv");
    let o = midun(
        &["manifest", "--db", db, "--out", csv.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "代号,SHA-256");
    // One line per fingerprint (the demo's 3 核心 密点), then the chain head.
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[4].starts_with("操作记录校验值,"), "{text}");
    for line in &lines[1..4] {
        let (code, hash) = line.split_once(',').unwrap();
        assert!(code.starts_with("MD-") && hash.len() == 64, "{line}");
    }
    assert!(!text.contains(".txt"), "no file name unless asked");
    let o = midun(
        &[
            "manifest",
            "--db",
            db,
            "--file-names",
            "--out",
            csv.to_str().unwrap(),
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(&csv).unwrap().contains(".txt"));
}

#[test]
fn score_json_has_the_documented_shape_and_catalog_commands_work() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let db = db.to_str().unwrap();
    assert_eq!(
        midun(&["demo", "--db", db], d.path()).status.code(),
        Some(0)
    );
    let o = midun(&["score", "--db", db, "--json"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for key in [
        "enterprise",
        "total",
        "tier",
        "result",
        "basic_items",
        "domains",
        "gaps",
        "warnings",
    ] {
        assert!(v.get(key).is_some(), "{key} missing");
    }
    assert!(v["total"].is_number());
    let d0 = &v["domains"][0];
    for key in ["id", "name", "weight", "score"] {
        assert!(d0.get(key).is_some(), "domains[].{key} missing");
    }
    let g0 = &v["gaps"][0];
    for key in ["criterion", "points_lost", "action"] {
        assert!(g0.get(key).is_some(), "gaps[].{key} missing");
    }
    assert_eq!(v["basic_items"].as_array().unwrap().len(), 5);
    assert!(
        v["basic_items"][0]["status"].is_string() && v["basic_items"][0]["criterion"].is_string()
    );
    // The demo answered the whole catalogue: nothing is left 未评.
    assert_eq!(v["draft"], false, "{}", v["warnings"]);
    let tiers = ["完善", "较好，需补强", "差距明显，需系统整改", "基础薄弱"];
    assert!(
        tiers.contains(&v["tier"].as_str().unwrap()),
        "{}",
        v["tier"]
    );
    // The documented labels, never the app's wire codes.
    assert!(["已落实", "未落实", "未评"].contains(&v["basic_items"][0]["status"].as_str().unwrap()));
    assert!(v["criteria"].as_array().unwrap().iter().all(|c| [
        "已落实",
        "部分落实",
        "未落实",
        "不适用",
        "未评"
    ]
    .contains(&c["status"].as_str().unwrap())));
    assert!(v.get("verdict").is_none() && v["result"].is_string());

    let o = midun(&["catalog", "check"], d.path());
    assert_eq!(o.status.code(), Some(0));
    assert!(out(&o).contains("总分 100"));
    let o = midun(&["catalog", "show", "--json"], d.path());
    let shown = d.path().join("shown.json");
    std::fs::write(&shown, &o.stdout).unwrap();
    let o = midun(
        &["catalog", "check", "--file", shown.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    std::fs::write(&shown, "{ \"id\": 1 }").unwrap();
    let o = midun(
        &["catalog", "check", "--file", shown.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("目录文件"), "{}", err(&o));
    let o = midun(&["catalog", "--help"], d.path());
    assert!(
        out(&o).contains("命令：") && out(&o).contains("显示帮助"),
        "{}",
        out(&o)
    );
}

#[test]
fn the_password_comes_from_the_environment_and_the_recovery_key_is_shown_once() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("enc.db");
    let db_s = db.to_str().unwrap();
    // Without a password nothing is created.
    let o = Command::new(env!("CARGO_BIN_EXE_midun"))
        .args(["list", "--db", db_s])
        .env_remove("MIDUN_PASSWORD")
        .env_remove("MIDUN_RECOVERY_KEY")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("MIDUN_PASSWORD"), "{}", err(&o));
    assert!(!db.exists());

    let o = midun(&["demo", "--db", db_s, "--points", "2"], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let e = err(&o);
    assert!(e.contains("恢复密钥"), "{e}");
    let key = e
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .expect("the recovery key line")
        .to_string();
    assert!(!out(&o).contains(&key), "the key goes to stderr only");
    let o = midun(&["list", "--db", db_s], d.path());
    assert!(!err(&o).contains("恢复密钥"), "shown once: {}", err(&o));

    // A wrong password is refused; the recovery key opens; a new password works.
    let wrong = cmd()
        .args(["list", "--db", db_s])
        .env("MIDUN_PASSWORD", "not the password")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(1));
    assert!(err(&wrong).contains("密码不正确"), "{}", err(&wrong));
    let by_key = cmd()
        .args(["list", "--db", db_s])
        .env_remove("MIDUN_PASSWORD")
        .env("MIDUN_RECOVERY_KEY", &key)
        .output()
        .unwrap();
    assert_eq!(by_key.status.code(), Some(0), "{}", err(&by_key));
    assert!(out(&by_key).contains("聊河阿胶"));
    let changed = cmd()
        .args(["password", "--db", db_s])
        .env("MIDUN_NEW_PASSWORD", "另一个口令 2027")
        .output()
        .unwrap();
    assert_eq!(changed.status.code(), Some(0), "{}", err(&changed));
    let o = midun(&["list", "--db", db_s], d.path());
    assert!(err(&o).contains("密码不正确"));
    let o = cmd()
        .args(["list", "--db", db_s])
        .env("MIDUN_PASSWORD", "另一个口令 2027")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn backups_are_listed_made_and_restored_and_check_points_to_them() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("b.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(
        midun(&["demo", "--db", db_s, "--points", "1"], d.path())
            .status
            .code(),
        Some(0)
    );
    let o = midun(&["backup", "list", "--db", db_s], d.path());
    assert!(out(&o).contains("尚无备份"), "{}", out(&o));
    let o = midun(&["backup", "create", "--db", db_s], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = midun(&["backup", "list", "--db", db_s], d.path());
    let name = out(&o)
        .lines()
        .next()
        .unwrap()
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    assert!(name.ends_with("-manual.db"), "{name}");

    // Damage the database: check fails and names the backup; restore repairs.
    let mut bytes = std::fs::read(&db).unwrap();
    let len = bytes.len();
    for b in &mut bytes[4096..len] {
        *b = !*b;
    }
    std::fs::write(&db, &bytes).unwrap();
    let _ = std::fs::remove_file(d.path().join("b.db-wal"));
    let o = midun(&["check", "--db", db_s], d.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains(&format!("midun backup restore {name}")),
        "{}",
        err(&o)
    );
    let o = midun(&["backup", "restore", "--db", db_s, &name], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = midun(&["check", "--db", db_s], d.path());
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    let o = midun(
        &[
            "backup",
            "restore",
            "--db",
            db_s,
            "b-20200101-000000-000-manual.db",
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("未找到备份"), "{}", err(&o));
}

#[test]
fn import_points_writes_a_template_imports_all_or_nothing_and_lists_problems() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("i.db");
    let db_s = db.to_str().unwrap();
    assert_eq!(
        midun(&["demo", "--db", db_s, "--points", "1"], d.path())
            .status
            .code(),
        Some(0)
    );
    let tpl = d.path().join("模板.xlsx");
    let o = midun(
        &["import-points", "--template", tpl.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        &std::fs::read(&tpl).unwrap()[..2],
        b"PK",
        "an .xlsx is a zip"
    );

    let bad = d.path().join("bad.csv");
    std::fs::write(
        &bad,
        "名称,类别,密级\n好的一行,技术信息,核心\n坏的一行,技术信息,绝密\n",
    )
    .unwrap();
    let o = midun(
        &["import-points", "--db", db_s, bad.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("未导入任何密点"), "{}", err(&o));
    assert!(err(&o).contains("第 3 行 · 密级"), "{}", err(&o));

    let good = d.path().join("good.csv");
    let (gb, _, _) = encoding_rs::GB18030
        .encode("名称,类别,密级\n好的一行,技术信息,核心\n另一行,经营信息,一般\n");
    std::fs::write(&good, &gb).unwrap();
    let o = midun(
        &["import-points", "--db", db_s, good.to_str().unwrap()],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("已导入 2 个密点"), "{}", out(&o));
    let o = midun(&["points", "--db", db_s], d.path());
    assert!(out(&o).contains("另一行"));
    assert!(!out(&o).contains("坏的一行"));
}

#[test]
fn approval_form_prints_the_latest_approval_of_a_point_or_says_why_not() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let db = db.to_str().unwrap();
    midun(&["demo", "--db", db], d.path());
    let pdf = d.path().join("form");
    let o = midun(
        &[
            "approval-form",
            "--db",
            db,
            "--point",
            "MD-2026-001",
            "--out",
            pdf.to_str().unwrap(),
        ],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("商业秘密定密审批表"), "{}", out(&o));
    // `.pdf` is added to a name without it.
    let file = d.path().join("form.pdf");
    let text = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("MD-2026-001") && text.contains("定密依据"),
        "{text}"
    );

    for (args, want) in [
        (vec!["--point", "NO-SUCH"], "NO-SUCH"),
        (vec!["--point", "MD-2026-001", "--approval", "9999"], "9999"),
    ] {
        let mut all = vec!["approval-form", "--db", db, "--out", pdf.to_str().unwrap()];
        all.extend(args);
        let o = midun(&all, d.path());
        assert_eq!(o.status.code(), Some(1));
        assert_no_panic(&o);
        assert!(
            err(&o).starts_with("错误：") && err(&o).contains(want),
            "{}",
            err(&o)
        );
    }
}

#[test]
fn dossier_files_the_core_points_or_one_by_its_code_or_says_why_not() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let db = db.to_str().unwrap();
    midun(&["demo", "--db", db], d.path());
    let pdf = d.path().join("档案");
    let pdf = pdf.to_str().unwrap();
    for (point, want, not) in [
        (None, "MD-2026-001", "MD-2026-012"),
        (Some(" MD-2026-012 "), "MD-2026-012", "MD-2026-001"),
    ] {
        let mut args = vec!["dossier", "--db", db, "--out", pdf];
        if let Some(p) = point {
            args.extend(["--point", p]);
        }
        let o = midun(&args, d.path());
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert!(out(&o).contains("一密一档"), "{}", out(&o));
        let text = std::process::Command::new("pdftotext")
            .arg(d.path().join("档案.pdf"))
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains(want) && !text.contains(not), "{text}");
    }
    let o = midun(
        &["dossier", "--db", db, "--point", "NO-SUCH", "--out", pdf],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert_no_panic(&o);
    assert!(err(&o).starts_with("错误：") && err(&o).contains("NO-SUCH"));
}

#[test]
fn demo_unanswered_starts_the_round_and_answers_nothing() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("a.db");
    let o = midun(
        &["demo", "--db", db.to_str().unwrap(), "--unanswered"],
        d.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let c = keyed(&db);
    let one = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(
        one("SELECT count(*) FROM assessment WHERE closed_at IS NULL"),
        1
    );
    assert_eq!(one("SELECT count(*) FROM answer"), 0);
    assert_eq!(one("SELECT count(*) FROM remediation_task"), 0);
    // The registers are filled as in the answered demo.
    assert_eq!(one("SELECT count(*) FROM secret_point"), 12);
    assert!(one("SELECT count(*) FROM control_answer") > 0);

    // The default demo answers every criterion of its round.
    let db2 = d.path().join("b.db");
    let o = midun(&["demo", "--db", db2.to_str().unwrap()], d.path());
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let c2 = keyed(&db2);
    let answers: i64 = c2
        .query_row("SELECT count(*) FROM answer", [], |r| r.get(0))
        .unwrap();
    assert!(answers > 30, "{answers}");
}
