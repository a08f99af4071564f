//! Glue between the store and the pure scoring: gathers a round's answers
//! with their evidence and the facts the registers give, then scores.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::catalogue::{Catalogue, Control, ControlLibrary};
use crate::error::{Error, Result};
use crate::model::Status;
use crate::score::{self, AnswerInput, EvidenceInput, Facts, Score};
use crate::store::{AnswerStatus, Assessment, EvidenceTargetKind, Store};

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

/// How far one 密点's required whole-process controls are in place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PointCoverage {
    #[ts(type = "number")]
    pub point_id: i64,
    pub code: String,
    pub level: String,
    /// Required controls (after 不适用 answers and this 密点's exceptions).
    pub required: usize,
    pub in_place: usize,
    /// Required controls not answered 已落实, by id.
    pub uncovered: Vec<String>,
    /// Controls excepted for this 密点 (with a reason in the store).
    pub excepted: Vec<String>,
    /// Required controls answered 已落实, by id.
    pub covered: Vec<String>,
    /// The share of required controls in place, rounded half up to one
    /// decimal (100.0 when nothing is required).
    #[ts(type = "number")]
    pub percent: crate::score::Tenths,
}

impl PointCoverage {
    /// Coverage in per-mille (a 密点 with nothing required is covered).
    pub fn permille(&self) -> i64 {
        if self.required == 0 {
            1000
        } else {
            permille(self.in_place, self.required)
        }
    }
}

/// The checklist the UI shows: the controls that apply to the carrier
/// kinds the register actually has.
pub fn checklist<'a>(library: &'a ControlLibrary, kinds_in_use: &[String]) -> Vec<&'a Control> {
    library
        .controls
        .iter()
        .filter(|c| c.carrier_kinds.iter().any(|k| kinds_in_use.contains(k)))
        .collect()
}

/// Per-密点 coverage of the required controls, for every live 密点. A 密点
/// without carriers is held to the controls of every carrier kind in use.
pub fn control_coverage(
    store: &Store,
    enterprise_id: &str,
    library: &ControlLibrary,
) -> Result<Vec<PointCoverage>> {
    let points = store.points().facts(enterprise_id)?;
    coverage_of(store, enterprise_id, library, &points)
}

/// `control_coverage` for 密点 already read (scoring reads them once).
fn coverage_of(
    store: &Store,
    enterprise_id: &str,
    library: &ControlLibrary,
    points: &[crate::store::PointFacts],
) -> Result<Vec<PointCoverage>> {
    let levels = store.levels().list(enterprise_id)?;
    let in_use = store.carriers().kinds_in_use(enterprise_id)?;
    let mut kinds: HashMap<i64, Vec<String>> = HashMap::new();
    for (pid, kind) in store.controls().point_carrier_kinds(enterprise_id)? {
        kinds.entry(pid).or_default().push(kind);
    }
    // Looked up per 密点 and control: by the control's index in the library
    // and the level's rank (0: the answer for all levels), not by cloned ids.
    let index: HashMap<&str, usize> = library
        .controls
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut answers: Vec<HashMap<i64, AnswerStatus>> = vec![HashMap::new(); library.controls.len()];
    for a in store.controls().answers(enterprise_id)? {
        if let Some(&i) = index.get(a.control_id.as_str()) {
            answers[i].insert(a.level_rank, a.status);
        }
    }
    let mut exceptions: HashSet<(i64, usize)> = HashSet::new();
    for e in store.controls().exceptions(enterprise_id)? {
        if let Some(&i) = index.get(e.control_id.as_str()) {
            exceptions.insert((e.point_id, i));
        }
    }
    let mut out = Vec::new();
    for p in points {
        if matches!(p.status, Status::Declassified | Status::Disclosed) {
            continue;
        }
        let rank = levels
            .iter()
            .position(|l| *l == p.level)
            .map_or(levels.len(), |i| i + 1);
        let point_kinds = kinds.get(&p.id).unwrap_or(&in_use);
        let mut cov = PointCoverage {
            point_id: p.id,
            code: p.code.clone(),
            level: p.level.clone(),
            required: 0,
            in_place: 0,
            uncovered: vec![],
            excepted: vec![],
            covered: vec![],
            percent: crate::score::Tenths(1000),
        };
        for (i, c) in library.controls.iter().enumerate() {
            if !c.required_for_rank(rank)
                || !c.carrier_kinds.iter().any(|k| point_kinds.contains(k))
            {
                continue;
            }
            if exceptions.contains(&(p.id, i)) {
                cov.excepted.push(c.id.clone());
                continue;
            }
            let key_rank = if c.by_level { rank as i64 } else { 0 };
            let status = answers[i].get(&key_rank).or_else(|| answers[i].get(&0));
            match status {
                Some(AnswerStatus::NotApplicable) => {}
                Some(AnswerStatus::Done) => {
                    cov.required += 1;
                    cov.in_place += 1;
                    cov.covered.push(c.id.clone());
                }
                _ => {
                    cov.required += 1;
                    cov.uncovered.push(c.id.clone());
                }
            }
        }
        if cov.required > 0 {
            cov.percent = crate::score::Tenths::percent(cov.in_place as i64, cov.required as i64);
        }
        out.push(cov);
    }
    Ok(out)
}

