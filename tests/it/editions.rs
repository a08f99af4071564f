//! The two editions of the self-assessment report: every section, and what
//! the 报送版 must never hold.

use midun::catalogue::Catalogue;
use midun::report::edition::{compose, gather, render, Edition};
use midun::report::layout::Block;
use midun::Store;
use printpdf::{PdfDocument, PdfParseOptions};

fn pages(bytes: &[u8]) -> Vec<String> {
    let doc = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut Vec::new()).unwrap();
    doc.extract_text().into_iter().map(|p| p.join("")).collect()
}

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

fn text(d: &Demo, edition: Edition) -> (Vec<String>, Vec<u8>) {
    let data = gather(&d.store, &d.id, Catalogue::default_catalogue().unwrap()).unwrap();
    let r = render(&data, edition, 3, chrono::Local::now()).unwrap();
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    (pages(&r.bytes), r.bytes)
}

const COMMON_SECTIONS: [&str; 10] = [
    "声明",
    "一、基本情况",
    "二、主要做法与成效",
    "三、特色做法",
    "四、自评结果",
    "五、存在问题与整改计划",
    "六、下一步工作",
    "附件一：佐证材料目录",
    "附件二：保密措施建立时间线",
    "法定代表人（或授权负责人）",
];

#[test]
fn both_editions_have_every_section_and_their_own_content() {
    let d = demo();
    let e = d.store.enterprises().get(&d.id).unwrap();
    let (sub, _) = text(&d, Edition::Submission);
    let (int, _) = text(&d, Edition::Internal);
    let (sub_all, int_all) = (sub.join("\n"), int.join("\n"));
    for s in COMMON_SECTIONS {
        assert!(sub_all.contains(s), "报送版 lacks {s}");
        assert!(int_all.contains(s), "内部版 lacks {s}");
    }
    for s in [
        "七、密点台账",
        "八、全过程保密管理覆盖情况",
        "九、到期与复核清单",
        "十、与上次自评对比",
    ] {
        assert!(int_all.contains(s), "内部版 lacks {s}");
        assert!(!sub_all.contains(s), "报送版 has {s}");
    }
    assert!(sub_all.contains("商业秘密保护示范企业创建自评报告") && sub_all.contains("第十五条"));
    assert!(int_all.contains("商业秘密保护自查评估报告（内部版）"));
    assert!(sub_all.contains(&e.name) && sub_all.contains("第 3 份"));
    // A criterion's text; the 内部版's gap list carries each gap's action and 代号.
    let cat = Catalogue::default_catalogue().unwrap();
    let basic = cat.criteria().find(|(_, k)| k.basic).unwrap().1;
    assert!(sub_all.contains(&basic.title));
    let score = midun::assess::score_round(
        &d.store,
        d.store.rounds().latest(&d.id).unwrap().unwrap().id,
        &cat,
    )
    .unwrap();
    let gap = &score.gaps[0];
    assert!(
        int_all.contains(&gap.action),
        "内部版 lacks the action of {}",
        gap.criterion
    );
    assert!(
        !sub_all.contains(&gap.action),
        "报送版 lists a gap's action"
    );
    let points = d.store.points().list(&d.id).unwrap();
    assert!(int_all.contains(&points[0].code));
    // The 内部版 bears the enterprise's own mark, never a star.
    assert!(
        int.iter().all(|p| p.contains("聊河阿胶 核心商密·长期")),
        "mark on every page"
    );
    assert!(!int_all.contains('★') && !sub_all.contains('★'));
    // The 报送版's plan per domain says what the 整改台账 holds: the demo has
    // tasks for its three largest gaps and none for the others.
    let planned: Vec<&str> = score
        .gaps
        .iter()
        .take(3)
        .map(|g| g.domain.as_str())
        .collect();
    assert!(
        sub_all.contains("列入整改台账"),
        "the domains of {planned:?} are planned: {sub_all}"
    );
    assert!(sub_all.contains("尚待制定整改计划"));
    // Footers on every page.
    let n = sub.len();
    assert!(sub
        .iter()
        .enumerate()
        .all(|(i, p)| p.contains(&format!("第 {} 页 / 共 {n} 页", i + 1))));
}

