//! 文件指纹 of carrier files, the hash manifest for a trusted time-stamp,
//! notary or blockchain service, and the 存证 certificates that come back.
//!
//! A fingerprint is only a hash with the PC's own clock: it is never called
//! 存证. A certificate is recorded only for the hash it covers, and can be
//! re-verified against the file later.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::hashing::{file_name, hash_file, hash_if_present, human_size};
use super::{past_date, Recheck};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::field::required;
use crate::store::now_stamp;

/// The SHA-256 of a carrier file of a 密点, with the file's name (never its
/// path) and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Fingerprint {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub point_id: i64,
    /// The 密点's 代号 (as it is now).
    pub point_code: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size: i64,
    /// Lower-case hex.
    pub sha256: String,
    /// When it was computed, by this PC's clock (RFC 3339, UTC): no proof
    /// of time.
    pub computed_at: String,
}

/// An external 存证 certificate (可信时间戳, notary, blockchain) as the user
/// copies it from the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewCertificate {
    /// The fingerprint whose hash was sent.
    #[ts(type = "number")]
    pub fingerprint_id: i64,
    /// 证书编号.
    pub number: String,
    /// 出具机构.
    pub issuer: String,
    /// 出具日期; not after today.
    pub issued_on: String,
    /// The SHA-256 the certificate covers; must be the fingerprint's.
    pub sha256: String,
}

/// A 存证记录.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub fingerprint_id: i64,
    #[ts(type = "number")]
    pub point_id: i64,
    pub number: String,
    pub issuer: String,
    /// YYYY-MM-DD.
    pub issued_on: String,
    /// Lower-case hex.
    pub sha256: String,
    pub created_at: String,
    /// The last time the file was checked against the certificate
    /// (RFC 3339, UTC), and whether it matched.
    pub rechecked_at: Option<String>,
    pub recheck_matched: Option<bool>,
}

/// Schema 18: a certificate remembers its last re-check (the 一密一档 prints it).
pub(in crate::store) const MIGRATION_RECHECK: &str = "
ALTER TABLE certificate ADD COLUMN rechecked_at TEXT;
ALTER TABLE certificate ADD COLUMN recheck_matched INTEGER;
";

const FP_SELECT: &str =
    "SELECT f.id, f.point_id, p.code, f.file_name, f.size, f.sha256, f.computed_at
    FROM fingerprint f JOIN secret_point p ON p.id = f.point_id";

fn fp_from_row(r: &Row) -> rusqlite::Result<Fingerprint> {
    Ok(Fingerprint {
        id: r.get(0)?,
        point_id: r.get(1)?,
        point_code: r.get(2)?,
        file_name: r.get(3)?,
        size: r.get(4)?,
        sha256: r.get(5)?,
        computed_at: r.get(6)?,
    })
}

fn get_fp(conn: &Connection, id: i64) -> Result<Fingerprint> {
    conn.query_row(&format!("{FP_SELECT} WHERE f.id = ?1"), [id], fp_from_row)
        .optional()?
        .ok_or(Error::FingerprintNotFound { id: id.to_string() })
}

fn fp_described(f: &Fingerprint) -> String {
    format!(
        "{}：{}（{}，SHA-256 {}）",
        f.point_code,
        f.file_name,
        human_size(u64::try_from(f.size).unwrap_or(0)),
        f.sha256
    )
}

const CERT_SELECT: &str =
    "SELECT c.id, c.fingerprint_id, f.point_id, c.number, c.issuer, c.issued_on, c.sha256,
    c.created_at, c.rechecked_at, c.recheck_matched
    FROM certificate c JOIN fingerprint f ON f.id = c.fingerprint_id";

fn cert_from_row(r: &Row) -> rusqlite::Result<Certificate> {
    Ok(Certificate {
        id: r.get(0)?,
        fingerprint_id: r.get(1)?,
        point_id: r.get(2)?,
        number: r.get(3)?,
        issuer: r.get(4)?,
        issued_on: r.get(5)?,
        sha256: r.get(6)?,
        created_at: r.get(7)?,
        rechecked_at: r.get(8)?,
        recheck_matched: r.get(9)?,
    })
}

