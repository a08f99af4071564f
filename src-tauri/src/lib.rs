//! The desktop shell: Tauri setup and one thin command per core function.
//! Commands parse their arguments, call the core, and map its error to
//! `AppError {code, message, params}`. No business rules live here.

mod command_names {
    //! The command list (`../commands.rs`), shared with build.rs.
    include!("../commands.rs");
}
mod evidence;
mod handover;
mod registers;
mod results;
mod safeguards;

use std::path::PathBuf;
use std::sync::Mutex;

use midun::assess::EnterpriseOverview;
use midun::credit_code::{self, CodeCheck};
use midun::error::AppError;
use midun::import::ImportOutcome;
use midun::model::point::PointChoices;
use midun::model::Category;
use midun::model::{
    Enterprise, EnterpriseSummary, ExportResult, NewEnterprise, NewSecretPoint, SecretPoint,
    Settings,
};
use midun::store::backup::{self, BackupInfo};
use midun::store::{
    Assessment, EnterpriseField, NewRound, NewRoundInput, PointField, PointImportOptions,
    QuickView, VaultState, VaultStatus,
};
use midun::vault::{self, KdfParams, UnlockSecret};
use midun::{report, Store};
use tauri::{AppHandle, State};

/// The database: its path, and the open store once unlocked. Until then
/// (and after 锁定) every data command answers DB_LOCKED.
pub struct Db(Mutex<DbState>);

pub struct DbState {
    /// Where the database is, or why no place could be found for it.
    path: Result<PathBuf, AppError>,
    store: Option<Store>,
}

type Reply<T> = Result<T, AppError>;

fn err(e: midun::Error) -> AppError {
    AppError::from(&e)
}

fn state(db: &Db) -> std::sync::MutexGuard<'_, DbState> {
    // A panic while holding the lock cannot leave the store half-written
    // (every change is one transaction), so a poisoned lock is still usable.
    db.0.lock().unwrap_or_else(|p| p.into_inner())
}

/// Run `f` on the store. A plain `#[tauri::command]` runs on the main
/// thread, which also draws the window: commands that read or compute over a
/// whole register (the 密点 list, step progress, views and scores) are
/// `#[tauri::command(async)]`, so that a large register never freezes it.
fn with<T>(db: &Db, f: impl FnOnce(&mut Store) -> midun::Result<T>) -> Reply<T> {
    let mut guard = state(db);
    match guard.store.as_mut() {
        Some(store) => f(store).map_err(err),
        None => Err(err(midun::Error::DbLocked)),
    }
}

fn path_of(db: &Db) -> Reply<PathBuf> {
    state(db).path.clone()
}

#[tauri::command]
fn vault_status(db: State<'_, Db>) -> Reply<VaultStatus> {
    let st = state(&db);
    let path = st.path.clone()?;
    let state = if st.store.is_some() {
        VaultState::Open
    } else {
        midun::store::vault_state(&path).map_err(err)?
    };
    Ok(VaultStatus {
        state,
        path: path.display().to_string(),
    })
}

/// First start (or an earlier unencrypted database): encrypt with
/// `password`, name the operator, and return the recovery key to show once.
/// Slow on purpose (Argon2id), so off the main thread.
#[tauri::command(async)]
fn set_up_vault(db: State<'_, Db>, password: String, operator: String) -> Reply<String> {
    let path = path_of(&db)?;
    let (store, recovery) =
        Store::set_up(&path, &password, &operator, KdfParams::PRODUCTION).map_err(err)?;
    state(&db).store = Some(store);
    Ok(recovery.as_str().to_string())
}

#[tauri::command(async)]
fn unlock(db: State<'_, Db>, secret: UnlockSecret) -> Reply<()> {
    let path = path_of(&db)?;
    let (store, _) =
        Store::open_encrypted(&path, secret.secret(), KdfParams::PRODUCTION).map_err(err)?;
    state(&db).store = Some(store);
    Ok(())
}

/// 锁定: close the database; the key leaves memory with the store.
#[tauri::command]
fn lock(db: State<'_, Db>) {
    state(&db).store = None;
}

