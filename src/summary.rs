//! The progress summary (进度摘要, `.midun-summary`) an enterprise sends to
//! its guidance station (指导站): exactly the 报送版's figures and nothing
//! else — no register, no 密点 name, no personal data (PIPL Art. 23: employee
//! data is not handed over without separate consent).
//!
//! The file is JSON, unencrypted by design (the station reads it without a
//! password): `{"format", "version", "sha256", "summary"}`. The hash is
//! SHA-256 over the summary's canonical form — `serde_json` of [`Summary`],
//! whose fields have a fixed order and hold no maps or floats — so a
//! summary re-saved with its keys reordered or re-indented is the same
//! summary, and any changed figure is refused. [`ALLOWED_FIELDS`] is the
//! whole list of what a summary may say; reading refuses any other key
//! before it looks at values.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Category, Status};
use crate::report::edition::ReportData;
use crate::score::BasicStatus;
use crate::store::RemediationStatus;
use crate::Store;

/// The `format` value of every summary file.
pub const FORMAT: &str = "midun-summary";
/// The format version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The file extension (without the dot).
pub const EXTENSION: &str = "midun-summary";
/// A summary is a few kilobytes; anything far larger is not one.
pub const MAX_FILE_BYTES: u64 = 1 << 20;
/// The domain a remediation task without a criterion is counted under.
pub const OTHER_DOMAIN: &str = "其他";

/// What a summary may say, as JSON paths (`a.b`; `[]` marks an array's
/// items). Reading refuses any other key; a test fails when the struct
/// gains a field that is not listed here.
pub const ALLOWED_FIELDS: &[&str] = &[
    "format",
    "version",
    "sha256",
    "summary",
    "summary.enterprise",
    "summary.enterprise.name",
    "summary.enterprise.creditCode",
    "summary.enterprise.industry",
    "summary.enterprise.township",
    "summary.roundNo",
    "summary.baseDate",
    "summary.catalogueId",
    "summary.catalogueVersion",
    "summary.generatedOn",
    "summary.draft",
    "summary.totalTenths",
    "summary.domains",
    "summary.domains[].id",
    "summary.domains[].name",
    "summary.domains[].weight",
    "summary.domains[].scoreTenths",
    "summary.domains[].lostTenths",
    "summary.basicItems",
    "summary.basicItems[].criterion",
    "summary.basicItems[].title",
    "summary.basicItems[].status",
    "summary.levels",
    "summary.points",
    "summary.points[].category",
    "summary.points[].level",
    "summary.points[].count",
    "summary.rules",
    "summary.people",
    "summary.agreementTenths",
    "summary.trainingTenths",
    "summary.trainings12m",
    "summary.openTasks",
    "summary.openTasks[].domain",
    "summary.openTasks[].dueMonth",
    "summary.openTasks[].count",
    "summary.chainHead",
];

/// The enterprise as the 报送版's cover and profile name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryEnterprise {
    pub name: String,
    /// The normalised 统一社会信用代码: how a station tells enterprises apart.
    pub credit_code: String,
    pub industry: String,
    /// 所在乡镇/街道.
    pub township: String,
}

/// One domain's result, in tenths (82.5 → 825).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryDomain {
    pub id: String,
    pub name: String,
    #[ts(type = "number")]
    pub weight: i64,
    /// 得分率 in tenths of a percent; None when every criterion is 不适用.
    #[ts(type = "number | null")]
    pub score_tenths: Option<i64>,
    #[ts(type = "number")]
    pub lost_tenths: i64,
}

/// A scored 基础项 and whether it is in place (the 报送版 prints the same).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SummaryBasic {
    pub criterion: String,
    pub title: String,
    pub status: BasicStatus,
}

/// How many 密点 in management of one category at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointCount {
    pub category: Category,
    pub level: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// Open remediation tasks of one domain falling due in one month
/// (`YYYY-MM`; empty when the task has no due date).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaskCount {
    pub domain: String,
    pub due_month: String,
    #[ts(type = "number")]
    pub count: i64,
}

