//! The two editions of the self-assessment report, read back as a person
//! reads the printout (poppler's `pdftotext`): every section, the words
//! that carry legal weight, what the 报送版 must never hold, what the
//! 内部版 must survive.

use midun::catalogue::Catalogue;
use midun::model::{ExportWarning, NameKind};
use midun::report::content::Block;
use midun::report::edition::{compose, gather, preflight, render, Edition, ReportData};
use midun::Store;

use crate::fixtures::{flat, pdf_pages};

struct Demo {
    _dir: tempfile::TempDir,
    store: Store,
    id: String,
}

fn demo() -> Demo {
    let (dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&store).unwrap().id;
    Demo {
        _dir: dir,
        store,
        id,
    }
}

fn data(d: &Demo) -> ReportData {
    gather(&d.store, &d.id, Catalogue::default_catalogue().unwrap()).unwrap()
}

/// The pages of an edition as read back, with the PDF and the warnings.
fn read(data: &ReportData, edition: Edition) -> (Vec<String>, Vec<u8>, Vec<String>) {
    let r = render(data, edition, 3, chrono::Local::now()).unwrap();
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    (pdf_pages(&r.bytes), r.bytes, worded(&r.warnings))
}

/// Warnings as the CLI prints them.
fn worded(warnings: &[ExportWarning]) -> Vec<String> {
    warnings.iter().map(ExportWarning::zh).collect()
}

fn text(d: &Demo, edition: Edition) -> (Vec<String>, Vec<u8>) {
    let (pages, bytes, _) = read(&data(d), edition);
    (pages, bytes)
}

const SUBMISSION_SECTIONS: [&str; 15] = [
    "报送函",
    "信用承诺书",
    "声明",
    "一、企业基本情况",
    "二、组织领导",
    "三、主要做法与成效",
    "四、特色做法",
    "五、自评结果",
    "六、存在问题与整改计划",
    "七、下一步工作",
    "附件目录",
    "营业执照",
    "骑缝章",
    "法定代表人（或授权负责人）签字",
    "操作记录校验值",
];

const INTERNAL_SECTIONS: [&str; 13] = [
    "分发范围",
    "声明",
    "一、基本情况",
    "二、主要做法与成效",
    "三、特色做法",
    "四、自评结果",
    "五、待完善事项与整改安排",
    "六、下一步工作",
    "七、到期与复核清单",
    "八、与上次自评对比",
    "附件：佐证材料目录",
    "整改台账",
    "操作记录校验值",
];

#[test]
fn both_editions_have_every_section_and_their_own_content() {
    let d = demo();
    let (sub, _) = text(&d, Edition::Submission);
    let (int, _) = text(&d, Edition::Internal);
    let (sub_all, int_all) = (flat(&sub.join("\n")), flat(&int.join("\n")));
    for s in SUBMISSION_SECTIONS {
        assert!(sub_all.contains(&flat(s)), "报送版 lacks {s}");
    }
    for s in INTERNAL_SECTIONS {
        assert!(int_all.contains(&flat(s)), "内部版 lacks {s}");
    }
    let e = d.store.enterprises().get(&d.id).unwrap();
    // The letter goes to the bureau the user named, with whom to call.
    for v in [&e.report_recipient, &e.contact_phone, &e.work_office] {
        assert!(sub_all.contains(&flat(v)), "报送版 lacks {v}");
    }
    assert!(int_all.contains("第3份"), "the copy number");
    // Gaps by domain in the 报送版, by criterion with actions in the 内部版;
    // the demo plans every gap, so each domain has its owner and date.
    let score = data(&d).score;
    let gap = &score.gaps[0];
    // A table cell wraps: its first line reads whole.
    let action: String = flat(&gap.action).chars().take(10).collect();
    assert!(int_all.contains(&action), "内部版 lacks {action}");
    assert!(!sub_all.contains(&action));
    assert!(sub_all.contains(&flat(&gap.domain)));
    assert!(!sub_all.contains("整改计划尚待制定"));
    // Footers on every page.
    let n = sub.len();
    for (i, p) in sub.iter().enumerate() {
        assert!(flat(p).contains(&format!("第{}页/共{n}页", i + 1)), "{p}");
    }
}

