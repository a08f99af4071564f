//! The registers as one Excel workbook, through `rust_xlsxwriter`: a sheet
//! per register with Chinese headers, a frozen header row, an auto filter,
//! column widths, dates as Excel dates, and a list validation on the
//! 整改台账's status. Text is always written as text: a cell that starts
//! with `=` stays a string, never a formula.
//!
//! The 密点台账 sheet has exactly the import template's columns
//! (`import::POINT_COLUMNS`), so it re-imports unchanged. The 涉密人员台账
//! holds no ID or phone numbers (the store keeps none), nor non-compete
//! amounts.

use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{DataValidation, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::model::ExportResult;
use crate::store::{RemediationStatus, Store};

/// A sheet of the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Sheet {
    Points,
    Carriers,
    People,
    Rules,
    Trainings,
    Disclosures,
    Incidents,
    Remediation,
}

impl Sheet {
    pub const ALL: [Sheet; 8] = [
        Sheet::Points,
        Sheet::Carriers,
        Sheet::People,
        Sheet::Rules,
        Sheet::Trainings,
        Sheet::Disclosures,
        Sheet::Incidents,
        Sheet::Remediation,
    ];

    /// The sheet's tab name.
    pub fn title(self) -> &'static str {
        match self {
            Sheet::Points => "密点台账",
            Sheet::Carriers => "载体",
            Sheet::People => "涉密人员台账",
            Sheet::Rules => "制度清单",
            Sheet::Trainings => "培训记录",
            Sheet::Disclosures => "对外提供登记",
            Sheet::Incidents => "泄密事件台账",
            Sheet::Remediation => "问题清单与整改台账",
        }
    }

    /// A sheet by its code or its title (the CLI's `--sheets`).
    pub fn parse(s: &str) -> Result<Sheet> {
        let t = s.trim();
        Sheet::ALL
            .into_iter()
            .find(|k| k.title() == t || k.code() == t)
            .ok_or_else(|| Error::FieldInvalid {
                field: "工作表".into(),
                reason: format!(
                    "没有名为“{t}”的工作表（可选：{}）",
                    Sheet::ALL.map(Sheet::title).join("、")
                ),
            })
    }

    pub fn code(self) -> &'static str {
        match self {
            Sheet::Points => "points",
            Sheet::Carriers => "carriers",
            Sheet::People => "people",
            Sheet::Rules => "rules",
            Sheet::Trainings => "trainings",
            Sheet::Disclosures => "disclosures",
            Sheet::Incidents => "incidents",
            Sheet::Remediation => "remediation",
        }
    }
}

/// One cell's value.
pub(crate) enum Cell {
    Text(String),
    /// A day (YYYY-MM-DD) written as an Excel date; anything else as text.
    Day(String),
    Number(f64),
}

pub(crate) fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn yes(b: bool) -> Cell {
    t(if b { "是" } else { "否" })
}

pub(crate) fn day(s: &str) -> Cell {
    Cell::Day(s.to_string())
}

fn opt_day(s: Option<&str>) -> Cell {
    s.map_or(t(""), day)
}

/// Column titles with widths, as a `Table` holds them.
pub(crate) fn cols(c: &[(&str, f64)]) -> Vec<(String, f64)> {
    c.iter().map(|(t, w)| (t.to_string(), *w)).collect()
}

