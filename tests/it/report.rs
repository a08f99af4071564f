use midun::model::{Category, Enterprise, SecretPoint, DEFAULT_LEVELS};
use midun::report::{self, render_register};
use printpdf::{PdfDocument, PdfParseOptions};

fn ent(name: &str) -> Enterprise {
    Enterprise {
        id: "e".into(),
        name: name.into(),
        credit_code: Some("91350100M000100Y43".into()),
        credit_code_note: None,
        created_at: "2026-11-01T00:00:00Z".into(),
        ..Default::default()
    }
}

fn points(n: usize) -> Vec<SecretPoint> {
    (0..n)
        .map(|i| SecretPoint {
            id: i as i64,
            enterprise_id: "e".into(),
            code: format!("MD-2026-{:03}", i + 1),
            name: format!("第{}号工艺方法及其步骤", i + 1),
            category: if i % 2 == 0 {
                Category::Technical
            } else {
                Category::Business
            },
            level: DEFAULT_LEVELS[i % 3].to_string(),
            created_at: "2026-11-01T00:00:00Z".into(),
            ..Default::default()
        })
        .collect()
}

fn levels() -> Vec<String> {
    DEFAULT_LEVELS.iter().map(|s| s.to_string()).collect()
}

/// Text of each page, as printpdf's own parser extracts it.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = PdfDocument::parse(bytes, &PdfParseOptions::default(), &mut Vec::new()).unwrap();
    doc.extract_text().into_iter().map(|p| p.join("")).collect()
}

#[test]
fn the_register_holds_name_title_and_every_point() {
    let pts = points(6);
    let r = render_register(
        &ent("喆堃精工有限公司"),
        &pts,
        &levels(),
        chrono::Local::now(),
    )
    .unwrap();
    assert!(r.bytes.starts_with(b"%PDF-"));
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    let text = page_texts(&r.bytes).join("\n");
    assert!(text.contains("喆堃精工有限公司"), "{text}");
    assert!(text.contains(report::REGISTER_TITLE));
    for p in &pts {
        assert!(
            text.contains(&p.code) && text.contains(&p.name),
            "{} missing",
            p.code
        );
    }
    assert!(text.contains("第 1 页 / 共 2 页"));
}

#[test]
fn the_font_is_embedded_and_subset() {
    let r = render_register(&ent("甲公司"), &points(3), &levels(), chrono::Local::now()).unwrap();
    let doc = lopdf::Document::load_mem(&r.bytes).unwrap();
    let mut fonts = 0;
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(|t| t.as_name()).ok() != Some(&b"FontDescriptor"[..]) {
            continue;
        }
        fonts += 1;
        let name =
            String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).to_string();
        // A subset font's name carries a six-letter tag: ABCDEF+Name.
        let (tag, _) = name.split_once('+').expect("subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        let file = d.get(b"FontFile2").expect("embedded TrueType program");
        let stream = doc
            .get_object(file.as_reference().unwrap())
            .unwrap()
            .as_stream()
            .unwrap();
        let len = stream.content.len();
        assert!(len > 1000, "font program is empty");
        assert!(len < 1_000_000, "font program of {len} bytes is not subset");
    }
    assert_eq!(fonts, 2, "regular and bold");
    assert!(r.bytes.len() < 300_000, "{} bytes", r.bytes.len());
}

#[test]
fn long_tables_paginate_and_repeat_their_header() {
    let r = render_register(
        &ent("甲公司"),
        &points(200),
        &levels(),
        chrono::Local::now(),
    )
    .unwrap();
    let pages = page_texts(&r.bytes);
    assert!(pages.len() >= 5, "{} pages", pages.len());
    let n = pages.len();
    for (i, p) in pages.iter().enumerate().skip(1) {
        assert!(
            p.contains("密点名称"),
            "page {} lacks the table header",
            i + 1
        );
        assert!(p.contains(&format!("第 {} 页 / 共 {} 页", i + 1, n)));
    }
    assert!(pages[n - 1].contains("MD-2026-200"));
}