/// Words no output may hold, and the ones the 报送版 may not use of the
/// enterprise (its own title, which names the programme, aside).
#[test]
fn words_that_carry_legal_weight_are_checked_on_the_rendered_text() {
    let d = demo();
    let data = data(&d);
    // Tier and verdict labels long enough not to be ordinary words
    // (完善 is in 待完善).
    let verdicts: Vec<&str> = midun::score::Tier::ALL
        .iter()
        .map(|t| t.label())
        .chain(midun::score::Verdict::ALL.iter().map(|v| v.label()))
        .filter(|l| l.chars().count() >= 4)
        .collect();
    assert!(verdicts.len() >= 3, "{verdicts:?}");
    let dossier =
        midun::report::dossier::gather(&d.store, &d.id, midun::report::dossier::Scope::All)
            .unwrap();
    let dossier = pdf_pages(
        &midun::report::dossier::render(&dossier, chrono::Local::now())
            .unwrap()
            .bytes,
    );
    let (sub, _, _) = read(&data, Edition::Submission);
    let (int, _, _) = read(&data, Edition::Internal);
    let word = |edition| {
        let r = midun::report::edition::render_as(
            &data,
            edition,
            1,
            chrono::Local::now(),
            midun::report::ReportFormat::Docx,
        )
        .unwrap();
        vec![crate::fixtures::docx_text(&r.bytes)]
    };
    let (sub_word, int_word) = (word(Edition::Submission), word(Edition::Internal));
    for (what, pages) in [
        ("报送版", &sub),
        ("内部版", &int),
        ("一密一档", &dossier),
        ("报送版 DOCX", &sub_word),
        ("内部版 DOCX", &int_word),
    ] {
        let all = flat(&pages.join("\n"));
        for bad in [
            "经核查不为公众所知悉",
            "★",
            "☆",
            "绝密",
            "机密",
            "密盾",
            "Midun",
            "首份",
            "首个",
            "时间线",
            "（报送版）",
            "暂不建议",
            "等级：",
            "结论：",
        ] {
            assert!(!all.contains(bad), "{what} holds {bad}");
        }
        for t in &verdicts {
            assert!(!all.contains(&flat(t)), "{what} holds the verdict {t}");
        }
    }
    for sub in [&sub, &sub_word] {
        submission_words_hold(
            &data,
            &flat(&sub.join("\n")).replace(Edition::Submission.title(), ""),
        );
    }
}

/// What the 报送版 may not say of the enterprise, nor list.
fn submission_words_hold(data: &ReportData, sub_all: &str) {
    for bad in [
        "具备",
        "申报",
        "示范",
        "达标",
        "就绪",
        "登记不入库",
        "缺少佐证",
    ] {
        assert!(!sub_all.contains(bad), "报送版 holds {bad}");
    }
    // No internal criterion numbers (D4.3) in the 报送版.
    let ids: Vec<String> = data
        .catalogue
        .criteria()
        .map(|(_, k)| k.id.clone())
        .collect();
    for id in &ids {
        let at = sub_all.match_indices(id.as_str()).find(|(i, _)| {
            // "D1.1" is not a hit inside "D1.10".
            !sub_all[i + id.len()..].starts_with(|c: char| c.is_ascii_digit())
        });
        assert!(at.is_none(), "报送版 holds the criterion number {id}");
    }
}

#[test]
fn the_request_not_to_disclose_names_the_pages_that_hold_the_information() {
    let d = demo();
    for letter in [true, false] {
        d.store
            .enterprises()
            .update(
                &d.id,
                midun::store::EnterpriseField::CoverLetter,
                if letter { "是" } else { "否" },
            )
            .unwrap();
        let (sub, _, _) = read(&data(&d), Edition::Submission);
        let first = 1 + sub
            .iter()
            .position(|p| flat(p).contains("一、企业基本情况"))
            .unwrap();
        let last = sub.len();
        let all = flat(&sub.join("\n"));
        let want = format!(
            "本报告第{first}至{last}页及随报告提供的附件所载信息，本企业认为涉及商业秘密，公开将损害本企业合法权益，请依《政府信息公开条例》第十五条不予公开；收到公开申请的，请依第三十二条书面征求本企业意见；用于宣传的，请事先书面征得本企业同意。"
        );
        assert!(
            all.contains(&want),
            "letter {letter}: {want} not in the text"
        );
        assert_eq!(all.contains("报送函"), letter);
        assert_eq!(first, if letter { 5 } else { 4 });
        for (i, p) in sub.iter().enumerate() {
            assert!(
                flat(p).contains("含商业秘密·仅供审核使用"),
                "page {} lacks the header mark",
                i + 1
            );
        }
    }
}

