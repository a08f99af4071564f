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

/// The allocator of every program built on the core: the CLI, the desktop
/// shell, the tests and the benches (so a bench measures what the app
/// does). Writing a PDF allocates a few small objects per character inside
/// printpdf; with mimalloc the 一密一档 of 2,000 密点 took about 0.8 s where
/// glibc's allocator took 1.0 s (`cargo bench --bench dossier`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
