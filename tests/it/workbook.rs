//! The registers' Excel workbook, read back with calamine (an independent
//! reader) and LibreOffice: every sheet and header, real dates, frozen
//! headers and filters, the status list, text that stays text, and the
//! 密点台账 sheet re-imported unchanged.

use calamine::{Data, Reader, Xlsx};
use midun::model::{NewEnterprise, NewSecretPoint};
use midun::store::NewPerson;
use midun::workbook::{workbook, Sheet};
use midun::Store;

use crate::fixtures::{flat, office_pages};

fn demo() -> (tempfile::TempDir, Store, String) {
    let (dir, db) = crate::temp_db();
    let store = Store::open(&db).unwrap();
    let id = midun::demo::add_demo(&store).unwrap().id;
    (dir, store, id)
}

fn open(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an .xlsx calamine reads")
}

fn xml(bytes: &[u8], part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn every_register_is_a_sheet_with_headers_dates_filters_and_a_status_list() {
    let (_dir, store, id) = demo();
    let bytes = workbook(&store, &id, &[]).unwrap();
    let mut book = open(&bytes);
    let names = book.sheet_names();
    assert_eq!(names, Sheet::ALL.map(|s| s.title().to_string()).to_vec());
    // The personnel register: no ID or phone columns, dates as dates.
    let people = book.worksheet_range("涉密人员台账").unwrap();
    let head: Vec<String> = people
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert!(
        head.contains(&"保密协议签订日期".to_string()) && head.contains(&"竞业限制".to_string())
    );
    for bad in ["身份证", "电话", "手机"] {
        assert!(!head.iter().any(|h| h.contains(bad)), "{head:?}");
    }
    let entry = head.iter().position(|h| h == "入职日期").unwrap();
    let n = store.people().list(&id).unwrap().len();
    assert_eq!(people.height(), n + 1);
    for row in people.rows().skip(1) {
        assert!(matches!(row[entry], Data::DateTime(_)), "{:?}", row[entry]);
    }
    // Every sheet: frozen header row and an auto filter.
    for i in 1..=Sheet::ALL.len() {
        let s = xml(&bytes, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(
            s.contains(r#"ySplit="1""#) && s.contains("frozen"),
            "sheet {i}"
        );
        assert!(s.contains("<autoFilter"), "sheet {i}");
    }
    // The 整改台账: one row per gap, a list validation on the status.
    let gaps = midun::assess::current_score(
        &store,
        &id,
        &midun::catalogue::Catalogue::default_catalogue().unwrap(),
    )
    .unwrap()
    .gaps;
    let remediation = book.worksheet_range("问题清单与整改台账").unwrap();
    assert!(remediation.height() > gaps.len());
    let s = xml(&bytes, "xl/worksheets/sheet8.xml");
    assert!(s.contains(r#"type="list""#) && s.contains("已完成"), "{s}");
    let first: Vec<String> = remediation
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(first[0], gaps[0].criterion);
    // Only the sheets asked for.
    let two = workbook(&store, &id, &[Sheet::Rules, Sheet::Points]).unwrap();
    assert_eq!(open(&two).sheet_names(), vec!["密点台账", "制度清单"]);
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let (_dir, store, id) = crate::fixtures::store_with("公式测试有限公司");
    for (i, name) in ["=1+1", "+SUM(A1:A2)", "-2", "@cmd"].iter().enumerate() {
        store
            .points()
            .add(&NewSecretPoint {
                enterprise_id: id.clone(),
                code: Some(format!("F-{i}")),
                name: name.to_string(),
                category: midun::model::Category::Technical,
                level: "核心商密".into(),
            })
            .unwrap();
    }
    let bytes = workbook(&store, &id, &[Sheet::Points]).unwrap();
    let sheet = xml(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula cell: {sheet}");
    let range = open(&bytes).worksheet_range("密点台账").unwrap();
    let names: Vec<String> = range.rows().skip(1).map(|r| r[2].to_string()).collect();
    assert_eq!(names, vec!["=1+1", "+SUM(A1:A2)", "-2", "@cmd"]);
    for r in range.rows().skip(1) {
        assert!(matches!(r[2], Data::String(_)), "{:?}", r[2]);
    }
}

#[test]
fn the_point_register_sheet_re_imports_unchanged() {
    let (_dir, store, id) = demo();
    let bytes = workbook(&store, &id, &[Sheet::Points]).unwrap();
    // A second enterprise with the same people (by name and department).
    let other = store
        .enterprises()
        .create(&NewEnterprise {
            name: "复制企业".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    for p in store.people().list(&id).unwrap() {
        store
            .people()
            .add(&NewPerson {
                enterprise_id: other.clone(),
                name: p.name,
                department: p.department,
                post: p.post,
                person_level: p.person_level,
                entry_date: p.entry_date,
                ..Default::default()
            })
            .unwrap();
    }
    let rows = midun::import::xlsx_rows(bytes).unwrap();
    let outcome = store.points().import(&other, &rows).unwrap();
    let before = store.points().list(&id).unwrap();
    let after = store.points().list(&other).unwrap();
    assert_eq!(outcome.imported, before.len());
    let items = |e: &str| {
        let items = store.points().items(e).unwrap();
        move |i: Option<i64>| {
            i.and_then(|i| items.iter().find(|x| x.id == i))
                .map(|x| x.name.clone())
        }
    };
    let (item_a, item_b) = (items(&id), items(&other));
    let names_of = |e: &str, point: i64| {
        let people = store.people().list(e).unwrap();
        let a = store.points().access(point).unwrap();
        let mut names: Vec<(String, String)> = a
            .person_ids
            .iter()
            .map(|i| {
                let p = people.iter().find(|p| p.id == *i).unwrap();
                (p.department.clone(), p.name.clone())
            })
            .collect();
        names.sort();
        (names, a.roles)
    };
    for a in &before {
        let b = after.iter().find(|b| b.code == a.code).expect(&a.code);
        assert_eq!(
            (&a.name, a.category, &a.subtype, &a.summary, &a.level, a.term),
            (&b.name, b.category, &b.subtype, &b.summary, &b.level, b.term),
            "{}",
            a.code
        );
        assert_eq!(
            (&a.department, &a.responsible),
            (&b.department, &b.responsible)
        );
        assert_eq!(item_a(a.item_id), item_b(b.item_id), "{}", a.code);
        assert_eq!(names_of(&id, a.id), names_of(&other, b.id), "{}", a.code);
    }
}

#[test]
fn libreoffice_opens_the_workbook_and_the_cli_writes_the_sheets_asked_for() {
    let (_dir, store, id) = demo();
    let bytes = workbook(&store, &id, &[]).unwrap();
    if let Some(pages) = office_pages(&bytes, "xlsx") {
        let all = flat(&pages.join("\n"));
        let code = &store.points().list(&id).unwrap()[0].code;
        assert!(
            all.contains(code.as_str()),
            "LibreOffice prints the 密点 sheet"
        );
        assert!(all.contains("制度名称") && all.contains("待改进事项"));
    }
    let (dir, db) = crate::temp_db();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_midun"))
            .args(args)
            .env("MIDUN_PASSWORD", "demo-password-123")
            .env("MIDUN_DATA_DIR", dir.path())
            .env_remove("MIDUN_RECOVERY_KEY")
            .env_remove("MIDUN_NEW_PASSWORD")
            .output()
            .unwrap()
    };
    let db = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db]).status.success());
    let out = dir.path().join("台账");
    let o = run(&[
        "workbook",
        "--db",
        db,
        "--sheets",
        "people,问题清单与整改台账",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written = std::fs::read(dir.path().join("台账.xlsx")).unwrap();
    assert_eq!(
        open(&written).sheet_names(),
        vec!["涉密人员台账", "问题清单与整改台账"]
    );
    let o = run(&[
        "workbook",
        "--db",
        db,
        "--sheets",
        "工资表",
        "--out",
        "x.xlsx",
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("没有名为“工资表”的工作表") && err.contains("密点台账"),
        "{err}"
    );
}