/// A row of the 报送版's domain table as printed: name, 分值, 适用分值,
/// 得分 (None for "—") and 得分率 (None for 不适用).
type DomainRow = (String, i64, i64, Option<f64>, Option<f64>);

/// The rows of the domain table (with its 合计 row last), and the total.
fn domain_table(pages: &[String], names: &[String]) -> (Vec<DomainRow>, f64) {
    let all = pages.join("\n");
    let total: f64 = all
        .split("自评总分：")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let mut rows = Vec::new();
    let table = all
        .split("各领域自评情况")
        .nth(1)
        .expect("the domain table");
    for line in table.lines() {
        let cells: Vec<&str> = line.split_whitespace().collect();
        if cells.len() == 5 && (names.iter().any(|n| n == cells[0]) || cells[0] == "合计") {
            rows.push((
                cells[0].to_string(),
                cells[1].parse().unwrap(),
                cells[2].parse().unwrap(),
                cells[3].parse().ok(),
                cells[4].trim_end_matches('%').parse().ok(),
            ));
            if cells[0] == "合计" {
                break;
            }
        }
    }
    (rows, total)
}

/// `num / den × 100` rounded half up to one decimal, as a reader would.
fn percent(num: f64, den: f64) -> f64 {
    (num / den * 1000.0 + 0.5).floor() / 10.0
}

#[test]
fn the_domain_table_adds_up_by_hand_and_not_applicable_items_are_listed_with_their_reasons() {
    let d = demo();
    let data = data(&d);
    let (sub, _, _) = read(&data, Edition::Submission);
    let names: Vec<String> = data.score.domains.iter().map(|d| d.name.clone()).collect();
    let (mut rows, total) = domain_table(&sub, &names);
    let sum = rows.pop().expect("a 合计 row");
    assert_eq!(sum.0, "合计");
    assert_eq!(rows.len(), names.len(), "every domain has a row: {rows:?}");
    assert!(!data.score.not_applicable.is_empty(), "the demo has one");
    // 分值 less 适用分值 is the domain's 不适用 points, read from the list.
    for (name, weight, applicable, earned, rate) in &rows {
        let domain = data.score.domains.iter().find(|x| &x.name == name).unwrap();
        let na: i64 = data
            .score
            .not_applicable
            .iter()
            .filter(|n| {
                data.score
                    .criteria
                    .iter()
                    .any(|c| c.criterion == n.criterion && c.domain == domain.id)
            })
            .map(|n| n.points)
            .sum();
        assert_eq!(weight - applicable, na, "{name}: 分值 − 适用分值 = 不适用");
        let earned = earned.expect("every demo domain applies");
        assert_eq!(
            rate.unwrap(),
            percent(earned, *applicable as f64),
            "{name}: 得分率 = 得分 ÷ 适用分值"
        );
    }
    // The 合计 row is the column sums, and the total is their ratio.
    assert_eq!(rows.iter().map(|r| r.1).sum::<i64>(), 100);
    assert_eq!(sum.1, 100);
    assert_eq!(rows.iter().map(|r| r.2).sum::<i64>(), sum.2);
    let earned: f64 = rows.iter().map(|r| r.3.unwrap()).sum();
    assert!(
        (earned - sum.3.unwrap()).abs() < 1e-9,
        "得分 {earned} vs {sum:?}"
    );
    assert_eq!(percent(earned, sum.2 as f64), total);
    assert_eq!(sum.4, Some(total));
    let all = flat(&sub.join("\n"));
    assert!(all.contains(&format!("{}÷{}×100={}", sum.3.unwrap(), sum.2, total)));
    for n in &data.score.not_applicable {
        assert!(all.contains(&flat(&n.title)) && all.contains(&flat(&n.reason)));
    }
    assert!(all.contains(&format!(
        "不适用项（{}项）及理由",
        data.score.not_applicable.len()
    )));
}

