//! The progress summary and the guidance station: what a summary may hold
//! (and that it matches the 报送版), refusals of tampered or truncated
//! files, import as history, the dashboard, the station workbook and the
//! 工作进展汇总 read back.

use std::path::{Path, PathBuf};

use midun::catalogue::Catalogue;
use midun::report::edition::{gather, render, Edition};
use midun::summary::{self, Summary};
use midun::Store;

use crate::fixtures::{flat, pdf_pages};

/// An answered demo enterprise: (dir, store, enterprise id).
fn demo() -> (tempfile::TempDir, Store, String) {
    let (dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&store).unwrap().id;
    (dir, store, id)
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A copy of `base` as another enterprise's summary of round `round`.
pub fn variant(base: &Summary, n: usize, round: i64, total: i64, township: &str) -> Summary {
    let mut s = base.clone();
    s.enterprise.name = format!("测试企业{n:03}有限公司");
    s.enterprise.credit_code = format!("91371500TEST{n:05}X");
    s.enterprise.township = township.to_string();
    s.round_no = round;
    s.total_tenths = total;
    s.base_date = format!("{}-06-30", 2025 + round);
    s
}

pub fn write(dir: &Path, name: &str, s: &Summary) -> PathBuf {
    let p = dir.join(format!("{name}.midun-summary"));
    std::fs::write(&p, s.to_file_bytes()).unwrap();
    p
}

#[test]
fn a_summary_holds_exactly_the_allowed_fields_and_nothing_of_the_registers() {
    let (_dir, store, id) = demo();
    let s = summary::make(&store, &id, today()).unwrap();
    let bytes = s.to_file_bytes();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let mut allowed: Vec<String> = summary::ALLOWED_FIELDS
        .iter()
        .map(|s| s.to_string())
        .collect();
    allowed.sort();
    // Every field the struct writes is on the list, and the list names no
    // field a real summary lacks (the demo has every kind of figure).
    assert_eq!(summary::key_paths(&value), allowed);
    // No register content: no 密点 name or 概述, no person, area, system,
    // carrier or rule title.
    let text = String::from_utf8(bytes).unwrap();
    let data = gather(&store, &id, Catalogue::default_catalogue().unwrap()).unwrap();
    for p in &data.points {
        assert!(!text.contains(&p.name), "summary names the 密点 {}", p.name);
        assert!(!text.contains(&p.code), "summary holds the 代号 {}", p.code);
        assert!(!text.contains(p.summary.trim()) || p.summary.trim().is_empty());
    }
    for (kind, name) in &data.internal_names {
        assert!(
            !text.contains(name.as_str()),
            "summary holds {kind:?} {name}"
        );
    }
    for r in &data.rules {
        assert!(
            !text.contains(&r.title),
            "summary holds the rule {}",
            r.title
        );
    }
    assert!(s.point_total() > 0 && s.open_tasks_total() > 0 && s.people > 0);
}

#[test]
fn a_summarys_figures_are_the_submission_editions() {
    let (_dir, store, id) = demo();
    let s = summary::make(&store, &id, today()).unwrap();
    let data = gather(&store, &id, Catalogue::default_catalogue().unwrap()).unwrap();
    let r = render(&data, Edition::Submission, 1, chrono::Local::now()).unwrap();
    let sub = flat(&pdf_pages(&r.bytes).join("\n"));
    let t = |x: i64| midun::score::Tenths(x).to_string();
    assert!(
        sub.contains(&flat(&format!("自评总分：{} 分", t(s.total_tenths)))),
        "total {}",
        t(s.total_tenths)
    );
    for d in &s.domains {
        let shown = d
            .score_tenths
            .map_or("不适用".into(), |x| format!("{}%", t(x)));
        // The row: name, 分值, 适用分值, 得分, then 得分率.
        let row = flat(&format!("{}{}", d.name, d.weight));
        let rest = sub
            .split("各领域自评情况")
            .nth(1)
            .and_then(|t| t.split_once(&row))
            .map(|(_, r)| r.chars().take(20).collect::<String>())
            .unwrap_or_default();
        assert!(
            rest.contains(&shown),
            "domain row {row}…{shown} not in the 报送版"
        );
    }
    for b in &s.basic_items {
        assert!(sub.contains(&flat(&b.title)), "基础项 {}", b.title);
    }
    let people = flat(&format!(
        "涉密人员 {} 人，保密协议（含保密条款、保密承诺书）签署率 {}%；近 12 个月开展保密培训 {} 次，涉密人员培训覆盖率 {}%",
        s.people,
        t(s.agreement_tenths),
        s.trainings_12m,
        t(s.training_tenths)
    ));
    assert!(sub.contains(&people), "{people}");
    assert!(sub.contains(&flat(&format!("已建立商业秘密管理制度 {} 项", s.rules))));
    assert!(sub.contains(&flat(&format!("登记在管的密点 {} 个", s.point_total()))));
    assert!(sub.contains(&s.chain_head), "chain head {}", s.chain_head);
    assert!(sub.contains(&flat(&s.enterprise.credit_code)));
    assert!(sub.contains(&flat(&s.base_date)));
    assert!(sub.contains(&flat(&s.catalogue_version)));
}

#[test]
fn a_summary_needs_a_credit_code_and_a_round() {
    let (_dir, store, id) = crate::fixtures::store_with("无代码企业");
    let e = summary::make(&store, &id, today()).unwrap_err();
    assert!(matches!(e, midun::Error::SummaryNeedsCreditCode), "{e}");
}

#[test]
fn tampered_truncated_foreign_and_widened_summaries_are_refused_in_chinese() {
    let (_dir, store, id) = demo();
    let s = summary::make(&store, &id, today()).unwrap();
    let good = s.to_file_bytes();
    assert!(summary::parse(&good).is_ok());
    // Re-indented and reordered, it is the same summary.
    let v: serde_json::Value = serde_json::from_slice(&good).unwrap();
    assert_eq!(
        summary::parse(serde_json::to_string(&v).unwrap().as_bytes())
            .unwrap()
            .1,
        s.hash()
    );
    let text = String::from_utf8(good.clone()).unwrap();
    let total = format!("\"totalTenths\": {}", s.total_tenths);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "tampered total",
            text.replace(&total, "\"totalTenths\": 999").into_bytes(),
            "校验值不符",
        ),
        ("truncated", good[..good.len() / 2].to_vec(), "文件不完整"),
        // Cut inside a Chinese character (the name): still incomplete, not "binary".
        (
            "truncated inside a character",
            good[..text.find(&s.enterprise.name).unwrap() + 1].to_vec(),
            "文件不完整",
        ),
        ("empty", Vec::new(), "文件不完整"),
        (
            "another format",
            br#"{"format":"midun-bundle","version":1}"#.to_vec(),
            "不是密盾进度摘要",
        ),
        (
            "a newer version",
            text.replacen("\"version\": 1", "\"version\": 9", 1)
                .into_bytes(),
            "更新版本",
        ),
        (
            "an extra field with personal data",
            text.replacen(
                "\"roundNo\"",
                "\"people_names\": [\"张三\"],\n    \"roundNo\"",
                1,
            )
            .into_bytes(),
            "不允许的字段“summary.people_names”",
        ),
        (
            "a missing field",
            text.replacen("\"draft\": false,", "", 1)
                .replacen("\"draft\": true,", "", 1)
                .into_bytes(),
            "字段缺失",
        ),
        ("binary", vec![0xff, 0xfe, 0x00, 0x01], "不是文本文件"),
    ];
    for (what, bytes, expected) in cases {
        let err = summary::parse(&bytes).expect_err(what);
        assert!(err.contains(expected), "{what}: {err}");
        assert!(
            !err.chars().any(|c| c.is_ascii_alphabetic()) || err.contains("summary."),
            "{what}: English in {err}"
        );
    }
}

