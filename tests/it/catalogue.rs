//! The default catalogue and control library load, cover what they must,
//! and every validation problem is refused with a message naming the id.

use midun::catalogue::{Catalogue, ControlLibrary, DEFAULT_CATALOGUE_JSON, DEFAULT_CONTROLS_JSON};

#[test]
fn the_default_catalogue_is_valid_and_totals_100() {
    let c = Catalogue::default_catalogue().unwrap();
    assert_eq!(c.total_points(), 100);
    let n = c.criteria().count();
    assert!((50..=80).contains(&n), "{n} criteria");
    assert!((8..=12).contains(&c.domains.len()));
    assert!(
        c.statement.contains("非官方") || c.statement.contains("不是主管部门"),
        "{}",
        c.statement
    );
    // Catalogue 2's 基础项: a written rule, a register, the written duty of
    // everyone who knows a 核心 or 重要 密点, exit procedures; and two
    // 0-point gates: no infringement penalty (D1.6) and, only when a 重大
    // incident is registered, its handling record (D9.3).
    let basics: Vec<(&str, i64, bool)> = c
        .criteria()
        .filter(|(_, k)| k.basic)
        .map(|(_, k)| (k.id.as_str(), k.points, k.gate))
        .collect();
    assert_eq!(
        basics,
        [
            ("D1.3", 3, false),
            ("D1.6", 0, true),
            ("D2.1", 1, false),
            ("D5.2", 3, false),
            ("D5.6", 3, false),
            ("D9.3", 0, true)
        ]
    );
    let d = |id: &str| c.criterion(id).unwrap();
    assert_eq!(
        d("D5.2").derive.as_ref().unwrap().rule,
        "nda_core_important"
    );
    assert_eq!(
        d("D9.3").applies_when.as_ref().unwrap().fact,
        "major_incidents"
    );
    // Points follow completeness, not the register's existence alone.
    assert_eq!(d("D2.7").derive.as_ref().unwrap().rule, "register_filled");
    // The new records each have a criterion.
    for (id, rule) in [
        ("D5.8", "access_notice_rate"),
        ("D2.8", "origin_recorded"),
        ("D5.9", "non_employee_undertakings"),
        ("D8.6", "authority_requests"),
    ] {
        assert_eq!(d(id).derive.as_ref().unwrap().rule, rule, "{id}");
    }
    // 不适用 is refused where the registers say it applies.
    assert!(d("D2.6")
        .na_refused_when
        .iter()
        .any(|c| c.fact == "technical_points"));
    assert!(d("D4.7")
        .na_refused_when
        .iter()
        .any(|c| c.fact == "oral_carriers"));
    assert!(d("D7.1")
        .na_refused_when
        .iter()
        .any(|c| c.fact == "systems"));
    assert!((15..=30).contains(&c.quick_check.len()));
    for (_, k) in c.criteria() {
        assert!(!k.basis.is_empty(), "{} has no basis", k.id);
        assert!(!k.action.is_empty(), "{} has no action", k.id);
    }
    // Never the words only a court may use.
    assert!(!DEFAULT_CATALOGUE_JSON.contains("经核查不为公众所知悉"));
    let lib = ControlLibrary::default_library().unwrap();
    assert!(lib.controls.len() >= 30);
    for stage in &lib.stages {
        assert!(
            lib.controls.iter().any(|c| &c.stage == stage),
            "no control for {stage}"
        );
    }
}

#[test]
fn the_criteria_cover_spc_article_6_and_the_shandong_systems() {
    let c = Catalogue::default_catalogue().unwrap();
    let want: Vec<String> = (1..=7)
        .map(|i| format!("spc6-{i}"))
        .chain((1..=7).map(|i| format!("sd-{i}")))
        .collect();
    for id in &want {
        assert!(
            c.coverage.iter().any(|x| &x.id == id),
            "coverage item {id} is not defined"
        );
        let covering: Vec<&str> = c
            .criteria()
            .filter(|(_, k)| k.tags.contains(id))
            .map(|(_, k)| k.id.as_str())
            .collect();
        assert!(!covering.is_empty(), "{id} is covered by no criterion");
    }
    // The reviewer's table in docs/ names every criterion.
    let doc =
        std::fs::read_to_string(crate::repo_root().join("docs/catalogue-coverage.md")).unwrap();
    for (_, k) in c.criteria() {
        assert!(
            doc.contains(&k.id),
            "docs/catalogue-coverage.md lacks {}",
            k.id
        );
    }
}