/// The same redaction test on what each format's reader sees: the PDF
/// through pdftotext, the Word file through its XML.
#[test]
fn the_submission_edition_never_holds_what_would_map_the_secrets_or_date_them() {
    let d = demo();
    let (sub, _) = text(&d, Edition::Submission);
    let (int, _) = text(&d, Edition::Internal);
    redaction_holds(&d, &flat(&sub.join("\n")), &flat(&int.join("\n")));
    let word = |edition| {
        let r = midun::report::edition::render_as(
            &data(&d),
            edition,
            1,
            chrono::Local::now(),
            midun::report::ReportFormat::Docx,
        )
        .unwrap();
        flat(&crate::fixtures::docx_text(&r.bytes))
    };
    redaction_holds(&d, &word(Edition::Submission), &word(Edition::Internal));
}

fn redaction_holds(d: &Demo, sub_all: &str, int_all: &str) {
    let (sub_all, int_all) = (sub_all.to_string(), int_all.to_string());
    let points = d.store.points().list(&d.id).unwrap();
    for p in &points {
        // The 报送版 counts; the 内部版 lists no 密点 by name either (the
        // 一密一档 does), only by 代号 in its expiry list.
        for (what, all) in [("报送版", &sub_all), ("内部版", &int_all)] {
            assert!(!all.contains(&flat(&p.name)), "{what} holds {}", p.name);
            assert!(!all.contains(&flat(&p.summary)), "{what} holds 概述");
        }
        assert!(!sub_all.contains(&p.code), "报送版 lists 密点 {}", p.code);
    }
    for c in d.store.carriers().list(&d.id).unwrap() {
        assert!(!sub_all.contains(&flat(&c.location)), "{}", c.location);
    }
    for s in d.store.systems().list(&d.id).unwrap() {
        assert!(!sub_all.contains(&flat(&s.name)), "system name {}", s.name);
    }
    let round = d.store.rounds().latest(&d.id).unwrap().unwrap();
    let e = d.store.enterprises().get(&d.id).unwrap();
    let public = [
        e.legal_representative.as_str(),
        round.filler.as_str(),
        round.reviewer.as_str(),
    ];
    for person in d.store.people().list(&d.id).unwrap() {
        if !public.contains(&person.name.as_str()) {
            assert!(!sub_all.contains(&person.name), "person {}", person.name);
        }
    }
    for a in d.store.rounds().answers(round.id).unwrap() {
        if !a.note.is_empty() {
            assert!(!sub_all.contains(&flat(&a.note)), "note {}", a.note);
        }
    }
    // When protection began: no agreement, approval or evidence date
    // (rules keep their issue dates).
    let rule_days: Vec<String> = d
        .store
        .rules()
        .list(&d.id)
        .unwrap()
        .into_iter()
        .map(|r| r.issued_on)
        .collect();
    let mut days: Vec<String> = d
        .store
        .people()
        .agreements_of_enterprise(&d.id)
        .unwrap()
        .into_iter()
        .map(|a| a.signed_on)
        .collect();
    for p in &points {
        days.extend(
            d.store
                .points()
                .approvals(p.id)
                .unwrap()
                .into_iter()
                .map(|a| a.decided_on),
        );
    }
    days.extend(
        d.store
            .evidence()
            .list(&d.id)
            .unwrap()
            .into_iter()
            .map(|e| e.effective_on),
    );
    for day in days.iter().filter(|d| !rule_days.contains(d)) {
        assert!(
            !sub_all.contains(day.as_str()),
            "报送版 dates a measure: {day}"
        );
    }
    // Personal data stays with the enterprise.
    assert!(sub_all.contains("原件备查，可现场查验"));
    for t in [&sub_all, &int_all] {
        assert!(!t.contains(&flat(
            &d.store.path().parent().unwrap().display().to_string()
        )));
        assert!(!t.contains("演示佐证材料/"));
    }
}

