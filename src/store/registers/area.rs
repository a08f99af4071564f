//! 涉密区域 and 信息系统: two registers of the same shape (name, level,
//! access rule, warning signs), in two tables.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{delete_row, json, parse_bool, required, write_field, Edit, Value};
use crate::error::{Error, Result};
use crate::model;
use crate::store::{now_stamp, Store};

/// A new 涉密区域 or 信息系统.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewAreaOrSystem {
    pub enterprise_id: String,
    /// e.g. 配料间, PLM 系统.
    pub name: String,
    /// A level of the enterprise's scheme (密级).
    pub level: String,
    /// Who may enter or log in, and how (门禁、审批、账号权限 …).
    pub access_rule: String,
    /// Warning signs are posted (区域) or shown (系统).
    pub has_signs: bool,
}

/// A 涉密区域 or 信息系统 as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct AreaOrSystem {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub name: String,
    pub level: String,
    pub access_rule: String,
    pub has_signs: bool,
}

/// The fields of a 涉密区域 or 信息系统 edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum AreaOrSystemField {
    Name,
    Level,
    AccessRule,
    HasSigns,
}

impl AreaOrSystemField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        match self {
            AreaOrSystemField::Name => ("name", "名称"),
            AreaOrSystemField::Level => ("level", "密级"),
            AreaOrSystemField::AccessRule => ("access_rule", "准入规则"),
            AreaOrSystemField::HasSigns => ("has_signs", "警示标识"),
        }
    }
}

/// Which of the two registers.
#[derive(Clone, Copy)]
enum Kind {
    Area,
    System,
}

impl Kind {
    fn table(self) -> &'static str {
        match self {
            Kind::Area => "secret_area",
            Kind::System => "info_system",
        }
    }

    fn entity(self) -> &'static str {
        match self {
            Kind::Area => "涉密区域",
            Kind::System => "信息系统",
        }
    }

    fn name_label(self) -> &'static str {
        match self {
            Kind::Area => "区域名称",
            Kind::System => "系统名称",
        }
    }

    fn not_found(self, id: i64) -> Error {
        match self {
            Kind::Area => Error::SecretAreaNotFound { id: id.to_string() },
            Kind::System => Error::InfoSystemNotFound { id: id.to_string() },
        }
    }
}

fn from_row(r: &Row) -> rusqlite::Result<AreaOrSystem> {
    Ok(AreaOrSystem {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        name: r.get(2)?,
        level: r.get(3)?,
        access_rule: r.get(4)?,
        has_signs: r.get(5)?,
    })
}

fn get(conn: &Connection, kind: Kind, id: i64) -> Result<AreaOrSystem> {
    conn.query_row(
        &format!(
            "SELECT id, enterprise_id, name, level, access_rule, has_signs FROM {} WHERE id = ?1",
            kind.table()
        ),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| kind.not_found(id))
}

fn add(store: &Store, kind: Kind, input: &NewAreaOrSystem) -> Result<AreaOrSystem> {
    store.enterprises().get(&input.enterprise_id)?;
    let eid = input.enterprise_id.as_str();
    let name = required(kind.name_label(), &input.name)?;
    let level = model::resolve_level(&store.levels().list(eid)?, &input.level)?;
    let id = store.write(|tx, who| {
        let now = now_stamp();
        tx.execute(
            &format!(
                "INSERT INTO {} (enterprise_id, name, level, access_rule, has_signs, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                kind.table()
            ),
            params![eid, name, level, input.access_rule.trim(), input.has_signs, now],
        )?;
        let id = tx.last_insert_rowid();
        let a = get(tx, kind, id)?;
        crate::store::field::record_added(tx, who, eid, kind.entity(), id.to_string(), json(&a))?;
        Ok(id)
    })?;
    get(&store.conn, kind, id)
}

fn list(store: &Store, kind: Kind, enterprise_id: &str) -> Result<Vec<AreaOrSystem>> {
    store.enterprises().get(enterprise_id)?;
    let mut st = store.conn.prepare(&format!(
        "SELECT id, enterprise_id, name, level, access_rule, has_signs FROM {}
         WHERE enterprise_id = ?1 ORDER BY id",
        kind.table()
    ))?;
    let rows = st.query_map([enterprise_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn update(
    store: &Store,
    kind: Kind,
    id: i64,
    field: AreaOrSystemField,
    value: &str,
) -> Result<AreaOrSystem> {
    let a = get(&store.conn, kind, id)?;
    let (column, label) = field.column_and_label();
    let v = value.trim();
    let new = match field {
        AreaOrSystemField::Name => Value::Text(required(kind.name_label(), v)?),
        AreaOrSystemField::Level => Value::Text(model::resolve_level(
            &store.levels().list(&a.enterprise_id)?,
            v,
        )?),
        AreaOrSystemField::AccessRule => Value::Text(v.to_string()),
        AreaOrSystemField::HasSigns => Value::Integer(parse_bool(label, v)? as i64),
    };
    let edit = Edit {
        table: kind.table(),
        entity: kind.entity(),
        id,
        enterprise_id: &a.enterprise_id,
        column,
        label,
    };
    write_field(store, edit, new, None)?;
    get(&store.conn, kind, id)
}

fn delete(store: &Store, kind: Kind, id: i64) -> Result<()> {
    let a = get(&store.conn, kind, id)?;
    delete_row(
        store,
        kind.table(),
        kind.entity(),
        id,
        &a.enterprise_id,
        json(&a),
    )
}

impl crate::store::handles::Areas<'_> {
    /// Register a 涉密区域; its level must be in the enterprise's scheme.
    pub fn add(&self, input: &NewAreaOrSystem) -> Result<AreaOrSystem> {
        add(self, Kind::Area, input)
    }

    pub fn get(&self, id: i64) -> Result<AreaOrSystem> {
        get(&self.conn, Kind::Area, id)
    }

    pub fn list(&self, enterprise_id: &str) -> Result<Vec<AreaOrSystem>> {
        list(self, Kind::Area, enterprise_id)
    }

    /// Change one field of a 涉密区域 (one transaction, one audit entry).
    pub fn update(&self, id: i64, field: AreaOrSystemField, value: &str) -> Result<AreaOrSystem> {
        update(self, Kind::Area, id, field, value)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        delete(self, Kind::Area, id)
    }
}

impl crate::store::handles::Systems<'_> {
    /// Register a 信息系统; its level must be in the enterprise's scheme.
    pub fn add(&self, input: &NewAreaOrSystem) -> Result<AreaOrSystem> {
        add(self, Kind::System, input)
    }

    pub fn get(&self, id: i64) -> Result<AreaOrSystem> {
        get(&self.conn, Kind::System, id)
    }

    pub fn list(&self, enterprise_id: &str) -> Result<Vec<AreaOrSystem>> {
        list(self, Kind::System, enterprise_id)
    }

    /// Change one field of a 信息系统 (one transaction, one audit entry).
    pub fn update(&self, id: i64, field: AreaOrSystemField, value: &str) -> Result<AreaOrSystem> {
        update(self, Kind::System, id, field, value)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        delete(self, Kind::System, id)
    }
}
