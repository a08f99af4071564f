//! Word (.docx) layout of a `Content`, through `docx-rs`: the same blocks
//! the PDF lays out, as a document people edit. Headings use Word's
//! built-in `heading 1/2/3` styles (shown as 标题 1/2/3, so the navigation
//! pane and a table of contents work), tables are real tables with a
//! shaded header row, the footer counts 第 x 页 共 y 页 with PAGE and
//! NUMPAGES fields, and a `{page:NAME}` token becomes a PAGEREF field to a
//! bookmark at the anchor, cached with the page the PDF layout found.
//!
//! Fonts are named, not embedded: 宋体 for text and 黑体 for headings (with
//! Times New Roman for Latin), which every Chinese Windows and Office has;
//! elsewhere the office suite substitutes its own CJK font. Charts have no
//! Word form here: their figures stand in the tables beside them, and a bar
//! chart becomes a two-column table.

use std::collections::BTreeMap;

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, Header, InstrPAGEREF, InstrText,
    LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, Style as DStyle,
    StyleType, Tab, TabValueType, Table, TableCell, TableRow, WidthType,
};

use super::content::{Block, Content, TOKEN};
use super::layout::{Align, Style, CONTENT_W, MARGIN_X, PAGE_H, PAGE_W};
use crate::error::{Error, Result};

/// Twentieths of a point per millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;
const TOP_MM: f32 = 25.0;
const BOTTOM_MM: f32 = 22.0;
const TEXT_FONT: &str = "宋体";
const HEADING_FONT: &str = "黑体";
const LATIN_FONT: &str = "Times New Roman";

fn twips(mm: f32) -> u32 {
    (mm * TWIPS_PER_MM).round() as u32
}

/// Half-points, Word's unit of font size.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn hex((r, g, b): (f32, f32, f32)) -> String {
    let c = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{:02X}{:02X}{:02X}", c(r), c(g), c(b))
}

fn fonts(east_asia: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .east_asia(east_asia)
        .cs(LATIN_FONT)
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// A bookmark name Word accepts for an anchor: hidden (leading `_`),
/// letters, digits and `_` only, at most 40 characters.
fn bookmark(anchor: &str) -> String {
    let clean: String = anchor
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("_Midun_{clean}").chars().take(40).collect()
}

/// The runs of a text: plain runs, and a PAGEREF field where the text holds
/// a page token (its cached result the page the PDF layout found).
fn runs(text: &str, base: &Run, pages: &BTreeMap<String, usize>) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(TOKEN) {
        let after = &rest[i + TOKEN.len()..];
        let Some(j) = after.find('}') else { break };
        if i > 0 {
            out.extend(text_runs(&rest[..i], base));
        }
        let name = &after[..j];
        let cached = pages.get(name).map_or("00".to_string(), |n| n.to_string());
        out.push(
            base.clone()
                .add_field_char(FieldCharType::Begin, false)
                .add_instr_text(InstrText::PAGEREF(
                    InstrPAGEREF::new(bookmark(name)).hyperlink(),
                ))
                .add_field_char(FieldCharType::Separate, false)
                .add_text(cached)
                .add_field_char(FieldCharType::End, false),
        );
        rest = &after[j + 1..];
    }
    if !rest.is_empty() || out.is_empty() {
        out.extend(text_runs(rest, base));
    }
    out
}

/// A text as runs, a line break for each `\n`.
fn text_runs(text: &str, base: &Run) -> Vec<Run> {
    let mut run = base.clone();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    vec![run]
}

fn styled_run(s: &Style) -> Run {
    let mut r = Run::new().size(half_points(s.size)).color(hex(s.color));
    if s.bold {
        r = r.bold();
    }
    r
}

/// The document being built, with the anchors waiting for the next paragraph.
struct Builder<'a> {
    docx: Docx,
    pages: &'a BTreeMap<String, usize>,
    pending: Vec<String>,
    next_bookmark: usize,
}