fn cert_described(c: &Certificate, f: &Fingerprint) -> String {
    format!(
        "{} 证书编号 {}（{}），覆盖 {} 的文件 {}，SHA-256 {}",
        c.issuer, c.number, c.issued_on, f.point_code, f.file_name, c.sha256
    )
}

/// A SHA-256 as copied from a certificate: white space dropped, lower-case,
/// 64 hexadecimal digits.
fn normalised_sha256(s: &str) -> Result<String> {
    let h: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if h.len() != 64 || !h.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::FieldInvalid {
            field: "SHA-256".into(),
            reason: "应为 64 位十六进制字符（0–9、a–f）".into(),
        });
    }
    Ok(h)
}

impl crate::store::handles::Fingerprints<'_> {
    /// Compute the SHA-256 of a carrier file of a 密点 and record it with
    /// the file's name and size (one audit entry).
    pub fn add_file(&self, point_id: i64, path: &Path) -> Result<Fingerprint> {
        let p = self.points().get(point_id)?;
        let hashed = hash_file(path, None)?;
        let name = file_name(path);
        let size = i64::try_from(hashed.size).unwrap_or(i64::MAX);
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO fingerprint (point_id, file_name, size, sha256, computed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![point_id, name, size, hashed.sha256, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            let f = get_fp(tx, id)?;
            crate::store::field::record_added(tx, who, &p.enterprise_id, "文件指纹", id.to_string(), fp_described(&f))?;
            Ok(id)
        })?;
        get_fp(&self.conn, id)
    }

    pub fn get(&self, id: i64) -> Result<Fingerprint> {
        get_fp(&self.conn, id)
    }

    /// A 密点's fingerprints, oldest first.
    pub fn list(&self, point_id: i64) -> Result<Vec<Fingerprint>> {
        self.points().get(point_id)?;
        let mut st = self
            .conn
            .prepare(&format!("{FP_SELECT} WHERE f.point_id = ?1 ORDER BY f.id"))?;
        let rows = st.query_map([point_id], fp_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every fingerprint of the enterprise's 密点, by 代号.
    pub fn of_enterprise(&self, enterprise_id: &str) -> Result<Vec<Fingerprint>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "{FP_SELECT} WHERE p.enterprise_id = ?1 ORDER BY p.code, f.id"
        ))?;
        let rows = st.query_map([enterprise_id], fp_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Delete a fingerprint. Refused while a 存证记录 rests on it: delete
    /// the certificates first.
    pub fn delete(&self, id: i64) -> Result<()> {
        let f = get_fp(&self.conn, id)?;
        let p = self.points().get(f.point_id)?;
        let certs: i64 = self.conn.query_row(
            "SELECT count(*) FROM certificate WHERE fingerprint_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        if certs > 0 {
            return Err(Error::FingerprintHasCertificates {
                file: f.file_name,
                count: certs.to_string(),
            });
        }
        self.write(|tx, who| {
            tx.execute("DELETE FROM fingerprint WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "文件指纹",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(fp_described(&f)),
                    new: None,
                },
            )
        })
    }

    /// The hash manifest to send to a trusted time-stamp, notary or
    /// blockchain service: CSV in UTF-8 with a BOM (for Excel on Chinese
    /// Windows), CRLF line ends, a header 代号,SHA-256 (and 文件名 only when
    /// asked), one row per fingerprint by 代号. Only hashes leave the PC.
    pub fn manifest_csv(&self, enterprise_id: &str, include_file_names: bool) -> Result<String> {
        let fps = self.fingerprints().of_enterprise(enterprise_id)?;
        let failed = |_: csv::Error| Error::Io {
            detail: "文件指纹清单生成失败".into(),
        };
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut header = vec!["代号", "SHA-256"];
        if include_file_names {
            header.push("文件名");
        }
        w.write_record(&header).map_err(failed)?;
        // Opened in Excel: a cell starting with = + - @ must not run as a formula.
        use crate::text::spreadsheet_safe;
        for f in &fps {
            let mut row = vec![
                spreadsheet_safe(&f.point_code).into_owned(),
                f.sha256.clone(),
            ];
            if include_file_names {
                row.push(spreadsheet_safe(&f.file_name).into_owned());
            }
            w.write_record(&row).map_err(failed)?;
        }
        // The audit chain's head, so that a time-stamped manifest also
        // anchors the log (see `audit::ChainHead`).
        let head = self.audit().head(Some(enterprise_id))?;
        let mut row = vec!["操作记录校验值".to_string(), head.anchor()];
        if include_file_names {
            row.push(String::new());
        }
        w.write_record(&row).map_err(failed)?;
        let bytes = w.into_inner().map_err(|_| Error::Io {
            detail: "文件指纹清单生成失败".into(),
        })?;
        let body = String::from_utf8(bytes).map_err(|_| Error::Io {
            detail: "文件指纹清单含有无效的文字编码".into(),
        })?;
        Ok(format!("\u{feff}{body}"))
    }

    /// Record an external 存证 certificate for a fingerprint. The hash it
    /// covers must be the fingerprint's; its date may not be after `today`.
    pub fn add_certificate(&self, input: &NewCertificate, today: NaiveDate) -> Result<Certificate> {
        let f = get_fp(&self.conn, input.fingerprint_id)?;
        let p = self.points().get(f.point_id)?;
        let number = required("证书编号", &input.number)?;
        let issuer = required("出具机构", &input.issuer)?;
        let issued_on = past_date("出具日期", &input.issued_on, today)?;
        let sha256 = normalised_sha256(&input.sha256)?;
        if sha256 != f.sha256 {
            return Err(Error::CertificateHashMismatch {
                certificate: sha256,
                fingerprint: f.sha256,
            });
        }
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO certificate (fingerprint_id, number, issuer, issued_on, sha256, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![f.id, number, issuer, issued_on, sha256, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            let c = get_cert(tx, id)?;
            crate::store::field::record_added(tx, who, &p.enterprise_id, "存证记录", id.to_string(), cert_described(&c, &f))?;
            Ok(id)
        })?;
        get_cert(&self.conn, id)
    }

    pub fn certificate(&self, id: i64) -> Result<Certificate> {
        get_cert(&self.conn, id)
    }

    /// The certificates of a 密点's fingerprints, by date issued.
    pub fn certificates(&self, point_id: i64) -> Result<Vec<Certificate>> {
        self.points().get(point_id)?;
        let mut st = self.conn.prepare(&format!(
            "{CERT_SELECT} WHERE f.point_id = ?1 ORDER BY c.issued_on, c.id"
        ))?;
        let rows = st.query_map([point_id], cert_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn delete_certificate(&self, id: i64) -> Result<()> {
        let c = get_cert(&self.conn, id)?;
        let f = get_fp(&self.conn, c.fingerprint_id)?;
        let p = self.points().get(f.point_id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM certificate WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "存证记录",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(cert_described(&c, &f)),
                    new: None,
                },
            )
        })
    }

    /// Does the file at `path` still match what the certificate covers? A
    /// missing file is a result (`actual_sha256: None`).
    /// The outcome is kept with the certificate and audited.
    pub fn recheck_certificate(&self, cert_id: i64, path: &Path) -> Result<Recheck> {
        let c = get_cert(&self.conn, cert_id)?;
        let f = get_fp(&self.conn, c.fingerprint_id)?;
        let p = self.points().get(f.point_id)?;
        let outcome = Recheck::new(&c.sha256, hash_if_present(path)?);
        self.write(|tx, who| {
            tx.execute(
                "UPDATE certificate SET rechecked_at = ?2, recheck_matched = ?3 WHERE id = ?1",
                params![cert_id, now_stamp(), outcome.matches],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "复核",
                    entity: "存证记录",
                    entity_id: cert_id.to_string(),
                    field: None,
                    old: None,
                    new: Some(
                        if outcome.matches {
                            "文件与证书一致"
                        } else {
                            "文件与证书不一致或已不存在"
                        }
                        .to_string(),
                    ),
                },
            )
        })?;
        Ok(outcome)
    }
}

fn get_cert(conn: &Connection, id: i64) -> Result<Certificate> {
    conn.query_row(
        &format!("{CERT_SELECT} WHERE c.id = ?1"),
        [id],
        cert_from_row,
    )
    .optional()?
    .ok_or(Error::CertificateNotFound { id: id.to_string() })
}
