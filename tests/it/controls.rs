//! The whole-process checklist: filtered to the carrier kinds in use,
//! answered once per enterprise (per level where a control differs by
//! level), with per-密点 exceptions and per-密点 coverage feeding the
//! 核心 gate.

use midun::assess;
use midun::catalogue::{ControlLibrary, DEFAULT_CONTROLS_JSON};
use midun::model::{Category, NewApproval, NewEnterprise, NewSecretPoint, Status};
use midun::store::{AnswerStatus, NewCarrier, PointField};
use midun::Store;

/// A library of four controls, small enough to count by hand.
fn library() -> ControlLibrary {
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_CONTROLS_JSON).unwrap();
    let basis = v["controls"][0]["basis"].clone();
    let c = |id: &str, kinds: &[&str], from: &str, by_level: bool| {
        serde_json::json!({"id": id, "stage": "存储", "carrierKinds": kinds, "requiredFrom": from,
            "byLevel": by_level, "question": "q", "requirement": "r", "guidance": "g", "basis": basis})
    };
    v["controls"] = serde_json::json!([
        c("P1", &["纸质文件"], "全部", false),
        c("P2", &["纸质文件"], "核心", false),
        c("E1", &["电子文件/数据"], "全部", true),
        c("S1", &["实物样品/原料"], "全部", false),
    ]);
    ControlLibrary::parse(&v.to_string(), "small-controls.json").unwrap()
}

fn setup() -> (tempfile::TempDir, Store, String, i64, i64) {
    let (d, db) = crate::temp_db();
    let mut s = Store::open(&db).unwrap();
    let e = s
        .enterprises()
        .create(&NewEnterprise {
            name: "甲".into(),
            ..Default::default()
        })
        .unwrap();
    let mk = |s: &mut Store, name: &str, level: &str| {
        s.points()
            .add(&NewSecretPoint {
                enterprise_id: e.id.clone(),
                code: None,
                name: name.into(),
                category: Category::Technical,
                level: level.into(),
            })
            .unwrap()
            .id
    };
    let core = mk(&mut s, "核心工艺", "核心商密");
    let general = mk(&mut s, "一般资料", "一般商密");
    s.carriers()
        .add(&NewCarrier {
            enterprise_id: e.id.clone(),
            name: "工艺卡".into(),
            kind: "纸质文件".into(),
            location: String::new(),
            custodian: String::new(),
            marked: true,
            point_ids: vec![core, general],
        })
        .unwrap();
    s.carriers()
        .add(&NewCarrier {
            enterprise_id: e.id.clone(),
            name: "电子档".into(),
            kind: "电子文件/数据".into(),
            location: String::new(),
            custodian: String::new(),
            marked: true,
            point_ids: vec![core],
        })
        .unwrap();
    (d, s, e.id, core, general)
}

#[test]
fn the_checklist_shows_only_controls_for_the_kinds_in_use() {
    let (_d, s, eid, _, _) = setup();
    let lib = library();
    let kinds = s.carriers().kinds_in_use(&eid).unwrap();
    let ids: Vec<&str> = assess::checklist(&lib, &kinds)
        .iter()
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["P1", "P2", "E1"],
        "no sample carriers: S1 is not asked"
    );
}

