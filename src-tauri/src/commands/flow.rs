//! The guided flow: rounds, the quick check, each step's progress and criteria, answers and overrides, the results and closing a round.

use midun::catalogue::Catalogue;
use midun::flow;
use midun::flow::{DomainView, ResultsView, StepProgress};
use midun::store::{
    Answer, AnswerStatus, Assessment, NewRound, NewRoundInput, QuickView, RoundField,
};
use tauri::State;

use crate::{err, with, Db, Reply};

fn catalogue() -> Reply<Catalogue> {
    Catalogue::default_catalogue().map_err(err)
}

/// Start the next round (第 N 次自评) from the previous one, against the
/// built-in catalogue; the previous round must be closed.
#[tauri::command]
pub fn start_round(db: State<'_, Db>, input: NewRoundInput) -> Reply<Assessment> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    with(&db, |s| {
        s.rounds().start(&NewRound {
            enterprise_id: input.enterprise_id,
            catalogue_id: catalogue.id.clone(),
            catalogue_version: catalogue.version.clone(),
            base_date: input.base_date,
            filler: input.filler,
            reviewer: input.reviewer,
        })
    })
}

/// 快速自查 of the enterprise's latest round.
#[tauri::command]
pub fn quick_check(db: State<'_, Db>, enterprise_id: String) -> Reply<QuickView> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    with(&db, |s| {
        s.rounds().quick_check_of(&enterprise_id, &catalogue)
    })
}

/// Answer one quick question (the first answer starts the first round).
#[tauri::command]
pub fn answer_quick(
    db: State<'_, Db>,
    enterprise_id: String,
    question_id: String,
    answer_index: usize,
) -> Reply<QuickView> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    let today = midun::model::today();
    with(&db, |s| {
        s.rounds().answer_quick_for(
            &enterprise_id,
            &catalogue,
            &question_id,
            answer_index,
            today,
        )
    })
}

// —— The step list and the criteria of a step ——

#[tauri::command(async)]
pub fn flow_progress(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<StepProgress>> {
    let catalogue = catalogue()?;
    let today = midun::model::today();
    with(&db, |s| {
        flow::progress(s, &enterprise_id, &catalogue, today)
    })
}

#[tauri::command(async)]
pub fn domain_view(
    db: State<'_, Db>,
    enterprise_id: String,
    domain_id: String,
) -> Reply<DomainView> {
    let catalogue = catalogue()?;
    with(&db, |s| {
        flow::domain_view(s, &enterprise_id, &domain_id, &catalogue)
    })
}

/// Answer a criterion (the first answer starts the first round).
#[tauri::command]
pub fn answer_criterion(
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
    status: AnswerStatus,
    note: String,
    na_reason: String,
) -> Reply<Answer> {
    let catalogue = catalogue()?;
    let today = midun::model::today();
    with(&db, |s| {
        flow::answer_criterion(
            s,
            &enterprise_id,
            &catalogue,
            &criterion_id,
            status,
            &note,
            &na_reason,
            today,
        )
    })
}

/// Override a derived criterion with a reason; an empty reason undoes it.
#[tauri::command]
pub fn override_criterion(
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
    status: AnswerStatus,
    reason: String,
) -> Reply<Answer> {
    let catalogue = catalogue()?;
    let today = midun::model::today();
    with(&db, |s| {
        flow::override_criterion(
            s,
            &enterprise_id,
            &catalogue,
            &criterion_id,
            status,
            &reason,
            today,
        )
    })
}

#[tauri::command(async)]
pub fn results_view(db: State<'_, Db>, enterprise_id: String) -> Reply<ResultsView> {
    let catalogue = catalogue()?;
    with(&db, |s| flow::results(s, &enterprise_id, &catalogue))
}

/// 完成本轮: refused while anything is 未评 or 待复核.
#[tauri::command]
pub fn close_round(db: State<'_, Db>, enterprise_id: String) -> Reply<Assessment> {
    let catalogue = catalogue()?;
    with(&db, |s| flow::close_round(s, &enterprise_id, &catalogue))
}

/// Autosave one field of a round (基准日, 填报人, 审核人, 特色做法, 下一步工作).
#[tauri::command]
pub fn update_round(
    db: State<'_, Db>,
    round_id: i64,
    field: RoundField,
    value: String,
) -> Reply<Assessment> {
    with(&db, |s| s.rounds().update(round_id, field, &value))
}
