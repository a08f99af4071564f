//! Files Rust writes after its own save dialog: the register PDF, the report editions, the 审批表; opening the last one.

use std::path::PathBuf;
use std::sync::Mutex;

use midun::model::ExportResult;
use midun::report;
use midun::report::edition::Edition;
use tauri::{AppHandle, State};

use crate::{choose_save_path, err, with, Db, Reply};

/// The report written last in this session: the only file the UI may ask to open.
#[derive(Default)]
pub struct LastExport(pub Mutex<Option<PathBuf>>);

/// Ask where to save (the system dialog), then write the report there.
/// Runs off the main thread: the dialog blocks until the user answers.
#[tauri::command(async)]
pub fn export_report(
    app: AppHandle,
    db: State<'_, Db>,
    enterprise_id: String,
) -> Reply<Option<ExportResult>> {
    let name = with(&db, |s| s.enterprises().get(&enterprise_id))?.name;
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出报告",
        &report::suggested_file_name(&name),
        ("PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    let path = report::with_pdf_extension(path);
    with(&db, |s| report::export_register(s, &enterprise_id, &path)).map(Some)
}

/// Ask where to save (the system dialog), then write the approval's 审批表.
#[tauri::command(async)]
pub fn save_approval_form(
    app: AppHandle,
    db: State<'_, Db>,
    approval_id: i64,
) -> Reply<Option<ExportResult>> {
    let name = with(&db, |s| {
        report::approval::suggested_file_name(s, approval_id)
    })?;
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "保存审批表",
        &name,
        ("PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    let path = report::with_pdf_extension(path);
    with(&db, |s| report::approval::export(s, approval_id, &path)).map(Some)
}

/// Ask where to save (the system dialog), then write the chosen edition.
#[tauri::command(async)]
pub fn export_edition(
    app: AppHandle,
    db: State<'_, Db>,
    last: State<'_, LastExport>,
    enterprise_id: String,
    edition: Edition,
    format: Option<report::ReportFormat>,
) -> Reply<Option<ExportResult>> {
    let format = format.unwrap_or_default();
    let name = with(&db, |s| s.enterprises().get(&enterprise_id))?.name;
    let suggested = edition.suggested_file_name(&name, format);
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出报告",
        &suggested,
        (format.filter_name(), format.extension()),
    ) else {
        return Ok(None);
    };
    let path = midun::fsx::with_extension(path, format.extension());
    let result = with(&db, |s| {
        report::export_edition(s, &enterprise_id, edition, format, &path)
    })?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(result))
}

/// What to settle before exporting the 报送版: gaps without a plan, an
/// empty 报送函 address, a missing self-declaration, texts that name
/// something internal. The UI asks before it opens the save dialog.
#[tauri::command(async)]
pub fn submission_preflight(
    db: State<'_, Db>,
    enterprise_id: String,
) -> Reply<Vec<midun::model::ExportWarning>> {
    with(&db, |s| report::submission_preflight(s, &enterprise_id))
}

/// Ask where to save, then write the 一密一档: of one 密点, or of every
/// core 密点 in force when `point_id` is none.
#[tauri::command(async)]
pub fn export_dossier(
    app: AppHandle,
    db: State<'_, Db>,
    last: State<'_, LastExport>,
    enterprise_id: String,
    point_id: Option<i64>,
) -> Reply<Option<ExportResult>> {
    use report::dossier::{self, Scope};
    let (name, code) = with(&db, |s| {
        let name = s.enterprises().get(&enterprise_id)?.name;
        let code = match point_id {
            Some(id) => Some(s.points().get(id)?.code),
            None => None,
        };
        Ok((name, code))
    })?;
    let scope = point_id.map_or(Scope::Core, Scope::Point);
    // Refuse an empty scope before asking where to save.
    with(&db, |s| {
        dossier::gather(s, &enterprise_id, scope.clone()).map(|_| ())
    })?;
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出一密一档",
        &dossier::suggested_file_name(&name, code.as_deref()),
        ("PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    let path = report::with_pdf_extension(path);
    let result = with(&db, |s| dossier::export(s, &enterprise_id, scope, &path))?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(result))
}

/// Ask where to save, then write the registers' Excel workbook (the sheets
/// asked for, or all).
#[tauri::command(async)]
pub fn export_workbook(
    app: AppHandle,
    db: State<'_, Db>,
    last: State<'_, LastExport>,
    enterprise_id: String,
    sheets: Option<Vec<midun::workbook::Sheet>>,
) -> Reply<Option<ExportResult>> {
    let name = with(&db, |s| s.enterprises().get(&enterprise_id))?.name;
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "导出台账工作簿",
        &midun::workbook::suggested_file_name(&name),
        ("Excel 工作簿", "xlsx"),
    ) else {
        return Ok(None);
    };
    let path = midun::fsx::with_extension(path, "xlsx");
    let sheets = sheets.unwrap_or_default();
    let result = with(&db, |s| {
        midun::workbook::export(s, &enterprise_id, &sheets, &path)
    })?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(Some(result))
}

/// Ask where to save, then write letters of one kind as one Word document:
/// for one person, or for everyone the kind applies to (a page each).
#[tauri::command(async)]
pub fn export_letters(
    app: AppHandle,
    db: State<'_, Db>,
    op: State<'_, midun::progress::Operation>,
    last: State<'_, LastExport>,
    enterprise_id: String,
    kind: midun::letters::LetterKind,
    person_id: Option<i64>,
) -> Reply<Option<ExportResult>> {
    use midun::letters;
    let (stem, templates) = with(&db, |s| {
        let stem = match person_id {
            Some(id) => s.people().get(id)?.name,
            None => s.enterprises().get(&enterprise_id)?.name,
        };
        Ok((stem, letters::templates_dir(s.path())))
    })?;
    let ids = person_id.map(|id| vec![id]);
    // Refuse what cannot be written (no one it applies to, a broken
    // template) before asking where to save.
    with(&db, |s| {
        let today = midun::model::today();
        let found = letters::compose(
            s,
            &enterprise_id,
            kind,
            ids.as_deref(),
            Some(&templates),
            today,
        )?;
        if found.is_empty() {
            return Err(midun::Error::LetterNotApplicable {
                person: "涉密人员台账中的所有人员".into(),
                letter: kind.title().into(),
                reason: "没有适用的人员".into(),
            });
        }
        Ok(())
    })?;
    let suggested = format!(
        "{}.docx",
        report::safe_file_stem(&format!("{stem}-{}", kind.title()))
    );
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "生成文书",
        &suggested,
        ("Word 文档", "docx"),
    ) else {
        return Ok(None);
    };
    let path = midun::fsx::with_extension(path, "docx");
    op.start();
    let report = |done, total| op.set(done, total);
    let progress = midun::progress::Progress::new(&report, op.cancel_flag());
    let mut written = with(&db, |s| {
        letters::export(
            s,
            &enterprise_id,
            kind,
            ids.as_deref(),
            Some(&templates),
            letters::Target::File(&path),
            progress,
        )
    })?;
    *last.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
    Ok(written.pop())
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
