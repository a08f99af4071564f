//! The guidance station's view (指导站): progress summaries received from
//! its enterprises, their history by round, the dashboard, the station
//! workbook and the 工作进展汇总 for the county's leading group. It holds
//! figures only — no register, no 密点 name, no personal data; everything
//! it shows comes from a summary verified by its hash.
//!
//! `pg` writes the station's summaries into a shared PostgreSQL database
//! and reads the county's back.

pub mod pg;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::ExportResult;
use crate::report::content::{col, Content};
use crate::report::layout::{Align, Style};
use crate::score::Tenths;
use crate::store::{Store, StoredSummary};
use crate::summary::{self, Summary};
use crate::workbook::{cols, day, t, Cell, Table};

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StationImport {
    #[ts(type = "number")]
    pub files: usize,
    /// Summaries new to this station.
    #[ts(type = "number")]
    pub added: usize,
    /// Summaries it already held (the same file again).
    #[ts(type = "number")]
    pub already: usize,
    /// Enterprises the station now follows.
    #[ts(type = "number")]
    pub enterprises: usize,
}

/// Read and verify every file, then keep them all in one transaction; a
/// single refused file refuses the whole import, naming each bad file.
pub fn import_files(store: &Store, paths: &[PathBuf]) -> Result<StationImport> {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for p in paths {
        match summary::read(p) {
            Ok(s) => good.push(s),
            Err(Error::SummaryRefused { file, reason }) => bad.push(format!("{file}：{reason}")),
            Err(e) => return Err(e),
        }
    }
    if !bad.is_empty() {
        return Err(Error::SummariesRefused {
            count: bad.len().to_string(),
            list: bad.join("；"),
        });
    }
    let good: Vec<_> = {
        let mut seen = std::collections::HashSet::new();
        good.into_iter()
            .filter(|(_, h)| seen.insert(h.clone()))
            .map(|(s, h)| (s, h, "file".to_string()))
            .collect()
    };
    let distinct = good.len();
    let added = store.station().add(&good)?;
    Ok(StationImport {
        files: paths.len(),
        added,
        already: distinct - added,
        enterprises: enterprises(&store.station().list()?).len(),
    })
}

/// One round in an enterprise's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    #[ts(type = "number")]
    pub round_no: i64,
    pub base_date: String,
    #[ts(type = "number")]
    pub total_tenths: i64,
}

/// One enterprise on the dashboard, from its latest summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StationRow {
    pub credit_code: String,
    pub name: String,
    pub township: String,
    pub industry: String,
    #[ts(type = "number")]
    pub round_no: i64,
    pub base_date: String,
    /// The day the latest summary was made.
    pub generated_on: String,
    pub catalogue_version: String,
    #[ts(type = "number")]
    pub total_tenths: i64,
    /// Against the previous round, when there is one.
    #[ts(type = "number | null")]
    pub change_tenths: Option<i64>,
    pub draft: bool,
    #[ts(type = "number")]
    pub basic_not_met: i64,
    #[ts(type = "number")]
    pub open_tasks: i64,
    /// Open tasks due in a month before the current one.
    #[ts(type = "number")]
    pub overdue_tasks: i64,
    #[ts(type = "number")]
    pub points: i64,
    /// 得分率 per domain of `Dashboard::domains` (tenths; None: 不适用 or absent).
    #[ts(type = "Array<number | null>")]
    pub domain_scores: Vec<Option<i64>>,
    /// The latest summary of each round, oldest first.
    pub trend: Vec<TrendPoint>,
}

/// The station's dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub station_name: Option<String>,
    /// The day the overdue figures are counted at.
    pub today: String,
    /// Domain names across every enterprise's latest summary, in catalogue order.
    pub domains: Vec<String>,
    pub rows: Vec<StationRow>,
    #[ts(type = "number")]
    pub summaries: i64,
}

/// Summaries grouped by enterprise (credit code), each group's rounds with
/// their latest summary, oldest round first.
fn enterprises(all: &[StoredSummary]) -> BTreeMap<&str, BTreeMap<i64, &Summary>> {
    let mut by: BTreeMap<&str, BTreeMap<i64, &Summary>> = BTreeMap::new();
    // `list` orders by (credit code, round, day made, import time): the
    // last of a round is its latest.
    for s in all {
        by.entry(s.summary.enterprise.credit_code.as_str())
            .or_default()
            .insert(s.summary.round_no, &s.summary);
    }
    by
}

