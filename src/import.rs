//! Reading a register import file into rows of text, and the template.
//! `.xlsx` (first sheet) through calamine; `.csv` in UTF-8 (with or without
//! BOM) or GB18030, which is what Excel saves on Chinese Windows. The
//! store (`Store::import_points`) checks and writes the rows.
//!
//! Hostile files are refused before they cost much, each with a Chinese
//! message that says what to do:
//! - the file's size is checked before it is read (`MAX_FILE_BYTES`);
//! - an .xlsx's entries are decompressed once and counted before calamine
//!   sees them, so a ZIP bomb stops at `MAX_XLSX_ENTRY_BYTES` whatever
//!   sizes its headers declare; on the way the first sheet's XML is scanned
//!   for its dimension and row numbers (more than `MAX_ROWS` rows stop the
//!   scan at once), formulas and merged cells;
//! - cells are then read one at a time with limits on rows, columns
//!   (`MAX_COLUMNS`), cell length (`MAX_CELL_CHARS`, the store's own limit
//!   for a text field), cells and total text;
//! - a CSV must be UTF-8 or GB18030; UTF-16, NUL bytes, bytes invalid in
//!   both, and GB18030 that decodes to private-use characters (how Big5 or
//!   Shift-JIS text usually comes out) are refused.
//!
//! Formulas are refused: not evaluated, and not taken by their cached
//! value either. The cached value may be missing or stale (programs that do
//! not calculate write 0), a DDE formula's cached value is whatever its
//! author wrote, and a register is data. The message names the cells and
//! says how to paste them as values. Text that merely starts with = + - @
//! (a CSV field, a text cell) is plain text and stored as such: the
//! register's export is a PDF, which prints it literally, and a 代号 (the
//! one register field that goes into a CSV, the hash manifest) may not
//! start with these characters (`model::validate_code`). Any future CSV or
//! spreadsheet export must pass text through `spreadsheet_safe`.
//!
//! Merged cells are refused too: only the first cell of a merged range
//! holds the value, so the other rows would come in without it.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};
use serde::Serialize;

use crate::error::{Error, Result};

/// The most data rows one import takes.
pub const MAX_ROWS: usize = 100_000;
/// The largest import file read into memory.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Columns read; a non-empty cell further right is refused.
pub const MAX_COLUMNS: usize = 64;
/// The longest text of one cell, in characters: the store's limit for a
/// text field (the hand-over import checks the same).
pub const MAX_CELL_CHARS: usize = crate::store::handover::MAX_TEXT_CHARS;
/// All cells' text together, in bytes (shared strings can repeat one long
/// text in every cell).
pub const MAX_TEXT_BYTES: usize = 128 << 20;
/// Cells kept, counting the empty ones to the left of a filled one.
pub const MAX_CELLS: usize = 2_000_000;
/// One .xlsx entry, decompressed.
pub const MAX_XLSX_ENTRY_BYTES: u64 = 128 << 20;
/// All .xlsx entries together, decompressed.
pub const MAX_XLSX_UNZIPPED_BYTES: u64 = 256 << 20;
/// Entries of an .xlsx.
pub const MAX_XLSX_ENTRIES: usize = 10_000;
/// How many cells or ranges a message lists before "等".
const LISTED: usize = 5;

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

/// The 涉密人员台账's columns, in template order (header, aliases, help).
/// The register holds no ID or phone numbers, and neither does the file.
pub const PERSON_COLUMNS: [(&str, &[&str], &str); 9] = [
    ("姓名", &["人员姓名", "名字"], "必填"),
    ("部门", &["所在部门", "部门名称"], "如 生产技术部"),
    ("岗位", &["职务", "职位"], "如 工艺员"),
    (
        "涉密等级",
        &["人员密级", "密级"],
        "本企业密级方案中的名称或其简称（如 核心），可空",
    ),
    ("入职日期", &["入职时间", "到岗日期"], "必填：如 2020-03-01"),
    ("离职日期", &["离职时间"], "在职则留空"),
    (
        "入职承诺签署日期",
        &["承诺书签署日期", "入职承诺日期"],
        "可空",
    ),
    (
        "竞业限制对象",
        &["竞业限制"],
        "高级管理人员、高级技术人员、其他负有保密义务的人员 或 无",
    ),
    ("备注", &["说明"], ""),
];

