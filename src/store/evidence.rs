//! 佐证材料 (evidence), their links to other records, 文件指纹 and 存证.
//!
//! - Evidence is either a copy of the file kept in the database (入库, its
//!   bytes in `evidence_blob` so listings stay light) or 登记不入库: only the
//!   path, size and SHA-256 (NDA scans carry ID numbers, CCTV files are
//!   large). Either way the SHA-256 is computed here, streaming.
//! - Evidence attaches to other records through `evidence_link`, by a fixed
//!   set of target kinds (`EvidenceTargetKind`).
//! - A 文件指纹 is the SHA-256 of a carrier file of a 密点, with the file's
//!   name (never its path). It is *not* 存证: a hash with the PC's own clock
//!   proves nothing about time. The hash manifest carries fingerprints to a
//!   trusted time-stamp, notary or blockchain service; the certificate that
//!   comes back is recorded as a 存证记录 and can be re-verified against the
//!   file later.
//!
//! Audit entries name records by title, file name and hash, never by path.

pub(super) mod fingerprint;
mod hashing;
mod link;
mod material;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;

pub use fingerprint::{Certificate, Fingerprint, NewCertificate};
pub use link::{EvidenceLink, EvidenceTargetKind};
pub use material::{
    Evidence, EvidenceField, EvidenceKind, EvidenceStorage, NewEvidence, STORED_EVIDENCE_MAX_BYTES,
};

/// Schema 10: evidence, its stored copies and links; fingerprints and
/// certificates.
pub(super) const MIGRATION: &str = "
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind          TEXT NOT NULL
                  CHECK (kind IN ('制度文件', '记录台账', '合同协议', '系统截图', '现场照片', '访谈')),
    effective_on  TEXT NOT NULL,
    storage       TEXT NOT NULL CHECK (storage IN ('入库', '登记不入库')),
    file_name     TEXT NOT NULL,
    path          TEXT,
    size          INTEGER NOT NULL CHECK (size >= 0),
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((storage = '登记不入库') = (path IS NOT NULL))
);
CREATE INDEX evidence_enterprise ON evidence(enterprise_id);
CREATE TABLE evidence_blob (
    evidence_id INTEGER PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
    bytes       BLOB NOT NULL
);
CREATE TABLE evidence_link (
    evidence_id INTEGER NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('answer', 'agreement', 'rule_doc', 'training',
                    'exit_record', 'incident', 'secret_point', 'approval')),
    target_id   TEXT NOT NULL CHECK (length(target_id) > 0),
    created_at  TEXT NOT NULL,
    PRIMARY KEY (evidence_id, target_kind, target_id)
);
CREATE INDEX evidence_link_target ON evidence_link(target_kind, target_id);
CREATE TABLE fingerprint (
    id          INTEGER PRIMARY KEY,
    point_id    INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    computed_at TEXT NOT NULL
);
CREATE INDEX fingerprint_point ON fingerprint(point_id);
CREATE TABLE certificate (
    id             INTEGER PRIMARY KEY,
    fingerprint_id INTEGER NOT NULL REFERENCES fingerprint(id) ON DELETE CASCADE,
    number         TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issuer         TEXT NOT NULL CHECK (length(trim(issuer)) > 0),
    issued_on      TEXT NOT NULL,
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at     TEXT NOT NULL
);
CREATE INDEX certificate_fingerprint ON certificate(fingerprint_id);
";

/// The outcome of checking a file against a recorded SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Recheck {
    /// The file exists and its SHA-256 is the recorded one.
    pub matches: bool,
    /// The SHA-256 on record (lower-case hex).
    pub expected_sha256: String,
    /// The SHA-256 of the file now; `None` when the file no longer exists.
    pub actual_sha256: Option<String>,
}

impl Recheck {
    fn new(expected: &str, actual: Option<String>) -> Recheck {
        Recheck {
            matches: actual.as_deref() == Some(expected),
            expected_sha256: expected.to_string(),
            actual_sha256: actual,
        }
    }
}

/// A date the user gives for something that has already happened (an
/// effective date, an issue date): parsed, stored as YYYY-MM-DD, and refused
/// when after `today`.
fn past_date(field: &str, value: &str, today: NaiveDate) -> Result<String> {
    let d = super::field::parse_day(field, value)?;
    super::field::not_after_today(field, d, today)?;
    Ok(super::field::day(d))
}
