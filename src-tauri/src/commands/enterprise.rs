//! Enterprises: the list with each latest result, one enterprise's profile, the credit-code check.

use midun::assess::EnterpriseOverview;
use midun::credit_code;
use midun::credit_code::CodeCheck;
use midun::model::{Enterprise, EnterpriseSummary, NewEnterprise};
use midun::store::EnterpriseField;
use tauri::State;

use crate::{err, with, Db, Reply};

/// The home page: every enterprise with its latest round's total, tier and result.
#[tauri::command(async)]
pub fn enterprise_overview(db: State<'_, Db>) -> Reply<Vec<EnterpriseOverview>> {
    let catalogue = midun::catalogue::Catalogue::default_catalogue().map_err(err)?;
    with(&db, |s| midun::assess::overview(s, &catalogue))
}

/// Delete an enterprise and everything it holds (the UI asks first); the
/// database-wide log keeps one entry saying so.
#[tauri::command]
pub fn delete_enterprise(db: State<'_, Db>, enterprise_id: String) -> Reply<()> {
    with(&db, |s| s.enterprises().delete(&enterprise_id))
}

/// Autosave: one field of the enterprise's profile.
#[tauri::command]
pub fn update_enterprise(
    db: State<'_, Db>,
    enterprise_id: String,
    field: EnterpriseField,
    value: String,
) -> Reply<Enterprise> {
    with(&db, |s| {
        s.enterprises().update(&enterprise_id, field, &value)
    })
}

#[tauri::command]
pub fn list_enterprises(db: State<'_, Db>) -> Reply<Vec<EnterpriseSummary>> {
    with(&db, |s| s.enterprises().list())
}

#[tauri::command]
pub fn check_credit_code(code: String) -> CodeCheck {
    credit_code::check(&code)
}

#[tauri::command]
pub fn create_enterprise(db: State<'_, Db>, input: NewEnterprise) -> Reply<Enterprise> {
    with(&db, |s| s.enterprises().create(&input))
}

#[tauri::command]
pub fn get_enterprise(db: State<'_, Db>, enterprise_id: String) -> Reply<Enterprise> {
    with(&db, |s| s.enterprises().get(&enterprise_id))
}

// —— 企业信息 ——

/// Change the credit code; one that fails a check needs the user's note.
#[tauri::command]
pub fn set_credit_code(
    db: State<'_, Db>,
    enterprise_id: String,
    code: String,
    note: Option<String>,
) -> Reply<Enterprise> {
    with(&db, |s| {
        s.enterprises()
            .set_credit_code(&enterprise_id, &code, note.as_deref())
    })
}

/// 添加演示企业: the CLI's demo (answered, or started and unanswered for
/// training), marked 演示 in its name; deleted like any enterprise.
#[tauri::command(async)]
pub fn add_demo(db: State<'_, Db>, answered: bool) -> Reply<Enterprise> {
    use midun::demo::{add_demo_round, FirstRound, DEFAULT_POINTS};
    let first = if answered {
        FirstRound::Answered
    } else {
        FirstRound::Unanswered
    };
    with(&db, |s| add_demo_round(s, DEFAULT_POINTS, first))
}