/// The example row of the personnel template (a fictional person).
const PERSON_EXAMPLE: [&str; 9] = [
    "示例：张建国",
    "生产技术部",
    "工艺员",
    "核心",
    "2018-03-01",
    "",
    "2018-03-01",
    "高级技术人员",
    "",
];

/// The personnel register's template (.xlsx): header, help, an example.
pub fn person_template_xlsx() -> Result<Vec<u8>> {
    sheet_template("涉密人员", &PERSON_COLUMNS, &PERSON_EXAMPLE)
}

/// The personnel template as CSV (UTF-8 with BOM, CRLF as Excel writes).
pub fn person_template_csv() -> Vec<u8> {
    csv_template(&PERSON_COLUMNS, &PERSON_EXAMPLE)
}

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
    /// When the only problem is people a 知悉范围 names who are not in the
    /// 涉密人员台账: who they are, for the user to choose what to do.
    pub missing_people: Vec<MissingPerson>,
    /// People added to the 涉密人员台账 by the user's choice (待补全).
    #[ts(type = "number")]
    pub people_added: usize,
}

impl ImportOutcome {
    /// Nothing written, for these reasons.
    pub fn refused(errors: Vec<RowError>) -> ImportOutcome {
        ImportOutcome {
            imported: 0,
            errors,
            missing_people: Vec::new(),
            people_added: 0,
        }
    }
}

/// Someone a 知悉范围 names (部门:姓名) who is not in the 涉密人员台账.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct MissingPerson {
    pub department: String,
    pub name: String,
    /// The file's rows that name them.
    #[ts(type = "Array<number>")]
    pub rows: Vec<usize>,
}

fn refused(detail: impl Into<String>) -> Error {
    Error::ImportFileInvalid {
        detail: detail.into(),
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

fn too_many_rows(found: impl std::fmt::Display) -> Error {
    refused(format!(
        "工作表有 {found} 行，超过 {MAX_ROWS} 行的上限，请分批导入（空行也算：请删除表格下方多余的行）"
    ))
}

/// A cell as Excel names it (row and column from 0): C12.
fn cell_name(row: usize, col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), row + 1)
}

/// Where a cell is, for messages: 第 12 行第 3 列（C12）.
fn place(row: usize, col: usize) -> String {
    format!(
        "第 {} 行第 {} 列（{}）",
        row + 1,
        col + 1,
        cell_name(row, col)
    )
}

/// The checks every non-empty cell passes, whatever the file type.
fn check_cell(row: usize, col: usize, text: &str) -> Result<()> {
    if row > MAX_ROWS {
        return Err(too_many_rows(format!("{} 行以上", row + 1)));
    }
    if col >= MAX_COLUMNS {
        return Err(refused(format!(
            "{}有内容：导入只读取前 {MAX_COLUMNS} 列，请删除多余的列",
            place(row, col)
        )));
    }
    if text.len() > MAX_CELL_CHARS {
        let n = text.chars().count();
        if n > MAX_CELL_CHARS {
            return Err(refused(format!(
                "{}有 {n} 个字符，超过每格 {MAX_CELL_CHARS} 个字符的上限",
                place(row, col)
            )));
        }
    }
    Ok(())
}

/// Running totals over the cells kept.
#[derive(Default)]
struct Budget {
    text: usize,
    cells: usize,
}

impl Budget {
    fn add(&mut self, text: usize, cells: usize) -> Result<()> {
        self.text += text;
        self.cells += cells;
        if self.text > MAX_TEXT_BYTES {
            return Err(refused(format!(
                "文件中的文字共超过 {}，请分批导入",
                mb(MAX_TEXT_BYTES as u64)
            )));
        }
        if self.cells > MAX_CELLS {
            return Err(refused(format!(
                "文件的单元格超过 {MAX_CELLS} 个，请删除多余的行和列或分批导入"
            )));
        }
        Ok(())
    }
}

/// Read `path` (.xlsx or .csv) into rows of trimmed text.
pub fn read_rows(path: &Path) -> Result<Vec<Vec<String>>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "xlsx" | "csv" | "txt") {
        return Err(refused("只接受 .xlsx 或 .csv 文件"));
    }
    let bytes = read_limited(path)?;
    match ext.as_str() {
        "xlsx" => xlsx_rows(bytes),
        _ => csv_rows(&bytes),
    }
}