#[test]
fn a_report_with_open_items_is_a_draft_on_every_page() {
    let (_dir, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let e = s
        .enterprises()
        .create(&midun::model::NewEnterprise {
            name: "镕喆堃昇赟珺科技有限公司".into(),
            ..Default::default()
        })
        .unwrap();
    let data = gather(&s, &e.id, Catalogue::default_catalogue().unwrap()).unwrap();
    assert!(data.score.draft);
    for edition in [Edition::Submission, Edition::Internal] {
        let (p, bytes, warnings) = read(&data, edition);
        assert!(
            p.iter().all(|t| t.contains("草稿")),
            "{edition:?}: 草稿 on every page"
        );
        assert!(p.iter().any(|t| t.contains("镕喆堃昇赟珺科技有限公司")));
        if edition == Edition::Submission {
            // An empty profile says what is missing before it is sent.
            for want in ["联系人或联系电话未填写", "自我声明", "组织领导"] {
                assert!(
                    warnings.iter().any(|w| w.contains(want)),
                    "{want}: {warnings:?}"
                );
            }
        }
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(|i| doc.dereference(i))
            .unwrap()
            .1
            .as_dict()
            .unwrap()
            .clone();
        let decode = |k: &[u8]| lopdf::decode_text_string(info.get(k).unwrap()).unwrap();
        assert_eq!(decode(b"Title"), edition.title());
        assert_eq!(decode(b"Author"), "镕喆堃昇赟珺科技有限公司");
        assert!(info.get(b"CreationDate").is_ok());
        assert!(doc.catalog().unwrap().get(b"Outlines").is_ok());
    }
    let d = demo();
    let (sub, _) = text(&d, Edition::Submission);
    assert!(sub.iter().all(|t| !t.contains("草稿")));
}

/// One word's box from `pdftotext -bbox`, in points from the top-left.
struct WordBox {
    page: usize,
    text: String,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap() + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// Every word's box, read back by poppler (an independent PDF reader).
fn word_boxes(pdf: &[u8]) -> Vec<WordBox> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils; scripts/test installs it)");
    assert!(out.status.success());
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut words = Vec::new();
    let mut page = 0;
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page += 1;
        } else if let Some(rest) = line.strip_prefix("<word ") {
            let (tag, text) = rest.split_once('>').unwrap();
            words.push(WordBox {
                page,
                text: text.trim_end_matches("</word>").to_string(),
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
            });
        }
    }
    words
}

/// What a designer would reject: text beyond the side margins, body text
/// in the top or bottom margin (only the running header and the footer may
/// sit there, in their own bands), and words drawn over each other.
pub(crate) fn layout_faults(pdf: &[u8]) -> Vec<String> {
    use midun::report::layout::{MARGIN_X, PAGE_W};
    let mm = |v: f32| v * 72.0 / 25.4;
    let tol = 0.6;
    let words = word_boxes(pdf);
    assert!(words.len() > 50, "the reader found the text");
    let mut faults = Vec::new();
    for w in &words {
        let inside_x = w.x0 >= mm(MARGIN_X) - tol && w.x1 <= mm(PAGE_W - MARGIN_X) + tol;
        let header = w.y0 >= mm(10.0) && w.y1 <= mm(17.5);
        let body = w.y0 >= mm(25.0) - tol && w.y1 <= mm(297.0 - 22.0) + tol;
        let footer = w.y0 >= mm(297.0 - 19.0) && w.y1 <= mm(297.0 - 8.0);
        if !inside_x || !(header || body || footer) {
            faults.push(format!(
                "page {}: {:?} at ({:.0},{:.0})–({:.0},{:.0}) pt is outside the margins",
                w.page, w.text, w.x0, w.y0, w.x1, w.y1
            ));
        }
    }
    for (i, a) in words.iter().enumerate() {
        for b in words[i + 1..].iter().take_while(|b| b.page == a.page) {
            let dx = a.x1.min(b.x1) - a.x0.max(b.x0);
            let dy = a.y1.min(b.y1) - a.y0.max(b.y0);
            if dx > tol && dy > tol {
                faults.push(format!(
                    "page {}: {:?} overlaps {:?}",
                    a.page, a.text, b.text
                ));
            }
        }
    }
    faults
}

/// Headings kept with what follows: none sits at a page's foot.
fn headings_at_the_foot(content: &midun::report::content::Content, pdf: &[u8]) -> Vec<String> {
    let headings: Vec<String> = content
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert!(headings.len() >= 3, "{headings:?}");
    let foot = (297.0 - 22.0 - 12.0) * 72.0 / 25.4;
    word_boxes(pdf)
        .into_iter()
        .filter(|w| headings.contains(&w.text) && w.y1 > foot)
        .map(|w| format!("page {}: heading {:?} at the foot", w.page, w.text))
        .collect()
}

