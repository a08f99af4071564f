//! 商业秘密事项 and their 密点: add, list, update one field at a time, move
//! along the status transitions with their 定密 approval records.

use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::audit::{self, Change};
use super::field::{json as point_json, parse_bool, shown, Value};
use super::{now_stamp, Store};
use crate::error::{Error, Result};
use crate::model::point::{PROTECTION_PATHS, SECRECY_CHANNELS};
use crate::model::{
    self, Approval, ApprovalKind, Category, NewApproval, NewSecretPoint, RegisterRow, SecretPoint,
    Status, Term,
};

/// Schema 6: items, the full 密点 fields, approval records.
pub(super) const MIGRATION: &str = "
CREATE TABLE secret_item (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at    TEXT NOT NULL,
    UNIQUE (enterprise_id, name)
);
ALTER TABLE secret_point ADD COLUMN item_id INTEGER REFERENCES secret_item(id) ON DELETE SET NULL;
ALTER TABLE secret_point ADD COLUMN subtype TEXT;
ALTER TABLE secret_point ADD COLUMN summary TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN detail TEXT;
ALTER TABLE secret_point ADD COLUMN carrier_index TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN secrecy_checked_on TEXT;
ALTER TABLE secret_point ADD COLUMN secrecy_checked_by TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN secrecy_channels TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN combination_secret INTEGER NOT NULL DEFAULT 0;
ALTER TABLE secret_point ADD COLUMN value_note TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN protection_path TEXT;
ALTER TABLE secret_point ADD COLUMN reverse_engineerable INTEGER;
ALTER TABLE secret_point ADD COLUMN patent_filed INTEGER;
ALTER TABLE secret_point ADD COLUMN path_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN responsible TEXT NOT NULL DEFAULT '';
ALTER TABLE secret_point ADD COLUMN term TEXT;
ALTER TABLE secret_point ADD COLUMN status TEXT NOT NULL DEFAULT '拟定';
ALTER TABLE secret_point ADD COLUMN review_due TEXT;
ALTER TABLE secret_point ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE secret_point SET updated_at = created_at;
CREATE INDEX secret_point_item ON secret_point(item_id);
CREATE TABLE approval (
    id                   INTEGER PRIMARY KEY,
    point_id             INTEGER NOT NULL REFERENCES secret_point(id) ON DELETE CASCADE,
    kind                 TEXT NOT NULL CHECK (kind IN ('定密', '变更', '解密')),
    from_status          TEXT NOT NULL,
    to_status            TEXT NOT NULL,
    proposing_department TEXT NOT NULL,
    proposer             TEXT NOT NULL,
    approver             TEXT NOT NULL,
    filed_by             TEXT NOT NULL,
    basis                TEXT NOT NULL,
    decided_on           TEXT NOT NULL,
    change_summary       TEXT NOT NULL,
    created_at           TEXT NOT NULL
);
CREATE INDEX approval_point ON approval(point_id);
";

const COLUMNS: &str =
    "id, enterprise_id, code, name, category, level, created_at, item_id, subtype,
    summary, detail, carrier_index, secrecy_checked_on, secrecy_checked_by, secrecy_channels,
    combination_secret, value_note, protection_path, reverse_engineerable, patent_filed,
    path_reason, department, responsible, term, status, review_due, updated_at, origin";

fn from_row(r: &Row) -> rusqlite::Result<SecretPoint> {
    let cat: String = r.get(4)?;
    let channels: String = r.get(14)?;
    let term: Option<String> = r.get(23)?;
    let status: String = r.get(24)?;
    Ok(SecretPoint {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        // The table's CHECK admits only the three labels.
        category: Category::parse(&cat).unwrap_or(Category::Other),
        level: r.get(5)?,
        created_at: r.get(6)?,
        item_id: r.get(7)?,
        subtype: r.get(8)?,
        summary: r.get(9)?,
        detail: r.get(10)?,
        carrier_index: r.get(11)?,
        secrecy_checked_on: r.get(12)?,
        secrecy_checked_by: r.get(13)?,
        secrecy_channels: channels
            .split('\n')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        combination_secret: r.get(15)?,
        value_note: r.get(16)?,
        protection_path: r.get(17)?,
        reverse_engineerable: r.get(18)?,
        patent_filed: r.get(19)?,
        path_reason: r.get(20)?,
        department: r.get(21)?,
        responsible: r.get(22)?,
        // Written only through Term::label.
        term: term.and_then(|t| Term::parse(&t).ok()),
        status: Status::parse(&status).unwrap_or(Status::Proposed),
        review_due: r.get(25)?,
        updated_at: r.get(26)?,
        origin: r.get(27)?,
    })
}

