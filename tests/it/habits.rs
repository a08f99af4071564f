//! Habits the code keeps, checked on every run: each Rust source file opens
//! with a `//!` paragraph saying what it is for.

use crate::repo_root;

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_source_file_opens_with_a_module_paragraph() {
    let root = repo_root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("src-tauri/src"), &mut files);
    assert!(files.len() > 40, "{}", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a //! paragraph: {missing:?}"
    );
}

/// Every Chinese field label a refusal can name has a stable id, so that
/// the UI places a refusal beside its field by `params.key`.
#[test]
fn every_refused_field_has_a_stable_key() {
    let root = repo_root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let mut labels = std::collections::BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        // `=> ("column", "label")` of the field enums, `field: "label"` and
        // the date and text helpers called with a literal label.
        for part in text.split("=> (\"").skip(1) {
            let line = part.lines().next().unwrap_or("");
            if let Some((_, rest)) = line.split_once("\", \"") {
                if let Some((label, _)) = rest.split_once('"') {
                    labels.insert(label.to_string());
                }
            }
        }
        for pat in [
            "field: \"",
            "day(\"",
            "opt_day(\"",
            "parse_day(\"",
            "required(\"",
            "past_date(\"",
            "not_after_today(\"",
        ] {
            for part in text.split(pat).skip(1) {
                if let Some((label, _)) = part.split_once('"') {
                    labels.insert(label.to_string());
                }
            }
        }
    }
    assert!(labels.len() > 60, "{}", labels.len());
    let missing: Vec<&String> = labels
        .iter()
        .filter(|l| midun::model::fields::key_of(l).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "labels without a key in model::fields: {missing:?}"
    );
    let e = midun::Error::FieldInvalid {
        field: "入职日期".into(),
        reason: "x".into(),
    };
    assert_eq!(e.params()["key"], "entryDate");
}