#[tauri::command(async)]
fn change_password(db: State<'_, Db>, current: UnlockSecret, new_password: String) -> Reply<()> {
    let path = path_of(&db)?;
    backup::change_password(
        &path,
        current.secret(),
        &new_password,
        KdfParams::PRODUCTION,
    )
    .map(drop)
    .map_err(err)
}

/// The backups beside the database, newest first (also while locked).
#[tauri::command]
fn list_backups(db: State<'_, Db>) -> Reply<Vec<BackupInfo>> {
    backup::list(&path_of(&db)?).map_err(err)
}

#[tauri::command]
fn create_backup(db: State<'_, Db>) -> Reply<BackupInfo> {
    with(&db, |s| s.backup())
}

/// Put a backup in the database's place and open it. The open store is
/// closed first; should the restore fail, the app is left locked.
#[tauri::command(async)]
fn restore_backup(db: State<'_, Db>, name: String, secret: UnlockSecret) -> Reply<()> {
    let path = path_of(&db)?;
    let mut st = state(&db);
    st.store = None;
    backup::restore_with(&path, &name, secret.secret()).map_err(err)?;
    let (store, _) =
        Store::open_encrypted(&path, secret.secret(), KdfParams::PRODUCTION).map_err(err)?;
    st.store = Some(store);
    Ok(())
}

/// When the database will not open: the newest backup that does.
#[tauri::command(async)]
fn newest_sound_backup(db: State<'_, Db>, secret: UnlockSecret) -> Reply<Option<BackupInfo>> {
    backup::newest_sound_with(&path_of(&db)?, secret.secret()).map_err(err)
}

/// 0 (too short) to 3 (strong), for the hint beside the password field.
#[tauri::command]
fn password_strength(password: String) -> u8 {
    vault::strength(&password)
}

#[tauri::command]
fn get_settings(db: State<'_, Db>) -> Reply<Settings> {
    with(&db, |s| s.settings())
}

#[tauri::command]
fn acknowledge_notice(db: State<'_, Db>) -> Reply<Settings> {
    with(&db, |s| s.acknowledge_notice())
}

#[tauri::command]
fn set_idle_lock_minutes(db: State<'_, Db>, minutes: u32) -> Reply<Settings> {
    with(&db, |s| s.set_idle_lock_minutes(minutes))
}

/// The home page: every enterprise with its latest round's total, tier and result.
#[tauri::command(async)]
fn enterprise_overview(db: State<'_, Db>) -> Reply<Vec<EnterpriseOverview>> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    with(&db, |s| midun::assess::overview(s, &catalogue))
}

/// Delete an enterprise and everything it holds (the UI asks first); the
/// database-wide log keeps one entry saying so.
#[tauri::command]
fn delete_enterprise(db: State<'_, Db>, enterprise_id: String) -> Reply<()> {
    with(&db, |s| s.delete_enterprise(&enterprise_id))
}

/// Start the next round (第 N 次自评) from the previous one, against the
/// built-in catalogue; the previous round must be closed.
#[tauri::command]
fn start_round(db: State<'_, Db>, input: NewRoundInput) -> Reply<Assessment> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    with(&db, |s| {
        s.start_round(&NewRound {
            enterprise_id: input.enterprise_id,
            catalogue_id: catalogue.id.clone(),
            catalogue_version: catalogue.version.clone(),
            base_date: input.base_date,
            filler: input.filler,
            reviewer: input.reviewer,
        })
    })
}

/// The choices of the 密点 form: sub-types, channels, paths, kinds, and the
/// enterprise's levels and 事项.
#[tauri::command(async)]
fn point_choices(db: State<'_, Db>, enterprise_id: String) -> Reply<PointChoices> {
    with(&db, |s| {
        let items = s
            .list_items(&enterprise_id)?
            .into_iter()
            .map(|i| (i.id, i.name))
            .collect();
        Ok(PointChoices::with(s.levels(&enterprise_id)?, items))
    })
}

/// Autosave: one field of a 密点, one transaction, one audit entry.
#[tauri::command]
fn update_point(
    db: State<'_, Db>,
    point_id: i64,
    field: PointField,
    value: String,
) -> Reply<SecretPoint> {
    with(&db, |s| s.update_point(point_id, field, &value))
}

