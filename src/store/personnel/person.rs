//! 涉密人员: add, get, list, update one field at a time, delete.

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use super::{day, json, opt_day, required, write_field, Edit};
use crate::error::{Error, Result};
use crate::model;
use crate::store::audit::{self, Change};
use crate::store::{now_stamp, Store};

crate::wire_enum! {
    /// Who may be bound by a non-compete (劳动合同法 Art. 24): 高级管理人员,
    /// 高级技术人员 and 其他负有保密义务的人员 only.
    #[derive(Default)]
    pub enum NoncompeteEligibility {
        SeniorManager = ("senior_manager", "高级管理人员"),
        SeniorTechnical = ("senior_technical", "高级技术人员"),
        OtherConfidential = ("other_confidential", "其他负有保密义务的人员"),
        #[default]
        NotEligible = ("not_eligible", "无"),
    }
}

impl NoncompeteEligibility {
    /// Parse the label, or the short forms 高管 / 高技.
    pub fn parse(s: &str) -> Result<NoncompeteEligibility> {
        let t = s.trim();
        let short = match t {
            "高管" => Some(NoncompeteEligibility::SeniorManager),
            "高技" => Some(NoncompeteEligibility::SeniorTechnical),
            _ => None,
        };
        short
            .or_else(|| {
                Self::ALL
                    .into_iter()
                    .find(|e| e.label() == t || e.code() == t)
            })
            .ok_or_else(|| Error::FieldInvalid {
                field: "竞业限制资格".into(),
                reason: format!(
                    "“{t}”无效，应为：{}",
                    Self::ALL.map(|e| e.label()).join("、")
                ),
            })
    }
}

/// A 涉密人员 as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    pub enterprise_id: String,
    pub name: String,
    pub department: String,
    pub post: String,
    /// A name from the enterprise's level scheme, or empty.
    pub person_level: String,
    pub entry_date: String,
    pub exit_date: Option<String>,
    /// 入职承诺: the day the 不侵犯他人商业秘密承诺函 was signed.
    pub entry_pledge_on: Option<String>,
    pub noncompete_eligibility: NoncompeteEligibility,
    /// 约定脱密期（如有）, in months (1–6): only a contract clause can found
    /// it (劳部发〔1996〕355号), never the state-secret rule.
    #[ts(type = "number | null")]
    pub agreed_deconfidential_months: Option<i64>,
    pub note: String,
    /// 本单位员工, or someone bound only by what he or she signs with the
    /// enterprise (劳务派遣, 实习生, 外包驻场, 返聘, 顾问 …).
    pub relationship: crate::store::Relationship,
    /// Computed on reading: the exit date has come (a date in the future is
    /// not yet a departure). The UI asks this; it never compares dates.
    pub has_left: bool,
}

/// What the user enters to add a 涉密人员. Dates as typed (YYYY-MM-DD,
/// YYYY/M/D or YYYY年M月D日); empty optional dates are none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewPerson {
    pub enterprise_id: String,
    pub name: String,
    pub department: String,
    pub post: String,
    pub person_level: String,
    pub entry_date: String,
    pub exit_date: Option<String>,
    pub entry_pledge_on: Option<String>,
    pub noncompete_eligibility: NoncompeteEligibility,
    #[ts(type = "number | null")]
    pub agreed_deconfidential_months: Option<i64>,
    pub note: String,
    #[serde(default)]
    pub relationship: crate::store::Relationship,
}

/// The fields of a 涉密人员 that are edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum PersonField {
    Name,
    Department,
    Post,
    PersonLevel,
    EntryDate,
    ExitDate,
    EntryPledgeOn,
    NoncompeteEligibility,
    AgreedDeconfidentialMonths,
    Note,
    Relationship,
}

impl PersonField {
    /// The column, and the Chinese name used in messages and the audit log.
    fn column_and_label(self) -> (&'static str, &'static str) {
        use PersonField::*;
        match self {
            Name => ("name", "姓名"),
            Department => ("department", "部门"),
            Post => ("post", "岗位"),
            PersonLevel => ("person_level", "涉密等级"),
            EntryDate => ("entry_date", "入职日期"),
            ExitDate => ("exit_date", "离职日期"),
            EntryPledgeOn => ("entry_pledge_on", "入职承诺签署日期"),
            NoncompeteEligibility => ("noncompete_eligibility", "竞业限制资格"),
            AgreedDeconfidentialMonths => ("agreed_deconfidential_months", DECONFIDENTIAL_LABEL),
            Note => ("note", "备注"),
            Relationship => ("relationship", "人员类型"),
        }
    }
}

const DECONFIDENTIAL_LABEL: &str = "约定脱密期（如有）";

const COLUMNS: &str = "id, enterprise_id, name, department, post, person_level, entry_date,
    exit_date, entry_pledge_on, noncompete_eligibility, agreed_deconfidential_months, note,
    relationship";