/// A sheet's content: headers with widths (characters), then rows.
pub(crate) struct Table {
    pub columns: Vec<(String, f64)>,
    pub rows: Vec<Vec<Cell>>,
    /// A column whose cells must be one of these (a list validation).
    pub choices: Option<(usize, Vec<&'static str>)>,
}

fn fail(e: XlsxError) -> Error {
    Error::Report {
        detail: format!("工作簿生成失败：{e}"),
    }
}

/// The workbook of an enterprise's registers, with the sheets asked for
/// (all when `sheets` is empty), in the order of `Sheet::ALL`.
pub fn workbook(store: &Store, enterprise_id: &str, sheets: &[Sheet]) -> Result<Vec<u8>> {
    store.enterprises().get(enterprise_id)?;
    let mut tables = Vec::new();
    for sheet in Sheet::ALL {
        if !sheets.is_empty() && !sheets.contains(&sheet) {
            continue;
        }
        let table = match sheet {
            Sheet::Points => points(store, enterprise_id)?,
            Sheet::Carriers => carriers(store, enterprise_id)?,
            Sheet::People => people(store, enterprise_id)?,
            Sheet::Rules => rules(store, enterprise_id)?,
            Sheet::Trainings => trainings(store, enterprise_id)?,
            Sheet::Disclosures => disclosures(store, enterprise_id)?,
            Sheet::Incidents => incidents(store, enterprise_id)?,
            Sheet::Remediation => remediation(store, enterprise_id)?,
        };
        tables.push((sheet.title(), table));
    }
    book_of(&tables)
}

/// A workbook of named sheets, each written as every sheet here is.
pub(crate) fn book_of(tables: &[(&str, Table)]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color(0xE6EDF7)
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text = Format::new().set_num_format("@");
    for (title, table) in tables {
        let ws = book.add_worksheet();
        ws.set_name(*title).map_err(fail)?;
        write_table(ws, table, &head, &date, &text).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

fn write_table(
    ws: &mut Worksheet,
    table: &Table,
    head: &Format,
    date: &Format,
    text: &Format,
) -> std::result::Result<(), XlsxError> {
    for (c, (title, width)) in table.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, title, head)?;
        ws.set_column_width(c, *width)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                // write_string: a text is a string cell whatever it starts
                // with, so `=1+1` is never a formula.
                Cell::Text(s) => {
                    ws.write_string_with_format(r, c, s, text)?;
                }
                Cell::Day(s) => match ExcelDateTime::parse_from_str(s) {
                    Ok(d) if s.len() == 10 => {
                        ws.write_datetime_with_format(r, c, &d, date)?;
                    }
                    _ if s.is_empty() => {}
                    _ => {
                        ws.write_string_with_format(r, c, s, text)?;
                    }
                },
                Cell::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
            }
        }
    }
    let last_col = table.columns.len().saturating_sub(1) as u16;
    let last_row = table.rows.len().max(1) as u32;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    if let Some((col, choices)) = &table.choices {
        let v = DataValidation::new()
            .allow_list_strings(choices)?
            .set_error_title("状态")?
            .set_error_message(format!("请从下列状态中选择：{}", choices.join("、")))?;
        let col = *col as u16;
        ws.add_data_validation(1, col, last_row.max(1000), col, &v)?;
    }
    Ok(())
}

