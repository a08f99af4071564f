//! 泄密事件台账: what happened, which 密点 it touched, what was done
//! (evidence, 行为保全, complaint, police report), the outcome, and the date
//! the handling record was completed.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{
    day, delete_row, json, parse_bool, parse_day, parse_opt_day, point_code, required, write_field,
    Edit, Value,
};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::now_stamp;

crate::wire_enum! {
    /// 严重程度 of an incident (spec §8).
    pub enum IncidentSeverity {
        Ordinary = ("ordinary", "一般"),
        Major = ("major", "重大"),
    }
}

impl IncidentSeverity {
    pub fn parse(s: &str) -> Result<IncidentSeverity> {
        let t = s.trim();
        IncidentSeverity::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
            .ok_or_else(|| Error::FieldInvalid {
                field: "严重程度".into(),
                reason: format!("“{t}”无效，应为 一般 或 重大"),
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewIncident {
    pub enterprise_id: String,
    pub occurred_on: String,
    pub severity: IncidentSeverity,
    pub description: String,
    /// The 密点 affected (of the same enterprise); may be empty while unknown.
    #[ts(type = "number[]")]
    pub point_ids: Vec<i64>,
    /// 证据保全.
    pub evidence_preserved: bool,
    /// 申请行为保全.
    pub preservation_order: bool,
    /// 向市场监管部门投诉举报.
    pub complaint: bool,
    /// 向公安机关报案.
    pub police_report: bool,
    pub outcome: String,
    /// The date the handling record was completed; empty = not handled.
    pub handled_on: String,
}

/// One incident as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Incident {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub occurred_on: String,
    pub severity: IncidentSeverity,
    pub description: String,
    #[ts(type = "number[]")]
    pub point_ids: Vec<i64>,
    /// The 代号 of the 密点 affected, in the order of `point_ids`.
    pub point_codes: Vec<String>,
    pub evidence_preserved: bool,
    pub preservation_order: bool,
    pub complaint: bool,
    pub police_report: bool,
    pub outcome: String,
    pub handled_on: Option<String>,
    /// Computed: a 重大 incident without a handling record (it gates the
    /// results and is flagged in the register).
    pub open_major: bool,
}

/// The fields of an incident edited one at a time; the 密点 affected change
/// through `set_incident_points`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum IncidentField {
    OccurredOn,
    Severity,
    Description,
    EvidencePreserved,
    PreservationOrder,
    Complaint,
    PoliceReport,
    Outcome,
    HandledOn,
}

impl IncidentField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        use IncidentField::*;
        match self {
            OccurredOn => ("occurred_on", "发生日期"),
            Severity => ("severity", "严重程度"),
            Description => ("description", "事件经过"),
            EvidencePreserved => ("evidence_preserved", "证据保全"),
            PreservationOrder => ("preservation_order", "申请行为保全"),
            Complaint => ("complaint", "向市场监管部门投诉举报"),
            PoliceReport => ("police_report", "向公安机关报案"),
            Outcome => ("outcome", "处理结果"),
            HandledOn => ("handled_on", "处置完成日期"),
        }
    }
}

const COLUMNS: &str = "id, enterprise_id, occurred_on, severity, description, evidence_preserved,
    preservation_order, complaint, police_report, outcome, handled_on";

fn from_row(r: &Row) -> rusqlite::Result<Incident> {
    let severity: String = r.get(3)?;
    Ok(Incident {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        occurred_on: r.get(2)?,
        // The table's CHECK admits only the two labels.
        severity: IncidentSeverity::parse(&severity).unwrap_or(IncidentSeverity::Major),
        description: r.get(4)?,
        point_ids: vec![],
        point_codes: vec![],
        evidence_preserved: r.get(5)?,
        preservation_order: r.get(6)?,
        complaint: r.get(7)?,
        police_report: r.get(8)?,
        outcome: r.get(9)?,
        handled_on: r.get(10)?,
        open_major: false,
    })
    .map(|mut i| {
        i.open_major = i.severity == IncidentSeverity::Major && i.handled_on.is_none();
        i
    })
}

fn get(conn: &Connection, id: i64) -> Result<Incident> {
    let mut i = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM incident WHERE id = ?1"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or(Error::IncidentNotFound { id: id.to_string() })?;
    let mut st = conn.prepare(
        "SELECT p.id, p.code FROM incident_point ip JOIN secret_point p ON p.id = ip.point_id
         WHERE ip.incident_id = ?1 ORDER BY p.code, p.id",
    )?;
    let rows: Vec<(i64, String)> = st
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    (i.point_ids, i.point_codes) = rows.into_iter().unzip();
    Ok(i)
}

fn list(conn: &Connection, sql_where: &str, enterprise_id: &str) -> Result<Vec<Incident>> {
    let ids: Vec<i64> = conn
        .prepare(&format!(
            "SELECT id FROM incident WHERE {sql_where} ORDER BY occurred_on, id"
        ))?
        .query_map([enterprise_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id)).collect()
}

/// The handling record cannot be completed before the incident happened.
fn check_order(occurred: &str, handled: Option<&str>) -> Result<()> {
    match handled {
        Some(h) if h < occurred => Err(Error::FieldInvalid {
            field: "处置完成日期".into(),
            reason: format!("{h} 早于事件发生日期 {occurred}"),
        }),
        _ => Ok(()),
    }
}

