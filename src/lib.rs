//! 密盾 Midun core: the domain model, the SQLite store, the credit-code
//! checks and the PDF reports. Knows nothing of Tauri, windows or the UI;
//! the `midun` CLI and the desktop shell are thin layers over it.

pub mod assess;
pub mod bindings;
pub mod catalogue;
pub mod cli_json;
pub mod credit_code;
pub mod demo;
pub mod error;
pub mod flow;
pub mod fsx;
pub mod handover;
pub mod import;
pub mod letters;
pub mod model;
pub mod paths;
pub mod progress;
pub mod reminders;
pub mod report;
pub mod score;
pub mod station;
pub mod store;
pub mod summary;
pub mod text;
pub mod vault;
pub mod workbook;

pub use error::{Error, Result};
pub use store::Store;
