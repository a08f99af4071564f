//! Scoring exactly as spec §4 and §8: a pure function of the catalogue, the
//! answers (with their evidence), the facts the registers give, and the
//! 自评基准日. No clock, no IO, no floating point: points are counted in
//! quarters (the evidence rule's 0.25 is the finest factor) and scores in
//! tenths of a percent, rounded half up.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::catalogue::{Catalogue, Criterion};
use crate::model::AnswerStatus;

/// What the user answered for one criterion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerInput {
    pub status: Option<AnswerStatus>,
    /// Why 不适用 (listed with the item).
    pub na_reason: String,
    /// A written reason that overrides a derived answer (shown in the report).
    pub override_reason: String,
    pub needs_review: bool,
    pub evidence: Vec<EvidenceInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceInput {
    pub kind: String,
    pub effective_on: NaiveDate,
}

/// What the registers say: per derivation rule in per-mille, and the counts
/// and flags the catalogue's conditions name (`catalogue::is_fact`). A rule
/// that has nothing to measure (no people, no carriers …) is absent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub rules: HashMap<String, i64>,
    /// 核心 密点 that still lack level, term, 知悉范围, approval or a
    /// required control (by 代号); the top tier needs none.
    pub core_points_incomplete: Vec<String>,
}

crate::wire_enum! {
    /// The score band (internal: the app and the 内部版 only). No band name
    /// speaks of eligibility (示范, 就绪, 具备, 申报).
    pub enum Tier {
        Complete = ("complete", "完善"),
        NeedsWork = ("needs_work", "较好，需补强"),
        MajorGaps = ("major_gaps", "差距明显，需系统整改"),
        Weak = ("weak", "基础薄弱"),
    }
}

crate::wire_enum! {
    /// What the results say overall (internal only): a 基础项 not met wins,
    /// then a 基础项 unanswered; else the tier speaks.
    pub enum Verdict {
        BasicUnmet = ("basic_unmet", "存在未落实的基础项，应优先整改"),
        Incomplete = ("incomplete", "未完成"),
        ByTier = ("by_tier", "见等级"),
    }
}

crate::wire_enum! {
    /// A 基础项's status: met when answered 已落实 (evidence changes its
    /// points, not this).
    pub enum BasicStatus {
        Met = ("basic_met", "已落实"),
        NotMet = ("basic_not_met", "未落实"),
        Unanswered = ("basic_unanswered", "未评"),
    }
}

/// Why the tier was held at the second band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Cap {
    /// A domain scored under 60.
    DomainBelow60 { domain: String },
    /// 核心 密点 (by 代号) lack level, term, 知悉范围, approval or a required control.
    CoreIncomplete { points: Vec<String> },
}

impl Cap {
    /// The core's Chinese wording (CLI, PDF).
    pub fn zh(&self) -> String {
        match self {
            Cap::DomainBelow60 { domain } => format!(
                "领域“{domain}”得分低于 60 分，等级以“{}”为限",
                Tier::NeedsWork.label()
            ),
            Cap::CoreIncomplete { points } => format!(
                "核心密点 {} 尚未全部具备密级、保密期限、知悉范围、审批和所需控制措施，等级以“{}”为限",
                points.join("、"),
                Tier::NeedsWork.label()
            ),
        }
    }
}

/// Something the user should know about the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ScoreWarning {
    /// A 基础项 answered 不适用 counts as 未评.
    BasicNotApplicable { criterion: String },
    /// 不适用 items above 20 % of the points.
    NotApplicableOver20 {
        #[ts(type = "number")]
        points: i64,
    },
    /// 已落实 or 部分落实 without evidence that counts.
    EvidenceMissing { criteria: Vec<String> },
    /// Items 未评: the report is a 草稿.
    Unanswered {
        #[ts(type = "number")]
        count: usize,
    },
    /// Items 待复核: the report is a 草稿.
    NeedsReview {
        #[ts(type = "number")]
        count: usize,
    },
}

