//! Enumerations on the wire: every enumeration that crosses to the UI does
//! so as a stable ASCII code (`met`, `major`, `technical` …), declared once
//! with its Chinese label by `wire_enum!`. The UI words a code through its
//! locale files; the core's Chinese wording (CLI, PDF, the audit log, the
//! database's stored values) uses `label()`. Reading accepts either, so
//! snapshots and files written with the labels of earlier versions load.
//!
//! `WIRE_ENUMS` lists every such enumeration for the generated TypeScript
//! constants (`ui/src/services/bindings/wire.ts`) and for the CLI's JSON,
//! which keeps the Chinese labels it documents (`labels_json`).

/// Declare an enumeration with a stable code and a Chinese label per
/// variant: serde and ts-rs use the code (and read the label too), and the
/// type gets `ALL`, `code()`, `label()` and `from_wire()`.
#[macro_export]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = ($code:literal, $label:literal)
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        $vis enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code, alias = $label)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in the order users see them.
            pub const ALL: [$name; <[&str]>::len(&[$(stringify!($variant)),+])] =
                [$($name::$variant),+];

            /// The stable code that crosses to the UI.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The Chinese label users see (and the database stores).
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// The value with this code or this label.
            pub fn from_wire(s: &str) -> Option<$name> {
                let t = s.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == t || v.label() == t)
            }
        }

        impl $crate::model::wire::Wire for $name {
            fn codes() -> Vec<(&'static str, &'static str)> {
                Self::ALL.iter().map(|v| (v.code(), v.label())).collect()
            }
        }
    };
}

/// What `wire_enum!` gives every wire enumeration, for the registry.
pub trait Wire {
    /// (code, label) of every value, in order.
    fn codes() -> Vec<(&'static str, &'static str)>;
}

/// One wire enumeration: its TypeScript type, the name of its generated
/// constant, and its values.
pub struct WireEnum {
    pub ts_type: &'static str,
    pub constant: &'static str,
    pub codes: Vec<(&'static str, &'static str)>,
}

fn entry<T: Wire>(ts_type: &'static str, constant: &'static str) -> WireEnum {
    WireEnum {
        ts_type,
        constant,
        codes: T::codes(),
    }
}

/// Every wire enumeration.
pub fn wire_enums() -> Vec<WireEnum> {
    use crate::store::*;
    vec![
        entry::<crate::model::Category>("Category", "CATEGORIES"),
        entry::<crate::model::Status>("Status", "STATUSES"),
        entry::<crate::model::ApprovalKind>("ApprovalKind", "APPROVAL_KINDS"),
        entry::<AnswerStatus>("AnswerStatus", "ANSWER_STATUSES"),
        entry::<AgreementKind>("AgreementKind", "AGREEMENT_KINDS"),
        entry::<NoncompeteEligibility>("NoncompeteEligibility", "ELIGIBILITIES"),
        entry::<RecipientKind>("RecipientKind", "RECIPIENT_KINDS"),
        entry::<IncidentSeverity>("IncidentSeverity", "SEVERITIES"),
        entry::<RemediationStatus>("RemediationStatus", "TASK_STATUSES"),
        entry::<EvidenceKind>("EvidenceKind", "EVIDENCE_KINDS"),
        entry::<EvidenceStorage>("EvidenceStorage", "EVIDENCE_STORAGES"),
        entry::<crate::score::Tier>("Tier", "TIERS"),
        entry::<crate::score::Verdict>("Verdict", "VERDICTS"),
        entry::<crate::score::BasicStatus>("BasicStatus", "BASIC_STATUSES"),
        entry::<crate::score::GapKind>("GapKind", "GAP_KINDS"),
        entry::<Relationship>("Relationship", "RELATIONSHIPS"),
    ]
}

/// Replace, in the CLI's JSON, every code of a wire enumeration under one
/// of `keys` by its Chinese label (the CLI documents labels:
/// `docs/cli-json.md`). Codes are unique across enumerations (tested), so
/// the key set only keeps free text that happens to equal a code intact.
pub fn labels_json(v: &mut serde_json::Value, keys: &[&str]) {
    let table: std::collections::HashMap<&str, &str> =
        wire_enums().into_iter().flat_map(|e| e.codes).collect();
    fn walk(
        v: &mut serde_json::Value,
        keys: &[&str],
        table: &std::collections::HashMap<&str, &str>,
        under: bool,
    ) {
        match v {
            serde_json::Value::String(s) if under => {
                if let Some(label) = table.get(s.as_str()) {
                    *s = label.to_string();
                }
            }
            serde_json::Value::Array(items) => {
                for i in items {
                    walk(i, keys, table, under);
                }
            }
            serde_json::Value::Object(map) => {
                for (k, item) in map.iter_mut() {
                    walk(item, keys, table, keys.contains(&k.as_str()));
                }
            }
            _ => {}
        }
    }
    walk(v, keys, &table, false);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ascii_unique_and_labels_chinese() {
        let mut seen = std::collections::HashMap::new();
        for e in wire_enums() {
            assert!(!e.codes.is_empty(), "{}", e.ts_type);
            for (code, label) in e.codes {
                assert!(
                    code.bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit()),
                    "{}: {code}",
                    e.ts_type
                );
                assert!(
                    label
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{}: {label}",
                    e.ts_type
                );
                if let Some(other) = seen.insert(code, e.ts_type) {
                    panic!("code {code} of {} is also one of {other}", e.ts_type);
                }
            }
        }
    }

    #[test]
    fn the_cli_json_shows_labels_under_its_keys_only() {
        let mut v = serde_json::json!({
            "status": "met",
            "name": "met",
            "criteria": [{"status": "partly_met", "category": "technical"}],
        });
        labels_json(&mut v, &["status", "category"]);
        assert_eq!(v["status"], "已落实");
        assert_eq!(v["name"], "met");
        assert_eq!(v["criteria"][0]["status"], "部分落实");
        assert_eq!(v["criteria"][0]["category"], "技术信息");
    }
}
