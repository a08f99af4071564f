//! 密点 in full: level scheme, fields, status transitions with approvals,
//! items, carriers, rounds, the audit log.

use midun::model::{NewApproval, NewEnterprise, Status};
use midun::store::{AnswerStatus, EnterpriseField, NewCarrier, NewRound, PointField, RoundField};
use midun::Store;

use crate::temp_db;

fn setup() -> (tempfile::TempDir, Store, String) {
    crate::fixtures::store_with("甲公司")
}

fn add(s: &Store, eid: &str, name: &str, level: &str) -> i64 {
    crate::fixtures::point(s, eid, name, level).id
}

fn approval() -> NewApproval {
    NewApproval {
        proposing_department: "技术部".into(),
        proposer: "张工".into(),
        approver: "王总".into(),
        filed_by: "保密办李某".into(),
        basis: "《商业秘密管理制度》第五条".into(),
        decided_on: "2026/3/1".into(),
        change_summary: String::new(),
    }
}

#[test]
fn the_level_scheme_refuses_state_secret_names_and_renames_in_use() {
    let (_d, s, eid) = setup();
    assert_eq!(
        s.levels().list(&eid).unwrap(),
        ["核心商密", "重要商密", "一般商密"]
    );
    let p = add(&s, &eid, "配方", "一般商密");
    for bad in [
        vec!["绝密", "一般"],
        vec!["核心★"],
        vec!["秘密"],
        vec!["企业机密级"],
    ] {
        let names: Vec<String> = bad.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            s.levels().set(&eid, &names).unwrap_err().code(),
            "LEVEL_NAME_REFUSED",
            "{bad:?}"
        );
    }
    // Dropping a level still in use is refused; renaming it carries over.
    let two: Vec<String> = vec!["核心".into(), "重要".into()];
    assert_eq!(
        s.levels().set(&eid, &two).unwrap_err().code(),
        "LEVEL_IN_USE"
    );
    let three: Vec<String> = vec!["A级".into(), "B级".into(), "C级".into()];
    s.levels().set(&eid, &three).unwrap();
    assert_eq!(s.points().get(p).unwrap().level, "C级");
    assert_eq!(s.levels().list(&eid).unwrap(), ["A级", "B级", "C级"]);
    let dup: Vec<String> = vec!["A级".into(), "A级".into()];
    assert_eq!(
        s.levels().set(&eid, &dup).unwrap_err().code(),
        "LEVEL_DUPLICATE"
    );
}