impl Builder<'_> {
    fn paragraph(&mut self, mut p: Paragraph) {
        for name in std::mem::take(&mut self.pending) {
            let id = self.next_bookmark;
            self.next_bookmark += 1;
            p = p
                .add_bookmark_start(id, bookmark(&name))
                .add_bookmark_end(id);
        }
        self.docx = std::mem::take(&mut self.docx).add_paragraph(p);
    }

    fn text(&mut self, text: &str, style: &Style) -> Paragraph {
        let mut p = Paragraph::new().align(alignment(style.align));
        for r in runs(text, &styled_run(style), self.pages) {
            p = p.add_run(r);
        }
        p
    }

    fn table(&mut self, t: Table) {
        // A bookmark cannot stand before a table; it goes on the next paragraph.
        self.docx = std::mem::take(&mut self.docx).add_table(t);
        // A little air below it, and two tables never merge into one.
        self.block(&Block::Space { mm: 2.5 });
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Heading { text, level } => {
                let level = (*level).clamp(1, 3);
                let p = Paragraph::new()
                    .style(&format!("Heading{level}"))
                    .keep_next(true);
                let p = runs(text, &Run::new(), self.pages)
                    .into_iter()
                    .fold(p, Paragraph::add_run);
                self.paragraph(p);
            }
            Block::Paragraph { text, style } => {
                let p = self.text(text, style);
                self.paragraph(p);
            }
            Block::Table {
                caption,
                columns,
                rows,
            } => {
                if let Some((text, style)) = caption {
                    let p = self.text(text, style).keep_next(true);
                    self.paragraph(p);
                }
                let t = self.grid(columns, rows);
                self.table(t);
            }
            Block::Bars { rows, .. } => {
                let columns = vec![
                    ("".to_string(), 3.0, Align::Left),
                    ("".to_string(), 1.0, Align::Right),
                ];
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(l, _, t)| vec![l.clone(), t.clone()])
                    .collect();
                let t = self.plain_grid(&columns, &rows, Style::BODY, false);
                self.table(t);
            }
            Block::Radar { .. } | Block::Ensure { .. } => {}
            Block::Pairs { rows, size, split } => {
                let label = (split - MARGIN_X).clamp(20.0, CONTENT_W - 30.0);
                let columns = vec![
                    ("".to_string(), label, Align::Right),
                    ("".to_string(), CONTENT_W - label, Align::Left),
                ];
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|(l, v)| vec![l.clone(), v.clone()])
                    .collect();
                let t = self.plain_grid(&columns, &rows, Style::BODY.size(*size), false);
                self.table(t);
            }
            Block::Space { mm } => {
                let p = Paragraph::new().line_spacing(
                    LineSpacing::new()
                        .line_rule(docx_rs::LineSpacingType::Exact)
                        .line(twips(mm.max(0.5)) as i32)
                        .before(0)
                        .after(0),
                );
                self.paragraph(p);
            }
            Block::PageBreak => {
                self.paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
            }
            Block::Anchor { name } => self.pending.push(name.clone()),
        }
    }

    /// A ruled table with a bold, shaded header row.
    fn grid(&self, columns: &[(String, f32, Align)], rows: &[Vec<String>]) -> Table {
        let widths = widths(columns);
        let head = TableRow::new(
            columns
                .iter()
                .zip(&widths)
                .map(|((title, _, _), w)| {
                    self.cell(title, &Style::BODY.bold().align(Align::Center), *w)
                        .shading(Shading::new().fill("EDEDED"))
                })
                .collect(),
        )
        .cant_split();
        let mut all = vec![head];
        all.extend(rows.iter().map(|r| {
            TableRow::new(
                columns
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, ((_, _, align), w))| {
                        self.cell(
                            r.get(i).map_or("", String::as_str),
                            &Style::BODY.align(*align),
                            *w,
                        )
                    })
                    .collect(),
            )
        }));
        Table::new(all)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
    }

    /// A table without rules (label–value lines, bars as figures).
    fn plain_grid(
        &self,
        columns: &[(String, f32, Align)],
        rows: &[Vec<String>],
        style: Style,
        _head: bool,
    ) -> Table {
        let widths = widths(columns);
        let rows = rows
            .iter()
            .map(|r| {
                TableRow::new(
                    columns
                        .iter()
                        .zip(&widths)
                        .enumerate()
                        .map(|(i, ((_, _, align), w))| {
                            self.cell(
                                r.get(i).map_or("", String::as_str),
                                &style.align(*align),
                                *w,
                            )
                            .clear_all_border()
                        })
                        .collect(),
                )
            })
            .collect();
        Table::without_borders(rows)
            .set_grid(widths.clone())
            .width(widths.iter().sum(), WidthType::Dxa)
    }

    fn cell(&self, text: &str, style: &Style, width: usize) -> TableCell {
        let mut p = Paragraph::new().align(alignment(style.align));
        for r in runs(text, &styled_run(style), self.pages) {
            p = p.add_run(r);
        }
        TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa)
    }
}