/// The 密点台账 in the import template's columns.
fn points(store: &Store, eid: &str) -> Result<Table> {
    let pts = store.points().list(eid)?;
    let items: HashMap<i64, String> = store
        .points()
        .items(eid)?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let people: HashMap<i64, (String, String)> = store
        .people()
        .list(eid)?
        .into_iter()
        .map(|p| (p.id, (p.department, p.name)))
        .collect();
    let access = store.points().access_of_enterprise(eid)?;
    let mut kinds_of: HashMap<i64, Vec<String>> = HashMap::new();
    for c in store.carriers().list(eid)? {
        for id in &c.point_ids {
            let v = kinds_of.entry(*id).or_default();
            if !v.contains(&c.kind) {
                v.push(c.kind.clone());
            }
        }
    }
    let kinds = crate::model::point::CARRIER_KINDS;
    let rows = pts
        .iter()
        .map(|p| {
            // 部门:姓名,姓名 groups, then roles, as the importer reads them.
            let mut groups: Vec<(String, Vec<String>)> = Vec::new();
            let mut roles: Vec<String> = Vec::new();
            if let Some(a) = access.get(&p.id) {
                for id in &a.person_ids {
                    if let Some((dept, name)) = people.get(id) {
                        match groups.iter_mut().find(|(d, _)| d == dept) {
                            Some((_, names)) => names.push(name.clone()),
                            None => groups.push((dept.clone(), vec![name.clone()])),
                        }
                    }
                }
                roles = a.roles.clone();
            }
            let mut scope: Vec<String> = groups
                .into_iter()
                .map(|(d, names)| format!("{d}:{}", names.join(",")))
                .collect();
            scope.extend(roles);
            let mut carrier: Vec<String> = p
                .carrier_index
                .split(['、', '；', ';', ',', '，'])
                .map(str::trim)
                .filter(|k| kinds.contains(k))
                .map(str::to_string)
                .collect();
            for k in kinds_of.get(&p.id).into_iter().flatten() {
                if kinds.contains(&k.as_str()) && !carrier.contains(k) {
                    carrier.push(k.clone());
                }
            }
            vec![
                t(p.code.clone()),
                t(p.item_id
                    .and_then(|i| items.get(&i).cloned())
                    .unwrap_or_default()),
                t(p.name.clone()),
                t(p.category.label()),
                t(p.subtype.clone().unwrap_or_default()),
                t(p.summary.clone()),
                t(p.level.clone()),
                p.term.map_or(t(""), |term| match term {
                    crate::model::Term::Until(_) => day(&term.label()),
                    _ => t(term.label()),
                }),
                t(scope.join("；")),
                t(p.department.clone()),
                t(p.responsible.clone()),
                t(carrier.join("、")),
            ]
        })
        .collect();
    let widths = [
        14.0, 14.0, 24.0, 12.0, 10.0, 36.0, 10.0, 12.0, 36.0, 14.0, 10.0, 24.0,
    ];
    Ok(Table {
        columns: crate::import::POINT_COLUMNS
            .iter()
            .zip(widths)
            .map(|((title, _, _), w)| (title.to_string(), w))
            .collect(),
        rows,
        choices: None,
    })
}

/// Point ids to 代号, for the sheets that name 密点.
fn codes(store: &Store, eid: &str) -> Result<HashMap<i64, String>> {
    Ok(store
        .points()
        .list(eid)?
        .into_iter()
        .map(|p| (p.id, p.code))
        .collect())
}

fn carriers(store: &Store, eid: &str) -> Result<Table> {
    let codes = codes(store, eid)?;
    let rows = store
        .carriers()
        .list(eid)?
        .into_iter()
        .map(|c| {
            let points: Vec<&str> = c
                .point_ids
                .iter()
                .filter_map(|id| codes.get(id).map(String::as_str))
                .collect();
            vec![
                t(c.name),
                t(c.kind),
                t(c.location),
                t(c.custodian),
                yes(c.marked),
                t(points.join("、")),
            ]
        })
        .collect();
    Ok(Table {
        columns: cols(&[
            ("载体名称", 24.0),
            ("类型", 16.0),
            ("存放位置", 20.0),
            ("保管人", 10.0),
            ("已作密级标识", 12.0),
            ("涉及密点（代号）", 28.0),
        ]),
        rows,
        choices: None,
    })
}

