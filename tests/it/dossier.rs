//! 一密一档: one file per 密点 for counsel, read back as printed — what the
//! 密点 is, who knows it and what they signed, its carriers, each measure
//! in place with its start date, the evidence with its SHA-256 and the
//! 存证 records with their last re-check.

use midun::catalogue::ControlLibrary;
use midun::report::dossier::{gather, render, Scope};
use midun::store::AnswerStatus;
use midun::Store;

use crate::fixtures::{flat, pdf_pages};

fn demo() -> (tempfile::TempDir, Store, String) {
    let (dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&store).unwrap().id;
    (dir, store, id)
}

fn printed(store: &Store, eid: &str, scope: Scope) -> String {
    let d = gather(store, eid, scope).unwrap();
    let r = render(&d, chrono::Local::now()).unwrap();
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    flat(&pdf_pages(&r.bytes).join("\n"))
}

#[test]
fn the_core_dossier_holds_each_core_point_with_its_measures_dates_and_evidence() {
    let (_dir, s, eid) = demo();
    let text = printed(&s, &eid, Scope::Core);
    let levels = s.levels().list(&eid).unwrap();
    let points = s.points().list(&eid).unwrap();
    let (core, other): (Vec<_>, Vec<_>) = points.iter().partition(|p| p.level == levels[0]);
    assert!(!core.is_empty());
    for p in &core {
        for want in [&p.code, &p.name, &p.summary] {
            assert!(text.contains(&flat(want)), "{want} missing");
        }
        // Its knowers by name, with what they signed.
        for pid in s.points().access(p.id).unwrap().person_ids {
            let person = s.people().get(pid).unwrap();
            assert!(text.contains(&person.name), "{}", person.name);
        }
    }
    for p in &other {
        assert!(!text.contains(&flat(&p.name)), "{} is not core", p.code);
    }
    // Measures with the dates they started.
    let answers = s.controls().answers(&eid).unwrap();
    let started = answers
        .iter()
        .find(|a| a.status == AnswerStatus::Done && a.started_on.is_some())
        .unwrap();
    assert!(text.contains(started.started_on.as_deref().unwrap()));
    assert!(text.contains("已实施的全过程保密措施"));
    // The NDA scans prove the knowers' agreements: listed with their full SHA-256.
    let scans = s
        .evidence()
        .list(&eid)
        .unwrap()
        .into_iter()
        .find(|e| e.title.contains("保密协议（扫描件）"))
        .unwrap();
    assert!(text.contains(&scans.sha256), "full SHA-256 of the scans");
    // … every one of them, by name, not only the first link found.
    let first = &core[0];
    let knowers = s.points().access(first.id).unwrap().person_ids;
    assert!(knowers.len() > 1);
    let proves = text
        .split(&flat(&format!("{}证明事项：", scans.title)))
        .nth(1)
        .and_then(|t| t.split("；生效日期").next())
        .expect("the scans' line");
    for pid in knowers {
        let person = s.people().get(pid).unwrap();
        assert!(proves.contains(&format!("{}的", person.name)), "{proves}");
    }
    // The 存证 certificate and its re-check.
    assert!(text.contains("TSA-DEMO-2026-0001"));
    assert!(text.contains("复核，文件与证书一致"));
    // The reasoned exception of the first 密点, and the chain head.
    assert!(text.contains("该工艺从不对外提供"));
    let head = s.audit().head(Some(&eid)).unwrap();
    assert!(text.contains(&head.anchor()));
}

#[test]
fn a_dossier_of_one_point_holds_that_point_only_and_an_empty_scope_is_refused() {
    let (_dir, s, eid) = demo();
    let points = s.points().list(&eid).unwrap();
    let last = points.last().unwrap();
    let text = printed(&s, &eid, Scope::Point(last.id));
    assert!(text.contains(&last.code) && text.contains(&flat(&last.name)));
    assert!(!text.contains(&flat(&points[0].name)));

    let (_d2, s2, e2) = crate::fixtures::store_with("空白企业");
    match gather(&s2, &e2, Scope::Core) {
        Err(e) => assert_eq!(e.code(), "DOSSIER_EMPTY"),
        Ok(_) => panic!("an empty dossier was made"),
    }
    // A 密点 of another enterprise (in the same database) is not found.
    let second = s
        .enterprises()
        .create(&midun::model::NewEnterprise {
            name: "另一家企业".into(),
            ..Default::default()
        })
        .unwrap();
    match gather(&s, &second.id, Scope::Point(points[0].id)) {
        Err(e) => assert_eq!(e.code(), "SECRET_POINT_NOT_FOUND"),
        Ok(_) => panic!("another enterprise's 密点 was filed"),
    }
}