fn from_row(r: &Row) -> rusqlite::Result<Person> {
    let elig: String = r.get(9)?;
    Ok(Person {
        id: r.get(0)?,
        enterprise_id: r.get(1)?,
        name: r.get(2)?,
        department: r.get(3)?,
        post: r.get(4)?,
        person_level: r.get(5)?,
        entry_date: r.get(6)?,
        exit_date: r.get(7)?,
        entry_pledge_on: r.get(8)?,
        // The table's CHECK admits only the four labels.
        noncompete_eligibility: NoncompeteEligibility::parse(&elig)
            .unwrap_or(NoncompeteEligibility::NotEligible),
        agreed_deconfidential_months: r.get(10)?,
        note: r.get(11)?,
        // The table's CHECK admits only the labels.
        relationship: crate::store::Relationship::from_wire(&r.get::<_, String>(12)?)
            .unwrap_or_default(),
        has_left: false,
    })
    .map(|mut p| {
        p.has_left = left_by(p.exit_date.as_deref(), crate::model::today());
        p
    })
}

/// Whether a person with this exit date has left on `day`.
pub fn left_by(exit_date: Option<&str>, day: chrono::NaiveDate) -> bool {
    exit_date
        .and_then(crate::model::level::parse_date)
        .is_some_and(|d| d <= day)
}

pub(super) fn get_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM person WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::PersonNotFound { id: id.to_string() })
}

/// The person `id` if it belongs to `enterprise_id`; not found otherwise.
pub(super) fn person_of(conn: &Connection, enterprise_id: &str, id: i64) -> Result<Person> {
    match get_person(conn, id) {
        Ok(p) if p.enterprise_id == enterprise_id => Ok(p),
        Ok(_) => Err(Error::PersonNotFound { id: id.to_string() }),
        Err(e) => Err(e),
    }
}

fn check_months(v: i64) -> Result<i64> {
    if (1..=6).contains(&v) {
        Ok(v)
    } else {
        Err(Error::FieldInvalid {
            field: DECONFIDENTIAL_LABEL.into(),
            reason: "应为 1 至 6 个月（仅依劳动合同约定，至多六个月）".into(),
        })
    }
}

fn check_exit_after_entry(entry: &str, exit: Option<&str>) -> Result<()> {
    match exit {
        Some(x) if x < entry => Err(Error::FieldInvalid {
            field: "离职日期".into(),
            reason: format!("{x} 早于入职日期 {entry}"),
        }),
        _ => Ok(()),
    }
}

impl Store {
    fn person_level(&self, enterprise_id: &str, v: &str) -> Result<String> {
        if v.trim().is_empty() {
            Ok(String::new())
        } else {
            model::resolve_level(&self.levels().list(enterprise_id)?, v)
        }
    }
}

