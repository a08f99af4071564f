//! The 制度清单.

use midun::store::{NewRuleDoc, RuleDoc, RuleDocField};
use tauri::State;

use crate::{with, Db, Reply};

#[tauri::command]
pub fn list_rule_docs(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<RuleDoc>> {
    with(&db, |s| s.rules().list(&enterprise_id))
}

#[tauri::command]
pub fn add_rule_doc(db: State<'_, Db>, input: NewRuleDoc) -> Reply<RuleDoc> {
    with(&db, |s| s.rules().add(&input))
}

#[tauri::command]
pub fn update_rule_doc(
    db: State<'_, Db>,
    id: i64,
    field: RuleDocField,
    value: String,
) -> Reply<RuleDoc> {
    with(&db, |s| s.rules().update(id, field, &value))
}

#[tauri::command]
pub fn delete_rule_doc(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.rules().delete(id))
}
