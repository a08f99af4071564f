//! Glue between the store and the pure scoring: gathers a round's answers
//! with their evidence and the facts the registers give, then scores.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::catalogue::Catalogue;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::score::{self, AnswerInput, EvidenceInput, Facts, Score};
use crate::store::{Assessment, EvidenceTargetKind, Store};

fn permille(part: usize, whole: usize) -> i64 {
    if whole == 0 {
        0
    } else {
        (part as i64 * 1000) / whole as i64
    }
}

fn stored_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The facts the registers give on `base_date`, per derivation rule.
pub fn facts(store: &Store, enterprise_id: &str, base_date: NaiveDate) -> Result<Facts> {
    let mut rules = HashMap::new();
    let points = store.point_facts(enterprise_id)?;
    let live: Vec<_> = points
        .iter()
        .filter(|p| !matches!(p.status, Status::Declassified | Status::Disclosed))
        .collect();
    rules.insert("register_exists".to_string(), if points.is_empty() { 0 } else { 1000 });
    let levels = store.levels(enterprise_id)?;
    let complete = live
        .iter()
        .filter(|p| p.has_term && p.has_access && p.classified_with_approval && p.status != Status::Proposed)
        .count();
    // The 核心 gate also needs every required control in place; control
    // answers are not recorded yet, so no 核心 密点 passes it.
    let core_incomplete: Vec<String> =
        live.iter().filter(|p| levels.first() == Some(&p.level)).map(|p| p.code.clone()).collect();
    rules.insert("points_complete".into(), permille(complete, live.len()));
    let checked = live
        .iter()
        .filter(|p| p.secrecy_checked_on.as_deref().and_then(stored_day).is_some_and(|d| d <= base_date))
        .count();
    rules.insert("secrecy_checked".into(), permille(checked, live.len()));

    let stats = store.personnel_stats(enterprise_id, base_date)?;
    rules.insert(
        "nda_any".into(),
        if stats.with_agreement > 0 { 1000 } else { 0 },
    );
    if stats.current_people > 0 {
        rules.insert("nda_rate".into(), stats.agreement_rate_permille);
        rules.insert("training_rate".into(), stats.training_rate_permille);
        let people = store.list_people(enterprise_id)?;
        let current: Vec<_> = people
            .iter()
            .filter(|p| {
                stored_day(&p.entry_date).is_some_and(|d| d <= base_date)
                    && p.exit_date.as_deref().and_then(stored_day).is_none_or(|d| d > base_date)
            })
            .collect();
        let pledged = current
            .iter()
            .filter(|p| {
                p.entry_pledge_on
                    .as_deref()
                    .and_then(stored_day)
                    .is_some_and(|d| d <= base_date)
            })
            .count();
        rules.insert("entry_pledge_rate".into(), permille(pledged, current.len()));
    }
    if stats.exits > 0 {
        rules.insert(
            "exit_complete".into(),
            permille(stats.exits_complete as usize, stats.exits as usize),
        );
    }
    if !store.list_noncompetes(enterprise_id)?.is_empty() {
        let unpaid = store.noncompete_warnings(enterprise_id, base_date)?;
        rules.insert(
            "noncompete_paid".into(),
            if unpaid.is_empty() { 1000 } else { 0 },
        );
    }
    let docs = store.list_rule_docs(enterprise_id)?;
    let adopted = docs
        .iter()
        .filter(|r| {
            !r.democratic_procedure.trim().is_empty()
                && r.publicized_on
                    .as_deref()
                    .and_then(stored_day)
                    .is_some_and(|d| d <= base_date)
        })
        .count();
    rules.insert("rules_adopted".into(), permille(adopted, docs.len()));
    let carriers = store.list_carriers(enterprise_id)?;
    if !carriers.is_empty() {
        rules.insert(
            "carriers_marked".into(),
            permille(carriers.iter().filter(|c| c.marked).count(), carriers.len()),
        );
    }
    let disclosures = store.list_disclosures(enterprise_id)?;
    if !disclosures.is_empty() {
        rules.insert(
            "disclosure_nda".into(),
            permille(
                disclosures.iter().filter(|d| d.has_nda).count(),
                disclosures.len(),
            ),
        );
    }
    let unhandled = store.major_incidents_unhandled(enterprise_id)?;
    rules.insert(
        "major_incidents_handled".into(),
        if unhandled.is_empty() { 1000 } else { 0 },
    );
    if let Some(d) = store.self_declaration(enterprise_id)? {
        rules.insert(
            "self_declaration".into(),
            if d.no_infringement_penalty_3y {
                1000
            } else {
                0
            },
        );
    }
    Ok(Facts {
        rules,
        core_points_incomplete: core_incomplete,
    })
}

/// A round's answers with their evidence, by criterion.
pub fn answers(store: &Store, round: &Assessment) -> Result<HashMap<String, AnswerInput>> {
    let mut out = HashMap::new();
    for a in store.list_answers(round.id)? {
        let target = format!("{}/{}", round.id, a.criterion_id);
        let evidence = store
            .evidence_for(EvidenceTargetKind::Answer, &target)?
            .into_iter()
            .filter_map(|e| {
                Some(EvidenceInput {
                    kind: serde_json::to_value(e.kind).ok()?.as_str()?.to_string(),
                    effective_on: stored_day(&e.effective_on)?,
                })
            })
            .collect();
        out.insert(
            a.criterion_id.clone(),
            AnswerInput {
                status: Some(a.status),
                override_reason: a.override_reason.clone(),
                needs_review: a.needs_review,
                evidence,
            },
        );
    }
    Ok(out)
}

/// Score a round against `catalogue`.
pub fn score_round(store: &Store, round_id: i64, catalogue: &Catalogue) -> Result<Score> {
    let round = store.get_round(round_id)?;
    let base = stored_day(&round.base_date).ok_or_else(|| Error::FieldInvalid {
        field: "自评基准日".into(),
        reason: round.base_date.clone(),
    })?;
    let facts = facts(store, &round.enterprise_id, base)?;
    Ok(score::score(
        catalogue,
        &answers(store, &round)?,
        &facts,
        base,
    ))
}