fn file_too_large(size: u64) -> Error {
    refused(format!(
        "文件有 {}，超过 {} 的上限，请分批导入",
        mb(size),
        mb(MAX_FILE_BYTES)
    ))
}

/// The file's bytes, refused unread when it is larger than `MAX_FILE_BYTES`
/// (and never more than that read, should it grow meanwhile).
fn read_limited(path: &Path) -> Result<Vec<u8>> {
    crate::fsx::read_regular(path, MAX_FILE_BYTES).map_err(|r| match r {
        crate::fsx::ReadRefusal::TooLarge { size } => file_too_large(size),
        other => Error::FileUnreadable {
            file: path.display().to_string(),
            reason: other.reason(MAX_FILE_BYTES),
        },
    })
}

const SAVE_AS_UTF8: &str = "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再导入";

/// Decode CSV bytes: UTF-8 (BOM or not), else GB18030. UTF-16, NUL bytes,
/// bytes invalid in both, and GB18030 that yields private-use characters
/// (Big5 or Shift-JIS read as GB18030) are refused.
pub fn decode_text(bytes: &[u8]) -> Result<String> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(refused(format!(
            "文件是 UTF-16 编码（Excel 的“Unicode 文本”），{SAVE_AS_UTF8}"
        )));
    }
    if bytes.contains(&0) {
        return Err(refused(format!(
            "文件含空字符（0x00），不是文本文件或为 UTF-16 编码，{SAVE_AS_UTF8}"
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors
        || text.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c))
        || !mostly_gb2312(bytes)
    {
        return Err(refused(format!(
            "文件编码无法识别（只接受 UTF-8 或 GB18030，如 Big5、Shift-JIS 等其他编码不能导入）：{SAVE_AS_UTF8}，或 GB18030 编码的 CSV"
        )));
    }
    Ok(text.into_owned())
}

/// Whether GB18030 bytes look like Simplified Chinese text: at least two
/// thirds of the two-byte characters lie in GB2312's block (first and
/// second byte from 0xA1). Shift-JIS and Big5 decode as GB18030 too, but
/// mostly to rare characters of the GBK extension (Shift-JIS kanji start
/// with 0x81–0x9F; half of Big5's second bytes are below 0xA1).
fn mostly_gb2312(bytes: &[u8]) -> bool {
    let (mut total, mut outside) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        total += 1;
        if next.is_ascii_digit() {
            // A four-byte sequence: rare in Chinese text.
            outside += 1;
            i += 4;
        } else {
            if b < 0xA1 || next < 0xA1 {
                outside += 1;
            }
            i += 2;
        }
    }
    outside * 3 <= total
}

pub fn csv_rows(bytes: &[u8]) -> Result<Vec<Vec<String>>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(file_too_large(bytes.len() as u64));
    }
    let text = decode_text(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut budget = Budget::default();
    for rec in reader.records() {
        let r = rows.len();
        let rec = rec.map_err(|e| {
            let why = match e.kind() {
                csv::ErrorKind::Utf8 { .. } => "含有无效的文字编码",
                csv::ErrorKind::UnequalLengths { .. } => "列数与其他行不同",
                csv::ErrorKind::Io(_) => "读取失败",
                _ => "格式有误",
            };
            refused(format!("第 {} 行无法读取：{why}", r + 1))
        })?;
        if r > MAX_ROWS {
            return Err(too_many_rows(format!("{} 行以上", r + 1)));
        }
        let mut row = Vec::new();
        for (c, field) in rec.iter().enumerate() {
            let t = field.trim();
            if t.is_empty() {
                continue;
            }
            check_cell(r, c, t)?;
            budget.add(t.len(), c + 1 - row.len().min(c + 1))?;
            row.resize(c, String::new());
            row.push(t.to_string());
        }
        rows.push(row);
    }
    Ok(rows)
}