fn people(store: &Store, eid: &str) -> Result<Table> {
    let mut signed: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    for a in store.people().agreements_of_enterprise(eid)? {
        signed
            .entry(a.person_id)
            .or_default()
            .push((a.kind.label().to_string(), a.signed_on));
    }
    let mut noncompete: HashMap<i64, String> = HashMap::new();
    for n in store.people().noncompetes(eid)? {
        noncompete.insert(
            n.person_id,
            // The term only: amounts stay in the app's non-compete register.
            format!(
                "{} 至 {}（{}）",
                n.starts_on,
                n.ends_on,
                if n.monthly_compensation > 0 {
                    "已约定按月补偿"
                } else {
                    "未约定补偿"
                }
            ),
        );
    }
    let mut known: HashMap<i64, usize> = HashMap::new();
    for a in store.points().access_of_enterprise(eid)?.values() {
        for id in &a.person_ids {
            *known.entry(*id).or_default() += 1;
        }
    }
    let rows = store
        .people()
        .list(eid)?
        .into_iter()
        .map(|p| {
            let agreements = signed.get(&p.id);
            let nda = agreements
                .and_then(|v| {
                    v.iter()
                        .filter(|(k, _)| k == "保密协议")
                        .map(|(_, d)| d)
                        .max()
                })
                .cloned();
            let other: Vec<String> = agreements
                .into_iter()
                .flatten()
                .filter(|(k, _)| k != "保密协议")
                .map(|(k, d)| format!("{k}（{d}）"))
                .collect();
            vec![
                t(p.name),
                t(p.department),
                t(p.post),
                t(p.person_level),
                t(p.relationship.label()),
                day(&p.entry_date),
                opt_day(p.exit_date.as_deref()),
                nda.map_or(t("未签"), |d| day(&d)),
                t(other.join("；")),
                t(noncompete.remove(&p.id).unwrap_or_default()),
                Cell::Number(known.get(&p.id).copied().unwrap_or(0) as f64),
            ]
        })
        .collect();
    Ok(Table {
        columns: cols(&[
            ("姓名", 10.0),
            ("部门", 14.0),
            ("岗位", 14.0),
            ("涉密等级", 10.0),
            ("人员关系", 12.0),
            ("入职日期", 12.0),
            ("离职日期", 12.0),
            ("保密协议签订日期", 16.0),
            ("其他保密承诺", 28.0),
            ("竞业限制", 30.0),
            ("知悉密点数", 10.0),
        ]),
        rows,
        choices: None,
    })
}

fn rules(store: &Store, eid: &str) -> Result<Table> {
    let rows = store
        .rules()
        .list(eid)?
        .into_iter()
        .map(|r| {
            vec![
                t(r.title),
                t(r.doc_no),
                day(&r.issued_on),
                t(r.democratic_procedure),
                opt_day(r.publicized_on.as_deref()),
                t(r.publicity_method),
            ]
        })
        .collect();
    Ok(Table {
        columns: cols(&[
            ("制度名称", 32.0),
            ("文号", 18.0),
            ("印发日期", 12.0),
            ("民主程序", 20.0),
            ("公示日期", 12.0),
            ("公示方式", 20.0),
        ]),
        rows,
        choices: None,
    })
}

fn trainings(store: &Store, eid: &str) -> Result<Table> {
    let rows = store
        .trainings()
        .list(eid)?
        .into_iter()
        .map(|x| {
            vec![
                day(&x.held_on),
                t(x.topic),
                yes(x.has_sign_in_sheet),
                yes(x.has_quiz),
                Cell::Number(x.attendee_ids.len() as f64),
            ]
        })
        .collect();
    Ok(Table {
        columns: cols(&[
            ("培训日期", 12.0),
            ("主题", 36.0),
            ("有签到表", 10.0),
            ("有考核", 10.0),
            ("参训人数", 10.0),
        ]),
        rows,
        choices: None,
    })
}

fn disclosures(store: &Store, eid: &str) -> Result<Table> {
    let rows = store
        .disclosures()
        .list(eid)?
        .into_iter()
        .map(|x| {
            vec![
                t(x.point_code),
                t(x.recipient),
                t(x.recipient_kind.label()),
                day(&x.disclosed_on),
                t(x.purpose),
                yes(x.has_nda),
                t(x.nda_ref),
                yes(x.confidentiality_requested),
            ]
        })
        .collect();
    Ok(Table {
        columns: cols(&[
            ("密点代号", 14.0),
            ("接收方", 24.0),
            ("接收方类型", 12.0),
            ("提供日期", 12.0),
            ("用途", 24.0),
            ("有保密协议", 10.0),
            ("保密协议编号", 16.0),
            ("已书面提出保密要求", 16.0),
        ]),
        rows,
        choices: None,
    })
}