#[test]
fn no_text_leaves_the_margins_or_overlaps_even_with_long_names() {
    let d = demo();
    use midun::store::EnterpriseField;
    let long = "山东省聊城市东阿县某某镇国家级高新技术开发区阿胶及其衍生健康食品研究开发生产销售集团股份有限公司第一分公司";
    for (field, value) in [
        (EnterpriseField::Name, long),
        (
            EnterpriseField::ShortName,
            "东阿高新区阿胶健康食品集团第一分公司",
        ),
        (
            EnterpriseField::Address,
            "山东省聊城市东阿县经济开发区阿胶大道1234567号科技园区B座2301室",
        ),
        (
            EnterpriseField::ReportRecipient,
            "山东省聊城市东阿县市场监督管理局知识产权保护与商业秘密保护工作领导小组办公室",
        ),
    ] {
        d.store.enterprises().update(&d.id, field, value).unwrap();
    }
    let level = d.store.levels().list(&d.id).unwrap()[0].clone();
    d.store
        .points().add(&midun::model::NewSecretPoint {
            enterprise_id: d.id.clone(),
            code: Some("MD-2026-99999".into()),
            name: "Hyperparameter-Optimisation-Procedure-For-Continuous-Extraction-v20261128 低温浓缩收膏工艺窗口控制方法".into(),
            category: midun::model::Category::Technical,
            level,
        })
        .unwrap();
    let data = data(&d);
    for edition in [Edition::Submission, Edition::Internal] {
        let (_, bytes, _) = read(&data, edition);
        let mut faults = layout_faults(&bytes);
        let (content, _) = compose(&data, edition, 1, chrono::Local::now());
        faults.extend(headings_at_the_foot(&content, &bytes));
        assert!(faults.is_empty(), "{edition:?}:\n{}", faults.join("\n"));
    }
    let dossier =
        midun::report::dossier::gather(&d.store, &d.id, midun::report::dossier::Scope::All)
            .unwrap();
    let when = chrono::Local::now();
    let bytes = midun::report::dossier::render(&dossier, when)
        .unwrap()
        .bytes;
    let mut faults = layout_faults(&bytes);
    faults.extend(headings_at_the_foot(
        &midun::report::dossier::compose(&dossier, when),
        &bytes,
    ));
    assert!(faults.is_empty(), "一密一档:\n{}", faults.join("\n"));
    let e = d.store.enterprises().get(&d.id).unwrap();
    let points = d.store.points().list(&d.id).unwrap();
    let levels = d.store.levels().list(&d.id).unwrap();
    let r = midun::report::render_register(&e, &points, &levels, chrono::Local::now()).unwrap();
    let faults = layout_faults(&r.bytes);
    assert!(faults.is_empty(), "密点台账:\n{}", faults.join("\n"));
}

#[test]
fn the_internal_edition_compares_with_the_last_closed_round_by_domain() {
    let d = demo();
    let first = data(&d);
    let round = first.round.clone().unwrap();
    let snapshot = serde_json::to_string(&first.score).unwrap();
    d.store.rounds().close(round.id, &snapshot, "{}").unwrap();
    d.store
        .rounds()
        .start(&midun::store::NewRound {
            enterprise_id: d.id.clone(),
            base_date: "2027-10-31".into(),
            catalogue_id: round.catalogue_id.clone(),
            catalogue_version: round.catalogue_version.clone(),
            filler: round.filler.clone(),
            reviewer: round.reviewer.clone(),
        })
        .unwrap();
    let (pages, _, _) = read(&data(&d), Edition::Internal);
    let all = pages.join("\n");
    let trend = &all[all.find("八、与上次自评对比").unwrap()..];
    let trend_flat = flat(trend);
    assert!(
        trend_flat.contains(&format!(
            "第{}次自评（基准日{}）总分",
            round.round_no, round.base_date
        )),
        "{trend}"
    );
    for h in ["上次得分率", "本次得分率", "变化"] {
        assert!(trend_flat.contains(h), "{h} in {trend}");
    }
    for dom in &first.score.domains {
        assert!(trend_flat.contains(&dom.name), "{} in the trend", dom.name);
    }
    let some = first.score.domains.iter().find_map(|d| d.score).unwrap();
    assert!(trend_flat.contains(&format!("{some}")));
}