#[test]
fn characters_the_font_lacks_are_reported() {
    let mut pts = points(1);
    pts[0].name = "𠮷野家配方".into();
    let r = render_register(&ent("䶮业公司"), &pts, &levels(), chrono::Local::now()).unwrap();
    assert_eq!(r.missing_chars, vec!['䶮', '𠮷']);
    assert_eq!(report::missing_chars("王喆").unwrap(), Vec::<char>::new());
}

#[test]
fn long_unbroken_text_wraps_inside_its_cell() {
    let mut pts = points(1);
    pts[0].name = "很长的密点名称".repeat(12) + &"X".repeat(80);
    let r = render_register(&ent("甲公司"), &pts, &levels(), chrono::Local::now()).unwrap();
    let text = page_texts(&r.bytes).join("");
    // All of it is there (wrapped, not clipped).
    assert_eq!(text.matches('X').count(), 80);
}

#[test]
fn export_writes_the_file_whole_and_refuses_a_missing_directory() {
    let (d, db) = crate::temp_db();
    let s = midun::Store::open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap();
    let out = d.path().join("台账.pdf");
    let res = report::export_register(&s, &e.id, &out).unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(res.missing_chars.is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let err = report::export_register(&s, &e.id, &d.path().join("nope/x.pdf")).unwrap_err();
    assert_eq!(err.code(), "IO_ERROR");
    assert!(err.to_string().contains("目录不存在"));
}

#[test]
fn file_names_are_safe_and_end_in_pdf() {
    assert_eq!(
        report::suggested_file_name(" 甲/乙:丙 "),
        "甲_乙_丙-密点台账.pdf"
    );
    assert_eq!(
        report::suggested_file_name("A*B?\"C<D>E|F\\G"),
        "A_B__C_D_E_F_G-密点台账.pdf"
    );
    let p = |s: &str| std::path::PathBuf::from(s);
    assert_eq!(report::with_pdf_extension(p("out/r")), p("out/r.pdf"));
    assert_eq!(report::with_pdf_extension(p("out/r.PDF")), p("out/r.PDF"));
    assert_eq!(report::with_pdf_extension(p("out/r.v1")), p("out/r.v1.pdf"));
}

#[test]
fn each_edition_suggests_its_own_file_name() {
    use midun::report::{edition::Edition, ReportFormat};
    let sub = Edition::Submission.suggested_file_name("甲/乙公司", ReportFormat::Pdf);
    let int = Edition::Internal.suggested_file_name("甲/乙公司", ReportFormat::Pdf);
    let word = Edition::Internal.suggested_file_name("甲/乙公司", ReportFormat::Docx);
    assert!(word.ends_with("（内部版）.docx"), "{word}");
    assert!(
        sub.starts_with("甲_乙公司-") && sub.ends_with(".pdf"),
        "{sub}"
    );
    assert!(int.ends_with("（内部版）.pdf"), "{int}");
    assert!(!sub.contains("内部版"), "{sub}");
    assert_ne!(sub, int);
}

#[test]
fn the_recovery_key_sheet_holds_the_key_in_whole_groups_the_file_and_no_password() {
    let (dir, db) = crate::temp_db();
    let password = "恢复页测试-口令-2026";
    let (_key, recovery) =
        midun::vault::create(&db, password, midun::vault::KdfParams::FAST).unwrap();
    let out = dir.path().join("恢复密钥.pdf");
    midun::report::recovery::export(&db, recovery.as_str(), &out).unwrap();
    let pages = crate::fixtures::pdf_pages(&std::fs::read(&out).unwrap());
    assert_eq!(pages.len(), 1, "one page");
    let text = &pages[0];
    assert!(text.contains("midun.db"), "the database's file name");
    assert!(text.contains(&chrono::Local::now().format("%Y年%m月%d日").to_string()));
    assert!(!text.contains(password), "never the password");
    // Every group of the key stands whole on one line.
    let lines: Vec<&str> = text.lines().collect();
    for group in recovery.as_str().split('-') {
        assert!(lines.iter().any(|l| l.contains(group)), "group {group}");
    }
    let joined: String = text.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let key: String = recovery.as_str().chars().filter(|c| *c != '-').collect();
    assert!(
        joined.contains(&key[..16]) && joined.contains(&key[16..]),
        "the key in order"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "readable by the owner only");
    }
}