/// The figures of one round's 报送版.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Summary {
    pub enterprise: SummaryEnterprise,
    #[ts(type = "number")]
    pub round_no: i64,
    /// 自评基准日 (`YYYY-MM-DD`).
    pub base_date: String,
    pub catalogue_id: String,
    pub catalogue_version: String,
    /// The day the summary was made (`YYYY-MM-DD`).
    pub generated_on: String,
    /// Any 未评 item or 待复核 flag: the figures are a draft's.
    pub draft: bool,
    #[ts(type = "number")]
    pub total_tenths: i64,
    pub domains: Vec<SummaryDomain>,
    pub basic_items: Vec<SummaryBasic>,
    /// The enterprise's 密级 scheme, highest first.
    pub levels: Vec<String>,
    /// 密点 in management by category × level (only counts above zero).
    pub points: Vec<PointCount>,
    /// 商业秘密管理制度 registered.
    #[ts(type = "number")]
    pub rules: i64,
    /// 涉密人员 on the base date (a count only).
    #[ts(type = "number")]
    pub people: i64,
    /// 保密协议签署率 and 培训覆盖率, tenths of a percent.
    #[ts(type = "number")]
    pub agreement_tenths: i64,
    #[ts(type = "number")]
    pub training_tenths: i64,
    /// Trainings held in the 12 months up to the base date.
    #[serde(rename = "trainings12m")]
    #[ts(rename = "trainings12m", type = "number")]
    pub trainings_12m: i64,
    pub open_tasks: Vec<TaskCount>,
    /// The audit chain head (`count-HASH`), as the report's last page prints it.
    pub chain_head: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    version: u32,
    sha256: String,
    summary: Summary,
}

impl Summary {
    /// The canonical form the hash is taken over.
    pub fn canonical(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a summary always serialises")
    }

    /// SHA-256 of the canonical form, lower-case hex.
    pub fn hash(&self) -> String {
        data_encoding::HEXLOWER.encode(&Sha256::digest(self.canonical()))
    }

    /// The file's bytes: the envelope, indented for a person to read.
    pub fn to_file_bytes(&self) -> Vec<u8> {
        let env = Envelope {
            format: FORMAT.into(),
            version: VERSION,
            sha256: self.hash(),
            summary: self.clone(),
        };
        let mut v = serde_json::to_vec_pretty(&env).expect("a summary always serialises");
        v.push(b'\n');
        v
    }

    /// Live 密点 (registered and in management) in all.
    pub fn point_total(&self) -> i64 {
        self.points.iter().map(|p| p.count).sum()
    }

    /// Scored 基础项 not (yet) in place.
    pub fn basic_not_met(&self) -> i64 {
        self.basic_items
            .iter()
            .filter(|b| b.status != BasicStatus::Met)
            .count() as i64
    }

    /// Open tasks in all, and those due in a month before `month` (`YYYY-MM`).
    pub fn open_tasks_total(&self) -> i64 {
        self.open_tasks.iter().map(|t| t.count).sum()
    }

    pub fn overdue_before(&self, month: &str) -> i64 {
        self.open_tasks
            .iter()
            .filter(|t| !t.due_month.is_empty() && t.due_month.as_str() < month)
            .map(|t| t.count)
            .sum()
    }