/// The dashboard as of `today`.
pub fn dashboard(store: &Store, today: chrono::NaiveDate) -> Result<Dashboard> {
    let all = store.station().list()?;
    Ok(dashboard_of(
        &all,
        today,
        store.station().name()?,
        store.station().count()?,
    ))
}

fn dashboard_of(
    all: &[StoredSummary],
    today: chrono::NaiveDate,
    station_name: Option<String>,
    summaries: i64,
) -> Dashboard {
    let month = today.format("%Y-%m").to_string();
    let groups = enterprises(all);
    let mut domains: Vec<String> = Vec::new();
    for rounds in groups.values() {
        if let Some(latest) = rounds.values().last() {
            for d in &latest.domains {
                if !domains.contains(&d.name) {
                    domains.push(d.name.clone());
                }
            }
        }
    }
    let mut rows = Vec::new();
    for (code, rounds) in &groups {
        let trend: Vec<TrendPoint> = rounds
            .values()
            .map(|s| TrendPoint {
                round_no: s.round_no,
                base_date: s.base_date.clone(),
                total_tenths: s.total_tenths,
            })
            .collect();
        let Some(s) = rounds.values().last() else {
            continue;
        };
        let change_tenths = trend
            .len()
            .checked_sub(2)
            .map(|i| s.total_tenths - trend[i].total_tenths);
        rows.push(StationRow {
            credit_code: code.to_string(),
            name: s.enterprise.name.clone(),
            township: s.enterprise.township.clone(),
            industry: s.enterprise.industry.clone(),
            round_no: s.round_no,
            base_date: s.base_date.clone(),
            generated_on: s.generated_on.clone(),
            catalogue_version: s.catalogue_version.clone(),
            total_tenths: s.total_tenths,
            change_tenths,
            draft: s.draft,
            basic_not_met: s.basic_not_met(),
            open_tasks: s.open_tasks_total(),
            overdue_tasks: s.overdue_before(&month),
            points: s.point_total(),
            domain_scores: domains
                .iter()
                .map(|name| {
                    s.domains
                        .iter()
                        .find(|d| &d.name == name)
                        .and_then(|d| d.score_tenths)
                })
                .collect(),
            trend,
        });
    }
    rows.sort_by(|a, b| {
        (&a.township, &a.name, &a.credit_code).cmp(&(&b.township, &b.name, &b.credit_code))
    });
    Dashboard {
        station_name,
        today: today.format("%Y-%m-%d").to_string(),
        domains,
        rows,
        summaries,
    }
}

fn tenths(t: i64) -> String {
    Tenths(t).to_string()
}

fn change(c: Option<i64>) -> String {
    match c {
        None => "—".into(),
        Some(c) if c > 0 => format!("+{}", tenths(c)),
        Some(c) if c < 0 => format!("−{}", tenths(-c)),
        Some(_) => "0".into(),
    }
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.to_string()
    }
}

fn num(n: i64) -> Cell {
    Cell::Number(n as f64)
}

fn score_cell(t: Option<i64>) -> Cell {
    t.map_or(Cell::Text(String::new()), |t| Cell::Number(t as f64 / 10.0))
}

