//! Commands of the flow's end: 自评结果, 完成本轮, the round's report texts,
//! 导出报告 in either edition, and the reminders on home.

use std::path::PathBuf;
use std::sync::Mutex;

use midun::catalogue::Catalogue;
use midun::flow::{self, ResultsView};
use midun::model::ExportResult;
use midun::reminders::{self, Reminder};
use midun::report::{self, edition::Edition};
use midun::store::{Assessment, RoundField};
use tauri::{AppHandle, State};

use super::{choose_save_path, err, with, Db, Reply};

/// The report written last in this session: the only file the UI may ask to open.
#[derive(Default)]
pub struct LastExport(pub Mutex<Option<PathBuf>>);

fn catalogue() -> Reply<Catalogue> {
    Catalogue::default_catalogue().map_err(err)
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
    with(&db, |s| s.update_round(round_id, field, &value))
}

/// Ask where to save (the system dialog), then write the chosen edition.
#[tauri::command(async)]
pub fn export_edition(
    app: AppHandle,
    db: State<'_, Db>,
    last: State<'_, LastExport>,
    enterprise_id: String,
    edition: Edition,
) -> Reply<Option<ExportResult>> {
    let name = with(&db, |s| s.get_enterprise(&enterprise_id))?.name;
    let suggested = edition.suggested_file_name(&name);
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出报告",
        &suggested,
        ("PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    let path = report::with_pdf_extension(path);
    let result = with(&db, |s| {
        report::export_edition(s, &enterprise_id, edition, &path)
    })?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(result))
}

/// Open the report written last with the system's PDF viewer.
#[tauri::command]
pub fn open_last_export(app: AppHandle, last: State<'_, LastExport>) -> Reply<()> {
    let path = last.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let Some(path) = path else {
        return Err(err(midun::Error::Io {
            detail: "本次还没有导出报告".into(),
        }));
    };
    // End-to-end builds run without a desktop: there is no viewer to start.
    if cfg!(feature = "e2e") {
        return Ok(());
    }
    use tauri_plugin_opener::OpenerExt;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|e| {
            err(midun::Error::Io {
                detail: e.to_string(),
            })
        })
}

/// Every enterprise's reminders as of today, soonest first.
#[tauri::command(async)]
pub fn list_reminders(db: State<'_, Db>) -> Reply<Vec<Reminder>> {
    let today = midun::model::today();
    with(&db, |s| reminders::reminders(s, today))
}
