//! A small page-layout layer over printpdf's op API: A4 pages with margins,
//! UAX #14 line breaking (which carries the Chinese punctuation rules: no
//! break before ，。、；：？！）》 nor after （《), headings that become PDF
//! bookmarks, tables that repeat their header on each page, and a running
//! header and a "第 x 页 / 共 y 页" footer added once every page is laid out.
//!
//! Units: millimetres for layout, points for font sizes; y grows upwards
//! from the bottom of the page, as in PDF.

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};
use unicode_linebreak::linebreaks;

use super::content::Block;
use super::font::{Face, Fonts};

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const MARGIN_X: f32 = 20.0;
const TOP: f32 = PAGE_H - 25.0;
const BOTTOM: f32 = 22.0;
const PT_TO_MM: f32 = 25.4 / 72.0;
/// Inner padding of a table cell, mm.
const CELL_PAD: f32 = 1.6;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.55;
/// The grey of a table's rules.
const TABLE_RULE_GRAY: f32 = 0.6;

/// A table row broken into lines: the lines of each cell, and the row's height (mm).
struct WrappedRow {
    lines: Vec<Vec<String>>,
    height: f32,
}

struct WrappedTable {
    widths: Vec<f32>,
    header: WrappedRow,
    rows: Vec<WrappedRow>,
}

pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: (f32, f32, f32),
    pub align: Align,
}

impl Style {
    pub const BODY: Style = Style {
        size: 10.5,
        bold: false,
        color: (0.1, 0.1, 0.1),
        align: Align::Left,
    };
    pub fn size(mut self, s: f32) -> Style {
        self.size = s;
        self
    }
    pub fn bold(mut self) -> Style {
        self.bold = true;
        self
    }
    pub fn align(mut self, a: Align) -> Style {
        self.align = a;
        self
    }
    pub fn color(mut self, c: (f32, f32, f32)) -> Style {
        self.color = c;
        self
    }
}

pub struct Column<'a> {
    pub title: &'a str,
    /// Share of the content width; shares are normalised.
    pub share: f32,
    pub align: Align,
}

type Rgb3 = (f32, f32, f32);

/// One page's content as it is laid out, in three layers written one
/// after the other: the fills (table header shading, bars, charts), all
/// the text in one text object, then the rules and lines. Each layer
/// writes a colour, font or line width only when it changes. A 2,000-密点
/// dossier has some 4,000 pages; writing every line of text as its own
/// text object with its colour, font and position made 3.8 million
/// operations, and each table row's rules closed and reopened the text.
#[derive(Default)]
struct Page {
    under: Vec<Op>,
    under_fill: Option<Rgb3>,
    text: Vec<Op>,
    text_fill: Option<Rgb3>,
    font: Option<(bool, f32)>,
    /// Where the text object's current line starts (pt), as a viewer adds
    /// up the moves written so far: each line is placed by a move from
    /// there (Td, two numbers) instead of a whole matrix (Tm, six).
    cursor: (f64, f64),
    /// The text leading (TL, pt) written on this page: the next line of a
    /// left-aligned block is then one operation (`'`), with no move.
    leading: Option<f32>,
    over: Vec<Op>,
    stroke: Option<(Rgb3, f32)>,
}

impl Page {
    /// A filled polygon under the text.
    fn fill_polygon(&mut self, polygon: Polygon, color: Rgb3) {
        if self.under_fill != Some(color) {
            self.under.push(Op::SetFillColor { col: rgb(color) });
            self.under_fill = Some(color);
        }
        self.under.push(Op::DrawPolygon { polygon });
    }

    /// A stroked line over the fills.
    fn line(&mut self, line: Line, color: Rgb3, width_pt: f32) {
        let (c, w) = self.stroke.unzip();
        if c != Some(color) {
            self.over.push(Op::SetOutlineColor { col: rgb(color) });
        }
        if w != Some(width_pt) {
            self.over.push(Op::SetOutlineThickness { pt: Pt(width_pt) });
        }
        self.stroke = Some((color, width_pt));
        self.over.push(Op::DrawLine { line });
    }