/// A control as the checklist shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ControlItem {
    pub id: String,
    pub stage: String,
    pub carrier_kinds: Vec<String>,
    /// 核心, 重要 or 全部: the levels it is required for.
    pub required_from: String,
    /// Answered per level (the UI offers one answer per level).
    pub by_level: bool,
    pub question: String,
    pub requirement: String,
    pub guidance: String,
    /// "source article（note）", one per basis.
    pub basis: Vec<String>,
}

/// Everything the 全过程保密管理 step shows: the checklist for the carrier
/// kinds in use, its answers and exceptions, and per-密点 coverage.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct ControlsView {
    /// The lifecycle stages, in order.
    pub stages: Vec<String>,
    /// The enterprise's levels, highest first (rank = index + 1).
    pub levels: Vec<String>,
    pub kinds_in_use: Vec<String>,
    pub controls: Vec<ControlItem>,
    pub answers: Vec<crate::store::ControlAnswer>,
    pub exceptions: Vec<crate::store::ControlException>,
    pub coverage: Vec<PointCoverage>,
}

/// The 全过程保密管理 step's view of an enterprise.
pub fn controls_view(
    store: &Store,
    enterprise_id: &str,
    library: &ControlLibrary,
) -> Result<ControlsView> {
    let kinds_in_use = store.carriers().kinds_in_use(enterprise_id)?;
    let controls = checklist(library, &kinds_in_use)
        .into_iter()
        .map(|c| ControlItem {
            id: c.id.clone(),
            stage: c.stage.clone(),
            carrier_kinds: c.carrier_kinds.clone(),
            required_from: c.required_from.clone(),
            by_level: c.by_level,
            question: c.question.clone(),
            requirement: c.requirement.clone(),
            guidance: c.guidance.clone(),
            basis: c
                .basis
                .iter()
                .map(|b| format!("{} {}", b.source, b.article).trim().to_string())
                .collect(),
        })
        .collect();
    Ok(ControlsView {
        stages: library.stages.clone(),
        levels: store.levels().list(enterprise_id)?,
        kinds_in_use,
        controls,
        answers: store.controls().answers(enterprise_id)?,
        exceptions: store.controls().exceptions(enterprise_id)?,
        coverage: control_coverage(store, enterprise_id, library)?,
    })
}

/// Except a control of the library from one 密点, for a written reason.
pub fn except_control(
    store: &Store,
    library: &ControlLibrary,
    point_id: i64,
    control_id: &str,
    reason: &str,
) -> Result<()> {
    if !library.controls.iter().any(|c| c.id == control_id) {
        return Err(Error::ControlNotFound {
            id: control_id.to_string(),
        });
    }
    store.controls().set_exception(point_id, control_id, reason)
}

