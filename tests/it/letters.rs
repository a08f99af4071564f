//! Letters filled from the registers, read back from the Word XML and (when
//! installed) through LibreOffice: 代号 without 名称 or 概述, the right
//! people, a non-compete only where one is registered and lawful, a broken
//! template refused with its placeholder named.

use midun::letters::{check_template, compose, export, LetterKind, Target};
use midun::progress::Progress;
use midun::Store;

use crate::fixtures::{docx_text, flat, office_pages};

fn demo() -> (tempfile::TempDir, Store, String) {
    let (dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&store).unwrap().id;
    (dir, store, id)
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

#[test]
fn an_nda_names_the_points_a_person_knows_by_code_never_by_name_or_summary() {
    let (_dir, s, eid) = demo();
    let points = s.points().list(&eid).unwrap();
    let knower = s
        .people()
        .list(&eid)
        .unwrap()
        .into_iter()
        .find(|p| !p.has_left && !s.people().points_known_by(p.id).unwrap().is_empty())
        .expect("a person who knows a 密点");
    let known = s.people().points_known_by(knower.id).unwrap();
    let letters = compose(&s, &eid, LetterKind::Nda, Some(&[knower.id]), None, today()).unwrap();
    assert_eq!(letters.len(), 1);
    let docx = letters[0].1.render_docx().unwrap();
    let text = flat(&docx_text(&docx));
    assert!(text.contains(&knower.name) && text.contains("保密协议"));
    assert!(text.contains("2026年12月3日"));
    for p in &known {
        assert!(text.contains(&p.code), "{}", p.code);
    }
    for p in &points {
        assert!(
            !text.contains(&flat(&p.name)),
            "the letter names {}",
            p.name
        );
        assert!(!text.contains(&flat(&p.summary)), "the letter holds a 概述");
        if !known.iter().any(|k| k.id == p.id) {
            assert!(!text.contains(&format!("{}|", p.code)) || p.code.len() < 3);
        }
    }
    // Every current person gets one in bulk; those who left do not.
    let all = compose(&s, &eid, LetterKind::Nda, None, None, today()).unwrap();
    let current = s
        .people()
        .list(&eid)
        .unwrap()
        .into_iter()
        .filter(|p| !p.has_left)
        .count();
    assert_eq!(all.len(), current);
}

#[test]
fn a_non_compete_is_written_only_where_one_is_registered_and_within_two_years() {
    let (_dir, s, eid) = demo();
    let ncs = s.people().noncompetes(&eid).unwrap();
    let people = s.people().list(&eid).unwrap();
    let n = ncs.first().expect("the demo registers a non-compete");
    // Without access to a secret a non-compete binds no one (法释〔2025〕12号 Art. 13).
    let point = &s.points().list(&eid).unwrap()[0];
    let access = s.points().access(point.id).unwrap();
    s.points().set_access(point.id, &[], &access.roles).unwrap();
    for p in s.points().list(&eid).unwrap() {
        let a = s.points().access(p.id).unwrap();
        let kept: Vec<i64> = a
            .person_ids
            .into_iter()
            .filter(|i| *i != n.person_id)
            .collect();
        s.points().set_access(p.id, &kept, &a.roles).unwrap();
    }
    let err = compose(
        &s,
        &eid,
        LetterKind::Noncompete,
        Some(&[n.person_id]),
        None,
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("不具约束力"), "{err}");
    s.points()
        .set_access(point.id, &[n.person_id], &access.roles)
        .unwrap();
    let bulk = compose(&s, &eid, LetterKind::Noncompete, None, None, today()).unwrap();
    assert_eq!(bulk.len(), 1);
    let text = flat(&docx_text(&bulk[0].1.render_docx().unwrap()));
    assert!(
        text.contains(&format!("每月人民币{}元", n.monthly_compensation)),
        "{text}"
    );
    assert!(text.contains(&n.starts_on) && text.contains(&n.ends_on));
    assert!(text.contains(&point.code) && !text.contains(&flat(&point.name)));
    assert!(text.contains("共24个月"), "{text}");
    let without = people
        .iter()
        .find(|p| !ncs.iter().any(|n| n.person_id == p.id))
        .unwrap();
    let err = compose(
        &s,
        &eid,
        LetterKind::Noncompete,
        Some(&[without.id]),
        None,
        today(),
    )
    .unwrap_err();
    assert_eq!(err.code(), "LETTER_NOT_APPLICABLE");
    assert!(err.to_string().contains("没有此人的竞业限制约定"), "{err}");
}

#[test]
fn an_exit_reminder_goes_to_those_leaving_with_their_points_and_duties() {
    let (_dir, s, eid) = demo();
    let leaving: Vec<_> = s
        .people()
        .list(&eid)
        .unwrap()
        .into_iter()
        .filter(|p| p.exit_date.is_some())
        .collect();
    let letters = compose(&s, &eid, LetterKind::ExitReminder, None, None, today()).unwrap();
    assert_eq!(letters.len(), leaving.len());
    for (name, c) in &letters {
        let t = flat(&docx_text(&c.render_docx().unwrap()));
        assert!(t.contains("继续有效的义务") && t.contains(&flat(name)));
    }
    let staying = s
        .people()
        .list(&eid)
        .unwrap()
        .into_iter()
        .find(|p| p.exit_date.is_none())
        .unwrap();
    let err = compose(
        &s,
        &eid,
        LetterKind::ExitReminder,
        Some(&[staying.id]),
        None,
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("尚未登记离职日期"), "{err}");
}

#[test]
fn a_broken_template_is_refused_with_the_placeholder_or_line_named() {
    let e = check_template(LetterKind::Nda, "# 保密协议\n{{ person.salary }}\n").unwrap_err();
    assert_eq!(e.code(), "TEMPLATE_INVALID");
    assert!(e.to_string().contains("person.salary"), "{e}");
    let e = check_template(LetterKind::Nda, "# 保密协议\n\n{% for p in points %}\n").unwrap_err();
    assert!(e.to_string().contains("第"), "{e}");
    for kind in LetterKind::ALL {
        check_template(kind, &midun::letters::template(kind, None).unwrap()).unwrap();
    }
}

#[test]
fn an_enterprise_template_beside_the_database_replaces_the_built_in_one() {
    let (dir, s, eid) = demo();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("entry_pledge.txt"),
        "# 本公司入职承诺\n{{ person.name }} 承诺遵守 {{ enterprise.name }} 的规定。\n",
    )
    .unwrap();
    let letters = compose(
        &s,
        &eid,
        LetterKind::EntryPledge,
        None,
        Some(&templates),
        today(),
    )
    .unwrap();
    let text = flat(&docx_text(&letters[0].1.render_docx().unwrap()));
    assert!(text.contains("本公司入职承诺") && text.contains(&flat(&letters[0].0)));
    std::fs::write(templates.join("entry_pledge.txt"), "{{ person.idcard }}").unwrap();
    let e = compose(
        &s,
        &eid,
        LetterKind::EntryPledge,
        None,
        Some(&templates),
        today(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("person.idcard"), "{e}");
}

#[test]
fn letters_go_to_one_document_or_a_folder_and_libreoffice_opens_them() {
    let (dir, s, eid) = demo();
    let file = dir.path().join("告知书.docx");
    let written = export(
        &s,
        &eid,
        LetterKind::AccessNotice,
        None,
        None,
        Target::File(&file),
        Progress::none(),
    )
    .unwrap();
    assert_eq!(written.len(), 1);
    let bytes = std::fs::read(&file).unwrap();
    let knowers = compose(&s, &eid, LetterKind::AccessNotice, None, None, today())
        .unwrap()
        .len();
    assert!(knowers >= 2);
    if let Some(pages) = office_pages(&bytes, "docx") {
        assert!(pages.len() >= knowers, "a page per person: {}", pages.len());
        assert!(flat(&pages.join("\n")).contains("知悉告知书"));
    }
    let folder = dir.path().join("告知书");
    let written = export(
        &s,
        &eid,
        LetterKind::AccessNotice,
        None,
        None,
        Target::Folder(&folder),
        Progress::none(),
    )
    .unwrap();
    assert_eq!(written.len(), knowers);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), knowers);
}

