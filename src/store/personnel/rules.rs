//! 制度清单: rules bind staff only if adopted democratically and made known
//! (劳动合同法 Art. 4).

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{day, json, opt_day, required, write_field, Edit};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::now_stamp;

/// A rule in the 制度清单.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct RuleDoc {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub title: String,
    /// 文号.
    pub doc_no: String,
    pub issued_on: String,
    /// 民主程序, e.g. 职工代表大会审议.
    pub democratic_procedure: String,
    /// 公示/告知 date.
    pub publicized_on: Option<String>,
    /// How it was made known, e.g. 公告栏公示、员工签收.
    pub publicity_method: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRuleDoc {
    pub enterprise_id: String,
    pub title: String,
    pub doc_no: String,
    pub issued_on: String,
    pub democratic_procedure: String,
    pub publicized_on: Option<String>,
    pub publicity_method: String,
}

/// The fields of a rule that are edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum RuleDocField {
    Title,
    DocNo,
    IssuedOn,
    DemocraticProcedure,
    PublicizedOn,
    PublicityMethod,
}

impl RuleDocField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        use RuleDocField::*;
        match self {
            Title => ("title", "制度名称"),
            DocNo => ("doc_no", "文号"),
            IssuedOn => ("issued_on", "发布日期"),
            DemocraticProcedure => ("democratic_procedure", "民主程序"),
            PublicizedOn => ("publicized_on", "公示/告知日期"),
            PublicityMethod => ("publicity_method", "公示/告知方式"),
        }
    }
}

const RULE_COLUMNS: &str = "id, enterprise_id, title, doc_no, issued_on, democratic_procedure,
    publicized_on, publicity_method";

fn rule_from_row(r: &Row) -> rusqlite::Result<RuleDoc> {
    Ok(RuleDoc {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        title: r.get(2)?,
        doc_no: r.get(3)?,
        issued_on: r.get(4)?,
        democratic_procedure: r.get(5)?,
        publicized_on: r.get(6)?,
        publicity_method: r.get(7)?,
    })
}

fn get_rule(conn: &Connection, id: i64) -> Result<RuleDoc> {
    conn.query_row(
        &format!("SELECT {RULE_COLUMNS} FROM rule_doc WHERE id = ?1"),
        [id],
        rule_from_row,
    )
    .optional()?
    .ok_or(Error::RuleDocNotFound { id: id.to_string() })
}

impl crate::store::handles::Rules<'_> {
    /// Add a rule to the 制度清单.
    pub fn add(&self, input: &NewRuleDoc) -> Result<RuleDoc> {
        self.enterprises().get(&input.enterprise_id)?;
        let title = required("制度名称", &input.title)?;
        let issued = day("发布日期", &input.issued_on)?;
        let publicized = opt_day("公示/告知日期", input.publicized_on.as_deref())?;
        let eid = input.enterprise_id.as_str();
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO rule_doc (enterprise_id, title, doc_no, issued_on, democratic_procedure,
                    publicized_on, publicity_method, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    eid,
                    title,
                    input.doc_no.trim(),
                    issued,
                    input.democratic_procedure.trim(),
                    publicized,
                    input.publicity_method.trim(),
                    now
                ],
            )?;
            let id = tx.last_insert_rowid();
            let r = get_rule(tx, id)?;
            crate::store::field::record_added(tx, who, eid, "制度", id.to_string(), json(&r))?;
            Ok(id)
        })?;
        get_rule(&self.conn, id)
    }

    pub fn get(&self, id: i64) -> Result<RuleDoc> {
        get_rule(&self.conn, id)
    }

    /// The enterprise's rules, by date issued.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<RuleDoc>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {RULE_COLUMNS} FROM rule_doc WHERE enterprise_id = ?1 ORDER BY issued_on, id"
        ))?;
        let rows = st.query_map([enterprise_id], rule_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one field of a rule (one transaction, one audit entry). An
    /// empty value clears the 公示/告知 date. Returns the rule as stored.
    pub fn update(&self, id: i64, field: RuleDocField, value: &str) -> Result<RuleDoc> {
        let r = get_rule(&self.conn, id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        let new = match field {
            RuleDocField::Title => Value::Text(required(label, v)?),
            RuleDocField::IssuedOn => Value::Text(day(label, v)?),
            RuleDocField::PublicizedOn => match opt_day(label, Some(v))? {
                Some(d) => Value::Text(d),
                None => Value::Null,
            },
            RuleDocField::DocNo
            | RuleDocField::DemocraticProcedure
            | RuleDocField::PublicityMethod => Value::Text(v.to_string()),
        };
        let eid = r.enterprise_id.clone();
        let edit = Edit {
            table: "rule_doc",
            entity: "制度",
            id,
            enterprise_id: &eid,
            column,
            label,
        };
        write_field(self, edit, new, None)?;
        get_rule(&self.conn, id)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        let r = get_rule(&self.conn, id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM rule_doc WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&r.enterprise_id),
                    action: "删除",
                    entity: "制度",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(json(&r)),
                    new: None,
                },
            )
        })
    }
}
