use std::collections::BTreeSet;

/// The UI's copy of the generated TypeScript types must match the Rust
/// definitions. `MIDUN_BLESS=1 cargo test --test it bindings` rewrites it.
#[test]
fn ui_bindings_are_fresh() {
    let dir = crate::repo_root().join(midun::bindings::UI_BINDINGS_DIR);
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