#[test]
fn one_bad_file_refuses_the_whole_import_and_a_rerun_adds_nothing() {
    let (dir, store, id) = demo();
    let base = summary::make(&store, &id, today()).unwrap();
    let (_sd, station_db) = crate::temp_db();
    let station = Store::open(&station_db).unwrap();
    let files: Vec<PathBuf> = (0..5)
        .map(|n| {
            write(
                dir.path(),
                &format!("s{n}"),
                &variant(&base, n, 1, 500 + n as i64, "清水镇"),
            )
        })
        .collect();
    let bad = dir.path().join("bad.midun-summary");
    std::fs::write(&bad, &std::fs::read(&files[0]).unwrap()[..100]).unwrap();
    let mut with_bad = files.clone();
    with_bad.push(bad);
    let err = midun::station::import_files(&station, &with_bad).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("bad.midun-summary") && msg.contains("未导入任何文件"),
        "{msg}"
    );
    assert_eq!(station.station().count().unwrap(), 0);

    let r = midun::station::import_files(&station, &files).unwrap();
    assert_eq!((r.added, r.already, r.enterprises), (5, 0, 5));
    let again = midun::station::import_files(&station, &files).unwrap();
    assert_eq!((again.added, again.already), (0, 5));
    assert_eq!(station.station().count().unwrap(), 5);
}