/// The station workbook: one sheet per view (企业进度, 领域得分率,
/// 历次自评, 整改任务).
pub fn workbook(store: &Store, today: chrono::NaiveDate) -> Result<Vec<u8>> {
    let all = store.station().list()?;
    let dash = dashboard_of(&all, today, None, all.len() as i64);
    let progress = Table {
        columns: cols(&[
            ("企业名称", 28.0),
            ("统一社会信用代码", 22.0),
            ("乡镇/街道", 14.0),
            ("行业", 16.0),
            ("最新轮次", 9.0),
            ("自评基准日", 12.0),
            ("自评总分", 10.0),
            ("较上一轮", 10.0),
            ("基础项未落实", 12.0),
            ("待整改事项", 11.0),
            ("逾期整改", 10.0),
            ("在管密点", 10.0),
            ("草稿", 6.0),
            ("摘要生成日", 12.0),
        ]),
        rows: dash
            .rows
            .iter()
            .map(|r| {
                vec![
                    t(&r.name),
                    t(&r.credit_code),
                    t(&r.township),
                    t(&r.industry),
                    num(r.round_no),
                    day(&r.base_date),
                    Cell::Number(r.total_tenths as f64 / 10.0),
                    r.change_tenths
                        .map_or(t(""), |c| Cell::Number(c as f64 / 10.0)),
                    num(r.basic_not_met),
                    num(r.open_tasks),
                    num(r.overdue_tasks),
                    num(r.points),
                    t(if r.draft { "是" } else { "否" }),
                    day(&r.generated_on),
                ]
            })
            .collect(),
        choices: None,
    };
    let mut columns = cols(&[("企业名称 \\ 领域得分率（%）", 28.0)]);
    columns.extend(dash.domains.iter().map(|d| (d.clone(), 14.0)));
    let heat_rows: Vec<Vec<Cell>> = Vec::from_iter(dash.rows.iter().map(|r| {
        std::iter::once(t(&r.name))
            .chain(r.domain_scores.iter().map(|s| score_cell(*s)))
            .collect()
    }));
    let heat = Table {
        columns,
        rows: heat_rows,
        choices: None,
    };
    let history = Table {
        columns: cols(&[
            ("企业名称", 28.0),
            ("统一社会信用代码", 22.0),
            ("轮次", 6.0),
            ("自评基准日", 12.0),
            ("摘要生成日", 12.0),
            ("评价目录版本", 12.0),
            ("自评总分", 10.0),
            ("草稿", 6.0),
            ("来源", 16.0),
            ("校验值（SHA-256）", 66.0),
        ]),
        rows: all
            .iter()
            .map(|s| {
                let m = &s.summary;
                vec![
                    t(&m.enterprise.name),
                    t(&m.enterprise.credit_code),
                    num(m.round_no),
                    day(&m.base_date),
                    day(&m.generated_on),
                    t(&m.catalogue_version),
                    Cell::Number(m.total_tenths as f64 / 10.0),
                    t(if m.draft { "是" } else { "否" }),
                    t(source_label(&s.source)),
                    t(&s.hash),
                ]
            })
            .collect(),
        choices: None,
    };
    let groups = enterprises(&all);
    let mut task_rows = Vec::new();
    for rounds in groups.values() {
        if let Some(s) = rounds.values().last() {
            for task in &s.open_tasks {
                task_rows.push(vec![
                    t(&s.enterprise.name),
                    t(&task.domain),
                    t(or_dash(&task.due_month)),
                    num(task.count),
                ]);
            }
        }
    }
    let tasks = Table {
        columns: cols(&[
            ("企业名称", 28.0),
            ("领域", 22.0),
            ("计划完成月份", 14.0),
            ("待整改事项", 11.0),
        ]),
        rows: task_rows,
        choices: None,
    };
    crate::workbook::book_of(&[
        ("企业进度", progress),
        ("领域得分率", heat),
        ("历次自评", history),
        ("整改任务", tasks),
    ])
}

fn source_label(source: &str) -> String {
    match source.strip_prefix("pg:") {
        Some(station) => format!("共享数据库（{station}）"),
        None => "文件导入".into(),
    }
}

/// Write the station workbook atomically.
pub fn export_workbook(store: &Store, out: &Path) -> Result<ExportResult> {
    let bytes = workbook(store, chrono::Local::now().date_naive())?;
    crate::fsx::write_atomically(out, &bytes)?;
    Ok(ExportResult {
        path: out.display().to_string(),
        missing_chars: Vec::new(),
        warnings: Vec::new(),
    })
}

/// The title of the station's report.
pub const REPORT_TITLE: &str = "商业秘密保护示范创建工作进展汇总";

