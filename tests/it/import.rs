//! Importing the 密点 register from .xlsx and .csv: all rows or none.

use midun::import::{csv_rows, decode_text, read_rows, template_csv, template_xlsx, xlsx_rows};
use midun::model::{NewEnterprise, Term};
use midun::store::{NewPerson, Store};
use midun::Error;

struct Env {
    dir: tempfile::TempDir,
    s: Store,
    eid: String,
}

fn env() -> Env {
    let (dir, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let eid = s
        .enterprises()
        .create(&NewEnterprise {
            name: "导入测试企业".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    for (name, dept) in [
        ("张建国", "生产技术部"),
        ("李秀英", "生产技术部"),
        ("王明德", "总经理办公室"),
    ] {
        s.people()
            .add(&NewPerson {
                enterprise_id: eid.clone(),
                name: name.into(),
                department: dept.into(),
                entry_date: "2020-01-01".into(),
                ..Default::default()
            })
            .unwrap();
    }
    Env { dir, s, eid }
}

fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write(r as u32, c as u16, v.as_str()).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

const HEAD: [&str; 12] = [
    "代号",
    "事项",
    "名称",
    "类别",
    "子类",
    "概述",
    "密级",
    "保密期限",
    "知悉范围",
    "责任部门",
    "责任人",
    "载体",
];

#[test]
fn five_hundred_rows_from_xlsx_come_in_whole_with_items_access_and_carriers() {
    let e = env();
    let mut rows = vec![row(&HEAD)];
    for i in 0..500 {
        rows.push(row(&[
            if i == 0 { "JS-001" } else { "" },
            if i % 2 == 0 {
                "熬制工艺"
            } else {
                "客户资源"
            },
            &format!("第{i}号工序控制要点"),
            if i % 2 == 0 { "技术" } else { "经营信息" },
            "",
            "说明控制思路，不写参数",
            ["核心", "重要商密", "一般"][i % 3],
            if i % 5 == 0 { "2031/6/30" } else { "长期" },
            "生产技术部:张建国,李秀英；工艺员",
            "生产技术部",
            "张建国",
            "纸质、电子文件/数据",
        ]));
    }
    let path = e.dir.path().join("密点.xlsx");
    std::fs::write(&path, xlsx(&rows)).unwrap();
    let rows = read_rows(&path).unwrap();
    let out = e.s.points().import(&e.eid, &rows).unwrap();
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.imported, 500);

    let points = e.s.points().list(&e.eid).unwrap();
    assert_eq!(points.len(), 500);
    let first = points.iter().find(|p| p.code == "JS-001").unwrap();
    assert_eq!(first.level, "核心商密");
    assert_eq!(
        first.term,
        Some(Term::Until(
            chrono::NaiveDate::from_ymd_opt(2031, 6, 30).unwrap()
        ))
    );
    assert_eq!(first.carrier_index, "纸质文件、电子文件/数据");
    assert!(
        points.iter().any(|p| p.code.starts_with("MD-")),
        "codes generated"
    );
    let items = e.s.points().items(&e.eid).unwrap();
    assert_eq!(items.len(), 2, "one item per name");
    let access = e.s.points().access(first.id).unwrap();
    assert_eq!(access.person_ids.len(), 2);
    assert_eq!(access.roles, ["工艺员"]);
    let log = e.s.audit().log(Some(&e.eid)).unwrap();
    assert!(log
        .iter()
        .any(|a| a.action == "导入" && a.new.as_deref() == Some("从文件导入 500 个密点")));
}

#[test]
fn one_bad_row_imports_nothing_and_every_problem_is_named() {
    let e = env();
    let before_log = e.s.audit().log(Some(&e.eid)).unwrap().len();
    let rows = vec![
        row(&[
            "代号",
            "名称",
            "类别",
            "密级",
            "保密期限",
            "载体",
            "知悉范围",
        ]),
        row(&["A-1", "合格的一行", "技术信息", "核心", "长期", "", ""]),
        row(&["", "", "技术信息", "核心", "", "", ""]),
        row(&["", "坏类别", "配方", "核心", "", "", ""]),
        row(&["", "坏密级", "技术信息", "绝密", "", "", ""]),
        row(&["", "坏日期", "技术信息", "一般", "2030-13-45", "", ""]),
        row(&["", "坏载体", "技术信息", "一般", "", "光盘", ""]),
        row(&["A-1", "重号", "技术信息", "一般", "", "", ""]),
        row(&[
            "",
            "查无此人",
            "技术信息",
            "一般",
            "",
            "",
            "生产技术部:赵无名",
        ]),
    ];
    let out = e.s.points().import(&e.eid, &rows).unwrap();
    assert_eq!(out.imported, 0);
    let got: Vec<(usize, &str)> = out
        .errors
        .iter()
        .map(|r| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (3, "名称"),
            (4, "类别"),
            (5, "密级"),
            (6, "保密期限"),
            (7, "载体"),
            (8, "代号"),
            (9, "知悉范围")
        ]
    );
    assert!(
        out.errors[5].reason.contains("第 2 行"),
        "{:?}",
        out.errors[5]
    );
    assert!(
        out.errors[2].reason.contains("核心商密"),
        "names the allowed levels"
    );
    assert!(
        e.s.points().list(&e.eid).unwrap().is_empty(),
        "nothing written"
    );
    assert_eq!(e.s.audit().log(Some(&e.eid)).unwrap().len(), before_log);
}

#[test]
fn headers_take_aliases_and_a_missing_required_column_is_named() {
    let e = env();
    let out =
        e.s.points()
            .import(
                &e.eid,
                &[
                    row(&["编号", "密点名称", "描述", "部门"]),
                    row(&["", "x", "y", "z"]),
                ],
            )
            .unwrap();
    let missing: Vec<&str> = out.errors.iter().map(|r| r.column.as_str()).collect();
    assert_eq!(missing, ["类别", "密级"]);
    assert!(out.errors.iter().all(|r| r.row == 1));

    let out =
        e.s.points()
            .import(
                &e.eid,
                &[
                    row(&["密点名称", "信息类别", "等级", "描述", "部门"]),
                    row(&["别名列也能导入", "其他", "一般", "说明", "研发中心"]),
                ],
            )
            .unwrap();
    assert_eq!(out.imported, 1, "{:?}", out.errors);
    let p = &e.s.points().list(&e.eid).unwrap()[0];
    assert_eq!(
        (p.summary.as_str(), p.department.as_str()),
        ("说明", "研发中心")
    );
}

#[test]
fn csv_in_utf8_with_or_without_bom_and_in_gb18030_reads_the_same() {
    let text = "名称,类别,密级\r\n重点客户名单（华北）,经营信息,重要\r\n";
    let utf8 = csv_rows(text.as_bytes()).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    assert_ne!(
        &gb[..],
        text.as_bytes(),
        "the GB18030 bytes differ from UTF-8"
    );
    assert_eq!(csv_rows(&bom).unwrap(), utf8);
    assert_eq!(csv_rows(&gb).unwrap(), utf8);
    assert_eq!(utf8[1][0], "重点客户名单（华北）");
    // Bytes that are neither are refused with the way out named.
    assert!(
        matches!(decode_text(&[0xFF, 0xFE, 0xFD, 0x81]), Err(Error::ImportFileInvalid { detail }) if detail.contains("UTF-8"))
    );
}

#[test]
fn the_templates_read_back_and_their_example_is_not_imported() {
    let e = env();
    let rows = xlsx_rows(template_xlsx().unwrap()).unwrap();
    assert_eq!(rows[0], row(&HEAD));
    // Only the explanations and the example: nothing to import.
    assert!(matches!(
        e.s.points().import(&e.eid, &rows),
        Err(Error::ImportFileInvalid { .. })
    ));
    let rows = csv_rows(&template_csv()).unwrap();
    assert_eq!(rows[0], row(&HEAD));
    let mut filled = rows.clone();
    filled.push(row(&[
        "",
        "",
        "我方填写的密点",
        "技术信息",
        "",
        "",
        "核心",
        "",
        "",
        "",
        "",
        "",
    ]));
    let out = e.s.points().import(&e.eid, &filled).unwrap();
    assert_eq!(out.imported, 1, "{:?}", out.errors);
    // Not a spreadsheet at all.
    let junk = e.dir.path().join("x.xlsx");
    std::fs::write(&junk, b"not a zip").unwrap();
    assert!(matches!(
        read_rows(&junk),
        Err(Error::ImportFileInvalid { .. })
    ));
    let pdf = e.dir.path().join("x.pdf");
    std::fs::write(&pdf, b"%PDF").unwrap();
    assert!(matches!(
        read_rows(&pdf),
        Err(Error::ImportFileInvalid { .. })
    ));
}

#[test]
fn an_excel_date_cell_reads_as_a_date_and_numbers_lose_no_digits() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["代号", "名称", "类别", "密级", "保密期限"]
        .iter()
        .enumerate()
    {
        sheet.write(0, c as u16, *h).unwrap();
    }
    sheet.write(1, 0, 20261128.0).unwrap();
    sheet.write(1, 1, "日期单元格的密点").unwrap();
    sheet.write(1, 2, "技术信息").unwrap();
    sheet.write(1, 3, "一般").unwrap();
    let date = ExcelDateTime::from_ymd(2032, 1, 15).unwrap();
    sheet
        .write_datetime_with_format(1, 4, &date, &Format::new().set_num_format("yyyy年m月d日"))
        .unwrap();
    let rows = xlsx_rows(book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(rows[1][0], "20261128", "an integer stays an integer");
    assert_eq!(rows[1][4], "2032-01-15");
    let e = env();
    assert_eq!(e.s.points().import(&e.eid, &rows).unwrap().imported, 1);
    let p = &e.s.points().list(&e.eid).unwrap()[0];
    assert_eq!(p.code, "20261128");
    assert_eq!(
        p.term,
        Some(Term::Until(
            chrono::NaiveDate::from_ymd_opt(2032, 1, 15).unwrap()
        ))
    );
}

#[test]
fn bulk_add_takes_one_name_per_line_all_or_none() {
    let e = env();
    let out =
        e.s.points()
            .bulk_add(
                &e.eid,
                "第一个工序要点\n\n第二个工序要点\n第三个工序要点\n",
                midun::model::Category::Technical,
                "重要",
            )
            .unwrap();
    assert_eq!(out.imported, 3, "{:?}", out.errors);
    let names: Vec<String> =
        e.s.points()
            .list(&e.eid)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
    assert_eq!(
        names,
        ["第一个工序要点", "第二个工序要点", "第三个工序要点"]
    );
    assert!(e
        .s
        .points()
        .list(&e.eid)
        .unwrap()
        .iter()
        .all(|p| p.level == "重要商密"));
    // A level the scheme lacks: every line refused, named by its line.
    let out =
        e.s.points()
            .bulk_add(&e.eid, "甲\n乙", midun::model::Category::Technical, "绝密")
            .unwrap();
    assert_eq!(out.imported, 0);
    assert_eq!(out.errors.iter().map(|r| r.row).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(e.s.points().list(&e.eid).unwrap().len(), 3);
}

/// A register whose 知悉范围 names people not yet in the 涉密人员台账.
fn register_naming_newcomers() -> Vec<Vec<String>> {
    vec![
        row(&HEAD),
        row(&[
            "",
            "",
            "熬胶火候",
            "技术信息",
            "工艺",
            "火候控制要点",
            "核心商密",
            "长期",
            "研发部:张喆,李娜;工艺员",
            "研发部",
            "",
            "",
        ]),
        row(&[
            "",
            "",
            "配料比例",
            "技术信息",
            "配方",
            "配料要点",
            "核心商密",
            "长期",
            "研发部:张喆;生产技术部:张建国",
            "研发部",
            "",
            "",
        ]),
    ]
}

fn levels(_e: &Env) {
    // The default scheme (核心商密, 重要商密, 一般商密) serves.
}

#[test]
fn people_missing_from_the_register_are_listed_once_then_added_or_kept_by_choice() {
    use midun::store::{MissingPeople, PointImportOptions, ADDED_PERSON_NOTE, UNLINKED_MARK};
    let e = env();
    levels(&e);
    let rows = register_naming_newcomers();
    // By default: nothing written, each newcomer listed once with its rows.
    let out = e.s.points().import(&e.eid, &rows).unwrap();
    assert_eq!(out.imported, 0);
    let listed: Vec<(String, String, Vec<usize>)> = out
        .missing_people
        .iter()
        .map(|m| (m.department.clone(), m.name.clone(), m.rows.clone()))
        .collect();
    assert_eq!(
        listed,
        vec![
            ("研发部".into(), "张喆".into(), vec![2, 3]),
            ("研发部".into(), "李娜".into(), vec![2]),
        ]
    );
    assert_eq!(e.s.points().list(&e.eid).unwrap().len(), 0);
    assert_eq!(e.s.people().list(&e.eid).unwrap().len(), 3);

    // A real error besides them: refused as before, no choice offered.
    let mut bad = rows.clone();
    bad[2][6] = "不存在的密级".into();
    let out = e.s.points().import(&e.eid, &bad).unwrap();
    assert!(out.missing_people.is_empty() && !out.errors.is_empty());

    // Keep: the names stay in the 知悉范围, unlinked, marked 待补全.
    let keep = PointImportOptions {
        missing_people: MissingPeople::Keep,
        ..Default::default()
    };
    let (dir2, db2) = crate::temp_db();
    let s2 = Store::open(&db2).unwrap();
    let eid2 = s2
        .enterprises()
        .create(&NewEnterprise {
            name: "保留姓名企业".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    let mut rows2 = rows.clone();
    rows2[2][8] = "研发部:张喆".into();
    let out = s2.points().import_with(&eid2, &rows2, &keep).unwrap();
    assert_eq!((out.imported, out.people_added), (2, 0));
    let p = &s2.points().list(&eid2).unwrap()[0];
    let access = s2.points().access(p.id).unwrap();
    assert!(access
        .roles
        .contains(&format!("研发部:张喆{UNLINKED_MARK}")));
    assert!(s2.people().list(&eid2).unwrap().is_empty());
    drop(dir2);

    // Add: each newcomer once, with name and department, flagged 待补全,
    // linked from every 密点 that names them.
    let add = PointImportOptions {
        missing_people: MissingPeople::Add,
        ..Default::default()
    };
    let out = e.s.points().import_with(&e.eid, &rows, &add).unwrap();
    assert_eq!((out.imported, out.people_added), (2, 2), "{:?}", out.errors);
    let people = e.s.people().list(&e.eid).unwrap();
    let zhang = people.iter().find(|p| p.name == "张喆").unwrap();
    assert_eq!(zhang.department, "研发部");
    assert_eq!(zhang.note, ADDED_PERSON_NOTE);
    assert_eq!(zhang.entry_date, "");
    let points = e.s.points().list(&e.eid).unwrap();
    for p in &points {
        assert!(e
            .s
            .points()
            .access(p.id)
            .unwrap()
            .person_ids
            .contains(&zhang.id));
    }
    // The enterprise still hands over whole, its 待补全 people included.
    let (bundle, _) = midun::handover::export(
        &e.s,
        &e.eid,
        "交接口令-2026-abc",
        midun::handover::Kdf::FAST,
    )
    .unwrap();
    let (_d3, db3) = crate::temp_db();
    let s3 = Store::open(&db3).unwrap();
    midun::handover::import(
        &s3,
        &bundle,
        "交接口令-2026-abc",
        midun::handover::ImportMode::Refuse,
    )
    .unwrap();
    assert_eq!(s3.people().list(&e.eid).unwrap().len(), 5);
}

#[test]
fn an_unknown_sub_type_is_refused_with_the_nearest_allowed_one() {
    let e = env();
    levels(&e);
    let mut rows = register_naming_newcomers();
    rows.truncate(2);
    rows[1][3] = "经营信息".into();
    rows[1][4] = "经营计划".into();
    rows[1][8] = "工艺员".into();
    let out = e.s.points().import(&e.eid, &rows).unwrap();
    let reason = &out.errors[0].reason;
    assert!(
        reason.contains("可选：") && reason.contains("最接近的是“计划”"),
        "{reason}"
    );
    let err = midun::model::Category::Technical
        .check_subtype("熬制工艺")
        .unwrap_err();
    assert!(err.to_string().contains("最接近的是“工艺”"), "{err}");
    let none = midun::model::Category::Technical
        .check_subtype("XYZ")
        .unwrap_err();
    assert!(!none.to_string().contains("最接近"), "{none}");
}

const PEOPLE_HEAD: [&str; 9] = [
    "姓名",
    "部门",
    "岗位",
    "涉密等级",
    "入职日期",
    "离职日期",
    "入职承诺签署日期",
    "竞业限制对象",
    "备注",
];

#[test]
fn the_personnel_register_imports_whole_from_its_template_or_aliases_or_not_at_all() {
    let e = env();
    // The template reads back: its help and example rows are not imported.
    let template = midun::import::person_template_xlsx().unwrap();
    let path = e.dir.path().join("人员模板.xlsx");
    std::fs::write(&path, &template).unwrap();
    let mut rows = read_rows(&path).unwrap();
    assert_eq!(rows[0], row(&PEOPLE_HEAD));
    rows.push(row(&[
        "赵敏",
        "研发部",
        "研究员",
        "核心",
        "2021/3/5",
        "",
        "2021-03-05",
        "高技",
        "",
    ]));
    rows.push(row(&[
        "钱峰",
        "研发部",
        "",
        "",
        "2019-07-01",
        "2025-06-30",
        "",
        "",
        "已离职",
    ]));
    let out = e.s.people().import(&e.eid, &rows, false).unwrap();
    assert_eq!((out.imported, out.errors.len()), (2, 0), "{:?}", out.errors);
    let people = e.s.people().list(&e.eid).unwrap();
    let zhao = people.iter().find(|p| p.name == "赵敏").unwrap();
    assert_eq!(zhao.entry_date, "2021-03-05");
    assert_eq!(zhao.person_level, "核心商密");
    assert_eq!(
        zhao.noncompete_eligibility,
        midun::store::NoncompeteEligibility::SeniorTechnical
    );
    let qian = people.iter().find(|p| p.name == "钱峰").unwrap();
    assert_eq!(qian.exit_date.as_deref(), Some("2025-06-30"));

    // Aliases in the header; one bad row refuses all and names each problem.
    let before = e.s.people().list(&e.eid).unwrap().len();
    let rows = vec![
        row(&["人员姓名", "所在部门", "职务", "入职时间", "人员密级"]),
        row(&["孙丽", "销售部", "经理", "2022-01-10", ""]),
        row(&["张建国", "生产技术部", "", "2020-01-01", ""]),
        row(&["周强", "销售部", "", "不是日期", ""]),
        row(&["孙丽", "销售部", "", "2022-01-10", ""]),
        row(&["吴昊", "销售部", "", "2022-01-10", "绝密"]),
    ];
    let out = e.s.people().import(&e.eid, &rows, false).unwrap();
    assert_eq!(out.imported, 0);
    let problems: Vec<(usize, &str)> = out
        .errors
        .iter()
        .map(|r| (r.row, r.column.as_str()))
        .collect();
    assert_eq!(
        problems,
        vec![(3, "姓名"), (4, "入职日期"), (5, "姓名"), (6, "涉密等级")],
        "{:?}",
        out.errors
    );
    assert!(out.errors[0].reason.contains("已有生产技术部的“张建国”"));
    assert!(out.errors[2].reason.contains("与第 2 行"));
    assert_eq!(
        e.s.people().list(&e.eid).unwrap().len(),
        before,
        "nothing written"
    );

    // An unknown column refuses the file unless the user leaves it out.
    let rows = vec![
        row(&["姓名", "入职日期", "身份证号"]),
        row(&["郑洁", "2023-05-01", "370000000000000000"]),
    ];
    let err = e.s.people().import(&e.eid, &rows, false).unwrap_err();
    assert!(matches!(err, Error::ImportColumnsUnknown { .. }), "{err}");
    let out = e.s.people().import(&e.eid, &rows, true).unwrap();
    assert_eq!(out.imported, 1);
    let text = format!("{:?}", e.s.people().list(&e.eid).unwrap());
    assert!(
        !text.contains("370000000000000000"),
        "the ID number was not kept"
    );
}

#[test]
fn the_csv_templates_have_excels_line_ends_and_bom() {
    for csv in [template_csv(), midun::import::person_template_csv()] {
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(csv).unwrap();
        assert_eq!(text.matches("\r\n").count(), 3, "{text}");
        assert_eq!(text.matches('\n').count(), 3);
    }
}

#[test]
fn a_whole_register_import_reports_its_rows_and_a_cancel_while_writing_leaves_nothing() {
    use midun::progress::Progress;
    use midun::store::PointImportOptions;
    use std::sync::atomic::{AtomicBool, Ordering};
    let e = env();
    let mut rows = vec![row(&HEAD)];
    for i in 0..1000 {
        rows.push(row(&[
            "",
            "",
            &format!("第{i}号控制要点"),
            "技术",
            "",
            "",
            "核心",
            "长期",
            "生产技术部:张建国",
            "生产技术部",
            "张建国",
            "纸质",
        ]));
    }
    let people_before = e.s.people().list(&e.eid).unwrap().len();
    // Cancelled once the check is done and writing has begun: rolled back.
    let cancel = AtomicBool::new(false);
    let seen = std::sync::Mutex::new(Vec::new());
    let report = |d: u64, t: u64| {
        seen.lock().unwrap().push((d, t));
        if d > t / 2 {
            cancel.store(true, Ordering::Relaxed);
        }
    };
    let options = PointImportOptions::default();
    let err =
        e.s.points()
            .import_watched(&e.eid, &rows, &options, Progress::new(&report, &cancel))
            .unwrap_err();
    assert_eq!(err.code(), "CANCELLED");
    assert!(
        e.s.points().list(&e.eid).unwrap().is_empty(),
        "nothing written"
    );
    assert_eq!(e.s.people().list(&e.eid).unwrap().len(), people_before);
    let steps = seen.lock().unwrap().clone();
    assert!(steps.iter().all(|&(_, t)| t == 2000), "{steps:?}");
    assert!(steps.windows(2).all(|w| w[0].0 < w[1].0), "{steps:?}");
    // Not cancelled: every row, the same steps.
    let never = AtomicBool::new(false);
    let quiet = |_: u64, _: u64| {};
    let out =
        e.s.points()
            .import_watched(&e.eid, &rows, &options, Progress::new(&quiet, &never))
            .unwrap();
    assert_eq!(out.imported, 1000, "{:?}", out.errors);
}
