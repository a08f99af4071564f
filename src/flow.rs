//! The guided flow's view of one enterprise (spec §5): how far each step
//! is, and a step's criteria with their answers. The UI shows these; the
//! rules of completion live here so that every screen and test agrees.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::store::{Answer, AnswerStatus, Assessment, Store};

/// The steps of the guided flow, in order (spec §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum Step {
    Quick,
    Profile,
    Rules,
    Points,
    Classification,
    Controls,
    People,
    Areas,
    Systems,
    Disclosures,
    Incidents,
}

impl Step {
    pub const ALL: [Step; 11] = [
        Step::Quick,
        Step::Profile,
        Step::Rules,
        Step::Points,
        Step::Classification,
        Step::Controls,
        Step::People,
        Step::Areas,
        Step::Systems,
        Step::Disclosures,
        Step::Incidents,
    ];

    /// The catalogue domains whose criteria the step answers (组织与制度
    /// also holds the trainings, so 培训与持续改进 is answered there).
    pub fn domains(self) -> &'static [&'static str] {
        match self {
            Step::Quick | Step::Profile => &[],
            Step::Rules => &["D1", "D10"],
            Step::Points => &["D2"],
            Step::Classification => &["D3"],
            Step::Controls => &["D4"],
            Step::People => &["D5"],
            Step::Areas => &["D6"],
            Step::Systems => &["D7"],
            Step::Disclosures => &["D8"],
            Step::Incidents => &["D9"],
        }
    }
}

/// How far a step is. `done`/`total` count the criteria of its domain that
/// the user answers (derived ones are left to the registers), or, for
/// 快速自查 and 企业信息, questions answered and profile fields filled;
/// `register_ok` says whether its register holds what the step is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StepProgress {
    pub step: Step,
    #[ts(type = "number")]
    pub done: usize,
    #[ts(type = "number")]
    pub total: usize,
    pub register_ok: bool,
    /// Both: everything counted is done and the register is in order.
    pub complete: bool,
}

/// One criterion as a step shows it, with the latest round's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct CriterionView {
    pub id: String,
    pub title: String,
    #[ts(type = "number")]
    pub points: i64,
    pub requirement: String,
    pub guidance: String,
    /// "source article（note）", one per basis.
    pub basis: Vec<String>,
    pub basic: bool,
    pub evidence_kinds: Vec<crate::store::EvidenceKind>,
    /// Answered by the registers (see `derived_status`) unless overridden.
    pub derived: bool,
    /// The status the registers give, when derived and a round exists.
    pub derived_status: Option<AnswerStatus>,
    pub answer: Option<Answer>,
    /// A 0-point condition (gate) rather than a scored criterion.
    pub gate: bool,
    /// False when its condition does not hold (不涉及): nothing to answer.
    pub applies: bool,
    /// What the registers say against the answer (一致性检查).
    pub contradictions: Vec<crate::score::Contradiction>,
    /// The register facts that refuse 不适用 now, worded.
    pub not_applicable_refused: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct DomainView {
    pub domain_id: String,
    pub domain_name: String,
    /// The round answers go to; `None` until the first answer starts one.
    pub round: Option<Assessment>,
    pub criteria: Vec<CriterionView>,
}

/// Whether the user has answered a criterion in the full flow: a
/// provisional status from 快速自查 or 未评 does not count.
fn answered(a: Option<&Answer>) -> bool {
    a.is_some_and(|a| !a.provisional && a.status != AnswerStatus::Unanswered)
}

/// The profile fields 企业信息 asks for (name always filled).
fn profile_filled(e: &crate::model::Enterprise) -> (usize, usize) {
    let texts = [
        &e.short_name,
        &e.industry,
        &e.township,
        &e.address,
        &e.legal_representative,
        &e.contact,
        &e.key_products,
    ];
    let filled = 1
        + usize::from(e.credit_code.is_some())
        + usize::from(e.headcount.is_some())
        + texts.iter().filter(|t| !t.trim().is_empty()).count();
    (filled, texts.len() + 3)
}

