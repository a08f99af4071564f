//! The 密点 in full: sub-types, status and its transitions, the 定密
//! approval record, the 秘密性核查 channels, the protection path.

use serde::{Deserialize, Serialize};

use super::Category;
use crate::error::{Error, Result};

/// Sub-types exactly as SPC 2020 (法释〔2020〕7号) Art. 1 lists them.
pub const TECHNICAL_SUBTYPES: [&str; 13] = [
    "结构",
    "原料",
    "组分",
    "配方",
    "材料",
    "样品",
    "样式",
    "植物新品种繁殖材料",
    "工艺",
    "方法或其步骤",
    "算法",
    "数据",
    "计算机程序及其有关文档",
];
pub const BUSINESS_SUBTYPES: [&str; 9] = [
    "创意",
    "管理",
    "销售",
    "财务",
    "计划",
    "样本",
    "招投标材料",
    "客户信息",
    "数据",
];

impl Category {
    /// The sub-types a 密点 of this category may have.
    pub fn subtypes(self) -> &'static [&'static str] {
        match self {
            Category::Technical => &TECHNICAL_SUBTYPES,
            Category::Business => &BUSINESS_SUBTYPES,
            Category::Other => &["其他商业信息"],
        }
    }

    /// Check a sub-type against this category's list.
    pub fn check_subtype(self, subtype: &str) -> Result<String> {
        let t = subtype.trim();
        if self.subtypes().contains(&t) {
            Ok(t.to_string())
        } else {
            Err(self.subtype_refused(t))
        }
    }

    /// The refusal of a sub-type, naming the allowed ones and the nearest.
    pub fn subtype_refused(self, subtype: &str) -> Error {
        let near = nearest(subtype, self.subtypes()).unwrap_or_default();
        Error::SubtypeInvalid {
            subtype: subtype.to_string(),
            category: self.label().to_string(),
            allowed: self.subtypes().join("、"),
            nearest: near.to_string(),
        }
    }
}

/// The allowed word nearest to `input`: one contained in it or containing
/// it (the longest such), else the one sharing the most characters with it.
fn nearest<'a>(input: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let input = input.trim();
    if input.is_empty() {
        return None;
    }
    let score = |a: &str| -> usize {
        if input.contains(a) || a.contains(input) {
            100 + a.chars().count()
        } else {
            a.chars().filter(|c| input.contains(*c)).count()
        }
    };
    let mut best: Option<(&str, usize)> = None;
    for a in allowed {
        let s = score(a);
        if s > 0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((a, s));
        }
    }
    best.map(|(a, _)| a)
}

crate::wire_enum! {
    /// Status of a 密点 (spec §2, §8).
    #[derive(Default)]
    pub enum Status {
        #[default]
        Proposed = ("proposed", "拟定"),
        Classified = ("classified", "已定密"),
        UnderReview = ("under_review", "复核中"),
        Changed = ("changed", "已变更"),
        Declassified = ("declassified", "已解密"),
        /// It became public (a patent, a show, a leak): not a 解密.
        Disclosed = ("disclosed", "已公开（失密）"),
    }
}

crate::wire_enum! {
    /// The kind of an approval record.
    pub enum ApprovalKind {
        Classify = ("classify", "定密"),
        Change = ("change", "变更"),
        Declassify = ("declassify", "解密"),
    }
}

impl ApprovalKind {
    pub fn parse(s: &str) -> Option<ApprovalKind> {
        [
            ApprovalKind::Classify,
            ApprovalKind::Change,
            ApprovalKind::Declassify,
        ]
        .into_iter()
        .find(|k| k.label() == s.trim() || k.code() == s.trim())
    }
}

impl Status {
    pub fn parse(s: &str) -> Result<Status> {
        let t = s.trim();
        Status::ALL
            .into_iter()
            .find(|st| {
                st.label() == t || st.code() == t || (t == "已公开" && *st == Status::Disclosed)
            })
            .ok_or_else(|| Error::StatusUnknown {
                status: t.to_string(),
            })
    }

