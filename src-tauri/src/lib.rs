//! The desktop shell: Tauri setup and one thin command per core function.
//! Commands parse their arguments, call the core, and map its error to
//! `AppError {code, message, params}`. No business rules live here.

mod command_names;

use std::path::PathBuf;
use std::sync::Mutex;

use midun::credit_code::{self, CodeCheck};
use midun::error::AppError;
use midun::model::{
    Enterprise, EnterpriseSummary, ExportResult, NewEnterprise, NewSecretPoint, SecretPoint,
    Settings,
};
use midun::{report, Store};
use tauri::{AppHandle, State};

/// The open database, or why it could not be opened (shown by the UI on
/// every call rather than crashing the window).
pub struct Db(Mutex<Result<Store, AppError>>);

type Reply<T> = Result<T, AppError>;

fn with<T>(db: &Db, f: impl FnOnce(&mut Store) -> midun::Result<T>) -> Reply<T> {
    // A panic while holding the lock cannot leave the store half-written
    // (every change is one transaction), so a poisoned lock is still usable.
    let mut guard = db.0.lock().unwrap_or_else(|p| p.into_inner());
    match guard.as_mut() {
        Ok(store) => f(store).map_err(|e| AppError::from(&e)),
        Err(e) => Err(e.clone()),
    }
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

#[tauri::command]
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
    let Some(path) = choose_save_path(&app, &report::suggested_file_name(&name)) else {
        return Ok(None);
    };
    let path = report::with_pdf_extension(path);
    with(&db, |s| report::export_register(s, &enterprise_id, &path)).map(Some)
}

#[cfg(feature = "e2e")]
fn choose_save_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    match std::env::var_os("MIDUN_E2E_SAVE_PATH") {
        Some(p) => Some(PathBuf::from(p)),
        None => save_dialog(app, suggested),
    }
}

#[cfg(not(feature = "e2e"))]
fn choose_save_path(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    save_dialog(app, suggested)
}

fn save_dialog(app: &AppHandle, suggested: &str) -> Option<PathBuf> {
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .set_title("导出报告")
        .set_file_name(suggested)
        .add_filter("PDF", &["pdf"])
        .blocking_save_file()
        .and_then(|f| f.into_path().ok())
}

pub fn run() {
    let store = Store::open_default().map_err(|e| AppError::from(&e));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(Db(Mutex::new(store)))
        .invoke_handler(tauri::generate_handler![
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
