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
    /// The glyph of every BMP character, 0 (.notdef) for none.
    bmp: Vec<u16>,
    /// The advance of every BMP character in font units (a missing one
    /// advances like a full-width character, so the layout keeps its room).
    advances: Vec<u16>,
}

impl Face {
    fn load(bytes: &[u8], what: &str) -> Result<Face> {
        let mut parsed =
            ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| Error::Report {
                detail: format!("内置字体（{what}）无法解析"),
            })?;
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        let bmp = direct_cmap(&mut parsed);
        let em = parsed.pdf_font_metrics.units_per_em.max(1);
        let advances = bmp
            .iter()
            .map(|&g| match g {
                0 => em,
                g => parsed.get_horizontal_advance(g),
            })
            .collect();
        Ok(Face {
            parsed,
            units_per_em,
            bmp,
            advances,
        })
    }

    /// The glyph of `c`, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        match self.bmp.get(c as usize) {
            Some(0) => None,
            Some(&g) => Some(g),
            // Past the BMP: the GBK fonts have nothing there.
            None => None,
        }
    }

    /// Whether the font can draw `c` (white space and controls need no glyph).
    pub fn has_glyph(&self, c: char) -> bool {
        c.is_whitespace() || c.is_control() || self.glyph(c).is_some()
    }

    /// Advance width of `c` in points at `size` points; a missing glyph
    /// advances like a full-width character so the layout keeps its room.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let units = self
            .advances
            .get(c as usize)
            .map_or(self.units_per_em, |&u| f32::from(u));
        units / self.units_per_em * size
    }

    pub fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// Give the parsed font a character map that is one array index per
/// character, and return that array (glyph per BMP code point, 0: none).
///
/// The fonts' own map is a format-4 table, which the font parser searches
/// segment by segment from the first; printpdf looks every character up
/// three times while saving (used glyphs, subsetting, encoding), which
/// was a third of a 4,000-page dossier's time. A format-6 table from code
/// point 0 maps the same characters to the same glyphs; a character the
/// font lacks maps to .notdef (0) instead of nothing, which printpdf's
/// encoder already writes for it (and `missing_chars` reports it).
fn direct_cmap(parsed: &mut ParsedFont) -> Vec<u16> {
    // Format 4 holds the BMP only: every mapping is among these code points.
    let bmp: Vec<u16> = (0..=0xFFFFu32)
        .map(|cp| parsed.lookup_glyph_index(cp).unwrap_or(0))
        .collect();
    parsed.cmap_subtable = Some(allsorts::tables::cmap::owned::CmapSubtable::Format6 {
        language: 0,
        first_code: 0,
        glyph_id_array: bmp.clone(),
    });
    bmp
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct character map draws every character with the glyph and
    /// advance the font's own map gives it, and a character the font lacks
    /// stays missing for the report's check (printpdf writes .notdef).
    #[test]
    fn the_direct_map_gives_the_fonts_own_glyphs_and_advances() {
        let faces = fonts().unwrap();
        for (face, bytes) in [(&faces.regular, REGULAR_TTF), (&faces.bold, BOLD_TTF)] {
            let own = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).unwrap();
            let em = f32::from(own.pdf_font_metrics.units_per_em);
            let sample = (0..=0xFFFFu32).step_by(61).chain(
                "商业秘密保护示范企业，（）《》“”ABCxyz0123456789—…·"
                    .chars()
                    .map(u32::from),
            );
            let mut mapped = 0;
            for cp in sample {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                let expected = own.lookup_glyph_index(cp);
                assert_eq!(face.glyph(c), expected, "U+{cp:04X}");
                match expected {
                    Some(g) => {
                        mapped += 1;
                        assert_eq!(face.parsed.lookup_glyph_index(cp), Some(g), "U+{cp:04X}");
                        let want = f32::from(own.get_horizontal_advance(g)) / em * 10.0;
                        assert!((face.advance(c, 10.0) - want).abs() < 1e-4, "U+{cp:04X}");
                    }
                    None => {
                        assert_eq!(face.parsed.lookup_glyph_index(cp), Some(0), "U+{cp:04X}");
                        assert!((face.advance(c, 10.0) - 10.0).abs() < 1e-4, "U+{cp:04X}");
                    }
                }
            }
            assert!(mapped > 300, "only {mapped} mapped characters sampled");
        }
        // Past the BMP there is nothing in these fonts, and nothing is made up.
        assert_eq!(faces.regular.glyph('😀'), None);
        assert_eq!(missing_chars("密点😀").unwrap(), vec!['😀']);
    }
}
