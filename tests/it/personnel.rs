//! 涉密人员台账, 知悉范围, agreements, exit records, non-competes, 制度清单,
//! 培训记录 and the figures derived from them.

use chrono::NaiveDate;
use midun::model::{Category, NewEnterprise, NewSecretPoint};
use midun::store::{
    AgreementKind, NewAgreement, NewExitRecord, NewNoncompete, NewPerson, NewRuleDoc, NewTraining,
    NoncompeteEligibility, PersonField, PersonnelStats, RuleDocField,
};
use midun::{Error, Store};

use crate::temp_db;

fn setup() -> (tempfile::TempDir, Store, String) {
    crate::fixtures::store_with("甲公司")
}

fn other_enterprise(s: &mut Store) -> String {
    s.enterprises()
        .create(&NewEnterprise {
            name: "乙公司".into(),
            ..Default::default()
        })
        .unwrap()
        .id
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn new_person(eid: &str, name: &str, entry: &str, exit: Option<&str>) -> NewPerson {
    NewPerson {
        enterprise_id: eid.into(),
        name: name.into(),
        entry_date: entry.into(),
        exit_date: exit.map(Into::into),
        ..Default::default()
    }
}

fn add_person(s: &mut Store, eid: &str, name: &str, entry: &str, exit: Option<&str>) -> i64 {
    s.people()
        .add(&new_person(eid, name, entry, exit))
        .unwrap()
        .id
}

fn add_point(s: &mut Store, eid: &str, code: &str) -> i64 {
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.into(),
            code: Some(code.into()),
            name: format!("密点{code}"),
            category: Category::Technical,
            level: "核心商密".into(),
        })
        .unwrap()
        .id
}

/// The error's code and, for FIELD_INVALID, the field it names.
fn refusal<T: std::fmt::Debug>(r: midun::Result<T>) -> (&'static str, String) {
    let e: Error = r.unwrap_err();
    let field = e.params().get("field").cloned().unwrap_or_default();
    (e.code(), field)
}

fn log_len(s: &Store, eid: &str) -> usize {
    s.audit().log(Some(eid)).unwrap().len()
}

fn eligible(s: &mut Store, pid: i64) {
    s.people()
        .update(pid, PersonField::NoncompeteEligibility, "高级技术人员")
        .unwrap();
}

fn noncompete(pid: i64, starts: &str, ends: &str) -> NewNoncompete {
    NewNoncompete {
        person_id: pid,
        starts_on: starts.into(),
        ends_on: ends.into(),
        monthly_compensation: 3000,
        scope: "同类熬胶工艺企业".into(),
    }
}

#[test]
fn a_person_round_trips_with_no_field_for_ids_phones_or_salaries() {
    let (d_, db) = temp_db();
    let (eid, p) = {
        let s = Store::open(&db).unwrap();
        let eid = s
            .enterprises()
            .create(&NewEnterprise {
                name: "甲公司".into(),
                ..Default::default()
            })
            .unwrap()
            .id;
        let p = s
            .people()
            .add(&NewPerson {
                enterprise_id: eid.clone(),
                name: " 张三 ".into(),
                department: "技术部".into(),
                post: "工艺工程师".into(),
                person_level: "核心".into(),
                entry_date: "2020年3月1日".into(),
                exit_date: None,
                entry_pledge_on: Some("2020/3/1".into()),
                noncompete_eligibility: NoncompeteEligibility::SeniorTechnical,
                agreed_deconfidential_months: Some(6),
                note: "".into(),
                relationship: Default::default(),
            })
            .unwrap();
        (eid, p)
    };
    let s = Store::open(&db).unwrap();
    assert_eq!(s.people().get(p.id).unwrap(), p);
    assert_eq!(s.people().list(&eid).unwrap(), std::slice::from_ref(&p));
    assert_eq!(p.name, "张三");
    assert_eq!(p.person_level, "核心商密", "short form resolved");
    assert_eq!(p.entry_date, "2020-03-01");
    assert_eq!(p.entry_pledge_on.as_deref(), Some("2020-03-01"));
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["noncompeteEligibility"], "senior_technical");
    assert_eq!(v["agreedDeconfidentialMonths"], 6);
    let keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    for k in &keys {
        let k = k.to_lowercase();
        assert!(
            !["idnumber", "phone", "salary", "mobile", "idcard"]
                .iter()
                .any(|bad| k.contains(bad)),
            "{k}"
        );
    }
    drop(d_);
}