/// A 商业秘密事项: the unit an enterprise thinks in (e.g. 熬胶工艺), holding 密点.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SecretItem {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub name: String,
}

/// The fields of a 密点 that are edited one at a time (autosave). Status is
/// not among them: it moves only through `transition_point`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum PointField {
    Code,
    Name,
    Category,
    Subtype,
    Level,
    ItemId,
    Summary,
    Detail,
    CarrierIndex,
    SecrecyCheckedOn,
    SecrecyCheckedBy,
    SecrecyChannels,
    CombinationSecret,
    ValueNote,
    ProtectionPath,
    ReverseEngineerable,
    PatentFiled,
    PathReason,
    Department,
    Responsible,
    Term,
    ReviewDue,
    Origin,
}

impl PointField {
    /// The column, and the Chinese name used in messages and the audit log.
    fn column_and_label(self) -> (&'static str, &'static str) {
        use PointField::*;
        match self {
            Code => ("code", "代号"),
            Name => ("name", "名称"),
            Category => ("category", "类别"),
            Subtype => ("subtype", "子类"),
            Level => ("level", "密级"),
            ItemId => ("item_id", "所属事项"),
            Summary => ("summary", "概述"),
            Detail => ("detail", "详细说明"),
            CarrierIndex => ("carrier_index", "载体索引"),
            SecrecyCheckedOn => ("secrecy_checked_on", "秘密性核查日期"),
            SecrecyCheckedBy => ("secrecy_checked_by", "秘密性核查人"),
            SecrecyChannels => ("secrecy_channels", "已核查渠道"),
            CombinationSecret => ("combination_secret", "组合秘密"),
            ValueNote => ("value_note", "价值性说明"),
            ProtectionPath => ("protection_path", "保护路径"),
            ReverseEngineerable => ("reverse_engineerable", "能否反向工程"),
            PatentFiled => ("patent_filed", "是否已申请专利"),
            PathReason => ("path_reason", "保护路径理由"),
            Department => ("department", "责任部门"),
            Responsible => ("responsible", "责任人"),
            Term => ("term", "保密期限"),
            ReviewDue => ("review_due", "复核日"),
            Origin => ("origin", "形成过程与权属"),
        }
    }
}

use crate::store::field::stored_day as parse_day;

pub(super) fn get_point(conn: &Connection, id: i64) -> Result<SecretPoint> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM secret_point WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::SecretPointNotFound { id: id.to_string() })
}

