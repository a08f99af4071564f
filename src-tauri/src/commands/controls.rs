//! The control checklist: answers per control (and level) and per-密点 exceptions.

use midun::assess;
use midun::assess::ControlsView;
use midun::catalogue::ControlLibrary;
use midun::store::{AnswerStatus, ControlAnswer};
use tauri::State;

use crate::{err, with, Db, Reply};

fn library() -> Reply<ControlLibrary> {
    ControlLibrary::default_library().map_err(err)
}

/// The checklist for the carrier kinds in use, its answers, exceptions and per-密点 coverage.
#[tauri::command(async)]
pub fn controls_view(db: State<'_, Db>, enterprise_id: String) -> Reply<ControlsView> {
    let library = library()?;
    with(&db, |s| assess::controls_view(s, &enterprise_id, &library))
}

/// Answer a control for every level (`level_rank` none) or for one level.
#[tauri::command]
pub fn set_control_answer(
    db: State<'_, Db>,
    enterprise_id: String,
    control_id: String,
    level_rank: Option<usize>,
    status: AnswerStatus,
    note: String,
) -> Reply<ControlAnswer> {
    let library = library()?;
    with(&db, |s| {
        s.controls().set_answer(
            &library,
            &enterprise_id,
            &control_id,
            level_rank,
            status,
            &note,
        )
    })
}

/// Since when an answered control has been in place (起始日期); empty clears it.
#[tauri::command]
pub fn set_control_started(
    db: State<'_, Db>,
    enterprise_id: String,
    control_id: String,
    level_rank: Option<usize>,
    started_on: String,
) -> Reply<ControlAnswer> {
    let today = midun::model::today();
    with(&db, |s| {
        s.controls()
            .set_started(&enterprise_id, &control_id, level_rank, &started_on, today)
    })
}

/// A control does not apply to one 密点, for a written reason.
#[tauri::command]
pub fn set_control_exception(
    db: State<'_, Db>,
    point_id: i64,
    control_id: String,
    reason: String,
) -> Reply<()> {
    let library = library()?;
    with(&db, |s| {
        assess::except_control(s, &library, point_id, &control_id, &reason)
    })
}
