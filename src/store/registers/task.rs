//! 整改事项: a task made from a gap, owned by a *role* (保密办, 技术部负责人 …),
//! with a due date, a status and the date it was closed.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{
    day, delete_row, json, not_after_today, opt_text, parse_day, parse_id, required, write_field,
    Edit, Value,
};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::{now_stamp, Store};

crate::wire_enum! {
    /// 整改状态.
    pub enum RemediationStatus {
        Open = ("todo", "待整改"),
        InProgress = ("in_progress", "整改中"),
        Done = ("done", "已完成"),
    }
}

impl RemediationStatus {
    pub fn parse(s: &str) -> Result<RemediationStatus> {
        let t = s.trim();
        RemediationStatus::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
            .ok_or_else(|| Error::FieldInvalid {
                field: "整改状态".into(),
                reason: format!("“{t}”无效，应为 待整改、整改中 或 已完成"),
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRemediationTask {
    pub enterprise_id: String,
    /// The round (第 N 次自评) whose gap it comes from, if any.
    #[ts(type = "number | null")]
    pub assessment_id: Option<i64>,
    /// The criterion of that gap, if any.
    pub criterion_id: Option<String>,
    pub title: String,
    /// A role, not a person: 保密办, 技术部负责人 ….
    pub owner_role: String,
    pub due_on: String,
}

/// A 整改事项 as stored. New tasks are 待整改.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RemediationTask {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    #[ts(type = "number | null")]
    pub assessment_id: Option<i64>,
    pub criterion_id: Option<String>,
    pub title: String,
    pub owner_role: String,
    pub due_on: String,
    pub status: RemediationStatus,
    /// Set exactly when the status is 已完成.
    pub closed_on: Option<String>,
}

/// The fields of a 整改事项 edited one at a time; the status changes through
/// `set_task_status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RemediationField {
    AssessmentId,
    CriterionId,
    Title,
    OwnerRole,
    DueOn,
}

impl RemediationField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        match self {
            RemediationField::AssessmentId => ("assessment_id", "所属自评"),
            RemediationField::CriterionId => ("criterion_id", "对应条目"),
            RemediationField::Title => ("title", "整改事项"),
            RemediationField::OwnerRole => ("owner_role", "责任角色"),
            RemediationField::DueOn => ("due_on", "完成期限"),
        }
    }
}

const COLUMNS: &str =
    "id, enterprise_id, assessment_id, criterion_id, title, owner_role, due_on, status, closed_on";

fn from_row(r: &Row) -> rusqlite::Result<RemediationTask> {
    let status: String = r.get(7)?;
    Ok(RemediationTask {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        assessment_id: r.get(2)?,
        criterion_id: r.get(3)?,
        title: r.get(4)?,
        owner_role: r.get(5)?,
        due_on: r.get(6)?,
        // The table's CHECK admits only the three labels.
        status: RemediationStatus::parse(&status).unwrap_or(RemediationStatus::Open),
        closed_on: r.get(8)?,
    })
}

fn get(conn: &Connection, id: i64) -> Result<RemediationTask> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM remediation_task WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::RemediationTaskNotFound { id: id.to_string() })
}

fn owner_role(v: &str) -> Result<String> {
    let t = v.trim();
    if t.is_empty() {
        return Err(Error::RemediationOwnerRoleEmpty);
    }
    Ok(t.to_string())
}

/// A round of the same enterprise.
fn check_round(store: &Store, enterprise_id: &str, id: i64) -> Result<()> {
    if store.rounds().get(id)?.enterprise_id != enterprise_id {
        return Err(Error::RoundNotFound { id: id.to_string() });
    }
    Ok(())
}

fn status_text(status: RemediationStatus, closed_on: Option<&str>) -> String {
    match closed_on {
        Some(d) => format!("{}（{d}）", status.label()),
        None => status.label().to_string(),
    }
}