impl Store {
    /// Check one field's new value against the 密点 as it is (`p`).
    fn check_point_field(&self, p: &SecretPoint, field: PointField, value: &str) -> Result<Value> {
        let (_, label) = field.column_and_label();
        let point_id = p.id;
        let v = value.trim();
        let text = |s: &str| Value::Text(s.to_string());
        let opt_text = |s: &str| {
            if s.is_empty() {
                Value::Null
            } else {
                Value::Text(s.to_string())
            }
        };
        let new = match field {
            PointField::Code => {
                let v = crate::text::normalize_key(v);
                model::validate_code(&v)?;
                ensure_code_free(&self.conn, &p.enterprise_id, &v, Some(point_id))?;
                text(&v)
            }
            PointField::Name => {
                if v.is_empty() {
                    return Err(Error::SecretPointNameEmpty);
                }
                text(v)
            }
            PointField::Category => {
                let c = Category::parse(v)?;
                // A sub-type of the old category does not carry over.
                if let Some(st) = &p.subtype {
                    if c.check_subtype(st).is_err() {
                        return Err(c.subtype_refused(st));
                    }
                }
                text(c.label())
            }
            PointField::Subtype => {
                if v.is_empty() {
                    Value::Null
                } else {
                    text(&p.category.check_subtype(v)?)
                }
            }
            PointField::Level => text(&model::resolve_level(
                &self.levels().list(&p.enterprise_id)?,
                v,
            )?),
            PointField::ItemId => {
                if v.is_empty() {
                    Value::Null
                } else {
                    let id: i64 = v
                        .parse()
                        .map_err(|_| Error::SecretItemNotFound { id: v.to_string() })?;
                    let owner: Option<String> = self
                        .conn
                        .query_row(
                            "SELECT enterprise_id FROM secret_item WHERE id = ?1",
                            [id],
                            |r| r.get(0),
                        )
                        .optional()?;
                    if owner.as_deref() != Some(p.enterprise_id.as_str()) {
                        return Err(Error::SecretItemNotFound { id: v.to_string() });
                    }
                    Value::Integer(id)
                }
            }
            PointField::Detail => {
                if !v.is_empty() && !self.enterprises().detail_opted_in(&p.enterprise_id)? {
                    return Err(Error::DetailNotOptedIn);
                }
                opt_text(v)
            }
            PointField::SecrecyCheckedOn | PointField::ReviewDue => {
                if v.is_empty() {
                    Value::Null
                } else {
                    text(&parse_day(label, v)?)
                }
            }
            PointField::SecrecyChannels => {
                let mut chosen = Vec::new();
                for c in v.split('\n').map(str::trim).filter(|c| !c.is_empty()) {
                    if !SECRECY_CHANNELS.contains(&c) {
                        return Err(Error::FieldInvalid {
                            field: label.to_string(),
                            reason: format!("“{c}”不是司法解释第四条所列的渠道"),
                        });
                    }
                    if !chosen.contains(&c) {
                        chosen.push(c);
                    }
                }
                text(&chosen.join("\n"))
            }
            PointField::CombinationSecret => Value::Integer(parse_bool(label, v)? as i64),
            PointField::ReverseEngineerable | PointField::PatentFiled => {
                if v.is_empty() {
                    Value::Null
                } else {
                    Value::Integer(parse_bool(label, v)? as i64)
                }
            }
            PointField::ProtectionPath => {
                if v.is_empty() {
                    Value::Null
                } else if PROTECTION_PATHS.contains(&v) {
                    text(v)
                } else {
                    return Err(Error::FieldInvalid {
                        field: label.to_string(),
                        reason: format!("应为 {}", PROTECTION_PATHS.join("、")),
                    });
                }
            }
            PointField::Term => {
                if v.is_empty() {
                    Value::Null
                } else {
                    text(&Term::parse(v)?.label())
                }
            }
            PointField::Summary
            | PointField::CarrierIndex
            | PointField::SecrecyCheckedBy
            | PointField::ValueNote
            | PointField::Origin
            | PointField::PathReason
            | PointField::Department
            | PointField::Responsible => text(v),
        };
        Ok(new)
    }
}

