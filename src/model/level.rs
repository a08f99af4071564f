//! The level scheme (密级) and the term (保密期限) of a 密点, and the mark
//! written from them ("核心商密·长期").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Most levels a scheme may have.
pub const MAX_LEVELS: usize = 5;

/// Refuse state-secret level names and star signs (保守国家秘密法 Art. 22:
/// what is not a state secret may not bear a state-secret mark): 绝密, 机密,
/// 秘密 exactly, any name containing 绝密 or 机密, and any star sign.
pub fn check_level_name(name: &str) -> Result<String> {
    let n = name.trim();
    let refused = || Error::LevelNameRefused {
        name: n.to_string(),
    };
    if n.is_empty() || n.chars().count() > 12 {
        return Err(Error::LevelNameInvalid {
            name: n.to_string(),
        });
    }
    if n == "秘密" || n.contains("绝密") || n.contains("机密") || n.chars().any(is_star) {
        return Err(refused());
    }
    Ok(n.to_string())
}

/// Star signs of every common shape (★ ☆ ✩–✰ ⭐ 🌟 …).
pub fn is_star(c: char) -> bool {
    matches!(c,
        '\u{2605}' | '\u{2606}' | '\u{272A}'..='\u{2730}' | '\u{2729}' | '\u{2721}'
        | '\u{2726}' | '\u{2727}' | '\u{2734}'..='\u{2737}' | '\u{2B50}'..='\u{2B52}'
        | '\u{1F31F}' | '\u{1F320}' | '\u{1F7C9}'..='\u{1F7D4}' | '\u{FE61}' | '\u{066D}')
}

/// 保密期限: until a date, 长期 (long-term), or 公布前 (until published).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    Until(NaiveDate),
    LongTerm,
    UntilPublished,
}

impl Term {
    /// Parse 长期, 公布前, or a date as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日.
    pub fn parse(s: &str) -> Result<Term> {
        let t = s.trim();
        match t {
            "长期" => return Ok(Term::LongTerm),
            "公布前" => return Ok(Term::UntilPublished),
            _ => {}
        }
        parse_date(t)
            .map(Term::Until)
            .ok_or_else(|| Error::TermInvalid {
                term: t.to_string(),
            })
    }

    /// The stored and shown form.
    pub fn label(&self) -> String {
        match self {
            Term::Until(d) => d.format("%Y-%m-%d").to_string(),
            Term::LongTerm => "长期".into(),
            Term::UntilPublished => "公布前".into(),
        }
    }
}

impl Serialize for Term {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Term::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// A date as YYYY-MM-DD, YYYY/M/D or YYYY年M月D日 (what Chinese spreadsheets hold).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let t = s.trim().trim_end_matches('日');
    let parts: Vec<&str> = t.split(['-', '/', '年', '月', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let y: i32 = parts[0].parse().ok()?;
    let m: u32 = parts[1].parse().ok()?;
    let d: u32 = parts[2].parse().ok()?;
    if !(1900..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The mark for a carrier or document: "核心商密·长期", "重要商密·2030-12-31".
pub fn mark(level: &str, term: Option<&Term>) -> String {
    match term {
        Some(t) => format!("{level}·{}", t.label()),
        None => level.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_secret_names_and_stars_are_refused() {
        for bad in [
            "绝密",
            "机密",
            "秘密",
            "企业绝密",
            "机密级",
            "核心★",
            "☆重要",
            "一般⭐",
            "A✩",
        ] {
            assert_eq!(
                check_level_name(bad).unwrap_err().code(),
                "LEVEL_NAME_REFUSED",
                "{bad}"
            );
        }
        for ok in ["核心商密", "重要商密", "一般商密", "商业秘密一级", "内部"] {
            assert_eq!(check_level_name(ok).unwrap(), ok);
        }
        assert_eq!(
            check_level_name("  ").unwrap_err().code(),
            "LEVEL_NAME_INVALID"
        );
    }

    #[test]
    fn terms_parse_in_every_written_form() {
        let d = NaiveDate::from_ymd_opt(2030, 6, 1).unwrap();
        for s in [
            "2030-06-01",
            "2030/6/1",
            "2030年6月1日",
            " 2030-6-1 ",
            "2030.06.01",
        ] {
            assert_eq!(Term::parse(s).unwrap(), Term::Until(d), "{s}");
        }
        assert_eq!(Term::parse("长期").unwrap(), Term::LongTerm);
        assert_eq!(Term::parse("公布前").unwrap(), Term::UntilPublished);
        for bad in ["永久", "2030-02-30", "2030", "", "30/6/1"] {
            assert_eq!(
                Term::parse(bad).unwrap_err().code(),
                "TERM_INVALID",
                "{bad}"
            );
        }
        assert_eq!(mark("核心商密", Some(&Term::LongTerm)), "核心商密·长期");
        assert_eq!(
            mark("一般商密", Some(&Term::Until(d))),
            "一般商密·2030-06-01"
        );
    }
}
