//! The nouns of spec §2 that exist so far, as plain data. Validation that
//! needs no database lives here; rules that need the store live in `store`.

pub mod answer;
pub mod fields;
pub mod level;
pub mod point;
pub mod warning;
pub mod wire;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use answer::AnswerStatus;
pub use level::Term;
pub use point::{Approval, ApprovalKind, NewApproval, Status, StatusMove};
pub use warning::{ExportWarning, NameKind, TextPlace};

use crate::error::{Error, Result};

/// The default level scheme (密级), highest rank first. Per-enterprise schemes
/// come with the registers; until then every enterprise uses this one.
pub const DEFAULT_LEVELS: [&str; 3] = ["核心商密", "重要商密", "一般商密"];

/// An enterprise (企业) as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Enterprise {
    /// Internal id (a UUID), the identity that travels in hand-over files.
    pub id: String,
    pub name: String,
    /// The normalised 统一社会信用代码, if given.
    pub credit_code: Option<String>,
    /// The user's note when they kept a code that failed a check.
    pub credit_code_note: Option<String>,
    /// When the record was created (RFC 3339, UTC).
    pub created_at: String,
    /// 简称, used in the enterprise's own mark ("<简称> 核心商密·长期").
    pub short_name: String,
    pub industry: String,
    /// 所在乡镇/街道.
    pub township: String,
    pub address: String,
    /// 法定代表人.
    pub legal_representative: String,
    /// 联系人 and how to reach them (the enterprise's, not an employee record).
    pub contact: String,
    #[ts(type = "number | null")]
    pub headcount: Option<i64>,
    pub key_products: String,
    /// The enterprise allows a longer description of a 密点 than its 概述.
    pub detail_opt_in: bool,
    /// The 市场监管局 the submission is addressed to (报送函).
    pub report_recipient: String,
    pub contact_phone: String,
    /// Who leads the work (牵头负责人), the department in charge (责任部门)
    /// and the 领导小组, as the organisation section states them.
    pub work_lead: String,
    pub work_office: String,
    pub leading_group: String,
    /// Include a 报送函 in the submission (off when the bureau has a form).
    pub cover_letter: bool,
}

/// One line of the enterprise list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseSummary {
    pub id: String,
    pub name: String,
    pub credit_code: Option<String>,
    #[ts(type = "number")]
    pub secret_point_count: i64,
}

/// What the user enters to create an enterprise.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewEnterprise {
    pub name: String,
    pub credit_code: Option<String>,
    pub credit_code_note: Option<String>,
}

crate::wire_enum! {
    /// 类别 of a 密点 (AUCL 2025 Art. 10 ¶4: 技术信息、经营信息等商业信息).
    #[derive(Default)]
    pub enum Category {
        #[default]
        Technical = ("technical", "技术信息"),
        Business = ("business", "经营信息"),
        Other = ("other_commercial", "其他商业信息"),
    }
}

impl Category {
    /// Parse the label or its two-character short form (技术 / 经营 / 其他).
    pub fn parse(s: &str) -> Result<Category> {
        let t = s.trim();
        Category::ALL
            .into_iter()
            .find(|c| {
                c.label() == t
                    || c.code() == t
                    || (t.chars().count() >= 2 && c.label().starts_with(t))
            })
            .ok_or_else(|| Error::CategoryUnknown {
                category: s.to_string(),
            })
    }
}

/// A 密点 as stored, with every field of spec §2 except its relations
/// (知悉范围, carriers, approvals, fingerprints), which have their own lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretPoint {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    /// 代号: unique per enterprise; the only identifier the submission edition shows.
    pub code: String,
    pub name: String,
    pub category: Category,
    /// A name from the enterprise's level scheme.
    pub level: String,
    pub created_at: String,
    /// The 商业秘密事项 it belongs to.
    #[ts(type = "number | null")]
    pub item_id: Option<i64>,
    /// 子类, from SPC 2020 Art. 1's list for the category.
    pub subtype: Option<String>,
    /// 概述: what it is, never its parameters.
    pub summary: String,
    /// A longer description, only when the enterprise opted in.
    pub detail: Option<String>,
    /// 载体索引: file numbers, where the carriers are.
    pub carrier_index: String,
    /// 秘密性核查: when, by whom, which of the five channels were checked.
    pub secrecy_checked_on: Option<String>,
    pub secrecy_checked_by: String,
    pub secrecy_channels: Vec<String>,
    /// 组合秘密: secret as a combination of elements each of which may be public.
    pub combination_secret: bool,
    /// 价值性说明 (qualitative).
    pub value_note: String,
    /// 保护路径 and why: can it be reverse-engineered? is a patent filed or published?
    pub protection_path: Option<String>,
    pub reverse_engineerable: Option<bool>,
    pub patent_filed: Option<bool>,
    pub path_reason: String,
    pub department: String,
    pub responsible: String,
    #[ts(type = "string | null")]
    pub term: Option<Term>,
    pub status: Status,
    /// 复核日: when the next review is due.
    pub review_due: Option<String>,
    pub updated_at: String,
    /// 形成过程与权属: how it was developed (研发记录、立项) and the
    /// agreements under which the results belong to the enterprise
    /// (职务成果归属) — a reference, never the content.
    pub origin: String,
}