/// 批量添加: one 密点 per line, one category and level; all or none.
#[tauri::command]
fn bulk_add_points(
    db: State<'_, Db>,
    enterprise_id: String,
    names: String,
    category: Category,
    level: String,
) -> Reply<ImportOutcome> {
    with(&db, |s| {
        s.bulk_add_points(&enterprise_id, &names, category, &level)
    })
}

/// Autosave: one field of the enterprise's profile.
#[tauri::command]
fn update_enterprise(
    db: State<'_, Db>,
    enterprise_id: String,
    field: EnterpriseField,
    value: String,
) -> Reply<Enterprise> {
    with(&db, |s| s.update_enterprise(&enterprise_id, field, &value))
}

/// 快速自查 of the enterprise's latest round.
#[tauri::command]
fn quick_check(db: State<'_, Db>, enterprise_id: String) -> Reply<QuickView> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    with(&db, |s| s.quick_check_of(&enterprise_id, &catalogue))
}

/// Answer one quick question (the first answer starts the first round).
#[tauri::command]
fn answer_quick(
    db: State<'_, Db>,
    enterprise_id: String,
    question_id: String,
    answer_index: usize,
) -> Reply<QuickView> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    let today = midun::model::today();
    with(&db, |s| {
        s.answer_quick_for(
            &enterprise_id,
            &catalogue,
            &question_id,
            answer_index,
            today,
        )
    })
}

#[tauri::command]
fn list_enterprises(db: State<'_, Db>) -> Reply<Vec<EnterpriseSummary>> {
    with(&db, |s| s.list_enterprises())
}

#[tauri::command]
fn check_credit_code(code: String) -> CodeCheck {
    credit_code::check(&code)
}

#[tauri::command]
fn create_enterprise(db: State<'_, Db>, input: NewEnterprise) -> Reply<Enterprise> {
    with(&db, |s| s.create_enterprise(&input))
}

#[tauri::command]
fn get_enterprise(db: State<'_, Db>, enterprise_id: String) -> Reply<Enterprise> {
    with(&db, |s| s.get_enterprise(&enterprise_id))
}

