//! Scoring cases computed by hand. The small catalogue below totals 20
//! points; each case's expected figures are worked out in its comment.

use std::collections::HashMap;

use chrono::NaiveDate;
use midun::catalogue::Catalogue;
use midun::score::{
    self, AnswerInput, BasicStatus, Cap, EvidenceInput, Facts, GapKind, ScoreWarning, Tenths, Tier,
    Verdict,
};
use midun::store::AnswerStatus::{self, *};

const SMALL: &str = r#"{
  "id": "t", "version": "1", "title": "测试目录", "statement": "测试用，自行解读",
  "sources": [{"id": "S", "title": "某法", "primary": true}],
  "coverage": [{"id": "x", "set": "集", "name": "项"}],
  "domains": [
    {"id": "D1", "name": "制度", "criteria": [
      {"id": "C1", "title": "有制度", "points": 4, "requirement": "r", "guidance": "g", "evidenceKinds": ["制度文件"],
       "recurring": false, "basis": [{"source": "S", "article": "第一条"}], "basic": true, "tags": ["x"], "action": "制定制度"},
      {"id": "C2", "title": "每年培训", "points": 6, "requirement": "r", "guidance": "g", "evidenceKinds": ["记录台账"],
       "recurring": true, "basis": [{"source": "S", "article": "第二条"}], "basic": false, "action": "组织培训"}]},
    {"id": "D2", "name": "人员", "criteria": [
      {"id": "C3", "title": "协议签署率", "points": 5, "requirement": "r", "guidance": "g", "evidenceKinds": ["合同协议"],
       "recurring": false, "basis": [{"source": "S", "article": "第三条"}], "basic": false, "action": "补签协议",
       "derive": {"rule": "nda_rate", "done": 1000, "partial": 800}},
      {"id": "C4", "title": "离职管理", "points": 5, "requirement": "r", "guidance": "g", "evidenceKinds": ["合同协议", "记录台账"],
       "recurring": false, "basis": [{"source": "S", "article": "第四条"}], "basic": false, "action": "完善离职手续"}]}
  ],
  "quickCheck": []
}"#;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const BASE: &str = "2026-06-30";

fn ev(kind: &str, on: &str) -> EvidenceInput {
    EvidenceInput {
        kind: kind.into(),
        effective_on: day(on),
    }
}

fn ans(status: AnswerStatus, evidence: Vec<EvidenceInput>) -> AnswerInput {
    AnswerInput {
        status: Some(status),
        evidence,
        ..Default::default()
    }
}

fn all_done() -> HashMap<String, AnswerInput> {
    HashMap::from([
        (
            "C1".to_string(),
            ans(Done, vec![ev("制度文件", "2025-01-01")]),
        ),
        (
            "C2".to_string(),
            ans(Done, vec![ev("记录台账", "2026-04-01")]),
        ),
        (
            "C3".to_string(),
            ans(Done, vec![ev("合同协议", "2025-06-01")]),
        ),
        (
            "C4".to_string(),
            ans(Done, vec![ev("记录台账", "2026-01-01")]),
        ),
    ])
}

fn small() -> Catalogue {
    Catalogue::parse(SMALL, "small.json", false).unwrap()
}

#[test]
fn everything_in_place_scores_100_in_the_top_tier() {
    let s = score::score(&small(), &all_done(), &Facts::default(), day(BASE));
    assert_eq!(s.total, Tenths(1000));
    assert_eq!((s.tier, s.verdict), (Tier::Complete, Verdict::ByTier));
    assert_eq!(s.verdict_zh(), "完善");
    assert!(
        s.gaps.is_empty() && !s.draft && s.warnings.is_empty(),
        "{:?}",
        s.warnings
    );
}

