//! The remaining registers: 涉密区域, 信息系统, 对外提供登记, 泄密事件台账, 整改事项.

use midun::store::{
    AreaOrSystem, AreaOrSystemField, Disclosure, DisclosureField, Incident, IncidentField,
    NewAreaOrSystem, NewDisclosure, NewIncident, NewRemediationTask, RemediationField,
    RemediationStatus, RemediationTask,
};
use tauri::State;

use crate::{with, Db, Reply};

#[tauri::command]
pub fn list_areas(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<AreaOrSystem>> {
    with(&db, |s| s.areas().list(&enterprise_id))
}

#[tauri::command]
pub fn add_area(db: State<'_, Db>, input: NewAreaOrSystem) -> Reply<AreaOrSystem> {
    with(&db, |s| s.areas().add(&input))
}

#[tauri::command]
pub fn update_area(
    db: State<'_, Db>,
    id: i64,
    field: AreaOrSystemField,
    value: String,
) -> Reply<AreaOrSystem> {
    with(&db, |s| s.areas().update(id, field, &value))
}

#[tauri::command]
pub fn delete_area(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.areas().delete(id))
}

#[tauri::command]
pub fn list_systems(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<AreaOrSystem>> {
    with(&db, |s| s.systems().list(&enterprise_id))
}

#[tauri::command]
pub fn add_system(db: State<'_, Db>, input: NewAreaOrSystem) -> Reply<AreaOrSystem> {
    with(&db, |s| s.systems().add(&input))
}

#[tauri::command]
pub fn update_system(
    db: State<'_, Db>,
    id: i64,
    field: AreaOrSystemField,
    value: String,
) -> Reply<AreaOrSystem> {
    with(&db, |s| s.systems().update(id, field, &value))
}

#[tauri::command]
pub fn delete_system(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.systems().delete(id))
}

// —— 对外商务 ——

#[tauri::command]
pub fn list_disclosures(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Disclosure>> {
    with(&db, |s| s.disclosures().list(&enterprise_id))
}

#[tauri::command]
pub fn add_disclosure(db: State<'_, Db>, input: NewDisclosure) -> Reply<Disclosure> {
    with(&db, |s| s.disclosures().add(&input))
}

#[tauri::command]
pub fn update_disclosure(
    db: State<'_, Db>,
    id: i64,
    field: DisclosureField,
    value: String,
) -> Reply<Disclosure> {
    with(&db, |s| s.disclosures().update(id, field, &value))
}

#[tauri::command]
pub fn delete_disclosure(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.disclosures().delete(id))
}

// —— 应急维权 ——

#[tauri::command]
pub fn list_incidents(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Incident>> {
    with(&db, |s| s.incidents().list(&enterprise_id))
}

#[tauri::command]
pub fn add_incident(db: State<'_, Db>, input: NewIncident) -> Reply<Incident> {
    with(&db, |s| s.incidents().add(&input))
}

#[tauri::command]
pub fn update_incident(
    db: State<'_, Db>,
    id: i64,
    field: IncidentField,
    value: String,
) -> Reply<Incident> {
    with(&db, |s| s.incidents().update(id, field, &value))
}

#[tauri::command]
pub fn set_incident_points(db: State<'_, Db>, id: i64, point_ids: Vec<i64>) -> Reply<Incident> {
    with(&db, |s| s.incidents().set_points(id, &point_ids))
}

#[tauri::command]
pub fn delete_incident(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.incidents().delete(id))
}

// —— 整改事项 ——

/// The enterprise's tasks, or only those of one round.
#[tauri::command]
pub fn list_tasks(
    db: State<'_, Db>,
    enterprise_id: String,
    assessment_id: Option<i64>,
) -> Reply<Vec<RemediationTask>> {
    with(&db, |s| s.tasks().list(&enterprise_id, assessment_id))
}

#[tauri::command]
pub fn add_task(db: State<'_, Db>, input: NewRemediationTask) -> Reply<RemediationTask> {
    with(&db, |s| s.tasks().add(&input))
}

#[tauri::command]
pub fn update_task(
    db: State<'_, Db>,
    id: i64,
    field: RemediationField,
    value: String,
) -> Reply<RemediationTask> {
    with(&db, |s| s.tasks().update(id, field, &value))
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
        s.tasks()
            .set_status(id, status, closed_on.as_deref(), today)
    })
}

#[tauri::command]
pub fn delete_task(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.tasks().delete(id))
}