#[test]
fn adding_a_person_refuses_bad_input_naming_the_field() {
    let (_d, s, eid) = setup();
    let ok = || new_person(&eid, "李四", "2024-01-01", None);
    let cases: Vec<(NewPerson, &str, &str)> = vec![
        (
            NewPerson {
                name: "  ".into(),
                ..ok()
            },
            "FIELD_INVALID",
            "姓名",
        ),
        (
            NewPerson {
                entry_date: "".into(),
                ..ok()
            },
            "FIELD_INVALID",
            "入职日期",
        ),
        (
            NewPerson {
                entry_date: "2024-02-30".into(),
                ..ok()
            },
            "FIELD_INVALID",
            "入职日期",
        ),
        (
            NewPerson {
                exit_date: Some("2023-12-31".into()),
                ..ok()
            },
            "FIELD_INVALID",
            "离职日期",
        ),
        (
            NewPerson {
                exit_date: Some("下周".into()),
                ..ok()
            },
            "FIELD_INVALID",
            "离职日期",
        ),
        (
            NewPerson {
                entry_pledge_on: Some("2024-13-01".into()),
                ..ok()
            },
            "FIELD_INVALID",
            "入职承诺签署日期",
        ),
        (
            NewPerson {
                agreed_deconfidential_months: Some(7),
                ..ok()
            },
            "FIELD_INVALID",
            "约定脱密期（如有）",
        ),
        (
            NewPerson {
                agreed_deconfidential_months: Some(0),
                ..ok()
            },
            "FIELD_INVALID",
            "约定脱密期（如有）",
        ),
        (
            NewPerson {
                person_level: "绝密".into(),
                ..ok()
            },
            "LEVEL_UNKNOWN",
            "",
        ),
        (
            NewPerson {
                enterprise_id: "nope".into(),
                ..ok()
            },
            "ENTERPRISE_NOT_FOUND",
            "",
        ),
    ];
    let n = log_len(&s, &eid);
    for (input, code, field) in cases {
        assert_eq!(
            refusal(s.people().add(&input)),
            (code, field.to_string()),
            "{input:?}"
        );
    }
    assert!(s.people().list(&eid).unwrap().is_empty());
    assert_eq!(log_len(&s, &eid), n, "refusals write nothing");
    // Leaving on the day of entry is allowed; an empty level is allowed.
    let p = s
        .people()
        .add(&new_person(&eid, "王五", "2024-01-01", Some("2024-01-01")))
        .unwrap();
    assert_eq!(
        (p.exit_date.as_deref(), p.person_level.as_str()),
        (Some("2024-01-01"), "")
    );
}