impl crate::store::handles::People<'_> {
    /// Add a 涉密人员 to the register.
    pub fn add(&self, input: &NewPerson) -> Result<Person> {
        self.enterprises().get(&input.enterprise_id)?;
        let name = required("姓名", &input.name)?;
        let level = self.person_level(&input.enterprise_id, &input.person_level)?;
        let entry = day("入职日期", &input.entry_date)?;
        let exit = opt_day("离职日期", input.exit_date.as_deref())?;
        check_exit_after_entry(&entry, exit.as_deref())?;
        let pledge = opt_day("入职承诺签署日期", input.entry_pledge_on.as_deref())?;
        let months = input
            .agreed_deconfidential_months
            .map(check_months)
            .transpose()?;
        let eid = input.enterprise_id.as_str();
        let id = self.write(|tx, who| {
            let now = now_stamp();
            tx.execute(
                "INSERT INTO person (enterprise_id, name, department, post, person_level, entry_date,
                    exit_date, entry_pledge_on, noncompete_eligibility, agreed_deconfidential_months,
                    note, created_at, updated_at, relationship)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
                params![
                    eid,
                    name,
                    input.department.trim(),
                    input.post.trim(),
                    level,
                    entry,
                    exit,
                    pledge,
                    input.noncompete_eligibility.label(),
                    months,
                    input.note.trim(),
                    now,
                    input.relationship.label()
                ],
            )?;
            let id = tx.last_insert_rowid();
            let p = get_person(tx, id)?;
            crate::store::field::record_added(tx, who, eid, "涉密人员", id.to_string(), json(&p))?;
            Ok(id)
        })?;
        get_person(&self.conn, id)
    }

    pub fn get(&self, id: i64) -> Result<Person> {
        get_person(&self.conn, id)
    }

    /// A 涉密人员 by name, or by 部门:姓名 when two share a name (names
    /// compared in NFKC, as the register import compares them).
    pub fn by_name(&self, enterprise_id: &str, name: &str) -> Result<Person> {
        let (dept, n) = match name.split_once([':', '：']) {
            Some((d, n)) => (Some(d.trim()), n),
            None => (None, name),
        };
        let n = crate::text::normalize_key(n);
        let hits: Vec<Person> = self
            .list(enterprise_id)?
            .into_iter()
            .filter(|p| crate::text::normalize_key(&p.name) == n)
            .filter(|p| dept.is_none_or(|d| p.department == d))
            .collect();
        match hits.len() {
            1 => Ok(hits.into_iter().next().expect("one")),
            0 => Err(Error::PersonNotFound {
                id: name.trim().to_string(),
            }),
            _ => Err(Error::FieldInvalid {
                field: "姓名".into(),
                reason: format!(
                    "有多人名为“{n}”（{}），请写作 部门:{n}",
                    hits.iter()
                        .map(|p| p.department.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
            }),
        }
    }

    /// The enterprise's 涉密人员, current and former, in the order added.
    pub fn list(&self, enterprise_id: &str) -> Result<Vec<Person>> {
        self.enterprises().get(enterprise_id)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM person WHERE enterprise_id = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map([enterprise_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Change one field of a 涉密人员 (one transaction, one audit entry). An
    /// empty value clears an optional field. Returns the person as stored.
    pub fn update(&self, person_id: i64, field: PersonField, value: &str) -> Result<Person> {
        let p = get_person(&self.conn, person_id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        let text = |s: &str| Value::Text(s.to_string());
        let opt_date = |v: &str| -> Result<Value> {
            Ok(match opt_day(label, Some(v))? {
                Some(d) => Value::Text(d),
                None => Value::Null,
            })
        };
        let new = match field {
            PersonField::Name => text(&required(label, v)?),
            PersonField::Department | PersonField::Post | PersonField::Note => text(v),
            PersonField::PersonLevel => text(&self.person_level(&p.enterprise_id, v)?),
            PersonField::EntryDate => {
                let d = day(label, v)?;
                if let Some(x) = p.exit_date.as_deref().filter(|x| *x < d.as_str()) {
                    return Err(Error::FieldInvalid {
                        field: label.into(),
                        reason: format!("{d} 晚于离职日期 {x}"),
                    });
                }
                Value::Text(d)
            }
            PersonField::ExitDate => {
                let d = opt_date(v)?;
                match &d {
                    Value::Text(x) => check_exit_after_entry(&p.entry_date, Some(x))?,
                    _ => {
                        let recorded: bool = self.conn.query_row(
                            "SELECT EXISTS (SELECT 1 FROM exit_record WHERE person_id = ?1)",
                            [person_id],
                            |r| r.get(0),
                        )?;
                        if recorded {
                            return Err(Error::FieldInvalid {
                                field: label.into(),
                                reason: "已有离职记录，不能清空；请先删除离职记录".into(),
                            });
                        }
                    }
                }
                d
            }
            PersonField::EntryPledgeOn => opt_date(v)?,
            PersonField::NoncompeteEligibility => {
                let e = NoncompeteEligibility::parse(v)?;
                if e == NoncompeteEligibility::NotEligible {
                    let bound: bool = self.conn.query_row(
                        "SELECT EXISTS (SELECT 1 FROM noncompete WHERE person_id = ?1)",
                        [person_id],
                        |r| r.get(0),
                    )?;
                    if bound {
                        return Err(Error::FieldInvalid {
                            field: label.into(),
                            reason: "该人员已有竞业限制约定，不能改为“无”；请先删除竞业限制记录"
                                .into(),
                        });
                    }
                }
                text(e.label())
            }
            PersonField::Relationship => text(crate::store::Relationship::parse(v)?.label()),
            PersonField::AgreedDeconfidentialMonths => {
                if v.is_empty() {
                    Value::Null
                } else {
                    let m = v.parse::<i64>().map_err(|_| Error::FieldInvalid {
                        field: label.into(),
                        reason: format!("“{v}”不是整数月数"),
                    })?;
                    Value::Integer(check_months(m)?)
                }
            }
        };
        let eid = p.enterprise_id.clone();
        let edit = Edit {
            table: "person",
            entity: "涉密人员",
            id: person_id,
            enterprise_id: &eid,
            column,
            label,
        };
        write_field(self, edit, new, None)?;
        get_person(&self.conn, person_id)
    }

    /// Delete a 涉密人员 with everything recorded about them (agreements,
    /// exit record, non-competes, 知悉范围 and attendance rows).
    pub fn delete(&self, person_id: i64) -> Result<()> {
        let p = get_person(&self.conn, person_id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM person WHERE id = ?1", [person_id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "涉密人员",
                    entity_id: person_id.to_string(),
                    field: None,
                    old: Some(json(&p)),
                    new: None,
                },
            )
        })
    }
}
