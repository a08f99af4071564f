//! The 载体 register.

use midun::store::{Carrier, NewCarrier};
use tauri::State;

use crate::{with, Db, Reply};

#[tauri::command]
pub fn list_carriers(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Carrier>> {
    with(&db, |s| s.carriers().list(&enterprise_id))
}

#[tauri::command]
pub fn add_carrier(db: State<'_, Db>, input: NewCarrier) -> Reply<Carrier> {
    with(&db, |s| s.carriers().add(&input))
}

#[tauri::command]
pub fn delete_carrier(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.carriers().delete(id))
}
