//! Reading a register import file into rows of text, and the template.
//! `.xlsx` (first sheet) through calamine; `.csv` in UTF-8 (with or without
//! BOM) or GB18030, which is what Excel saves on Chinese Windows. The
//! store (`Store::import_points`) checks and writes the rows.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use serde::Serialize;

use crate::error::{Error, Result};

/// The most data rows one import takes.
pub const MAX_ROWS: usize = 100_000;

/// The 密点 register's columns, in template order: (header, aliases, what
/// goes in it). The importer accepts a header or any of its aliases.
pub const POINT_COLUMNS: [(&str, &[&str], &str); 12] = [
    (
        "代号",
        &["编号", "密点代号"],
        "留空则自动生成，如 MD-2026-001",
    ),
    (
        "事项",
        &["商业秘密事项", "所属事项"],
        "所属商业秘密事项，如 熬制工艺；不存在则新建",
    ),
    ("名称", &["密点名称", "密点"], "必填"),
    (
        "类别",
        &["信息类别"],
        "必填：技术信息、经营信息或其他商业信息",
    ),
    ("子类", &["类型"], "如 工艺、配方、客户信息"),
    (
        "概述",
        &["描述", "简述", "说明"],
        "一句话说明，不写具体参数",
    ),
    (
        "密级",
        &["等级", "保密等级"],
        "必填：本企业密级方案中的名称，或其简称（如 核心）",
    ),
    ("保密期限", &["期限"], "日期（2030-12-31）、长期 或 公布前"),
    (
        "知悉范围",
        &["知悉人员"],
        "姓名或岗位，用 ；、， 分隔；可写作 部门:姓名,姓名",
    ),
    ("责任部门", &["部门"], ""),
    ("责任人", &["负责人"], ""),
    (
        "载体",
        &["载体类型"],
        "纸质文件、电子文件/数据、实物样品/原料、设备/模具、口头/技艺传承",
    ),
];

/// One problem of an import file: where (row and column as the user sees
/// them in Excel, rows from 1 with the header) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    #[ts(type = "number")]
    pub row: usize,
    pub column: String,
    pub reason: String,
}

/// What an import did: all rows or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportOutcome {
    /// Rows written (0 when there is any error).
    #[ts(type = "number")]
    pub imported: usize,
    pub errors: Vec<RowError>,
}

fn refused(detail: impl Into<String>) -> Error {
    Error::ImportFileInvalid {
        detail: detail.into(),
    }
}

/// Read `path` (.xlsx or .csv) into rows of trimmed text.
pub fn read_rows(path: &Path) -> Result<Vec<Vec<String>>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let bytes = std::fs::read(path)?;
    match ext.as_str() {
        "xlsx" => xlsx_rows(bytes),
        "csv" | "txt" => csv_rows(&bytes),
        _ => Err(refused("只接受 .xlsx 或 .csv 文件")),
    }
}

/// Decode CSV bytes: UTF-8 (BOM or not), else GB18030.
pub fn decode_text(bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(refused(
            "文件编码无法识别：请在 Excel 中另存为“CSV UTF-8”或 GB18030 编码的 CSV",
        ));
    }
    Ok(text.into_owned())
}

pub fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    let text = decode_text(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| refused(format!("第 {} 行无法读取：{e}", i + 1)))?;
        rows.push(rec.iter().map(|c| c.trim().to_string()).collect());
        if rows.len() > MAX_ROWS + 1 {
            return Err(refused(format!("超过 {MAX_ROWS} 行，请分批导入")));
        }
    }
    Ok(rows)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

pub fn xlsx_rows(bytes: Vec<u8>) -> Result<Vec<Vec<String>>> {
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| refused(format!("不是有效的 .xlsx 文件（{e}）")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| refused("工作簿中没有工作表"))?
        .map_err(|e| refused(format!("工作表无法读取（{e}）")))?;
    if range.height() > MAX_ROWS + 1 {
        return Err(refused(format!("超过 {MAX_ROWS} 行，请分批导入")));
    }
    // Rows as Excel numbers them: the range may start below row 1.
    let first = range.start().map_or(0, |(r, _)| r as usize);
    let mut rows = vec![Vec::new(); first];
    rows.extend(range.rows().map(|r| r.iter().map(cell_text).collect()));
    Ok(rows)
}

/// The template: the header row, a line of explanations, one example.
pub fn template_xlsx() -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| Error::Io {
        detail: format!("模板生成失败：{e}"),
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("密点").map_err(fail)?;
    let head = Format::new().set_bold().set_background_color(0xE6EDF7);
    let note = Format::new().set_font_color(0x808080).set_text_wrap();
    for (c, (title, _, help)) in POINT_COLUMNS.iter().enumerate() {
        let c = c as u16;
        sheet.write_with_format(0, c, *title, &head).map_err(fail)?;
        sheet.write_with_format(1, c, *help, &note).map_err(fail)?;
        sheet.set_column_width(c, 18).map_err(fail)?;
    }
    for (c, v) in EXAMPLE.iter().enumerate() {
        sheet.write(2, c as u16, *v).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// The same template as CSV (UTF-8 with BOM, so that Excel reads it).
pub fn template_csv() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let heads: Vec<&str> = POINT_COLUMNS.iter().map(|c| c.0).collect();
    let _ = w.write_record(&heads);
    let helps: Vec<&str> = POINT_COLUMNS.iter().map(|c| c.2).collect();
    let _ = w.write_record(&helps);
    let _ = w.write_record(EXAMPLE);
    w.into_inner().unwrap_or_default()
}

/// The example row of the template (a fictional 密点).
const EXAMPLE: [&str; 12] = [
    "",
    "熬制工艺",
    "示例：化皮与提沫工序控制要点",
    "技术信息",
    "工艺",
    "化皮、提沫阶段的时间与火候控制方法（不写具体参数）",
    "核心",
    "长期",
    "生产技术部:张建国,李秀英；工艺员",
    "生产技术部",
    "张建国",
    "纸质文件、电子文件/数据",
];

/// Whether a row is the template's line of explanations (skipped).
pub(crate) fn is_help_row(row: &[String]) -> bool {
    row.iter()
        .zip(POINT_COLUMNS.iter())
        .filter(|(cell, (_, _, help))| !help.is_empty() && cell.as_str() == *help)
        .count()
        >= 3
}