#[test]
fn coverage_counts_required_controls_per_point_with_levels_and_exceptions() {
    let (_d, s, eid, core, general) = setup();
    let lib = library();
    let cov = |s: &Store| {
        let c = assess::control_coverage(s, &eid, &lib).unwrap();
        let get = |id: i64| c.iter().find(|x| x.point_id == id).unwrap().clone();
        (get(core), get(general))
    };
    // Nothing answered: core needs P1, P2, E1 (paper + electronic); the
    // general point (paper only) needs P1.
    let (c, g) = cov(&s);
    assert_eq!(
        (c.required, c.in_place, c.uncovered.clone()),
        (3, 0, vec!["P1".into(), "P2".into(), "E1".into()])
    );
    assert_eq!((g.required, g.in_place), (1, 0));
    s.controls()
        .set_answer(&lib, &eid, "P1", None, AnswerStatus::Done, "")
        .unwrap();
    // E1 differs by level: in place for the top level only.
    s.controls()
        .set_answer(&lib, &eid, "E1", Some(1), AnswerStatus::Done, "")
        .unwrap();
    s.controls()
        .set_answer(&lib, &eid, "E1", Some(3), AnswerStatus::NotDone, "")
        .unwrap();
    let (c, g) = cov(&s);
    assert_eq!(
        (c.required, c.in_place, c.uncovered.clone()),
        (3, 2, vec!["P2".into()])
    );
    assert_eq!((g.required, g.in_place, g.permille()), (1, 1, 1000));
    // An exception for the core point takes P2 out of its denominator.
    s.controls()
        .set_exception(core, "P2", "原件已封存于档案馆，不再流转")
        .unwrap();
    let (c, _) = cov(&s);
    assert_eq!(
        (c.required, c.in_place, c.excepted.clone()),
        (2, 2, vec!["P2".into()])
    );
    // Refusals: a per-level answer on a control that does not differ by
    // level; a rank outside the scheme; an unknown control; 不适用 without reason.
    assert_eq!(
        s.controls()
            .set_answer(&lib, &eid, "P1", Some(1), AnswerStatus::Done, "")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    assert_eq!(
        s.controls()
            .set_answer(&lib, &eid, "E1", Some(9), AnswerStatus::Done, "")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    assert_eq!(
        s.controls()
            .set_answer(&lib, &eid, "ZZ", None, AnswerStatus::Done, "")
            .unwrap_err()
            .code(),
        "CONTROL_NOT_FOUND"
    );
    assert_eq!(
        s.controls()
            .set_answer(&lib, &eid, "P2", None, AnswerStatus::NotApplicable, " ")
            .unwrap_err()
            .code(),
        "NOT_APPLICABLE_NEEDS_REASON"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn the_core_gate_opens_when_core_points_are_defined_and_covered() {
    let (_d, s, eid, core, _) = setup();
    let lib = library();
    let base = chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
    let f = assess::facts(&s, &eid, base, &lib).unwrap();
    assert_eq!(f.core_points_incomplete.len(), 1);
    assert_eq!(f.rules["core_controls"], 0);
    // Define it: term, 知悉范围, 定密 with approval; then all its controls.
    s.points().update(core, PointField::Term, "长期").unwrap();
    s.points()
        .set_access(core, &[], &["工艺组".to_string()])
        .unwrap();
    let a = NewApproval {
        proposing_department: "技术部".into(),
        proposer: "张".into(),
        approver: "王".into(),
        filed_by: "李".into(),
        basis: "制度第五条".into(),
        decided_on: "2026-03-01".into(),
        change_summary: String::new(),
    };
    s.points()
        .transition(core, Status::Classified, Some(&a))
        .unwrap();
    let f = assess::facts(&s, &eid, base, &lib).unwrap();
    assert_eq!(f.core_points_incomplete.len(), 1, "controls still missing");
    for (id, rank) in [("P1", None), ("P2", None), ("E1", Some(1))] {
        s.controls()
            .set_answer(&lib, &eid, id, rank, AnswerStatus::Done, "")
            .unwrap();
    }
    let f = assess::facts(&s, &eid, base, &lib).unwrap();
    assert!(
        f.core_points_incomplete.is_empty(),
        "{:?}",
        f.core_points_incomplete
    );
    assert_eq!(f.rules["core_controls"], 1000);
}

#[test]
fn a_stored_override_replaces_the_derived_answer_in_the_score() {
    let (_d, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap();
    let round = s.rounds().latest(&e.id).unwrap().unwrap();
    let cat = midun::catalogue::Catalogue::default_catalogue().unwrap();
    // D5.3 (the NDA rate) is derived: one current person has no agreement.
    let derived = cat
        .criteria()
        .find(|(_, k)| k.derive.as_ref().is_some_and(|d| d.rule == "nda_rate"))
        .unwrap()
        .1;
    let before = assess::score_round(&s, round.id, &cat).unwrap();
    let c = before
        .criteria
        .iter()
        .find(|c| c.criterion == derived.id)
        .unwrap();
    assert!(c.derived && c.status != AnswerStatus::Done, "{c:?}");
    s.rounds()
        .override_answer(
            round.id,
            &derived.id,
            AnswerStatus::Done,
            "外包人员的协议由劳务公司签订，另有台账",
        )
        .unwrap();
    let after = assess::score_round(&s, round.id, &cat).unwrap();
    let c = after
        .criteria
        .iter()
        .find(|c| c.criterion == derived.id)
        .unwrap();
    assert!(!c.derived && c.status == AnswerStatus::Done, "{c:?}");
    assert!(after.total > before.total || c.missing_evidence);
    // An empty reason hands the criterion back to the registers.
    s.rounds()
        .override_answer(round.id, &derived.id, AnswerStatus::Done, "")
        .unwrap();
    let again = assess::score_round(&s, round.id, &cat).unwrap();
    assert!(
        again
            .criteria
            .iter()
            .find(|c| c.criterion == derived.id)
            .unwrap()
            .derived
    );
    assert_eq!(again.total, before.total);
}