#[test]
fn the_submission_edition_never_holds_what_would_map_the_secrets() {
    let d = demo();
    let (sub, _) = text(&d, Edition::Submission);
    let (int, _) = text(&d, Edition::Internal);
    let (sub_all, int_all) = (sub.join("\n"), int.join("\n"));
    let points = d.store.points().list(&d.id).unwrap();
    for p in &points {
        // The 报送版 shows 密点 only by count; the 内部版 by 代号, name and 概述.
        assert!(
            !sub_all.contains(&p.name),
            "报送版 holds the name {}",
            p.name
        );
        assert!(
            !sub_all.contains(&p.summary),
            "报送版 holds the 概述 of {}",
            p.code
        );
        assert!(!sub_all.contains(&p.code), "报送版 lists 密点 {}", p.code);
        assert!(
            int_all.contains(&p.name) && int_all.contains(&p.summary),
            "内部版 lacks {}",
            p.code
        );
    }
    for c in d.store.carriers().list(&d.id).unwrap() {
        assert!(
            !sub_all.contains(&c.location),
            "carrier location {}",
            c.location
        );
    }
    for s in d.store.systems().list(&d.id).unwrap() {
        assert!(!sub_all.contains(&s.name), "system name {}", s.name);
    }
    // Per-person data: names from the personnel register (the 法定代表人 and
    // the 填报人/审核人 are enterprise-level data and may appear).
    let round = d.store.rounds().latest(&d.id).unwrap().unwrap();
    let e = d.store.enterprises().get(&d.id).unwrap();
    for person in d.store.people().list(&d.id).unwrap() {
        if [
            e.legal_representative.as_str(),
            round.filler.as_str(),
            round.reviewer.as_str(),
        ]
        .contains(&person.name.as_str())
        {
            continue;
        }
        assert!(!sub_all.contains(&person.name), "person {}", person.name);
    }
    // Free text from the assessment: notes and override reasons.
    for a in d.store.rounds().answers(round.id).unwrap() {
        if !a.note.is_empty() {
            assert!(!sub_all.contains(&a.note), "note {}", a.note);
        }
    }
    // Neither edition: the words only a court may use, file paths, the OS user.
    for t in [&sub_all, &int_all] {
        assert!(!t.contains("经核查不为公众所知悉"));
        assert!(!t.contains(&d.store.path().parent().unwrap().display().to_string()));
        assert!(!t.contains("演示佐证材料/"));
    }
    if let Ok(user) = std::env::var("USER") {
        if user.len() >= 4 {
            assert!(!sub_all.contains(&user) && !int_all.contains(&user));
        }
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
        let r = render(&data, edition, 1, chrono::Local::now()).unwrap();
        assert!(
            r.missing_chars.is_empty(),
            "GBK name characters render: {:?}",
            r.missing_chars
        );
        let p = pages(&r.bytes);
        assert!(
            p.iter().all(|t| t.contains("草稿")),
            "{edition:?}: 草稿 on every page"
        );
        assert!(p.iter().any(|t| t.contains("镕喆堃昇赟珺科技有限公司")));
        // Metadata and outline.
        let doc = lopdf::Document::load_mem(&r.bytes).unwrap();
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
        let catalog = doc.catalog().unwrap();
        assert!(catalog.get(b"Outlines").is_ok(), "bookmarks per section");
    }
    // Once every criterion is answered and nothing waits for review, no 草稿.
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
fn layout_faults(pdf: &[u8]) -> Vec<String> {
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
    let data = gather(&d.store, &d.id, Catalogue::default_catalogue().unwrap()).unwrap();
    for edition in [Edition::Submission, Edition::Internal] {
        let (_, bytes) = text(&d, edition);
        let mut faults = layout_faults(&bytes);
        // Headings are kept with what follows: none sits at a page's foot.
        let (doc, _) = compose(&data, edition, 1, chrono::Local::now(), true).unwrap();
        let headings: Vec<String> = doc
            .transcript()
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert!(headings.len() >= 9, "{headings:?}");
        let foot = (297.0 - 22.0 - 12.0) * 72.0 / 25.4;
        for w in word_boxes(&bytes) {
            if headings.contains(&w.text) && w.y1 > foot {
                faults.push(format!("page {}: heading {:?} at the foot", w.page, w.text));
            }
        }
        assert!(faults.is_empty(), "{edition:?}:\n{}", faults.join("\n"));
    }
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
    let cat = Catalogue::default_catalogue().unwrap();
    let first = gather(&d.store, &d.id, cat.clone()).unwrap();
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
    let data = gather(&d.store, &d.id, cat).unwrap();
    let r = render(&data, Edition::Internal, 1, chrono::Local::now()).unwrap();
    let all = pages(&r.bytes).join("\n");
    let trend = &all[all.find("十、与上次自评对比").unwrap()..];
    assert!(
        trend.contains(&format!(
            "第 {} 次自评（基准日 {}）总分",
            round.round_no, round.base_date
        )),
        "{trend}"
    );
    for h in ["上次得分", "本次得分", "变化"] {
        assert!(trend.contains(h), "{h} in {trend}");
    }
    // Every domain is listed with both scores.
    for dom in &first.score.domains {
        assert!(trend.contains(&dom.name), "{} in the trend", dom.name);
    }
    let s = |t: midun::score::Tenths| format!("{t}");
    let some = first.score.domains.iter().find_map(|d| d.score).unwrap();
    assert!(trend.contains(&s(some)));
}

#[test]
fn an_evidence_title_naming_an_internal_place_is_withheld_from_the_submission_edition() {
    let d = demo();
    let cat = Catalogue::default_catalogue().unwrap();
    // The demo's own texts name nothing internal.
    let clean = gather(&d.store, &d.id, cat.clone()).unwrap();
    let r = render(&clean, Edition::Submission, 1, chrono::Local::now()).unwrap();
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);

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
            &format!("围绕“{point}”建立了分段授权。"),
        )
        .unwrap();
    let data = gather(&d.store, &d.id, cat).unwrap();

    let sub = render(&data, Edition::Submission, 1, chrono::Local::now()).unwrap();
    let text = pages(&sub.bytes).join("\n");
    assert!(!text.contains(&title), "the title is not printed");
    assert!(text.contains("（标题含内部名称，报送版不列出）"));
    assert!(
        sub.warnings
            .iter()
            .any(|w| w.contains(&title) && w.contains(&format!("涉密区域“{area}”"))),
        "{:?}",
        sub.warnings
    );
    assert!(
        sub.warnings
            .iter()
            .any(|w| w.contains("特色做法") && w.contains(&format!("密点名称“{point}”"))),
        "{:?}",
        sub.warnings
    );

    let int = render(&data, Edition::Internal, 1, chrono::Local::now()).unwrap();
    assert!(pages(&int.bytes).join("\n").contains(&title));
    assert!(int.warnings.is_empty());
}
