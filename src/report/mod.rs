//! PDF reports. `layout` is the page layer; this module decides what a
//! report says. The first report is the 密点台账: the enterprise and its
//! 密点 by 代号, name, category and level. It lists 密点 names, so it is an
//! internal document and says so on every page.

pub mod approval;
pub mod content;
pub mod docx;
pub mod dossier;
pub mod edition;
mod font;
pub mod layout;
pub mod recovery;

use std::path::Path;

pub use crate::fsx::write_atomically;
use content::{col, Content};
pub use font::missing_chars;
use layout::{Align, Style};

use crate::error::Result;
use crate::model::{Enterprise, ExportResult, ExportWarning, SecretPoint};
use crate::store::Store;

pub const REGISTER_TITLE: &str = "密点台账";
pub const INTERNAL_MARK: &str = "内部资料";

/// The file format of a report: PDF (fixed pages, the embedded font) or
/// Word (a document people edit, on their letterhead).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    #[default]
    Pdf,
    Docx,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Docx => "docx",
        }
    }
    /// The save dialog's filter name.
    pub fn filter_name(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "PDF",
            ReportFormat::Docx => "Word 文档",
        }
    }
    /// Lay content out in this format: the bytes and the characters the
    /// PDF font lacks (a Word document names fonts, it embeds none).
    pub fn render(self, c: &Content) -> Result<(Vec<u8>, Vec<char>)> {
        match self {
            ReportFormat::Pdf => c.render_pdf(),
            ReportFormat::Docx => Ok((c.render_docx()?, Vec::new())),
        }
    }
}

/// A rendered report: the file's bytes and the characters the font lacks.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub missing_chars: Vec<char>,
    /// What the user should know about the content.
    pub warnings: Vec<ExportWarning>,
}

/// Render the 密点台账 of one enterprise. `generated` stamps the document.
pub fn render_register(
    e: &Enterprise,
    points: &[SecretPoint],
    levels: &[String],
    generated: chrono::DateTime<chrono::Local>,
) -> Result<Rendered> {
    let mut c = Content::new(
        &format!("{} {}", e.name, REGISTER_TITLE),
        &e.name,
        &format!("{} · {}（{}）", e.name, REGISTER_TITLE, INTERNAL_MARK),
    );
    c.created = Some(generated.timestamp());
    c.space(30.0).paragraph(
        REGISTER_TITLE,
        Style::BODY.size(26.0).bold().align(Align::Center),
    );
    c.space(3.0).paragraph(
        &format!("商业秘密保护自查评估 · {INTERNAL_MARK}"),
        Style::BODY
            .size(12.0)
            .align(Align::Center)
            .color((0.35, 0.35, 0.35)),
    );
    c.space(18.0);
    let cover = Style::BODY.size(12.0).align(Align::Center);
    let code = format!(
        "统一社会信用代码：{}",
        e.credit_code.as_deref().unwrap_or("未填写")
    );
    c.paragraph(&format!("企业名称：{}", e.name), cover)
        .paragraph(&code, cover)
        .paragraph(
            &format!("生成日期：{}", generated.format("%Y年%m月%d日")),
            cover,
        );
    c.space(20.0).paragraph(
        "本台账列有密点名称，属企业内部资料，请按本企业商业秘密管理制度控制知悉范围、妥善保管。\
         台账只记录密点的代号、名称、类别与密级，不含商业秘密的具体内容。",
        Style::BODY.size(10.0).color((0.35, 0.35, 0.35)),
    );

    c.new_page().heading("一、企业基本情况", 1);
    c.paragraph(&format!("企业名称：{}", e.name), Style::BODY)
        .paragraph(&code, Style::BODY);
    let by_level: Vec<String> = levels
        .iter()
        .map(|l| format!("{l} {} 个", points.iter().filter(|p| &p.level == l).count()))
        .collect();
    c.paragraph(
        &format!("已登记密点 {} 个：{}。", points.len(), by_level.join("，")),
        Style::BODY,
    );
    c.space(4.0).heading("二、密点清单", 1);
    if points.is_empty() {
        c.paragraph("尚未登记密点。", Style::BODY);
    } else {
        let rows = points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    (i + 1).to_string(),
                    p.code.clone(),
                    p.name.clone(),
                    p.category.label().to_string(),
                    p.level.clone(),
                ]
            })
            .collect();
        c.table(
            vec![
                col("序号", 0.8, Align::Center),
                col("代号", 2.0, Align::Left),
                col("密点名称", 4.6, Align::Left),
                col("类别", 1.6, Align::Center),
                col("密级", 1.5, Align::Center),
            ],
            rows,
        );
    }
    let (bytes, missing_chars) = c.render_pdf()?;
    Ok(Rendered {
        bytes,
        missing_chars,
        warnings: Vec::new(),
    })
}

/// Render an enterprise's 密点台账 from the store and write it to `out`.
/// The file appears whole or not at all (written beside it, then renamed).
pub fn export_register(store: &Store, enterprise_id: &str, out: &Path) -> Result<ExportResult> {
    let e = store.enterprises().get(enterprise_id)?;
    let points = store.points().list(&e.id)?;
    let levels = store.levels().list(&e.id)?;
    let r = render_register(&e, &points, &levels, chrono::Local::now())?;
    write_rendered(r, out)
}

/// The file name a save dialog suggests: `<企业名称>-密点台账.pdf`, with
/// characters that Windows or Unix forbid in file names replaced by `_`.
pub fn suggested_file_name(enterprise_name: &str) -> String {
    format!("{}-{REGISTER_TITLE}.pdf", safe_file_stem(enterprise_name))
}

/// `name` with the characters that Windows or Unix forbid in file names replaced by `_`.
pub fn safe_file_stem(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| {
            if c.is_control() || r#"/\:*?"<>|"#.contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Write a rendered report to `out` (whole or not at all) and say what the user should know.
pub fn write_rendered(r: Rendered, out: &Path) -> Result<ExportResult> {
    write_atomically(out, &r.bytes)?;
    Ok(ExportResult {
        path: out.display().to_string(),
        missing_chars: r.missing_chars.iter().map(|c| c.to_string()).collect(),
        warnings: r.warnings,
    })
}

/// Add `.pdf` unless the path already ends with it (any case).
pub fn with_pdf_extension(path: std::path::PathBuf) -> std::path::PathBuf {
    crate::fsx::with_extension(path, "pdf")
}

/// What the user should settle before exporting the 报送版: the same
/// warnings the export returns, asked for before the dialog.
pub fn submission_preflight(store: &Store, enterprise_id: &str) -> Result<Vec<ExportWarning>> {
    let catalogue = crate::catalogue::Catalogue::default_catalogue()?;
    let data = edition::gather(store, enterprise_id, catalogue)?;
    Ok(edition::preflight(&data))
}

/// Render an edition of the self-assessment report and write it to `out`.
pub fn export_edition(
    store: &Store,
    enterprise_id: &str,
    edition: edition::Edition,
    format: ReportFormat,
    out: &Path,
) -> Result<ExportResult> {
    let catalogue = crate::catalogue::Catalogue::default_catalogue()?;
    let data = edition::gather(store, enterprise_id, catalogue)?;
    let r = edition::render_as(&data, edition, 1, chrono::Local::now(), format)?;
    write_rendered(r, out)
}