#[test]
fn all_not_applicable_but_one() {
    // C1 已落实 with evidence (4 of 4); C2–C4 不适用 leave the denominator:
    // total 16/16 = 100.0; D2 has no applicable criterion → no score;
    // N/A = 16 of 20 points > 20 % → warning.
    let mut a = all_done();
    for id in ["C2", "C3", "C4"] {
        a.insert(id.into(), ans(NotApplicable, vec![]));
    }
    let s = score::score(&small(), &a, &Facts::default(), day(BASE));
    assert_eq!(s.total, Tenths(1000));
    assert_eq!(s.domains[1].score, None);
    assert!(
        s.warnings
            .contains(&ScoreWarning::NotApplicableOver20 { points: 16 }),
        "{:?}",
        s.warnings
    );
    let json = serde_json::to_value(&s).unwrap();
    assert!(json["domains"][1]["score"].is_null());
    assert_eq!(json["total"], serde_json::json!(100.0));
}

#[test]
fn evidence_rules_each_cost_what_they_should() {
    // One case per rule, each on C4 (5 points, kinds 合同协议/记录台账):
    // the rest stay in place (15 points = 60 quarters).
    let cases: [(&str, AnswerInput, i64); 6] = [
        // 已落实 with valid evidence: 20 quarters → 80/80 = 100.0
        ("valid", ans(Done, vec![ev("合同协议", "2026-06-30")]), 1000),
        // 已落实 without evidence counts 0.5: 10 → 70/80 = 87.5
        ("missing", ans(Done, vec![]), 875),
        // evidence of a kind the criterion does not list: as missing → 87.5
        (
            "wrong kind",
            ans(Done, vec![ev("现场照片", "2026-01-01")]),
            875,
        ),
        // evidence effective after the 基准日: as missing → 87.5
        (
            "after base",
            ans(Done, vec![ev("合同协议", "2026-07-01")]),
            875,
        ),
        // 部分落实 with evidence counts 0.5: → 87.5
        (
            "partial",
            ans(Partial, vec![ev("合同协议", "2026-01-01")]),
            875,
        ),
        // 部分落实 without evidence counts 0.25: 5 → 65/80 = 81.25 → 81.3 (half up)
        ("partial missing", ans(Partial, vec![]), 813),
    ];
    for (name, a, want) in cases {
        let mut all = all_done();
        all.insert("C4".into(), a);
        let s = score::score(&small(), &all, &Facts::default(), day(BASE));
        assert_eq!(s.total, Tenths(want), "{name}");
    }
    // Recurring C2 (6 points): evidence 366 days before the 基准日 is stale,
    // 365 days before is within the 12 months. Stale: 12 of 24 quarters →
    // 68/80 = 85.0.
    let mut all = all_done();
    all.insert("C2".into(), ans(Done, vec![ev("记录台账", "2025-06-29")]));
    assert_eq!(
        score::score(&small(), &all, &Facts::default(), day(BASE)).total,
        Tenths(850)
    );
    all.insert("C2".into(), ans(Done, vec![ev("记录台账", "2025-06-30")]));
    assert_eq!(
        score::score(&small(), &all, &Facts::default(), day(BASE)).total,
        Tenths(1000)
    );
    let s = score::score(
        &small(),
        &{
            let mut a = all_done();
            a.insert("C4".into(), ans(Done, vec![]));
            a
        },
        &Facts::default(),
        day(BASE),
    );
    assert!(s
        .warnings
        .iter()
        .any(|w| matches!(w, ScoreWarning::EvidenceMissing { criteria } if criteria.contains(&"C4".to_string()))));
}

#[test]
fn a_derived_criterion_and_its_override() {
    let facts = |v: i64| Facts {
        rules: HashMap::from([("nda_rate".to_string(), v)]),
        ..Default::default()
    };
    // The user's answer on C3 is ignored while the register answers it.
    let mut a = all_done();
    a.insert("C3".into(), ans(NotDone, vec![]));
    // 850 ‰ ≥ 800 → 部分落实, counted as evidenced (the register is the record):
    // C3 10 of 20 quarters → 70/80 = 87.5.
    let s = score::score(&small(), &a, &facts(850), day(BASE));
    assert_eq!(s.total, Tenths(875));
    let c3 = s.criteria.iter().find(|c| c.criterion == "C3").unwrap();
    assert!(c3.derived && c3.status == Partial && !c3.missing_evidence);
    // 1000 ‰ → 已落实 → 100.0; 799 ‰ → 未落实 → 60/80 = 75.0.
    assert_eq!(
        score::score(&small(), &a, &facts(1000), day(BASE)).total,
        Tenths(1000)
    );
    assert_eq!(
        score::score(&small(), &a, &facts(799), day(BASE)).total,
        Tenths(750)
    );
    // An override with a written reason takes the user's answer: 已落实
    // with its contract as evidence → 100.0 even at 799 ‰.
    a.insert(
        "C3".into(),
        AnswerInput {
            status: Some(Done),
            override_reason: "外包人员另签协议，未录入台账".into(),
            evidence: vec![ev("合同协议", "2026-01-01")],
            ..Default::default()
        },
    );
    let s = score::score(&small(), &a, &facts(799), day(BASE));
    assert_eq!(s.total, Tenths(1000));
    assert!(
        !s.criteria
            .iter()
            .find(|c| c.criterion == "C3")
            .unwrap()
            .derived
    );
}

