//! The guided flow's core: step progress, a step's criteria and their
//! answers, the personnel warnings, the credit code after creation, and
//! the printable 定密审批表.

use chrono::NaiveDate;
use midun::catalogue::Catalogue;
use midun::flow::{self, Step};
use midun::model::{Category, NewApproval, NewSecretPoint, Status};
use midun::store::{
    AgreementKind, AnswerStatus, EnterpriseField, NewAgreement, NewExitRecord, NewNoncompete,
    NewPerson, NewRuleDoc, NoncompeteEligibility, PersonField, PersonWarningKind,
};
use midun::{Error, Store};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn setup() -> (tempfile::TempDir, Store, String) {
    crate::fixtures::store_with("甲公司")
}

fn person(s: &mut Store, eid: &str, name: &str, entry: &str, exit: Option<&str>) -> i64 {
    s.people()
        .add(&NewPerson {
            enterprise_id: eid.into(),
            name: name.into(),
            department: "技术部".into(),
            post: "工艺员".into(),
            entry_date: entry.into(),
            exit_date: exit.map(Into::into),
            ..Default::default()
        })
        .unwrap()
        .id
}

fn point(s: &mut Store, eid: &str, code: &str, name: &str) -> i64 {
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.into(),
            code: Some(code.into()),
            name: name.into(),
            category: Category::Technical,
            level: "核心商密".into(),
        })
        .unwrap()
        .id
}

fn approval() -> NewApproval {
    NewApproval {
        proposing_department: "技术部".into(),
        proposer: "张工".into(),
        approver: "王总经理".into(),
        filed_by: "保密办李某".into(),
        basis: "《商业秘密管理制度》第五条".into(),
        decided_on: "2026-03-01".into(),
        change_summary: String::new(),
    }
}

fn step(p: &[flow::StepProgress], step: Step) -> &flow::StepProgress {
    p.iter().find(|x| x.step == step).unwrap()
}