#[tauri::command]
fn list_levels(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<String>> {
    with(&db, |s| s.levels(&enterprise_id))
}

#[tauri::command(async)]
fn list_secret_points(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<SecretPoint>> {
    with(&db, |s| s.list_secret_points(&enterprise_id))
}

#[tauri::command]
fn add_secret_point(db: State<'_, Db>, input: NewSecretPoint) -> Reply<SecretPoint> {
    with(&db, |s| s.add_secret_point(&input))
}

/// Ask where to save (the system dialog), then write the report there.
/// Runs off the main thread: the dialog blocks until the user answers.
#[tauri::command(async)]
fn export_report(
    app: AppHandle,
    db: State<'_, Db>,
    enterprise_id: String,
) -> Reply<Option<ExportResult>> {
    let name = with(&db, |s| s.get_enterprise(&enterprise_id))?.name;
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

/// The register file chosen last: `import_points` with `again` reads it
/// once more with the user's choices (the webview names no path).
#[derive(Default)]
pub struct ChosenImport(pub Mutex<Option<PathBuf>>);

/// Pick an .xlsx or .csv file (the system dialog) and import its 密点:
/// all rows or none. `None` when the user cancelled the dialog. With
/// `again`, the file chosen last is read again with `options` (the user
/// chose to leave unknown columns out).
#[tauri::command(async)]
fn import_points(
    app: AppHandle,
    db: State<'_, Db>,
    chosen: State<'_, ChosenImport>,
    enterprise_id: String,
    options: Option<PointImportOptions>,
    again: Option<bool>,
) -> Reply<Option<ImportOutcome>> {
    let remembered = chosen.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let path = match (again.unwrap_or(false), remembered) {
        (true, Some(p)) => p,
        _ => {
            let Some(p) = choose_open_path(&app) else {
                return Ok(None);
            };
            *chosen.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.clone());
            p
        }
    };
    let rows = midun::import::read_rows(&path).map_err(err)?;
    let options = options.unwrap_or_default();
    with(&db, |s| {
        s.import_points_with(&enterprise_id, &rows, &options)
    })
    .map(Some)
}

/// Save the import template (.xlsx) where the user chooses.
#[tauri::command(async)]
fn save_import_template(app: AppHandle) -> Reply<Option<String>> {
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

/// Which file to import: the system dialog, or `MIDUN_E2E_OPEN_PATH` in
/// end-to-end test builds.
fn choose_open_path(app: &AppHandle) -> Option<PathBuf> {
    #[cfg(feature = "e2e")]
    if let Some(p) = std::env::var_os("MIDUN_E2E_OPEN_PATH") {
        return Some(PathBuf::from(p));
    }
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title("导入密点")
        .add_filter("Excel / CSV", &["xlsx", "csv"])
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// Where to save: the system dialog, or in end-to-end test builds the path
/// in the environment variable `e2e_var` (WebDriver cannot drive the dialog).
fn choose_save_path(
    app: &AppHandle,
    e2e_var: &str,
    title: &str,
    suggested: &str,
    filter: (&str, &str),
) -> Option<PathBuf> {
    #[cfg(feature = "e2e")]
    if let Some(p) = std::env::var_os(e2e_var) {
        return Some(PathBuf::from(p));
    }
    #[cfg(not(feature = "e2e"))]
    let _ = e2e_var;
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested)
        .add_filter(filter.0, &[filter.1])
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

pub fn run() {
    let path = midun::paths::data_dir()
        .and_then(|dir| {
            std::fs::create_dir_all(&dir)?;
            Ok(dir.join(midun::paths::DB_FILE_NAME))
        })
        .map_err(err);
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(results::LastExport::default())
        .manage(handover::ChosenHandover::default())
        .manage(ChosenImport::default())
        .manage(Db(Mutex::new(DbState { path, store: None })))
        .invoke_handler(tauri::generate_handler![
            vault_status,
            set_up_vault,
            unlock,
            lock,
            change_password,
            password_strength,
            set_idle_lock_minutes,
            list_backups,
            create_backup,
            restore_backup,
            newest_sound_backup,
            import_points,
            save_import_template,
            enterprise_overview,
            delete_enterprise,
            start_round,
            point_choices,
            update_point,
            quick_check,
            answer_quick,
            update_enterprise,
            bulk_add_points,
            get_settings,
            acknowledge_notice,
            list_enterprises,
            check_credit_code,
            create_enterprise,
            get_enterprise,
            list_levels,
            list_secret_points,
            add_secret_point,
            export_report,
            registers::list_people,
            registers::add_person,
            registers::update_person,
            registers::delete_person,
            registers::list_agreements,
            registers::enterprise_agreements,
            registers::add_agreement,
            registers::delete_agreement,
            registers::exit_record,
            registers::delete_exit_record,
            registers::record_exit,
            registers::list_noncompetes,
            registers::add_noncompete,
            registers::delete_noncompete,
            registers::add_noncompete_payment,
            registers::delete_noncompete_payment,
            registers::personnel_warnings,
            registers::list_rule_docs,
            registers::add_rule_doc,
            registers::update_rule_doc,
            registers::delete_rule_doc,
            registers::list_trainings,
            registers::add_training,
            registers::delete_training,
            registers::set_credit_code,
            registers::set_levels,
            registers::point_access,
            registers::set_point_access,
            registers::transition_point,
            registers::status_moves,
            registers::list_approvals,
            registers::save_approval_form,
            registers::flow_progress,
            registers::domain_view,
            registers::answer_criterion,
            registers::override_criterion,
            safeguards::list_areas,
            safeguards::add_area,
            safeguards::update_area,
            safeguards::delete_area,
            safeguards::list_systems,
            safeguards::add_system,
            safeguards::update_system,
            safeguards::delete_system,
            safeguards::list_disclosures,
            safeguards::add_disclosure,
            safeguards::update_disclosure,
            safeguards::delete_disclosure,
            safeguards::list_incidents,
            safeguards::add_incident,
            safeguards::update_incident,
            safeguards::set_incident_points,
            safeguards::delete_incident,
            safeguards::list_tasks,
            safeguards::add_task,
            safeguards::update_task,
            safeguards::set_task_status,
            safeguards::delete_task,
            safeguards::controls_view,
            safeguards::set_control_answer,
            safeguards::set_control_exception,
            safeguards::list_carriers,
            safeguards::add_carrier,
            safeguards::delete_carrier,
            results::results_view,
            results::close_round,
            results::update_round,
            results::export_edition,
            results::open_last_export,
            results::list_reminders,
            evidence::answer_evidence,
            evidence::add_answer_evidence,
            evidence::unlink_answer_evidence,
            evidence::recheck_evidence,
            evidence::list_fingerprints,
            evidence::add_fingerprints,
            evidence::delete_fingerprint,
            evidence::save_hash_manifest,
            evidence::list_certificates,
            evidence::add_certificate,
            evidence::recheck_certificate,
            handover::export_handover,
            handover::choose_handover_file,
            handover::import_handover,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("错误：Midun 窗口无法启动：{e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::command_names::COMMANDS;

    /// The capability grants every declared command and nothing else.
    #[test]
    fn capability_grants_exactly_the_commands() {
        let text = include_str!("../capabilities/main.json");
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut granted: Vec<String> = v["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect();
        let mut want: Vec<String> = COMMANDS
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .collect();
        granted.sort();
        want.sort();
        assert_eq!(granted, want);
        assert_eq!(v["windows"], serde_json::json!(["main"]));
    }

    /// The handler list registers exactly the listed commands.
    #[test]
    fn the_handler_list_is_the_command_list() {
        let text = include_str!("lib.rs");
        let start = text.find("generate_handler![").unwrap() + "generate_handler![".len();
        let end = start + text[start..].find(']').unwrap();
        let mut handlers: Vec<&str> = text[start..end]
            .split(',')
            .map(|s| s.trim().rsplit("::").next().unwrap_or(""))
            .filter(|s| !s.is_empty())
            .collect();
        let mut want: Vec<&str> = COMMANDS.to_vec();
        handlers.sort();
        want.sort();
        assert_eq!(handlers, want);
    }

    /// Every command has a typed wrapper in the UI's services, and every
    /// wrapper calls a listed command.
    #[test]
    fn the_ui_services_call_exactly_the_listed_commands() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/services");
        let mut called = std::collections::BTreeSet::new();
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".ts") || name.ends_with(".test.ts") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // The first argument of each call: a name, or a choice of names
            // (`kind === 'area' ? 'list_areas' : 'list_systems'`).
            for part in text.split("call(").skip(1) {
                let first = part.split([',', ')']).next().unwrap_or("");
                for name in first.split('\'').skip(1).step_by(2) {
                    if name.contains('_') || COMMANDS.contains(&name) {
                        called.insert(name.to_string());
                    }
                }
            }
        }
        let listed: std::collections::BTreeSet<String> =
            COMMANDS.iter().map(|c| c.to_string()).collect();
        let unlisted: Vec<_> = called.difference(&listed).collect();
        let unwrapped: Vec<_> = listed.difference(&called).collect();
        assert!(
            unlisted.is_empty(),
            "the UI calls unlisted commands: {unlisted:?}"
        );
        assert!(
            unwrapped.is_empty(),
            "commands without a UI wrapper: {unwrapped:?}"
        );
    }

    /// The configuration loads nothing from the network and keeps a strict CSP.
    #[test]
    fn config_is_offline_with_a_strict_csp() {
        let text = include_str!("../tauri.conf.json");
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        assert!(
            v["build"].get("devUrl").is_none(),
            "no dev server: the UI is always embedded"
        );
        let csp = &v["app"]["security"]["csp"];
        assert_eq!(csp["default-src"], "'self'");
        assert_eq!(csp["script-src"], "'self'");
        for (k, val) in csp.as_object().unwrap() {
            let val = val.as_str().unwrap();
            assert!(
                !val.contains("https:") && !val.contains('*'),
                "{k} allows remote origins: {val}"
            );
            assert!(!val.contains("unsafe-eval"), "{k}: {val}");
        }
        assert!(v.get("plugins").and_then(|p| p.get("updater")).is_none());
        assert_eq!(v["bundle"]["targets"], serde_json::json!(["deb", "rpm"]));
        assert_eq!(
            v["bundle"]["linux"]["deb"]["depends"],
            serde_json::json!(["fonts-noto-cjk"])
        );
    }
}