#[test]
fn texts_naming_something_internal_or_detailing_a_secret_are_withheld_or_warned_about() {
    let d = demo();
    // The demo's own texts name nothing internal and plan every gap.
    let (_, _, warnings) = read(&data(&d), Edition::Submission);
    assert!(warnings.is_empty(), "{warnings:?}");

    let area = d.store.areas().list(&d.id).unwrap()[0].name.clone();
    let point = d.store.points().list(&d.id).unwrap()[0].name.clone();
    let file = d._dir.path().join("门禁记录.txt");
    std::fs::write(&file, "记录").unwrap();
    let title = format!("{area}门禁出入登记簿");
    d.store
        .evidence()
        .add_registered(
            &midun::store::NewEvidence {
                enterprise_id: d.id.clone(),
                title: title.clone(),
                kind: midun::store::EvidenceKind::Record,
                effective_on: "2026-04-18".into(),
            },
            &file,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
        .unwrap();
    let round = d.store.rounds().latest(&d.id).unwrap().unwrap();
    d.store
        .rounds()
        .update(
            round.id,
            midun::store::RoundField::Highlights,
            &format!("围绕“{point}”把熬胶工序分段交由不同班组掌握，火候控制在 85℃ 上下。"),
        )
        .unwrap();
    let data = data(&d);
    let (sub, _, warnings) = read(&data, Edition::Submission);
    let text = flat(&sub.join("\n"));
    assert!(!text.contains(&flat(&title)), "the title is not printed");
    assert!(text.contains("（标题含内部名称，报送版不列出）"));
    let has = |needle: &str| warnings.iter().any(|w| w.contains(needle));
    assert!(
        has(&title) && has(&format!("涉密区域“{area}”")),
        "{warnings:?}"
    );
    assert!(has(&format!("密点名称“{point}”")), "{warnings:?}");
    assert!(has("特色做法写到了“分段”"), "{warnings:?}");
    // The app asks the same before it exports, as codes it words itself.
    let asked = preflight(&data);
    assert_eq!(worded(&asked), warnings);
    assert!(asked.contains(&ExportWarning::HighlightsDetail {
        hint: "分段".into()
    }));
    assert!(asked.iter().any(|w| matches!(
        w,
        ExportWarning::EvidenceTitleWithheld { kind: NameKind::Area, name, .. } if *name == area
    )));

    let (int, _, int_warnings) = read(&data, Edition::Internal);
    assert!(flat(&int.join("\n")).contains(&flat(&title)));
    assert!(int_warnings.is_empty());
}

#[test]
fn gaps_without_a_plan_are_said_plainly_and_warned_about_before_export() {
    let d = demo();
    let tasks = d.store.tasks().list(&d.id, None).unwrap();
    let gone = &tasks[0];
    d.store.tasks().delete(gone.id).unwrap();
    let data = data(&d);
    let (sub, _, warnings) = read(&data, Edition::Submission);
    let all = flat(&sub.join("\n"));
    assert!(all.contains("整改计划尚待制定"), "{all}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("1 项待改进事项尚未列入整改台账")),
        "{warnings:?}"
    );
    assert!(preflight(&data).contains(&ExportWarning::Unplanned { count: 1 }));
    let (int, _, _) = read(&data, Edition::Internal);
    assert!(flat(&int.join("\n")).contains("尚待安排"));
}

#[test]
fn the_pledge_says_only_what_the_enterprise_declared() {
    let d = demo();
    let clause = "本企业近三年内未因侵犯他人商业秘密受到行政处罚";
    let (sub, _, _) = read(&data(&d), Edition::Submission);
    assert!(flat(&sub.join("\n")).contains(clause));
    d.store
        .enterprises()
        .set_self_declaration(
            &midun::store::NewSelfDeclaration {
                enterprise_id: d.id.clone(),
                no_infringement_penalty_3y: false,
                declared_on: "2026-10-31".into(),
                declarant: "王明德".into(),
            },
            chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        )
        .unwrap();
    let (sub, _, warnings) = read(&data(&d), Edition::Submission);
    let all = flat(&sub.join("\n"));
    assert!(!all.contains(clause));
    assert!(all.contains("一、本次报送的自评报告") && all.contains("二、本企业同意主管部门"));
    assert!(warnings.iter().any(|w| w.contains("信用承诺书未列入该项")));
}