#[test]
fn show_json_is_accepted_back_unchanged() {
    let c = Catalogue::default_catalogue().unwrap();
    let again = Catalogue::parse(&c.to_json(), "shown.json", true).unwrap();
    assert_eq!(again, c);
    let v: serde_json::Value = serde_json::from_str(&c.to_json()).unwrap();
    assert!(v["domains"][0]["criteria"][0]["points"].is_i64());
}

/// Change the default catalogue's JSON with `f`, then parse it.
fn broken(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_CATALOGUE_JSON).unwrap();
    f(&mut v);
    match Catalogue::parse(&v.to_string(), "bad.json", false) {
        Ok(_) => panic!("accepted"),
        Err(e) => {
            assert_eq!(e.code(), "CATALOGUE_INVALID");
            assert!(e.to_string().contains("bad.json"));
            e.to_string()
        }
    }
}

#[test]
fn every_kind_of_catalogue_problem_is_refused_by_id() {
    let m = broken(|v| {
        let id = v["domains"][0]["criteria"][0]["id"].clone();
        v["domains"][1]["criteria"][0]["id"] = id;
    });
    assert!(m.contains("D1.1") && m.contains("编号重复"), "{m}");
    let m = broken(|v| v["domains"][0]["criteria"][1]["points"] = 0.into());
    assert!(m.contains("D1.2") && m.contains("分值须为正整数"), "{m}");
    let m = broken(|v| v["domains"][0]["criteria"][1]["points"] = (-2).into());
    assert!(m.contains("实为 -2"), "{m}");
    let m = broken(|v| v["domains"][0]["criteria"][0]["basis"][0]["source"] = "NOPE".into());
    assert!(
        m.contains("D1.1") && m.contains("不存在的来源“NOPE”"),
        "{m}"
    );
    let m = broken(|v| v["domains"][0]["criteria"][0]["evidenceKinds"][0] = "照片".into());
    assert!(m.contains("佐证材料类型“照片”不存在"), "{m}");
    let m = broken(|v| {
        v["domains"][0]["criteria"][0]["derive"] =
            serde_json::json!({"rule": "magic", "done": 1000, "partial": 0})
    });
    assert!(m.contains("推导规则“magic”不存在"), "{m}");
    let m = broken(|v| v["domains"][0]["criteria"][0]["tags"] = serde_json::json!(["zz-9"]));
    assert!(m.contains("标签“zz-9”"), "{m}");
    let m = broken(|v| v["quickCheck"][0]["answers"][0]["sets"][0]["criterion"] = "D99.9".into());
    assert!(m.contains("不存在的评价项“D99.9”"), "{m}");
    // A 基础项 that a quick-check answer would make 不适用.
    let m = broken(|v| {
        let basic = v["domains"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["criteria"].as_array().unwrap().iter())
            .find(|k| k["basic"] == true)
            .unwrap()["id"]
            .clone();
        v["quickCheck"][0]["answers"][0]["sets"] =
            serde_json::json!([{"criterion": basic, "status": "不适用"}]);
    });
    assert!(m.contains("不允许“不适用”"), "{m}");
    // The default must total 100; a loaded catalogue may total anything.
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_CATALOGUE_JSON).unwrap();
    v["domains"][0]["criteria"][0]["points"] = 7.into();
    assert!(Catalogue::parse(&v.to_string(), "local.json", false).is_ok());
    let e = Catalogue::parse(&v.to_string(), "default.json", true).unwrap_err();
    assert!(e.to_string().contains("总分须为 100"), "{e}");
    // Malformed JSON names the line.
    let e = Catalogue::parse("{\n  \"id\": ", "cut.json", false).unwrap_err();
    assert_eq!(e.code(), "CATALOGUE_UNREADABLE");
    assert!(
        e.to_string().contains("cut.json") && e.to_string().contains("第 2 行"),
        "{e}"
    );
}

#[test]
fn control_library_problems_are_refused_by_id() {
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_CONTROLS_JSON).unwrap();
    v["controls"][0]["carrierKinds"] = serde_json::json!(["图纸"]);
    v["controls"][1]["requiredFrom"] = "绝密".into();
    v["controls"][2]["stage"] = "销毁前".into();
    let e = ControlLibrary::parse(&v.to_string(), "controls.json")
        .unwrap_err()
        .to_string();
    assert!(e.contains("载体类型“图纸”不存在"), "{e}");
    assert!(e.contains("适用密级“绝密”无效"), "{e}");
    assert!(e.contains("环节“销毁前”"), "{e}");
}