    /// The summary of the enterprise's current round, from the same data
    /// the 报送版 is composed from.
    pub fn from_report(d: &ReportData, generated_on: chrono::NaiveDate) -> Result<Summary> {
        let e = &d.enterprise;
        let credit_code = e
            .credit_code
            .clone()
            .filter(|c| !c.trim().is_empty())
            .ok_or(Error::SummaryNeedsCreditCode)?;
        let round = d.round.as_ref().ok_or(Error::SummaryNeedsRound)?;
        let s = &d.score;
        let mut counts: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        for p in d
            .points
            .iter()
            .filter(|p| !matches!(p.status, Status::Declassified | Status::Disclosed))
        {
            let cat = Category::ALL
                .iter()
                .position(|c| *c == p.category)
                .unwrap_or(0);
            let level = d
                .levels
                .iter()
                .position(|l| *l == p.level)
                .unwrap_or(usize::MAX);
            *counts.entry((cat, level)).or_default() += 1;
        }
        let points = counts
            .into_iter()
            .map(|((cat, level), count)| PointCount {
                category: Category::ALL[cat],
                level: d.levels.get(level).cloned().unwrap_or_default(),
                count,
            })
            .collect();
        let domain_of: BTreeMap<&str, &str> = d
            .catalogue
            .domains
            .iter()
            .flat_map(|dm| {
                dm.criteria
                    .iter()
                    .map(|c| (c.id.as_str(), dm.name.as_str()))
            })
            .collect();
        let mut tasks: BTreeMap<(String, String), i64> = BTreeMap::new();
        for t in d
            .tasks
            .iter()
            .filter(|t| t.status != RemediationStatus::Done)
        {
            let domain = t
                .criterion_id
                .as_deref()
                .and_then(|c| domain_of.get(c))
                .copied()
                .unwrap_or(OTHER_DOMAIN);
            let month = t.due_on.get(..7).unwrap_or("").to_string();
            *tasks.entry((domain.to_string(), month)).or_default() += 1;
        }
        Ok(Summary {
            enterprise: SummaryEnterprise {
                name: e.name.trim().to_string(),
                credit_code,
                industry: e.industry.trim().to_string(),
                township: e.township.trim().to_string(),
            },
            round_no: round.round_no,
            base_date: round.base_date.clone(),
            catalogue_id: d.catalogue.id.clone(),
            catalogue_version: d.catalogue.version.clone(),
            generated_on: generated_on.format("%Y-%m-%d").to_string(),
            draft: s.draft,
            total_tenths: s.total.0,
            domains: s
                .domains
                .iter()
                .map(|dm| SummaryDomain {
                    id: dm.id.clone(),
                    name: dm.name.clone(),
                    weight: dm.weight,
                    score_tenths: dm.score.map(|t| t.0),
                    lost_tenths: dm.lost.0,
                })
                .collect(),
            basic_items: s
                .basic_items
                .iter()
                .filter(|b| !b.gate)
                .map(|b| SummaryBasic {
                    criterion: b.criterion.clone(),
                    title: b.title.clone(),
                    status: b.status,
                })
                .collect(),
            levels: d.levels.clone(),
            points,
            rules: d.rules.len() as i64,
            people: d.stats.current_people,
            agreement_tenths: d.stats.agreement_percent.0,
            training_tenths: d.stats.training_percent.0,
            trainings_12m: crate::report::edition::trainings_within_year(d) as i64,
            open_tasks: tasks
                .into_iter()
                .map(|((domain, due_month), count)| TaskCount {
                    domain,
                    due_month,
                    count,
                })
                .collect(),
            chain_head: d.chain_head.anchor(),
        })
    }

    /// Values a summary made by Midun always has; anything else is refused.
    fn check_values(&self) -> std::result::Result<(), String> {
        let e = &self.enterprise;
        if e.name.trim().is_empty() || e.name.chars().count() > 200 {
            return Err("企业名称为空或过长".into());
        }
        // A code that failed its check may still be the enterprise's (kept
        // with a note), so only its shape is checked here.
        if e.credit_code.trim().is_empty() || e.credit_code.chars().count() > 40 {
            return Err("统一社会信用代码为空或过长".into());
        }
        let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok();
        if !day(&self.base_date) || !day(&self.generated_on) {
            return Err("日期格式无效".into());
        }
        if self.round_no < 1 || self.round_no > 1000 {
            return Err("自评轮次无效".into());
        }
        let tenths = |t: i64| (0..=1000).contains(&t);
        if !tenths(self.total_tenths)
            || !tenths(self.agreement_tenths)
            || !tenths(self.training_tenths)
            || self
                .domains
                .iter()
                .any(|d| !d.score_tenths.is_none_or(tenths) || !tenths(d.lost_tenths))
        {
            return Err("分值超出 0 至 100 的范围".into());
        }
        let counts = [self.rules, self.people, self.trainings_12m];
        if counts.iter().any(|c| *c < 0)
            || self.points.iter().any(|p| p.count < 0)
            || self.open_tasks.iter().any(|t| t.count < 0)
        {
            return Err("数量不能为负".into());
        }
        let texts = self
            .domains
            .iter()
            .flat_map(|d| [&d.id, &d.name])
            .chain(
                self.basic_items
                    .iter()
                    .flat_map(|b| [&b.criterion, &b.title]),
            )
            .chain(self.levels.iter())
            .chain(self.open_tasks.iter().map(|t| &t.domain))
            .chain([
                &e.name,
                &e.credit_code,
                &e.industry,
                &e.township,
                &self.catalogue_id,
                &self.catalogue_version,
                &self.chain_head,
            ]);
        for t in texts {
            if t.chars().count() > 200 || t.chars().any(char::is_control) {
                return Err("文字字段过长或含控制字符".into());
            }
        }
        Ok(())
    }
}

