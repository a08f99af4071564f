//! The progress summary an enterprise sends, and the guidance station's
//! page: import, dashboard, workbook, 工作进展汇总, shared database.

use midun::model::ExportResult;
use midun::station::pg::{PullOutcome, PushOutcome};
use midun::station::{Dashboard, StationImport};
use tauri::{AppHandle, State};

use super::evidence::choose_files;
use super::report::LastExport;
use crate::{choose_save_path, with, Db, Reply};

/// Ask where to save, then write the enterprise's progress summary.
#[tauri::command(async)]
pub fn export_summary(
    app: AppHandle,
    db: State<'_, Db>,
    enterprise_id: String,
) -> Reply<Option<ExportResult>> {
    // Refuse (no credit code, no round) before asking where to save.
    let made = with(&db, |s| {
        midun::summary::make(s, &enterprise_id, chrono::Local::now().date_naive())
    })?;
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出进度摘要",
        &midun::summary::suggested_file_name(&made),
        ("进度摘要", midun::summary::EXTENSION),
    ) else {
        return Ok(None);
    };
    let path = midun::fsx::with_extension(path, midun::summary::EXTENSION);
    with(&db, |s| midun::summary::export(s, &enterprise_id, &path))?;
    Ok(Some(ExportResult {
        path: path.display().to_string(),
        missing_chars: Vec::new(),
        warnings: Vec::new(),
    }))
}

/// Choose summary files, then import them all or none.
#[tauri::command(async)]
pub fn station_import(app: AppHandle, db: State<'_, Db>) -> Reply<Option<StationImport>> {
    let files = choose_files(&app, "导入进度摘要", true);
    if files.is_empty() {
        return Ok(None);
    }
    with(&db, |s| midun::station::import_files(s, &files)).map(Some)
}

#[tauri::command(async)]
pub fn station_dashboard(db: State<'_, Db>) -> Reply<Dashboard> {
    with(&db, |s| {
        midun::station::dashboard(s, chrono::Local::now().date_naive())
    })
}

/// Ask where to save, then write the station workbook.
#[tauri::command(async)]
pub fn station_export_workbook(
    app: AppHandle,
    db: State<'_, Db>,
    last: State<'_, LastExport>,
) -> Reply<Option<ExportResult>> {
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出指导站工作簿",
        "指导站工作簿.xlsx",
        ("Excel 工作簿", "xlsx"),
    ) else {
        return Ok(None);
    };
    let path = midun::fsx::with_extension(path, "xlsx");
    let r = with(&db, |s| midun::station::export_workbook(s, &path))?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(r))
}

/// Ask where to save, then write the 工作进展汇总 (PDF or Word).
#[tauri::command(async)]
pub fn station_export_report(
    app: AppHandle,
    db: State<'_, Db>,
    last: State<'_, LastExport>,
    format: Option<midun::report::ReportFormat>,
) -> Reply<Option<ExportResult>> {
    let format = format.unwrap_or_default();
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出工作进展汇总",
        &format!("{}.{}", midun::station::REPORT_TITLE, format.extension()),
        (format.filter_name(), format.extension()),
    ) else {
        return Ok(None);
    };
    let path = midun::fsx::with_extension(path, format.extension());
    let r = with(&db, |s| midun::station::export_report(s, &path, format))?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(r))
}

/// The station's name and the shared database's last address.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StationSettings {
    name: Option<String>,
    pg_url: Option<String>,
}

#[tauri::command]
pub fn station_settings(db: State<'_, Db>) -> Reply<StationSettings> {
    with(&db, |s| {
        Ok(StationSettings {
            name: s.station().name()?,
            pg_url: s.station().pg_url()?,
        })
    })
}

#[tauri::command]
pub fn set_station_name(db: State<'_, Db>, name: String) -> Reply<String> {
    with(&db, |s| s.station().set_name(&name))
}

fn ca_path(ca: Option<String>) -> Option<std::path::PathBuf> {
    ca.filter(|c| !c.trim().is_empty())
        .map(|c| std::path::PathBuf::from(c.trim()))
}

/// Push this station's summaries to the shared PostgreSQL database.
#[tauri::command(async)]
pub fn station_push(db: State<'_, Db>, url: String, ca: Option<String>) -> Reply<PushOutcome> {
    let ca = ca_path(ca);
    with(&db, |s| {
        midun::station::pg::push(s, &url, ca.as_deref(), None)
    })
}

/// Pull every station's summaries from the shared database.
#[tauri::command(async)]
pub fn station_pull(db: State<'_, Db>, url: String, ca: Option<String>) -> Reply<PullOutcome> {
    let ca = ca_path(ca);
    with(&db, |s| midun::station::pg::pull(s, &url, ca.as_deref()))
}