/// Refuse 不适用 on `criterion` while the registers say it applies (its
/// `naRefusedWhen`), naming the register fact.
pub fn check_not_applicable(
    store: &Store,
    enterprise_id: &str,
    criterion: &crate::catalogue::Criterion,
    today: NaiveDate,
) -> Result<()> {
    if criterion.basic {
        return Err(Error::NotApplicableRefused {
            criterion: criterion.id.clone(),
            fact: "基础项不能选“不适用”".into(),
        });
    }
    if criterion.na_refused_when.is_empty() {
        return Ok(());
    }
    let library = ControlLibrary::default_library()?;
    let f = facts(store, enterprise_id, today, &library)?;
    match criterion.na_refused_when.iter().find(|c| c.holds(&f.rules)) {
        Some(c) => Err(Error::NotApplicableRefused {
            criterion: criterion.id.clone(),
            fact: c.says.clone(),
        }),
        None => Ok(()),
    }
}

/// `part` of `whole` in per-mille, the share absent when `whole` is 0.
fn share(rules: &mut HashMap<String, i64>, name: &str, part: usize, whole: usize) {
    if whole > 0 {
        rules.insert(name.to_string(), permille(part, whole));
    }
}

/// The facts of catalogue 2: counts the conditions name, the rule families,
/// control answers, and the derivation rules of the new records.
#[allow(clippy::too_many_arguments)]
fn more_facts(
    store: &Store,
    enterprise_id: &str,
    base_date: NaiveDate,
    library: &ControlLibrary,
    levels: &[String],
    live: &[&crate::store::PointFacts],
    coverage: &HashMap<i64, PointCoverage>,
    rules: &mut HashMap<String, i64>,
) -> Result<()> {
    use crate::model::Category;
    let mut count = |name: &str, n: usize| {
        rules.insert(name.to_string(), n as i64);
    };
    count("points", live.len());
    count(
        "technical_points",
        live.iter()
            .filter(|p| p.category == Category::Technical)
            .count(),
    );
    count(
        "business_points",
        live.iter()
            .filter(|p| p.category == Category::Business)
            .count(),
    );
    count(
        "customer_points",
        live.iter()
            .filter(|p| p.subtype.as_deref() == Some("客户信息"))
            .count(),
    );
    let top_two: Vec<&String> = levels.iter().take(2).collect();
    let core: Vec<_> = live
        .iter()
        .filter(|p| levels.first() == Some(&p.level))
        .collect();
    count("core_points", core.len());
    let carriers = store.carriers().list(enterprise_id)?;
    count("carriers", carriers.len());
    let oral_carriers = carriers
        .iter()
        .filter(|c| c.kind == "口头/技艺传承")
        .count()
        + live.iter().filter(|p| p.oral).count();
    count("oral_carriers", oral_carriers);
    count("systems", store.systems().list(enterprise_id)?.len());
    count("areas", store.areas().list(enterprise_id)?.len());
    let incidents = store.incidents().list(enterprise_id)?;
    count("incidents", incidents.len());
    count(
        "major_incidents",
        incidents
            .iter()
            .filter(|i| i.severity == crate::store::IncidentSeverity::Major)
            .count(),
    );
    // People on the base date, and what they have signed by then.
    let on_base = |d: &str| stored_day(d).is_some_and(|d| d <= base_date);
    let people = store.people().list(enterprise_id)?;
    let current: Vec<&crate::store::Person> = people
        .iter()
        .filter(|p| on_base(&p.entry_date) && p.exit_date.as_deref().is_none_or(|d| !on_base(d)))
        .collect();
    count("people_current", current.len());
    let non_employees: Vec<_> = current
        .iter()
        .filter(|p| p.relationship != crate::store::Relationship::Employee)
        .collect();
    count("non_employees", non_employees.len());
    let agreements = store.people().agreements_of_enterprise(enterprise_id)?;
    let bound = |p: &crate::store::Person| {
        agreements.iter().any(|a| {
            a.person_id == p.id
                && on_base(&a.signed_on)
                && (p.relationship == crate::store::Relationship::Employee
                    || a.kind != crate::store::AgreementKind::ContractClause)
        })
    };
    let knowledge = store.people().knowledge(enterprise_id)?;
    let knows = |p: &crate::store::Person, important: bool| {
        knowledge.iter().any(|(id, level, status)| {
            *id == p.id
                && !matches!(status, Status::Declassified | Status::Disclosed)
                && (!important || top_two.contains(&level))
        })
    };
    let knowing_important: Vec<_> = current.iter().filter(|p| knows(p, true)).collect();
    // A role in the 知悉范围 of a 核心 or 重要 密点 (熬胶班组) names no one the
    // register can check: each counts as one knower not shown to be bound,
    // so the derived answer stays short of 已落实 until the people are named
    // (or the user overrides it, with a reason, having checked them).
    let access = store.points().access_of_enterprise(enterprise_id)?;
    let unnamed: std::collections::BTreeSet<&str> = live
        .iter()
        .filter(|p| top_two.contains(&&p.level))
        .filter_map(|p| access.get(&p.id))
        .flat_map(|a| a.roles.iter().map(String::as_str))
        .collect();
    share(
        rules,
        "nda_core_important",
        knowing_important.iter().filter(|p| bound(p)).count(),
        knowing_important.len() + unnamed.len(),
    );
    let notices = store.people().access_notices_of_enterprise(enterprise_id)?;
    let knowing: Vec<_> = current.iter().filter(|p| knows(p, false)).collect();
    share(
        rules,
        "access_notice_rate",
        knowing
            .iter()
            .filter(|p| {
                notices
                    .iter()
                    .any(|n| n.person_id == p.id && on_base(&n.signed_on))
            })
            .count(),
        knowing.len(),
    );
    share(
        rules,
        "non_employee_undertakings",
        non_employees.iter().filter(|p| bound(p)).count(),
        non_employees.len(),
    );
    share(
        rules,
        "register_filled",
        live.iter().filter(|p| p.register_filled).count(),
        live.len(),
    );
    let important: Vec<_> = live
        .iter()
        .filter(|p| top_two.contains(&&p.level))
        .collect();
    share(
        rules,
        "origin_recorded",
        important.iter().filter(|p| p.origin_recorded).count(),
        important.len(),
    );
    let disclosures = store.disclosures().list(enterprise_id)?;
    let to_authorities: Vec<_> = disclosures
        .iter()
        .filter(|d| d.recipient_kind == crate::store::RecipientKind::Authority)
        .collect();
    rules.insert("disclosures".into(), disclosures.len() as i64);
    rules.insert("authority_disclosures".into(), to_authorities.len() as i64);
    share(
        rules,
        "authority_requests",
        to_authorities
            .iter()
            .filter(|d| d.confidentiality_requested)
            .count(),
        to_authorities.len(),
    );
    // The 制度清单 by family (the words of the titles).
    let docs = store.rules().list(enterprise_id)?;
    rules.insert("rules".into(), docs.len() as i64);
    rules.insert(
        "discipline_records".into(),
        store.discipline().list(enterprise_id)?.len() as i64,
    );
    rules.insert(
        "trainings".into(),
        store.trainings().list(enterprise_id)?.len() as i64,
    );
    let mut specialised = 0;
    for (i, (family, words)) in crate::catalogue::RULE_FAMILIES.iter().enumerate() {
        let n = docs
            .iter()
            .filter(|r| words.iter().any(|w| r.title.contains(w)))
            .count();
        rules.insert(format!("rule_family:{family}"), n as i64);
        if i < 6 && n > 0 {
            specialised += 1;
        }
    }
    rules.insert("rules_specialised".into(), permille(specialised, 6));
    // Control answers: 1000 when in place at every level answered, 500 when
    // partly, 0 otherwise; absent when not in the checklist or 不适用.
    let kinds = store.carriers().kinds_in_use(enterprise_id)?;
    let answers = store.controls().answers(enterprise_id)?;
    for c in checklist(library, &kinds) {
        let mine: Vec<_> = answers.iter().filter(|a| a.control_id == c.id).collect();
        if mine.iter().any(|a| a.status == AnswerStatus::NotApplicable) {
            continue;
        }
        let value = if !mine.is_empty() && mine.iter().all(|a| a.status == AnswerStatus::Done) {
            1000
        } else if mine
            .iter()
            .any(|a| matches!(a.status, AnswerStatus::Done | AnswerStatus::Partial))
        {
            500
        } else {
            0
        };
        rules.insert(format!("control:{}", c.id), value);
    }
    // 核心 密点 with a control in place, per control they require.
    for c in &library.controls {
        let needing: Vec<&PointCoverage> = core
            .iter()
            .filter_map(|p| coverage.get(&p.id))
            .filter(|cov| cov.covered.contains(&c.id) || cov.uncovered.contains(&c.id))
            .collect();
        share(
            rules,
            &format!("core_control:{}", c.id),
            needing
                .iter()
                .filter(|cov| cov.covered.contains(&c.id))
                .count(),
            needing.len(),
        );
    }
    Ok(())
}

