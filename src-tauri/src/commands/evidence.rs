//! Evidence on answers, 文件指纹 and 存证 records; files are chosen in Rust's dialog.

use std::path::PathBuf;

use midun::flow;
use midun::store::{Certificate, Evidence, Fingerprint, NewCertificate, NewEvidence, Recheck};
use tauri::{AppHandle, State};

use crate::{choose_save_path, err, with, Db, Reply};

/// Files to read: the system dialog, or in end-to-end builds the paths in
/// `MIDUN_E2E_OPEN_PATH` (separated by the platform's path separator).
pub(crate) fn choose_files(app: &AppHandle, title: &str, many: bool) -> Vec<PathBuf> {
    #[cfg(feature = "e2e")]
    if let Some(p) = std::env::var_os("MIDUN_E2E_OPEN_PATH") {
        return std::env::split_paths(&p).collect();
    }
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file().set_title(title);
    if many {
        dialog
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| f.into_path().ok())
            .collect()
    } else {
        dialog
            .blocking_pick_file()
            .and_then(|f| f.into_path().ok())
            .into_iter()
            .collect()
    }
}

#[tauri::command]
pub fn answer_evidence(
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
) -> Reply<Vec<Evidence>> {
    with(&db, |s| {
        flow::answer_evidence(s, &enterprise_id, &criterion_id)
    })
}

/// Pick a file and attach it to a criterion's answer: a stored copy, or
/// 登记不入库 (path and hash only). `None` when the dialog was cancelled.
#[tauri::command(async)]
pub fn add_answer_evidence(
    app: AppHandle,
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
    input: NewEvidence,
    stored: bool,
) -> Reply<Option<Evidence>> {
    let Some(path) = choose_files(&app, "选择佐证材料", false).into_iter().next() else {
        return Ok(None);
    };
    let today = midun::model::today();
    with(&db, |s| {
        flow::add_answer_evidence(
            s,
            &enterprise_id,
            &criterion_id,
            &input,
            &path,
            stored,
            today,
        )
    })
    .map(Some)
}

#[tauri::command]
pub fn unlink_answer_evidence(
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
    evidence_id: i64,
) -> Reply<()> {
    with(&db, |s| {
        flow::unlink_answer_evidence(s, &enterprise_id, &criterion_id, evidence_id)
    })
}

/// Hash the file again (the stored copy, or the registered path) and compare.
#[tauri::command]
pub fn recheck_evidence(db: State<'_, Db>, id: i64) -> Reply<Recheck> {
    with(&db, |s| s.evidence().recheck(id))
}

#[tauri::command]
pub fn list_fingerprints(db: State<'_, Db>, point_id: i64) -> Reply<Vec<Fingerprint>> {
    with(&db, |s| s.fingerprints().list(point_id))
}

/// Pick one or more carrier files of a 密点 and record their SHA-256 (the
/// files are read, never stored). `None` when the dialog was cancelled.
#[tauri::command(async)]
pub fn add_fingerprints(
    app: AppHandle,
    db: State<'_, Db>,
    point_id: i64,
) -> Reply<Option<Vec<Fingerprint>>> {
    let paths = choose_files(&app, "选择要计算指纹的载体文件", true);
    if paths.is_empty() {
        return Ok(None);
    }
    with(&db, |s| {
        paths
            .iter()
            .map(|p| s.fingerprints().add_file(point_id, p))
            .collect::<midun::Result<Vec<_>>>()
    })
    .map(Some)
}

#[tauri::command]
pub fn delete_fingerprint(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.fingerprints().delete(id))
}

/// Save the hash manifest (代号 and SHA-256; file names only if asked) for
/// a timestamp, notary or blockchain 存证 service. `None` when cancelled.
#[tauri::command(async)]
pub fn save_hash_manifest(
    app: AppHandle,
    db: State<'_, Db>,
    enterprise_id: String,
    file_names: bool,
) -> Reply<Option<String>> {
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出文件指纹清单",
        "文件指纹清单.csv",
        ("CSV", "csv"),
    ) else {
        return Ok(None);
    };
    let csv = with(&db, |s| {
        s.fingerprints().manifest_csv(&enterprise_id, file_names)
    })?;
    midun::report::write_atomically(&path, csv.as_bytes()).map_err(err)?;
    Ok(Some(path.display().to_string()))
}

#[tauri::command]
pub fn list_certificates(db: State<'_, Db>, point_id: i64) -> Reply<Vec<Certificate>> {
    with(&db, |s| s.fingerprints().certificates(point_id))
}

/// Record a 存证 certificate as copied from it; its hash must be the fingerprint's.
#[tauri::command]
pub fn add_certificate(db: State<'_, Db>, input: NewCertificate) -> Reply<Certificate> {
    let today = midun::model::today();
    with(&db, |s| s.fingerprints().add_certificate(&input, today))
}

/// Pick the file again and check it against the certificate's hash. `None` when cancelled.
#[tauri::command(async)]
pub fn recheck_certificate(
    app: AppHandle,
    db: State<'_, Db>,
    certificate_id: i64,
) -> Reply<Option<Recheck>> {
    let Some(path) = choose_files(&app, "选择要核对的文件", false)
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    with(&db, |s| {
        s.fingerprints().recheck_certificate(certificate_id, &path)
    })
    .map(Some)
}
