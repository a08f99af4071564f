//! Database-wide settings (key → value).

use rusqlite::OptionalExtension;

use super::Store;
use crate::error::Result;
use crate::model::Settings;

/// Schema 2: database-wide settings (first-run notice, later the operator name).
pub(super) const MIGRATION_2: &str = "
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

const NOTICE_KEY: &str = "notice_acknowledged";

impl Store {
    pub fn settings(&self) -> Result<Settings> {
        let ack: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [NOTICE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Settings {
            notice_acknowledged: ack.is_some(),
        })
    }

    /// Record that the user confirmed 本软件不得录入国家秘密 (and when).
    pub fn acknowledge_notice(&mut self) -> Result<Settings> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO NOTHING",
            [NOTICE_KEY, &super::now_stamp()],
        )?;
        self.settings()
    }
}
