//! The fuzzers' committed seeds (`fuzz/seeds/`) stay valid inputs: if the
//! formats change under them, the fuzzers would start from files the
//! importers refuse at the first check and reach little. Each seed is the
//! target's flag byte followed by the file.

use midun::handover::{self, ImportMode, Limits};
use midun::import::{csv_rows, xlsx_rows};
use midun::model::NewEnterprise;
use midun::Store;

fn seed(target: &str, name: &str) -> Vec<u8> {
    let path = crate::repo_root()
        .join("fuzz")
        .join("seeds")
        .join(target)
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    bytes[1..].to_vec()
}

fn fresh_store() -> (tempfile::TempDir, Store, String) {
    let (dir, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let eid = s
        .enterprises()
        .create(&NewEnterprise {
            name: "种子导入测试".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    (dir, s, eid)
}

#[test]
fn the_register_seeds_read_as_the_same_rows_in_each_format() {
    let utf8 = csv_rows(&seed("register_import", "rows.csv")).unwrap();
    let gb18030 = csv_rows(&seed("register_import", "rows-gb18030.csv")).unwrap();
    let mut xlsx = xlsx_rows(seed("register_import", "rows.xlsx")).unwrap();
    assert!(utf8.len() >= 4, "{utf8:?}");
    assert_eq!(gb18030, utf8);
    // The .xlsx seed holds one number where the CSV has 公布前 (a cell a date
    // column must refuse); apart from it the rows are the same.
    assert_eq!(xlsx[3][7], "47848");
    xlsx[3][7] = utf8[3][7].clone();
    assert_eq!(xlsx, utf8);
    // The template parses; its example row is skipped, so nothing is left to import.
    let (_d, s, eid) = fresh_store();
    let template = xlsx_rows(seed("register_import", "template.xlsx")).unwrap();
    let e = s.points().import(&eid, &template).unwrap_err();
    assert!(e.to_string().contains("没有可导入的密点"), "{e}");
}

#[test]
fn the_bundle_seeds_are_hand_over_files_that_import() {
    for file in ["small.zip", "demo.zip"] {
        let b = handover::read_plain(&seed("bundle_read", file), &Limits::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let (_d, s, _) = fresh_store();
        let out = handover::apply(&s, &b, ImportMode::Refuse).unwrap();
        assert!(out.rows > 0, "{file}");
        assert_eq!(
            s.enterprises().get(&out.enterprise_id).unwrap().name,
            b.manifest.enterprise_name
        );
        assert!(s.check().unwrap().is_sound(), "{file}");
    }
}