fn incidents(store: &Store, eid: &str) -> Result<Table> {
    let rows = store
        .incidents()
        .list(eid)?
        .into_iter()
        .map(|x| {
            vec![
                day(&x.occurred_on),
                t(x.severity.label()),
                t(x.description),
                t(x.point_codes.join("、")),
                yes(x.evidence_preserved),
                yes(x.preservation_order),
                yes(x.complaint),
                yes(x.police_report),
                t(x.outcome),
                opt_day(x.handled_on.as_deref()),
            ]
        })
        .collect();
    Ok(Table {
        columns: cols(&[
            ("发生日期", 12.0),
            ("严重程度", 10.0),
            ("概况", 36.0),
            ("涉及密点（代号）", 20.0),
            ("已保全证据", 10.0),
            ("申请保全/禁令", 12.0),
            ("已投诉", 8.0),
            ("已报案", 8.0),
            ("处置结果", 24.0),
            ("处置完毕日期", 12.0),
        ]),
        rows,
        choices: None,
    })
}

/// The 问题清单与整改台账: each gap of the latest score with its task
/// (owner, due date, status), then tasks that answer no current gap.
fn remediation(store: &Store, eid: &str) -> Result<Table> {
    let catalogue = Catalogue::default_catalogue()?;
    let score = crate::assess::current_score(store, eid, &catalogue)?;
    let tasks = store.tasks().list(eid, None)?;
    let mut used = vec![false; tasks.len()];
    let mut rows = Vec::new();
    let task_cells = |task: Option<&crate::store::RemediationTask>| match task {
        Some(k) => vec![
            t(k.owner_role.clone()),
            day(&k.due_on),
            t(k.status.label()),
            opt_day(k.closed_on.as_deref()),
        ],
        None => vec![t(""), t(""), t("尚待安排"), t("")],
    };
    for g in &score.gaps {
        let at = tasks
            .iter()
            .position(|k| k.criterion_id.as_deref() == Some(g.criterion.as_str()));
        if let Some(i) = at {
            used[i] = true;
        }
        let mut row = vec![
            t(g.criterion.clone()),
            t(g.title.clone()),
            t(g.domain.clone()),
            yes(g.basic),
            Cell::Number(g.points_lost.0 as f64 / 10.0),
            t(g.action.clone()),
        ];
        row.extend(task_cells(at.map(|i| &tasks[i])));
        rows.push(row);
    }
    for (k, _) in tasks.iter().zip(&used).filter(|(_, u)| !**u) {
        let mut row = vec![
            t(k.criterion_id.clone().unwrap_or_default()),
            t(k.title.clone()),
            t(""),
            t(""),
            t(""),
            t(""),
        ];
        row.extend(task_cells(Some(k)));
        rows.push(row);
    }
    let mut statuses: Vec<&'static str> =
        RemediationStatus::ALL.iter().map(|s| s.label()).collect();
    statuses.push("尚待安排");
    Ok(Table {
        columns: cols(&[
            ("评价项", 8.0),
            ("待改进事项", 36.0),
            ("领域", 14.0),
            ("基础项", 8.0),
            ("失分", 8.0),
            ("整改措施", 36.0),
            ("责任部门/岗位", 14.0),
            ("计划完成日期", 12.0),
            ("状态", 10.0),
            ("完成日期", 12.0),
        ]),
        rows,
        choices: Some((8, statuses)),
    })
}

/// The file name a save dialog suggests: `<企业名称>-台账.xlsx`.
pub fn suggested_file_name(enterprise_name: &str) -> String {
    format!(
        "{}-台账.xlsx",
        crate::report::safe_file_stem(enterprise_name)
    )
}

/// Write the workbook to `out` (whole or not at all).
pub fn export(
    store: &Store,
    enterprise_id: &str,
    sheets: &[Sheet],
    out: &Path,
) -> Result<ExportResult> {
    let bytes = workbook(store, enterprise_id, sheets)?;
    crate::fsx::write_atomically(out, &bytes)?;
    Ok(ExportResult {
        path: out.display().to_string(),
        missing_chars: Vec::new(),
        warnings: Vec::new(),
    })
}