#[test]
fn fields_are_checked_one_at_a_time_and_logged() {
    let (_d, s, eid) = setup();
    let p = add(&s, &eid, "熬胶工艺", "核心商密");
    let sp = s.points().update(p, PointField::Subtype, "工艺").unwrap();
    assert_eq!(sp.subtype.as_deref(), Some("工艺"));
    // Sub-types only from SPC 2020 Art. 1's list for the category.
    for bad in ["源代码", "图纸", "客户信息"] {
        let e = s.points().update(p, PointField::Subtype, bad).unwrap_err();
        assert_eq!(e.code(), "SUBTYPE_INVALID", "{bad}");
    }
    // The category cannot change under a sub-type that does not fit it.
    assert_eq!(
        s.points()
            .update(p, PointField::Category, "经营信息")
            .unwrap_err()
            .code(),
        "SUBTYPE_INVALID"
    );
    assert_eq!(
        s.points()
            .update(p, PointField::Term, "长期")
            .unwrap()
            .term
            .unwrap()
            .label(),
        "长期"
    );
    assert_eq!(
        s.points()
            .update(p, PointField::Term, "2031年1月2日")
            .unwrap()
            .term
            .unwrap()
            .label(),
        "2031-01-02"
    );
    assert_eq!(
        s.points()
            .update(p, PointField::Term, "永久")
            .unwrap_err()
            .code(),
        "TERM_INVALID"
    );
    assert_eq!(
        s.points()
            .update(p, PointField::Level, "机密")
            .unwrap_err()
            .code(),
        "LEVEL_UNKNOWN"
    );
    assert_eq!(
        s.points()
            .update(p, PointField::ReviewDue, "明年")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    assert_eq!(
        s.points()
            .update(p, PointField::Detail, "参数……")
            .unwrap_err()
            .code(),
        "DETAIL_NOT_OPTED_IN"
    );
    s.enterprises()
        .update(&eid, EnterpriseField::DetailOptIn, "是")
        .unwrap();
    assert!(s
        .points()
        .update(p, PointField::Detail, "较长说明")
        .unwrap()
        .detail
        .is_some());
    let ch = "已在公开出版物或其他媒体上公开披露\n所属领域的一般常识或行业惯例";
    assert_eq!(
        s.points()
            .update(p, PointField::SecrecyChannels, ch)
            .unwrap()
            .secrecy_channels
            .len(),
        2
    );
    assert_eq!(
        s.points()
            .update(p, PointField::SecrecyChannels, "网上搜过")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
    // A 代号 stays unique when edited.
    let q = add(&s, &eid, "配方", "核心商密");
    let code_p = s.points().get(p).unwrap().code;
    assert_eq!(
        s.points()
            .update(q, PointField::Code, &code_p)
            .unwrap_err()
            .code(),
        "SECRET_POINT_CODE_DUPLICATE"
    );

    let log = s.audit().log(Some(&eid)).unwrap();
    let sub = log
        .iter()
        .find(|e| e.field.as_deref() == Some("子类"))
        .unwrap();
    assert_eq!(
        (sub.old.as_deref(), sub.new.as_deref()),
        (None, Some("工艺"))
    );
    assert_eq!(sub.who, "测试员");
    assert!(log
        .iter()
        .any(|e| e.field.as_deref() == Some("保密期限") && e.new.as_deref() == Some("2031-01-02")));
    // An unchanged value writes nothing.
    let n = log.len();
    s.points().update(p, PointField::Subtype, "工艺").unwrap();
    assert_eq!(s.audit().log(Some(&eid)).unwrap().len(), n);
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn status_moves_only_along_the_transitions_with_approvals() {
    let (_d, s, eid) = setup();
    let p = add(&s, &eid, "工艺", "核心商密");
    // 定密 needs its approval, complete.
    assert_eq!(
        s.points()
            .transition(p, Status::Classified, None)
            .unwrap_err()
            .code(),
        "APPROVAL_REQUIRED"
    );
    let mut a = approval();
    a.approver = " ".into();
    assert_eq!(
        s.points()
            .transition(p, Status::Classified, Some(&a))
            .unwrap_err()
            .code(),
        "APPROVAL_INCOMPLETE"
    );
    assert_eq!(
        s.points()
            .transition(p, Status::Declassified, Some(&approval()))
            .unwrap_err()
            .code(),
        "STATUS_TRANSITION_REFUSED"
    );
    assert_eq!(
        s.points()
            .transition(p, Status::Classified, Some(&approval()))
            .unwrap()
            .status,
        Status::Classified
    );
    assert_eq!(
        s.points()
            .transition(p, Status::UnderReview, None)
            .unwrap()
            .status,
        Status::UnderReview
    );
    assert_eq!(
        s.points()
            .transition(p, Status::Classified, None)
            .unwrap()
            .status,
        Status::Classified
    );
    assert_eq!(
        s.points()
            .transition(p, Status::Changed, None)
            .unwrap_err()
            .code(),
        "APPROVAL_REQUIRED"
    );
    s.points()
        .transition(p, Status::Changed, Some(&approval()))
        .unwrap();
    s.points().transition(p, Status::Classified, None).unwrap();
    s.points()
        .transition(p, Status::Declassified, Some(&approval()))
        .unwrap();
    // 已解密 is final, and is not 已公开（失密）.
    assert_eq!(
        s.points()
            .transition(p, Status::Disclosed, None)
            .unwrap_err()
            .code(),
        "STATUS_TRANSITION_REFUSED"
    );
    let approvals = s.points().approvals(p).unwrap();
    let kinds: Vec<&str> = approvals.iter().map(|a| a.kind.label()).collect();
    assert_eq!(kinds, ["定密", "变更", "解密"]);
    assert_eq!(approvals[0].decided_on, "2026-03-01");

    // Any state but 已解密 may become public; that too is final.
    let q = add(&s, &eid, "客户", "一般商密");
    s.points().transition(q, Status::Disclosed, None).unwrap();
    assert_eq!(
        s.points()
            .transition(q, Status::Classified, Some(&approval()))
            .unwrap_err()
            .code(),
        "STATUS_TRANSITION_REFUSED"
    );
    let log = s.audit().log(Some(&eid)).unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "状态变更").count(), 7);
}

#[test]
fn items_and_carriers_belong_to_one_enterprise() {
    let (_d, s, eid) = setup();
    let other = s
        .enterprises()
        .create(&NewEnterprise {
            name: "乙公司".into(),
            ..Default::default()
        })
        .unwrap();
    let p = add(&s, &eid, "熬胶火候", "核心商密");
    let foreign = add(&s, &other.id, "乙的密点", "核心商密");
    let item = s.points().add_item(&eid, "熬胶工艺").unwrap();
    assert_eq!(
        s.points().add_item(&eid, "熬胶工艺").unwrap_err().code(),
        "SECRET_ITEM_DUPLICATE"
    );
    let other_item = s.points().add_item(&other.id, "乙事项").unwrap();
    assert_eq!(
        s.points()
            .update(p, PointField::ItemId, &item.id.to_string())
            .unwrap()
            .item_id,
        Some(item.id)
    );
    assert_eq!(
        s.points()
            .update(p, PointField::ItemId, &other_item.id.to_string())
            .unwrap_err()
            .code(),
        "SECRET_ITEM_NOT_FOUND"
    );

    let mut c = NewCarrier {
        enterprise_id: eid.clone(),
        name: "工艺卡 GY-01".into(),
        kind: "纸质文件".into(),
        location: "档案室 2 号柜".into(),
        custodian: "档案员".into(),
        marked: true,
        point_ids: vec![p],
    };
    let carrier = s.carriers().add(&c).unwrap();
    assert_eq!(carrier.point_ids, vec![p]);
    c.point_ids = vec![foreign];
    assert_eq!(
        s.carriers().add(&c).unwrap_err().code(),
        "SECRET_POINT_NOT_FOUND"
    );
    c.point_ids = vec![];
    c.kind = "图纸".into();
    assert_eq!(
        s.carriers().add(&c).unwrap_err().code(),
        "CARRIER_KIND_INVALID"
    );
    c.kind = "设备".into();
    s.carriers().add(&c).unwrap();
    assert_eq!(
        s.carriers().kinds_in_use(&eid).unwrap(),
        ["纸质文件", "设备/模具"]
    );
    // Deleting the 密点 unlinks it from the carrier.
    s.points().delete(p).unwrap();
    assert!(s.carriers().get(carrier.id).unwrap().point_ids.is_empty());
    assert!(s.audit().check().unwrap().is_empty());
}

#[test]
fn a_new_round_copies_the_last_with_every_answer_to_review() {
    let (_d, s, eid) = setup();
    let new_round = |date: &str| NewRound {
        enterprise_id: eid.clone(),
        catalogue_id: "midun-default".into(),
        catalogue_version: "2026.1".into(),
        base_date: date.into(),
        filler: "刘填报".into(),
        reviewer: "陈审核".into(),
    };
    let r1 = s.rounds().start(&new_round("2026-06-30")).unwrap();
    assert_eq!(r1.round_no, 1);
    s.rounds()
        .set_answer(r1.id, "A1", AnswerStatus::Done, "有台账", "")
        .unwrap();
    assert_eq!(
        s.rounds()
            .set_answer(r1.id, "A2", AnswerStatus::NotApplicable, "", " ")
            .unwrap_err()
            .code(),
        "NOT_APPLICABLE_NEEDS_REASON"
    );
    s.rounds()
        .set_answer(r1.id, "A2", AnswerStatus::NotApplicable, "", "无此类载体")
        .unwrap();
    s.rounds()
        .update(r1.id, RoundField::Highlights, "建立了熬胶工艺分段授权")
        .unwrap();
    assert_eq!(
        s.rounds()
            .start(&new_round("2026-12-31"))
            .unwrap_err()
            .code(),
        "ROUND_STILL_OPEN"
    );
    s.rounds().close(r1.id, "{\"total\":80.0}", "{}").unwrap();
    assert_eq!(
        s.rounds()
            .set_answer(r1.id, "A1", AnswerStatus::NotDone, "", "")
            .unwrap_err()
            .code(),
        "ROUND_CLOSED"
    );

    let r2 = s.rounds().start(&new_round("2026/12/31")).unwrap();
    assert_eq!((r2.round_no, r2.base_date.as_str()), (2, "2026-12-31"));
    assert_eq!(r2.highlights, "建立了熬胶工艺分段授权");
    let answers = s.rounds().answers(r2.id).unwrap();
    assert_eq!(answers.len(), 2);
    assert!(
        answers.iter().all(|a| a.needs_review),
        "every copied answer is 待复核"
    );
    assert_eq!(answers[0].status, AnswerStatus::Done);
    // Answering again clears the flag; the old round is untouched.
    let a = s
        .rounds()
        .set_answer(r2.id, "A1", AnswerStatus::Partial, "", "")
        .unwrap();
    assert!(!a.needs_review);
    assert_eq!(
        s.rounds().answer(r1.id, "A1").unwrap().unwrap().status,
        AnswerStatus::Done
    );
    assert_eq!(
        s.rounds().snapshot(r1.id).unwrap().unwrap().0,
        "{\"total\":80.0}"
    );
    assert_eq!(
        s.rounds()
            .update(r2.id, RoundField::BaseDate, "下周")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
}

#[test]
fn the_audit_log_chain_detects_tampering() {
    let (d, s, eid) = setup();
    let p = add(&s, &eid, "配方", "核心商密");
    s.points()
        .update(p, PointField::Summary, "一种阿胶配伍")
        .unwrap();
    s.points().delete(p).unwrap();
    let log = s.audit().log(Some(&eid)).unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["新增", "新增", "修改", "删除"],
        "enterprise, point, update, delete"
    );
    assert!(log[3].old.as_deref().unwrap().contains("一种阿胶配伍"));
    assert!(s.audit().check().unwrap().is_empty());
    drop(s);

    let db = d.path().join("midun.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE audit_log SET who = '别人' WHERE seq = 2 AND enterprise_id = ?1",
        [&eid],
    )
    .unwrap();
    drop(conn);
    let s = Store::open(&db).unwrap();
    let problems = s.audit().check().unwrap();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        (problems[0].seq, problems[0].chain.as_str()),
        (2, eid.as_str())
    );
    drop(s);

    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "DELETE FROM audit_log WHERE seq = 3 AND enterprise_id = ?1",
        [&eid],
    )
    .unwrap();
    drop(conn);
    let s = Store::open(&db).unwrap();
    assert!(s
        .audit()
        .check()
        .unwrap()
        .iter()
        .any(|p| p.seq == 4 && p.problem.contains("序号不连续")));
}