impl crate::store::handles::Points<'_> {
    pub fn add(&self, input: &NewSecretPoint) -> Result<SecretPoint> {
        self.points().add_with(input, &[])
    }

    /// The 密点 of an enterprise with this 代号 (as typed: spaces and
    /// full-width forms do not matter).
    pub fn by_code(&self, enterprise_id: &str, code: &str) -> Result<SecretPoint> {
        let key = crate::text::normalize_key(code);
        self.list(enterprise_id)?
            .into_iter()
            .find(|p| crate::text::normalize_key(&p.code) == key)
            .ok_or_else(|| Error::SecretPointNotFound {
                id: code.trim().to_string(),
            })
    }

    pub fn get(&self, id: i64) -> Result<SecretPoint> {
        get_point(&self.conn, id)
    }

    /// The enterprise's 密点 in the order of their 代号.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<SecretPoint>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM secret_point WHERE enterprise_id = ?1 ORDER BY code, id"
        ))?;
        let rows = st.query_map([enterprise_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The enterprise's register as rows, in the order of their 代号: the
    /// same 密点 as [`Self::list`], without the fields only a 密点's own
    /// form shows.
    pub fn rows(&self, enterprise_id: &str) -> Result<Vec<RegisterRow>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare_cached(
            "SELECT id, code, name, category, level, status, department, responsible, term,
                    review_due, summary
             FROM secret_point WHERE enterprise_id = ?1 ORDER BY code, id",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            let cat: String = r.get(3)?;
            let status: String = r.get(5)?;
            let term: Option<String> = r.get(8)?;
            Ok(RegisterRow {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                // The table's CHECKs admit only valid labels; terms are written through Term::label.
                category: Category::parse(&cat).unwrap_or(Category::Other),
                level: r.get(4)?,
                status: Status::parse(&status).unwrap_or(Status::Proposed),
                department: r.get(6)?,
                responsible: r.get(7)?,
                term: term.and_then(|t| Term::parse(&t).ok()),
                review_due: r.get(9)?,
                summary: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one field of a 密点 (one transaction, one audit entry). An
    /// empty value clears an optional field. Returns the 密点 as stored.
    pub fn update(&self, point_id: i64, field: PointField, value: &str) -> Result<SecretPoint> {
        let p = get_point(&self.conn, point_id)?;
        let (column, label) = field.column_and_label();
        let new = self.check_point_field(&p, field, value)?;
        let v = value.trim();
        let old: Option<String> = self.conn.query_row(
            &format!("SELECT CAST({column} AS TEXT) FROM secret_point WHERE id = ?1"),
            [point_id],
            |r| r.get(0),
        )?;
        if old == shown(&new) {
            return Ok(p);
        }
        let eid = p.enterprise_id.clone();
        let code = if field == PointField::Code {
            v.to_string()
        } else {
            p.code.clone()
        };
        self.write(|tx, who| {
            tx.execute(
                &format!("UPDATE secret_point SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
                params![point_id, new, now_stamp()],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&eid),
                    action: "修改",
                    entity: "密点",
                    entity_id: code,
                    field: Some(label),
                    old,
                    new: shown(&new),
                },
            )
        })?;
        get_point(&self.conn, point_id)
    }

    /// Add a 密点 with further fields set, in one transaction with one
    /// audit entry (the demo and register imports use it). Each field is
    /// checked as `update_point` checks it; the 代号 comes from `input`.
    pub fn add_with(
        &self,
        input: &NewSecretPoint,
        fields: &[(PointField, &str)],
    ) -> Result<SecretPoint> {
        let prepared = self.points().prepare(input, fields)?;
        let id = self.write(|tx, who| insert_point(tx, who, &prepared, None))?;
        get_point(&self.conn, id)
    }

    /// Check a new 密点 without writing it: name, level, each field, and a
    /// given 代号's form and that no 密点 of the enterprise has it yet.
    pub(super) fn prepare(
        &self,
        input: &NewSecretPoint,
        fields: &[(PointField, &str)],
    ) -> Result<PreparedPoint> {
        let name = input.name.trim().to_string();
        if name.is_empty() {
            return Err(Error::SecretPointNameEmpty);
        }
        let level = model::resolve_level(&self.levels().list(&input.enterprise_id)?, &input.level)?;
        let mut draft = SecretPoint {
            enterprise_id: input.enterprise_id.clone(),
            category: input.category,
            ..Default::default()
        };
        let mut values = Vec::with_capacity(fields.len());
        for (field, value) in fields {
            if *field == PointField::Code {
                return Err(Error::FieldInvalid {
                    field: "代号".into(),
                    reason: "请在新增时填写代号".into(),
                });
            }
            let v = self.check_point_field(&draft, *field, value)?;
            match (field, &v) {
                (PointField::Category, Value::Text(c)) => draft.category = Category::parse(c)?,
                (PointField::Subtype, Value::Text(st)) => draft.subtype = Some(st.clone()),
                _ => {}
            }
            values.push((field.column_and_label().0, v));
        }
        let code = input
            .code
            .as_deref()
            .map(crate::text::normalize_key)
            .filter(|c| !c.is_empty());
        if let Some(c) = &code {
            model::validate_code(c)?;
            ensure_code_free(&self.conn, &input.enterprise_id, c, None)?;
        }
        Ok(PreparedPoint {
            enterprise_id: input.enterprise_id.clone(),
            code,
            name,
            category: draft.category,
            level,
            values,
        })
    }

    /// Move a 密点 to `to` along the allowed transitions; 定密, 变更 and 解密
    /// need an approval record, which is stored with it.
    pub fn transition(
        &self,
        point_id: i64,
        to: Status,
        approval: Option<&NewApproval>,
    ) -> Result<SecretPoint> {
        let p = get_point(&self.conn, point_id)?;
        let needs = p.status.transition(to)?;
        let checked = match needs {
            Some(kind) => {
                let a = approval.ok_or(Error::ApprovalRequired {
                    kind: kind.label().to_string(),
                })?;
                Some((kind, check_approval(a)?))
            }
            None => None,
        };
        let eid = p.enterprise_id.clone();
        self.write(|tx, who| {
            tx.execute(
                "UPDATE secret_point SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![point_id, to.label(), now_stamp()],
            )?;
            if let Some((kind, a)) = &checked {
                tx.execute(
                    "INSERT INTO approval (point_id, kind, from_status, to_status, proposing_department,
                        proposer, approver, filed_by, basis, decided_on, change_summary, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        point_id, kind.label(), p.status.label(), to.label(), a.proposing_department,
                        a.proposer, a.approver, a.filed_by, a.basis, a.decided_on, a.change_summary,
                        now_stamp()
                    ],
                )?;
            }
            audit::record(tx, who, Change {
                enterprise_id: Some(&eid),
                action: "状态变更",
                entity: "密点",
                entity_id: p.code.clone(),
                field: Some("状态"),
                old: Some(p.status.label().to_string()),
                new: Some(to.label().to_string()),
            })
        })?;
        get_point(&self.conn, point_id)
    }

    /// The approval records of a 密点, oldest first.
    pub fn approvals(&self, point_id: i64) -> Result<Vec<Approval>> {
        get_point(&self.conn, point_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {APPROVAL_COLUMNS} FROM approval WHERE point_id = ?1 ORDER BY decided_on, id"
        ))?;
        let rows = st.query_map([point_id], approval_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The approval records of every 密点 of an enterprise that has any,
    /// by point id, each oldest first (one query, however many 密点).
    pub fn approvals_of_enterprise(
        &self,
        enterprise_id: &str,
    ) -> Result<std::collections::HashMap<i64, Vec<Approval>>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {APPROVAL_COLUMNS} FROM approval
             WHERE point_id IN (SELECT id FROM secret_point WHERE enterprise_id = ?1)
             ORDER BY point_id, decided_on, id"
        ))?;
        let mut all: std::collections::HashMap<i64, Vec<Approval>> = Default::default();
        for a in st.query_map([enterprise_id], approval_from_row)? {
            let a = a?;
            all.entry(a.point_id).or_default().push(a);
        }
        Ok(all)
    }

    /// One approval record, e.g. to print its 审批表.
    pub fn approval(&self, id: i64) -> Result<Approval> {
        self.conn
            .query_row(
                &format!("SELECT {APPROVAL_COLUMNS} FROM approval WHERE id = ?1"),
                [id],
                approval_from_row,
            )
            .optional()?
            .ok_or(Error::ApprovalNotFound { id: id.to_string() })
    }

    /// Delete a 密点 and its approvals (audit-logged with its last content).
    pub fn delete(&self, point_id: i64) -> Result<()> {
        let p = get_point(&self.conn, point_id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM secret_point WHERE id = ?1", [point_id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "密点",
                    entity_id: p.code.clone(),
                    field: None,
                    old: Some(point_json(&p)),
                    new: None,
                },
            )
        })
    }

    /// Add a 商业秘密事项.
    pub fn add_item(&self, enterprise_id: &str, name: &str) -> Result<SecretItem> {
        self.enterprises().get(enterprise_id)?;
        let n = name.trim().to_string();
        if n.is_empty() {
            return Err(Error::FieldInvalid {
                field: "事项名称".into(),
                reason: "不能为空".into(),
            });
        }
        let id = self.write(|tx, who| {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM secret_item WHERE enterprise_id = ?1 AND name = ?2)",
                params![enterprise_id, n],
                |r| r.get(0),
            )?;
            if taken {
                return Err(Error::SecretItemDuplicate { name: n.clone() });
            }
            insert_item(tx, who, enterprise_id, &n)
        })?;
        Ok(SecretItem {
            id,
            enterprise_id: enterprise_id.to_string(),
            name: n,
        })
    }

    pub fn items(&self, enterprise_id: &str) -> Result<Vec<SecretItem>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(
            "SELECT id, enterprise_id, name FROM secret_item WHERE enterprise_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            Ok(SecretItem {
                id: r.get(0)?,
                enterprise_id: r.get(1)?,
                name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Check an approval's required fields and normalise its date.
const APPROVAL_COLUMNS: &str = "id, point_id, kind, from_status, to_status, proposing_department,
    proposer, approver, filed_by, basis, decided_on, change_summary";

fn approval_from_row(r: &rusqlite::Row) -> rusqlite::Result<Approval> {
    let kind: String = r.get(2)?;
    let from: String = r.get(3)?;
    let to: String = r.get(4)?;
    // The table's CHECKs admit only valid labels.
    Ok(Approval {
        id: r.get(0)?,
        point_id: r.get(1)?,
        kind: ApprovalKind::parse(&kind).unwrap_or(ApprovalKind::Classify),
        from_status: Status::parse(&from).unwrap_or(Status::Proposed),
        to_status: Status::parse(&to).unwrap_or(Status::Proposed),
        proposing_department: r.get(5)?,
        proposer: r.get(6)?,
        approver: r.get(7)?,
        filed_by: r.get(8)?,
        basis: r.get(9)?,
        decided_on: r.get(10)?,
        change_summary: r.get(11)?,
    })
}

fn check_approval(a: &NewApproval) -> Result<NewApproval> {
    let need = |v: &str, field: &str| {
        if v.trim().is_empty() {
            Err(Error::ApprovalIncomplete {
                field: field.to_string(),
            })
        } else {
            Ok(v.trim().to_string())
        }
    };
    let decided = need(&a.decided_on, "审批日期")?;
    Ok(NewApproval {
        proposing_department: need(&a.proposing_department, "提出部门")?,
        proposer: need(&a.proposer, "提出人")?,
        approver: need(&a.approver, "审批人")?,
        filed_by: need(&a.filed_by, "保密办备案人")?,
        basis: need(&a.basis, "定密依据")?,
        decided_on: parse_day("审批日期", &decided)?,
        change_summary: a.change_summary.trim().to_string(),
    })
}

/// Insert a 商业秘密事项 (and its audit entry) inside the caller's transaction.
pub(super) fn insert_item(
    tx: &rusqlite::Connection,
    who: &str,
    eid: &str,
    name: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO secret_item (enterprise_id, name, created_at) VALUES (?1, ?2, ?3)",
        params![eid, name, now_stamp()],
    )?;
    let id = tx.last_insert_rowid();
    crate::store::field::record_added(
        tx,
        who,
        eid,
        "商业秘密事项",
        id.to_string(),
        name.to_string(),
    )?;
    Ok(id)
}

