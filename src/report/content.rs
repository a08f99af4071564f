//! The content model: what a document says, block by block, in reading
//! order, before any output lays it out. Every report is composed into a
//! `Content` (`edition`, `dossier`, the 密点台账); the PDF is one layout of
//! it (`Content::render_pdf`, through `layout::Doc::play`), and Word and
//! the report benchmark's browser print are others. Composing knows
//! nothing of pages; laying out knows nothing of trade secrets.
//!
//! A text may hold `{page:NAME}`: the number of the page on which the
//! `Anchor` named NAME lands. The PDF resolves it by laying out twice.

use std::collections::BTreeMap;

use super::font;
use super::layout::{Align, Doc, Style};
use crate::error::Result;

/// One block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; level 1 and 2 become PDF bookmarks.
    Heading {
        text: String,
        level: u8,
    },
    Paragraph {
        text: String,
        style: Style,
    },
    /// A table across the content width; a caption stays on the page with
    /// the table's first rows.
    Table {
        caption: Option<(String, Style)>,
        /// Title, share of the width, alignment.
        columns: Vec<(String, f32, Align)>,
        rows: Vec<Vec<String>>,
    },
    /// A horizontal bar chart: (label, value, value text), scaled to `max`.
    Bars {
        rows: Vec<(String, f32, String)>,
        max: f32,
    },
    /// A radar chart of values 0–100, `size` mm across.
    Radar {
        labels: Vec<String>,
        values: Vec<f32>,
        size: f32,
    },
    /// Label–value lines without rules (a cover's particulars); labels end
    /// `split` mm from the page's left edge.
    Pairs {
        rows: Vec<(String, String)>,
        split: f32,
        size: f32,
    },
    Space {
        mm: f32,
    },
    PageBreak,
    /// Start a new page unless `mm` still fit on this one.
    Ensure {
        mm: f32,
    },
    /// A place whose page number `{page:NAME}` refers to.
    Anchor {
        name: String,
    },
}

/// A document's content and the particulars every output needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The document's title (PDF metadata, Word core properties).
    pub title: String,
    pub author: String,
    /// Runs at the top left of every page.
    pub header: String,
    /// Runs at the top right of every page, in red (a mark, 草稿).
    pub header_right: String,
    /// Seconds since the epoch, stamped as the creation date.
    pub created: Option<i64>,
    pub blocks: Vec<Block>,
}

/// A table's column: title, share of the content width, alignment.
pub fn col(title: &str, share: f32, align: Align) -> (String, f32, Align) {
    (title.to_string(), share, align)
}

pub(crate) const TOKEN: &str = "{page:";

impl Content {
    pub fn new(title: &str, author: &str, header: &str) -> Content {
        Content {
            title: title.to_string(),
            author: author.to_string(),
            header: header.to_string(),
            header_right: String::new(),
            created: None,
            blocks: Vec::new(),
        }
    }

    fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }

    pub fn heading(&mut self, text: &str, level: u8) -> &mut Self {
        self.push(Block::Heading {
            text: text.to_string(),
            level,
        })
    }

    pub fn paragraph(&mut self, text: &str, style: Style) -> &mut Self {
        self.push(Block::Paragraph {
            text: text.to_string(),
            style,
        })
    }

    pub fn table(
        &mut self,
        columns: Vec<(String, f32, Align)>,
        rows: Vec<Vec<String>>,
    ) -> &mut Self {
        self.push(Block::Table {
            caption: None,
            columns,
            rows,
        })
    }

    /// A table introduced by a caption that never stays behind at a page's foot.
    pub fn captioned_table(
        &mut self,
        caption: &str,
        style: Style,
        columns: Vec<(String, f32, Align)>,
        rows: Vec<Vec<String>>,
    ) -> &mut Self {
        self.push(Block::Table {
            caption: Some((caption.to_string(), style)),
            columns,
            rows,
        })
    }

    pub fn bars(&mut self, rows: Vec<(String, f32, String)>, max: f32) -> &mut Self {
        self.push(Block::Bars { rows, max })
    }

    pub fn radar(&mut self, labels: Vec<String>, values: Vec<f32>, size: f32) -> &mut Self {
        self.push(Block::Radar {
            labels,
            values,
            size,
        })
    }

    pub fn pairs(&mut self, rows: Vec<(String, String)>, split: f32, size: f32) -> &mut Self {
        self.push(Block::Pairs { rows, split, size })
    }

    pub fn space(&mut self, mm: f32) -> &mut Self {
        self.push(Block::Space { mm })
    }

    pub fn new_page(&mut self) -> &mut Self {
        self.push(Block::PageBreak)
    }

    pub fn ensure(&mut self, mm: f32) -> &mut Self {
        self.push(Block::Ensure { mm })
    }

    pub fn anchor(&mut self, name: &str) -> &mut Self {
        self.push(Block::Anchor {
            name: name.to_string(),
        })
    }

    /// Every text of the content in reading order, one per line, page
    /// tokens left as they are: what a reader sees, without the layout.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push('\n');
        };
        for b in &self.blocks {
            match b {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => line(text),
                Block::Table {
                    caption,
                    columns,
                    rows,
                } => {
                    if let Some((c, _)) = caption {
                        line(c);
                    }
                    let head: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
                    line(&head.join("\t"));
                    for r in rows {
                        line(&r.join("\t"));
                    }
                }
                Block::Bars { rows, .. } => {
                    for (l, _, t) in rows {
                        line(&format!("{l}\t{t}"));
                    }
                }
                Block::Radar { labels, .. } => line(&labels.join("\t")),
                Block::Pairs { rows, .. } => {
                    for (l, v) in rows {
                        line(&format!("{l}\t{v}"));
                    }
                }
                Block::Space { .. }
                | Block::PageBreak
                | Block::Ensure { .. }
                | Block::Anchor { .. } => {}
            }
        }
        out
    }

    fn has_tokens(&self) -> bool {
        self.plain_text().contains(TOKEN)
    }

    fn lay_out(&self, pages: &BTreeMap<String, usize>) -> Result<Doc> {
        let mut doc = Doc::new(font::fonts()?, &self.title, &self.author, &self.header);
        doc.set_header_right(&self.header_right);
        if let Some(t) = self.created {
            doc.set_creation_date(t);
        }
        let resolve = |s: &str| resolve_pages(s, pages);
        for b in &self.blocks {
            doc.play(b, &resolve);
        }
        Ok(doc)
    }

    /// Lay the content out as a PDF: the bytes and the characters the font
    /// lacks. Page tokens are resolved by laying out until the anchors'
    /// pages stop moving (twice, rarely three times).
    pub fn render_pdf(&self) -> Result<(Vec<u8>, Vec<char>)> {
        let doc = self.settle()?;
        let missing = doc.missing_chars();
        Ok((doc.finish(), missing))
    }

    /// The page each anchor lands on in the PDF layout.
    pub fn anchor_pages(&self) -> Result<BTreeMap<String, usize>> {
        Ok(self.settle()?.anchors().clone())
    }

    /// Lay out until the anchors' pages stop moving.
    fn settle(&self) -> Result<Doc> {
        let mut pages = BTreeMap::new();
        let mut doc = self.lay_out(&pages)?;
        if self.has_tokens() {
            for _ in 0..3 {
                if doc.anchors() == &pages {
                    break;
                }
                pages = doc.anchors().clone();
                doc = self.lay_out(&pages)?;
            }
        }
        Ok(doc)
    }

    /// Lay the content out as a Word document (`docx`), page references
    /// cached with the PDF layout's pages.
    pub fn render_docx(&self) -> Result<Vec<u8>> {
        let pages = if self.has_tokens() {
            self.anchor_pages()?
        } else {
            BTreeMap::new()
        };
        super::docx::render_docx(self, &pages)
    }
}

/// `text` with every `{page:NAME}` replaced by the page NAME landed on
/// ("00" while not yet known, as wide as most page numbers).
pub fn resolve_pages(text: &str, pages: &BTreeMap<String, usize>) -> String {
    if !text.contains(TOKEN) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(TOKEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + TOKEN.len()..];
        match after.find('}') {
            Some(j) => {
                let name = &after[..j];
                match pages.get(name) {
                    Some(n) => out.push_str(&n.to_string()),
                    None => out.push_str("00"),
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// A page token for `resolve_pages`.
pub fn page_of(anchor: &str) -> String {
    format!("{TOKEN}{anchor}}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_tokens_resolve_to_the_anchor_pages_and_unknown_ones_to_a_placeholder() {
        let pages = BTreeMap::from([("a".to_string(), 3), ("end".to_string(), 12)]);
        let t = format!(
            "第 {} 至 {} 页；{}",
            page_of("a"),
            page_of("end"),
            page_of("x")
        );
        assert_eq!(resolve_pages(&t, &pages), "第 3 至 12 页；00");
        assert_eq!(resolve_pages("无{page:", &pages), "无{page:");
        assert_eq!(resolve_pages("普通文字", &pages), "普通文字");
    }

    #[test]
    fn a_pdf_names_the_page_an_anchor_lands_on() {
        let mut c = Content::new("t", "a", "h");
        c.paragraph(&format!("见第 {} 页。", page_of("later")), Style::BODY);
        for _ in 0..3 {
            c.new_page();
        }
        c.anchor("later").paragraph("这里", Style::BODY);
        let (bytes, missing) = c.render_pdf().unwrap();
        assert!(missing.is_empty());
        let doc = c
            .lay_out(&BTreeMap::from([("later".to_string(), 4)]))
            .unwrap();
        assert_eq!(doc.anchors().get("later"), Some(&4));
        assert!(bytes.starts_with(b"%PDF"));
    }
}
