//! What falls due across enterprises (保密期限, 复核, non-competes, agreements).

use midun::reminders;
use midun::reminders::Reminder;
use tauri::State;

use crate::{with, Db, Reply};

/// Every enterprise's reminders as of today, soonest first.
#[tauri::command(async)]
pub fn list_reminders(db: State<'_, Db>) -> Reply<Vec<Reminder>> {
    let today = midun::model::today();
    with(&db, |s| reminders::reminders(s, today))
}