#[test]
fn progress_follows_the_registers_and_the_answers() {
    let (_d, mut s, eid) = setup();
    let cat = Catalogue::default_catalogue().unwrap();
    let today = d("2026-06-01");
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert_eq!(
        p.iter().map(|x| x.step).collect::<Vec<_>>(),
        Step::ALL.to_vec()
    );
    let quick = step(&p, Step::Quick);
    assert_eq!((quick.done, quick.total), (0, cat.quick_check.len()));
    let profile = step(&p, Step::Profile);
    assert_eq!(
        (profile.done, profile.total, profile.complete),
        (1, 10, false)
    );
    let rules = step(&p, Step::Rules);
    assert!(!rules.register_ok && !rules.complete);
    // 组织与制度 answers D1 and D10 (培训与持续改进); derived criteria are
    // left to the registers: only the others count.
    let d1: Vec<_> = cat
        .domains
        .iter()
        .filter(|x| x.id == "D1" || x.id == "D10")
        .flat_map(|x| x.criteria.clone())
        .collect();
    let asked = d1.iter().filter(|c| c.derive.is_none()).count();
    assert!(asked < d1.len());
    assert_eq!((rules.done, rules.total), (0, asked));

    s.enterprises()
        .update(&eid, EnterpriseField::Industry, "食品制造")
        .unwrap();
    s.rules()
        .add(&NewRuleDoc {
            enterprise_id: eid.clone(),
            title: "商业秘密管理制度".into(),
            issued_on: "2026-01-05".into(),
            ..Default::default()
        })
        .unwrap();
    let mut left = asked;
    for c in d1.iter().filter(|c| c.derive.is_none()) {
        flow::answer_criterion(&s, &eid, &cat, &c.id, AnswerStatus::Done, "", "", today).unwrap();
        left -= 1;
        let p = flow::progress(&s, &eid, &cat, today).unwrap();
        assert_eq!(step(&p, Step::Rules).done, asked - left);
        assert_eq!(step(&p, Step::Rules).complete, left == 0);
    }
    let pid = point(&mut s, &eid, "A-1", "配方");
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert_eq!(step(&p, Step::Profile).done, 2);
    let rules = step(&p, Step::Rules);
    assert!(rules.register_ok && rules.complete, "{rules:?}");
    assert!(step(&p, Step::Points).register_ok);
    // A 密点 still 拟定 leaves 定密管理 open; 定密 closes the register side.
    assert!(!step(&p, Step::Classification).register_ok);
    s.points()
        .transition(pid, Status::Classified, Some(&approval()))
        .unwrap();
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert!(step(&p, Step::Classification).register_ok);
    assert!(!step(&p, Step::People).register_ok);
    person(&mut s, &eid, "张三", "2025-01-01", None);
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert!(step(&p, Step::People).register_ok);

    // 全过程保密管理: carriers first, then every control of their checklist.
    assert!(!step(&p, Step::Controls).register_ok, "no carriers yet");
    s.carriers()
        .add(&midun::store::NewCarrier {
            enterprise_id: eid.clone(),
            name: "工艺卡".into(),
            kind: "纸质文件".into(),
            location: "档案室".into(),
            custodian: "李四".into(),
            marked: true,
            point_ids: vec![pid],
        })
        .unwrap();
    let library = midun::catalogue::ControlLibrary::default_library().unwrap();
    let view = midun::assess::controls_view(&s, &eid, &library).unwrap();
    assert!(!view.controls.is_empty());
    assert_eq!(view.kinds_in_use, vec!["纸质文件".to_string()]);
    assert!(view
        .controls
        .iter()
        .all(|c| c.carrier_kinds.contains(&"纸质文件".to_string())));
    assert_eq!(view.coverage.len(), 1);
    assert_eq!(view.coverage[0].in_place, 0);
    let (last, rest) = view.controls.split_last().unwrap();
    for c in rest {
        s.controls()
            .set_answer(&library, &eid, &c.id, None, AnswerStatus::Done, "")
            .unwrap();
    }
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert!(!step(&p, Step::Controls).register_ok, "one control left");
    if last.by_level {
        for rank in 1..=view.levels.len() {
            s.controls()
                .set_answer(&library, &eid, &last.id, Some(rank), AnswerStatus::Done, "")
                .unwrap();
        }
    } else {
        s.controls()
            .set_answer(&library, &eid, &last.id, None, AnswerStatus::Done, "")
            .unwrap();
    }
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert!(step(&p, Step::Controls).register_ok);
    let view = midun::assess::controls_view(&s, &eid, &library).unwrap();
    assert_eq!(view.coverage[0].in_place, view.coverage[0].required);

    // An exception names a control of the library and gives a reason.
    let e = midun::assess::except_control(&s, &library, pid, "C-NONE", "理由").unwrap_err();
    assert!(matches!(e, Error::ControlNotFound { .. }), "{e:?}");
    let e = midun::assess::except_control(&s, &library, pid, &last.id, " ").unwrap_err();
    assert!(matches!(e, Error::NotApplicableNeedsReason), "{e:?}");

    // Registers whose emptiness is fine, and those that must hold something.
    assert!(!step(&p, Step::Areas).register_ok && !step(&p, Step::Systems).register_ok);
    assert!(step(&p, Step::Disclosures).register_ok && step(&p, Step::Incidents).register_ok);
    s.disclosures()
        .add(&midun::store::NewDisclosure {
            enterprise_id: eid.clone(),
            point_id: pid,
            recipient: "某外协厂".into(),
            recipient_kind: midun::store::RecipientKind::parse("外协加工方").unwrap(),
            nda_ref: String::new(),
            disclosed_on: "2026-04-01".into(),
            purpose: "外协加工".into(),
            confidentiality_requested: false,
        })
        .unwrap();
    let p = flow::progress(&s, &eid, &cat, today).unwrap();
    assert!(
        !step(&p, Step::Disclosures).register_ok,
        "a disclosure without an NDA"
    );
}

