use std::collections::BTreeSet;

/// Every error the core can return has a message in both UI locales, and
/// each message uses only parameters the error carries (a message may leave
/// one out when the screen shows it anyway, e.g. the allowed levels).
#[test]
fn ui_locales_cover_every_error_code() {
    for file in ["zh-CN.json", "en.json"] {
        let path = crate::repo_root().join("ui/src/locales").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for e in midun::error::examples() {
            let msg = v["errors"][e.code()]
                .as_str()
                .unwrap_or_else(|| panic!("{file} has no errors.{}", e.code()));
            let used: BTreeSet<String> = msg
                .split("{{")
                .skip(1)
                .filter_map(|s| s.split_once("}}").map(|(k, _)| k.trim().to_string()))
                .collect();
            let params: BTreeSet<String> = e.params().keys().map(|k| k.to_string()).collect();
            let unknown: Vec<_> = used.difference(&params).collect();
            assert!(
                unknown.is_empty(),
                "{file}: errors.{} uses unknown parameters {unknown:?}",
                e.code()
            );
        }
    }
}
