use std::process::Command;

/// The core must never depend on Tauri, directly or through anything else.
#[test]
fn the_core_does_not_depend_on_tauri() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let o = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "midun",
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--manifest-path",
        ])
        .arg(crate::repo_root().join("Cargo.toml"))
        .output()
        .expect("cargo tree");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tree = String::from_utf8_lossy(&o.stdout);
    assert!(
        tree.lines().any(|l| l.starts_with("rusqlite ")),
        "the tree was read: {tree}"
    );
    let bad: Vec<&str> = tree
        .lines()
        .filter(|l| l.starts_with("tauri") || l.starts_with("wry ") || l.starts_with("webkit2gtk"))
        .collect();
    assert!(bad.is_empty(), "the core depends on {bad:?}");
}