#[test]
fn criteria_are_answered_in_the_latest_round_which_the_first_answer_starts() {
    let (_d, s, eid) = setup();
    let cat = Catalogue::default_catalogue().unwrap();
    let today = d("2026-06-01");
    let view = flow::domain_view(&s, &eid, "D1", &cat).unwrap();
    assert!(view.round.is_none());
    assert_eq!(view.domain_name, "组织与制度");
    let plain = view
        .criteria
        .iter()
        .find(|c| !c.derived)
        .unwrap()
        .id
        .clone();
    let derived = view.criteria.iter().find(|c| c.derived).unwrap().id.clone();
    assert!(view
        .criteria
        .iter()
        .all(|c| !c.basis.is_empty() && !c.requirement.is_empty()));

    let e = flow::answer_criterion(
        &s,
        &eid,
        &cat,
        &plain,
        AnswerStatus::NotApplicable,
        "",
        "",
        today,
    )
    .unwrap_err();
    assert!(matches!(e, Error::NotApplicableNeedsReason), "{e:?}");
    assert!(
        s.rounds().latest(&eid).unwrap().is_none(),
        "a refused answer starts no round"
    );

    let a = flow::answer_criterion(
        &s,
        &eid,
        &cat,
        &plain,
        AnswerStatus::Partial,
        "已起草",
        "",
        today,
    )
    .unwrap();
    assert_eq!(
        (a.status, a.note.as_str(), a.provisional),
        (AnswerStatus::Partial, "已起草", false)
    );
    let round = s.rounds().latest(&eid).unwrap().unwrap();
    assert_eq!(
        (round.round_no, round.base_date.as_str()),
        (1, "2026-06-01")
    );

    let e = flow::answer_criterion(&s, &eid, &cat, &derived, AnswerStatus::Done, "", "", today)
        .unwrap_err();
    assert!(
        matches!(e, Error::CriterionDerived { ref id } if *id == derived),
        "{e:?}"
    );
    let e = flow::answer_criterion(&s, &eid, &cat, "D1.99", AnswerStatus::Done, "", "", today)
        .unwrap_err();
    assert!(matches!(e, Error::CriterionUnknown { .. }), "{e:?}");
    let e = flow::override_criterion(&s, &eid, &cat, &plain, AnswerStatus::Done, "理由", today)
        .unwrap_err();
    assert!(matches!(e, Error::CriterionNotDerived { .. }), "{e:?}");
    let e = flow::domain_view(&s, &eid, "D42", &cat).unwrap_err();
    assert!(matches!(e, Error::DomainUnknown { .. }), "{e:?}");

    let before = flow::domain_view(&s, &eid, "D1", &cat).unwrap();
    let shown = before.criteria.iter().find(|c| c.id == derived).unwrap();
    let from_registers = shown
        .derived_status
        .expect("a round exists, so the registers answer");
    let other = if from_registers == AnswerStatus::Done {
        AnswerStatus::NotDone
    } else {
        AnswerStatus::Done
    };
    flow::override_criterion(
        &s,
        &eid,
        &cat,
        &derived,
        other,
        "制度已印发，登记簿未录入",
        today,
    )
    .unwrap();
    let after = flow::domain_view(&s, &eid, "D1", &cat).unwrap();
    let c = after.criteria.iter().find(|c| c.id == derived).unwrap();
    let answer = c.answer.as_ref().unwrap();
    assert_eq!(
        (answer.status, answer.override_reason.as_str()),
        (other, "制度已印发，登记簿未录入")
    );
    assert_eq!(
        after
            .criteria
            .iter()
            .find(|c| c.id == plain)
            .unwrap()
            .answer
            .as_ref()
            .unwrap()
            .status,
        AnswerStatus::Partial
    );
}

#[test]
fn quick_answers_show_as_provisional_until_answered_in_full() {
    let (_d, s, eid) = setup();
    let cat = Catalogue::default_catalogue().unwrap();
    let today = d("2026-06-01");
    let q = &cat.quick_check[0];
    let target = q.answers[0].sets[0].criterion.clone();
    s.rounds()
        .answer_quick_for(&eid, &cat, &q.id, 0, today)
        .unwrap();
    let domain = cat
        .domains
        .iter()
        .find(|dm| dm.criteria.iter().any(|c| c.id == target))
        .unwrap();
    let view = flow::domain_view(&s, &eid, &domain.id, &cat).unwrap();
    let c = view.criteria.iter().find(|c| c.id == target).unwrap();
    if !c.derived {
        assert!(c.answer.as_ref().unwrap().provisional);
        flow::answer_criterion(&s, &eid, &cat, &target, AnswerStatus::Done, "", "", today).unwrap();
        let view = flow::domain_view(&s, &eid, &domain.id, &cat).unwrap();
        let c = view.criteria.iter().find(|c| c.id == target).unwrap();
        assert!(!c.answer.as_ref().unwrap().provisional);
    }
}