#[test]
fn deleting_an_enterprise_leaves_one_entry_in_the_database_log() {
    let (_d, mut s, eid) = setup();
    add(&s, &eid, "配方", "核心商密");
    s.set_operator("顾问王").unwrap();
    s.enterprises().delete(&eid).unwrap();
    assert!(s.audit().log(Some(&eid)).unwrap().is_empty());
    let db_log = s.audit().log(None).unwrap();
    let last = db_log.last().unwrap();
    assert_eq!(
        (
            last.action.as_str(),
            last.entity_id.as_str(),
            last.who.as_str()
        ),
        ("删除", eid.as_str(), "顾问王")
    );
    assert_eq!(last.old.as_deref(), Some("甲公司"));
    assert!(s.audit().check().unwrap().is_empty());
    assert_eq!(
        s.enterprises().get(&eid).unwrap_err().code(),
        "ENTERPRISE_NOT_FOUND"
    );
}

#[test]
fn the_operator_name_is_kept_and_used() {
    let (d, mut s, eid) = setup();
    assert_eq!(
        s.set_operator("  ").unwrap_err().code(),
        "OPERATOR_NAME_INVALID"
    );
    s.set_operator("合规专员周").unwrap();
    drop(s);
    let s = Store::open(&d.path().join("midun.db")).unwrap();
    assert_eq!(s.actor(), "合规专员周");
    s.enterprises()
        .update(&eid, EnterpriseField::Industry, "食品制造")
        .unwrap();
    assert_eq!(
        s.audit().log(Some(&eid)).unwrap().last().unwrap().who,
        "合规专员周"
    );
    assert_eq!(
        s.enterprises()
            .update(&eid, EnterpriseField::Headcount, "-3")
            .unwrap_err()
            .code(),
        "FIELD_INVALID"
    );
}