#[test]
fn one_field_updates_are_checked_logged_and_returned() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", None);
    let n = log_len(&s, &eid);

    let p = s
        .people()
        .update(pid, PersonField::Post, " 车间主任 ")
        .unwrap();
    assert_eq!(p.post, "车间主任");
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.entity.as_str(),
            last.field.as_deref()
        ),
        ("修改", "涉密人员", Some("岗位"))
    );
    assert_eq!(
        (last.old.as_deref(), last.new.as_deref()),
        (Some(""), Some("车间主任"))
    );
    assert_eq!(log_len(&s, &eid), n + 1);

    // The same value again changes nothing and logs nothing.
    s.people()
        .update(pid, PersonField::Post, "车间主任")
        .unwrap();
    assert_eq!(log_len(&s, &eid), n + 1);

    let p = s
        .people()
        .update(pid, PersonField::ExitDate, "2026/5/31")
        .unwrap();
    assert_eq!(p.exit_date.as_deref(), Some("2026-05-31"));
    let p = s
        .people()
        .update(pid, PersonField::PersonLevel, "一般")
        .unwrap();
    assert_eq!(p.person_level, "一般商密");
    let p = s
        .people()
        .update(pid, PersonField::AgreedDeconfidentialMonths, "3")
        .unwrap();
    assert_eq!(p.agreed_deconfidential_months, Some(3));
    let p = s
        .people()
        .update(pid, PersonField::AgreedDeconfidentialMonths, "")
        .unwrap();
    assert_eq!(p.agreed_deconfidential_months, None);
    let p = s
        .people()
        .update(pid, PersonField::NoncompeteEligibility, "高管")
        .unwrap();
    assert_eq!(
        p.noncompete_eligibility,
        NoncompeteEligibility::SeniorManager
    );
    assert_eq!(log_len(&s, &eid), n + 6);

    let bad: Vec<(PersonField, &str, &str, &str)> = vec![
        (PersonField::Name, " ", "FIELD_INVALID", "姓名"),
        (
            PersonField::EntryDate,
            "2026-06-01",
            "FIELD_INVALID",
            "入职日期",
        ),
        (PersonField::EntryDate, "", "FIELD_INVALID", "入职日期"),
        (
            PersonField::ExitDate,
            "2019-12-31",
            "FIELD_INVALID",
            "离职日期",
        ),
        (
            PersonField::EntryPledgeOn,
            "昨天",
            "FIELD_INVALID",
            "入职承诺签署日期",
        ),
        (
            PersonField::AgreedDeconfidentialMonths,
            "12",
            "FIELD_INVALID",
            "约定脱密期（如有）",
        ),
        (
            PersonField::AgreedDeconfidentialMonths,
            "三",
            "FIELD_INVALID",
            "约定脱密期（如有）",
        ),
        (
            PersonField::NoncompeteEligibility,
            "普通员工",
            "FIELD_INVALID",
            "竞业限制资格",
        ),
        (PersonField::PersonLevel, "机密", "LEVEL_UNKNOWN", ""),
    ];
    for (field, value, code, named) in bad {
        assert_eq!(
            refusal(s.people().update(pid, field, value)),
            (code, named.to_string()),
            "{field:?} = {value}"
        );
    }
    assert_eq!(
        refusal(s.people().update(9999, PersonField::Note, "x")).0,
        "PERSON_NOT_FOUND"
    );
    assert_eq!(log_len(&s, &eid), n + 6, "refusals write nothing");

    // An exit record keeps the exit date; a non-compete keeps eligibility.
    s.people()
        .record_exit(&NewExitRecord {
            person_id: pid,
            handover_done: true,
            return_confirmed: true,
            access_revoked_on: Some("2026-05-31".into()),
            reminder_letter_sent: true,
            recorded_on: "2026-06-01".into(),
        })
        .unwrap();
    assert_eq!(
        refusal(s.people().update(pid, PersonField::ExitDate, "")),
        ("FIELD_INVALID", "离职日期".to_string())
    );
    s.people()
        .add_noncompete(&noncompete(pid, "2026-06-01", "2027-05-31"))
        .unwrap();
    assert_eq!(
        refusal(
            s.people()
                .update(pid, PersonField::NoncompeteEligibility, "无")
        ),
        ("FIELD_INVALID", "竞业限制资格".to_string())
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn deleting_a_person_removes_everything_recorded_about_them() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", Some("2026-01-31"));
    let keep = add_person(&mut s, &eid, "李四", "2020-01-01", None);
    eligible(&mut s, pid);
    let pt = add_point(&mut s, &eid, "A-1");
    s.points().set_access(pt, &[pid, keep], &[]).unwrap();
    s.people()
        .add_agreement(&NewAgreement {
            person_id: pid,
            kind: AgreementKind::Nda,
            signed_on: "2020-01-01".into(),
            expires_on: None,
        })
        .unwrap();
    s.people()
        .add_noncompete(&noncompete(pid, "2026-02-01", "2027-01-31"))
        .unwrap();
    let t = s
        .trainings()
        .add(&NewTraining {
            enterprise_id: eid.clone(),
            held_on: "2025-05-01".into(),
            topic: "保密培训".into(),
            attendee_ids: vec![pid, keep],
            ..Default::default()
        })
        .unwrap();
    let n = log_len(&s, &eid);
    s.people().delete(pid).unwrap();
    assert_eq!(log_len(&s, &eid), n + 1);
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity.as_str()),
        ("删除", "涉密人员")
    );
    assert!(last.old.unwrap().contains("张三"));
    assert_eq!(refusal(s.people().get(pid)).0, "PERSON_NOT_FOUND");
    assert_eq!(s.points().access(pt).unwrap().person_ids, [keep]);
    assert!(s.people().noncompetes(&eid).unwrap().is_empty());
    assert_eq!(s.trainings().get(t.id).unwrap().attendee_ids, [keep]);
    assert_eq!(refusal(s.people().delete(pid)).0, "PERSON_NOT_FOUND");
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn point_access_names_people_of_the_same_enterprise_and_roles() {
    let (_d, mut s, eid) = setup();
    let a = add_person(&mut s, &eid, "张三", "2020-01-01", None);
    let b = add_person(&mut s, &eid, "李四", "2020-01-01", None);
    let p1 = add_point(&mut s, &eid, "B-2");
    let p2 = add_point(&mut s, &eid, "A-1");
    let other = other_enterprise(&mut s);
    let stranger = add_person(&mut s, &other, "外人", "2020-01-01", None);
    let other_point = add_point(&mut s, &other, "X-1");

    let n = log_len(&s, &eid);
    let roles = vec![
        " 工艺员 ".to_string(),
        "".into(),
        "工艺员".into(),
        "质检员".into(),
    ];
    let acc = s.points().set_access(p1, &[b, a, b], &roles).unwrap();
    assert_eq!(acc.person_ids, [a, b]);
    assert_eq!(acc.roles, ["工艺员", "质检员"]);
    assert_eq!(s.points().access(p1).unwrap(), acc);
    assert_eq!(log_len(&s, &eid), n + 1);
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.entity.as_str(),
            last.entity_id.as_str()
        ),
        ("修改", "知悉范围", "B-2")
    );
    assert!(
        last.new.as_deref().unwrap().contains("张三"),
        "{:?}",
        last.new
    );

    // Setting the same list again logs nothing.
    s.points()
        .set_access(p1, &[a, b], &["工艺员".into(), "质检员".into()])
        .unwrap();
    assert_eq!(log_len(&s, &eid), n + 1);

    s.points().set_access(p2, &[a], &[]).unwrap();
    let known: Vec<String> = s
        .people()
        .points_known_by(a)
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    assert_eq!(known, ["A-1", "B-2"]);
    assert_eq!(s.people().points_known_by(b).unwrap().len(), 1);

    // A person of another enterprise is refused, and nothing changes.
    assert_eq!(
        refusal(s.points().set_access(p1, &[a, stranger], &[])).0,
        "PERSON_NOT_FOUND"
    );
    assert_eq!(
        refusal(s.points().set_access(other_point, &[a], &[])).0,
        "PERSON_NOT_FOUND"
    );
    assert_eq!(
        refusal(s.points().set_access(9999, &[a], &[])).0,
        "SECRET_POINT_NOT_FOUND"
    );
    assert_eq!(
        refusal(s.people().points_known_by(9999)).0,
        "PERSON_NOT_FOUND"
    );
    assert_eq!(s.points().access(p1).unwrap(), acc);

    // Replacing with roles only drops the people.
    let acc = s
        .points()
        .set_access(p1, &[], &["研发部全体".into()])
        .unwrap();
    assert!(acc.person_ids.is_empty());
    assert_eq!(s.people().points_known_by(b).unwrap().len(), 0);
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn agreements_are_recorded_listed_and_deleted() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", None);
    let n = log_len(&s, &eid);
    let a = s
        .people()
        .add_agreement(&NewAgreement {
            person_id: pid,
            kind: AgreementKind::Pledge,
            signed_on: "2024/1/2".into(),
            expires_on: Some("2024-01-02".into()),
        })
        .unwrap();
    assert_eq!(
        (a.signed_on.as_str(), a.expires_on.as_deref()),
        ("2024-01-02", Some("2024-01-02"))
    );
    assert_eq!(serde_json::to_value(&a).unwrap()["kind"], "pledge");
    let b = s
        .people()
        .add_agreement(&NewAgreement {
            person_id: pid,
            kind: AgreementKind::Nda,
            signed_on: "2020-01-01".into(),
            expires_on: None,
        })
        .unwrap();
    assert_eq!(
        s.people().agreements(pid).unwrap(),
        [b.clone(), a.clone()],
        "by signing date"
    );
    // The whole enterprise's agreements in one call: the same records, only its own.
    let other = s
        .enterprises()
        .create(&NewEnterprise {
            name: "另一家企业".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        s.people().agreements_of_enterprise(&eid).unwrap(),
        [b.clone(), a.clone()]
    );
    assert!(s
        .people()
        .agreements_of_enterprise(&other.id)
        .unwrap()
        .is_empty());
    assert_eq!(
        s.people()
            .agreements_of_enterprise("nobody")
            .unwrap_err()
            .code(),
        "ENTERPRISE_NOT_FOUND"
    );
    assert_eq!(log_len(&s, &eid), n + 2);

    let bad = |signed: &str, expires: Option<&str>| NewAgreement {
        person_id: pid,
        kind: AgreementKind::ContractClause,
        signed_on: signed.into(),
        expires_on: expires.map(Into::into),
    };
    assert_eq!(
        refusal(
            s.people()
                .add_agreement(&bad("2024-01-02", Some("2024-01-01")))
        ),
        ("FIELD_INVALID", "到期日期".into())
    );
    assert_eq!(
        refusal(s.people().add_agreement(&bad("", None))),
        ("FIELD_INVALID", "签订日期".into())
    );
    assert_eq!(
        refusal(s.people().add_agreement(&NewAgreement {
            person_id: 9999,
            ..bad("2024-01-01", None)
        }))
        .0,
        "PERSON_NOT_FOUND"
    );
    assert_eq!(log_len(&s, &eid), n + 2);

    s.people().delete_agreement(a.id).unwrap();
    assert_eq!(s.people().agreements(pid).unwrap(), [b]);
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity.as_str()),
        ("删除", "保密协议")
    );
    assert_eq!(
        refusal(s.people().delete_agreement(a.id)).0,
        "AGREEMENT_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn an_exit_record_needs_an_exit_date_and_is_one_per_person() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", None);
    let rec = |revoked: Option<&str>, recorded: &str| NewExitRecord {
        person_id: pid,
        handover_done: true,
        return_confirmed: false,
        access_revoked_on: revoked.map(Into::into),
        reminder_letter_sent: true,
        recorded_on: recorded.into(),
    };
    assert_eq!(
        refusal(s.people().record_exit(&rec(None, "2026-01-01"))).0,
        "EXIT_DATE_MISSING"
    );
    assert_eq!(s.people().exit_record(pid).unwrap(), None);
    s.people()
        .update(pid, PersonField::ExitDate, "2025-12-31")
        .unwrap();

    assert_eq!(
        refusal(s.people().record_exit(&rec(Some("昨天"), "2026-01-01"))),
        ("FIELD_INVALID", "权限撤销日期".into())
    );
    assert_eq!(
        refusal(s.people().record_exit(&rec(None, ""))),
        ("FIELD_INVALID", "记录日期".into())
    );

    let n = log_len(&s, &eid);
    let r = s.people().record_exit(&rec(None, "2026/1/1")).unwrap();
    assert_eq!(
        (r.recorded_on.as_str(), r.return_confirmed),
        ("2026-01-01", false)
    );
    assert_eq!(s.people().exit_record(pid).unwrap(), Some(r));
    let r = s
        .people()
        .record_exit(&NewExitRecord {
            return_confirmed: true,
            ..rec(Some("2025-12-31"), "2026-01-02")
        })
        .unwrap();
    assert_eq!(
        s.people().exit_record(pid).unwrap(),
        Some(r.clone()),
        "replaced, still one"
    );
    let log = s.audit().log(Some(&eid)).unwrap();
    assert_eq!(log.len(), n + 2);
    let actions: Vec<&str> = log[n..].iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["新增", "修改"]);
    assert!(log[n..].iter().all(|e| e.entity == "离职记录"));

    s.people().delete_exit_record(pid).unwrap();
    assert_eq!(s.people().exit_record(pid).unwrap(), None);
    assert_eq!(log_len(&s, &eid), n + 3);
    assert_eq!(
        refusal(s.people().delete_exit_record(pid)).0,
        "EXIT_RECORD_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn a_noncompete_needs_eligibility_a_term_of_two_years_at_most_and_compensation() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", Some("2025-12-31"));
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete(&noncompete(pid, "2026-01-01", "2026-12-31"))
        )
        .0,
        "NONCOMPETE_NOT_ELIGIBLE"
    );
    let e = s
        .people()
        .add_noncompete(&noncompete(pid, "2026-01-01", "2026-12-31"))
        .unwrap_err();
    assert!(e.to_string().contains("竞业限制资格"), "{e}");
    eligible(&mut s, pid);

    // Ending on the same day two years later is the limit.
    let e = s
        .people()
        .add_noncompete(&noncompete(pid, "2026-01-01", "2028-01-02"))
        .unwrap_err();
    assert_eq!(e.code(), "NONCOMPETE_TOO_LONG");
    assert!(e.to_string().contains("竞业限制结束日期"), "{e}");
    assert_eq!(e.params()["latest"], "2028-01-01");
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete(&noncompete(pid, "2024-02-29", "2026-03-01"))
        )
        .0,
        "NONCOMPETE_TOO_LONG"
    );
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete(&noncompete(pid, "2026-03-01", "2026-02-28"))
        ),
        ("FIELD_INVALID", "竞业限制结束日期".into())
    );
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete(&noncompete(pid, "2026-02-30", "2026-12-31"))
        ),
        ("FIELD_INVALID", "竞业限制开始日期".into())
    );
    for pay in [0, -100] {
        assert_eq!(
            refusal(s.people().add_noncompete(&NewNoncompete {
                monthly_compensation: pay,
                ..noncompete(pid, "2026-01-01", "2026-12-31")
            })),
            ("FIELD_INVALID", "每月经济补偿".into())
        );
    }
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete(&noncompete(9999, "2026-01-01", "2026-12-31"))
        )
        .0,
        "PERSON_NOT_FOUND"
    );

    let n = log_len(&s, &eid);
    let nc = s
        .people()
        .add_noncompete(&noncompete(pid, "2026-01-01", "2028-01-01"))
        .unwrap();
    assert_eq!(
        (nc.person_name.as_str(), nc.monthly_compensation),
        ("张三", 3000)
    );
    assert_eq!(log_len(&s, &eid), n + 1);

    // Payments: once per month, within the term, with a valid date.
    let pay = s
        .people()
        .add_noncompete_payment(nc.id, "2026年1月", "2026-02-05")
        .unwrap();
    assert_eq!(pay.month, "2026-01");
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete_payment(nc.id, "2026-01", "2026-02-06")
        )
        .0,
        "NONCOMPETE_PAYMENT_DUPLICATE"
    );
    for (month, paid, field) in [
        ("2025-12", "2026-01-05", "补偿月份"),
        ("2028-02", "2028-03-05", "补偿月份"),
        ("2026-13", "2026-02-05", "补偿月份"),
        ("2026-02", "", "支付日期"),
    ] {
        assert_eq!(
            refusal(s.people().add_noncompete_payment(nc.id, month, paid)),
            ("FIELD_INVALID", field.into()),
            "{month}"
        );
    }
    assert_eq!(
        refusal(
            s.people()
                .add_noncompete_payment(9999, "2026-01", "2026-02-05")
        )
        .0,
        "NONCOMPETE_NOT_FOUND"
    );
    s.people()
        .add_noncompete_payment(nc.id, "2028-01", "2028-02-01")
        .unwrap();
    assert_eq!(s.people().noncompete(nc.id).unwrap().payments.len(), 2);
    assert_eq!(log_len(&s, &eid), n + 3);

    s.people().delete_noncompete_payment(pay.id).unwrap();
    assert_eq!(s.people().noncompete(nc.id).unwrap().payments.len(), 1);
    assert_eq!(
        refusal(s.people().delete_noncompete_payment(pay.id)).0,
        "NONCOMPETE_PAYMENT_NOT_FOUND"
    );
    s.people().delete_noncompete(nc.id).unwrap();
    assert_eq!(
        refusal(s.people().noncompete(nc.id)).0,
        "NONCOMPETE_NOT_FOUND"
    );
    let log = s.audit().log(Some(&eid)).unwrap();
    let tail: Vec<(&str, &str)> = log[n..]
        .iter()
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert_eq!(
        tail,
        [
            ("新增", "竞业限制"),
            ("新增", "竞业限制补偿"),
            ("新增", "竞业限制补偿"),
            ("删除", "竞业限制补偿"),
            ("删除", "竞业限制"),
        ]
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn three_unpaid_whole_months_warn_and_a_payment_clears_it() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", Some("2025-12-31"));
    eligible(&mut s, pid);
    let nc = s
        .people()
        .add_noncompete(&noncompete(pid, "2026-01-01", "2027-12-31"))
        .unwrap();

    assert!(s
        .people()
        .noncompete_warnings(&eid, d("2025-12-01"))
        .unwrap()
        .is_empty());
    // Two whole months (January, February) unpaid: no warning yet.
    assert!(s
        .people()
        .noncompete_warnings(&eid, d("2026-03-31"))
        .unwrap()
        .is_empty());
    // The third month is whole on 1 April.
    let w = s
        .people()
        .noncompete_warnings(&eid, d("2026-04-01"))
        .unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(
        (
            w[0].noncompete_id,
            w[0].person_id,
            w[0].person_name.as_str()
        ),
        (nc.id, pid, "张三")
    );
    assert_eq!(w[0].unpaid_months, ["2026-01", "2026-02", "2026-03"]);

    s.people()
        .add_noncompete_payment(nc.id, "2026-02", "2026-03-05")
        .unwrap();
    assert!(s
        .people()
        .noncompete_warnings(&eid, d("2026-04-01"))
        .unwrap()
        .is_empty());
    // A month later three months are unpaid again.
    let w = s
        .people()
        .noncompete_warnings(&eid, d("2026-05-01"))
        .unwrap();
    assert_eq!(w[0].unpaid_months, ["2026-01", "2026-03", "2026-04"]);
    for m in ["2026-01", "2026-03", "2026-04"] {
        s.people()
            .add_noncompete_payment(nc.id, m, "2026-05-02")
            .unwrap();
    }
    assert!(s
        .people()
        .noncompete_warnings(&eid, d("2026-06-30"))
        .unwrap()
        .is_empty());
}