    /// The layers in painting order.
    fn into_ops(self) -> Vec<Op> {
        let mut ops = self.under;
        if !self.text.is_empty() {
            ops.reserve(self.text.len() + 2 + self.over.len());
            ops.push(Op::StartTextSection);
            ops.extend(self.text);
            ops.push(Op::EndTextSection);
        }
        ops.extend(self.over);
        ops
    }
}

fn rgb((r, g, b): Rgb3) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point::new(Mm(x), Mm(y)),
        bezier: false,
    }
}

pub struct Doc {
    fonts: &'static Fonts,
    pdf: PdfDocument,
    regular: FontId,
    bold: FontId,
    pages: Vec<Page>,
    /// Top of the free space on the current page.
    y: f32,
    header: String,
    /// Drawn at the right of every page's header (the edition's mark, 草稿).
    header_right: String,
    missing: BTreeSet<char>,
    /// The page (1-based) each `anchor` landed on.
    anchors: BTreeMap<String, usize>,
}

impl Doc {
    /// A new document; `header` runs at the top of every page.
    pub fn new(fonts: &'static Fonts, title: &str, author: &str, header: &str) -> Doc {
        let mut pdf = PdfDocument::new(title);
        pdf.metadata.info.author = author.to_string();
        pdf.metadata.info.creator = "密盾 Midun".to_string();
        pdf.metadata.info.producer = "密盾 Midun".to_string();
        let regular = pdf.add_font(&fonts.regular.parsed);
        let bold = pdf.add_font(&fonts.bold.parsed);
        let mut d = Doc {
            fonts,
            pdf,
            regular,
            bold,
            pages: Vec::new(),
            y: TOP,
            header: header.to_string(),
            header_right: String::new(),
            missing: BTreeSet::new(),
            anchors: BTreeMap::new(),
        };
        d.next_page();
        d
    }

    /// The header running at the top of every page: left and right parts.
    pub fn header(&self) -> (&str, &str) {
        (&self.header, &self.header_right)
    }

    /// Text at the right of every page's header, in red (e.g. "草稿").
    pub fn set_header_right(&mut self, text: &str) {
        self.header_right = text.to_string();
    }

    /// The free height left on the current page, in mm.
    pub fn room(&self) -> f32 {
        self.y - BOTTOM
    }

    /// Mark this place as `name`; `anchors` tells the page it landed on.
    pub fn anchor(&mut self, name: &str) {
        self.anchors.insert(name.to_string(), self.page_index() + 1);
    }

    /// The page (1-based) of every anchor laid out so far.
    pub fn anchors(&self) -> &BTreeMap<String, usize> {
        &self.anchors
    }