/// Compose the 工作进展汇总: the figures only, worded as self-assessment
/// results (never a verdict on any enterprise).
pub fn compose_report(d: &Dashboard, generated: chrono::DateTime<chrono::Local>) -> Content {
    let body = Style::BODY;
    let gray = body.color((0.35, 0.35, 0.35));
    let station = d.station_name.clone().unwrap_or_default();
    let mut c = Content::new(
        REPORT_TITLE,
        &station,
        &if station.is_empty() {
            REPORT_TITLE.to_string()
        } else {
            format!("{station} · {REPORT_TITLE}")
        },
    );
    c.created = Some(generated.timestamp());
    c.paragraph(REPORT_TITLE, body.size(18.0).bold().align(Align::Center));
    c.space(2.0);
    c.paragraph(
        &format!(
            "{}统计日期：{}",
            if station.is_empty() {
                String::new()
            } else {
                format!("{station}　")
            },
            generated.format("%Y年%m月%d日")
        ),
        gray.align(Align::Center),
    );
    c.space(4.0);
    c.paragraph(
        "说明：以下数据来自各企业报送的自评进度摘要，是企业对照评价目录所作的自我评估结果，不是评审或认定结论；摘要只含汇总数字，不含企业的台账、密点名称或人员信息。",
        gray,
    );
    c.heading("一、总体情况", 1);
    let n = d.rows.len() as i64;
    if n == 0 {
        c.paragraph("尚未收到企业的进度摘要。", body);
        return c;
    }
    let avg = d.rows.iter().map(|r| r.total_tenths).sum::<i64>() / n.max(1);
    let rising = d
        .rows
        .iter()
        .filter(|r| r.change_tenths.is_some_and(|c| c > 0))
        .count();
    let basic = d.rows.iter().filter(|r| r.basic_not_met > 0).count();
    let overdue: i64 = d.rows.iter().map(|r| r.overdue_tasks).sum();
    let drafts = d.rows.iter().filter(|r| r.draft).count();
    c.paragraph(
        &format!(
            "本站跟踪企业 {n} 家，共收到进度摘要 {} 份。各企业最新一轮自评总分平均 {} 分；较上一轮提高的 {rising} 家；有基础项尚在完善的 {basic} 家；逾期未完成的整改事项共 {overdue} 项；最新摘要仍为草稿的 {drafts} 家。",
            d.summaries,
            tenths(avg)
        ),
        body,
    );
    c.heading("二、各企业进展", 1);
    let rows = d
        .rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                or_dash(&r.township),
                format!("第{}轮", r.round_no),
                r.base_date.clone(),
                format!(
                    "{}{}",
                    tenths(r.total_tenths),
                    if r.draft { "（草稿）" } else { "" }
                ),
                change(r.change_tenths),
                r.basic_not_met.to_string(),
                r.overdue_tasks.to_string(),
            ]
        })
        .collect();
    c.table(
        vec![
            col("企业名称", 3.0, Align::Left),
            col("乡镇/街道", 1.3, Align::Center),
            col("轮次", 0.8, Align::Center),
            col("基准日", 1.4, Align::Center),
            col("自评总分", 1.3, Align::Center),
            col("较上轮", 0.9, Align::Center),
            col("基础项未落实", 1.2, Align::Center),
            col("逾期整改", 1.0, Align::Center),
        ],
        rows,
    );
    c.heading("三、各领域平均得分率", 1);
    let rows = d
        .domains
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let scores: Vec<i64> = d.rows.iter().filter_map(|r| r.domain_scores[i]).collect();
            let avg = if scores.is_empty() {
                "—".to_string()
            } else {
                format!(
                    "{}%",
                    tenths(scores.iter().sum::<i64>() / scores.len() as i64)
                )
            };
            let min = scores
                .iter()
                .min()
                .map_or("—".into(), |m| format!("{}%", tenths(*m)));
            vec![name.clone(), scores.len().to_string(), avg, min]
        })
        .collect();
    c.table(
        vec![
            col("领域", 3.0, Align::Left),
            col("企业数", 1.0, Align::Center),
            col("平均得分率", 1.4, Align::Center),
            col("最低得分率", 1.4, Align::Center),
        ],
        rows,
    );
    c.heading("四、需跟进帮扶的事项", 1);
    let follow: Vec<Vec<String>> = d
        .rows
        .iter()
        .filter(|r| r.basic_not_met > 0 || r.overdue_tasks > 0 || r.draft)
        .map(|r| {
            let mut what = Vec::new();
            if r.basic_not_met > 0 {
                what.push(format!("基础项 {} 项尚在完善", r.basic_not_met));
            }
            if r.overdue_tasks > 0 {
                what.push(format!("整改事项 {} 项已过计划月份", r.overdue_tasks));
            }
            if r.draft {
                what.push("自评尚未完成（草稿）".to_string());
            }
            vec![r.name.clone(), what.join("；")]
        })
        .collect();
    if follow.is_empty() {
        c.paragraph(
            "各企业最新摘要中没有基础项尚在完善、逾期整改或草稿的情况。",
            body,
        );
    } else {
        c.table(
            vec![
                col("企业名称", 2.0, Align::Left),
                col("事项", 4.0, Align::Left),
            ],
            follow,
        );
    }
    c
}

/// Write the 工作进展汇总 (PDF or Word, by the extension's format).
pub fn export_report(
    store: &Store,
    out: &Path,
    format: crate::report::ReportFormat,
) -> Result<ExportResult> {
    let now = chrono::Local::now();
    let d = dashboard(store, now.date_naive())?;
    let content = compose_report(&d, now);
    let (bytes, missing_chars) = format.render(&content)?;
    crate::fsx::write_atomically(out, &bytes)?;
    Ok(ExportResult {
        path: out.display().to_string(),
        missing_chars: missing_chars.iter().map(|c| c.to_string()).collect(),
        warnings: Vec::new(),
    })
}