    /// Final states: nothing follows them.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Declassified | Status::Disclosed)
    }

    /// Whether `self → to` is allowed, and which approval it needs (spec §8):
    /// 拟定 → 已定密 (定密) · 已定密 → 复核中 · 复核中 → 已定密 ·
    /// 已定密/复核中 → 已变更 (变更) → 已定密 · 已定密/复核中 → 已解密 (解密) ·
    /// any but 已解密 → 已公开（失密）.
    pub fn transition(self, to: Status) -> Result<Option<ApprovalKind>> {
        use Status::*;
        let needs = match (self, to) {
            (Proposed, Classified) => Some(Some(ApprovalKind::Classify)),
            (Classified, UnderReview) | (UnderReview, Classified) | (Changed, Classified) => {
                Some(None)
            }
            (Classified | UnderReview, Changed) => Some(Some(ApprovalKind::Change)),
            (Classified | UnderReview, Declassified) => Some(Some(ApprovalKind::Declassify)),
            (from, Disclosed) if from != Declassified && from != Disclosed => Some(None),
            _ => None,
        };
        needs.ok_or_else(|| Error::StatusTransitionRefused {
            from: self.label().to_string(),
            to: to.label().to_string(),
        })
    }
}

/// A status a 密点 may move to next, and the approval the move needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusMove {
    pub to: Status,
    pub approval: Option<ApprovalKind>,
}

impl Status {
    /// Every allowed move from `self`, in the order of `Status::ALL`.
    pub fn moves(self) -> Vec<StatusMove> {
        Status::ALL
            .into_iter()
            .filter_map(|to| {
                self.transition(to)
                    .ok()
                    .map(|approval| StatusMove { to, approval })
            })
            .collect()
    }
}

/// A 定密 / 变更 / 解密 approval as entered: proposing department and
/// person → approver → filing by the secrecy office; basis; date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewApproval {
    pub proposing_department: String,
    pub proposer: String,
    pub approver: String,
    /// Who filed it in the secrecy office (保密办备案).
    pub filed_by: String,
    pub basis: String,
    /// YYYY-MM-DD (or any form `parse_date` reads).
    pub decided_on: String,
    /// What changed (level, term, 知悉范围 …), for 变更 and 解密.
    pub change_summary: String,
}

/// A stored approval record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Approval {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub point_id: i64,
    pub kind: ApprovalKind,
    pub from_status: Status,
    pub to_status: Status,
    pub proposing_department: String,
    pub proposer: String,
    pub approver: String,
    pub filed_by: String,
    pub basis: String,
    pub decided_on: String,
    pub change_summary: String,
}

/// The five channels of SPC 2020 Art. 4 through which information may
/// already be public; 秘密性核查 records which were checked.
pub const SECRECY_CHANNELS: [&str; 5] = [
    "所属领域的一般常识或行业惯例",
    "仅涉及产品尺寸、结构、材料、部件的简单组合，进入市场后可直接观察获得",
    "已在公开出版物或其他媒体上公开披露",
    "已通过公开的报告会、展览等方式公开",
    "可从其他公开渠道获得",
];

/// 保护路径.
pub const PROTECTION_PATHS: [&str; 3] = ["商业秘密", "专利", "软件著作权"];

/// 载体 kinds (spec §2).
pub const CARRIER_KINDS: [&str; 5] = [
    "纸质文件",
    "电子文件/数据",
    "实物样品/原料",
    "设备/模具",
    "口头/技艺传承",
];

/// The fixed choices a 密点 form offers, for the UI (levels and items are
/// per enterprise and come with them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PointChoices {
    /// Sub-types by category code.
    pub subtypes: std::collections::BTreeMap<String, Vec<String>>,
    pub secrecy_channels: Vec<String>,
    pub protection_paths: Vec<String>,
    pub carrier_kinds: Vec<String>,
    /// The terms that are not dates: 长期, 公布前.
    pub term_words: Vec<String>,
    pub levels: Vec<String>,
    pub items: Vec<(i64, String)>,
}

impl PointChoices {
    /// The fixed lists with an enterprise's levels and items.
    pub fn with(levels: Vec<String>, items: Vec<(i64, String)>) -> PointChoices {
        let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        PointChoices {
            subtypes: Category::ALL
                .into_iter()
                .map(|c| (c.code().to_string(), own(c.subtypes())))
                .collect(),
            secrecy_channels: own(&SECRECY_CHANNELS),
            protection_paths: own(&PROTECTION_PATHS),
            carrier_kinds: own(&CARRIER_KINDS),
            term_words: [super::Term::LongTerm, super::Term::UntilPublished]
                .iter()
                .map(|t| t.label())
                .collect(),
            levels,
            items,
        }
    }
}
