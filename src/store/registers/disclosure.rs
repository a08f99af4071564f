//! 对外提供登记: which 密点 was given to whom (supplier, 外协, customer,
//! visitor, an authority …), under which NDA, on which date and for what.
//! A filing with an authority (药品注册, GMP inspection, this application)
//! records whether the 政府信息公开条例第十五条 request was made.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{
    day, delete_row, json, parse_day, parse_id, point_code, required, write_field, Edit, Value,
};
use crate::error::{Error, Result};
use crate::store::now_stamp;

crate::wire_enum! {
    /// Who received the information.
    pub enum RecipientKind {
        Supplier = ("supplier", "供应商"),
        Subcontractor = ("subcontractor", "外协加工方"),
        Customer = ("customer", "客户"),
        ResearchPartner = ("research_partner", "合作研发方"),
        Visitor = ("visitor", "来访人员"),
        /// A 行政机关 the enterprise files material with.
        Authority = ("authority", "行政机关"),
        Other = ("other_party", "其他"),
    }
}

impl RecipientKind {
    pub fn parse(s: &str) -> Result<RecipientKind> {
        let t = s.trim();
        RecipientKind::ALL
            .into_iter()
            .find(|k| k.label() == t || k.code() == t)
            .ok_or_else(|| Error::FieldInvalid {
                field: "对象类型".into(),
                reason: format!(
                    "“{t}”无效，应为 {}",
                    RecipientKind::ALL.map(RecipientKind::label).join("、")
                ),
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewDisclosure {
    pub enterprise_id: String,
    /// The 密点 provided (of the same enterprise).
    #[ts(type = "number")]
    pub point_id: i64,
    /// To whom: the company or person.
    pub recipient: String,
    pub recipient_kind: RecipientKind,
    /// The NDA's reference (contract number); empty when there is none.
    pub nda_ref: String,
    pub disclosed_on: String,
    pub purpose: String,
    /// For an authority: the 第十五条 request (不予公开, consult before
    /// disclosure) was made with the filing.
    #[serde(default)]
    pub confidentiality_requested: bool,
}

/// One 对外提供 record as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Disclosure {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    #[ts(type = "number")]
    pub point_id: i64,
    /// The 密点's 代号, the way outputs name it.
    pub point_code: String,
    pub recipient: String,
    pub recipient_kind: RecipientKind,
    pub nda_ref: String,
    /// An NDA reference is recorded.
    pub has_nda: bool,
    pub disclosed_on: String,
    pub purpose: String,
    pub confidentiality_requested: bool,
}

/// The fields of a 对外提供 record edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum DisclosureField {
    PointId,
    Recipient,
    RecipientKind,
    NdaRef,
    DisclosedOn,
    Purpose,
    ConfidentialityRequested,
}

impl DisclosureField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        match self {
            DisclosureField::PointId => ("point_id", "提供的密点"),
            DisclosureField::Recipient => ("recipient", "提供对象"),
            DisclosureField::RecipientKind => ("recipient_kind", "对象类型"),
            DisclosureField::NdaRef => ("nda_ref", "保密协议编号"),
            DisclosureField::DisclosedOn => ("disclosed_on", "提供日期"),
            DisclosureField::Purpose => ("purpose", "用途"),
            DisclosureField::ConfidentialityRequested => {
                ("confidentiality_requested", "已提出不予公开请求")
            }
        }
    }
}

const SELECT: &str =
    "SELECT d.id, d.enterprise_id, d.point_id, p.code, d.recipient, d.recipient_kind,
        d.nda_ref, d.disclosed_on, d.purpose, d.confidentiality_requested
    FROM disclosure d JOIN secret_point p ON p.id = d.point_id";

fn from_row(r: &Row) -> rusqlite::Result<Disclosure> {
    let kind: String = r.get(5)?;
    let nda_ref: String = r.get(6)?;
    Ok(Disclosure {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        point_id: r.get(2)?,
        point_code: r.get(3)?,
        recipient: r.get(4)?,
        // The table's CHECK admits only the six labels.
        recipient_kind: RecipientKind::parse(&kind).unwrap_or(RecipientKind::Other),
        has_nda: !nda_ref.is_empty(),
        nda_ref,
        disclosed_on: r.get(7)?,
        purpose: r.get(8)?,
        confidentiality_requested: r.get(9)?,
    })
}

impl crate::store::handles::Disclosures<'_> {
    /// Register that a 密点 was provided to a third party.
    pub fn add(&self, input: &NewDisclosure) -> Result<Disclosure> {
        self.enterprises().get(&input.enterprise_id)?;
        let eid = input.enterprise_id.as_str();
        point_code(&self.conn, eid, input.point_id)?;
        let recipient = required("提供对象", &input.recipient)?;
        let date = day(parse_day("提供日期", &input.disclosed_on)?);
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO disclosure (enterprise_id, point_id, recipient, recipient_kind, nda_ref,
                    disclosed_on, purpose, created_at, updated_at, confidentiality_requested)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
                params![
                    eid,
                    input.point_id,
                    recipient,
                    input.recipient_kind.label(),
                    input.nda_ref.trim(),
                    date,
                    input.purpose.trim(),
                    now,
                    input.confidentiality_requested
                ],
            )?;
            let id = tx.last_insert_rowid();
            let d = tx.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)?;
            crate::store::field::record_added(tx, who, eid, "对外提供", id.to_string(), json(&d))?;
            Ok(id)
        })?;
        self.disclosures().get(id)
    }

    pub fn get(&self, id: i64) -> Result<Disclosure> {
        self.conn
            .query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
            .optional()?
            .ok_or(Error::DisclosureNotFound { id: id.to_string() })
    }

    /// The enterprise's 对外提供 records, oldest first.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Disclosure>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "{SELECT} WHERE d.enterprise_id = ?1 ORDER BY d.disclosed_on, d.id"
        ))?;
        let rows = st.query_map([enterprise_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one field (one transaction, one audit entry). Returns the
    /// record as stored.
    pub fn update(&self, id: i64, field: DisclosureField, value: &str) -> Result<Disclosure> {
        let d = self.disclosures().get(id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        let mut shown = None;
        let new = match field {
            DisclosureField::PointId => {
                let pid = parse_id(v, |id| Error::SecretPointNotFound { id })?;
                let code = point_code(&self.conn, &d.enterprise_id, pid)?;
                shown = Some((Some(d.point_code.clone()), Some(code)));
                Value::Integer(pid)
            }
            DisclosureField::Recipient => Value::Text(required(label, v)?),
            DisclosureField::RecipientKind => {
                Value::Text(RecipientKind::parse(v)?.label().to_string())
            }
            DisclosureField::DisclosedOn => Value::Text(day(parse_day(label, v)?)),
            DisclosureField::NdaRef | DisclosureField::Purpose => Value::Text(v.to_string()),
            DisclosureField::ConfidentialityRequested => {
                Value::Integer(crate::store::field::parse_bool(label, v)? as i64)
            }
        };
        let edit = Edit {
            table: "disclosure",
            entity: "对外提供",
            id,
            enterprise_id: &d.enterprise_id,
            column,
            label,
        };
        write_field(self, edit, new, shown)?;
        self.disclosures().get(id)
    }

    pub fn delete(&self, id: i64) -> Result<()> {
        let d = self.disclosures().get(id)?;
        delete_row(
            self,
            "disclosure",
            "对外提供",
            id,
            &d.enterprise_id,
            json(&d),
        )
    }
}
