//! The hand-over file (.midun): export one enterprise, and import one chosen in Rust's dialog.

use std::path::PathBuf;
use std::sync::Mutex;

use midun::handover;
use midun::handover::{HandoverExport, HandoverOutcome, ImportMode, Limits};
use tauri::{AppHandle, State};

use crate::commands::evidence::choose_files;
use crate::{choose_save_path, err, with, Db, Reply};

/// The hand-over file chosen last: the only file `import_handover` reads.
#[derive(Default)]
pub struct ChosenHandover(pub Mutex<Option<PathBuf>>);

/// Ask where to save (the system dialog), then write the enterprise's
/// hand-over file. `None` when the dialog was cancelled. A short
/// passphrase is refused before the dialog opens.
#[tauri::command(async)]
pub fn export_handover(
    app: AppHandle,
    db: State<'_, Db>,
    op: State<'_, midun::progress::Operation>,
    enterprise_id: String,
    passphrase: String,
) -> Reply<Option<HandoverExport>> {
    handover::check_passphrase(&passphrase).map_err(err)?;
    let name = with(&db, |s| s.enterprises().get(&enterprise_id))?.name;
    let suggested = handover::suggested_file_name(&name, midun::model::today());
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_HANDOVER_PATH",
        "导出交接文件",
        &suggested,
        ("Midun 交接文件", handover::EXTENSION),
    ) else {
        return Ok(None);
    };
    op.start();
    let report = |done, total| op.set(done, total);
    let progress = midun::progress::Progress::new(&report, op.cancel_flag());
    with(&db, |s| {
        handover::export_for_app(s, &enterprise_id, path, &passphrase, progress)
    })
    .map(Some)
}

/// Choose the hand-over file to import (the system dialog); returns its
/// name, or `None` when cancelled.
#[tauri::command(async)]
pub fn choose_handover_file(
    app: AppHandle,
    chosen: State<'_, ChosenHandover>,
) -> Reply<Option<String>> {
    let Some(path) = choose_files(&app, "选择交接文件", false).into_iter().next() else {
        return Ok(None);
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    *chosen.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(name))
}

/// Read and check the chosen file, then import it in one transaction.
/// `Refuse` fails with ENTERPRISE_EXISTS when the enterprise is already
/// here, so that the UI can ask for a copy or a replacement.
#[tauri::command(async)]
pub fn import_handover(
    db: State<'_, Db>,
    chosen: State<'_, ChosenHandover>,
    passphrase: String,
    mode: ImportMode,
) -> Reply<HandoverOutcome> {
    let path = chosen.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let Some(path) = path else {
        return Err(err(midun::Error::Io {
            detail: "请先选择交接文件".into(),
        }));
    };
    // Decrypting and checking take a while and need no database: outside its lock.
    let checked = handover::read_file(&path, &passphrase, &Limits::default()).map_err(err)?;
    with(&db, |s| handover::apply(s, &checked, mode))
}
