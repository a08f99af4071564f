//! Commands of the flow's second half: 涉密区域, 信息系统, 对外商务 (the
//! disclosure log), 应急维权 (incidents), 整改事项, and the whole-process
//! control checklist. One thin command per core function.

use midun::assess::{self, ControlsView};
use midun::catalogue::ControlLibrary;
use midun::store::{
    AnswerStatus, AreaOrSystem, AreaOrSystemField, Carrier, ControlAnswer, Disclosure,
    DisclosureField, Incident, IncidentField, NewAreaOrSystem, NewCarrier, NewDisclosure,
    NewIncident, NewRemediationTask, RemediationField, RemediationStatus, RemediationTask,
};
use tauri::State;

use super::{err, with, Db, Reply};

// —— 涉密区域 · 信息系统 ——

#[tauri::command]
pub fn list_areas(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<AreaOrSystem>> {
    with(&db, |s| s.list_areas(&enterprise_id))
}

#[tauri::command]
pub fn add_area(db: State<'_, Db>, input: NewAreaOrSystem) -> Reply<AreaOrSystem> {
    with(&db, |s| s.add_area(&input))
}

#[tauri::command]
pub fn update_area(
    db: State<'_, Db>,
    id: i64,
    field: AreaOrSystemField,
    value: String,
) -> Reply<AreaOrSystem> {
    with(&db, |s| s.update_area(id, field, &value))
}

#[tauri::command]
pub fn delete_area(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_area(id))
}

#[tauri::command]
pub fn list_systems(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<AreaOrSystem>> {
    with(&db, |s| s.list_systems(&enterprise_id))
}

#[tauri::command]
pub fn add_system(db: State<'_, Db>, input: NewAreaOrSystem) -> Reply<AreaOrSystem> {
    with(&db, |s| s.add_system(&input))
}

#[tauri::command]
pub fn update_system(
    db: State<'_, Db>,
    id: i64,
    field: AreaOrSystemField,
    value: String,
) -> Reply<AreaOrSystem> {
    with(&db, |s| s.update_system(id, field, &value))
}

#[tauri::command]
pub fn delete_system(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_system(id))
}

// —— 对外商务 ——

#[tauri::command]
pub fn list_disclosures(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Disclosure>> {
    with(&db, |s| s.list_disclosures(&enterprise_id))
}

#[tauri::command]
pub fn add_disclosure(db: State<'_, Db>, input: NewDisclosure) -> Reply<Disclosure> {
    with(&db, |s| s.add_disclosure(&input))
}

#[tauri::command]
pub fn update_disclosure(
    db: State<'_, Db>,
    id: i64,
    field: DisclosureField,
    value: String,
) -> Reply<Disclosure> {
    with(&db, |s| s.update_disclosure(id, field, &value))
}

#[tauri::command]
pub fn delete_disclosure(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_disclosure(id))
}

// —— 应急维权 ——

#[tauri::command]
pub fn list_incidents(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Incident>> {
    with(&db, |s| s.list_incidents(&enterprise_id))
}

#[tauri::command]
pub fn add_incident(db: State<'_, Db>, input: NewIncident) -> Reply<Incident> {
    with(&db, |s| s.add_incident(&input))
}

#[tauri::command]
pub fn update_incident(
    db: State<'_, Db>,
    id: i64,
    field: IncidentField,
    value: String,
) -> Reply<Incident> {
    with(&db, |s| s.update_incident(id, field, &value))
}

#[tauri::command]
pub fn set_incident_points(db: State<'_, Db>, id: i64, point_ids: Vec<i64>) -> Reply<Incident> {
    with(&db, |s| s.set_incident_points(id, &point_ids))
}

#[tauri::command]
pub fn delete_incident(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_incident(id))
}

// —— 整改事项 ——

/// The enterprise's tasks, or only those of one round.
#[tauri::command]
pub fn list_tasks(
    db: State<'_, Db>,
    enterprise_id: String,
    assessment_id: Option<i64>,
) -> Reply<Vec<RemediationTask>> {
    with(&db, |s| s.list_tasks(&enterprise_id, assessment_id))
}

#[tauri::command]
pub fn add_task(db: State<'_, Db>, input: NewRemediationTask) -> Reply<RemediationTask> {
    with(&db, |s| s.add_task(&input))
}

#[tauri::command]
pub fn update_task(
    db: State<'_, Db>,
    id: i64,
    field: RemediationField,
    value: String,
) -> Reply<RemediationTask> {
    with(&db, |s| s.update_task(id, field, &value))
}

/// Move a task to a status; 已完成 takes the day it closed (today if none).
#[tauri::command]
pub fn set_task_status(
    db: State<'_, Db>,
    id: i64,
    status: RemediationStatus,
    closed_on: Option<String>,
) -> Reply<RemediationTask> {
    let today = midun::model::today();
    with(&db, |s| {
        s.set_task_status(id, status, closed_on.as_deref(), today)
    })
}

#[tauri::command]
pub fn delete_task(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_task(id))
}

// —— 载体 ——

#[tauri::command]
pub fn list_carriers(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Carrier>> {
    with(&db, |s| s.list_carriers(&enterprise_id))
}

#[tauri::command]
pub fn add_carrier(db: State<'_, Db>, input: NewCarrier) -> Reply<Carrier> {
    with(&db, |s| s.add_carrier(&input))
}

#[tauri::command]
pub fn delete_carrier(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_carrier(id))
}

// —— 全过程保密管理 ——

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
        s.set_control_answer(
            &library,
            &enterprise_id,
            &control_id,
            level_rank,
            status,
            &note,
        )
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