/// Make the enterprise's summary of its current round.
pub fn make(store: &Store, enterprise_id: &str, today: chrono::NaiveDate) -> Result<Summary> {
    let catalogue = crate::catalogue::Catalogue::default_catalogue()?;
    let d = crate::report::edition::gather(store, enterprise_id, catalogue)?;
    Summary::from_report(&d, today)
}

/// Write the summary to `out` (atomically), returning it.
pub fn export(store: &Store, enterprise_id: &str, out: &Path) -> Result<Summary> {
    let s = make(store, enterprise_id, chrono::Local::now().date_naive())?;
    crate::fsx::write_atomically(out, &s.to_file_bytes())?;
    Ok(s)
}

/// `<企业名称>-进度摘要-第N轮.midun-summary`.
pub fn suggested_file_name(s: &Summary) -> String {
    format!(
        "{}-进度摘要-第{}轮.{EXTENSION}",
        crate::report::safe_file_stem(&s.enterprise.name),
        s.round_no
    )
}

/// Every key path of a JSON value, in the form [`ALLOWED_FIELDS`] uses.
pub fn key_paths(v: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, at: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, child) in m {
                    let p = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    out.push(p.clone());
                    walk(child, &p, out);
                }
            }
            serde_json::Value::Array(items) => {
                for child in items {
                    walk(child, &format!("{at}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out.sort();
    out.dedup();
    out
}

/// Read and verify a summary from its bytes: the fields, the format and
/// version, the values, then the hash. The reason is in Chinese.
pub fn parse(bytes: &[u8]) -> std::result::Result<(Summary, String), String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err("文件过大，不是进度摘要".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // Cut inside a character: the end is missing, not the format.
        if e.error_len().is_none() && e.valid_up_to() > 0 {
            "文件不完整（可能在传送中被截断）".to_string()
        } else {
            "不是文本文件，不是进度摘要".to_string()
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            "文件不完整（可能在传送中被截断）".to_string()
        } else {
            "不是进度摘要文件（内容无法解析）".to_string()
        }
    })?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err("不是密盾进度摘要文件".into());
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) if v > u64::from(VERSION) => {
            return Err(format!(
                "由更新版本的密盾生成（格式版本 {v}），请升级后再导入"
            ))
        }
        _ => return Err("格式版本无效".into()),
    }
    if let Some(extra) = key_paths(&value)
        .into_iter()
        .find(|p| !ALLOWED_FIELDS.contains(&p.as_str()))
    {
        return Err(format!("含有进度摘要不允许的字段“{extra}”"));
    }
    let env: Envelope = serde_json::from_value(value)
        .map_err(|_| "字段缺失或内容类型不符，不是有效的进度摘要".to_string())?;
    env.summary.check_values()?;
    let hash = env.summary.hash();
    if !env.sha256.eq_ignore_ascii_case(&hash) {
        return Err("校验值不符：文件内容被改动或已损坏".into());
    }
    Ok((env.summary, hash))
}

/// Read and verify a summary file; a refusal names the file.
pub fn read(path: &Path) -> Result<(Summary, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let refused = |reason: String| Error::SummaryRefused {
        file: name.clone(),
        reason,
    };
    let bytes = crate::fsx::read_regular(path, MAX_FILE_BYTES)
        .map_err(|r| refused(r.reason(MAX_FILE_BYTES)))?;
    parse(&bytes).map_err(refused)
}