#[test]
fn a_cancelled_bulk_letter_export_leaves_no_file_and_reports_its_steps() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let (dir, s, eid) = demo();
    let knowers = compose(&s, &eid, LetterKind::AccessNotice, None, None, today())
        .unwrap()
        .len() as u64;
    // Stopped after the second letter was rendered: neither the folder nor
    // any file in it appears.
    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(Vec::new());
    let report = |d: u64, t: u64| {
        seen.lock().unwrap().push((d, t));
        if d >= 3 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let folder = dir.path().join("告知书");
    let e = export(
        &s,
        &eid,
        LetterKind::AccessNotice,
        None,
        None,
        Target::Folder(&folder),
        Progress::new(&report, &cancel),
    )
    .unwrap_err();
    assert_eq!(e.code(), "CANCELLED");
    assert!(!folder.exists(), "no folder, no file");
    let file = dir.path().join("告知书.docx");
    cancel.store(false, Ordering::Relaxed);
    seen.lock().unwrap().clear();
    let never = AtomicBool::new(false);
    let watch = |d: u64, t: u64| seen.lock().unwrap().push((d, t));
    export(
        &s,
        &eid,
        LetterKind::AccessNotice,
        None,
        None,
        Target::File(&file),
        Progress::new(&watch, &never),
    )
    .unwrap();
    let steps = seen.lock().unwrap().clone();
    assert_eq!(steps.first(), Some(&(1, knowers + 1)));
    assert_eq!(steps.last(), Some(&(knowers + 1, knowers + 1)));
    assert!(steps.windows(2).all(|w| w[0].0 < w[1].0), "{steps:?}");
}

#[test]
fn the_cli_writes_a_letter_for_a_person_by_name_and_refuses_an_unknown_kind() {
    let (dir, db) = crate::temp_db();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_midun"))
            .args(args)
            .env("MIDUN_PASSWORD", crate::cli::PASSWORD)
            .env("MIDUN_DATA_DIR", dir.path())
            .env_remove("MIDUN_RECOVERY_KEY")
            .env_remove("MIDUN_NEW_PASSWORD")
            .output()
            .unwrap()
    };
    let db_s = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_s]).status.success());
    let name: String = crate::cli::keyed(&db)
        .query_row("SELECT name FROM person ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let out = dir.path().join("协议");
    let o = run(&[
        "letter",
        "--db",
        db_s,
        "--kind",
        "保密协议",
        "--person",
        &name,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(dir.path().join("协议.docx")).unwrap();
    assert!(flat(&docx_text(&bytes)).contains(&name));
    let o = run(&[
        "letter",
        "--db",
        db_s,
        "--kind",
        "工资单",
        "--out",
        "x.docx",
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("没有“工资单”这种文书"));
}
