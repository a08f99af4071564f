//! 涉密人员台账 (people, 知悉范围, 保密协议/承诺书, 离职记录, 竞业限制), 制度清单
//! and 培训记录, and the figures derived from them for scoring.
//!
//! No ID numbers, phone numbers or salaries are kept: there are no such
//! fields (spec §2). Every rule that depends on a date takes it as a
//! parameter and never reads the clock.

mod access;
mod agreement;
mod noncompete;
mod person;
mod rules;
mod stats;
mod training;
mod warnings;

pub use access::*;
pub use agreement::*;
pub use noncompete::*;
pub use person::*;
pub use rules::*;
pub use stats::*;
pub use training::*;
pub use warnings::*;

use chrono::NaiveDate;

pub(super) use super::field::{json, required, write_field, Edit};
use crate::error::Result;

/// Schema 9: people, 知悉范围, agreements, exit records, non-competes and
/// their payments, rules, trainings.
pub(super) const MIGRATION: &str = "
CREATE TABLE person (
    id                           INTEGER PRIMARY KEY,
    enterprise_id                TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    name                         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    department                   TEXT NOT NULL DEFAULT '',
    post                         TEXT NOT NULL DEFAULT '',
    person_level                 TEXT NOT NULL DEFAULT '',
    entry_date                   TEXT NOT NULL,
    exit_date                    TEXT,
    entry_pledge_on              TEXT,
    noncompete_eligibility       TEXT NOT NULL DEFAULT '无' CHECK (noncompete_eligibility IN
                                     ('高级管理人员', '高级技术人员', '其他负有保密义务的人员', '无')),
    agreed_deconfidential_months INTEGER CHECK (agreed_deconfidential_months BETWEEN 1 AND 6),
    note                         TEXT NOT NULL DEFAULT '',
    created_at                   TEXT NOT NULL,
    updated_at                   TEXT NOT NULL,
    CHECK (exit_date IS NULL OR exit_date >= entry_date)
);
CREATE INDEX person_enterprise ON person(enterprise_id);

CREATE TABLE point_access (
    id        INTEGER PRIMARY KEY,
    point_id  INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,
    role      TEXT CHECK (role IS NULL OR length(trim(role)) > 0),
    CHECK ((person_id IS NULL) <> (role IS NULL))
);
CREATE UNIQUE INDEX point_access_point_person ON point_access(point_id, person_id)
    WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX point_access_point_role ON point_access(point_id, role) WHERE role IS NOT NULL;
CREATE INDEX point_access_person ON point_access(person_id);
CREATE INDEX point_access_point ON point_access(point_id);

CREATE TABLE agreement (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('保密协议', '保密承诺书', '劳动合同保密条款')),
    signed_on  TEXT NOT NULL,
    expires_on TEXT CHECK (expires_on IS NULL OR expires_on >= signed_on),
    created_at TEXT NOT NULL
);
CREATE INDEX agreement_person ON agreement(person_id);

CREATE TABLE exit_record (
    person_id            INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    handover_done        INTEGER NOT NULL DEFAULT 0,
    return_confirmed     INTEGER NOT NULL DEFAULT 0,
    access_revoked_on    TEXT,
    reminder_letter_sent INTEGER NOT NULL DEFAULT 0,
    recorded_on          TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE TABLE noncompete (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    starts_on            TEXT NOT NULL,
    ends_on              TEXT NOT NULL CHECK (ends_on >= starts_on),
    monthly_compensation INTEGER NOT NULL CHECK (monthly_compensation > 0),
    scope                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL
);
CREATE INDEX noncompete_person ON noncompete(person_id);
CREATE TABLE noncompete_payment (
    id            INTEGER PRIMARY KEY,
    noncompete_id INTEGER NOT NULL REFERENCES noncompete(id) ON DELETE CASCADE,
    month         TEXT NOT NULL,
    paid_on       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (noncompete_id, month)
);

CREATE TABLE rule_doc (
    id                   INTEGER PRIMARY KEY,
    enterprise_id        TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
    doc_no               TEXT NOT NULL DEFAULT '',
    issued_on            TEXT NOT NULL,
    democratic_procedure TEXT NOT NULL DEFAULT '',
    publicized_on        TEXT,
    publicity_method     TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX rule_doc_enterprise ON rule_doc(enterprise_id);

CREATE TABLE training (
    id                INTEGER PRIMARY KEY,
    enterprise_id     TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    held_on           TEXT NOT NULL,
    topic             TEXT NOT NULL CHECK (length(trim(topic)) > 0),
    has_sign_in_sheet INTEGER NOT NULL DEFAULT 0,
    has_quiz          INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL
);
CREATE INDEX training_enterprise ON training(enterprise_id);
CREATE TABLE training_attendee (
    training_id INTEGER NOT NULL REFERENCES training(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    PRIMARY KEY (training_id, person_id)
);
CREATE INDEX training_attendee_person ON training_attendee(person_id);
";

use crate::store::field::stored_day as day;

/// An optional date: empty (or absent) is none.
fn opt_day(label: &str, v: Option<&str>) -> Result<Option<String>> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => day(label, s).map(Some),
        None => Ok(None),
    }
}

/// A stored date read back (written only through `day`).
fn stored_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Per-mille, rounded down (so 1000 means everyone); 0 when there is nobody.
fn permille(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        0
    } else {
        part.saturating_mul(1000) / whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn per_mille_rounds_down_and_is_zero_for_nobody() {
        assert_eq!(permille(0, 0), 0);
        assert_eq!(permille(3, 0), 0);
        assert_eq!(permille(2, 3), 666);
        assert_eq!(permille(1999, 2000), 999);
        assert_eq!(permille(5, 5), 1000);
    }

    #[test]
    fn dates_are_normalised_and_named_in_errors() {
        assert_eq!(day("入职日期", "2026/3/1").unwrap(), "2026-03-01");
        assert_eq!(opt_day("离职日期", Some("  ")).unwrap(), None);
        match day("入职日期", "2026-02-30") {
            Err(Error::FieldInvalid { field, .. }) => assert_eq!(field, "入职日期"),
            other => panic!("{other:?}"),
        }
    }
}
