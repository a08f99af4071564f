//! The 密点 register: points, the level scheme, 知悉范围, status moves and approvals, the Excel/CSV import and its template.

use midun::import::ImportOutcome;
use midun::model::point::PointChoices;
use midun::model::{
    Approval, Category, NewApproval, NewSecretPoint, RegisterRow, SecretPoint, Status, StatusMove,
};
use midun::report;
use midun::store::{PointAccess, PointField, PointImportOptions};
use tauri::{AppHandle, State};

use crate::{choose_open_path, choose_save_path, err, with, ChosenImport, Db, Reply};

/// The choices of the 密点 form: sub-types, channels, paths, kinds, and the
/// enterprise's levels and 事项.
#[tauri::command(async)]
pub fn point_choices(db: State<'_, Db>, enterprise_id: String) -> Reply<PointChoices> {
    with(&db, |s| {
        let items = s
            .points()
            .items(&enterprise_id)?
            .into_iter()
            .map(|i| (i.id, i.name))
            .collect();
        Ok(PointChoices::with(s.levels().list(&enterprise_id)?, items))
    })
}

/// Autosave: one field of a 密点, one transaction, one audit entry.
#[tauri::command]
pub fn update_point(
    db: State<'_, Db>,
    point_id: i64,
    field: PointField,
    value: String,
) -> Reply<SecretPoint> {
    with(&db, |s| s.points().update(point_id, field, &value))
}

/// 批量添加: one 密点 per line, one category and level; all or none.
#[tauri::command]
pub fn bulk_add_points(
    db: State<'_, Db>,
    enterprise_id: String,
    names: String,
    category: Category,
    level: String,
) -> Reply<ImportOutcome> {
    with(&db, |s| {
        s.points()
            .bulk_add(&enterprise_id, &names, category, &level)
    })
}

#[tauri::command]
pub fn list_levels(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<String>> {
    with(&db, |s| s.levels().list(&enterprise_id))
}

/// The register as rows: what its table, filters and search need.
#[tauri::command(async)]
pub fn list_register(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<RegisterRow>> {
    with(&db, |s| s.points().rows(&enterprise_id))
}

/// One whole 密点, when its form opens.
#[tauri::command(async)]
pub fn get_secret_point(db: State<'_, Db>, point_id: i64) -> Reply<SecretPoint> {
    with(&db, |s| s.points().get(point_id))
}

#[tauri::command]
pub fn add_secret_point(db: State<'_, Db>, input: NewSecretPoint) -> Reply<SecretPoint> {
    with(&db, |s| s.points().add(&input))
}

/// Pick an .xlsx or .csv file (the system dialog) and import its 密点:
/// all rows or none. `None` when the user cancelled the dialog. With
/// `again`, the file chosen last is read again with `options` (the user
/// chose to leave unknown columns out).
#[tauri::command(async)]
pub fn import_points(
    app: AppHandle,
    db: State<'_, Db>,
    op: State<'_, midun::progress::Operation>,
    chosen: State<'_, ChosenImport>,
    enterprise_id: String,
    options: Option<PointImportOptions>,
    again: Option<bool>,
) -> Reply<Option<ImportOutcome>> {
    let remembered = chosen.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let path = match (again.unwrap_or(false), remembered) {
        (true, Some(p)) => p,
        _ => {
            let Some(p) = choose_open_path(&app, "导入密点") else {
                return Ok(None);
            };
            *chosen.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.clone());
            p
        }
    };
    op.start();
    let rows = midun::import::read_rows(&path).map_err(err)?;
    let options = options.unwrap_or_default();
    let report = |done, total| op.set(done, total);
    let progress = midun::progress::Progress::new(&report, op.cancel_flag());
    with(&db, |s| {
        s.points()
            .import_watched(&enterprise_id, &rows, &options, progress)
    })
    .map(Some)
}

/// Save the import template (.xlsx) where the user chooses.
#[tauri::command(async)]
pub fn save_import_template(app: AppHandle) -> Reply<Option<String>> {
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_TEMPLATE_PATH",
        "保存导入模板",
        "密点导入模板.xlsx",
        ("Excel", "xlsx"),
    ) else {
        return Ok(None);
    };
    let bytes = midun::import::template_xlsx().map_err(err)?;
    report::write_atomically(&path, &bytes).map_err(err)?;
    Ok(Some(path.display().to_string()))
}

// —— 定密管理 ——

/// Replace the level scheme, highest first; refused names come back explained.
#[tauri::command]
pub fn set_levels(
    db: State<'_, Db>,
    enterprise_id: String,
    names: Vec<String>,
) -> Reply<Vec<String>> {
    with(&db, |s| s.levels().set(&enterprise_id, &names))
}

#[tauri::command]
pub fn point_access(db: State<'_, Db>, point_id: i64) -> Reply<PointAccess> {
    with(&db, |s| s.points().access(point_id))
}

#[tauri::command]
pub fn set_point_access(
    db: State<'_, Db>,
    point_id: i64,
    person_ids: Vec<i64>,
    roles: Vec<String>,
) -> Reply<PointAccess> {
    with(&db, |s| {
        s.points().set_access(point_id, &person_ids, &roles)
    })
}

/// Move a 密点 to `to`; 定密, 变更 and 解密 need the approval record.
#[tauri::command]
pub fn transition_point(
    db: State<'_, Db>,
    point_id: i64,
    to: Status,
    approval: Option<NewApproval>,
) -> Reply<SecretPoint> {
    with(&db, |s| {
        s.points().transition(point_id, to, approval.as_ref())
    })
}

/// Where a 密点 may move from `status`, and which moves need an approval.
#[tauri::command]
pub fn status_moves(status: Status) -> Vec<StatusMove> {
    status.moves()
}

#[tauri::command]
pub fn list_approvals(db: State<'_, Db>, point_id: i64) -> Reply<Vec<Approval>> {
    with(&db, |s| s.points().approvals(point_id))
}
