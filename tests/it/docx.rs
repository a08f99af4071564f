//! Word editions of the report, read back two ways: the package's XML (real
//! headings, tables, fields and bookmarks) and LibreOffice headless printing
//! it to PDF (proof that an office suite opens it, and what a reader sees).

use midun::catalogue::Catalogue;
use midun::report::content::{resolve_pages, Block};
use midun::report::edition::{compose, gather, render_as, Edition};
use midun::report::ReportFormat;
use midun::Store;

use crate::fixtures::{docx_text, flat, office_pages, pdf_pages};

fn demo() -> (tempfile::TempDir, Store, String) {
    let (dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&store).unwrap().id;
    (dir, store, id)
}

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn a_word_edition_has_real_headings_tables_fields_and_the_same_words_as_the_pdf() {
    let (_dir, store, id) = demo();
    let data = gather(&store, &id, Catalogue::default_catalogue().unwrap()).unwrap();
    let now = chrono::Local::now();
    for edition in [Edition::Submission, Edition::Internal] {
        let (content, _) = compose(&data, edition, 2, now);
        let word = render_as(&data, edition, 2, now, ReportFormat::Docx).unwrap();
        assert!(word.missing_chars.is_empty());
        let doc = part(&word.bytes, "word/document.xml");
        let styles = part(&word.bytes, "word/styles.xml");
        // Word's built-in heading styles, with outline levels: the
        // navigation pane and a table of contents find them.
        assert!(styles.contains(r#"w:styleId="Heading1""#), "{styles}");
        assert!(
            styles.contains(r#"<w:name w:val="heading 1" />"#)
                || styles.contains(r#"<w:name w:val="heading 1"/>"#)
        );
        let headings = content
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { level: 1, .. }))
            .count();
        assert!(headings >= 5, "{edition:?}: {headings} headings");
        assert_eq!(
            doc.matches(r#"<w:pStyle w:val="Heading1" />"#).count()
                + doc.matches(r#"<w:pStyle w:val="Heading1"/>"#).count(),
            headings,
            "{edition:?}"
        );
        // Real tables, one per table, bar chart and label–value block.
        let tables = content
            .blocks
            .iter()
            .filter(|b| {
                matches!(
                    b,
                    Block::Table { .. } | Block::Pairs { .. } | Block::Bars { .. }
                )
            })
            .count();
        assert_eq!(doc.matches("<w:tbl>").count(), tables, "{edition:?}");
        // A4, and the footer counts pages with fields.
        assert!(doc.contains(r#"w:w="11906""#) && doc.contains(r#"w:h="16838""#));
        let footer = (1..4)
            .filter_map(|i| {
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&word.bytes[..])).unwrap();
                let mut s = String::new();
                std::io::Read::read_to_string(
                    &mut zip.by_name(&format!("word/footer{i}.xml")).ok()?,
                    &mut s,
                )
                .ok()?;
                Some(s)
            })
            .collect::<String>();
        assert!(
            footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"),
            "{footer}"
        );
        // The same words as the PDF: every paragraph, heading and cell of
        // the content is in the document (page tokens as the PDF resolved them).
        let pages = content.anchor_pages().unwrap();
        let text = flat(&docx_text(&word.bytes));
        for b in &content.blocks {
            let texts: Vec<String> = match b {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => vec![text.clone()],
                Block::Table { rows, columns, .. } => rows
                    .iter()
                    .flatten()
                    .cloned()
                    .chain(columns.iter().map(|c| c.0.clone()))
                    .collect(),
                _ => vec![],
            };
            for t in texts {
                let want = flat(&resolve_pages(&t, &pages));
                assert!(text.contains(&want), "{edition:?}: DOCX lacks {t}");
            }
        }
        // The header carries the edition's mark.
        assert!(text.contains(&flat(&content.header_right)), "{edition:?}");
    }
}

#[test]
fn the_request_not_to_disclose_refers_to_bookmarked_pages_in_word() {
    let (_dir, store, id) = demo();
    let data = gather(&store, &id, Catalogue::default_catalogue().unwrap()).unwrap();
    let word = render_as(
        &data,
        Edition::Submission,
        1,
        chrono::Local::now(),
        ReportFormat::Docx,
    )
    .unwrap();
    let doc = part(&word.bytes, "word/document.xml");
    let refs: Vec<&str> = doc
        .match_indices("PAGEREF ")
        .map(|(i, _)| doc[i + 8..].split([' ', '<']).next().unwrap())
        .collect();
    assert!(refs.len() >= 2, "{refs:?}");
    for r in refs {
        assert!(
            doc.contains(&format!(r#"w:name="{r}""#)),
            "PAGEREF to a missing bookmark {r}"
        );
    }
}

#[test]
fn libreoffice_opens_both_word_editions_and_reads_the_same_sections_and_no_forbidden_words() {
    let (_dir, store, id) = demo();
    let data = gather(&store, &id, Catalogue::default_catalogue().unwrap()).unwrap();
    let now = chrono::Local::now();
    for edition in [Edition::Submission, Edition::Internal] {
        let word = render_as(&data, edition, 1, now, ReportFormat::Docx).unwrap();
        let Some(office) = office_pages(&word.bytes, "docx") else {
            eprintln!("LibreOffice not installed: skipped");
            return;
        };
        let pdf = render_as(&data, edition, 1, now, ReportFormat::Pdf).unwrap();
        let pdf_all = flat(&pdf_pages(&pdf.bytes).join("\n"));
        let office_all = flat(&office.join("\n"));
        // Every numbered section heading of the PDF is in what LibreOffice prints.
        for h in ["一、", "二、", "三、", "四、", "五、", "六、", "七、"] {
            if let Some(i) = pdf_all.find(h) {
                let heading: String = pdf_all[i..].chars().take(6).collect();
                assert!(office_all.contains(&heading), "{edition:?}: {heading}");
            }
        }
        // Page x of y, resolved by the office suite's own layout.
        let n = office.len();
        assert!(n >= 4, "{edition:?}: {n} pages");
        assert!(
            flat(&office[0]).contains(&format!("第1页共{n}页")),
            "{}",
            office[0]
        );
        for bad in [
            "经核查不为公众所知悉",
            "★",
            "绝密",
            "机密",
            "等级：",
            "结论：",
            "{page:",
        ] {
            assert!(!office_all.contains(bad), "{edition:?} holds {bad}");
        }
        if edition == Edition::Submission {
            for p in store.points().list(&id).unwrap() {
                assert!(!office_all.contains(&flat(&p.name)), "{}", p.name);
                assert!(!office_all.contains(&p.code), "{}", p.code);
            }
            // The 第十五条 request names pages LibreOffice itself computed.
            let at = office_all.find("本报告第").expect("the request");
            let req: String = office_all[at..].chars().take(16).collect();
            assert!(
                req.chars().nth(4).is_some_and(|c| c.is_ascii_digit()),
                "{req}"
            );
        }
    }
}

#[test]
fn the_cli_writes_a_word_edition_by_format_or_by_extension() {
    let (dir, db) = crate::temp_db();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_midun"))
            .args(args)
            .env("MIDUN_PASSWORD", "demo-password-123")
            .env("MIDUN_DATA_DIR", dir.path())
            .env_remove("MIDUN_RECOVERY_KEY")
            .env_remove("MIDUN_NEW_PASSWORD")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let db = db.to_str().unwrap();
    run(&["demo", "--db", db]);
    let by_flag = dir.path().join("报告");
    run(&[
        "report",
        "--db",
        db,
        "--edition",
        "submission",
        "--format",
        "docx",
        "--out",
        by_flag.to_str().unwrap(),
    ]);
    let by_ext = dir.path().join("内部.docx");
    run(&["report", "--db", db, "--out", by_ext.to_str().unwrap()]);
    for f in [dir.path().join("报告.docx"), by_ext] {
        let bytes = std::fs::read(&f).unwrap();
        assert!(bytes.starts_with(b"PK"), "{f:?} is a ZIP package");
        assert!(docx_text(&bytes).contains("自评"), "{f:?}");
    }
}

#[test]
fn an_approval_form_in_word_holds_the_same_decision_as_its_pdf() {
    let (dir, store, id) = demo();
    let p = &store.points().list(&id).unwrap()[0];
    let a = store
        .points()
        .approvals(p.id)
        .unwrap()
        .pop()
        .expect("an approval");
    let word = dir.path().join("审批表.docx");
    midun::report::approval::export(&store, a.id, &word).unwrap();
    let bytes = std::fs::read(&word).unwrap();
    assert!(bytes.starts_with(b"PK"));
    let text = flat(&docx_text(&bytes));
    let pdf = dir.path().join("审批表.pdf");
    midun::report::approval::export(&store, a.id, &pdf).unwrap();
    let pdf_text = flat(&pdf_pages(&std::fs::read(&pdf).unwrap()).join("\n"));
    for want in [
        midun::report::approval::title(&a),
        p.code.clone(),
        p.summary.clone(),
        a.approver.clone(),
    ] {
        let want = flat(&want);
        assert!(text.contains(&want) && pdf_text.contains(&want), "{want}");
    }
    if let Some(pages) = office_pages(&bytes, "docx") {
        assert!(flat(&pages.join("\n")).contains(&flat(&midun::report::approval::title(&a))));
    }
}