#[test]
fn the_demo_fills_every_register() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap();
    let points = s.points().list(&e.id).unwrap();
    assert_eq!(points.len(), midun::demo::DEFAULT_POINTS);
    let statuses: std::collections::BTreeSet<&str> =
        points.iter().map(|p| p.status.label()).collect();
    assert!(statuses.len() >= 4, "{statuses:?}");
    assert!(points
        .iter()
        .all(|p| !p.summary.is_empty() && p.subtype.is_some()));
    let categories: std::collections::HashSet<_> = points.iter().map(|p| p.category).collect();
    assert_eq!(categories.len(), 2);
    assert!(s.points().items(&e.id).unwrap().len() >= 5);
    assert!(!s.points().approvals(points[0].id).unwrap().is_empty());
    assert_eq!(s.carriers().kinds_in_use(&e.id).unwrap().len(), 5);
    let people = s.people().list(&e.id).unwrap();
    assert_eq!(people.len(), 20);
    assert_eq!(people.iter().filter(|p| p.exit_date.is_some()).count(), 2);
    let rules = s.rules().list(&e.id).unwrap();
    assert!(rules.len() >= 7 && rules.iter().all(|r| !r.doc_no.is_empty()));
    assert_eq!(s.trainings().list(&e.id).unwrap().len(), 1);
    let evidence = s.evidence().list(&e.id).unwrap();
    let kinds: std::collections::BTreeSet<String> = evidence
        .iter()
        .map(|e| serde_json::to_string(&e.storage).unwrap())
        .collect();
    assert_eq!(
        kinds.len(),
        2,
        "a stored copy and a 登记不入库 record: {kinds:?}"
    );
    // A disclosure to a supplier under an NDA, and a filing with an
    // authority with the 第十五条 request made.
    let disclosures = s.disclosures().list(&e.id).unwrap();
    assert_eq!(disclosures.len(), 2);
    assert!(disclosures.iter().any(
        |d| d.recipient_kind == midun::store::RecipientKind::Authority
            && d.confidentiality_requested
    ));
    // The records of catalogue 2: 知悉告知 for everyone who knows a 密点, two
    // people who are not employees, a discipline record, the origin of every
    // 核心 and 重要 密点.
    let people = s.people().list(&e.id).unwrap();
    for p in &people {
        let knows = !s.people().points_known_by(p.id).unwrap().is_empty();
        assert_eq!(
            !s.people().access_notices(p.id).unwrap().is_empty(),
            knows,
            "{}",
            p.name
        );
    }
    assert_eq!(
        people
            .iter()
            .filter(|p| p.relationship != midun::store::Relationship::Employee)
            .count(),
        2
    );
    assert_eq!(s.discipline().list(&e.id).unwrap().len(), 1);
    assert!(s
        .points()
        .list(&e.id)
        .unwrap()
        .iter()
        .filter(|p| p.level != "一般商密")
        .all(|p| !p.origin.is_empty()));
    assert_eq!(s.incidents().list(&e.id).unwrap().len(), 1);
    assert_eq!(s.areas().list(&e.id).unwrap().len(), 2);
    assert_eq!(s.systems().list(&e.id).unwrap().len(), 1);
    assert!(s.enterprises().self_declaration(&e.id).unwrap().is_some());
    // Every gap of the round is planned, with an owner.
    let tasks = s.tasks().list(&e.id, None).unwrap();
    let round = s.rounds().latest(&e.id).unwrap().unwrap();
    let score = midun::assess::score_round(
        &s,
        round.id,
        &midun::catalogue::Catalogue::default_catalogue().unwrap(),
    )
    .unwrap();
    assert_eq!(tasks.len(), score.gaps.len());
    assert!(tasks
        .iter()
        .all(|t| t.criterion_id.is_some() && !t.owner_role.is_empty()));
    assert!(!s
        .points()
        .access(points[0].id)
        .unwrap()
        .person_ids
        .is_empty());
    // A fingerprint (with its 存证 certificate) per 核心 密点.
    let levels = s.levels().list(&e.id).unwrap();
    let core = points.iter().filter(|p| p.level == levels[0]).count();
    assert!(core > 1);
    assert_eq!(s.fingerprints().of_enterprise(&e.id).unwrap().len(), core);
    let stats = s
        .people()
        .stats(&e.id, chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
        .unwrap();
    assert_eq!(stats.current_people, 18);
    assert!(
        stats.agreement_rate_permille < 1000,
        "one current person has no agreement"
    );
    assert!(s.check().unwrap().is_sound());
}