#[test]
fn later_rounds_are_history_and_the_dashboard_shows_change_basics_and_overdue_tasks() {
    let (dir, store, id) = demo();
    let mut base = summary::make(&store, &id, today()).unwrap();
    // One overdue task month and one in the future.
    base.open_tasks = vec![
        summary::TaskCount {
            domain: "涉密人员".into(),
            due_month: "2020-01".into(),
            count: 2,
        },
        summary::TaskCount {
            domain: "涉密人员".into(),
            due_month: "2999-12".into(),
            count: 3,
        },
    ];
    let (_sd, station_db) = crate::temp_db();
    let station = Store::open(&station_db).unwrap();
    let a1 = variant(&base, 1, 1, 612, "城关街道");
    let a2 = variant(&base, 1, 2, 745, "城关街道");
    let b1 = variant(&base, 2, 1, 808, "河西镇");
    let files = vec![
        write(dir.path(), "a2", &a2),
        write(dir.path(), "a1", &a1),
        write(dir.path(), "b1", &b1),
    ];
    midun::station::import_files(&station, &files).unwrap();
    let d = midun::station::dashboard(&station, today()).unwrap();
    assert_eq!(d.rows.len(), 2);
    let a = d
        .rows
        .iter()
        .find(|r| r.name == a1.enterprise.name)
        .unwrap();
    assert_eq!(a.round_no, 2);
    assert_eq!(a.total_tenths, 745);
    assert_eq!(a.change_tenths, Some(133));
    assert_eq!(
        a.trend.iter().map(|t| t.total_tenths).collect::<Vec<_>>(),
        vec![612, 745]
    );
    assert_eq!(a.open_tasks, 5);
    assert_eq!(a.overdue_tasks, 2);
    assert_eq!(a.basic_not_met, base.basic_not_met());
    let b = d
        .rows
        .iter()
        .find(|r| r.name == b1.enterprise.name)
        .unwrap();
    assert_eq!(b.change_tenths, None);
    assert_eq!(d.domains.len(), base.domains.len());
    assert_eq!(
        a.domain_scores,
        base.domains
            .iter()
            .map(|x| x.score_tenths)
            .collect::<Vec<_>>()
    );
    // Sorted by 乡镇/街道, then name.
    assert_eq!(d.rows[0].township, "城关街道");
}

#[test]
fn the_station_workbook_and_report_read_back_with_every_enterprise_and_no_verdict() {
    use calamine::{Data, Reader, Xlsx};
    let (dir, store, id) = demo();
    let base = summary::make(&store, &id, today()).unwrap();
    let (_sd, station_db) = crate::temp_db();
    let mut station = Store::open(&station_db).unwrap();
    station.set_actor("测试员");
    station.station().set_name("城关指导站").unwrap();
    let files: Vec<PathBuf> = (0..12)
        .map(|n| {
            write(
                dir.path(),
                &format!("s{n}"),
                &variant(&base, n, 1 + (n % 2) as i64, 400 + 37 * n as i64, "清水镇"),
            )
        })
        .collect();
    midun::station::import_files(&station, &files).unwrap();

    let bytes = midun::station::workbook(&station, today()).unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec!["企业进度", "领域得分率", "历次自评", "整改任务"]
    );
    let progress = book.worksheet_range("企业进度").unwrap();
    assert_eq!(progress.height(), 13);
    let names: Vec<String> = progress.rows().skip(1).map(|r| r[0].to_string()).collect();
    for n in 0..12 {
        assert!(names.contains(&format!("测试企业{n:03}有限公司")));
    }
    let total_of = |name: &str| {
        progress
            .rows()
            .find(|r| r[0] == Data::String(name.to_string()))
            .map(|r| r[6].clone())
    };
    assert_eq!(
        total_of("测试企业003有限公司"),
        Some(Data::Float((400.0 + 37.0 * 3.0) / 10.0))
    );
    let heat = book.worksheet_range("领域得分率").unwrap();
    assert_eq!(heat.width(), 1 + base.domains.len());
    assert_eq!(heat.get((0, 1)).unwrap().to_string(), base.domains[0].name);
    let history = book.worksheet_range("历次自评").unwrap();
    assert_eq!(history.height(), 13);
    if let Some(pages) = crate::fixtures::office_pages(&bytes, "xlsx") {
        assert!(flat(&pages.join("\n")).contains("测试企业011有限公司"));
    }

    let out = dir.path().join("汇总.pdf");
    midun::station::export_report(&station, &out, midun::report::ReportFormat::Pdf).unwrap();
    let text = flat(&pdf_pages(&std::fs::read(&out).unwrap()).join("\n"));
    assert!(text.contains(&flat(midun::station::REPORT_TITLE)));
    assert!(text.contains("城关指导站"));
    assert!(text.contains(&flat("本站跟踪企业 12 家，共收到进度摘要 12 份")));
    for n in 0..12 {
        assert!(
            text.contains(&flat(&format!("测试企业{n:03}有限公司"))),
            "{n}"
        );
    }
    assert!(text.contains(&flat("不是评审或认定结论")));
    for bad in [
        "达标",
        "合格",
        "具备",
        "符合条件",
        "经核查",
        "绝密",
        "机密",
        "★",
    ] {
        assert!(!text.contains(bad), "station report holds {bad}");
    }
}
