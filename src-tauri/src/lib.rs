//! The desktop shell: Tauri setup and one thin command per core function.
//! Commands parse their arguments, call the core, and map its error to
//! `AppError {code, message, params}`. No business rules live here.

mod command_names {
    //! The command list (`../commands.rs`), shared with build.rs.
    include!("../commands.rs");
}
mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use midun::error::AppError;
use midun::Store;
use tauri::AppHandle;

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

/// The register file chosen last: `import_points` with `again` reads it
/// once more with the user's choices (the webview names no path).
#[derive(Default)]
pub struct ChosenImport(pub Mutex<Option<PathBuf>>);

/// Which file to import: the system dialog, or `MIDUN_E2E_OPEN_PATH` in
/// end-to-end test builds.
fn choose_open_path(app: &AppHandle, title: &str) -> Option<PathBuf> {
    #[cfg(feature = "e2e")]
    if let Some(p) = std::env::var_os("MIDUN_E2E_OPEN_PATH") {
        return Some(PathBuf::from(p));
    }
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title(title)
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
        .manage(commands::report::LastExport::default())
        .manage(commands::handover::ChosenHandover::default())
        .manage(ChosenImport::default())
        .manage(midun::progress::Operation::default())
        .manage(Db(Mutex::new(DbState { path, store: None })))
        .invoke_handler(tauri::generate_handler![
            commands::vault::vault_status,
            commands::vault::set_up_vault,
            commands::vault::unlock,
            commands::vault::lock,
            commands::vault::change_password,
            commands::vault::password_strength,
            commands::vault::set_idle_lock_minutes,
            commands::vault::list_backups,
            commands::vault::create_backup,
            commands::vault::restore_backup,
            commands::vault::newest_sound_backup,
            commands::points::import_points,
            commands::points::save_import_template,
            commands::enterprise::enterprise_overview,
            commands::enterprise::delete_enterprise,
            commands::flow::start_round,
            commands::points::point_choices,
            commands::points::update_point,
            commands::flow::quick_check,
            commands::flow::answer_quick,
            commands::enterprise::update_enterprise,
            commands::points::bulk_add_points,
            commands::vault::get_settings,
            commands::vault::acknowledge_notice,
            commands::enterprise::list_enterprises,
            commands::enterprise::check_credit_code,
            commands::enterprise::create_enterprise,
            commands::enterprise::get_enterprise,
            commands::points::list_levels,
            commands::points::list_register,
            commands::points::get_secret_point,
            commands::points::add_secret_point,
            commands::report::export_report,
            commands::people::list_people,
            commands::people::add_person,
            commands::people::update_person,
            commands::people::delete_person,
            commands::people::list_agreements,
            commands::people::enterprise_agreements,
            commands::people::add_agreement,
            commands::people::delete_agreement,
            commands::people::exit_record,
            commands::people::delete_exit_record,
            commands::people::record_exit,
            commands::people::list_noncompetes,
            commands::people::add_noncompete,
            commands::people::delete_noncompete,
            commands::people::add_noncompete_payment,
            commands::people::delete_noncompete_payment,
            commands::people::personnel_warnings,
            commands::people::list_access_notices,
            commands::people::add_access_notice,
            commands::people::delete_access_notice,
            commands::people::list_discipline,
            commands::people::add_discipline,
            commands::people::delete_discipline,
            commands::rules::list_rule_docs,
            commands::rules::add_rule_doc,
            commands::rules::update_rule_doc,
            commands::rules::delete_rule_doc,
            commands::trainings::list_trainings,
            commands::trainings::add_training,
            commands::trainings::delete_training,
            commands::enterprise::set_credit_code,
            commands::points::set_levels,
            commands::points::point_access,
            commands::points::set_point_access,
            commands::points::transition_point,
            commands::points::status_moves,
            commands::points::list_approvals,
            commands::report::save_approval_form,
            commands::flow::flow_progress,
            commands::flow::domain_view,
            commands::flow::answer_criterion,
            commands::flow::override_criterion,
            commands::registers::list_areas,
            commands::registers::add_area,
            commands::registers::update_area,
            commands::registers::delete_area,
            commands::registers::list_systems,
            commands::registers::add_system,
            commands::registers::update_system,
            commands::registers::delete_system,
            commands::registers::list_disclosures,
            commands::registers::add_disclosure,
            commands::registers::update_disclosure,
            commands::registers::delete_disclosure,
            commands::registers::list_incidents,
            commands::registers::add_incident,
            commands::registers::update_incident,
            commands::registers::set_incident_points,
            commands::registers::delete_incident,
            commands::registers::list_tasks,
            commands::registers::add_task,
            commands::registers::update_task,
            commands::registers::set_task_status,
            commands::registers::delete_task,
            commands::controls::controls_view,
            commands::controls::set_control_answer,
            commands::controls::set_control_started,
            commands::controls::set_control_exception,
            commands::carriers::list_carriers,
            commands::carriers::add_carrier,
            commands::carriers::delete_carrier,
            commands::flow::results_view,
            commands::flow::close_round,
            commands::flow::update_round,
            commands::report::export_edition,
            commands::report::submission_preflight,
            commands::report::export_dossier,
            commands::report::export_workbook,
            commands::station::export_summary,
            commands::people::import_people,
            commands::people::save_people_template,
            commands::enterprise::add_demo,
            commands::vault::save_recovery_key,
            commands::station::station_import,
            commands::station::station_dashboard,
            commands::station::station_export_workbook,
            commands::station::station_export_report,
            commands::station::station_settings,
            commands::station::set_station_name,
            commands::station::station_push,
            commands::station::station_pull,
            commands::report::export_letters,
            commands::report::open_last_export,
            commands::reminders::list_reminders,
            commands::evidence::answer_evidence,
            commands::evidence::add_answer_evidence,
            commands::evidence::unlink_answer_evidence,
            commands::evidence::recheck_evidence,
            commands::evidence::list_fingerprints,
            commands::evidence::add_fingerprints,
            commands::evidence::delete_fingerprint,
            commands::evidence::save_hash_manifest,
            commands::evidence::list_certificates,
            commands::evidence::add_certificate,
            commands::evidence::recheck_certificate,
            commands::handover::export_handover,
            commands::handover::choose_handover_file,
            commands::handover::import_handover,
            commands::operation::operation_progress,
            commands::operation::cancel_operation,
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
