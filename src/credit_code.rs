//! 统一社会信用代码 (Unified Social Credit Code) checks, as spec §8 fixes them:
//! normalise (trim, drop spaces, full-width → half-width, upper-case), then
//! check the GB 32100-2015 check character; then, as a second and softer
//! finding, the GB 11714-1997 organisation code embedded at positions 9–17.

use serde::Serialize;
use ts_rs::TS;

/// The 31 characters GB 32100 allows (no I, O, S, V, Z), in value order.
pub const ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename_all = "lowercase")]
pub enum CodeStatus {
    /// Passes both checks.
    Valid,
    /// The GB 32100 check passes but the embedded organisation code does not.
    Warning,
    /// Wrong length, a character outside the alphabet, or a wrong check character.
    Invalid,
}

/// The outcome of checking one code; `reason` is a Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CodeCheck {
    pub input: String,
    pub normalized: String,
    pub status: CodeStatus,
    pub reason: Option<String>,
}

impl CodeCheck {
    /// The line `midun validate-code` prints for this code.
    pub fn line(&self) -> String {
        match (&self.status, &self.reason) {
            (CodeStatus::Valid, _) => format!("{}\t有效", self.normalized),
            (CodeStatus::Warning, Some(r)) => format!("{}\t有效（警告：{}）", self.normalized, r),
            (CodeStatus::Invalid, Some(r)) => format!("{}\t无效：{}", self.normalized, r),
            (_, None) => unreachable!("warnings and invalid codes always carry a reason"),
        }
    }
}

/// Trim, drop all white space (ASCII and the ideographic space), map
/// full-width ASCII forms to half-width, upper-case.
pub fn normalize(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(|c| c.to_uppercase())
        .collect()
}

fn value(c: char) -> Option<u32> {
    ALPHABET.find(c).map(|i| i as u32)
}

/// The GB 32100 check character for the first 17 characters (all in the alphabet).
fn check_char(body: &[char]) -> char {
    let mut weight = 1u32;
    let mut sum = 0u32;
    for &c in body {
        sum += value(c).expect("caller checked the alphabet") * weight;
        weight = weight * 3 % 31;
    }
    let idx = (31 - sum % 31) % 31;
    ALPHABET.as_bytes()[idx as usize] as char
}

/// The GB 11714 check character of an 8-character organisation code body.
fn org_check_char(body: &[char]) -> Option<char> {
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let mut sum = 0;
    for (c, w) in body.iter().zip(W) {
        let v = match c {
            '0'..='9' => *c as u32 - '0' as u32,
            'A'..='Z' => *c as u32 - 'A' as u32 + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10).expect("0..=9"),
    })
}

/// Check one code.
pub fn check(input: &str) -> CodeCheck {
    let normalized = normalize(input);
    let chars: Vec<char> = normalized.chars().collect();
    let result = |status, reason: Option<String>| CodeCheck {
        input: input.to_string(),
        normalized: normalized.clone(),
        status,
        reason,
    };
    if chars.len() != 18 {
        return result(
            CodeStatus::Invalid,
            Some(format!("长度应为 18 位，实为 {} 位", chars.len())),
        );
    }
    if let Some((i, c)) = chars.iter().enumerate().find(|(_, c)| value(**c).is_none()) {
        return result(
            CodeStatus::Invalid,
            Some(format!(
                "第 {} 位字符“{}”不在允许的字符集中（数字及除 I、O、S、V、Z 外的大写字母）",
                i + 1,
                c
            )),
        );
    }
    let expected = check_char(&chars[..17]);
    if chars[17] != expected {
        return result(
            CodeStatus::Invalid,
            Some(format!("校验码应为“{}”，实为“{}”", expected, chars[17])),
        );
    }
    let org_expected = org_check_char(&chars[8..16]).expect("alphabet is a subset of 0-9A-Z");
    if chars[16] != org_expected {
        return result(
            CodeStatus::Warning,
            Some(format!(
                "第 9–17 位的组织机构代码校验未通过（GB 11714：第 17 位应为“{}”，实为“{}”）",
                org_expected, chars[16]
            )),
        );
    }
    result(CodeStatus::Valid, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        // GB 32100 Table: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
        let mut w = 1u32;
        let mut got = vec![];
        for _ in 0..17 {
            got.push(w);
            w = w * 3 % 31;
        }
        assert_eq!(
            got,
            [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        );
    }

    #[test]
    fn org_code_check() {
        let body: Vec<char> = "10162374".chars().collect();
        assert_eq!(org_check_char(&body), Some('1'));
    }
}
