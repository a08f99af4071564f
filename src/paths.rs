//! Where the app keeps its data: the platform's per-user data directory
//! joined with the app identifier (the same directory Tauri's
//! `app_data_dir()` gives), unless `MIDUN_DATA_DIR` says otherwise.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The desktop app's identifier (tauri.conf.json `identifier`).
pub const APP_IDENTIFIER: &str = "cn.midun.desktop";
/// The database file inside the data directory.
pub const DB_FILE_NAME: &str = "midun.db";

pub fn data_dir() -> Result<PathBuf> {
    match std::env::var_os("MIDUN_DATA_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => dirs::data_dir()
            .map(|d| d.join(APP_IDENTIFIER))
            .ok_or(Error::NoDataDir),
    }
}

pub fn default_db_path() -> Result<PathBuf> {
    Ok(data_dir()?.join(DB_FILE_NAME))
}