#[test]
fn personnel_warnings_name_each_gap() {
    let (_d, mut s, eid) = setup();
    let today = d("2026-06-01");
    let none = person(&mut s, &eid, "无协议", "2025-01-01", None);
    let expired = person(&mut s, &eid, "协议过期", "2025-01-01", None);
    let soon = person(&mut s, &eid, "快到期", "2025-01-01", None);
    let fine = person(&mut s, &eid, "齐全", "2025-01-01", None);
    let future = person(&mut s, &eid, "未入职", "2026-09-01", None);
    let gone = person(
        &mut s,
        &eid,
        "已离职无记录",
        "2024-01-01",
        Some("2026-02-01"),
    );
    let half = person(&mut s, &eid, "离职未办完", "2024-01-01", Some("2026-02-01"));
    for id in [none, expired, soon, fine] {
        if id != none {
            s.people()
                .update(id, PersonField::EntryPledgeOn, "2025-01-01")
                .unwrap();
        }
    }
    let agree = |s: &mut Store, id, ends: Option<&str>| {
        s.people()
            .add_agreement(&NewAgreement {
                person_id: id,
                kind: AgreementKind::Nda,
                signed_on: "2025-01-01".into(),
                expires_on: ends.map(Into::into),
            })
            .unwrap();
    };
    agree(&mut s, expired, Some("2026-05-01"));
    agree(&mut s, soon, Some("2026-07-15"));
    agree(&mut s, fine, Some("2026-07-15"));
    agree(&mut s, fine, None); // a lasting agreement covers the ending one
    s.people()
        .record_exit(&NewExitRecord {
            person_id: half,
            handover_done: true,
            return_confirmed: false,
            access_revoked_on: Some("2026-02-01".into()),
            reminder_letter_sent: false,
            recorded_on: "2026-02-01".into(),
        })
        .unwrap();
    s.people()
        .update(
            gone,
            PersonField::NoncompeteEligibility,
            NoncompeteEligibility::SeniorTechnical.label(),
        )
        .unwrap();
    s.people()
        .add_noncompete(&NewNoncompete {
            person_id: gone,
            starts_on: "2026-02-02".into(),
            ends_on: "2027-02-01".into(),
            monthly_compensation: 3000,
            scope: "同类食品".into(),
        })
        .unwrap();

    let w = s.people().warnings(&eid, today).unwrap();
    let of = |id: i64| -> Vec<(PersonWarningKind, Vec<String>)> {
        w.iter()
            .filter(|x| x.person_id == id)
            .map(|x| (x.kind, x.detail.clone()))
            .collect()
    };
    use PersonWarningKind::*;
    assert_eq!(
        of(none),
        vec![(NoEntryPledge, vec![]), (NoAgreement, vec![])]
    );
    assert_eq!(
        of(expired),
        vec![(AgreementExpired, vec!["2026-05-01".to_string()])]
    );
    assert_eq!(
        of(soon),
        vec![(AgreementExpiresSoon, vec!["2026-07-15".to_string()])]
    );
    assert_eq!(of(fine), vec![]);
    assert_eq!(of(future), vec![], "not yet entered");
    assert_eq!(
        of(half),
        vec![(
            ExitIncomplete,
            vec!["return".to_string(), "reminder".to_string()]
        )]
    );
    let gone_w = of(gone);
    assert_eq!(gone_w[0], (ExitRecordMissing, vec![]));
    assert_eq!(gone_w[1].0, NoncompeteUnpaid);
    assert_eq!(gone_w[1].1, vec!["2026-02", "2026-03", "2026-04"]);
    assert_eq!(
        w.iter().find(|x| x.person_id == gone).unwrap().person_name,
        "已离职无记录"
    );
}

