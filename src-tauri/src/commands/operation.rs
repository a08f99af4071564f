//! The long operation running now (a hand-over export, a register import, a
//! bulk letter export): the UI polls how far it is and may cancel it. These
//! commands never take the database lock the operation holds.

use midun::progress::{Operation, OperationProgress};
use tauri::State;

#[tauri::command]
pub fn operation_progress(op: State<'_, Operation>) -> OperationProgress {
    op.progress()
}

/// Ask the running operation to stop; it answers CANCELLED, having written
/// nothing.
#[tauri::command]
pub fn cancel_operation(op: State<'_, Operation>) {
    op.cancel();
}