/// A new 密点 that passed `Store::prepare_point`.
pub(super) struct PreparedPoint {
    enterprise_id: String,
    code: Option<String>,
    name: String,
    category: Category,
    level: String,
    values: Vec<(&'static str, Value)>,
}

/// Insert a prepared 密点 (and its audit entry) inside the caller's
/// transaction; `item` files it under a 商业秘密事项. Returns its id.
pub(super) fn insert_point(
    tx: &rusqlite::Connection,
    who: &str,
    p: &PreparedPoint,
    item: Option<i64>,
) -> Result<i64> {
    let eid = &p.enterprise_id;
    let code = match &p.code {
        Some(c) => {
            ensure_code_free(tx, eid, c, None)?;
            c.clone()
        }
        None => next_code(tx, eid, chrono::Local::now().year())?,
    };
    let now = now_stamp();
    tx.execute(
        "INSERT INTO secret_point (enterprise_id, code, name, category, level, created_at, updated_at, item_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
        params![eid, code, p.name, p.category.label(), p.level, now, item],
    )?;
    let id = tx.last_insert_rowid();
    for (column, v) in &p.values {
        tx.execute(
            &format!("UPDATE secret_point SET {column} = ?2 WHERE id = ?1"),
            params![id, v],
        )?;
    }
    let point = get_point(tx, id)?;
    crate::store::field::record_added(
        tx,
        who,
        eid,
        "密点",
        point.code.clone(),
        point_json(&point),
    )?;
    Ok(id)
}

fn ensure_code_free(
    conn: &Connection,
    enterprise_id: &str,
    code: &str,
    except: Option<i64>,
) -> Result<()> {
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM secret_point WHERE enterprise_id = ?1 AND code = ?2 AND id IS NOT ?3)",
        params![enterprise_id, code, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::SecretPointCodeDuplicate {
            code: code.to_string(),
        });
    }
    Ok(())
}