impl crate::store::handles::Tasks<'_> {
    /// Add a 整改事项 (status 待整改). The owner must be a role.
    pub fn add(&self, input: &NewRemediationTask) -> Result<RemediationTask> {
        self.enterprises().get(&input.enterprise_id)?;
        let eid = input.enterprise_id.as_str();
        if let Some(aid) = input.assessment_id {
            check_round(self, eid, aid)?;
        }
        let criterion = input
            .criterion_id
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let title = required("整改事项", &input.title)?;
        let role = owner_role(&input.owner_role)?;
        let due = day(parse_day("完成期限", &input.due_on)?);
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO remediation_task (enterprise_id, assessment_id, criterion_id, title, owner_role,
                    due_on, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    eid,
                    input.assessment_id,
                    criterion,
                    title,
                    role,
                    due,
                    RemediationStatus::Open.label(),
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            let t = get(tx, id)?;
            crate::store::field::record_added(tx, who, eid, "整改事项", id.to_string(), json(&t))?;
            Ok(id)
        })?;
        get(&self.conn, id)
    }

    pub fn get(&self, id: i64) -> Result<RemediationTask> {
        get(&self.conn, id)
    }

    /// The enterprise's 整改事项 (only those of one round when
    /// `assessment_id` is given), by due date.
    pub fn list(
        &self,
        enterprise_id: &str,
        assessment_id: Option<i64>,
    ) -> Result<Vec<RemediationTask>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM remediation_task
             WHERE enterprise_id = ?1 AND (?2 IS NULL OR assessment_id = ?2)
             ORDER BY due_on, id"
        ))?;
        let rows = st.query_map(params![enterprise_id, assessment_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one field (one transaction, one audit entry). An empty value
    /// clears the round or the criterion. Returns the task as stored.
    pub fn update(&self, id: i64, field: RemediationField, value: &str) -> Result<RemediationTask> {
        let t = get(&self.conn, id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        let new = match field {
            RemediationField::AssessmentId => {
                if v.is_empty() {
                    Value::Null
                } else {
                    let aid = parse_id(v, |id| Error::RoundNotFound { id })?;
                    check_round(self, &t.enterprise_id, aid)?;
                    Value::Integer(aid)
                }
            }
            RemediationField::CriterionId => opt_text(v),
            RemediationField::Title => Value::Text(required(label, v)?),
            RemediationField::OwnerRole => Value::Text(owner_role(v)?),
            RemediationField::DueOn => Value::Text(day(parse_day(label, v)?)),
        };
        let edit = Edit {
            table: "remediation_task",
            entity: "整改事项",
            id,
            enterprise_id: &t.enterprise_id,
            column,
            label,
        };
        write_field(self, edit, new, None)?;
        get(&self.conn, id)
    }

    /// Move a task to `status`. 已完成 needs the date it was closed, not
    /// after `today`; any other status clears that date (a reopened task is
    /// open again) and takes none.
    pub fn set_status(
        &self,
        id: i64,
        status: RemediationStatus,
        closed_on: Option<&str>,
        today: NaiveDate,
    ) -> Result<RemediationTask> {
        let t = get(&self.conn, id)?;
        let given = closed_on.map(str::trim).filter(|d| !d.is_empty());
        let closed = match (status, given) {
            (RemediationStatus::Done, None) => return Err(Error::RemediationClosedOnRequired),
            (RemediationStatus::Done, Some(d)) => {
                let d = parse_day("完成日期", d)?;
                not_after_today("完成日期", d, today)?;
                Some(day(d))
            }
            (_, Some(_)) => {
                return Err(Error::FieldInvalid {
                    field: "完成日期".into(),
                    reason: format!(
                        "只有“已完成”的整改事项才填写完成日期（当前选择“{}”）",
                        status.label()
                    ),
                })
            }
            (_, None) => None,
        };
        if t.status == status && t.closed_on == closed {
            return Ok(t);
        }
        self.write(|tx, who| {
            tx.execute(
                "UPDATE remediation_task SET status = ?2, closed_on = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, status.label(), closed, now_stamp()],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&t.enterprise_id),
                    action: "修改",
                    entity: "整改事项",
                    entity_id: id.to_string(),
                    field: Some("整改状态"),
                    old: Some(status_text(t.status, t.closed_on.as_deref())),
                    new: Some(status_text(status, closed.as_deref())),
                },
            )
        })?;
        get(&self.conn, id)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        let t = get(&self.conn, id)?;
        delete_row(
            self,
            "remediation_task",
            "整改事项",
            id,
            &t.enterprise_id,
            json(&t),
        )
    }
}
