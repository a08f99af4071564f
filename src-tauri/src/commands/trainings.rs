//! The 培训记录.

use midun::store::{NewTraining, Training};
use tauri::State;

use crate::{with, Db, Reply};

#[tauri::command]
pub fn list_trainings(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Training>> {
    with(&db, |s| s.trainings().list(&enterprise_id))
}

#[tauri::command]
pub fn add_training(db: State<'_, Db>, input: NewTraining) -> Reply<Training> {
    with(&db, |s| s.trainings().add(&input))
}

#[tauri::command]
pub fn delete_training(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.trainings().delete(id))
}
