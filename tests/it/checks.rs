//! Catalogue 2 on real registers: answers checked against them (一致性检查),
//! 不适用 refused where they say a criterion applies, the new records
//! measured, and the demo left with no contradiction.

use midun::catalogue::Catalogue;
use midun::demo::{self, FirstRound};
use midun::model::{AnswerStatus, Category, NewSecretPoint};
use midun::store::{AgreementKind, NewAgreement, NewPerson, Relationship};
use midun::{assess, flow, Store};

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn unanswered_demo() -> (tempfile::TempDir, Store, String, Catalogue) {
    let (d, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let e = demo::add_demo_round(&s, 12, FirstRound::Unanswered).unwrap();
    (d, s, e.id, Catalogue::default_catalogue().unwrap())
}

fn scored(s: &Store, eid: &str, c: &Catalogue) -> midun::score::Score {
    let round = s.rounds().latest_required(eid).unwrap();
    assess::score_round(s, round.id, c).unwrap()
}

#[test]
fn the_answered_demo_agrees_with_its_registers() {
    let (_d, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let e = demo::add_demo(&s).unwrap();
    let c = Catalogue::default_catalogue().unwrap();
    let score = scored(&s, &e.id, &c);
    assert!(
        score.contradictions.is_empty(),
        "{:?}",
        score.contradictions
    );
    // Its one 不适用 is listed with its reason.
    assert_eq!(score.not_applicable.len(), 1);
    assert!(!score.not_applicable[0].reason.is_empty());
    // No 重大 incident: the handling gate is 不涉及 and not listed.
    assert!(score.basic_items.iter().all(|b| b.criterion != "D9.3"));
    assert_eq!(score.lost.0, 1000 - score.total.0);
}

#[test]
fn not_applicable_is_refused_where_the_registers_say_it_applies() {
    let (_d, s, eid, c) = unanswered_demo();
    let today = day("2026-11-01");
    // The demo has technical 密点, an oral carrier and a system.
    for id in ["D2.6", "D4.7", "D7.1"] {
        let e = flow::answer_criterion(
            &s,
            &eid,
            &c,
            id,
            AnswerStatus::NotApplicable,
            "",
            "不涉及",
            today,
        )
        .unwrap_err();
        assert_eq!(e.code(), "NOT_APPLICABLE_REFUSED", "{id}: {e}");
        assert!(e.to_string().contains(id), "{e}");
    }
    // A 基础项 never takes 不适用.
    let e = flow::answer_criterion(
        &s,
        &eid,
        &c,
        "D1.3",
        AnswerStatus::NotApplicable,
        "",
        "不涉及",
        today,
    )
    .unwrap_err();
    assert_eq!(e.code(), "NOT_APPLICABLE_REFUSED");
    // Where nothing says otherwise, 不适用 with a reason is kept and listed.
    flow::answer_criterion(
        &s,
        &eid,
        &c,
        "D8.3",
        AnswerStatus::NotApplicable,
        "",
        "不对外发表技术资料",
        today,
    )
    .unwrap();
    let score = scored(&s, &eid, &c);
    assert_eq!(score.not_applicable[0].criterion, "D8.3");
    assert_eq!(score.not_applicable[0].reason, "不对外发表技术资料");
}

#[test]
fn an_answer_against_the_rules_register_is_flagged_with_a_suggestion() {
    let (_d, s, eid, c) = unanswered_demo();
    // The rules register lists 《泄密事件应急处置预案》: D9.1 未落实 contradicts it.
    flow::answer_criterion(
        &s,
        &eid,
        &c,
        "D9.1",
        AnswerStatus::NotDone,
        "",
        "",
        day("2026-11-01"),
    )
    .unwrap();
    let score = scored(&s, &eid, &c);
    let x = score
        .contradictions
        .iter()
        .find(|x| x.criterion == "D9.1")
        .expect("D9.1 contradicts the rules register");
    assert_eq!(x.answer, AnswerStatus::NotDone);
    assert_eq!(x.suggested, Some(AnswerStatus::Done));
    assert!(x.fact.contains("制度清单"), "{}", x.fact);
    // Nothing was changed automatically.
    let d91 = score
        .criteria
        .iter()
        .find(|k| k.criterion == "D9.1")
        .unwrap();
    assert_eq!(d91.status, AnswerStatus::NotDone);
    // The view beside the criterion shows it too.
    let view = flow::domain_view(&s, &eid, "D9", &c).unwrap();
    let k = view.criteria.iter().find(|k| k.id == "D9.1").unwrap();
    assert_eq!(k.contradictions.len(), 1);
}

#[test]
fn the_confidentiality_basic_item_needs_everyone_who_knows_a_core_or_important_point() {
    let (_d, s, eid, c) = unanswered_demo();
    let d52 = |s: &Store| {
        scored(s, &eid, &c)
            .basic_items
            .into_iter()
            .find(|b| b.criterion == "D5.2")
            .unwrap()
            .status
    };
    // The demo's 核心 密点 name a team (熬胶班组): the register cannot tell
    // who is in it, so the item is not met until its people are named.
    assert_eq!(d52(&s), midun::score::BasicStatus::NotMet);
    let points = s.points().list(&eid).unwrap();
    let with_roles: Vec<_> = points
        .iter()
        .filter(|p| !s.points().access(p.id).unwrap().roles.is_empty())
        .collect();
    assert!(!with_roles.is_empty(), "the demo lists a role somewhere");
    for p in &with_roles {
        let a = s.points().access(p.id).unwrap();
        s.points().set_access(p.id, &a.person_ids, &[]).unwrap();
    }
    assert_eq!(d52(&s), midun::score::BasicStatus::Met);
    // A role on a 密点 of the lowest level does not count against it …
    let lowest = s.levels().list(&eid).unwrap().last().unwrap().clone();
    let low = points
        .iter()
        .find(|p| p.level == lowest)
        .expect("a 一般 密点");
    let a = s.points().access(low.id).unwrap();
    s.points()
        .set_access(low.id, &a.person_ids, &["仓库班组".to_string()])
        .unwrap();
    assert_eq!(d52(&s), midun::score::BasicStatus::Met);
    // … one on a 核心 密点 does.
    let core = points
        .iter()
        .find(|p| p.level == s.levels().list(&eid).unwrap()[0])
        .unwrap();
    let a = s.points().access(core.id).unwrap();
    s.points()
        .set_access(core.id, &a.person_ids, &["仓库班组".to_string()])
        .unwrap();
    assert_eq!(d52(&s), midun::score::BasicStatus::NotMet);
    s.points().set_access(core.id, &a.person_ids, &[]).unwrap();
    assert_eq!(d52(&s), midun::score::BasicStatus::Met);
    // A new hire who knows a 核心 密点 and has signed nothing: not met.
    let p = s
        .people()
        .add(&NewPerson {
            enterprise_id: eid.clone(),
            name: "新来的工艺员".into(),
            entry_date: "2026-01-05".into(),
            ..Default::default()
        })
        .unwrap();
    let core = s.points().list(&eid).unwrap()[0].clone();
    let access = s.points().access(core.id).unwrap();
    let mut named = access.person_ids.clone();
    named.push(p.id);
    s.points()
        .set_access(core.id, &named, &access.roles)
        .unwrap();
    assert_eq!(d52(&s), midun::score::BasicStatus::NotMet);
    // A labour-contract clause binds an employee …
    s.people()
        .add_agreement(&NewAgreement {
            person_id: p.id,
            kind: AgreementKind::ContractClause,
            signed_on: "2026-01-05".into(),
            expires_on: None,
        })
        .unwrap();
    assert_eq!(d52(&s), midun::score::BasicStatus::Met);
    // … but not someone dispatched by an agency: only what he signs with
    // the enterprise counts.
    s.people()
        .update(p.id, midun::store::PersonField::Relationship, "dispatched")
        .unwrap();
    assert_eq!(
        s.people().get(p.id).unwrap().relationship,
        Relationship::Dispatched
    );
    assert_eq!(d52(&s), midun::score::BasicStatus::NotMet);
    s.people()
        .add_agreement(&NewAgreement {
            person_id: p.id,
            kind: AgreementKind::Pledge,
            signed_on: "2026-01-06".into(),
            expires_on: None,
        })
        .unwrap();
    assert_eq!(d52(&s), midun::score::BasicStatus::Met);
}

#[test]
fn the_new_records_move_their_criteria() {
    let (_d, s, eid, c) = unanswered_demo();
    let facts = |s: &Store| {
        assess::facts(
            s,
            &eid,
            day("2026-10-31"),
            &midun::catalogue::ControlLibrary::default_library().unwrap(),
        )
        .unwrap()
        .rules
    };
    let f = facts(&s);
    assert_eq!(f["access_notice_rate"], 1000);
    assert_eq!(f["origin_recorded"], 1000);
    assert_eq!(f["non_employee_undertakings"], 1000);
    assert_eq!(f["authority_requests"], 1000);
    assert_eq!(f["discipline_records"], 1);
    // A new 重要 密点 whose origin is not recorded lowers the share.
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.clone(),
            code: None,
            name: "新研发的提取工艺".into(),
            category: Category::Technical,
            level: "重要商密".into(),
        })
        .unwrap();
    let f = facts(&s);
    assert!(f["origin_recorded"] < 1000, "{}", f["origin_recorded"]);
    assert!(f["register_filled"] < 1000);
    let _ = c;
}