#[test]
fn basic_items_gate_the_result() {
    // C1 (基础项) 部分落实 with evidence: 8 of 16 quarters → 72/80 = 90.0, the
    // top tier by score, but the result says a 基础项 is unmet.
    let mut a = all_done();
    a.insert(
        "C1".into(),
        ans(Partial, vec![ev("制度文件", "2025-01-01")]),
    );
    let s = score::score(&small(), &a, &Facts::default(), day(BASE));
    assert_eq!((s.total, s.tier), (Tenths(900), Tier::Complete));
    assert_eq!(s.verdict, Verdict::BasicUnmet);
    assert_eq!(s.verdict_zh(), "存在未落实的基础项，应优先整改");
    assert_eq!(s.basic_items[0].status, BasicStatus::NotMet);
    assert_eq!(s.gaps[0].criterion, "C1", "基础项 first");
    // Unanswered: counts 0 (64/80 = 80.0), result 未完成, a draft.
    a.remove("C1");
    let s = score::score(&small(), &a, &Facts::default(), day(BASE));
    assert_eq!(
        (s.total, s.verdict, s.draft),
        (Tenths(800), Verdict::Incomplete, true)
    );
    assert_eq!(s.basic_items[0].status, BasicStatus::Unanswered);
    // 不适用 is not allowed on a 基础项: counted as 未评.
    a.insert("C1".into(), ans(NotApplicable, vec![]));
    let s = score::score(&small(), &a, &Facts::default(), day(BASE));
    assert_eq!((s.total, s.verdict), (Tenths(800), Verdict::Incomplete));
}

#[test]
fn gaps_rank_basic_first_then_by_points_lost() {
    // Quarters lost: C1 (基础项, 已落实 without evidence) 8 of 16, C2 未落实
    // 24 of 24, C4 部分落实 without evidence 15 of 20: 47 of 80 quarters.
    // In points of the total: 10.0, 30.0 and 18.75 → 18.7 (the largest
    // remainder gets no extra tenth: 100 − 41.3 = 58.7 = 10.0 + 30.0 + 18.7).
    let mut a = all_done();
    a.insert("C1".into(), ans(Done, vec![]));
    a.insert("C2".into(), ans(NotDone, vec![]));
    a.insert("C4".into(), ans(Partial, vec![]));
    let s = score::score(&small(), &a, &Facts::default(), day(BASE));
    let order: Vec<(&str, Tenths, GapKind)> = s
        .gaps
        .iter()
        .map(|g| (g.criterion.as_str(), g.points_lost, g.kind))
        .collect();
    assert_eq!(
        order,
        [
            ("C1", Tenths(100), GapKind::EvidencePending),
            ("C2", Tenths(300), GapKind::NotMet),
            ("C4", Tenths(187), GapKind::PartlyMet)
        ]
    );
    assert_eq!(s.lost, Tenths(587));
    assert_eq!(s.domains.iter().map(|d| d.lost.0).sum::<i64>(), 587);
    assert_eq!(s.gaps[1].action, "组织培训");
    // 8 + 0 + 20 + 5 = 33 of 80 quarters = 41.25 → 41.3, 基础薄弱.
    assert_eq!((s.total, s.tier), (Tenths(413), Tier::Weak));
}