#[test]
fn the_credit_code_can_change_after_creation_under_the_same_rule() {
    let (_d, s, eid) = setup();
    let audit = |s: &Store| s.audit().log(Some(&eid)).unwrap().len();
    let n = audit(&s);
    // A code failing its check needs a note, and nothing changes without one.
    let bad = "91350100M000100Y44";
    let e = s
        .enterprises()
        .set_credit_code(&eid, bad, None)
        .unwrap_err();
    assert!(matches!(e, Error::CreditCodeNeedsNote { .. }), "{e:?}");
    assert_eq!(s.enterprises().get(&eid).unwrap().credit_code, None);
    assert_eq!(audit(&s), n);
    let e = s
        .enterprises()
        .set_credit_code(&eid, bad, Some("  "))
        .unwrap_err();
    assert!(matches!(e, Error::CreditCodeNeedsNote { .. }), "{e:?}");

    let kept = s
        .enterprises()
        .set_credit_code(&eid, bad, Some("营业执照上即为此码"))
        .unwrap();
    assert_eq!(kept.credit_code.as_deref(), Some(bad));
    assert_eq!(kept.credit_code_note.as_deref(), Some("营业执照上即为此码"));
    assert_eq!(audit(&s), n + 1);

    // A valid code (typed with spaces and lower case) is normalised, the note dropped.
    let good = s
        .enterprises()
        .set_credit_code(&eid, " 91350100m000100y43 ", Some("旧说明"))
        .unwrap();
    assert_eq!(good.credit_code.as_deref(), Some("91350100M000100Y43"));
    assert_eq!(good.credit_code_note, None);
    assert_eq!(audit(&s), n + 2);
    // The same again changes nothing and logs nothing; empty removes it.
    s.enterprises()
        .set_credit_code(&eid, "91350100M000100Y43", None)
        .unwrap();
    assert_eq!(audit(&s), n + 2);
    assert_eq!(
        s.enterprises()
            .set_credit_code(&eid, "", None)
            .unwrap()
            .credit_code,
        None
    );
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian package poppler-utils; scripts/test installs it)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_approval_form_prints_the_decision_and_the_access_list() {
    let (dir, mut s, eid) = setup();
    let pid = point(&mut s, &eid, "GY-007", "低温熬制工艺");
    s.points()
        .update(
            pid,
            midun::store::PointField::Summary,
            "熬制温度曲线的控制方法",
        )
        .unwrap();
    let zhang = person(&mut s, &eid, "张三丰", "2025-01-01", None);
    s.points()
        .set_access(pid, &[zhang], &["质检主管".to_string()])
        .unwrap();
    s.points()
        .transition(pid, Status::Classified, Some(&approval()))
        .unwrap();
    let change = NewApproval {
        change_summary: "密级由核心商密调整为重要商密".into(),
        decided_on: "2026-05-01".into(),
        ..approval()
    };
    s.points()
        .transition(pid, Status::Changed, Some(&change))
        .unwrap();
    let approvals = s.points().approvals(pid).unwrap();
    assert_eq!(approvals.len(), 2);
    assert_eq!(s.points().approval(approvals[1].id).unwrap(), approvals[1]);
    let e = s.points().approval(9_999).unwrap_err();
    assert!(matches!(e, Error::ApprovalNotFound { .. }), "{e:?}");

    let out = dir.path().join("form.pdf");
    let r = midun::report::approval::export(&s, approvals[0].id, &out).unwrap();
    assert!(r.missing_chars.is_empty(), "{:?}", r.missing_chars);
    let text = pdf_text(&out);
    for want in [
        "商业秘密定密审批表",
        "GY-007",
        "低温熬制工艺",
        "熬制温度曲线的控制方法",
        "张三丰（技术部·工艺员）",
        "岗位：质检主管",
        "拟定 → 已定密",
        "《商业秘密管理制度》第五条",
        "王总经理",
        "保密办李某",
        "2026-03-01",
        "内部资料",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(
        !text.contains("密级由核心商密调整为重要商密"),
        "the 定密 form holds no change"
    );

    let out2 = dir.path().join("change.pdf");
    midun::report::approval::export(&s, approvals[1].id, &out2).unwrap();
    let text = pdf_text(&out2);
    assert!(text.contains("商业秘密变更审批表"), "{text}");
    assert!(
        text.contains("变更内容") && text.contains("密级由核心商密调整为重要商密"),
        "{text}"
    );
    assert_eq!(
        midun::report::approval::suggested_file_name(&s, approvals[1].id).unwrap(),
        "GY-007-变更审批表.pdf"
    );
}

#[test]
fn results_link_criteria_to_steps_and_a_round_closes_only_when_complete() {
    let (_d, s, eid) = setup();
    let cat = Catalogue::default_catalogue().unwrap();
    let view = flow::results(&s, &eid, &cat).unwrap();
    assert!(view.round.is_none() && view.score.is_none());
    assert_eq!(view.steps.get("D1.1"), Some(&Step::Rules));
    assert_eq!(view.steps.get("D10.1"), Some(&Step::Rules));
    assert_eq!(view.steps.get("D4.1"), Some(&Step::Controls));
    assert_eq!(view.steps.get("D9.1"), Some(&Step::Incidents));
    let total: usize = cat.domains.iter().map(|d| d.criteria.len()).sum();
    assert_eq!(
        view.steps.len(),
        total,
        "every criterion is answered in some step"
    );
    let e = flow::close_round(&s, &eid, &cat).unwrap_err();
    assert!(matches!(e, Error::NoRound { .. }), "{e:?}");

    // One answer starts the round; the rest is 未评, so it cannot close.
    flow::answer_criterion(
        &s,
        &eid,
        &cat,
        "D1.1",
        AnswerStatus::Done,
        "",
        "",
        d("2026-06-01"),
    )
    .unwrap();
    let view = flow::results(&s, &eid, &cat).unwrap();
    let score = view.score.unwrap();
    assert!(score.draft);
    let e = flow::close_round(&s, &eid, &cat).unwrap_err();
    assert!(matches!(e, Error::RoundIncomplete { .. }), "{e:?}");
    assert!(s
        .rounds()
        .latest(&eid)
        .unwrap()
        .unwrap()
        .closed_at
        .is_none());

    // The demo enterprise answers everything: its round closes, once, with a snapshot.
    let demo = midun::demo::add_demo_with(&s, 5).unwrap();
    let before = flow::results(&s, &demo.id, &cat).unwrap().score.unwrap();
    assert!(!before.draft, "the demo is complete: {:?}", before.warnings);
    let closed = flow::close_round(&s, &demo.id, &cat).unwrap();
    assert!(closed.closed_at.is_some());
    let (snapshot, catalogue) = s.rounds().snapshot(closed.id).unwrap().unwrap();
    let snap: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(
        snap["total"].as_f64().unwrap(),
        before.total.0 as f64 / 10.0
    );
    assert!(catalogue.contains(&cat.id));
    let e = flow::close_round(&s, &demo.id, &cat).unwrap_err();
    assert!(matches!(e, Error::RoundClosed { .. }), "{e:?}");
    // The report's texts are fixed with the score.
    use midun::store::RoundField;
    for field in [
        RoundField::Highlights,
        RoundField::NextSteps,
        RoundField::BaseDate,
    ] {
        let e = s
            .rounds()
            .update(closed.id, field, "2026-12-01")
            .unwrap_err();
        assert!(matches!(e, Error::RoundClosed { .. }), "{field:?}: {e:?}");
    }
    let after = s.rounds().get(closed.id).unwrap();
    assert_eq!(after.highlights, closed.highlights);
    assert_eq!(after.base_date, closed.base_date);
}

#[test]
fn reminders_announce_what_falls_due_soonest_first() {
    use midun::reminders::{reminders, ReminderKind};
    let (_d, mut s, eid) = setup();
    let today = d("2026-06-01");
    let soon = point(&mut s, &eid, "T-1", "期限将到");
    s.points()
        .update(soon, midun::store::PointField::Term, "2026-08-01")
        .unwrap();
    let far = point(&mut s, &eid, "T-2", "期限尚远");
    s.points()
        .update(far, midun::store::PointField::Term, "2027-06-01")
        .unwrap();
    let review = point(&mut s, &eid, "R-1", "复核已过");
    s.points()
        .update(review, midun::store::PointField::ReviewDue, "2026-05-20")
        .unwrap();
    let gone = point(&mut s, &eid, "X-1", "已公开");
    s.points()
        .update(gone, midun::store::PointField::Term, "2026-06-10")
        .unwrap();
    s.points()
        .transition(gone, Status::Disclosed, None)
        .unwrap();
    let pid = person(&mut s, &eid, "赵六", "2024-01-01", Some("2026-01-01"));
    s.people()
        .update(pid, PersonField::NoncompeteEligibility, "高级技术人员")
        .unwrap();
    s.people()
        .add_noncompete(&NewNoncompete {
            person_id: pid,
            starts_on: "2025-07-02".into(),
            ends_on: "2026-07-01".into(),
            monthly_compensation: 2000,
            scope: "同类产品".into(),
        })
        .unwrap();
    let qian = person(&mut s, &eid, "钱七", "2024-01-01", None);
    s.people()
        .add_agreement(&NewAgreement {
            person_id: qian,
            kind: AgreementKind::Nda,
            signed_on: "2024-01-01".into(),
            expires_on: Some("2026-06-20".into()),
        })
        .unwrap();

    let r = reminders(&s, today).unwrap();
    let got: Vec<(ReminderKind, &str, &str, bool)> = r
        .iter()
        .map(|x| (x.kind, x.subject.as_str(), x.due.as_str(), x.overdue))
        .collect();
    assert_eq!(
        got,
        vec![
            (ReminderKind::ReviewDue, "R-1", "2026-05-20", true),
            (ReminderKind::AgreementEnding, "钱七", "2026-06-20", false),
            (ReminderKind::NoncompeteEnding, "赵六", "2026-07-01", false),
            (ReminderKind::TermEnding, "T-1", "2026-08-01", false),
        ]
    );
    assert!(r
        .iter()
        .all(|x| x.enterprise_id == eid && x.enterprise_name == "甲公司"));
}

#[test]
fn evidence_is_attached_to_an_answer_stored_or_registered_and_detached() {
    let (dir, s, eid) = setup();
    let cat = Catalogue::default_catalogue().unwrap();
    let today = d("2026-06-01");
    let file = dir.path().join("制度签收表.pdf");
    std::fs::write(&file, b"sign-in sheet").unwrap();
    let input = midun::store::NewEvidence {
        enterprise_id: String::new(), // the enterprise of the call is used
        title: "制度签收表".into(),
        kind: midun::store::EvidenceKind::Record,
        effective_on: "2026-03-01".into(),
    };
    let e = flow::add_answer_evidence(&s, &eid, "D1.3", &input, &file, true, today).unwrap_err();
    assert!(matches!(e, Error::NoRound { .. }), "{e:?}");
    flow::answer_criterion(&s, &eid, &cat, "D1.1", AnswerStatus::Done, "", "", today).unwrap();
    // Not answered yet: nothing is added.
    let e = flow::add_answer_evidence(&s, &eid, "D1.3", &input, &file, true, today).unwrap_err();
    assert!(matches!(e, Error::EvidenceNeedsAnswer { .. }), "{e:?}");
    assert!(s.evidence().list(&eid).unwrap().is_empty());

    flow::answer_criterion(&s, &eid, &cat, "D1.3", AnswerStatus::Done, "", "", today).unwrap();
    let stored = flow::add_answer_evidence(&s, &eid, "D1.3", &input, &file, true, today).unwrap();
    let registered =
        flow::add_answer_evidence(&s, &eid, "D1.3", &input, &file, false, today).unwrap();
    assert_eq!(stored.enterprise_id, eid);
    assert_eq!(stored.sha256, registered.sha256);
    assert_eq!(stored.path, None);
    assert!(registered
        .path
        .as_deref()
        .unwrap()
        .ends_with("制度签收表.pdf"));
    let listed: Vec<i64> = flow::answer_evidence(&s, &eid, "D1.3")
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(listed, vec![stored.id, registered.id]);
    assert!(flow::answer_evidence(&s, &eid, "D1.1").unwrap().is_empty());

    // The registered file changes on disk; the stored copy does not.
    std::fs::write(&file, b"changed").unwrap();
    assert!(s.evidence().recheck(stored.id).unwrap().matches);
    assert!(!s.evidence().recheck(registered.id).unwrap().matches);

    flow::unlink_answer_evidence(&s, &eid, "D1.3", registered.id).unwrap();
    let listed: Vec<i64> = flow::answer_evidence(&s, &eid, "D1.3")
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(listed, vec![stored.id]);
}
