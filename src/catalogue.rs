//! The criteria catalogue and the whole-process control library: data files
//! in `assets/`, loaded and validated here. The default ones are compiled
//! in; a user may load another catalogue (a local standard's table, say).
//! Validation names the file, the id and the problem, in Chinese.

mod check;

use serde::{Deserialize, Serialize};

pub use check::{validate_against_controls, validate_catalogue, validate_controls, Problem};

use crate::error::{Error, Result};

pub const DEFAULT_CATALOGUE_JSON: &str = include_str!("../assets/catalogue/default.json");
pub const DEFAULT_CONTROLS_JSON: &str = include_str!("../assets/controls/default.json");
/// How the default catalogue is named in messages.
pub const DEFAULT_CATALOGUE_FILE: &str = "assets/catalogue/default.json";
pub const DEFAULT_CONTROLS_FILE: &str = "assets/controls/default.json";
/// The largest catalogue or control library file read (the default
/// catalogue has about 110 KB).
pub const MAX_CATALOGUE_BYTES: u64 = 4 << 20;
/// The most points one criterion may carry, and a whole catalogue: a
/// loaded catalogue may total anything up to this (scoring counts in
/// quarter points and must not overflow).
pub const MAX_CRITERION_POINTS: i64 = 100;
pub const MAX_TOTAL_POINTS: i64 = 1_000;

/// The evidence kinds (spec §2).
pub const EVIDENCE_KINDS: [&str; 6] = [
    "制度文件",
    "记录台账",
    "合同协议",
    "系统截图",
    "现场照片",
    "访谈",
];

/// The derivation rules the registers can answer (see `crate::assess`),
/// each a share in per-mille.
pub const DERIVE_RULES: [&str; 21] = [
    "register_exists",
    "points_complete",
    "secrecy_checked",
    "nda_any",
    "nda_rate",
    "entry_pledge_rate",
    "training_rate",
    "exit_complete",
    "noncompete_paid",
    "rules_adopted",
    "carriers_marked",
    "disclosure_nda",
    "major_incidents_handled",
    "self_declaration",
    "core_controls",
    "nda_core_important",
    "register_filled",
    "access_notice_rate",
    "origin_recorded",
    "non_employee_undertakings",
    "authority_requests",
];

/// The counts the registers give (`crate::assess::facts`), besides the
/// derivation rules, for conditions.
pub const FACT_COUNTS: [&str; 19] = [
    "points",
    "carriers",
    "technical_points",
    "business_points",
    "customer_points",
    "core_points",
    "oral_carriers",
    "systems",
    "areas",
    "incidents",
    "major_incidents",
    "people_current",
    "non_employees",
    "disclosures",
    "authority_disclosures",
    "rules",
    "trainings",
    "rules_specialised",
    "discipline_records",
];

/// The families of rules in the 制度清单, by the words of their titles:
/// `rule_family:<name>` counts the rules of one. The first six are the
/// specialised ones `rules_specialised` measures (per-mille present).
pub const RULE_FAMILIES: [(&str, &[&str]); 7] = [
    ("personnel", &["涉密人员", "保密协议", "离职", "竞业"]),
    ("carrier", &["载体", "文件资料", "涉密文件", "资料"]),
    ("it", &["信息系统", "计算机", "网络", "电子", "数据"]),
    ("area", &["区域", "场所", "门禁", "参观"]),
    ("external", &["对外", "合作", "商务", "供应商", "来访"]),
    ("emergency", &["应急", "泄密事件"]),
    ("training", &["培训", "教育"]),
];