#[test]
fn both_caps_hold_the_top_tier() {
    // C1 = 95 points in place (D1), C2 and C4 不适用, C3 (5 points, D2) not
    // done: total 380 of 400 quarters = 95.0, but D2 scores 0.0 < 60 → the
    // tier is capped at the second.
    let big = SMALL.replace(r#""points": 4"#, r#""points": 95"#);
    let cat = Catalogue::parse(&big, "big.json", false).unwrap();
    let mut a = all_done();
    a.insert("C2".into(), ans(NotApplicable, vec![]));
    a.insert("C3".into(), ans(NotDone, vec![]));
    a.insert("C4".into(), ans(NotApplicable, vec![]));
    let s = score::score(&cat, &a, &Facts::default(), day(BASE));
    assert_eq!(s.total, Tenths(950));
    assert_eq!(
        (s.domains[0].score, s.domains[1].score),
        (Some(Tenths(1000)), Some(Tenths(0)))
    );
    assert_eq!(s.tier, Tier::NeedsWork);
    assert!(
        matches!(&s.caps[0], Cap::DomainBelow60 { domain } if domain.contains("人员")),
        "{:?}",
        s.caps
    );
    assert!(
        s.caps[0].zh().contains("较好，需补强"),
        "{}",
        s.caps[0].zh()
    );
    // Everything in place, but a 核心 密点 lacks its controls → capped too.
    let facts = Facts {
        core_points_incomplete: vec!["MD-2026-001".into()],
        ..Default::default()
    };
    let s = score::score(&small(), &all_done(), &facts, day(BASE));
    assert_eq!((s.total, s.tier), (Tenths(1000), Tier::NeedsWork));
    assert!(s.caps[0].zh().contains("MD-2026-001"));
}

#[test]
fn a_copied_round_is_a_draft_until_reviewed() {
    let mut a = all_done();
    for v in a.values_mut() {
        v.needs_review = true;
    }
    let s = score::score(&small(), &a, &Facts::default(), day(BASE));
    // Copied answers keep their status for scoring …
    assert_eq!(s.total, Tenths(1000));
    // … but the report is a draft until every flag is cleared.
    assert!(s.draft);
    assert!(s.warnings.contains(&ScoreWarning::NeedsReview { count: 4 }));
    assert!(s.warnings.iter().any(|w| w.zh().contains("4 项待复核")));
}

#[test]
fn the_overview_gives_each_enterprise_its_latest_rounds_result() {
    let (_dir, db) = crate::temp_db();
    let s = midun::Store::open(&db).unwrap();
    let demo = midun::demo::add_demo(&s).unwrap();
    let bare = s
        .enterprises()
        .create(&midun::model::NewEnterprise {
            name: "尚未自评的企业".into(),
            ..Default::default()
        })
        .unwrap();
    let cat = midun::catalogue::Catalogue::default_catalogue().unwrap();
    let all = midun::assess::overview(&s, &cat).unwrap();
    assert_eq!(all.len(), 2);
    let d = all.iter().find(|o| o.summary.id == demo.id).unwrap();
    let round = s.rounds().latest(&demo.id).unwrap().unwrap();
    let score = midun::assess::score_round(&s, round.id, &cat).unwrap();
    let brief = d.latest.as_ref().unwrap();
    assert_eq!(
        (brief.total.as_str(), brief.tier, brief.verdict),
        (score.total.to_string().as_str(), score.tier, score.verdict)
    );
    assert_eq!((brief.round_no, brief.closed), (1, false));
    assert!(all
        .iter()
        .find(|o| o.summary.id == bare.id)
        .unwrap()
        .latest
        .is_none());
    // JSON for the UI: the summary's fields at the top level.
    let v = serde_json::to_value(d).unwrap();
    assert_eq!(v["name"], demo.name);
    assert_eq!(v["latest"]["total"], brief.total);
}

mod quick {
    use midun::catalogue::Catalogue;
    use midun::model::NewEnterprise;
    use midun::store::{AnswerStatus, NewRound, Store};

    fn round(s: &mut Store) -> (String, i64) {
        let e = s
            .enterprises()
            .create(&NewEnterprise {
                name: "快速自查企业".into(),
                ..Default::default()
            })
            .unwrap();
        let c = Catalogue::default_catalogue().unwrap();
        let r = s
            .rounds()
            .start(&NewRound {
                enterprise_id: e.id.clone(),
                catalogue_id: c.id.clone(),
                catalogue_version: c.version.clone(),
                base_date: "2026-11-01".into(),
                filler: String::new(),
                reviewer: String::new(),
            })
            .unwrap();
        (e.id, r.id)
    }

    #[test]
    fn a_quick_answer_sets_provisional_statuses_flagged_for_review() {
        let (_d, db) = crate::temp_db();
        let mut s = Store::open(&db).unwrap();
        let (eid, rid) = round(&mut s);
        let cat = Catalogue::default_catalogue().unwrap();
        assert!(cat.quick_check.len() >= 15, "about twenty questions");
        let q = &cat.quick_check[0];
        // The answer that sets the most criteria.
        let (idx, ans) = q
            .answers
            .iter()
            .enumerate()
            .max_by_key(|(_, a)| a.sets.len())
            .unwrap();
        let n = s.rounds().answer_quick(rid, &cat, &q.id, idx).unwrap();
        assert_eq!(n, ans.sets.len());
        for set in &ans.sets {
            let a = s.rounds().answer(rid, &set.criterion).unwrap().unwrap();
            assert_eq!(a.status.label(), set.status);
            assert!(a.needs_review, "provisional answers wait for review");
            assert!(a.note.starts_with("快速自查："), "{}", a.note);
        }
        let view = s.rounds().quick_view(Some(rid), &cat).unwrap();
        assert_eq!(view.questions[0].chosen, Some(idx));
        assert!(view.questions[1..].iter().all(|q| q.chosen.is_none()));
        assert!(midun::assess::score_round(&s, rid, &cat).unwrap().draft);
        let log = s.audit().log(Some(&eid)).unwrap();
        assert_eq!(log.last().unwrap().entity, "快速自查");

        // Another answer: the criteria only the old one set go back to 未评.
        let (other, other_ans) = q
            .answers
            .iter()
            .enumerate()
            .min_by_key(|(_, a)| a.sets.len())
            .unwrap();
        assert_ne!(other, idx);
        s.rounds().answer_quick(rid, &cat, &q.id, other).unwrap();
        for set in &ans.sets {
            let now = s.rounds().answer(rid, &set.criterion).unwrap();
            if other_ans.sets.iter().any(|o| o.criterion == set.criterion) {
                assert!(now.is_some());
            } else {
                assert!(now.is_none(), "{} taken back", set.criterion);
            }
        }
    }

    #[test]
    fn a_full_answer_is_never_overwritten_and_bad_input_is_refused() {
        let (_d, db) = crate::temp_db();
        let mut s = Store::open(&db).unwrap();
        let (_eid, rid) = round(&mut s);
        let cat = Catalogue::default_catalogue().unwrap();
        let q = &cat.quick_check[0];
        let criterion = q.answers[0].sets[0].criterion.clone();
        s.rounds()
            .set_answer(rid, &criterion, AnswerStatus::Partial, "制度在修订", "")
            .unwrap();
        for i in 0..q.answers.len() {
            s.rounds().answer_quick(rid, &cat, &q.id, i).unwrap();
            let a = s.rounds().answer(rid, &criterion).unwrap().unwrap();
            assert_eq!((a.status, a.needs_review), (AnswerStatus::Partial, false));
            assert_eq!(a.note, "制度在修订");
        }
        assert!(s.rounds().answer_quick(rid, &cat, "Q99", 0).is_err());
        assert!(s.rounds().answer_quick(rid, &cat, &q.id, 99).is_err());
        s.rounds().close(rid, "{}", "{}").unwrap();
        assert!(matches!(
            s.rounds().answer_quick(rid, &cat, &q.id, 0),
            Err(midun::Error::RoundClosed { .. })
        ));
    }
}

#[test]
fn the_first_quick_answer_starts_the_first_round() {
    use midun::catalogue::Catalogue;
    let (_d, db) = crate::temp_db();
    let s = midun::Store::open(&db).unwrap();
    let e = s
        .enterprises()
        .create(&midun::model::NewEnterprise {
            name: "先做快速自查".into(),
            ..Default::default()
        })
        .unwrap();
    let cat = Catalogue::default_catalogue().unwrap();
    let before = s.rounds().quick_check_of(&e.id, &cat).unwrap();
    assert_eq!(before.round_id, None);
    assert_eq!(before.questions.len(), cat.quick_check.len());
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let q = &cat.quick_check[1];
    let after = s
        .rounds()
        .answer_quick_for(&e.id, &cat, &q.id, 0, day)
        .unwrap();
    let round = s.rounds().latest(&e.id).unwrap().unwrap();
    assert_eq!(after.round_id, Some(round.id));
    assert_eq!(
        (round.round_no, round.base_date.as_str()),
        (1, "2026-11-28")
    );
    assert_eq!(after.questions[1].chosen, Some(0));
    // The next answer goes to the same round.
    s.rounds()
        .answer_quick_for(&e.id, &cat, &cat.quick_check[2].id, 1, day)
        .unwrap();
    assert_eq!(s.rounds().list(&e.id).unwrap().len(), 1);
}

// ---- catalogue 2: gates, conditions, consistency, 不适用 listed ----

/// The small catalogue with a gate G1 in D2 (0 points, applies only when a
/// 重大 incident is registered), a consistency rule on C2 (a training rule
/// in the 制度清单 contradicts 未落实) and 不适用 refused on C4 while
/// people are registered.
fn catalogue2() -> Catalogue {
    let mut v: serde_json::Value = serde_json::from_str(SMALL).unwrap();
    v["domains"][1]["criteria"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({
            "id": "G1", "title": "重大泄密事件均有处置记录", "points": 0, "requirement": "r",
            "guidance": "g", "evidenceKinds": ["记录台账"], "recurring": false,
            "basis": [{"source": "S", "article": "第五条"}], "basic": true, "gate": true,
            "action": "补全处置记录",
            "derive": {"rule": "major_incidents_handled", "done": 1000, "partial": 1000},
            "appliesWhen": {"fact": "major_incidents", "atLeast": 1, "says": "登记有重大泄密事件"}
        }));
    v["domains"][0]["criteria"][1]["consistency"] = serde_json::json!([{
        "when": {"fact": "rule_family:training", "atLeast": 1, "says": "制度清单中有培训制度"},
        "contradicts": ["未落实"], "suggest": "部分落实"
    }]);
    v["domains"][1]["criteria"][1]["naRefusedWhen"] = serde_json::json!([
        {"fact": "people_current", "atLeast": 1, "says": "涉密人员台账中有在职人员"}
    ]);
    Catalogue::parse(&v.to_string(), "c2.json", false).unwrap()
}

fn facts_of(pairs: &[(&str, i64)]) -> Facts {
    Facts {
        rules: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        ..Default::default()
    }
}

#[test]
fn a_gate_applies_only_when_its_condition_holds_and_is_never_scored() {
    let c = catalogue2();
    // No 重大 incident: the gate is 不涉及, not listed (its "已达标" would
    // read as an admission), the total as before.
    let s = score::score(
        &c,
        &all_done(),
        &facts_of(&[("major_incidents", 0)]),
        day(BASE),
    );
    assert_eq!(s.total, Tenths(1000));
    assert!(s.basic_items.iter().all(|b| b.criterion != "G1"));
    assert!(
        !s.criteria
            .iter()
            .find(|k| k.criterion == "G1")
            .unwrap()
            .applies
    );
    assert_eq!(s.verdict, Verdict::ByTier);
    // One registered and not handled: listed as an unmet gate, the verdict
    // held, the score unchanged (0 points).
    let f = facts_of(&[("major_incidents", 1), ("major_incidents_handled", 0)]);
    let s = score::score(&c, &all_done(), &f, day(BASE));
    assert_eq!(s.total, Tenths(1000));
    let g = s.basic_items.iter().find(|b| b.criterion == "G1").unwrap();
    assert_eq!((g.status, g.gate), (BasicStatus::NotMet, true));
    assert_eq!(s.verdict, Verdict::BasicUnmet);
    // Handled: met.
    let f = facts_of(&[("major_incidents", 1), ("major_incidents_handled", 1000)]);
    let s = score::score(&c, &all_done(), &f, day(BASE));
    assert_eq!(s.verdict, Verdict::ByTier);
}

#[test]
fn an_answer_the_registers_contradict_is_listed_and_left_as_it_is() {
    let c = catalogue2();
    let mut a = all_done();
    a.insert("C2".into(), ans(NotDone, vec![]));
    let without = score::score(&c, &a, &facts_of(&[("rule_family:training", 0)]), day(BASE));
    assert!(without.contradictions.is_empty());
    let with = score::score(&c, &a, &facts_of(&[("rule_family:training", 2)]), day(BASE));
    assert_eq!(with.contradictions.len(), 1);
    let x = &with.contradictions[0];
    assert_eq!(
        (x.criterion.as_str(), x.answer, x.fact.as_str(), x.suggested),
        ("C2", NotDone, "制度清单中有培训制度", Some(Partial))
    );
    // Nothing is changed: the same status and the same total.
    assert_eq!(with.total, without.total);
    let c2 = with.criteria.iter().find(|k| k.criterion == "C2").unwrap();
    assert_eq!(c2.status, NotDone);
    // A derived answer is the registers' own: never contradicted.
    let mut a = all_done();
    a.insert("C2".into(), ans(Done, vec![ev("记录台账", "2026-04-01")]));
    let s = score::score(&c, &a, &facts_of(&[("rule_family:training", 2)]), day(BASE));
    assert!(s.contradictions.is_empty());
}

#[test]
fn not_applicable_items_are_listed_with_their_reasons() {
    let c = catalogue2();
    let mut a = all_done();
    a.insert(
        "C4".into(),
        AnswerInput {
            status: Some(NotApplicable),
            na_reason: "本企业无离职人员".into(),
            ..Default::default()
        },
    );
    let s = score::score(&c, &a, &Facts::default(), day(BASE));
    assert_eq!(s.not_applicable.len(), 1);
    let n = &s.not_applicable[0];
    assert_eq!(
        (n.criterion.as_str(), n.points, n.reason.as_str()),
        ("C4", 5, "本企业无离职人员")
    );
    assert!(s.contradictions.is_empty());
    // The registers now say people are registered: the 不适用 contradicts.
    let s = score::score(&c, &a, &facts_of(&[("people_current", 3)]), day(BASE));
    assert_eq!(s.contradictions.len(), 1);
    assert_eq!(s.contradictions[0].fact, "涉密人员台账中有在职人员");
    assert_eq!(s.contradictions[0].suggested, None);
}

/// Whatever the answers, the points lost per criterion and per domain add
/// up exactly to 100 − total (to the tenth).
#[test]
fn points_lost_always_reconcile_with_the_total() {
    let c = catalogue2();
    let statuses = [Done, Partial, NotDone, NotApplicable, Unanswered];
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..500 {
        let mut a = HashMap::new();
        for id in ["C1", "C2", "C3", "C4"] {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let status = statuses[(seed % 5) as usize];
            let evidence = if seed % 3 == 0 {
                vec![]
            } else {
                vec![
                    ev("记录台账", "2026-04-01"),
                    ev("制度文件", "2025-01-01"),
                    ev("合同协议", "2025-01-01"),
                ]
            };
            a.insert(
                id.to_string(),
                AnswerInput {
                    status: Some(status),
                    na_reason: "理由".into(),
                    evidence,
                    ..Default::default()
                },
            );
        }
        let s = score::score(&c, &a, &Facts::default(), day(BASE));
        if s.criteria
            .iter()
            .all(|k| k.status == NotApplicable || k.points == 0)
        {
            continue;
        }
        let by_criterion: i64 = s.criteria.iter().map(|k| k.lost.0).sum();
        let by_domain: i64 = s.domains.iter().map(|d| d.lost.0).sum();
        let by_gap: i64 = s.gaps.iter().map(|g| g.points_lost.0).sum();
        assert_eq!(s.lost.0, 1000 - s.total.0, "{a:?}");
        assert_eq!(by_criterion, s.lost.0, "{a:?}");
        assert_eq!(by_domain, s.lost.0, "{a:?}");
        assert_eq!(by_gap, s.lost.0, "{a:?}");
    }
}
