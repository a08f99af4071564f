//! The two editions of the self-assessment report: every section, and what
//! the 报送版 must never hold.

use midun::catalogue::Catalogue;
use midun::report::edition::{gather, render, Edition};
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
    let mut store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&mut store).unwrap().id;
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
    let e = d.store.get_enterprise(&d.id).unwrap();
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
        d.store.latest_round(&d.id).unwrap().unwrap().id,
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
    let points = d.store.list_secret_points(&d.id).unwrap();
    assert!(int_all.contains(&points[0].code));
    // The 内部版 bears the enterprise's own mark, never a star.
    assert!(
        int.iter().all(|p| p.contains("聊河阿胶 核心商密·长期")),
        "mark on every page"
    );
    assert!(!int_all.contains('★') && !sub_all.contains('★'));
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
    let points = d.store.list_secret_points(&d.id).unwrap();
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
    for c in d.store.list_carriers(&d.id).unwrap() {
        assert!(
            !sub_all.contains(&c.location),
            "carrier location {}",
            c.location
        );
    }
    for s in d.store.list_systems(&d.id).unwrap() {
        assert!(!sub_all.contains(&s.name), "system name {}", s.name);
    }
    // Per-person data: names from the personnel register (the 法定代表人 and
    // the 填报人/审核人 are enterprise-level data and may appear).
    let round = d.store.latest_round(&d.id).unwrap().unwrap();
    let e = d.store.get_enterprise(&d.id).unwrap();
    for person in d.store.list_people(&d.id).unwrap() {
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
    for a in d.store.list_answers(round.id).unwrap() {
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
    let mut s = Store::open(&db).unwrap();
    let e = s
        .create_enterprise(&midun::model::NewEnterprise {
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
