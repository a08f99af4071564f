//! The smaller registers of spec §2: 对外提供登记, 泄密事件台账, 涉密区域 and
//! 信息系统, the 自我声明, and 整改事项. Each record kind has its own
//! submodule; the helpers they share (checked values, dates, the
//! one-field update with its audit entry) live here.

mod area;
mod declaration;
mod disclosure;
mod incident;
mod task;

pub use area::{AreaOrSystem, AreaOrSystemField, NewAreaOrSystem};
pub use declaration::{NewSelfDeclaration, SelfDeclaration};
pub use disclosure::{Disclosure, DisclosureField, NewDisclosure, RecipientKind};
pub use incident::{Incident, IncidentField, IncidentSeverity, NewIncident};
pub use task::{NewRemediationTask, RemediationField, RemediationStatus, RemediationTask};

use rusqlite::{Connection, OptionalExtension};

pub(super) use super::field::{
    delete_row, json, opt_text, parse_bool, required, write_field, Edit, Value,
};
use crate::error::{Error, Result};
use crate::store::field::{day, not_after_today, parse_day, parse_opt_day};

/// Schema 11: disclosures, incidents and their 密点, areas, systems, the
/// self-declaration, remediation tasks.
pub(super) const MIGRATION: &str = "
CREATE TABLE disclosure (
    id             INTEGER PRIMARY KEY,
    enterprise_id  TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    point_id       INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    recipient      TEXT NOT NULL CHECK (length(trim(recipient)) > 0),
    recipient_kind TEXT NOT NULL
                   CHECK (recipient_kind IN ('供应商', '外协加工方', '客户', '合作研发方', '来访人员', '其他')),
    nda_ref        TEXT NOT NULL DEFAULT '',
    disclosed_on   TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX disclosure_enterprise ON disclosure(enterprise_id);
CREATE INDEX disclosure_point ON disclosure(point_id);
CREATE TABLE incident (
    id                 INTEGER PRIMARY KEY,
    enterprise_id      TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    occurred_on        TEXT NOT NULL,
    severity           TEXT NOT NULL CHECK (severity IN ('一般', '重大')),
    description        TEXT NOT NULL CHECK (length(trim(description)) > 0),
    evidence_preserved INTEGER NOT NULL DEFAULT 0,
    preservation_order INTEGER NOT NULL DEFAULT 0,
    complaint          INTEGER NOT NULL DEFAULT 0,
    police_report      INTEGER NOT NULL DEFAULT 0,
    outcome            TEXT NOT NULL DEFAULT '',
    handled_on         TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX incident_enterprise ON incident(enterprise_id);
CREATE TABLE incident_point (
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    point_id    INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, point_id)
);
CREATE INDEX incident_point_point ON incident_point(point_id);
CREATE TABLE secret_area (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    level         TEXT NOT NULL,
    access_rule   TEXT NOT NULL DEFAULT '',
    has_signs     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX secret_area_enterprise ON secret_area(enterprise_id);
CREATE TABLE info_system (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    level         TEXT NOT NULL,
    access_rule   TEXT NOT NULL DEFAULT '',
    has_signs     INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX info_system_enterprise ON info_system(enterprise_id);
CREATE TABLE self_declaration (
    enterprise_id              TEXT PRIMARY KEY REFERENCES enterprise(id) ON DELETE CASCADE,
    no_infringement_penalty_3y INTEGER NOT NULL,
    declared_on                TEXT NOT NULL,
    declarant                  TEXT NOT NULL CHECK (length(trim(declarant)) > 0),
    updated_at                 TEXT NOT NULL
);
CREATE TABLE remediation_task (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    assessment_id INTEGER REFERENCES assessment(id) ON DELETE SET NULL,
    criterion_id  TEXT,
    title         TEXT NOT NULL CHECK (length(trim(title)) > 0),
    owner_role    TEXT NOT NULL CHECK (length(trim(owner_role)) > 0),
    due_on        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT '待整改' CHECK (status IN ('待整改', '整改中', '已完成')),
    closed_on     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK ((status = '已完成') = (closed_on IS NOT NULL))
);
CREATE INDEX remediation_task_enterprise ON remediation_task(enterprise_id);
CREATE INDEX remediation_task_assessment ON remediation_task(assessment_id);
";

/// The 代号 of a 密点 of this enterprise; a 密点 of another enterprise is
/// not found.
fn point_code(conn: &Connection, enterprise_id: &str, point_id: i64) -> Result<String> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT enterprise_id, code FROM secret_point WHERE id = ?1",
            [point_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        Some((eid, code)) if eid == enterprise_id => Ok(code),
        _ => Err(Error::SecretPointNotFound {
            id: point_id.to_string(),
        }),
    }
}

/// Parse an id typed as text; anything else is `not_found`.
fn parse_id(v: &str, not_found: impl Fn(String) -> Error) -> Result<i64> {
    v.trim()
        .parse()
        .map_err(|_| not_found(v.trim().to_string()))
}