    /// Lay out one block of the content model, its texts passed through
    /// `text` first (which resolves `{page:NAME}`).
    pub fn play(&mut self, block: &Block, text: &dyn Fn(&str) -> String) {
        match block {
            Block::Heading { text: t, level } => self.heading(&text(t), *level),
            Block::Paragraph { text: t, style } => self.paragraph(&text(t), *style),
            Block::Table {
                caption,
                columns,
                rows,
            } => {
                let cols: Vec<Column> = columns
                    .iter()
                    .map(|(title, share, align)| Column {
                        title,
                        share: *share,
                        align: *align,
                    })
                    .collect();
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| text(c)).collect())
                    .collect();
                match caption {
                    Some((c, st)) => self.captioned_table(&text(c), *st, &cols, &rows),
                    None => self.table(&cols, &rows),
                }
            }
            Block::Bars { rows, max } => self.bars(rows, *max),
            Block::Radar {
                labels,
                values,
                size,
            } => self.radar(labels, values, *size),
            Block::Pairs { rows, split, size } => {
                let rows: Vec<(String, String)> =
                    rows.iter().map(|(l, v)| (text(l), text(v))).collect();
                self.pairs(&rows, *split, *size)
            }
            Block::Space { mm } => self.space(*mm),
            Block::PageBreak => self.new_page(),
            Block::Ensure { mm } => self.ensure(*mm),
            Block::Anchor { name } => self.anchor(name),
        }
    }

    /// A radar chart of `values` (0–100) on `labels`, centred, `size` mm
    /// across; concentric guides at 20-point steps.
    pub fn radar(&mut self, labels: &[String], values: &[f32], size: f32) {
        let n = labels.len();
        if n < 3 {
            return;
        }
        let label_room = 14.0;
        self.ensure(size + 2.0 * label_room);
        let r = size / 2.0;
        let cx = PAGE_W / 2.0;
        let cy = self.y - label_room - r;
        let point = |i: usize, v: f32| {
            let a = std::f32::consts::FRAC_PI_2 - i as f32 * std::f32::consts::TAU / n as f32;
            (cx + r * v / 100.0 * a.cos(), cy + r * v / 100.0 * a.sin())
        };
        let pts: Vec<(f32, f32)> = (0..n)
            .map(|i| point(i, values[i].clamp(0.0, 100.0)))
            .collect();
        self.polygon(&pts, (0.74, 0.83, 0.95));
        for step in [20.0, 40.0, 60.0, 80.0, 100.0] {
            for i in 0..n {
                let (x1, y1) = point(i, step);
                let (x2, y2) = point((i + 1) % n, step);
                self.rule(x1, y1, x2, y2, 0.4, 0.8);
            }
        }
        for i in 0..n {
            let (x, y) = point(i, 100.0);
            self.rule(cx, cy, x, y, 0.4, 0.8);
        }
        for i in 0..n {
            let (x1, y1) = pts[i];
            let (x2, y2) = pts[(i + 1) % n];
            self.line_colored(x1, y1, x2, y2, 1.2, (0.12, 0.35, 0.65));
        }
        let st = Style::BODY.size(8.5).color((0.2, 0.2, 0.2));
        for (i, label) in labels.iter().enumerate() {
            let (x, y) = point(i, 100.0);
            let (dx, dy) = (x - cx, y - cy);
            let w = self.face(false).width(label, st.size) * PT_TO_MM;
            let lx = if dx.abs() < 1.0 {
                x - w / 2.0
            } else if dx > 0.0 {
                x + 2.0
            } else {
                x - w - 2.0
            };
            let ly = if dy > 1.0 {
                y + 2.0
            } else if dy < -1.0 {
                y - 4.5
            } else {
                y - 1.2
            };
            self.draw_text(lx.max(MARGIN_X), ly, label, st);
        }
        self.y = cy - r - label_room;
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page exists")
    }

    fn polygon(&mut self, pts: &[(f32, f32)], color: (f32, f32, f32)) {
        let ring = PolygonRing {
            points: pts.iter().map(|&(x, y)| point(x, y)).collect(),
        };
        let polygon = Polygon {
            rings: vec![ring],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        };
        self.page().fill_polygon(polygon, color);
    }

    fn line_colored(
        &mut self,
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width_pt: f32,
        color: (f32, f32, f32),
    ) {
        let line = Line {
            points: vec![point(x1, y1), point(x2, y2)],
            is_closed: false,
        };
        self.page().line(line, color, width_pt);
    }

    pub fn set_creation_date(&mut self, unix_seconds: i64) {
        if let Ok(t) = printpdf::OffsetDateTime::from_unix_timestamp(unix_seconds) {
            self.pdf.metadata.info.creation_date = t;
            self.pdf.metadata.info.modification_date = t;
            self.pdf.metadata.info.metadata_date = t;
        }
    }

    fn face(&self, bold: bool) -> &'static Face {
        if bold {
            &self.fonts.bold
        } else {
            &self.fonts.regular
        }
    }

    /// Start a new page here (an explicit break; see also `ensure`).
    pub fn new_page(&mut self) {
        self.next_page();
    }

    fn next_page(&mut self) {
        self.pages.push(Page::default());
        self.y = TOP;
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    /// Leave `mm` of vertical space.
    pub fn space(&mut self, mm: f32) {
        self.y -= mm;
    }

    /// Start a new page unless `mm` still fit on this one.
    pub fn ensure(&mut self, mm: f32) {
        if self.y - mm < BOTTOM {
            self.next_page();
        }
    }

    fn note_missing(&mut self, s: &str) {
        let fonts = self.fonts;
        for c in s.chars() {
            if !fonts.regular.has_glyph(c) {
                self.missing.insert(c);
            }
        }
    }

    /// Draw one line of text with its baseline at `baseline` (mm).
    fn draw_text(&mut self, x: f32, baseline: f32, s: &str, st: Style) {
        if s.is_empty() {
            return;
        }
        self.note_missing(s);
        let font = if st.bold { &self.bold } else { &self.regular };
        let page = self.pages.last_mut().expect("a page exists");
        if page.text_fill != Some(st.color) {
            page.text.push(Op::SetFillColor { col: rgb(st.color) });
            page.text_fill = Some(st.color);
        }
        if page.font != Some((st.bold, st.size)) {
            page.text.push(Op::SetFont {
                font: PdfFontHandle::External(font.clone()),
                size: Pt(st.size),
            });
            page.font = Some((st.bold, st.size));
        }
        // Measured from where the viewer has the line start, so rounding never adds up.
        let (to_x, to_y) = (Mm(x).into_pt().0, Mm(baseline).into_pt().0);
        let dx = (f64::from(to_x) - page.cursor.0) as f32;
        let dy = (f64::from(to_y) - page.cursor.1) as f32;
        if let Some(tl) = page
            .leading
            .filter(|tl| dx.abs() < 0.01 && (dy + tl).abs() < 0.01)
        {
            page.cursor.1 -= f64::from(tl);
            page.text.push(Op::MoveToNextLineShowText {
                text: s.to_string(),
            });
            return;
        }
        page.cursor = (page.cursor.0 + f64::from(dx), page.cursor.1 + f64::from(dy));
        page.text.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(dx),
                y: Pt(dy),
            },
        });
        page.text.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
    }

    /// The next lines are `lh` mm apart: write the text leading once per page and height.
    fn leading(&mut self, lh: f32) {
        let tl = Mm(lh).into_pt().0;
        let page = self.page();
        if page.leading != Some(tl) {
            page.text.push(Op::SetLineHeight { lh: Pt(tl) });
            page.leading = Some(tl);
        }
    }

    fn line_height(st: Style) -> f32 {
        st.size * LEADING * PT_TO_MM
    }

    /// Break `text` into lines no wider than `width` mm.
    pub fn wrap(&self, text: &str, st: Style, width: f32) -> Vec<String> {
        wrap(self.face(st.bold), text, st.size, width / PT_TO_MM)
    }

    /// Lay out lines starting at the current position within [x, x+width].
    fn lines_at(&mut self, lines: &[String], x: f32, width: f32, st: Style) {
        let lh = Self::line_height(st);
        for (i, l) in lines.iter().enumerate() {
            self.ensure(lh);
            if i > 0 && st.align == Align::Left {
                self.leading(lh);
            }
            let w = || self.face(st.bold).width(l, st.size) * PT_TO_MM;
            let lx = match st.align {
                Align::Left => x,
                Align::Center => x + (width - w()) / 2.0,
                Align::Right => x + width - w(),
            };
            let baseline =
                self.y - lh + (lh - st.size * PT_TO_MM) / 2.0 + 0.12 * st.size * PT_TO_MM;
            self.draw_text(lx, baseline, l, st);
            self.y -= lh;
        }
    }

    /// A paragraph across the content width.
    pub fn paragraph(&mut self, text: &str, st: Style) {
        let lines = self.wrap(text, st, CONTENT_W);
        self.lines_at(&lines, MARGIN_X, CONTENT_W, st);
    }

    /// A horizontal bar chart: one row per (label, value, value text),
    /// bars scaled to `max`, labels at the left, value texts after the bars.
    pub fn bars(&mut self, rows: &[(String, f32, String)], max: f32) {
        let st = Style::BODY.size(9.0);
        let label_w = 38.0;
        let text_w = 18.0;
        let track = CONTENT_W - label_w - text_w - 4.0;
        let row_h = 6.0;
        let bar_h = 3.6;
        let x0 = MARGIN_X + label_w + 2.0;
        for (label, value, text) in rows {
            self.ensure(row_h);
            let top = self.y;
            let mid = top - row_h / 2.0;
            let w = if max > 0.0 {
                (value / max).clamp(0.0, 1.0) * track
            } else {
                0.0
            };
            self.rect(x0, mid - bar_h / 2.0, track, bar_h, (0.93, 0.94, 0.96));
            if w > 0.0 {
                self.rect(x0, mid - bar_h / 2.0, w, bar_h, (0.80, 0.36, 0.30));
            }
            self.y = top - (row_h - Self::line_height(st)) / 2.0;
            let label = fit(self.face(false), label, st.size, label_w / PT_TO_MM);
            self.lines_at(&[label], MARGIN_X, label_w, st.align(Align::Right));
            self.y = top - (row_h - Self::line_height(st)) / 2.0;
            self.lines_at(
                std::slice::from_ref(text),
                x0 + w + 1.5,
                text_w,
                st.color((0.3, 0.3, 0.3)),
            );
            self.y = top - row_h;
        }
        self.y -= 3.0;
    }

    /// Label–value lines without rules, as on a cover: labels end at
    /// `split` mm from the left edge, values start just after it and wrap
    /// within the right margin.
    pub fn pairs(&mut self, rows: &[(String, String)], split: f32, size: f32) {
        let label = Style::BODY.size(size).color((0.35, 0.35, 0.35));
        let value = Style::BODY.size(size);
        let gap = 3.0;
        let width = PAGE_W - MARGIN_X - split - gap;
        for (l, v) in rows {
            let lines = self.wrap(v, value, width);
            self.ensure(Self::line_height(value) * lines.len() as f32);
            let top = self.y;
            self.lines_at(
                std::slice::from_ref(l),
                MARGIN_X,
                split - MARGIN_X,
                label.align(Align::Right),
            );
            self.y = top;
            self.lines_at(&lines, split + gap, width, value);
            self.y -= 0.8;
        }
    }

    /// A heading that becomes a bookmark in the PDF outline.
    pub fn heading(&mut self, text: &str, level: u8) {
        let st = match level {
            1 => Style::BODY.size(16.0).bold().color((0.08, 0.2, 0.4)),
            _ => Style::BODY.size(13.0).bold().color((0.08, 0.2, 0.4)),
        };
        // Keep a heading with at least a few lines of what follows it.
        self.ensure(Self::line_height(st) + 20.0);
        self.y -= 2.0;
        let page = self.page_index() + 1;
        self.pdf.add_bookmark(text, page);
        let lines = self.wrap(text, st, CONTENT_W);
        self.lines_at(&lines, MARGIN_X, CONTENT_W, st);
        self.y -= 1.5;
    }

    /// A filled rectangle (x, y = bottom-left corner, mm).
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: (f32, f32, f32)) {
        self.polygon(&[(x, y), (x + w, y), (x + w, y + h), (x, y + h)], color);
    }

    /// A straight line between two points (mm).
    pub fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, gray: f32) {
        self.line_colored(x1, y1, x2, y2, width_pt, (gray, gray, gray));
    }

    /// A table introduced by a caption line. The caption never stays
    /// behind at a page's foot, and a short table (under half a page) is
    /// not split at all: both move to the next page together.
    pub fn captioned_table(
        &mut self,
        caption: &str,
        st: Style,
        cols: &[Column],
        rows: &[Vec<String>],
    ) {
        let caption_h = self.wrap(caption, st, CONTENT_W).len() as f32 * Self::line_height(st);
        let t = self.wrap_table(cols, rows);
        let first = t.rows.first().map_or(0.0, |r| r.height);
        let whole = caption_h + t.header.height + t.rows.iter().map(|r| r.height).sum::<f32>();
        if whole <= (TOP - BOTTOM) / 2.0 {
            self.ensure(whole);
        } else {
            self.ensure(caption_h + t.header.height + first);
        }
        self.paragraph(caption, st);
        self.draw_table(cols, &t);
    }

    fn widths(cols: &[Column]) -> Vec<f32> {
        let total: f32 = cols.iter().map(|c| c.share).sum();
        cols.iter().map(|c| c.share / total * CONTENT_W).collect()
    }

    /// A table across the content width. Cells wrap; a row never splits
    /// across pages; the header repeats at the top of every page.
    pub fn table(&mut self, cols: &[Column], rows: &[Vec<String>]) {
        let t = self.wrap_table(cols, rows);
        self.draw_table(cols, &t);
    }

    /// Every cell broken into lines once, with each row's height.
    fn wrap_table(&self, cols: &[Column], rows: &[Vec<String>]) -> WrappedTable {
        let widths = Self::widths(cols);
        let body = Style::BODY.size(9.5);
        let row = |cells: &mut dyn Iterator<Item = &str>, st: Style| {
            let lines: Vec<Vec<String>> = cells
                .zip(&widths)
                .map(|(c, w)| self.wrap(c, st, w - 2.0 * CELL_PAD))
                .collect();
            let most = lines.iter().map(|l| l.len().max(1)).max().unwrap_or(1);
            WrappedRow {
                height: most as f32 * Self::line_height(st) + CELL_PAD,
                lines,
            }
        };
        WrappedTable {
            header: row(&mut cols.iter().map(|c| c.title), body.bold()),
            rows: rows
                .iter()
                .map(|r| row(&mut r.iter().map(String::as_str), body))
                .collect(),
            widths,
        }
    }

    /// Lay out a wrapped table: each row's text and the rule under it; the
    /// column rules once per page the table runs over, from its top on that
    /// page to its last row there.
    fn draw_table(&mut self, cols: &[Column], t: &WrappedTable) {
        let body = Style::BODY.size(9.5);
        self.ensure(t.header.height);
        let mut top = self.y;
        self.table_row(t, cols, &t.header, body.bold(), true);
        for row in &t.rows {
            if self.y - row.height < BOTTOM {
                self.column_rules(&t.widths, top);
                self.next_page();
                top = self.y;
                self.table_row(t, cols, &t.header, body.bold(), true);
            }
            self.table_row(t, cols, row, body, false);
        }
        self.column_rules(&t.widths, top);
        self.y -= 3.0;
    }

    /// The vertical rules of a table from `top` down to the current position.
    fn column_rules(&mut self, widths: &[f32], top: f32) {
        let bottom = self.y;
        let mut x = MARGIN_X;
        self.rule(x, top, x, bottom, 0.5, TABLE_RULE_GRAY);
        for w in widths {
            x += w;
            self.rule(x, top, x, bottom, 0.5, TABLE_RULE_GRAY);
        }
    }

    fn table_row(
        &mut self,
        t: &WrappedTable,
        cols: &[Column],
        row: &WrappedRow,
        st: Style,
        header: bool,
    ) {
        // The caller has made room (a row taller than a page runs over its foot).
        let h = row.height;
        let pad = CELL_PAD;
        let top = self.y;
        if header {
            self.rect(MARGIN_X, top - h, CONTENT_W, h, (0.90, 0.93, 0.97));
            self.rule(
                MARGIN_X,
                top,
                MARGIN_X + CONTENT_W,
                top,
                0.5,
                TABLE_RULE_GRAY,
            );
        }
        let mut x = MARGIN_X;
        for ((lines, w), col) in row.lines.iter().zip(&t.widths).zip(cols) {
            self.y = top - pad / 2.0;
            let align = if header { Align::Center } else { col.align };
            self.lines_at(lines, x + pad, w - 2.0 * pad, st.align(align));
            x += w;
        }
        self.y = top - h;
        self.rule(
            MARGIN_X,
            top - h,
            MARGIN_X + CONTENT_W,
            top - h,
            0.5,
            TABLE_RULE_GRAY,
        );
    }

    /// The characters the font could not draw, in code-point order.
    pub fn missing_chars(&self) -> Vec<char> {
        self.missing.iter().copied().collect()
    }

    /// Add running header and footer, and serialise with subset fonts.
    pub fn finish(mut self) -> Vec<u8> {
        let n = self.pages.len();
        let header = self.header.clone();
        let small = Style::BODY.size(8.5).color((0.4, 0.4, 0.4));
        let mut pages = Vec::with_capacity(n);
        for i in 0..n {
            // Draw the page furniture onto page i by making it current.
            let page = std::mem::take(&mut self.pages[i]);
            self.pages.push(page);
            let mut room = CONTENT_W;
            if !self.header_right.is_empty() {
                let right = self.header_right.clone();
                let st = small.bold().color((0.75, 0.1, 0.1));
                let w = self.fonts.bold.width(&right, st.size) * PT_TO_MM;
                self.draw_text(PAGE_W - MARGIN_X - w, PAGE_H - 15.0, &right, st);
                room -= w + 4.0;
            }
            let left = fit(&self.fonts.regular, &header, small.size, room / PT_TO_MM);
            self.draw_text(MARGIN_X, PAGE_H - 15.0, &left, small);
            self.rule(
                MARGIN_X,
                PAGE_H - 17.0,
                PAGE_W - MARGIN_X,
                PAGE_H - 17.0,
                0.4,
                0.7,
            );
            let footer = format!("第 {} 页 / 共 {} 页", i + 1, n);
            let fw = self.fonts.regular.width(&footer, small.size) * PT_TO_MM;
            self.draw_text((PAGE_W - fw) / 2.0, 12.0, &footer, small);
            let page = self.pages.pop().expect("pushed above");
            pages.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), page.into_ops()));
        }
        self.pdf.with_pages(pages);
        // printpdf builds the objects uncompressed; they are compressed here.
        let mut doc = self.pdf.to_lopdf_document(
            &PdfSaveOptions {
                subset_fonts: true,
                optimize: false,
                ..Default::default()
            },
            &mut Vec::new(),
        );
        compress_streams(&mut doc);
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = doc.save_to(&mut out);
        out
    }
}