#[test]
fn months_after_the_term_ends_are_not_counted() {
    let (_d, mut s, eid) = setup();
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", Some("2025-12-31"));
    eligible(&mut s, pid);
    // Two whole months in the term: never a warning, however late.
    s.people()
        .add_noncompete(&noncompete(pid, "2026-01-01", "2026-03-15"))
        .unwrap();
    assert!(s
        .people()
        .noncompete_warnings(&eid, d("2030-01-01"))
        .unwrap()
        .is_empty());
    // A term of exactly three whole months warns once it is over.
    let nc = s
        .people()
        .add_noncompete(&noncompete(pid, "2026-01-01", "2026-03-31"))
        .unwrap();
    let w = s
        .people()
        .noncompete_warnings(&eid, d("2030-01-01"))
        .unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].noncompete_id, w[0].unpaid_months.len()), (nc.id, 3));
    assert_eq!(
        refusal(s.people().noncompete_warnings("nope", d("2030-01-01"))).0,
        "ENTERPRISE_NOT_FOUND"
    );
}

#[test]
fn rules_are_added_updated_one_field_and_deleted() {
    let (_d, s, eid) = setup();
    let n = log_len(&s, &eid);
    let r = s
        .rules()
        .add(&NewRuleDoc {
            enterprise_id: eid.clone(),
            title: "商业秘密管理制度".into(),
            doc_no: "甲发〔2026〕1号".into(),
            issued_on: "2026/1/5".into(),
            democratic_procedure: "职工代表大会审议".into(),
            publicized_on: None,
            publicity_method: "".into(),
        })
        .unwrap();
    assert_eq!(
        (r.issued_on.as_str(), r.publicized_on.as_deref()),
        ("2026-01-05", None)
    );
    assert_eq!(s.rules().list(&eid).unwrap(), std::slice::from_ref(&r));

    let r2 = s
        .rules()
        .update(r.id, RuleDocField::PublicizedOn, "2026年1月10日")
        .unwrap();
    assert_eq!(r2.publicized_on.as_deref(), Some("2026-01-10"));
    let r2 = s
        .rules()
        .update(r.id, RuleDocField::PublicityMethod, "公告栏公示、员工签收")
        .unwrap();
    assert_eq!(r2.publicity_method, "公告栏公示、员工签收");
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.entity.as_str(),
            last.field.as_deref()
        ),
        ("修改", "制度", Some("公示/告知方式"))
    );
    let r2 = s
        .rules()
        .update(r.id, RuleDocField::PublicizedOn, "")
        .unwrap();
    assert_eq!(r2.publicized_on, None);
    assert_eq!(log_len(&s, &eid), n + 4);

    let ok = || NewRuleDoc {
        enterprise_id: eid.clone(),
        title: "保密培训制度".into(),
        issued_on: "2026-01-01".into(),
        ..Default::default()
    };
    assert_eq!(
        refusal(s.rules().add(&NewRuleDoc {
            title: " ".into(),
            ..ok()
        })),
        ("FIELD_INVALID", "制度名称".into())
    );
    assert_eq!(
        refusal(s.rules().add(&NewRuleDoc {
            issued_on: "".into(),
            ..ok()
        })),
        ("FIELD_INVALID", "发布日期".into())
    );
    assert_eq!(
        refusal(s.rules().add(&NewRuleDoc {
            publicized_on: Some("1月".into()),
            ..ok()
        })),
        ("FIELD_INVALID", "公示/告知日期".into())
    );
    assert_eq!(
        refusal(s.rules().add(&NewRuleDoc {
            enterprise_id: "nope".into(),
            ..ok()
        }))
        .0,
        "ENTERPRISE_NOT_FOUND"
    );
    assert_eq!(
        refusal(s.rules().update(r.id, RuleDocField::Title, "")),
        ("FIELD_INVALID", "制度名称".into())
    );
    assert_eq!(
        refusal(s.rules().update(r.id, RuleDocField::IssuedOn, "x")),
        ("FIELD_INVALID", "发布日期".into())
    );
    assert_eq!(
        refusal(s.rules().update(9999, RuleDocField::DocNo, "1")).0,
        "RULE_DOC_NOT_FOUND"
    );
    assert_eq!(log_len(&s, &eid), n + 4);

    s.rules().delete(r.id).unwrap();
    assert!(s.rules().list(&eid).unwrap().is_empty());
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity.as_str()),
        ("删除", "制度")
    );
    assert!(last.old.unwrap().contains("甲发〔2026〕1号"));
    assert_eq!(refusal(s.rules().delete(r.id)).0, "RULE_DOC_NOT_FOUND");
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn trainings_name_attendees_of_the_same_enterprise() {
    let (_d, mut s, eid) = setup();
    let a = add_person(&mut s, &eid, "张三", "2020-01-01", None);
    let b = add_person(&mut s, &eid, "李四", "2020-01-01", None);
    let other = other_enterprise(&mut s);
    let stranger = add_person(&mut s, &other, "外人", "2020-01-01", None);
    let n = log_len(&s, &eid);
    let t = s
        .trainings()
        .add(&NewTraining {
            enterprise_id: eid.clone(),
            held_on: "2026/3/1".into(),
            topic: "商业秘密保护入职培训".into(),
            has_sign_in_sheet: true,
            has_quiz: false,
            attendee_ids: vec![b, a, b],
        })
        .unwrap();
    assert_eq!(
        (t.held_on.as_str(), t.attendee_ids.clone()),
        ("2026-03-01", vec![a, b])
    );
    assert!(t.has_sign_in_sheet && !t.has_quiz);
    assert_eq!(s.trainings().list(&eid).unwrap(), std::slice::from_ref(&t));
    assert_eq!(log_len(&s, &eid), n + 1);

    let ok = || NewTraining {
        enterprise_id: eid.clone(),
        held_on: "2026-03-01".into(),
        topic: "复训".into(),
        ..Default::default()
    };
    assert_eq!(
        refusal(s.trainings().add(&NewTraining {
            attendee_ids: vec![a, stranger],
            ..ok()
        }))
        .0,
        "PERSON_NOT_FOUND"
    );
    assert_eq!(
        refusal(s.trainings().add(&NewTraining {
            topic: "".into(),
            ..ok()
        })),
        ("FIELD_INVALID", "培训主题".into())
    );
    assert_eq!(
        refusal(s.trainings().add(&NewTraining {
            held_on: "三月".into(),
            ..ok()
        })),
        ("FIELD_INVALID", "培训日期".into())
    );
    assert_eq!(s.trainings().list(&eid).unwrap().len(), 1);
    assert_eq!(log_len(&s, &eid), n + 1);

    s.trainings().delete(t.id).unwrap();
    assert!(s.trainings().list(&eid).unwrap().is_empty());
    let last = s.audit().log(Some(&eid)).unwrap().pop().unwrap();
    assert_eq!(
        (last.action.as_str(), last.entity.as_str()),
        ("删除", "培训记录")
    );
    assert_eq!(refusal(s.trainings().delete(t.id)).0, "TRAINING_NOT_FOUND");
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn personnel_figures_on_a_hand_computed_case() {
    let (_d, mut s, eid) = setup();
    assert_eq!(
        s.people().stats(&eid, d("2026-06-30")).unwrap(),
        PersonnelStats::default(),
        "nobody: every figure and rate is 0"
    );
    let agree = |s: &mut Store, pid: i64, on: &str| {
        s.people()
            .add_agreement(&NewAgreement {
                person_id: pid,
                kind: AgreementKind::Nda,
                signed_on: on.into(),
                expires_on: None,
            })
            .unwrap();
    };
    let train = |s: &mut Store, on: &str, who: Vec<i64>| {
        s.trainings()
            .add(&NewTraining {
                enterprise_id: eid.clone(),
                held_on: on.into(),
                topic: "保密培训".into(),
                attendee_ids: who,
                ..Default::default()
            })
            .unwrap();
    };
    let exit = |s: &mut Store, pid: i64, reminder: bool, revoked: &str| {
        s.people()
            .record_exit(&NewExitRecord {
                person_id: pid,
                handover_done: true,
                return_confirmed: true,
                access_revoked_on: Some(revoked.into()),
                reminder_letter_sent: reminder,
                recorded_on: "2026-06-01".into(),
            })
            .unwrap();
    };
    // As of 2026-06-30; the 12-month window is 2025-06-30 ..= 2026-06-30.
    let a = add_person(&mut s, &eid, "甲", "2020-01-01", None); // current
    let b = add_person(&mut s, &eid, "乙", "2021-01-01", None); // current
    let c = add_person(&mut s, &eid, "丙", "2022-01-01", Some("2026-03-01")); // left
    let dd = add_person(&mut s, &eid, "丁", "2026-07-15", None); // not yet entered
    let e = add_person(&mut s, &eid, "戊", "2023-01-01", Some("2026-06-30")); // left on the day
    let f = add_person(&mut s, &eid, "己", "2024-01-01", Some("2026-12-31")); // current, leaves later
    let g = add_person(&mut s, &eid, "庚", "2023-01-01", Some("2026-05-01")); // left

    agree(&mut s, a, "2020-01-05"); // counts
    agree(&mut s, b, "2026-07-01"); // signed after the date
    agree(&mut s, c, "2022-01-01"); // left: out of the denominator
    agree(&mut s, dd, "2026-06-01"); // not yet a 涉密人员
    agree(&mut s, f, "2026-06-30"); // signed on the date: counts

    train(&mut s, "2025-06-30", vec![a, c]); // first day of the window
    train(&mut s, "2025-06-29", vec![b, f]); // a day too early
    train(&mut s, "2026-07-01", vec![f]); // after the date

    exit(&mut s, c, true, "2026-03-01"); // complete
    exit(&mut s, e, true, "2026-07-02"); // access revoked only after the date
    exit(&mut s, g, false, "2026-05-01"); // no reminder letter

    let st = s.people().stats(&eid, d("2026-06-30")).unwrap();
    assert_eq!(
        st,
        PersonnelStats {
            current_people: 3,            // 甲 乙 己
            with_agreement: 2,            // 甲 己
            agreement_rate_permille: 666, // 2/3, rounded down
            trained_within_12_months: 1,  // 甲
            training_rate_permille: 333,
            agreement_percent: midun::score::Tenths(667), // as shown: 66.7 %, half up
            training_percent: midun::score::Tenths(333),
            exits: 3,          // 丙 戊 庚
            exits_complete: 1, // 丙
        }
    );

    // A day later: 乙's agreement counts, 甲's training has left the window,
    // 己's counts, 戊's access revocation is still in the future.
    let st = s.people().stats(&eid, d("2026-07-01")).unwrap();
    assert_eq!(
        (
            st.current_people,
            st.with_agreement,
            st.agreement_rate_permille
        ),
        (3, 3, 1000)
    );
    assert_eq!(
        (st.trained_within_12_months, st.training_rate_permille),
        (1, 333)
    );
    assert_eq!((st.exits, st.exits_complete), (3, 1));
    let st = s.people().stats(&eid, d("2026-07-02")).unwrap();
    assert_eq!((st.exits, st.exits_complete), (3, 2));
    assert_eq!(
        refusal(s.people().stats("nope", d("2026-07-01"))).0,
        "ENTERPRISE_NOT_FOUND"
    );
}

#[test]
fn every_change_is_one_audit_entry_and_the_chain_holds() {
    let (_d, mut s, eid) = setup();
    let before = log_len(&s, &eid);
    let pid = add_person(&mut s, &eid, "张三", "2020-01-01", Some("2026-01-31"));
    s.people()
        .update(pid, PersonField::Department, "技术部")
        .unwrap();
    eligible(&mut s, pid);
    let pt = add_point(&mut s, &eid, "A-1"); // 密点 entry, not ours
    let after_point = log_len(&s, &eid);
    s.points().set_access(pt, &[pid], &[]).unwrap();
    let ag = s
        .people()
        .add_agreement(&NewAgreement {
            person_id: pid,
            kind: AgreementKind::Nda,
            signed_on: "2020-01-01".into(),
            expires_on: None,
        })
        .unwrap();
    s.people()
        .record_exit(&NewExitRecord {
            person_id: pid,
            handover_done: true,
            return_confirmed: true,
            access_revoked_on: None,
            reminder_letter_sent: false,
            recorded_on: "2026-02-01".into(),
        })
        .unwrap();
    let nc = s
        .people()
        .add_noncompete(&noncompete(pid, "2026-02-01", "2027-01-31"))
        .unwrap();
    let pay = s
        .people()
        .add_noncompete_payment(nc.id, "2026-02", "2026-03-01")
        .unwrap();
    let r = s
        .rules()
        .add(&NewRuleDoc {
            enterprise_id: eid.clone(),
            title: "保密制度".into(),
            issued_on: "2026-01-01".into(),
            ..Default::default()
        })
        .unwrap();
    s.rules().update(r.id, RuleDocField::DocNo, "1号").unwrap();
    let t = s
        .trainings()
        .add(&NewTraining {
            enterprise_id: eid.clone(),
            held_on: "2026-01-10".into(),
            topic: "保密培训".into(),
            attendee_ids: vec![pid],
            ..Default::default()
        })
        .unwrap();
    s.trainings().delete(t.id).unwrap();
    s.rules().delete(r.id).unwrap();
    s.people().delete_noncompete_payment(pay.id).unwrap();
    s.people().delete_noncompete(nc.id).unwrap();
    s.people().delete_exit_record(pid).unwrap();
    s.people().delete_agreement(ag.id).unwrap();
    s.people().delete(pid).unwrap();

    let log = s.audit().log(Some(&eid)).unwrap();
    let ours: Vec<(&str, &str)> = log[before..]
        .iter()
        .filter(|e| e.entity != "密点")
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert_eq!(
        ours,
        [
            ("新增", "涉密人员"),
            ("修改", "涉密人员"),
            ("修改", "涉密人员"),
            ("修改", "知悉范围"),
            ("新增", "保密协议"),
            ("新增", "离职记录"),
            ("新增", "竞业限制"),
            ("新增", "竞业限制补偿"),
            ("新增", "制度"),
            ("修改", "制度"),
            ("新增", "培训记录"),
            ("删除", "培训记录"),
            ("删除", "制度"),
            ("删除", "竞业限制补偿"),
            ("删除", "竞业限制"),
            ("删除", "离职记录"),
            ("删除", "保密协议"),
            ("删除", "涉密人员"),
        ]
    );
    assert_eq!(log.len(), after_point + 15);
    assert!(log.iter().all(|e| e.who == "测试员"));
    assert!(s.audit().check().unwrap().is_empty());
}
