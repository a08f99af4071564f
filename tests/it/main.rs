//! Integration tests of the core and the CLI: one binary, a module per area,
//! a fresh temporary directory per test.

mod bindings;
mod catalogue;
mod checks;
mod cli;
mod controls;
mod credit_code;
mod deps;
mod docx;
mod dossier;
mod editions;
mod evidence;
mod flow;
mod fuzz_seeds;
mod habits;
mod handover;
mod handover_cli;
mod hostile_import;
mod import;
mod letters;
mod locales;
mod personnel;
mod points;
mod registers;
mod report;
mod safety;
mod score;
mod secrets;
mod station;
mod station_pg;
mod store;
mod vault;
mod workbook;

mod fixtures;

pub use fixtures::{repo_root, temp_db};