#[test]
fn renaming_a_level_renames_it_everywhere_it_is_used() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap();
    let names: Vec<String> = vec!["一级".into(), "二级".into(), "三级".into()];
    s.levels().set(&e.id, &names).unwrap();
    assert!(s
        .areas()
        .list(&e.id)
        .unwrap()
        .iter()
        .any(|a| a.level == "一级"));
    assert!(s
        .people()
        .list(&e.id)
        .unwrap()
        .iter()
        .any(|p| p.person_level == "一级"));
    assert!(s
        .points()
        .list(&e.id)
        .unwrap()
        .iter()
        .all(|p| names.contains(&p.level)));
    // 一般 levels are in use by people: dropping the third level is refused.
    let two: Vec<String> = vec!["一级".into(), "二级".into()];
    assert_eq!(
        s.levels().set(&e.id, &two).unwrap_err().code(),
        "LEVEL_IN_USE"
    );
}

#[test]
fn the_register_rows_are_the_points_as_the_table_shows_them() {
    let (_d, db) = temp_db();
    let s = Store::open(&db).unwrap();
    let e = midun::demo::add_demo(&s).unwrap();
    // A term, a review date and a later field change must reach the rows too.
    let first = s.points().list(&e.id).unwrap()[0].id;
    s.points().update(first, PointField::Term, "长期").unwrap();
    s.points()
        .update(first, PointField::ReviewDue, "2027-03-31")
        .unwrap();
    s.points()
        .update(first, PointField::Department, "质检部")
        .unwrap();
    let points = s.points().list(&e.id).unwrap();
    let rows = s.points().rows(&e.id).unwrap();
    let expected: Vec<midun::model::RegisterRow> = points.iter().map(Into::into).collect();
    assert_eq!(rows, expected);
    let changed = rows.iter().find(|r| r.id == first).unwrap();
    assert_eq!(changed.department, "质检部");
    assert_eq!(changed.review_due.as_deref(), Some("2027-03-31"));
    assert_eq!(changed.term.map(|t| t.label()).as_deref(), Some("长期"));
    // In the order of their 代号, like the whole list.
    assert!(rows.windows(2).all(|w| w[0].code <= w[1].code));
    // The rows hold none of the fields only a 密点's form shows.
    let json = serde_json::to_value(&rows[0]).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for hidden in [
        "detail",
        "origin",
        "valueNote",
        "carrierIndex",
        "secrecyChannels",
    ] {
        assert!(!keys.contains(&hidden), "{hidden} in {keys:?}");
    }
    assert_eq!(
        s.points().rows("no-such-enterprise").unwrap_err().code(),
        "ENTERPRISE_NOT_FOUND"
    );
}
