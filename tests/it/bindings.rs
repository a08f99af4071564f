//! The UI's copy of the generated TypeScript bindings.

use std::collections::BTreeSet;

/// Where the UI keeps the generated files, relative to the repository root.
const UI_BINDINGS_DIR: &str = "ui/src/services/bindings";

/// The UI's copy of the generated TypeScript types must match the Rust
/// definitions. `MIDUN_BLESS=1 cargo test --test it bindings` rewrites it.
#[test]
fn ui_bindings_are_fresh() {
    let dir = crate::repo_root().join(UI_BINDINGS_DIR);
    let generated = midun::bindings::all();
    if std::env::var_os("MIDUN_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &generated {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut stale = vec![];
    for (name, text) in &generated {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(t) if &t == text => {}
            _ => stale.push(name.clone()),
        }
    }
    assert!(
        stale.is_empty(),
        "stale bindings {stale:?}: run MIDUN_BLESS=1 cargo test --test it bindings"
    );
    let want: BTreeSet<String> = generated.into_iter().map(|(n, _)| n).collect();
    let have: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".ts"))
        .collect();
    let extra: Vec<_> = have.difference(&want).collect();
    assert!(extra.is_empty(), "bindings without a Rust type: {extra:?}");
}

/// No generated type or constant carries a Chinese enumeration value: the
/// wire speaks in codes, the locale files in words.
#[test]
fn the_bindings_hold_no_chinese_enumeration_literal() {
    for (name, text) in midun::bindings::all() {
        // Comments (the Rust doc comments) may quote Chinese; types may not.
        let code: String = text
            .split("/**")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once("*/").map_or("", |(_, rest)| rest)
                }
            })
            .collect();
        let literals: Vec<&str> = code
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|l| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
            .collect();
        assert!(literals.is_empty(), "{name}: {literals:?}");
    }
}