/// Column widths in twips from the columns' shares of the content width.
fn widths(columns: &[(String, f32, Align)]) -> Vec<usize> {
    let total: f32 = columns
        .iter()
        .map(|c| c.1.max(0.0))
        .sum::<f32>()
        .max(f32::EPSILON);
    columns
        .iter()
        .map(|c| twips(CONTENT_W * c.1.max(0.0) / total) as usize)
        .collect()
}

fn heading_style(level: usize, pt: f32) -> DStyle {
    DStyle::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .outline_lvl(level - 1)
        .bold()
        .size(half_points(pt))
        .fonts(fonts(HEADING_FONT))
        .line_spacing(LineSpacing::new().before(240).after(120))
}

/// Lay the content out as a Word document. `pages` holds the page of each
/// anchor as the PDF layout found it (the cached result of each PAGEREF
/// field, which Word and LibreOffice update on opening or printing).
pub fn render_docx(c: &Content, pages: &BTreeMap<String, usize>) -> Result<Vec<u8>> {
    let gray = hex((0.35, 0.35, 0.35));
    let mut header = Paragraph::new()
        .add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(twips(CONTENT_W) as usize),
        )
        .add_run(Run::new().add_text(&c.header).size(17).color(gray.clone()));
    if !c.header_right.is_empty() {
        header = header.add_run(
            Run::new()
                .add_tab()
                .add_text(&c.header_right)
                .size(17)
                .color("BF1A1A"),
        );
    }
    let small = || Run::new().size(18).color(gray.clone());
    let footer = Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(small().add_text("第 "))
        .add_page_num(PageNum::new())
        .add_run(small().add_text(" 页 共 "))
        .add_num_pages(NumPages::new())
        .add_run(small().add_text(" 页"));
    let mut docx = Docx::new()
        .page_size(twips(PAGE_W), twips(PAGE_H))
        .page_margin(
            PageMargin::new()
                .top(twips(TOP_MM) as i32)
                .bottom(twips(BOTTOM_MM) as i32)
                .left(twips(MARGIN_X) as i32)
                .right(twips(MARGIN_X) as i32)
                .header(twips(12.0) as i32)
                .footer(twips(10.0) as i32),
        )
        .default_fonts(fonts(TEXT_FONT))
        .default_size(half_points(Style::BODY.size))
        .add_style(heading_style(1, 16.0))
        .add_style(heading_style(2, 14.0))
        .add_style(heading_style(3, 12.0))
        .header(Header::new().add_paragraph(header))
        .footer(Footer::new().add_paragraph(footer));
    if let Some(t) = c
        .created
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
    {
        let stamp = t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
        docx = docx.created_at(&stamp).updated_at(&stamp);
    }
    let mut b = Builder {
        docx,
        pages,
        pending: Vec::new(),
        next_bookmark: 1,
    };
    for block in &c.blocks {
        b.block(block);
    }
    if !b.pending.is_empty() {
        b.paragraph(Paragraph::new());
    }
    let mut out = std::io::Cursor::new(Vec::new());
    b.docx.build().pack(&mut out).map_err(|e| Error::Report {
        detail: e.to_string(),
    })?;
    Ok(out.into_inner())
}
