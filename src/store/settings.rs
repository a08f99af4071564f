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
const OPERATOR_KEY: &str = "operator";

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

    /// The operator name kept in the database (asked at first run).
    pub fn operator(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [OPERATOR_KEY],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Keep the operator name; later audit entries of this database name it.
    pub fn set_operator(&mut self, name: &str) -> Result<()> {
        let n = name.trim();
        if n.is_empty() || n.chars().count() > 40 {
            return Err(crate::Error::OperatorNameInvalid);
        }
        let old = self.operator()?;
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [OPERATOR_KEY, n],
            )?;
            super::audit::record(
                tx,
                who,
                super::Change {
                    enterprise_id: None,
                    action: "修改",
                    entity: "设置",
                    entity_id: OPERATOR_KEY.into(),
                    field: Some("操作人"),
                    old,
                    new: Some(n.to_string()),
                },
            )
        })?;
        self.actor = n.to_string();
        Ok(())
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