/// Every step's progress, in flow order, as of `today`.
pub fn progress(
    store: &Store,
    enterprise_id: &str,
    catalogue: &Catalogue,
    today: NaiveDate,
) -> Result<Vec<StepProgress>> {
    let enterprise = store.enterprises().get(enterprise_id)?;
    let round = store.rounds().latest(enterprise_id)?;
    let answers = match &round {
        Some(r) => store.rounds().answers(r.id)?,
        None => Vec::new(),
    };
    let points = store.points().list(enterprise_id)?;
    let mut out = Vec::new();
    for step in Step::ALL {
        let (done, total, register_ok) = match step {
            Step::Quick => {
                let view = store.rounds().quick_check_of(enterprise_id, catalogue)?;
                let done = view.questions.iter().filter(|q| q.chosen.is_some()).count();
                (done, view.questions.len(), true)
            }
            Step::Profile => {
                let (filled, total) = profile_filled(&enterprise);
                (filled, total, true)
            }
            _ => {
                let domains = step.domains();
                // Derived criteria are answered by the registers, not by the
                // user: the count is of the criteria the user answers.
                let criteria: Vec<_> = catalogue
                    .domains
                    .iter()
                    .filter(|d| domains.contains(&d.id.as_str()))
                    .flat_map(|d| &d.criteria)
                    .filter(|c| c.derive.is_none())
                    .collect();
                let done = criteria
                    .iter()
                    .filter(|c| answered(answers.iter().find(|a| a.criterion_id == c.id)))
                    .count();
                let register_ok = match step {
                    Step::Rules => !store.rules().list(enterprise_id)?.is_empty(),
                    Step::Points => !points.is_empty(),
                    Step::Classification => {
                        !points.is_empty() && points.iter().all(|p| p.status != Status::Proposed)
                    }
                    Step::Controls => controls_answered(store, enterprise_id)?,
                    Step::People => store.people().stats(enterprise_id, today)?.current_people > 0,
                    Step::Areas => !store.areas().list(enterprise_id)?.is_empty(),
                    Step::Systems => !store.systems().list(enterprise_id)?.is_empty(),
                    // Disclosures may be none; those made must have an NDA.
                    Step::Disclosures => store
                        .disclosures()
                        .list(enterprise_id)?
                        .iter()
                        .all(|d| d.has_nda),
                    // Incidents are best none; a major one must be handled.
                    _ => store.incidents().major_unhandled(enterprise_id)?.is_empty(),
                };
                (done, criteria.len(), register_ok)
            }
        };
        out.push(StepProgress {
            step,
            done,
            total,
            register_ok,
            complete: register_ok && done == total,
        });
    }
    Ok(out)
}

/// Carriers are registered and every control of their checklist is
/// answered (for each level where the control differs by level).
fn controls_answered(store: &Store, enterprise_id: &str) -> Result<bool> {
    let library = crate::catalogue::ControlLibrary::default_library()?;
    let kinds = store.carriers().kinds_in_use(enterprise_id)?;
    if kinds.is_empty() {
        return Ok(false);
    }
    let levels = store.levels().list(enterprise_id)?.len() as i64;
    let answers = store.controls().answers(enterprise_id)?;
    let has = |id: &str, rank: i64| {
        answers
            .iter()
            .any(|a| a.control_id == id && a.level_rank == rank)
    };
    Ok(crate::assess::checklist(&library, &kinds)
        .into_iter()
        .all(|c| has(&c.id, 0) || (c.by_level && (1..=levels).all(|r| has(&c.id, r)))))
}

