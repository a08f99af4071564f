//! The smaller registers: 对外提供登记, 泄密事件, 涉密区域 / 信息系统, 自我声明,
//! 整改事项 — their rules, error codes and audit entries.

use chrono::NaiveDate;
use midun::model::{Category, NewEnterprise, NewSecretPoint};
use midun::store::{
    AreaOrSystemField, DisclosureField, IncidentField, IncidentSeverity, NewAreaOrSystem,
    NewDisclosure, NewIncident, NewRemediationTask, NewRound, NewSelfDeclaration, RecipientKind,
    RemediationField, RemediationStatus,
};
use midun::Store;

use crate::temp_db;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A store with two enterprises, each with two 密点: (store, 甲, 乙, 甲's
/// point ids, 乙's point ids).
fn setup(db: &std::path::Path) -> (Store, String, String, Vec<i64>, Vec<i64>) {
    let s = Store::open(db).unwrap();
    let mut ids = vec![];
    let mut points = vec![];
    for name in ["甲公司", "乙公司"] {
        let e = s
            .enterprises()
            .create(&NewEnterprise {
                name: name.into(),
                credit_code: None,
                credit_code_note: None,
            })
            .unwrap();
        let mut ps = vec![];
        for (code, pname) in [("A-1", "配方"), ("A-2", "工艺")] {
            let p = s
                .points()
                .add(&NewSecretPoint {
                    enterprise_id: e.id.clone(),
                    code: Some(code.into()),
                    name: pname.into(),
                    category: Category::Technical,
                    level: "核心商密".into(),
                })
                .unwrap();
            ps.push(p.id);
        }
        ids.push(e.id);
        points.push(ps);
    }
    let (pa, pb) = (points[0].clone(), points[1].clone());
    let b = ids.pop().unwrap();
    let a = ids.pop().unwrap();
    (s, a, b, pa, pb)
}

fn disclosure(eid: &str, point_id: i64, nda: &str) -> NewDisclosure {
    NewDisclosure {
        enterprise_id: eid.into(),
        point_id,
        recipient: "某某模具厂".into(),
        recipient_kind: RecipientKind::Subcontractor,
        nda_ref: nda.into(),
        disclosed_on: "2026/3/5".into(),
        purpose: "外协加工模具".into(),
        confidentiality_requested: false,
    }
}

fn incident(eid: &str, severity: IncidentSeverity, points: Vec<i64>, handled: &str) -> NewIncident {
    NewIncident {
        enterprise_id: eid.into(),
        occurred_on: "2026-02-01".into(),
        severity,
        description: "离职员工带走工艺文件".into(),
        point_ids: points,
        evidence_preserved: true,
        preservation_order: false,
        complaint: false,
        police_report: false,
        outcome: String::new(),
        handled_on: handled.into(),
    }
}

fn area(eid: &str, level: &str) -> NewAreaOrSystem {
    NewAreaOrSystem {
        enterprise_id: eid.into(),
        name: "配料间".into(),
        level: level.into(),
        access_rule: "门禁卡，仅配料组".into(),
        has_signs: false,
    }
}

fn task(eid: &str, assessment_id: Option<i64>, role: &str) -> NewRemediationTask {
    NewRemediationTask {
        enterprise_id: eid.into(),
        assessment_id,
        criterion_id: Some("C-03".into()),
        title: "补签保密协议".into(),
        owner_role: role.into(),
        due_on: "2026-06-30".into(),
    }
}

/// The last audit entry of an enterprise: (action, entity, field, old, new).
fn last_audit(
    s: &Store,
    eid: &str,
) -> (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
) {
    let log = s.audit().log(Some(eid)).unwrap();
    let e = log.last().unwrap().clone();
    (e.action, e.entity, e.field, e.old, e.new)
}

fn audit_len(s: &Store, eid: &str) -> usize {
    s.audit().log(Some(eid)).unwrap().len()
}

#[test]
fn disclosures_show_the_code_and_whether_an_nda_is_recorded() {
    let (_d, db) = temp_db();
    let (s, a, _b, pa, _pb) = setup(&db);
    let with = s
        .disclosures()
        .add(&disclosure(&a, pa[0], " NDA-2026-007 "))
        .unwrap();
    assert_eq!(with.point_code, "A-1");
    assert_eq!(with.nda_ref, "NDA-2026-007");
    assert!(with.has_nda);
    assert_eq!(with.disclosed_on, "2026-03-05", "date normalised");
    let without = s.disclosures().add(&disclosure(&a, pa[1], "")).unwrap();
    assert!(!without.has_nda);
    assert_eq!(last_audit(&s, &a).0, "新增");
    assert_eq!(last_audit(&s, &a).1, "对外提供");

    let v = serde_json::to_value(&with).unwrap();
    assert_eq!(v["recipientKind"], "subcontractor");
    assert_eq!(v["pointCode"], "A-1");
    assert_eq!(v["hasNda"], true);

    drop(s);
    let s = Store::open(&db).unwrap();
    let list = s.disclosures().list(&a).unwrap();
    assert_eq!(list, vec![with, without]);
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn disclosure_refuses_a_point_of_another_enterprise_and_bad_fields() {
    let (_d, db) = temp_db();
    let (s, a, b, pa, pb) = setup(&db);
    let e = s
        .disclosures()
        .add(&disclosure(&a, pb[0], "NDA-1"))
        .unwrap_err();
    assert_eq!(e.code(), "SECRET_POINT_NOT_FOUND");
    let mut bad = disclosure(&a, pa[0], "");
    bad.recipient = "  ".into();
    assert_eq!(
        s.disclosures().add(&bad).unwrap_err().code(),
        "FIELD_INVALID"
    );
    let mut bad = disclosure(&a, pa[0], "");
    bad.disclosed_on = "2026-02-30".into();
    assert_eq!(
        s.disclosures().add(&bad).unwrap_err().code(),
        "FIELD_INVALID"
    );
    assert_eq!(
        s.disclosures()
            .add(&disclosure("无此企业", pa[0], ""))
            .unwrap_err()
            .code(),
        "ENTERPRISE_NOT_FOUND"
    );
    assert!(s.disclosures().list(&a).unwrap().is_empty());
    assert!(s.disclosures().list(&b).unwrap().is_empty());

    let d = s.disclosures().add(&disclosure(&a, pa[0], "")).unwrap();
    let e = s
        .disclosures()
        .update(d.id, DisclosureField::PointId, &pb[1].to_string())
        .unwrap_err();
    assert_eq!(e.code(), "SECRET_POINT_NOT_FOUND");
    let e = s
        .disclosures()
        .update(d.id, DisclosureField::PointId, "A-2")
        .unwrap_err();
    assert_eq!(e.code(), "SECRET_POINT_NOT_FOUND", "an id is expected");
    let e = s
        .disclosures()
        .update(d.id, DisclosureField::RecipientKind, "路人")
        .unwrap_err();
    assert_eq!(e.code(), "FIELD_INVALID");
    assert_eq!(s.disclosures().get(d.id).unwrap(), d, "nothing changed");
    assert_eq!(
        s.disclosures().get(9999).unwrap_err().code(),
        "DISCLOSURE_NOT_FOUND"
    );
}

#[test]
fn disclosure_update_and_delete_are_audited() {
    let (_d, db) = temp_db();
    let (s, a, _b, pa, _pb) = setup(&db);
    let d = s
        .disclosures()
        .add(&disclosure(&a, pa[0], "NDA-1"))
        .unwrap();
    let n = audit_len(&s, &a);

    let d2 = s
        .disclosures()
        .update(d.id, DisclosureField::PointId, &pa[1].to_string())
        .unwrap();
    assert_eq!(d2.point_code, "A-2");
    let (action, entity, field, old, new) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("修改", "对外提供"));
    assert_eq!(field.as_deref(), Some("提供的密点"));
    assert_eq!(
        (old.as_deref(), new.as_deref()),
        (Some("A-1"), Some("A-2")),
        "by 代号"
    );

    let d3 = s
        .disclosures()
        .update(d.id, DisclosureField::NdaRef, "  ")
        .unwrap();
    assert!(!d3.has_nda);
    assert_eq!(d3.nda_ref, "");
    let d4 = s
        .disclosures()
        .update(d.id, DisclosureField::RecipientKind, "来访人员")
        .unwrap();
    assert_eq!(d4.recipient_kind, RecipientKind::Visitor);
    assert_eq!(audit_len(&s, &a), n + 3);
    // Unchanged: no entry.
    s.disclosures()
        .update(d.id, DisclosureField::RecipientKind, "来访人员")
        .unwrap();
    s.disclosures()
        .update(d.id, DisclosureField::DisclosedOn, "2026年3月5日")
        .unwrap();
    assert_eq!(audit_len(&s, &a), n + 3);

    s.disclosures().delete(d.id).unwrap();
    let (action, entity, _, old, new) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("删除", "对外提供"));
    assert!(old.unwrap().contains("来访人员"));
    assert!(new.is_none());
    assert_eq!(
        s.disclosures().get(d.id).unwrap_err().code(),
        "DISCLOSURE_NOT_FOUND"
    );
    assert_eq!(
        s.disclosures().delete(d.id).unwrap_err().code(),
        "DISCLOSURE_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn incidents_record_points_by_code_and_refuse_foreign_points() {
    let (_d, db) = temp_db();
    let (s, a, _b, pa, pb) = setup(&db);
    let e = s
        .incidents()
        .add(&incident(
            &a,
            IncidentSeverity::Major,
            vec![pa[0], pb[0]],
            "",
        ))
        .unwrap_err();
    assert_eq!(e.code(), "SECRET_POINT_NOT_FOUND");
    assert!(
        s.incidents().list(&a).unwrap().is_empty(),
        "nothing half-written"
    );

    let i = s
        .incidents()
        .add(&incident(
            &a,
            IncidentSeverity::Major,
            vec![pa[1], pa[0], pa[1]],
            "",
        ))
        .unwrap();
    assert_eq!(i.point_codes, vec!["A-1", "A-2"], "each once, by 代号");
    assert_eq!(i.point_ids, vec![pa[0], pa[1]]);
    assert!(i.evidence_preserved && !i.police_report);
    assert_eq!(i.handled_on, None);
    let v = serde_json::to_value(&i).unwrap();
    assert_eq!(v["severity"], "major");

    let e = s.incidents().set_points(i.id, &[pb[1]]).unwrap_err();
    assert_eq!(e.code(), "SECRET_POINT_NOT_FOUND");
    let n = audit_len(&s, &a);
    let i2 = s.incidents().set_points(i.id, &[pa[1]]).unwrap();
    assert_eq!(i2.point_codes, vec!["A-2"]);
    let (action, entity, field, old, new) = last_audit(&s, &a);
    assert_eq!(
        (action.as_str(), entity.as_str(), field.as_deref()),
        ("修改", "泄密事件", Some("涉及密点"))
    );
    assert_eq!(
        (old.as_deref(), new.as_deref()),
        (Some("A-1、A-2"), Some("A-2"))
    );
    s.incidents().set_points(i.id, &[pa[1]]).unwrap();
    assert_eq!(audit_len(&s, &a), n + 1, "unchanged set: no entry");

    let mut bad = incident(&a, IncidentSeverity::Ordinary, vec![], "");
    bad.description = "".into();
    assert_eq!(s.incidents().add(&bad).unwrap_err().code(), "FIELD_INVALID");
    assert_eq!(
        s.incidents().get(9999).unwrap_err().code(),
        "INCIDENT_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn major_incidents_unhandled_lists_only_major_ones_without_a_handling_record() {
    let (_d, db) = temp_db();
    let (s, a, b, pa, _pb) = setup(&db);
    let ordinary = s
        .incidents()
        .add(&incident(&a, IncidentSeverity::Ordinary, vec![pa[0]], ""))
        .unwrap();
    let handled = s
        .incidents()
        .add(&incident(&a, IncidentSeverity::Major, vec![], "2026-03-01"))
        .unwrap();
    let open = s
        .incidents()
        .add(&incident(&a, IncidentSeverity::Major, vec![pa[1]], ""))
        .unwrap();
    assert_eq!(handled.handled_on.as_deref(), Some("2026-03-01"));
    assert_eq!(s.incidents().list(&a).unwrap().len(), 3);

    let list = s.incidents().major_unhandled(&a).unwrap();
    assert_eq!(
        list,
        vec![open.clone()],
        "一般 unhandled and 重大 handled are not listed"
    );
    assert!(s.incidents().major_unhandled(&b).unwrap().is_empty());

    // Handling the open one clears the list; clearing the date brings it back.
    s.incidents()
        .update(open.id, IncidentField::HandledOn, "2026-04-02")
        .unwrap();
    assert!(s.incidents().major_unhandled(&a).unwrap().is_empty());
    s.incidents()
        .update(handled.id, IncidentField::HandledOn, "")
        .unwrap();
    assert_eq!(s.incidents().major_unhandled(&a).unwrap()[0].id, handled.id);
    // Raising the ordinary one to 重大 lists it too.
    s.incidents()
        .update(ordinary.id, IncidentField::Severity, "重大")
        .unwrap();
    let ids: Vec<i64> = s
        .incidents()
        .major_unhandled(&a)
        .unwrap()
        .iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, vec![ordinary.id, handled.id]);
    assert_eq!(
        s.incidents()
            .major_unhandled("无此企业")
            .unwrap_err()
            .code(),
        "ENTERPRISE_NOT_FOUND"
    );
}

#[test]
fn incident_fields_update_with_audit_and_date_order() {
    let (_d, db) = temp_db();
    let (s, a, _b, pa, _pb) = setup(&db);
    let i = s
        .incidents()
        .add(&incident(&a, IncidentSeverity::Major, vec![pa[0]], ""))
        .unwrap();
    let n = audit_len(&s, &a);

    let e = s
        .incidents()
        .update(i.id, IncidentField::HandledOn, "2026-01-15")
        .unwrap_err();
    assert_eq!(e.code(), "FIELD_INVALID", "handled before it happened");
    let mut bad = incident(&a, IncidentSeverity::Major, vec![], "2026-01-31");
    bad.occurred_on = "2026-02-01".into();
    assert_eq!(s.incidents().add(&bad).unwrap_err().code(), "FIELD_INVALID");
    assert_eq!(
        s.incidents()
            .update(i.id, IncidentField::Severity, "特大")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    assert_eq!(
        s.incidents()
            .update(i.id, IncidentField::PoliceReport, "也许")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    assert_eq!(audit_len(&s, &a), n, "refusals write nothing");

    let i2 = s
        .incidents()
        .update(i.id, IncidentField::PoliceReport, "是")
        .unwrap();
    assert!(i2.police_report);
    let (action, entity, field, old, new) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("修改", "泄密事件"));
    assert_eq!(field.as_deref(), Some("向公安机关报案"));
    assert_eq!((old.as_deref(), new.as_deref()), (Some("0"), Some("1")));
    s.incidents()
        .update(i.id, IncidentField::PoliceReport, "true")
        .unwrap();
    assert_eq!(audit_len(&s, &a), n + 1, "unchanged: no entry");

    let i3 = s
        .incidents()
        .update(i.id, IncidentField::HandledOn, "2026/4/1")
        .unwrap();
    assert_eq!(i3.handled_on.as_deref(), Some("2026-04-01"));
    let e = s
        .incidents()
        .update(i.id, IncidentField::OccurredOn, "2026-05-01")
        .unwrap_err();
    assert_eq!(
        e.code(),
        "FIELD_INVALID",
        "would fall after the handling date"
    );
    let i4 = s
        .incidents()
        .update(i.id, IncidentField::Outcome, "已立案，对方删除文件")
        .unwrap();
    assert_eq!(i4.outcome, "已立案，对方删除文件");

    s.incidents().delete(i.id).unwrap();
    let (action, entity, _, old, _) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("删除", "泄密事件"));
    assert!(old.unwrap().contains("已立案"));
    assert_eq!(
        s.incidents().get(i.id).unwrap_err().code(),
        "INCIDENT_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn areas_and_systems_take_levels_of_the_scheme() {
    let (_d, db) = temp_db();
    let (s, a, b, _pa, _pb) = setup(&db);
    let ar = s.areas().add(&area(&a, "核心")).unwrap();
    assert_eq!(
        ar.level, "核心商密",
        "short form resolved against the scheme"
    );
    let e = s.areas().add(&area(&a, "绝密")).unwrap_err();
    assert_eq!(e.code(), "LEVEL_UNKNOWN");
    let e = s.systems().add(&area(&a, "机要级")).unwrap_err();
    assert_eq!(e.code(), "LEVEL_UNKNOWN");

    // A level of another enterprise's own scheme is not in this one.
    s.levels().set(&b, &["甲级".into(), "乙级".into()]).unwrap();
    assert_eq!(
        s.areas().add(&area(&a, "甲级")).unwrap_err().code(),
        "LEVEL_UNKNOWN"
    );
    let sb = s.systems().add(&area(&b, "甲级")).unwrap();
    assert_eq!(sb.level, "甲级");
    assert_eq!(
        s.systems()
            .update(sb.id, AreaOrSystemField::Level, "核心商密")
            .unwrap_err()
            .code(),
        "LEVEL_UNKNOWN"
    );

    let mut nameless = area(&a, "核心商密");
    nameless.name = " ".into();
    assert_eq!(
        s.systems().add(&nameless).unwrap_err().code(),
        "FIELD_INVALID"
    );

    // Two tables: an area is not a system.
    assert!(s.systems().list(&a).unwrap().is_empty());
    assert_eq!(s.areas().list(&a).unwrap(), vec![ar.clone()]);
    let second_area = s.areas().add(&area(&b, "乙级")).unwrap();
    assert_eq!(
        s.systems().list(&b).unwrap(),
        vec![sb.clone()],
        "the only system"
    );
    assert_ne!(second_area.id, sb.id);
    assert_eq!(
        s.systems().get(second_area.id).unwrap_err().code(),
        "INFO_SYSTEM_NOT_FOUND"
    );
    assert_eq!(
        s.areas().get(9999).unwrap_err().code(),
        "SECRET_AREA_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn areas_and_systems_update_and_delete_with_audit() {
    let (_d, db) = temp_db();
    let (s, a, _b, _pa, _pb) = setup(&db);
    let ar = s.areas().add(&area(&a, "核心商密")).unwrap();
    let (action, entity, ..) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("新增", "涉密区域"));
    let sy = s.systems().add(&area(&a, "重要商密")).unwrap();
    let (action, entity, ..) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("新增", "信息系统"));

    let n = audit_len(&s, &a);
    let ar2 = s
        .areas()
        .update(ar.id, AreaOrSystemField::HasSigns, "是")
        .unwrap();
    assert!(ar2.has_signs);
    let ar3 = s
        .areas()
        .update(ar.id, AreaOrSystemField::Level, "一般")
        .unwrap();
    assert_eq!(ar3.level, "一般商密");
    let (_, _, field, old, new) = last_audit(&s, &a);
    assert_eq!(field.as_deref(), Some("密级"));
    assert_eq!(
        (old.as_deref(), new.as_deref()),
        (Some("核心商密"), Some("一般商密"))
    );
    s.areas()
        .update(ar.id, AreaOrSystemField::Level, "一般商密")
        .unwrap();
    assert_eq!(audit_len(&s, &a), n + 2, "unchanged: no entry");
    assert_eq!(
        s.systems().get(sy.id).unwrap(),
        sy,
        "the system is untouched"
    );

    let sy2 = s
        .systems()
        .update(sy.id, AreaOrSystemField::Name, "PLM 系统")
        .unwrap();
    assert_eq!(sy2.name, "PLM 系统");
    let (action, entity, field, ..) = last_audit(&s, &a);
    assert_eq!(
        (action.as_str(), entity.as_str(), field.as_deref()),
        ("修改", "信息系统", Some("名称"))
    );
    assert_eq!(
        s.systems()
            .update(sy.id, AreaOrSystemField::Name, "")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );

    s.systems().delete(sy.id).unwrap();
    let (action, entity, _, old, _) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("删除", "信息系统"));
    assert!(old.unwrap().contains("PLM 系统"));
    assert_eq!(
        s.systems().delete(sy.id).unwrap_err().code(),
        "INFO_SYSTEM_NOT_FOUND"
    );
    s.areas().delete(ar.id).unwrap();
    assert!(s.areas().list(&a).unwrap().is_empty());
    assert_eq!(last_audit(&s, &a).1, "涉密区域");
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn self_declaration_is_one_per_enterprise_and_not_dated_in_the_future() {
    let (_d, db) = temp_db();
    let (s, a, b, _pa, _pb) = setup(&db);
    let today = date("2026-05-10");
    assert_eq!(s.enterprises().self_declaration(&a).unwrap(), None);
    let mut input = NewSelfDeclaration {
        enterprise_id: a.clone(),
        no_infringement_penalty_3y: true,
        declared_on: "2026-05-11".into(),
        declarant: "张三（法定代表人）".into(),
    };
    let e = s
        .enterprises()
        .set_self_declaration(&input, today)
        .unwrap_err();
    assert_eq!(e.code(), "DATE_IN_FUTURE");
    assert_eq!(e.params()["date"], "2026-05-11");
    assert_eq!(s.enterprises().self_declaration(&a).unwrap(), None);

    input.declared_on = "2026/5/10".into();
    let d = s.enterprises().set_self_declaration(&input, today).unwrap();
    assert_eq!(d.declared_on, "2026-05-10", "today is allowed");
    assert!(d.no_infringement_penalty_3y);
    let (action, entity, _, old, new) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("新增", "自我声明"));
    assert!(old.is_none() && new.is_some());
    let n = audit_len(&s, &a);
    s.enterprises().set_self_declaration(&input, today).unwrap();
    assert_eq!(audit_len(&s, &a), n, "unchanged: no entry");

    input.no_infringement_penalty_3y = false;
    input.declared_on = "2026-05-01".into();
    let d2 = s.enterprises().set_self_declaration(&input, today).unwrap();
    assert!(!d2.no_infringement_penalty_3y);
    let (action, ..) = last_audit(&s, &a);
    assert_eq!(action, "修改");
    assert_eq!(audit_len(&s, &a), n + 1);

    input.declarant = "  ".into();
    assert_eq!(
        s.enterprises()
            .set_self_declaration(&input, today)
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    input.enterprise_id = "无此企业".into();
    assert_eq!(
        s.enterprises()
            .set_self_declaration(&input, today)
            .unwrap_err()
            .code(),
        "ENTERPRISE_NOT_FOUND"
    );

    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(
        s.enterprises().self_declaration(&a).unwrap(),
        Some(d2),
        "one record, the latest"
    );
    assert_eq!(s.enterprises().self_declaration(&b).unwrap(), None);
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn tasks_need_a_role_and_a_closing_date_that_reopening_clears() {
    let (_d, db) = temp_db();
    let (s, a, _b, _pa, _pb) = setup(&db);
    let today = date("2026-05-10");
    assert_eq!(
        s.tasks().add(&task(&a, None, "  ")).unwrap_err().code(),
        "REMEDIATION_OWNER_ROLE_EMPTY"
    );
    let t = s.tasks().add(&task(&a, None, " 保密办 ")).unwrap();
    assert_eq!(t.owner_role, "保密办");
    assert_eq!(t.status, RemediationStatus::Open);
    assert_eq!(t.closed_on, None);
    assert_eq!(
        s.tasks()
            .update(t.id, RemediationField::OwnerRole, "")
            .unwrap_err()
            .code(),
        "REMEDIATION_OWNER_ROLE_EMPTY"
    );

    let e = s
        .tasks()
        .set_status(t.id, RemediationStatus::Done, None, today)
        .unwrap_err();
    assert_eq!(e.code(), "REMEDIATION_CLOSED_ON_REQUIRED");
    let e = s
        .tasks()
        .set_status(t.id, RemediationStatus::Done, Some(" "), today)
        .unwrap_err();
    assert_eq!(e.code(), "REMEDIATION_CLOSED_ON_REQUIRED");
    let e = s
        .tasks()
        .set_status(t.id, RemediationStatus::Done, Some("2026-05-11"), today)
        .unwrap_err();
    assert_eq!(e.code(), "DATE_IN_FUTURE");
    let e = s
        .tasks()
        .set_status(
            t.id,
            RemediationStatus::InProgress,
            Some("2026-05-01"),
            today,
        )
        .unwrap_err();
    assert_eq!(
        e.code(),
        "FIELD_INVALID",
        "only 已完成 takes a closing date"
    );
    assert_eq!(s.tasks().get(t.id).unwrap(), t, "refusals change nothing");

    let n = audit_len(&s, &a);
    let done = s
        .tasks()
        .set_status(t.id, RemediationStatus::Done, Some("2026/5/10"), today)
        .unwrap();
    assert_eq!(done.status, RemediationStatus::Done);
    assert_eq!(done.closed_on.as_deref(), Some("2026-05-10"));
    let (action, entity, field, old, new) = last_audit(&s, &a);
    assert_eq!(
        (action.as_str(), entity.as_str(), field.as_deref()),
        ("修改", "整改事项", Some("整改状态"))
    );
    assert_eq!(
        (old.as_deref(), new.as_deref()),
        (Some("待整改"), Some("已完成（2026-05-10）"))
    );
    s.tasks()
        .set_status(t.id, RemediationStatus::Done, Some("2026-05-10"), today)
        .unwrap();
    assert_eq!(audit_len(&s, &a), n + 1, "unchanged: no entry");

    let reopened = s
        .tasks()
        .set_status(t.id, RemediationStatus::InProgress, None, today)
        .unwrap();
    assert_eq!(reopened.status, RemediationStatus::InProgress);
    assert_eq!(
        reopened.closed_on, None,
        "reopening clears the closing date"
    );
    let v = serde_json::to_value(&reopened).unwrap();
    assert_eq!(v["status"], "in_progress");
    assert!(v["closedOn"].is_null());

    drop(s);
    let s = Store::open(&db).unwrap();
    assert_eq!(s.tasks().get(t.id).unwrap(), reopened);
    assert_eq!(
        s.tasks().get(9999).unwrap_err().code(),
        "REMEDIATION_TASK_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn tasks_belong_to_a_round_of_their_enterprise() {
    let (_d, db) = temp_db();
    let (s, a, b, _pa, _pb) = setup(&db);
    let round = |eid: &str| NewRound {
        enterprise_id: eid.into(),
        catalogue_id: "midun-default".into(),
        catalogue_version: "1".into(),
        base_date: "2026-04-30".into(),
        filler: "李四".into(),
        reviewer: "王五".into(),
    };
    let ra = s.rounds().start(&round(&a)).unwrap();
    let rb = s.rounds().start(&round(&b)).unwrap();
    assert_eq!(
        s.tasks()
            .add(&task(&a, Some(rb.id), "保密办"))
            .unwrap_err()
            .code(),
        "ROUND_NOT_FOUND"
    );

    let t1 = s.tasks().add(&task(&a, Some(ra.id), "保密办")).unwrap();
    let mut later = task(&a, None, "技术部负责人");
    later.due_on = "2026-09-01".into();
    later.criterion_id = Some("  ".into());
    let t2 = s.tasks().add(&later).unwrap();
    assert_eq!(t2.criterion_id, None, "blank criterion is none");
    assert_eq!(t1.criterion_id.as_deref(), Some("C-03"));
    assert_eq!(
        s.tasks().list(&a, None).unwrap(),
        vec![t1.clone(), t2.clone()],
        "by due date"
    );
    assert_eq!(s.tasks().list(&a, Some(ra.id)).unwrap(), vec![t1.clone()]);
    assert!(s.tasks().list(&b, None).unwrap().is_empty());

    assert_eq!(
        s.tasks()
            .update(t2.id, RemediationField::AssessmentId, &rb.id.to_string())
            .unwrap_err()
            .code(),
        "ROUND_NOT_FOUND"
    );
    let t2b = s
        .tasks()
        .update(t2.id, RemediationField::AssessmentId, &ra.id.to_string())
        .unwrap();
    assert_eq!(t2b.assessment_id, Some(ra.id));
    let t2c = s
        .tasks()
        .update(t2.id, RemediationField::DueOn, "2026-01-31")
        .unwrap();
    assert_eq!(t2c.due_on, "2026-01-31");
    assert_eq!(
        s.tasks()
            .list(&a, Some(ra.id))
            .unwrap()
            .iter()
            .map(|t| t.id)
            .collect::<Vec<_>>(),
        vec![t2.id, t1.id]
    );
    let (_, _, field, old, new) = last_audit(&s, &a);
    assert_eq!(field.as_deref(), Some("完成期限"));
    assert_eq!(
        (old.as_deref(), new.as_deref()),
        (Some("2026-09-01"), Some("2026-01-31"))
    );
    assert_eq!(
        s.tasks()
            .update(t2.id, RemediationField::Title, " ")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );

    // Deleting the round keeps the tasks, without their round.
    drop(s);
    {
        let conn = midun::store::open_checked(&db, None).unwrap();
        conn.execute("DELETE FROM assessment WHERE id = ?1", [ra.id])
            .unwrap();
    }
    let s = Store::open(&db).unwrap();
    let tasks = s.tasks().list(&a, None).unwrap();
    assert_eq!(tasks.len(), 2);
    assert!(tasks.iter().all(|t| t.assessment_id.is_none()));

    s.tasks().delete(t1.id).unwrap();
    let (action, entity, _, old, _) = last_audit(&s, &a);
    assert_eq!((action.as_str(), entity.as_str()), ("删除", "整改事项"));
    assert!(old.unwrap().contains("补签保密协议"));
    assert_eq!(
        s.tasks().delete(t1.id).unwrap_err().code(),
        "REMEDIATION_TASK_NOT_FOUND"
    );
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn deleting_a_point_or_an_enterprise_removes_its_register_rows() {
    let (_d, db) = temp_db();
    let (s, a, b, pa, pb) = setup(&db);
    s.disclosures()
        .add(&disclosure(&a, pa[0], "NDA-1"))
        .unwrap();
    let keep = s
        .disclosures()
        .add(&disclosure(&a, pa[1], "NDA-2"))
        .unwrap();
    let i = s
        .incidents()
        .add(&incident(
            &a,
            IncidentSeverity::Major,
            vec![pa[0], pa[1]],
            "",
        ))
        .unwrap();
    s.points().delete(pa[0]).unwrap();
    assert_eq!(s.disclosures().list(&a).unwrap(), vec![keep]);
    assert_eq!(s.incidents().get(i.id).unwrap().point_codes, vec!["A-2"]);

    s.disclosures().add(&disclosure(&b, pb[0], "")).unwrap();
    s.areas().add(&area(&b, "核心商密")).unwrap();
    s.tasks().add(&task(&b, None, "保密办")).unwrap();
    s.enterprises().delete(&b).unwrap();
    assert_eq!(
        s.disclosures().list(&b).unwrap_err().code(),
        "ENTERPRISE_NOT_FOUND"
    );
    let conn = midun::store::open_checked(&db, None).unwrap();
    for table in ["disclosure", "secret_area", "remediation_task"] {
        let n: i64 = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE enterprise_id = ?1"),
                [&b],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    assert!(s.audit().check().unwrap().is_empty());
}