/// A cell's text; an error value (#DIV/0! …) is refused by the caller.
fn cell_text(d: &DataRef) -> std::result::Result<String, String> {
    Ok(match d {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.trim().to_string(),
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        // A serial that is no date stays a number, so that a date column
        // names it rather than coming in empty.
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(t) if !dt.is_duration() => t.format("%Y-%m-%d").to_string(),
            _ => dt.as_f64().to_string(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.chars().take(10).collect(),
        DataRef::Error(e) => return Err(e.to_string()),
    })
}

/// Read the first sheet of an .xlsx into rows (see the module's notes for
/// what is refused and why).
pub fn xlsx_rows(bytes: Vec<u8>) -> Result<Vec<Vec<String>>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(file_too_large(bytes.len() as u64));
    }
    let found = inspect_xlsx(&bytes)?;
    if found.formula_count > 0 {
        return Err(refused(format!(
            "单元格 {} 含公式：导入不计算公式，也不采用公式的计算结果。请在 Excel 中选中这些单元格，复制后“选择性粘贴 → 数值”，保存后再导入",
            listed(&found.formulas, found.formula_count, "处")
        )));
    }
    if found.merged_count > 0 {
        return Err(refused(format!(
            "工作表含跨行合并的单元格 {}：合并区域中只有第一行有内容，其余各行会缺少该项。请取消合并，在每一行填写完整后再导入",
            listed(&found.merged, found.merged_count, "个")
        )));
    }
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|_| refused("不是有效的 .xlsx 文件（可能不完整、已损坏或是其他格式）"))?;
    let name = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| refused("工作簿中没有工作表"))?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| refused("第一个工作表无法读取（文件可能不完整或已损坏）"))?;
    if cells.dimensions().end.0 as usize > MAX_ROWS {
        return Err(too_many_rows(cells.dimensions().end.0 as u64 + 1));
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut budget = Budget::default();
    while let Some(cell) = cells
        .next_cell()
        .map_err(|_| refused("第一个工作表无法读取（文件可能不完整或已损坏）"))?
    {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        let text = cell_text(cell.get_value())
            .map_err(|e| refused(format!("{}是错误值 {e}，请改正后再导入", place(r, c))))?;
        if text.is_empty() {
            continue;
        }
        check_cell(r, c, &text)?;
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        let row = &mut rows[r];
        budget.add(text.len(), (c + 1).saturating_sub(row.len()))?;
        if row.len() <= c {
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    Ok(rows)
}

/// "A1、B2 等 7 处".
fn listed(items: &[String], count: usize, unit: &str) -> String {
    let mut s = items.join("、");
    if count > items.len() {
        s.push_str(&format!(" 等 {count} {unit}"));
    }
    s
}

/// What the scan of the first sheet's XML found.
#[derive(Default)]
struct SheetFindings {
    formulas: Vec<String>,
    formula_count: usize,
    merged: Vec<String>,
    merged_count: usize,
}

/// A ZIP failure of an .xlsx, in Chinese.
fn zip_detail(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    match e {
        Z::Io(io) => crate::error::io_detail(io),
        Z::InvalidArchive(_) => "压缩结构无效".into(),
        Z::UnsupportedArchive(_) => "使用了不支持的压缩方式或加密".into(),
        _ => "压缩内容无法读取".into(),
    }
}

fn corrupt(e: impl std::fmt::Display) -> Error {
    refused(format!("不是有效的 .xlsx 文件，可能不完整或已损坏（{e}）"))
}

fn zip_bomb(detail: String) -> Error {
    refused(format!(
        "{detail}，超过安全上限（单个条目 {}，合计 {}），可能是恶意构造的压缩文件，已拒绝",
        mb(MAX_XLSX_ENTRY_BYTES),
        mb(MAX_XLSX_UNZIPPED_BYTES)
    ))
}

/// Check an .xlsx before calamine opens it: entries decompressed and counted
/// against the limits (declared sizes first, then the real ones), and the
/// first sheet's XML scanned (`SheetScan`).
fn inspect_xlsx(bytes: &[u8]) -> Result<SheetFindings> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(refused(
            "文件已设置打开密码，或是旧版 .xls 格式：请在 Excel 中取消密码并另存为 .xlsx 后再导入",
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(zip_detail(&e)))?;
    if zip.len() > MAX_XLSX_ENTRIES {
        return Err(zip_bomb(format!("文件有 {} 个压缩条目", zip.len())));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| corrupt(zip_detail(&e)))?;
        if f.size() > MAX_XLSX_ENTRY_BYTES {
            return Err(zip_bomb(format!(
                "压缩条目“{}”解压后有 {}",
                f.name(),
                mb(f.size())
            )));
        }
        declared = declared.saturating_add(f.size());
    }
    if declared > MAX_XLSX_UNZIPPED_BYTES {
        return Err(zip_bomb(format!("文件解压后共有 {}", mb(declared))));
    }
    let sheet = first_sheet(&mut zip);
    // The first sheet first, so that too many rows stop the scan at once.
    let mut order: Vec<usize> = (0..zip.len()).collect();
    if let Some(s) = sheet {
        order.retain(|&i| i != s);
        order.insert(0, s);
    }
    let mut findings = SheetFindings::default();
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in order {
        let mut f = zip.by_index(i).map_err(|e| corrupt(zip_detail(&e)))?;
        let name = f.name().replace('\\', "/");
        // Without the workbook's word for which sheet is first, every sheet
        // is scanned.
        let scanned = match sheet {
            Some(s) => s == i,
            None => name.to_ascii_lowercase().starts_with("xl/worksheets/"),
        };
        let mut scan = SheetScan::default();
        let mut size = 0u64;
        loop {
            let n = f
                .read(&mut buf)
                .map_err(|e| corrupt(format!("{name}：{}", crate::error::io_detail(&e))))?;
            if n == 0 {
                break;
            }
            size += n as u64;
            total += n as u64;
            if size > MAX_XLSX_ENTRY_BYTES {
                return Err(zip_bomb(format!(
                    "压缩条目“{name}”解压后超过 {}",
                    mb(MAX_XLSX_ENTRY_BYTES)
                )));
            }
            if total > MAX_XLSX_UNZIPPED_BYTES {
                return Err(zip_bomb(format!(
                    "文件解压后超过 {}",
                    mb(MAX_XLSX_UNZIPPED_BYTES)
                )));
            }
            if scanned {
                scan.feed(&buf[..n])?;
            }
        }
        if scanned {
            scan.into(&mut findings);
        }
    }
    Ok(findings)
}

/// The index of the entry that holds the workbook's first sheet, found as
/// calamine finds it (workbook.xml's first `sheet`, its relationship's
/// target); `None` when that cannot be told.
fn first_sheet(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<usize> {
    fn index(zip: &zip::ZipArchive<Cursor<&[u8]>>, path: &str) -> Option<usize> {
        zip.file_names()
            .find(|n| n.replace('\\', "/").eq_ignore_ascii_case(path))
            .and_then(|n| zip.index_for_name(n))
    }
    fn tags_of(
        zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
        path: &str,
        mut f: impl FnMut(&[u8]) -> bool,
    ) -> Option<()> {
        let i = index(zip, path)?;
        let mut text = Vec::new();
        zip.by_index(i)
            .ok()?
            .take(16 << 20)
            .read_to_end(&mut text)
            .ok()?;
        let mut tags = Tags::default();
        let mut done = false;
        let _ = tags.feed(&text, &mut |t| {
            if !done {
                done = f(t);
            }
            Ok(())
        });
        Some(())
    }
    let mut rid = None;
    tags_of(zip, "xl/workbook.xml", |t| {
        if local(tag_name(t)) != b"sheet" {
            return false;
        }
        rid = attrs(t)
            .into_iter()
            .find(|(k, _)| k.ends_with(b":id"))
            .map(|(_, v)| v.to_vec());
        true
    })?;
    let rid = rid?;
    let mut target = None;
    tags_of(zip, "xl/_rels/workbook.xml.rels", |t| {
        if local(tag_name(t)) != b"Relationship" {
            return false;
        }
        let a = attrs(t);
        if a.iter().any(|(k, v)| *k == b"Id" && *v == rid.as_slice()) {
            target = a
                .iter()
                .find(|(k, _)| *k == b"Target")
                .map(|(_, v)| String::from_utf8_lossy(v).into_owned());
            return true;
        }
        false
    })?;
    let target = target?;
    let path = if let Some(p) = target.strip_prefix('/') {
        p.to_string()
    } else if target.starts_with("xl/") {
        target
    } else {
        format!("xl/{target}")
    };
    index(zip, &path)
}

/// A streaming scanner of XML tags: hands each tag's text (between `<` and
/// `>`, at most `TAG_CAP` bytes of it) to a callback. Not an XML parser: it
/// only has to find a few tags in a sheet, and finding one too many (in a
/// comment, say) refuses a file rather than letting one through.
#[derive(Default)]
struct Tags {
    in_tag: bool,
    quote: u8,
    tag: Vec<u8>,
}

const TAG_CAP: usize = 512;

impl Tags {
    fn feed(&mut self, mut chunk: &[u8], f: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<()> {
        while !chunk.is_empty() {
            if !self.in_tag {
                let Some(p) = chunk.iter().position(|&b| b == b'<') else {
                    return Ok(());
                };
                self.in_tag = true;
                self.quote = 0;
                self.tag.clear();
                chunk = &chunk[p + 1..];
                continue;
            }
            let mut end = None;
            for (i, &b) in chunk.iter().enumerate() {
                if self.quote != 0 {
                    if b == self.quote {
                        self.quote = 0;
                    }
                } else if b == b'"' || b == b'\'' {
                    self.quote = b;
                } else if b == b'>' {
                    end = Some(i);
                    break;
                }
                if self.tag.len() < TAG_CAP {
                    self.tag.push(b);
                }
            }
            let Some(i) = end else { return Ok(()) };
            self.in_tag = false;
            f(&self.tag)?;
            chunk = &chunk[i + 1..];
        }
        Ok(())
    }
}

/// A tag's name (empty for an end tag).
fn tag_name(tag: &[u8]) -> &[u8] {
    let end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    &tag[..end]
}

/// A name without its namespace prefix.
fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|b| *b == b':').next().unwrap_or(name)
}

/// A tag's attributes as (name, raw value).
fn attrs(tag: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    let mut i = tag_name(tag).len();
    let skip = |i: &mut usize| {
        while *i < tag.len() && tag[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    loop {
        skip(&mut i);
        let start = i;
        while i < tag.len() && !tag[i].is_ascii_whitespace() && tag[i] != b'=' && tag[i] != b'/' {
            i += 1;
        }
        if i == start {
            return out;
        }
        let key = &tag[start..i];
        skip(&mut i);
        if i >= tag.len() || tag[i] != b'=' {
            continue;
        }
        i += 1;
        skip(&mut i);
        let Some(&q) = tag.get(i).filter(|q| **q == b'"' || **q == b'\'') else {
            return out;
        };
        let from = i + 1;
        let Some(len) = tag[from..].iter().position(|&b| b == q) else {
            return out;
        };
        out.push((key, &tag[from..from + len]));
        i = from + len + 1;
    }
}

/// The row number (from 1) of a cell or range reference's last cell:
/// "A1:L1048576" → 1048576.
fn last_row(reference: &[u8]) -> Option<u64> {
    let last = reference.rsplit(|b| *b == b':').next()?;
    let digits: Vec<u8> = last.iter().copied().filter(u8::is_ascii_digit).collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// Whether a range reference covers more than one row: "A2:A4" yes,
/// "A1:L1" no (nor a reference that cannot be read: the sheet is refused
/// elsewhere if it is damaged).
fn spans_rows(reference: &[u8]) -> bool {
    let mut parts = reference.split(|b| *b == b':');
    let row = |r: &[u8]| -> Option<u64> {
        let digits: Vec<u8> = r.iter().copied().filter(u8::is_ascii_digit).collect();
        std::str::from_utf8(&digits).ok()?.parse().ok()
    };
    match (parts.next().and_then(row), parts.next().and_then(row)) {
        (Some(first), Some(last)) => last != first,
        _ => false,
    }
}

/// The scan of one sheet's XML: too many rows (by its dimension or a row's
/// number) stop it with an error; formulas and merged ranges are collected.
#[derive(Default)]
struct SheetScan {
    tags: Tags,
    cell: Option<String>,
    found: SheetFindings,
}

impl SheetScan {
    fn feed(&mut self, chunk: &[u8]) -> Result<()> {
        let Self { tags, cell, found } = self;
        tags.feed(chunk, &mut |t| {
            let attr = |k: &[u8]| {
                attrs(t)
                    .into_iter()
                    .find(|(key, _)| *key == k)
                    .map(|(_, v)| {
                        String::from_utf8_lossy(v)
                            .chars()
                            .take(24)
                            .collect::<String>()
                    })
            };
            match local(tag_name(t)) {
                b"dimension" => {
                    if let Some(r) = attr(b"ref") {
                        if last_row(r.as_bytes()).is_some_and(|n| n > MAX_ROWS as u64 + 1) {
                            return Err(too_many_rows(format!(
                                "{}（范围 {r}）",
                                last_row(r.as_bytes()).unwrap_or_default()
                            )));
                        }
                    }
                }
                b"row" => {
                    if let Some(n) = attr(b"r").and_then(|r| r.parse::<u64>().ok()) {
                        if n > MAX_ROWS as u64 + 1 {
                            return Err(too_many_rows(format!("{n} 行以上")));
                        }
                    }
                }
                b"c" => *cell = attr(b"r"),
                b"f" => {
                    found.formula_count += 1;
                    if found.formulas.len() < LISTED {
                        found
                            .formulas
                            .push(cell.clone().unwrap_or_else(|| "（未标位置）".into()));
                    }
                }
                // Only a range over several rows loses data (its rows below the first are
                // empty); a title merged across one row, above the header, is harmless.
                b"mergeCell" => {
                    let range = attr(b"ref").unwrap_or_default();
                    if spans_rows(range.as_bytes()) {
                        found.merged_count += 1;
                        if found.merged.len() < LISTED {
                            found.merged.push(range);
                        }
                    }
                }
                _ => {}
            }
            Ok(())
        })
    }

    fn into(self, all: &mut SheetFindings) {
        all.formula_count += self.found.formula_count;
        all.merged_count += self.found.merged_count;
        for f in self.found.formulas {
            if all.formulas.len() < LISTED {
                all.formulas.push(f);
            }
        }
        for m in self.found.merged {
            if all.merged.len() < LISTED {
                all.merged.push(m);
            }
        }
    }
}

pub use crate::text::spreadsheet_safe;

/// The template: the header row, a line of explanations, one example.
pub fn template_xlsx() -> Result<Vec<u8>> {
    sheet_template("密点", &POINT_COLUMNS, &EXAMPLE)
}

/// A template sheet: bold headers, a grey help row, an example row.
fn sheet_template(
    name: &str,
    columns: &[(&str, &[&str], &str)],
    example: &[&str],
) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |_: rust_xlsxwriter::XlsxError| Error::Io {
        detail: "导入模板生成失败".into(),
    };
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(fail)?;
    let head = Format::new().set_bold().set_background_color(0xE6EDF7);
    let note = Format::new().set_font_color(0x808080).set_text_wrap();
    for (c, (title, _, help)) in columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_with_format(0, c, *title, &head).map_err(fail)?;
        sheet.write_with_format(1, c, *help, &note).map_err(fail)?;
        sheet.set_column_width(c, 18).map_err(fail)?;
    }
    for (c, v) in example.iter().enumerate() {
        sheet.write(2, c as u16, *v).map_err(fail)?;
    }
    book.save_to_buffer().map_err(fail)
}

/// The same template as CSV (UTF-8 with BOM, so that Excel reads it).
pub fn template_csv() -> Vec<u8> {
    csv_template(&POINT_COLUMNS, &EXAMPLE)
}

/// A CSV template: UTF-8 with a BOM and CRLF line ends, as Excel on
/// Windows writes and expects them.
fn csv_template(columns: &[(&str, &[&str], &str)], example: &[&str]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let heads: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let _ = w.write_record(&heads);
    let helps: Vec<&str> = columns.iter().map(|c| c.2).collect();
    let _ = w.write_record(&helps);
    let _ = w.write_record(example);
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
    is_help_row_of(row, &POINT_COLUMNS)
}

/// A template's help row, left in the file (three or more help texts in place).
pub(crate) fn is_help_row_of(row: &[String], columns: &[(&str, &[&str], &str)]) -> bool {
    row.iter()
        .zip(columns.iter())
        .filter(|(cell, (_, _, help))| !help.is_empty() && cell.as_str() == *help)
        .count()
        >= 3
}