/// The facts the registers give on `base_date`, per derivation rule.
pub fn facts(
    store: &Store,
    enterprise_id: &str,
    base_date: NaiveDate,
    library: &ControlLibrary,
) -> Result<Facts> {
    let mut rules = HashMap::new();
    let points = store.points().facts(enterprise_id)?;
    let live: Vec<_> = points
        .iter()
        .filter(|p| !matches!(p.status, Status::Declassified | Status::Disclosed))
        .collect();
    rules.insert(
        "register_exists".to_string(),
        if points.is_empty() { 0 } else { 1000 },
    );
    let levels = store.levels().list(enterprise_id)?;
    let defined = |p: &crate::store::PointFacts| {
        p.has_term && p.has_access && p.classified_with_approval && p.status != Status::Proposed
    };
    let complete = live.iter().filter(|p| defined(p)).count();
    // The 核心 gate: every 核心 密点 defined and all its required controls in place.
    let coverage: HashMap<i64, PointCoverage> =
        coverage_of(store, enterprise_id, library, &points)?
            .into_iter()
            .map(|c| (c.point_id, c))
            .collect();
    let core: Vec<_> = live
        .iter()
        .filter(|p| levels.first() == Some(&p.level))
        .collect();
    let core_incomplete: Vec<String> = core
        .iter()
        .filter(|p| !defined(p) || coverage.get(&p.id).is_some_and(|c| c.in_place < c.required))
        .map(|p| p.code.clone())
        .collect();
    if !core.is_empty() {
        let (inp, req) = core
            .iter()
            .filter_map(|p| coverage.get(&p.id))
            .fold((0, 0), |(i, r), c| (i + c.in_place, r + c.required));
        rules.insert(
            "core_controls".into(),
            if req == 0 { 1000 } else { permille(inp, req) },
        );
    }
    rules.insert("points_complete".into(), permille(complete, live.len()));
    let checked = live
        .iter()
        .filter(|p| {
            p.secrecy_checked_on
                .as_deref()
                .and_then(stored_day)
                .is_some_and(|d| d <= base_date)
        })
        .count();
    rules.insert("secrecy_checked".into(), permille(checked, live.len()));

    let stats = store.people().stats(enterprise_id, base_date)?;
    rules.insert(
        "nda_any".into(),
        if stats.with_agreement > 0 { 1000 } else { 0 },
    );
    if stats.current_people > 0 {
        rules.insert("nda_rate".into(), stats.agreement_rate_permille);
        rules.insert("training_rate".into(), stats.training_rate_permille);
        let people = store.people().list(enterprise_id)?;
        let current: Vec<_> = people
            .iter()
            .filter(|p| {
                stored_day(&p.entry_date).is_some_and(|d| d <= base_date)
                    && p.exit_date
                        .as_deref()
                        .and_then(stored_day)
                        .is_none_or(|d| d > base_date)
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
    if !store.people().noncompetes(enterprise_id)?.is_empty() {
        let unpaid = store
            .people()
            .noncompete_warnings(enterprise_id, base_date)?;
        rules.insert(
            "noncompete_paid".into(),
            if unpaid.is_empty() { 1000 } else { 0 },
        );
    }
    let docs = store.rules().list(enterprise_id)?;
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
    let carriers = store.carriers().list(enterprise_id)?;
    if !carriers.is_empty() {
        rules.insert(
            "carriers_marked".into(),
            permille(carriers.iter().filter(|c| c.marked).count(), carriers.len()),
        );
    }
    // An authority signs no NDA: filings are measured by the 第十五条
    // request instead (`authority_requests`).
    let disclosures: Vec<_> = store
        .disclosures()
        .list(enterprise_id)?
        .into_iter()
        .filter(|d| d.recipient_kind != crate::store::RecipientKind::Authority)
        .collect();
    if !disclosures.is_empty() {
        rules.insert(
            "disclosure_nda".into(),
            permille(
                disclosures.iter().filter(|d| d.has_nda).count(),
                disclosures.len(),
            ),
        );
    }
    let unhandled = store.incidents().major_unhandled(enterprise_id)?;
    rules.insert(
        "major_incidents_handled".into(),
        if unhandled.is_empty() { 1000 } else { 0 },
    );
    more_facts(
        store,
        enterprise_id,
        base_date,
        library,
        &levels,
        &live,
        &coverage,
        &mut rules,
    )?;
    if let Some(d) = store.enterprises().self_declaration(enterprise_id)? {
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
    for a in store.rounds().answers(round.id)? {
        let target = format!("{}/{}", round.id, a.criterion_id);
        let evidence = store
            .evidence()
            .of_target(EvidenceTargetKind::Answer, &target)?
            .into_iter()
            .filter_map(|e| {
                Some(EvidenceInput {
                    kind: e.kind.label().to_string(),
                    effective_on: stored_day(&e.effective_on)?,
                })
            })
            .collect();
        out.insert(
            a.criterion_id.clone(),
            AnswerInput {
                status: Some(a.status),
                na_reason: a.na_reason.clone(),
                override_reason: a.override_reason.clone(),
                needs_review: a.needs_review,
                evidence,
            },
        );
    }
    Ok(out)
}

/// Score a round against `catalogue` (and the built-in control library).
pub fn score_round(store: &Store, round_id: i64, catalogue: &Catalogue) -> Result<Score> {
    let library = ControlLibrary::default_library()?;
    let round = store.rounds().get(round_id)?;
    let base = stored_day(&round.base_date).ok_or_else(|| Error::FieldInvalid {
        field: "自评基准日".into(),
        reason: round.base_date.clone(),
    })?;
    let facts = facts(store, &round.enterprise_id, base, &library)?;
    Ok(score::score(
        catalogue,
        &answers(store, &round)?,
        &facts,
        base,
    ))
}

/// The enterprise's score now: its latest round's, or with no round yet
/// the registers alone (every criterion 未评) as of today.
pub fn current_score(store: &Store, enterprise_id: &str, catalogue: &Catalogue) -> Result<Score> {
    match store.rounds().latest(enterprise_id)? {
        Some(r) => score_round(store, r.id, catalogue),
        None => {
            let library = ControlLibrary::default_library()?;
            let today = chrono::Local::now().date_naive();
            Ok(score::score(
                catalogue,
                &Default::default(),
                &facts(store, enterprise_id, today, &library)?,
                today,
            ))
        }
    }
}

/// One enterprise on the home page: its summary and its latest round.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseOverview {
    #[serde(flatten)]
    pub summary: crate::model::EnterpriseSummary,
    pub latest: Option<RoundBrief>,
}

/// The latest round of an enterprise in a few words.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RoundBrief {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub round_no: i64,
    pub base_date: String,
    pub closed: bool,
    /// One decimal, e.g. "79.7".
    pub total: String,
    pub tier: crate::score::Tier,
    pub verdict: crate::score::Verdict,
    /// 未评 items or 待复核 flags remain.
    pub draft: bool,
}

/// Every enterprise with its latest round scored against `catalogue`.
pub fn overview(store: &Store, catalogue: &Catalogue) -> Result<Vec<EnterpriseOverview>> {
    let mut out = Vec::new();
    for summary in store.enterprises().list()? {
        let latest = match store.rounds().latest(&summary.id)? {
            None => None,
            Some(r) => {
                let s = score_round(store, r.id, catalogue)?;
                Some(RoundBrief {
                    id: r.id,
                    round_no: r.round_no,
                    base_date: r.base_date.clone(),
                    closed: r.closed_at.is_some(),
                    total: s.total.to_string(),
                    tier: s.tier,
                    verdict: s.verdict,
                    draft: s.draft,
                })
            }
        };
        out.push(EnterpriseOverview { summary, latest });
    }
    Ok(out)
}