#[test]
fn a_measure_start_date_is_a_past_date_of_an_answered_control() {
    let (_dir, s, eid) = crate::fixtures::store_with("起始日期测试");
    let library = ControlLibrary::default_library().unwrap();
    let c = library.controls.iter().find(|c| !c.by_level).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let e = s
        .controls()
        .set_started(&eid, &c.id, None, "2026-01-05", today)
        .unwrap_err();
    assert_eq!(e.code(), "CONTROL_NOT_ANSWERED");
    s.controls()
        .set_answer(&library, &eid, &c.id, None, AnswerStatus::Done, "")
        .unwrap();
    let e = s
        .controls()
        .set_started(&eid, &c.id, None, "2027-01-05", today)
        .unwrap_err();
    assert_eq!(e.code(), "DATE_IN_FUTURE");
    let e = s
        .controls()
        .set_started(&eid, &c.id, None, "明年", today)
        .unwrap_err();
    assert_eq!(e.code(), "FIELD_INVALID");
    let a = s
        .controls()
        .set_started(&eid, &c.id, None, "2026年1月5日", today)
        .unwrap();
    assert_eq!(a.started_on.as_deref(), Some("2026-01-05"));
    // A new answer keeps the date; an empty one clears it; each is audited.
    let a = s
        .controls()
        .set_answer(&library, &eid, &c.id, None, AnswerStatus::Partial, "")
        .unwrap();
    assert_eq!(a.started_on.as_deref(), Some("2026-01-05"));
    let a = s
        .controls()
        .set_started(&eid, &c.id, None, " ", today)
        .unwrap();
    assert_eq!(a.started_on, None);
    let log = s.audit().log(Some(&eid)).unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.field.as_deref() == Some("起始日期"))
            .count(),
        2
    );
}

#[test]
fn a_certificate_remembers_its_last_recheck() {
    let (dir, s, eid) = crate::fixtures::store_with("复核测试");
    let p = crate::fixtures::point(&s, &eid, "配方", "核心商密");
    let file = dir.path().join("carrier.txt");
    std::fs::write(&file, "定稿").unwrap();
    let fp = s.fingerprints().add_file(p.id, &file).unwrap();
    let cert = s
        .fingerprints()
        .add_certificate(
            &midun::store::NewCertificate {
                fingerprint_id: fp.id,
                number: "TSA-1".into(),
                issuer: "某机构".into(),
                issued_on: "2026-11-01".into(),
                sha256: fp.sha256.clone(),
            },
            chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        )
        .unwrap();
    assert_eq!(cert.rechecked_at, None);
    assert!(
        s.fingerprints()
            .recheck_certificate(cert.id, &file)
            .unwrap()
            .matches
    );
    let c = s.fingerprints().certificate(cert.id).unwrap();
    assert!(c.rechecked_at.is_some() && c.recheck_matched == Some(true));
    std::fs::write(&file, "改过").unwrap();
    assert!(
        !s.fingerprints()
            .recheck_certificate(cert.id, &file)
            .unwrap()
            .matches
    );
    let c = s.fingerprints().certificate(cert.id).unwrap();
    assert_eq!(c.recheck_matched, Some(false));
    let text = printed(&s, &eid, Scope::Core);
    assert!(text.contains("复核，文件与证书不一致"), "{text}");
    assert!(text.contains(&fp.sha256));
}

/// The dossier's pages pass the same layout check as the editions, with a
/// 密点 whose name, summary and code run long.
#[test]
fn no_text_of_a_dossier_leaves_the_margins_or_overlaps() {
    let (_dir, s, eid) = demo();
    let p = &s.points().list(&eid).unwrap()[0];
    s.points()
        .update(
            p.id,
            midun::store::PointField::Name,
            &"超长的密点名称用于检验表格折行".repeat(4),
        )
        .unwrap();
    s.points()
        .update(
            p.id,
            midun::store::PointField::Summary,
            &"概述很长的一段说明文字，不含参数，只说明是什么。".repeat(6),
        )
        .unwrap();
    let d = gather(&s, &eid, Scope::All).unwrap();
    let r = render(&d, chrono::Local::now()).unwrap();
    let faults = crate::editions::layout_faults(&r.bytes);
    assert!(faults.is_empty(), "{faults:#?}");
}
