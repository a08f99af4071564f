//! Text rules shared by the store, the importers and the exports: the
//! normal form of identifiers users type (代号, names matched between
//! registers, column headers), and text made safe for spreadsheets.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Whether `c` is invisible formatting (Unicode category Cf: zero-width
/// spaces and joiners, the byte-order mark, direction marks, the soft
/// hyphen, tag characters) or a control character.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{08E2}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}'
            | '\u{E0020}'..='\u{E007F}')
}

/// The form in which an identifier is compared and stored: NFKC (full-width
/// letters and digits become ASCII, the ideographic space a space, NFD
/// becomes NFC), invisible characters removed, surrounding white space
/// trimmed. Two codes that look alike are then equal.
pub fn normalize_key(s: &str) -> String {
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    let n: String = visible.nfkc().collect();
    n.trim().to_string()
}

/// `s` with every invisible character written as `\u{…}`, so that a
/// message can show what the user cannot see.
pub fn show_invisible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Text for a CSV or spreadsheet export: a text that a spreadsheet would
/// take for a formula (it starts with = + - @, a tab or a carriage return)
/// gets a leading apostrophe, so it stays text.
pub fn spreadsheet_safe(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alike_codes_have_one_normal_form() {
        let plain = "MD-2026-001";
        for look_alike in [
            "ＭＤ－２０２６－００１",      // full-width
            "MD-2026\u{200B}-001",         // zero-width space
            "\u{FEFF}MD-2026-001",         // byte-order mark
            " MD-2026-001\u{3000}",        // ideographic space
            "MD\u{2060}-2026-001\u{200D}", // word joiner, zero-width joiner
        ] {
            assert_eq!(normalize_key(look_alike), plain, "{look_alike:?}");
        }
        // NFD and NFC of an accented letter are one code.
        assert_eq!(normalize_key("Cafe\u{301}-1"), normalize_key("Caf\u{e9}-1"));
        // Chinese text is kept as it is.
        assert_eq!(normalize_key("技-熬胶-01"), "技-熬胶-01");
        // Different codes stay different.
        assert_ne!(normalize_key("MD-1"), normalize_key("MD-l"));
    }

    #[test]
    fn formula_like_text_stays_text() {
        for f in ["=1+1", "+86", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(spreadsheet_safe(f).starts_with('\''), "{f:?}");
        }
        assert_eq!(spreadsheet_safe("MD-1"), "MD-1");
    }
}
