//! One module of `#[tauri::command]` adapters per noun, mirroring the core:
//! each parses its arguments, calls one core function and maps the error.

pub mod carriers;
pub mod controls;
pub mod enterprise;
pub mod evidence;
pub mod flow;
pub mod handover;
pub mod operation;
pub mod people;
pub mod points;
pub mod registers;
pub mod reminders;
pub mod report;
pub mod rules;
pub mod station;
pub mod trainings;
pub mod vault;