/// The criteria of one domain with the latest round's answers and, for
/// derived ones, what the registers say.
pub fn domain_view(
    store: &Store,
    enterprise_id: &str,
    domain_id: &str,
    catalogue: &Catalogue,
) -> Result<DomainView> {
    store.enterprises().get(enterprise_id)?;
    let domain = catalogue
        .domains
        .iter()
        .find(|d| d.id == domain_id)
        .ok_or_else(|| Error::DomainUnknown {
            id: domain_id.to_string(),
        })?;
    let round = store.rounds().latest(enterprise_id)?;
    // The registers on the round's base date, for the 不适用 the catalogue
    // refuses (before a first round, the refusal comes with the answer).
    let facts = match &round {
        Some(r)
            if domain
                .criteria
                .iter()
                .any(|c| !c.na_refused_when.is_empty()) =>
        {
            match chrono::NaiveDate::parse_from_str(&r.base_date, "%Y-%m-%d") {
                Ok(base) => Some(crate::assess::facts(
                    store,
                    enterprise_id,
                    base,
                    &crate::catalogue::ControlLibrary::default_library()?,
                )?),
                Err(_) => None,
            }
        }
        _ => None,
    };
    let (answers, scored) = match &round {
        Some(r) => (
            store.rounds().answers(r.id)?,
            Some(crate::assess::score_round(store, r.id, catalogue)?),
        ),
        None => (Vec::new(), None),
    };
    let criteria = domain
        .criteria
        .iter()
        .map(|c| {
            let derived_status = scored.as_ref().and_then(|s| {
                s.criteria
                    .iter()
                    .find(|r| r.criterion == c.id && r.derived)
                    .map(|r| r.status)
            });
            CriterionView {
                id: c.id.clone(),
                title: c.title.clone(),
                points: c.points,
                requirement: c.requirement.clone(),
                guidance: c.guidance.clone(),
                basis: c
                    .basis
                    .iter()
                    .map(|b| {
                        let s = format!("{} {}", b.source, b.article).trim().to_string();
                        if b.note.is_empty() {
                            s
                        } else {
                            format!("{s}（{}）", b.note)
                        }
                    })
                    .collect(),
                basic: c.basic,
                evidence_kinds: c
                    .evidence_kinds
                    .iter()
                    .filter_map(|k| crate::store::EvidenceKind::from_wire(k))
                    .collect(),
                derived: c.derive.is_some(),
                derived_status,
                answer: answers.iter().find(|a| a.criterion_id == c.id).cloned(),
                gate: c.gate,
                applies: scored.as_ref().is_none_or(|s| {
                    s.criteria
                        .iter()
                        .find(|r| r.criterion == c.id)
                        .is_none_or(|r| r.applies)
                }),
                contradictions: scored
                    .as_ref()
                    .map(|s| {
                        s.contradictions
                            .iter()
                            .filter(|x| x.criterion == c.id)
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default(),
                not_applicable_refused: c
                    .na_refused_when
                    .iter()
                    .filter(|cond| facts.as_ref().is_some_and(|f| cond.holds(&f.rules)))
                    .map(|cond| cond.says.clone())
                    .collect(),
            }
        })
        .collect();
    Ok(DomainView {
        domain_id: domain.id.clone(),
        domain_name: domain.name.clone(),
        round,
        criteria,
    })
}

fn criterion_of<'c>(catalogue: &'c Catalogue, id: &str) -> Result<&'c crate::catalogue::Criterion> {
    catalogue
        .criterion(id)
        .ok_or_else(|| Error::CriterionUnknown { id: id.to_string() })
}

/// Answer a criterion of the catalogue in the enterprise's latest round
/// (the first round starts if there is none). A derived criterion is
/// answered by the registers: to differ, the user overrides it with a
/// reason (`override_criterion`).
// The answer's three parts and the day are the UI's one call; a struct for
// them would only be built to be taken apart again.
#[allow(clippy::too_many_arguments)]
pub fn answer_criterion(
    store: &Store,
    enterprise_id: &str,
    catalogue: &Catalogue,
    criterion_id: &str,
    status: AnswerStatus,
    note: &str,
    na_reason: &str,
    today: NaiveDate,
) -> Result<Answer> {
    let c = criterion_of(catalogue, criterion_id)?;
    if c.derive.is_some() {
        return Err(Error::CriterionDerived {
            id: criterion_id.to_string(),
        });
    }
    // Refuse before a first round is started for an answer that cannot be kept.
    if status.needs_reason() && na_reason.trim().is_empty() {
        return Err(Error::NotApplicableNeedsReason);
    }
    if status == AnswerStatus::NotApplicable {
        crate::assess::check_not_applicable(store, enterprise_id, c, today)?;
    }
    let round = store.rounds().open_for(enterprise_id, catalogue, today)?;
    store
        .rounds()
        .set_answer(round, criterion_id, status, note, na_reason)
}

/// Override a derived criterion with the user's status and reason in the
/// latest round; an empty reason lets the registers answer again.
pub fn override_criterion(
    store: &Store,
    enterprise_id: &str,
    catalogue: &Catalogue,
    criterion_id: &str,
    status: AnswerStatus,
    reason: &str,
    today: NaiveDate,
) -> Result<Answer> {
    let c = criterion_of(catalogue, criterion_id)?;
    if c.derive.is_none() {
        return Err(Error::CriterionNotDerived {
            id: criterion_id.to_string(),
        });
    }
    let round = store.rounds().open_for(enterprise_id, catalogue, today)?;
    store
        .rounds()
        .override_answer(round, criterion_id, status, reason)
}

/// The 自评结果 step: the latest round and its score (none before the first answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ResultsView {
    pub round: Option<Assessment>,
    pub score: Option<crate::score::Score>,
    /// Criterion id → the step where it is answered, for links to it.
    pub steps: std::collections::BTreeMap<String, Step>,
}

