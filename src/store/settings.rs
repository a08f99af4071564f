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
const IDLE_KEY: &str = "idle_lock_minutes";

/// The operator-name rule: not empty, at most 40 characters. Returns the
/// name trimmed. The app checks it before creating a database too.
pub fn check_operator_name(name: &str) -> Result<&str> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 40 {
        return Err(crate::Error::OperatorNameInvalid);
    }
    Ok(n)
}

impl Store {
    /// Keep the operator name; later audit entries of this database name it.
    pub fn set_operator(&mut self, name: &str) -> Result<()> {
        let n = check_operator_name(name)?;
        let old = self.settings().operator()?;
        self.put_setting(OPERATOR_KEY, "操作人", n, old, n.to_string())?;
        self.actor = n.to_string();
        Ok(())
    }

    /// Store one setting with its audit entry (database-wide, no enterprise).
    pub(super) fn put_setting(
        &self,
        key: &'static str,
        label: &'static str,
        value: &str,
        old: Option<String>,
        new: String,
    ) -> Result<()> {
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            super::audit::record(
                tx,
                who,
                super::Change {
                    enterprise_id: None,
                    action: "修改",
                    entity: "设置",
                    entity_id: key.into(),
                    field: Some(label),
                    old,
                    new: Some(new),
                },
            )
        })
    }
}

impl crate::store::handles::SettingsStore<'_> {
    pub fn get(&self) -> Result<Settings> {
        let ack: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [NOTICE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        let idle: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM setting WHERE key = ?1",
                [IDLE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Settings {
            notice_acknowledged: ack.is_some(),
            idle_lock_minutes: idle
                .and_then(|v| v.parse().ok())
                .unwrap_or(crate::model::DEFAULT_IDLE_LOCK_MINUTES),
        })
    }

    /// How long the app may sit idle before it locks itself: 1–240 minutes.
    pub fn set_idle_lock_minutes(&self, minutes: u32) -> Result<Settings> {
        if !(1..=240).contains(&minutes) {
            return Err(crate::Error::FieldInvalid {
                field: "自动锁定时间".into(),
                reason: "应为 1 至 240 分钟".into(),
            });
        }
        let old = self.settings().get()?.idle_lock_minutes;
        self.put_setting(
            IDLE_KEY,
            "自动锁定时间",
            &minutes.to_string(),
            Some(format!("{old} 分钟")),
            format!("{minutes} 分钟"),
        )?;
        self.settings().get()
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

    /// Record that the user confirmed 本软件不得录入国家秘密 (and when).
    /// Through the audited path like every write; a second confirmation
    /// changes nothing and leaves no entry.
    pub fn acknowledge_notice(&self) -> Result<Settings> {
        if !self.settings().get()?.notice_acknowledged {
            let now = super::now_stamp();
            self.put_setting(
                NOTICE_KEY,
                "国家秘密提示",
                &now,
                None,
                format!("已确认（{now}）"),
            )?;
        }
        self.settings().get()
    }
}