/// Whether `name` is a fact the registers give: a derivation rule, a count,
/// `rule_family:<family>`, or `control:<id>` / `core_control:<id>` (the id
/// is checked against the control library by the catalogue check).
pub fn is_fact(name: &str) -> bool {
    DERIVE_RULES.contains(&name)
        || FACT_COUNTS.contains(&name)
        || name
            .strip_prefix("rule_family:")
            .is_some_and(|f| RULE_FAMILIES.iter().any(|(n, _)| *n == f))
        || name
            .strip_prefix("control:")
            .or_else(|| name.strip_prefix("core_control:"))
            .is_some_and(|id| !id.is_empty())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Catalogue {
    pub id: String,
    pub version: String,
    pub title: String,
    /// That the catalogue is Midun's own reading, not an official table.
    pub statement: String,
    pub sources: Vec<Source>,
    pub coverage: Vec<CoverageItem>,
    pub domains: Vec<Domain>,
    pub quick_check: Vec<QuickQuestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// A primary text (law, judicial interpretation, standard) read as such;
    /// false = known only from a secondary source.
    pub primary: bool,
    #[serde(default)]
    pub note: String,
}

/// Something the criteria together must cover (SPC 2020 Art. 6's seven
/// measures, the Shandong guide's seven systems).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CoverageItem {
    pub id: String,
    pub set: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub name: String,
    pub criteria: Vec<Criterion>,
}

impl Domain {
    /// A domain's weight is the sum of its criteria's points (saturating:
    /// an unchecked catalogue may hold any numbers).
    pub fn weight(&self) -> i64 {
        self.criteria
            .iter()
            .fold(0i64, |sum, c| sum.saturating_add(c.points))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub title: String,
    pub points: i64,
    pub requirement: String,
    pub guidance: String,
    pub evidence_kinds: Vec<String>,
    pub recurring: bool,
    pub basis: Vec<Basis>,
    /// 基础项 (本目录设定，非官方).
    pub basic: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The recommended action when it falls short.
    pub action: String,
    #[serde(default)]
    pub derive: Option<Derive>,
    /// A 0-point condition (a 基础项 that is not scored): it can only block
    /// the verdict.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gate: bool,
    /// The criterion applies only while this holds; otherwise it is 不涉及
    /// (left out of the score, not listed as 不适用).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_when: Option<Condition>,
    /// 不适用 is refused while any of these holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub na_refused_when: Vec<Condition>,
    /// What the registers say against an answer (一致性检查).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consistency: Vec<ConsistencyRule>,
}

/// A fact of the registers compared with bounds; `says` words it for the
/// user ("密点台账中有技术信息类密点"). A fact the registers do not give (no
/// people to measure, a control not in the checklist) makes it false.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Condition {
    pub fact: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<i64>,
    pub says: String,
}

impl Condition {
    /// Whether it holds on `values` (a missing fact: no).
    pub fn holds(&self, values: &std::collections::HashMap<String, i64>) -> bool {
        values.get(&self.fact).is_some_and(|v| {
            self.at_least.is_none_or(|lo| *v >= lo) && self.at_most.is_none_or(|hi| *v <= hi)
        })
    }
}

/// When `when` holds, an answer in `contradicts` contradicts the registers;
/// `suggest` is the answer they support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConsistencyRule {
    pub when: Condition,
    pub contradicts: Vec<crate::model::AnswerStatus>,
    pub suggest: crate::model::AnswerStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Basis {
    pub source: String,
    pub article: String,
    #[serde(default)]
    pub note: String,
}