impl ScoreWarning {
    /// The core's Chinese wording (CLI, PDF).
    pub fn zh(&self) -> String {
        match self {
            ScoreWarning::BasicNotApplicable { criterion } => {
                format!("基础项 {criterion} 不能选“不适用”，按未评计")
            }
            ScoreWarning::NotApplicableOver20 { points } => {
                format!("不适用项合计 {points} 分，超过总分的 20%")
            }
            ScoreWarning::EvidenceMissing { criteria } => {
                format!("待补充佐证：{}", criteria.join("、"))
            }
            ScoreWarning::Unanswered { count } => format!("尚有 {count} 项未评，报告为草稿"),
            ScoreWarning::NeedsReview { count } => format!("尚有 {count} 项待复核，报告为草稿"),
        }
    }
}

/// 不适用 above this share of the points (in percent) is warned about.
pub const NA_WARNING_PERCENT: i64 = 20;

/// A one-decimal score kept exactly, in tenths (e.g. 899 = 89.9).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Tenths(pub i64);

impl Tenths {
    /// `num / den × 100`, rounded half up to one decimal (inputs ≥ 0, den > 0).
    pub fn percent(num: i64, den: i64) -> Tenths {
        Tenths((2 * num * 1000 + den) / (2 * den))
    }

    /// `percent`, 0 when there is nothing to measure (`den` = 0).
    pub fn percent_or_zero(num: i64, den: i64) -> Tenths {
        if den > 0 {
            Tenths::percent(num, den)
        } else {
            Tenths(0)
        }
    }
}

impl Serialize for Tenths {
    /// As a JSON number with one decimal.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Output only: the value is exact in tenths, and every tenth has a
        // shortest decimal form that JSON writers print back as X.Y.
        s.serialize_f64(self.0 as f64 / 10.0)
    }
}

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.0 / 10, self.0 % 10)
    }
}