/// Check the 密点 of an incident, each once, and return them with their 代号.
fn check_points(conn: &Connection, enterprise_id: &str, ids: &[i64]) -> Result<Vec<(i64, String)>> {
    let mut out: Vec<(i64, String)> = Vec::new();
    for &pid in ids {
        if out.iter().all(|(id, _)| *id != pid) {
            out.push((pid, point_code(conn, enterprise_id, pid)?));
        }
    }
    Ok(out)
}

impl crate::store::handles::Incidents<'_> {
    /// Record an incident with the 密点 it affected.
    pub fn add(&self, input: &NewIncident) -> Result<Incident> {
        self.enterprises().get(&input.enterprise_id)?;
        let eid = input.enterprise_id.as_str();
        let occurred = day(parse_day("发生日期", &input.occurred_on)?);
        let description = required("事件经过", &input.description)?;
        let handled = parse_opt_day("处置完成日期", &input.handled_on)?.map(day);
        check_order(&occurred, handled.as_deref())?;
        let points = check_points(&self.conn, eid, &input.point_ids)?;
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO incident (enterprise_id, occurred_on, severity, description, evidence_preserved,
                    preservation_order, complaint, police_report, outcome, handled_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                params![
                    eid,
                    occurred,
                    input.severity.label(),
                    description,
                    input.evidence_preserved,
                    input.preservation_order,
                    input.complaint,
                    input.police_report,
                    input.outcome.trim(),
                    handled,
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            for (pid, _) in &points {
                tx.execute(
                    "INSERT INTO incident_point (incident_id, point_id) VALUES (?1, ?2)",
                    params![id, pid],
                )?;
            }
            let i = get(tx, id)?;
            crate::store::field::record_added(tx, who, eid, "泄密事件", id.to_string(), json(&i))?;
            Ok(id)
        })?;
        get(&self.conn, id)
    }

    pub fn get(&self, id: i64) -> Result<Incident> {
        get(&self.conn, id)
    }

    /// The enterprise's incidents, oldest first.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Incident>> {
        self.enterprises().get(enterprise_id)?;
        list(&self.conn, "enterprise_id = ?1", enterprise_id)
    }

    /// The 重大 incidents without a completed handling record (the 基础项
    /// "no 重大 incident without a handling record" is met when empty).
    pub fn major_unhandled(&self, enterprise_id: &str) -> Result<Vec<Incident>> {
        self.enterprises().get(enterprise_id)?;
        list(
            &self.conn,
            "enterprise_id = ?1 AND severity = '重大' AND handled_on IS NULL",
            enterprise_id,
        )
    }

    /// Change one field (one transaction, one audit entry). An empty
    /// 处置完成日期 marks the incident as not handled. Returns the incident
    /// as stored.
    pub fn update(&self, id: i64, field: IncidentField, value: &str) -> Result<Incident> {
        let i = get(&self.conn, id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        use IncidentField::*;
        let new = match field {
            OccurredOn => {
                let d = day(parse_day(label, v)?);
                check_order(&d, i.handled_on.as_deref())?;
                Value::Text(d)
            }
            HandledOn => {
                let d = parse_opt_day(label, v)?.map(day);
                check_order(&i.occurred_on, d.as_deref())?;
                d.map_or(Value::Null, Value::Text)
            }
            Severity => Value::Text(IncidentSeverity::parse(v)?.label().to_string()),
            Description => Value::Text(required(label, v)?),
            EvidencePreserved | PreservationOrder | Complaint | PoliceReport => {
                Value::Integer(parse_bool(label, v)? as i64)
            }
            Outcome => Value::Text(v.to_string()),
        };
        let edit = Edit {
            table: "incident",
            entity: "泄密事件",
            id,
            enterprise_id: &i.enterprise_id,
            column,
            label,
        };
        write_field(self, edit, new, None)?;
        get(&self.conn, id)
    }

    /// Replace the 密点 an incident affected (one audit entry, by 代号).
    pub fn set_points(&self, id: i64, point_ids: &[i64]) -> Result<Incident> {
        let i = get(&self.conn, id)?;
        let points = check_points(&self.conn, &i.enterprise_id, point_ids)?;
        let mut new_ids: Vec<i64> = points.iter().map(|(id, _)| *id).collect();
        let mut old_ids = i.point_ids.clone();
        new_ids.sort_unstable();
        old_ids.sort_unstable();
        if new_ids == old_ids {
            return Ok(i);
        }
        let mut codes: Vec<&str> = points.iter().map(|(_, c)| c.as_str()).collect();
        codes.sort_unstable();
        self.write(|tx, who| {
            tx.execute("DELETE FROM incident_point WHERE incident_id = ?1", [id])?;
            for (pid, _) in &points {
                tx.execute(
                    "INSERT INTO incident_point (incident_id, point_id) VALUES (?1, ?2)",
                    params![id, pid],
                )?;
            }
            tx.execute(
                "UPDATE incident SET updated_at = ?2 WHERE id = ?1",
                params![id, now_stamp()],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&i.enterprise_id),
                    action: "修改",
                    entity: "泄密事件",
                    entity_id: id.to_string(),
                    field: Some("涉及密点"),
                    old: Some(i.point_codes.join("、")),
                    new: Some(codes.join("、")),
                },
            )
        })?;
        get(&self.conn, id)
    }

    /// Delete an incident and its links to 密点.
    pub fn delete(&self, id: i64) -> Result<()> {
        let i = get(&self.conn, id)?;
        delete_row(self, "incident", "泄密事件", id, &i.enterprise_id, json(&i))
    }
}
