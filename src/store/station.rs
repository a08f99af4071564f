//! Schema 19: a guidance station's received progress summaries (进度摘要),
//! kept by their hash: the same summary imported twice is one row, and an
//! enterprise's later rounds sit beside its earlier ones as its history.
//! The body is the summary's canonical JSON, verified again when read.

use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::summary::Summary;

pub(super) const MIGRATION: &str = "
CREATE TABLE station_summary (
    hash          TEXT PRIMARY KEY,
    credit_code   TEXT NOT NULL,
    name          TEXT NOT NULL,
    round_no      INTEGER NOT NULL,
    base_date     TEXT NOT NULL,
    generated_on  TEXT NOT NULL,
    total_tenths  INTEGER NOT NULL,
    body          TEXT NOT NULL,
    -- Where it came from: 'file' or 'pg:<station>'.
    source        TEXT NOT NULL,
    imported_at   TEXT NOT NULL
);
CREATE INDEX station_summary_by_enterprise
    ON station_summary (credit_code, round_no, generated_on);
";

const NAME_KEY: &str = "station_name";
const PG_URL_KEY: &str = "station_pg_url";

/// A summary as the station holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSummary {
    pub hash: String,
    pub summary: Summary,
    pub source: String,
    pub imported_at: String,
}

impl crate::store::handles::Station<'_> {
    /// Keep summaries already verified (with their hashes and where each
    /// came from: `file` or `pg:<station>`), all in one transaction with one
    /// audit entry; returns how many were new.
    pub fn add(&self, items: &[(Summary, String, String)]) -> Result<usize> {
        let now = super::now_stamp();
        self.write(|tx, who| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO station_summary (hash, credit_code, name, round_no, base_date,
                    generated_on, total_tenths, body, source, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(hash) DO NOTHING",
            )?;
            let mut added = 0;
            for (s, hash, source) in items {
                let body = String::from_utf8(s.canonical()).expect("JSON is UTF-8");
                added += stmt.execute(params![
                    hash,
                    s.enterprise.credit_code,
                    s.enterprise.name,
                    s.round_no,
                    s.base_date,
                    s.generated_on,
                    s.total_tenths,
                    body,
                    source,
                    now,
                ])?;
            }
            if added > 0 {
                super::audit::record(
                    tx,
                    who,
                    super::Change {
                        enterprise_id: None,
                        action: "导入",
                        entity: "进度摘要",
                        entity_id: items
                            .first()
                            .map_or(String::new(), |(_, _, source)| source.clone()),
                        field: None,
                        old: None,
                        new: Some(format!("{added} 份")),
                    },
                )?;
            }
            Ok(added)
        })
    }

    /// Every summary held, by enterprise, round and day made. A body that
    /// no longer matches its hash is refused: the station never shows or
    /// passes on figures it cannot vouch for.
    pub fn list(&self) -> Result<Vec<StoredSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT hash, body, source, imported_at FROM station_summary
             ORDER BY credit_code, round_no, generated_on, imported_at, hash",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (hash, body, source, imported_at) = row?;
            let summary: Summary = serde_json::from_str(&body).map_err(|_| Error::Db {
                detail: format!("进度摘要 {} 的内容无法读取", short(&hash)),
            })?;
            if summary.hash() != hash {
                return Err(Error::Db {
                    detail: format!("进度摘要 {} 与其校验值不符", short(&hash)),
                });
            }
            out.push(StoredSummary {
                hash,
                summary,
                source,
                imported_at,
            });
        }
        Ok(out)
    }

    /// How many summaries are held.
    pub fn count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM station_summary", [], |r| r.get(0))?)
    }

    /// The station's name (written with every summary it pushes).
    pub fn name(&self) -> Result<Option<String>> {
        self.setting(NAME_KEY)
    }

    pub fn set_name(&self, name: &str) -> Result<String> {
        let n = name.trim();
        if n.is_empty() || n.chars().count() > 40 || n.chars().any(char::is_control) {
            return Err(Error::StationNameInvalid);
        }
        let old = self.name()?;
        if old.as_deref() != Some(n) {
            self.put_setting(NAME_KEY, "指导站名称", n, old, n.to_string())?;
        }
        Ok(n.to_string())
    }

    /// The shared database's address, as last used (kept in this encrypted
    /// database, so a password in it is as safe as the registers).
    pub fn pg_url(&self) -> Result<Option<String>> {
        self.setting(PG_URL_KEY)
    }

    pub fn set_pg_url(&self, url: &str) -> Result<()> {
        let old = self.pg_url()?;
        if old.as_deref() != Some(url) {
            // The audit log records that it changed, never the address
            // (it may hold a password).
            self.put_setting(
                PG_URL_KEY,
                "共享数据库地址",
                url,
                old.map(|_| "（已隐藏）".into()),
                "（已隐藏）".into(),
            )?;
        }
        Ok(())
    }

    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