/// How the registers answer a criterion: a rule and its thresholds in
/// per-mille (at or above `done` → 已落实, at or above `partial` → 部分落实).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Derive {
    pub rule: String,
    pub done: i64,
    pub partial: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuickQuestion {
    pub id: String,
    pub question: String,
    pub answers: Vec<QuickAnswer>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuickAnswer {
    pub label: String,
    pub sets: Vec<ProvisionalStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProvisionalStatus {
    pub criterion: String,
    pub status: String,
}

impl Catalogue {
    /// Parse and validate a catalogue; `file` names it in messages.
    /// `require_100`: the default catalogue must total 100 points.
    pub fn parse(text: &str, file: &str, require_100: bool) -> Result<Catalogue> {
        let c: Catalogue = parse_json(text, file)?;
        let problems = validate_catalogue(&c, require_100);
        if !problems.is_empty() {
            return Err(Error::CatalogueInvalid {
                file: file.to_string(),
                problems: join(&problems),
            });
        }
        Ok(c)
    }

    /// The catalogue compiled into Midun.
    pub fn default_catalogue() -> Result<Catalogue> {
        let c = Catalogue::parse(DEFAULT_CATALOGUE_JSON, DEFAULT_CATALOGUE_FILE, true)?;
        c.check_controls(DEFAULT_CATALOGUE_FILE)?;
        Ok(c)
    }

    /// The controls its conditions name exist in the built-in library.
    fn check_controls(&self, file: &str) -> Result<()> {
        let problems = validate_against_controls(self, &ControlLibrary::default_library()?);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::CatalogueInvalid {
                file: file.to_string(),
                problems: join(&problems),
            })
        }
    }

    pub fn criteria(&self) -> impl Iterator<Item = (&Domain, &Criterion)> {
        self.domains
            .iter()
            .flat_map(|d| d.criteria.iter().map(move |c| (d, c)))
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria().map(|(_, c)| c).find(|c| c.id == id)
    }

    pub fn total_points(&self) -> i64 {
        self.domains
            .iter()
            .fold(0i64, |sum, d| sum.saturating_add(d.weight()))
    }

    /// Read and parse a catalogue file (a loaded catalogue need not total
    /// 100). Refused unread when larger than `MAX_CATALOGUE_BYTES`, and when
    /// it is not UTF-8 text.
    pub fn load_file(path: &std::path::Path) -> Result<Catalogue> {
        let name = path.display().to_string();
        let text = read_text_file(path, &name)?;
        let c = Catalogue::parse(&text, &name, false)?;
        c.check_controls(&name)?;
        Ok(c)
    }

    /// The catalogue as JSON that `parse` accepts back unchanged.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ControlLibrary {
    pub id: String,
    pub version: String,
    pub title: String,
    pub stages: Vec<String>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub stage: String,
    pub carrier_kinds: Vec<String>,
    /// "核心" (only the top level), "重要" (the top two) or "全部".
    pub required_from: String,
    pub by_level: bool,
    pub question: String,
    pub requirement: String,
    pub guidance: String,
    pub basis: Vec<Basis>,
}

impl Control {
    /// Whether the control is required for a 密点 of level rank `rank`
    /// (1 = the top level).
    pub fn required_for_rank(&self, rank: usize) -> bool {
        match self.required_from.as_str() {
            "核心" => rank == 1,
            "重要" => rank <= 2,
            _ => true,
        }
    }
}

impl ControlLibrary {
    pub fn parse(text: &str, file: &str) -> Result<ControlLibrary> {
        let c: ControlLibrary = parse_json(text, file)?;
        let problems = validate_controls(&c);
        if !problems.is_empty() {
            return Err(Error::CatalogueInvalid {
                file: file.to_string(),
                problems: join(&problems),
            });
        }
        Ok(c)
    }

    pub fn default_library() -> Result<ControlLibrary> {
        ControlLibrary::parse(DEFAULT_CONTROLS_JSON, DEFAULT_CONTROLS_FILE)
    }
}

fn too_large(file: &str, size: u64) -> Error {
    Error::CatalogueInvalid {
        file: file.to_string(),
        problems: format!(
            "文件有 {} 字节，超过目录文件 {} 字节的上限",
            size, MAX_CATALOGUE_BYTES
        ),
    }
}

/// A catalogue file's text: its size checked before it is read, UTF-8.
fn read_text_file(path: &std::path::Path, file: &str) -> Result<String> {
    let bytes = crate::fsx::read_regular(path, MAX_CATALOGUE_BYTES).map_err(|r| match r {
        crate::fsx::ReadRefusal::TooLarge { size } => too_large(file, size),
        other => Error::FileUnreadable {
            file: file.to_string(),
            reason: other.reason(MAX_CATALOGUE_BYTES),
        },
    })?;
    String::from_utf8(bytes).map_err(|_| Error::CatalogueInvalid {
        file: file.to_string(),
        problems: "不是 UTF-8 编码的 JSON 文本".into(),
    })
}

fn parse_json<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T> {
    if text.len() as u64 > MAX_CATALOGUE_BYTES {
        return Err(too_large(file, text.len() as u64));
    }
    // serde_json stops nesting at 128 levels, so deep nesting is an error
    // here, not a stack overflow.
    serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        Error::CatalogueUnreadable {
            file: file.to_string(),
            line: e.line().to_string(),
            column: e.column().to_string(),
            detail: json_detail(&e),
        }
    })
}

/// What is wrong, in Chinese (the position is given apart).
fn json_detail(e: &serde_json::Error) -> String {
    crate::error::json_kind(e)
}

fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("；")
}