/// The next free generated 代号 `MD-<year>-<NNN>` for an enterprise.
fn next_code(conn: &Connection, enterprise_id: &str, year: i32) -> Result<String> {
    let prefix = format!("MD-{year}-");
    let mut st = conn.prepare(
        "SELECT code FROM secret_point WHERE enterprise_id = ?1 AND substr(code, 1, ?2) = ?3",
    )?;
    let max = st
        .query_map(params![enterprise_id, prefix.len() as i64, prefix], |r| {
            r.get::<_, String>(0)
        })?
        .filter_map(|c| c.ok()?.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:03}", max + 1))
}

/// What scoring needs to know of each 密点, read in one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointFacts {
    pub id: i64,
    pub code: String,
    pub level: String,
    pub status: Status,
    pub has_term: bool,
    /// 知悉范围 names at least one person or role.
    pub has_access: bool,
    /// A 定密 approval record exists.
    pub classified_with_approval: bool,
    pub secrecy_checked_on: Option<String>,
    pub category: Category,
    pub subtype: Option<String>,
    /// 概述, 子类, 责任部门, 责任人 and 载体索引 are all filled.
    pub register_filled: bool,
    /// 形成过程与权属 is recorded.
    pub origin_recorded: bool,
    /// The 载体索引 names 口头/技艺传承.
    pub oral: bool,
}