/// The step that answers a domain's criteria.
fn step_of_domain(domain: &str) -> Option<Step> {
    Step::ALL
        .into_iter()
        .find(|s| s.domains().contains(&domain))
}

/// The latest round's score, with where each criterion is answered.
pub fn results(store: &Store, enterprise_id: &str, catalogue: &Catalogue) -> Result<ResultsView> {
    store.enterprises().get(enterprise_id)?;
    let round = store.rounds().latest(enterprise_id)?;
    let score = match &round {
        Some(r) => Some(crate::assess::score_round(store, r.id, catalogue)?),
        None => None,
    };
    let steps = catalogue
        .domains
        .iter()
        .flat_map(|d| {
            let step = step_of_domain(&d.id);
            d.criteria
                .iter()
                .filter_map(move |c| step.map(|s| (c.id.clone(), s)))
        })
        .collect();
    Ok(ResultsView {
        round,
        score,
        steps,
    })
}

/// 完成本轮: close the latest round with its score and the catalogue it was
/// scored against, frozen. Refused while anything is 未评 or 待复核 (the
/// score would be a 草稿) or when the round is already closed.
pub fn close_round(
    store: &Store,
    enterprise_id: &str,
    catalogue: &Catalogue,
) -> Result<Assessment> {
    let round = store.rounds().latest_required(enterprise_id)?;
    if round.closed_at.is_some() {
        return Err(Error::RoundClosed {
            round: round.round_no.to_string(),
        });
    }
    let score = crate::assess::score_round(store, round.id, catalogue)?;
    let open = score
        .criteria
        .iter()
        .filter(|c| c.needs_review || c.status == AnswerStatus::Unanswered)
        .count();
    if score.draft || open > 0 {
        return Err(Error::RoundIncomplete {
            count: open.max(1).to_string(),
        });
    }
    let snapshot = serde_json::to_string(&score).map_err(|e| Error::Io {
        detail: crate::error::json_detail(&e),
    })?;
    store
        .rounds()
        .close(round.id, &snapshot, &catalogue.to_json())
}

/// The evidence target of a criterion's answer in a round.
fn answer_target(round_id: i64, criterion_id: &str) -> String {
    format!("{round_id}/{criterion_id}")
}

/// The evidence attached to a criterion's answer in the latest round.
pub fn answer_evidence(
    store: &Store,
    enterprise_id: &str,
    criterion_id: &str,
) -> Result<Vec<crate::store::Evidence>> {
    match store.rounds().latest(enterprise_id)? {
        Some(r) => store.evidence().of_target(
            crate::store::EvidenceTargetKind::Answer,
            &answer_target(r.id, criterion_id),
        ),
        None => Ok(Vec::new()),
    }
}

/// Add a file as evidence of a criterion's answer in the latest round: a
/// stored copy (`stored`) or 登记不入库 (path, size and hash only). The
/// criterion must be answered first; nothing is added when it is not.
pub fn add_answer_evidence(
    store: &Store,
    enterprise_id: &str,
    criterion_id: &str,
    input: &crate::store::NewEvidence,
    path: &std::path::Path,
    stored: bool,
    today: NaiveDate,
) -> Result<crate::store::Evidence> {
    let round = store.rounds().latest_required(enterprise_id)?;
    if store.rounds().answer(round.id, criterion_id)?.is_none() {
        return Err(Error::EvidenceNeedsAnswer {
            id: criterion_id.to_string(),
        });
    }
    let input = crate::store::NewEvidence {
        enterprise_id: enterprise_id.to_string(),
        ..input.clone()
    };
    let evidence = if stored {
        store.evidence().add_stored(&input, path, today)?
    } else {
        store.evidence().add_registered(&input, path, today)?
    };
    store.evidence().link(
        evidence.id,
        crate::store::EvidenceTargetKind::Answer,
        &answer_target(round.id, criterion_id),
    )?;
    Ok(evidence)
}

/// Detach a piece of evidence from a criterion's answer in the latest round.
pub fn unlink_answer_evidence(
    store: &Store,
    enterprise_id: &str,
    criterion_id: &str,
    evidence_id: i64,
) -> Result<()> {
    let round = store.rounds().latest_required(enterprise_id)?;
    store.evidence().unlink(
        evidence_id,
        crate::store::EvidenceTargetKind::Answer,
        &answer_target(round.id, criterion_id),
    )
}
