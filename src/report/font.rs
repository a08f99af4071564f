//! The embedded PDF fonts (Noto Sans SC, GBK repertoire; SIL OFL 1.1, see
//! `assets/fonts/OFL.txt`), parsed once per process. The report never uses
//! fonts installed on the user's PC.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::{Error, Result};

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GBK-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-GBK-Bold.ttf");

pub struct Face {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Glyph index + 1 of every BMP character (0: none), built on first
    /// use: the font's cmap search was a third of a long report's time.
    bmp: OnceLock<Vec<u16>>,
}

impl Face {
    fn load(bytes: &[u8], what: &str) -> Result<Face> {
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| Error::Report {
                detail: format!("内置字体（{what}）无法解析"),
            })?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Ok(Face {
            parsed,
            units_per_em,
            bmp: OnceLock::new(),
        })
    }

    /// The glyph of `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        if cp > 0xFFFF {
            return self.parsed.lookup_glyph_index(cp);
        }
        let bmp = self.bmp.get_or_init(|| {
            (0..=0xFFFFu32)
                .map(|cp| {
                    self.parsed
                        .lookup_glyph_index(cp)
                        .map_or(0, |g| g.saturating_add(1))
                })
                .collect()
        });
        bmp[cp as usize].checked_sub(1)
    }

    /// Whether the font can draw `c` (white space and controls need no glyph).
    pub fn has_glyph(&self, c: char) -> bool {
        c.is_whitespace() || c.is_control() || self.glyph(c).is_some()
    }

    /// Advance width of `c` in points at `size` points; a missing glyph
    /// advances like a full-width character so the layout keeps its room.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let units = match self.glyph(c) {
            Some(g) => f32::from(self.parsed.get_horizontal_advance(g)),
            None => self.units_per_em,
        };
        units / self.units_per_em * size
    }

    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, size)).sum()
    }
}

pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

/// The parsed fonts, loaded on first use.
pub fn fonts() -> Result<&'static Fonts> {
    static FONTS: OnceLock<std::result::Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: Face::load(REGULAR_TTF, "常规").map_err(|e| e.to_string())?,
                bold: Face::load(BOLD_TTF, "粗体").map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|d| Error::Report { detail: d.clone() })
}

/// The characters of `text` that the report font cannot draw, in order of
/// first appearance, without repeats.
pub fn missing_chars(text: &str) -> Result<Vec<char>> {
    let f = fonts()?;
    let mut seen = Vec::new();
    for c in text.chars() {
        if !f.regular.has_glyph(c) && !seen.contains(&c) {
            seen.push(c);
        }
    }
    Ok(seen)
}