impl crate::store::handles::Points<'_> {
    pub fn facts(&self, enterprise_id: &str) -> Result<Vec<PointFacts>> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.id, p.code, p.level, p.status, p.term IS NOT NULL,
                    EXISTS (SELECT 1 FROM point_access a WHERE a.point_id = p.id),
                    EXISTS (SELECT 1 FROM approval ap WHERE ap.point_id = p.id AND ap.kind = '定密'),
                    p.secrecy_checked_on, p.category, p.subtype,
                    trim(p.summary) <> '' AND coalesce(p.subtype, '') <> ''
                        AND trim(p.department) <> '' AND trim(p.responsible) <> ''
                        AND trim(p.carrier_index) <> '',
                    trim(p.origin) <> '',
                    instr(p.carrier_index, '口头') > 0 OR instr(p.carrier_index, '技艺') > 0
             FROM secret_point p WHERE p.enterprise_id = ?1 ORDER BY p.code",
        )?;
        let rows = st.query_map([enterprise_id], |r| {
            let status: String = r.get(3)?;
            Ok(PointFacts {
                id: r.get(0)?,
                code: r.get(1)?,
                level: r.get(2)?,
                status: Status::parse(&status).unwrap_or(Status::Proposed),
                has_term: r.get(4)?,
                has_access: r.get(5)?,
                classified_with_approval: r.get(6)?,
                secrecy_checked_on: r.get(7)?,
                // The table's CHECK admits only the three labels.
                category: Category::parse(&r.get::<_, String>(8)?).unwrap_or(Category::Other),
                subtype: r.get(9)?,
                register_filled: r.get(10)?,
                origin_recorded: r.get(11)?,
                oral: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