/// The tier for a rounded total.
pub fn tier(total: Tenths) -> Tier {
    match total.0 {
        900.. => Tier::Complete,
        750.. => Tier::NeedsWork,
        600.. => Tier::MajorGaps,
        _ => Tier::Weak,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub struct CriterionResult {
    pub criterion: String,
    pub domain: String,
    pub points: i64,
    /// The status counted: the answer, or the derived one.
    pub status: AnswerStatus,
    pub derived: bool,
    /// Earned points (one decimal may be .25 or .75; shown with two).
    pub earned: String,
    /// What it costs the total, in points of the total (tenths); the
    /// criteria's losses add up to 100 − total exactly.
    #[ts(type = "number")]
    pub lost: Tenths,
    pub missing_evidence: bool,
    pub needs_review: bool,
    pub basic: bool,
    /// A 0-point condition: it gates the verdict, it is not scored.
    pub gate: bool,
    /// False when its condition does not hold (不涉及): out of the score.
    pub applies: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DomainResult {
    pub id: String,
    pub name: String,
    pub weight: i64,
    /// 得分率 in percent; None when every criterion is 不适用.
    #[ts(type = "number | null")]
    pub score: Option<Tenths>,
    /// Points of the total lost in this domain (the sum of its criteria's).
    #[ts(type = "number")]
    pub lost: Tenths,
    /// The catalogue points of its applicable criteria (the weight less
    /// the 不适用 ones): what 得分率 divides by.
    #[ts(type = "number")]
    pub applicable: i64,
    /// Catalogue points earned ("12.75", "3.5"): exact, so a reader can
    /// add the domains up and divide by the applicable points by hand.
    pub earned: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BasicItem {
    pub criterion: String,
    pub title: String,
    pub status: BasicStatus,
    /// A 0-point condition rather than a scored 基础项.
    pub gate: bool,
}

crate::wire_enum! {
    /// Why a criterion falls short.
    pub enum GapKind {
        NotMet = ("gap_not_met", "未落实"),
        PartlyMet = ("gap_partly_met", "部分落实"),
        /// 已落实 without evidence that counts: the 0.5 factor, named for
        /// what it asks (not a loss of substance).
        EvidencePending = ("evidence_pending", "待补充佐证"),
        Unanswered = ("gap_unanswered", "未评"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Gap {
    pub criterion: String,
    pub title: String,
    pub domain: String,
    pub basic: bool,
    pub status: AnswerStatus,
    pub kind: GapKind,
    /// In points of the total (tenths), as `CriterionResult::lost`.
    #[ts(type = "number")]
    pub points_lost: Tenths,
    pub action: String,
    /// The evidence kinds the catalogue lists for the criterion: what
    /// closes a gap that awaits only its evidence (`EvidencePending`),
    /// instead of the action that builds the measure.
    pub evidence_kinds: Vec<String>,
}

/// An answer the registers contradict (一致性检查): nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Contradiction {
    pub criterion: String,
    pub title: String,
    pub answer: AnswerStatus,
    /// The register fact, worded by the catalogue.
    pub fact: String,
    /// The answer the registers support; none when the user must look again
    /// (a 不适用 the registers refute).
    pub suggested: Option<AnswerStatus>,
}

/// A criterion answered 不适用, with the user's reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct NotApplicableItem {
    pub criterion: String,
    pub title: String,
    pub points: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Score {
    #[ts(type = "number")]
    pub total: Tenths,
    /// 100 − total: the sum of every criterion's `lost`.
    #[ts(type = "number")]
    pub lost: Tenths,
    /// The catalogue points of every applicable criterion: the total is
    /// `earned` out of these, as a percentage.
    #[ts(type = "number")]
    pub applicable: i64,
    /// Catalogue points earned, exact ("81.5").
    pub earned: String,
    pub tier: Tier,
    pub verdict: Verdict,
    /// Why the tier was capped, if it was.
    pub caps: Vec<Cap>,
    pub basic_items: Vec<BasicItem>,
    pub domains: Vec<DomainResult>,
    pub criteria: Vec<CriterionResult>,
    pub gaps: Vec<Gap>,
    pub contradictions: Vec<Contradiction>,
    pub not_applicable: Vec<NotApplicableItem>,
    pub warnings: Vec<ScoreWarning>,
    /// Any 未评 item or 待复核 flag: the report is a 草稿.
    pub draft: bool,
}

/// Quarters of a point earned per point, by status and evidence.
fn quarters(status: AnswerStatus, has_evidence: bool) -> i64 {
    match (status, has_evidence) {
        (AnswerStatus::Done, true) => 4,
        (AnswerStatus::Done, false) => 2,
        (AnswerStatus::Partial, true) => 2,
        (AnswerStatus::Partial, false) => 1,
        _ => 0,
    }
}

fn show_quarters(q: i64) -> String {
    // q quarter-points → "12.75", "3.5", "2"
    let whole = q / 4;
    match q % 4 {
        0 => whole.to_string(),
        1 => format!("{whole}.25"),
        2 => format!("{whole}.5"),
        _ => format!("{whole}.75"),
    }
}

/// Whether one piece of evidence counts for `k` on `base_date`: a listed
/// kind, effective on or before the base date, and for recurring criteria
/// within the 366 days up to and including it.
pub fn evidence_counts(k: &Criterion, e: &EvidenceInput, base_date: NaiveDate) -> bool {
    k.evidence_kinds.contains(&e.kind)
        && e.effective_on <= base_date
        && (!k.recurring || e.effective_on > base_date - chrono::Days::new(366))
}

fn derived_status(k: &Criterion, facts: &Facts) -> Option<AnswerStatus> {
    let d = k.derive.as_ref()?;
    let v = *facts.rules.get(&d.rule)?;
    Some(if v >= d.done {
        AnswerStatus::Done
    } else if v >= d.partial {
        AnswerStatus::Partial
    } else {
        AnswerStatus::NotDone
    })
}

/// Split `total_lost` tenths among items weighing `weights` (of `den`),
/// rounding each down and giving the remaining tenths to the largest
/// remainders (earlier items first on ties): the parts add up exactly.
fn apportion(weights: &[i64], den: i64, total_lost: i64) -> Vec<i64> {
    if den == 0 {
        return vec![0; weights.len()];
    }
    let mut parts: Vec<(i64, i64, usize)> = weights
        .iter()
        .enumerate()
        .map(|(i, w)| (w * 1000 / den, w * 1000 % den, i))
        .collect();
    let given: i64 = parts.iter().map(|p| p.0).sum();
    let mut left = (total_lost - given).max(0);
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| parts[b].1.cmp(&parts[a].1).then(a.cmp(&b)));
    for i in order {
        if left == 0 {
            break;
        }
        if parts[i].1 > 0 {
            parts[i].0 += 1;
            left -= 1;
        }
    }
    parts.into_iter().map(|p| p.0).collect()
}

pub fn score(
    catalogue: &Catalogue,
    answers: &HashMap<String, AnswerInput>,
    facts: &Facts,
    base_date: NaiveDate,
) -> Score {
    let none = AnswerInput::default();
    let mut criteria = Vec::new();
    let mut domains = Vec::new();
    let mut basic_items = Vec::new();
    let mut gaps: Vec<(bool, String, Gap)> = Vec::new();
    let mut warnings = Vec::new();
    let mut contradictions = Vec::new();
    let mut not_applicable = Vec::new();
    let (mut earned_q, mut applicable, mut total_points, mut na_points) = (0i64, 0i64, 0i64, 0i64);
    let (mut unanswered, mut reviews, mut missing) = (0usize, 0usize, Vec::new());
    // Quarters lost per criterion (index into `criteria`) for apportioning.
    let mut lost_q: Vec<i64> = Vec::new();
    for d in &catalogue.domains {
        let (mut d_earned, mut d_applicable) = (0i64, 0i64);
        for k in &d.criteria {
            total_points += k.points;
            let a = answers.get(&k.id).unwrap_or(&none);
            let applies = k
                .applies_when
                .as_ref()
                .is_none_or(|c| c.holds(&facts.rules));
            let derived = if a.override_reason.trim().is_empty() {
                derived_status(k, facts)
            } else {
                None
            };
            let mut status = derived.or(a.status).unwrap_or(AnswerStatus::Unanswered);
            if !applies {
                criteria.push(CriterionResult {
                    criterion: k.id.clone(),
                    domain: d.id.clone(),
                    points: k.points,
                    status,
                    derived: derived.is_some(),
                    earned: "0".into(),
                    lost: Tenths(0),
                    missing_evidence: false,
                    needs_review: false,
                    basic: k.basic,
                    gate: k.gate,
                    applies: false,
                });
                lost_q.push(0);
                continue;
            }
            if k.basic && status == AnswerStatus::NotApplicable {
                warnings.push(ScoreWarning::BasicNotApplicable {
                    criterion: k.id.clone(),
                });
                status = AnswerStatus::Unanswered;
            }
            if a.needs_review {
                reviews += 1;
            }
            if status == AnswerStatus::Unanswered {
                unanswered += 1;
            }
            // 一致性检查: a hand answer the registers contradict.
            if derived.is_none() {
                for r in &k.consistency {
                    if r.contradicts.contains(&status) && r.when.holds(&facts.rules) {
                        contradictions.push(Contradiction {
                            criterion: k.id.clone(),
                            title: k.title.clone(),
                            answer: status,
                            fact: r.when.says.clone(),
                            suggested: Some(r.suggest),
                        });
                    }
                }
                if status == AnswerStatus::NotApplicable {
                    if let Some(c) = k.na_refused_when.iter().find(|c| c.holds(&facts.rules)) {
                        contradictions.push(Contradiction {
                            criterion: k.id.clone(),
                            title: k.title.clone(),
                            answer: status,
                            fact: c.says.clone(),
                            suggested: None,
                        });
                    }
                }
            }
            let applicable_here = status != AnswerStatus::NotApplicable;
            // A derived answer counts as record evidence: the register is the record.
            let has_evidence =
                derived.is_some() || a.evidence.iter().any(|e| evidence_counts(k, e, base_date));
            let missing_evidence = applicable_here
                && !k.gate
                && !has_evidence
                && matches!(status, AnswerStatus::Done | AnswerStatus::Partial);
            if missing_evidence {
                missing.push(k.id.clone());
            }
            let q = if applicable_here {
                k.points * quarters(status, has_evidence)
            } else {
                0
            };
            let mut lost_here = 0;
            if applicable_here {
                d_earned += q;
                d_applicable += k.points;
                if q < k.points * 4 {
                    lost_here = k.points * 4 - q;
                    let kind = match status {
                        AnswerStatus::Done => GapKind::EvidencePending,
                        AnswerStatus::Partial => GapKind::PartlyMet,
                        AnswerStatus::Unanswered => GapKind::Unanswered,
                        _ => GapKind::NotMet,
                    };
                    gaps.push((
                        k.basic,
                        k.id.clone(),
                        Gap {
                            criterion: k.id.clone(),
                            title: k.title.clone(),
                            domain: d.name.clone(),
                            basic: k.basic,
                            status,
                            kind,
                            points_lost: Tenths(0),
                            action: k.action.clone(),
                            evidence_kinds: k.evidence_kinds.clone(),
                        },
                    ));
                }
            } else {
                na_points += k.points;
                not_applicable.push(NotApplicableItem {
                    criterion: k.id.clone(),
                    title: k.title.clone(),
                    points: k.points,
                    reason: a.na_reason.trim().to_string(),
                });
            }
            if k.basic {
                basic_items.push(BasicItem {
                    criterion: k.id.clone(),
                    title: k.title.clone(),
                    status: match status {
                        AnswerStatus::Done => BasicStatus::Met,
                        AnswerStatus::Partial | AnswerStatus::NotDone => BasicStatus::NotMet,
                        _ => BasicStatus::Unanswered,
                    },
                    gate: k.gate,
                });
            }
            criteria.push(CriterionResult {
                criterion: k.id.clone(),
                domain: d.id.clone(),
                points: k.points,
                status,
                derived: derived.is_some(),
                earned: show_quarters(q),
                lost: Tenths(0),
                missing_evidence,
                needs_review: a.needs_review,
                basic: k.basic,
                gate: k.gate,
                applies: true,
            });
            lost_q.push(lost_here);
        }
        earned_q += d_earned;
        applicable += d_applicable;
        domains.push(DomainResult {
            id: d.id.clone(),
            name: d.name.clone(),
            weight: d.weight(),
            score: (d_applicable > 0).then(|| Tenths::percent(d_earned, d_applicable * 4)),
            lost: Tenths(0),
            applicable: d_applicable,
            earned: show_quarters(d_earned),
        });
    }
    let total = if applicable > 0 {
        Tenths::percent(earned_q, applicable * 4)
    } else {
        Tenths(0)
    };
    // The points of the total each criterion costs, apportioned so that
    // they add up to 100 − total exactly; a domain's loss is its criteria's.
    let lost_total = if applicable > 0 { 1000 - total.0 } else { 0 };
    let shares = apportion(&lost_q, applicable * 4, lost_total);
    for (c, share) in criteria.iter_mut().zip(&shares) {
        c.lost = Tenths(*share);
    }
    for dm in domains.iter_mut() {
        dm.lost = Tenths(
            criteria
                .iter()
                .filter(|c| c.domain == dm.id)
                .map(|c| c.lost.0)
                .sum(),
        );
    }
    for (_, id, g) in gaps.iter_mut() {
        if let Some(c) = criteria.iter().find(|c| &c.criterion == id) {
            g.points_lost = c.lost;
        }
    }
    let mut tier_now = tier(total);
    let mut caps = Vec::new();
    if tier_now == Tier::Complete {
        if let Some(low) = domains
            .iter()
            .find(|d| d.score.is_some_and(|s| s < Tenths(600)))
        {
            caps.push(Cap::DomainBelow60 {
                domain: low.name.clone(),
            });
        }
        if !facts.core_points_incomplete.is_empty() {
            caps.push(Cap::CoreIncomplete {
                points: facts.core_points_incomplete.clone(),
            });
        }
        if !caps.is_empty() {
            tier_now = Tier::NeedsWork;
        }
    }
    let verdict = if basic_items.iter().any(|b| b.status == BasicStatus::NotMet) {
        Verdict::BasicUnmet
    } else if basic_items
        .iter()
        .any(|b| b.status == BasicStatus::Unanswered)
    {
        Verdict::Incomplete
    } else {
        Verdict::ByTier
    };
    if total_points > 0 && na_points * 100 > total_points * NA_WARNING_PERCENT {
        warnings.push(ScoreWarning::NotApplicableOver20 { points: na_points });
    }
    if !missing.is_empty() {
        warnings.push(ScoreWarning::EvidenceMissing { criteria: missing });
    }
    if unanswered > 0 {
        warnings.push(ScoreWarning::Unanswered { count: unanswered });
    }
    if reviews > 0 {
        warnings.push(ScoreWarning::NeedsReview { count: reviews });
    }
    // 基础项 first, then by points lost, then by id.
    gaps.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.2.points_lost.cmp(&a.2.points_lost))
            .then(a.1.cmp(&b.1))
    });
    Score {
        total,
        lost: Tenths(lost_total),
        applicable,
        earned: show_quarters(earned_q),
        tier: tier_now,
        verdict,
        caps,
        basic_items,
        domains,
        criteria,
        gaps: gaps.into_iter().map(|g| g.2).collect(),
        contradictions,
        not_applicable,
        warnings,
        draft: unanswered > 0 || reviews > 0,
    }
}

impl Score {
    /// The verdict in the core's Chinese: the tier's label when it speaks.
    pub fn verdict_zh(&self) -> &'static str {
        match self.verdict {
            Verdict::ByTier => self.tier.label(),
            v => v.label(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_up_on_exact_values() {
        // 89.95 % → 90.0; 89.94 % → 89.9; 74.95 % → 75.0 (num/den exact).
        assert_eq!(Tenths::percent(8995, 10000), Tenths(900));
        assert_eq!(Tenths::percent(8994, 10000), Tenths(899));
        assert_eq!(Tenths::percent(7495, 10000), Tenths(750));
        assert_eq!(Tenths::percent(1, 3), Tenths(333));
        assert_eq!(Tenths::percent(2, 3), Tenths(667));
        // Rates as the legal review read them: 16/18 is 88.9 %, 11/12 91.7 %.
        assert_eq!(Tenths::percent(16, 18), Tenths(889));
        assert_eq!(Tenths::percent(11, 12), Tenths(917));
        assert_eq!(Tenths::percent_or_zero(3, 0), Tenths(0));
        // The tier follows the rounded value.
        assert_eq!(tier(Tenths::percent(8995, 10000)), Tier::Complete);
        assert_eq!(tier(Tenths::percent(8994, 10000)), Tier::NeedsWork);
        assert_eq!(tier(Tenths::percent(7495, 10000)), Tier::NeedsWork);
        assert_eq!(tier(Tenths::percent(5995, 10000)), Tier::MajorGaps);
        assert_eq!(tier(Tenths(599)), Tier::Weak);
    }

    #[test]
    fn tenths_serialise_as_numbers_with_one_decimal() {
        assert_eq!(serde_json::to_string(&Tenths(900)).unwrap(), "90.0");
        assert_eq!(serde_json::to_string(&Tenths(5)).unwrap(), "0.5");
        assert_eq!(show_quarters(51), "12.75");
        assert_eq!(show_quarters(2), "0.5");
    }
}