/// One line of the 密点 register as the app lists it: what its table, its
/// filters and its search use. A register of 10,000 密点 is sent to the UI
/// as rows (a third of the whole 密点's size); the whole 密点 is read when
/// it is opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterRow {
    #[ts(type = "number")]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub category: Category,
    pub level: String,
    pub status: Status,
    pub department: String,
    pub responsible: String,
    #[ts(type = "string | null")]
    pub term: Option<Term>,
    pub review_due: Option<String>,
    /// 概述, searched by the register's search box.
    pub summary: String,
}

impl From<&SecretPoint> for RegisterRow {
    fn from(p: &SecretPoint) -> Self {
        RegisterRow {
            id: p.id,
            code: p.code.clone(),
            name: p.name.clone(),
            category: p.category,
            level: p.level.clone(),
            status: p.status,
            department: p.department.clone(),
            responsible: p.responsible.clone(),
            term: p.term,
            review_due: p.review_due.clone(),
            summary: p.summary.clone(),
        }
    }
}

/// What the user enters to add a 密点. An empty `code` is generated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewSecretPoint {
    pub enterprise_id: String,
    pub code: Option<String>,
    pub name: String,
    pub category: Category,
    pub level: String,
}

/// Database-wide settings the app needs at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    /// The user has confirmed the notice 本软件不得录入国家秘密.
    pub notice_acknowledged: bool,
    /// Minutes without input after which the app locks itself (1–240).
    pub idle_lock_minutes: u32,
}

/// The idle time before the app locks, unless the user chose another.
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;

/// The outcome of writing a report file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: String,
    /// Characters the embedded PDF font cannot draw (they print blank).
    pub missing_chars: Vec<String>,
    /// What the user should check in the content.
    pub warnings: Vec<ExportWarning>,
}

/// Check a 代号 entered by the user: 1–32 characters, no white space or
/// control characters, and not starting with = + - @ (a spreadsheet would
/// take it for a formula: 代号 go into the hash manifest, a CSV).
pub fn validate_code(code: &str) -> Result<()> {
    let n = code.chars().count();
    if n == 0
        || n > 32
        || code.starts_with(['=', '+', '-', '@'])
        || code.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(Error::SecretPointCodeInvalid {
            code: code.to_string(),
        });
    }
    Ok(())
}

/// Resolve a level the user typed against a scheme: the full name, or a
/// distinctive prefix of at least two characters (核心 → 核心商密).
pub fn resolve_level(scheme: &[String], input: &str) -> Result<String> {
    let t = input.trim();
    if let Some(l) = scheme.iter().find(|l| l.as_str() == t) {
        return Ok(l.clone());
    }
    let hits: Vec<&String> = if t.chars().count() >= 2 {
        scheme.iter().filter(|l| l.starts_with(t)).collect()
    } else {
        vec![]
    };
    match hits.as_slice() {
        [one] => Ok((*one).clone()),
        _ => Err(Error::LevelUnknown {
            level: input.to_string(),
            allowed: scheme.join("、"),
        }),
    }
}

/// Today on this computer's clock: read only at the edges (CLI, app) and
/// passed into the rules that depend on it.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_moves_are_exactly_the_allowed_transitions() {
        let moves = |s: Status| -> Vec<(Status, Option<ApprovalKind>)> {
            s.moves().into_iter().map(|m| (m.to, m.approval)).collect()
        };
        use Status::*;
        assert_eq!(
            moves(Proposed),
            vec![
                (Classified, Some(ApprovalKind::Classify)),
                (Disclosed, None)
            ]
        );
        assert_eq!(
            moves(Classified),
            vec![
                (UnderReview, None),
                (Changed, Some(ApprovalKind::Change)),
                (Declassified, Some(ApprovalKind::Declassify)),
                (Disclosed, None)
            ]
        );
        assert!(moves(Declassified).is_empty() && moves(Disclosed).is_empty());
        for from in Status::ALL {
            for to in Status::ALL {
                let listed = from.moves().iter().any(|m| m.to == to);
                assert_eq!(listed, from.transition(to).is_ok(), "{from:?} -> {to:?}");
            }
        }
    }

    #[test]
    fn categories_cross_as_codes_and_read_codes_or_labels() {
        for c in Category::ALL {
            let j = serde_json::to_string(&c).unwrap();
            assert_eq!(j, format!("\"{}\"", c.code()));
            assert_eq!(Category::parse(c.label()).unwrap(), c);
            assert_eq!(Category::parse(c.code()).unwrap(), c);
            // A value written with the label of an earlier version reads.
            let old: Category = serde_json::from_str(&format!("\"{}\"", c.label())).unwrap();
            assert_eq!(old, c);
        }
        assert_eq!(Category::parse("技术").unwrap(), Category::Technical);
        assert!(Category::parse("技").is_err());
        assert!(Category::parse("源代码").is_err());
    }

    #[test]
    fn levels_resolve_by_name_or_short_form() {
        let s: Vec<String> = DEFAULT_LEVELS.iter().map(|s| s.to_string()).collect();
        assert_eq!(resolve_level(&s, "核心").unwrap(), "核心商密");
        assert_eq!(resolve_level(&s, " 一般商密 ").unwrap(), "一般商密");
        let e = resolve_level(&s, "绝密").unwrap_err();
        assert_eq!(e.code(), "LEVEL_UNKNOWN");
        assert!(resolve_level(&s, "核").is_err());
    }

    #[test]
    fn codes_reject_blank_and_long() {
        assert!(validate_code("MD-2026-001").is_ok());
        assert!(validate_code("技-01").is_ok());
        assert!(validate_code("").is_err());
        assert!(validate_code("MD 1").is_err());
        assert!(validate_code(&"x".repeat(33)).is_err());
    }
}