/// Deflate level of a report's streams. printpdf's own save uses the best
/// (9), which took a third of a 4,000-page dossier's time; level 3, split
/// over two cores, took a fifth of that time for about 1 % more bytes.
const DEFLATE_LEVEL: u32 = 3;

/// Compress every stream that allows it (content, fonts, ToUnicode maps)
/// as printpdf's save would (FlateDecode, kept only when smaller), split
/// over the machine's cores.
fn compress_streams(doc: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|o| match o {
            lopdf::Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() => {
                Some(s)
            }
            _ => None,
        })
        .collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = streams.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for chunk in streams.chunks_mut(per) {
            scope.spawn(move || {
                for s in chunk {
                    deflate(s);
                }
            });
        }
    });
}

fn deflate(s: &mut lopdf::Stream) {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(s.content.len() / 3),
        flate2::Compression::new(DEFLATE_LEVEL),
    );
    // Compressing into memory cannot fail.
    if enc.write_all(&s.content).is_ok() {
        if let Ok(packed) = enc.finish() {
            if packed.len() + 19 < s.content.len() {
                s.dict.set("Filter", "FlateDecode");
                s.set_content(packed);
            }
        }
    }
}

/// `text` cut to fit `max_pt`, ending in "…" when it had to be cut.
pub fn fit(face: &Face, text: &str, size: f32, max_pt: f32) -> String {
    if face.width(text, size) <= max_pt {
        return text.to_string();
    }
    let budget = max_pt - face.advance('…', size);
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        w += face.advance(c, size);
        if w > budget {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Greedy line filling over UAX #14 break opportunities; a piece wider than
/// the line on its own is broken between characters.
pub fn wrap(face: &Face, text: &str, size: f32, max_pt: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        let mut start = 0;
        let mut pieces: Vec<&str> = Vec::new();
        // Each opportunity ends a piece; the last one (mandatory) ends the text.
        for (idx, _) in linebreaks(para) {
            pieces.push(&para[start..idx]);
            start = idx;
        }
        for piece in pieces {
            let w = face.width(piece, size);
            if line_w + w <= max_pt || line.is_empty() && w <= max_pt {
                line.push_str(piece);
                line_w += w;
                continue;
            }
            // The piece doesn't fit: close the line (trailing spaces don't count).
            if !line.trim_end().is_empty() {
                out.push(line.trim_end().to_string());
            }
            line.clear();
            line_w = 0.0;
            let piece_w = face.width(piece.trim_end(), size);
            if piece_w <= max_pt {
                line.push_str(piece);
                line_w = w;
            } else {
                for c in piece.chars() {
                    let cw = face.advance(c, size);
                    if line_w + cw > max_pt && !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOSING: &str = "，。、；：？！）》」』”’%";
    const OPENING: &str = "（《「『“‘";

    fn face() -> &'static Face {
        &super::super::font::fonts().unwrap().regular
    }

    /// Every width from very narrow to wide, so that the break falls at
    /// every possible place in the text.
    fn widths() -> impl Iterator<Item = f32> {
        (60..400).step_by(3).map(|w| w as f32)
    }

    #[test]
    fn lines_never_start_with_closing_nor_end_with_opening_punctuation() {
        let text = "企业应当建立《商业秘密管理制度》（含密点清单、“定密审批表”），明确知悉范围；\
                    对外提供时，须经审批！是否已签订保密协议？比例达到95.5%。";
        for w in widths() {
            let lines = wrap(face(), text, 10.5, w);
            assert_eq!(lines.concat(), text, "nothing lost at width {w}");
            for (i, l) in lines.iter().enumerate() {
                let first = l.chars().next().unwrap();
                let last = l.chars().last().unwrap();
                assert!(
                    i == 0 || !CLOSING.contains(first),
                    "width {w}: line {l:?} starts with {first}"
                );
                assert!(
                    i + 1 == lines.len() || !OPENING.contains(last),
                    "width {w}: line {l:?} ends with {last}"
                );
                assert!(
                    face().width(l, 10.5) <= w + 0.01 || l.chars().count() == 1,
                    "width {w}: {l:?} is too wide"
                );
            }
        }
    }

    #[test]
    fn latin_words_and_numbers_stay_whole_when_they_fit() {
        let text = "密点代号MD-2026-0012对应批号20261128与工艺Extraction的控制参数";
        let words = ["2026", "0012", "20261128", "Extraction"];
        for w in widths().filter(|&w| w >= 70.0) {
            let lines = wrap(face(), text, 10.5, w);
            assert_eq!(lines.concat(), text);
            for word in words {
                assert!(
                    lines.iter().any(|l| l.contains(word)),
                    "width {w}: {word} was split: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_broken_between_characters() {
        let text = "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let lines = wrap(face(), text, 10.5, 80.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
        assert!(lines.iter().all(|l| face().width(l, 10.5) <= 80.0));
    }

    #[test]
    fn fit_cuts_with_an_ellipsis_only_when_needed() {
        let text = "演示企业：聊河阿胶制品有限公司 · 商业秘密保护示范企业创建自评报告";
        assert_eq!(fit(face(), text, 8.5, 1000.0), text);
        for w in widths() {
            let cut = fit(face(), text, 8.5, w);
            assert!(face().width(&cut, 8.5) <= w + 0.01, "{cut:?} fits {w}");
            if cut != text {
                let kept = cut.trim_end_matches('…');
                assert!(cut.ends_with('…') && text.starts_with(kept));
            }
        }
    }
}
