//! Enterprises (企业): create, list, look up.

use rusqlite::{params, OptionalExtension, Row};

use super::audit::{self, Change};
use super::now_stamp;
use crate::credit_code::{self, CodeStatus};
use crate::error::{Error, Result};
use crate::model::{Enterprise, EnterpriseSummary, NewEnterprise};

/// Schema 1: enterprises and their secret points; marks the file as Midun's.
pub(super) const MIGRATION_1: &str = "
PRAGMA application_id = 1296647246;
CREATE TABLE enterprise (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL CHECK (length(trim(name)) > 0),
    credit_code      TEXT,
    credit_code_note TEXT,
    created_at       TEXT NOT NULL
);
CREATE TABLE secret_point (
    id            INTEGER PRIMARY KEY,
    enterprise_id TEXT NOT NULL REFERENCES enterprise(id) ON DELETE CASCADE,
    code          TEXT NOT NULL,
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category      TEXT NOT NULL CHECK (category IN ('技术信息', '经营信息', '其他商业信息')),
    level         TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (enterprise_id, code)
);
CREATE INDEX secret_point_enterprise ON secret_point(enterprise_id);
";

/// Schema 4: the enterprise profile (spec §2).
pub(super) const MIGRATION_PROFILE: &str = "
ALTER TABLE enterprise ADD COLUMN short_name TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN industry TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN township TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN legal_representative TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN contact TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN headcount INTEGER;
ALTER TABLE enterprise ADD COLUMN key_products TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN detail_opt_in INTEGER NOT NULL DEFAULT 0;
";

/// Schema 16: what the submission package needs from the enterprise: the
/// 市场监管局 it is sent to, a phone for its 联系人, who leads the work (负责
/// 人, 责任部门, 领导小组), and whether to include a 报送函 (a bureau may
/// supply its own form).
pub(super) const MIGRATION_SUBMISSION: &str = "
ALTER TABLE enterprise ADD COLUMN report_recipient TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN contact_phone TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN work_lead TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN work_office TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN leading_group TEXT NOT NULL DEFAULT '';
ALTER TABLE enterprise ADD COLUMN cover_letter INTEGER NOT NULL DEFAULT 1;
";

fn from_row(r: &Row) -> rusqlite::Result<Enterprise> {
    Ok(Enterprise {
        id: r.get(0)?,
        name: r.get(1)?,
        credit_code: r.get(2)?,
        credit_code_note: r.get(3)?,
        created_at: r.get(4)?,
        short_name: r.get(5)?,
        industry: r.get(6)?,
        township: r.get(7)?,
        address: r.get(8)?,
        legal_representative: r.get(9)?,
        contact: r.get(10)?,
        headcount: r.get(11)?,
        key_products: r.get(12)?,
        detail_opt_in: r.get(13)?,
        report_recipient: r.get(14)?,
        contact_phone: r.get(15)?,
        work_lead: r.get(16)?,
        work_office: r.get(17)?,
        leading_group: r.get(18)?,
        cover_letter: r.get(19)?,
    })
}

const COLUMNS: &str = "id, name, credit_code, credit_code_note, created_at, short_name, industry,
    township, address, legal_representative, contact, headcount, key_products, detail_opt_in,
    report_recipient, contact_phone, work_lead, work_office, leading_group, cover_letter";

/// The profile fields edited one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum EnterpriseField {
    Name,
    ShortName,
    Industry,
    Township,
    Address,
    LegalRepresentative,
    Contact,
    Headcount,
    KeyProducts,
    DetailOptIn,
    ReportRecipient,
    ContactPhone,
    WorkLead,
    WorkOffice,
    LeadingGroup,
    CoverLetter,
}

impl EnterpriseField {
    fn column_and_label(self) -> (&'static str, &'static str) {
        use EnterpriseField::*;
        match self {
            Name => ("name", "企业名称"),
            ShortName => ("short_name", "简称"),
            Industry => ("industry", "所属行业"),
            Township => ("township", "所在乡镇/街道"),
            Address => ("address", "地址"),
            LegalRepresentative => ("legal_representative", "法定代表人"),
            Contact => ("contact", "联系人"),
            Headcount => ("headcount", "职工人数"),
            KeyProducts => ("key_products", "主要产品"),
            DetailOptIn => ("detail_opt_in", "允许填写密点详细说明"),
            ReportRecipient => ("report_recipient", "报送机关"),
            ContactPhone => ("contact_phone", "联系电话"),
            WorkLead => ("work_lead", "牵头负责人"),
            WorkOffice => ("work_office", "保密工作责任部门"),
            LeadingGroup => ("leading_group", "领导小组"),
            CoverLetter => ("cover_letter", "附报送函"),
        }
    }
}

/// Validate a new enterprise: a name, and a credit code that passes its
/// checks or carries the user's note. Returns the normalised code and note.
pub fn validate_new(input: &NewEnterprise) -> Result<(String, Option<String>, Option<String>)> {
    let name = input.name.trim().to_string();
    if name.is_empty() {
        return Err(Error::EnterpriseNameEmpty);
    }
    let (code, note) = check_credit_code(
        input.credit_code.as_deref().unwrap_or(""),
        input.credit_code_note.as_deref(),
    )?;
    Ok((name, code, note))
}

/// A credit code as the user entered it, with their note: empty is none;
/// a code that fails a check is kept only with a note (the user may know
/// better, e.g. a code issued before the current rules). Returns the
/// normalised code and the note kept with it.
pub fn check_credit_code(
    raw: &str,
    note: Option<&str>,
) -> Result<(Option<String>, Option<String>)> {
    let note = note
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    if credit_code::normalize(raw).is_empty() {
        return Ok((None, None));
    }
    let check = credit_code::check(raw);
    match check.status {
        CodeStatus::Valid => Ok((Some(check.normalized), None)),
        CodeStatus::Warning | CodeStatus::Invalid => match note {
            Some(n) => Ok((Some(check.normalized), Some(n))),
            None => Err(Error::CreditCodeNeedsNote {
                reason: check.reason.unwrap_or_default(),
            }),
        },
    }
}

impl crate::store::handles::Enterprises<'_> {
    pub fn create(&self, input: &NewEnterprise) -> Result<Enterprise> {
        let (name, code, note) = validate_new(input)?;
        let id = uuid::Uuid::new_v4().to_string();
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO enterprise (id, name, credit_code, credit_code_note, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, name, code, note, now_stamp()],
            )?;
            super::level::insert_default(tx, &id)?;
            crate::store::field::record_added(
                tx,
                who,
                &id,
                "企业",
                id.clone(),
                format!("{name}（{}）", code.as_deref().unwrap_or("无信用代码")),
            )
        })?;
        self.enterprises().get(&id)
    }

    /// Change one profile field (one transaction, one audit entry).
    pub fn update(&self, id: &str, field: EnterpriseField, value: &str) -> Result<Enterprise> {
        self.enterprises().get(id)?;
        let (column, label) = field.column_and_label();
        let v = value.trim();
        let new: Option<String> = match field {
            EnterpriseField::Name if v.is_empty() => return Err(Error::EnterpriseNameEmpty),
            EnterpriseField::Headcount if v.is_empty() => None,
            EnterpriseField::Headcount => match v.parse::<u32>() {
                Ok(n) => Some(n.to_string()),
                Err(_) => {
                    return Err(Error::FieldInvalid {
                        field: label.into(),
                        reason: format!("“{v}”不是人数（非负整数）"),
                    })
                }
            },
            EnterpriseField::DetailOptIn | EnterpriseField::CoverLetter => Some(match v {
                "true" | "是" | "1" => "1".to_string(),
                "false" | "否" | "0" => "0".to_string(),
                _ => {
                    return Err(Error::FieldInvalid {
                        field: label.into(),
                        reason: "应为“是”或“否”".into(),
                    })
                }
            }),
            _ => Some(v.to_string()),
        };
        let old: Option<String> = self.conn.query_row(
            &format!("SELECT CAST({column} AS TEXT) FROM enterprise WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        if old == new {
            return self.enterprises().get(id);
        }
        self.write(|tx, who| {
            tx.execute(
                &format!("UPDATE enterprise SET {column} = ?2 WHERE id = ?1"),
                params![id, new],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(id),
                    action: "修改",
                    entity: "企业",
                    entity_id: id.to_string(),
                    field: Some(label),
                    old,
                    new: new.clone(),
                },
            )
        })?;
        self.enterprises().get(id)
    }

    /// Change the credit code after creation, under the same rule as at
    /// creation (`check_credit_code`); one transaction, one audit entry.
    pub fn set_credit_code(&self, id: &str, raw: &str, note: Option<&str>) -> Result<Enterprise> {
        let e = self.enterprises().get(id)?;
        let (code, note) = check_credit_code(raw, note)?;
        if code == e.credit_code && note == e.credit_code_note {
            return Ok(e);
        }
        let shown = |c: &Option<String>, n: &Option<String>| match (c, n) {
            (None, _) => "无".to_string(),
            (Some(c), None) => c.clone(),
            (Some(c), Some(n)) => format!("{c}（说明：{n}）"),
        };
        self.write(|tx, who| {
            tx.execute(
                "UPDATE enterprise SET credit_code = ?2, credit_code_note = ?3 WHERE id = ?1",
                params![id, code, note],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(id),
                    action: "修改",
                    entity: "企业",
                    entity_id: id.to_string(),
                    field: Some("统一社会信用代码"),
                    old: Some(shown(&e.credit_code, &e.credit_code_note)),
                    new: Some(shown(&code, &note)),
                },
            )
        })?;
        self.enterprises().get(id)
    }

    /// Delete an enterprise with everything it holds and its audit chain;
    /// the database's own log keeps one entry (id, name, when, who).
    pub fn delete(&self, id: &str) -> Result<()> {
        let e = self.enterprises().get(id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM enterprise WHERE id = ?1", [id])?;
            tx.execute("DELETE FROM audit_log WHERE enterprise_id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: None,
                    action: "删除",
                    entity: "企业",
                    entity_id: e.id.clone(),
                    field: None,
                    old: Some(e.name.clone()),
                    new: None,
                },
            )
        })
    }

    pub(crate) fn detail_opted_in(&self, enterprise_id: &str) -> Result<bool> {
        Ok(self.enterprises().get(enterprise_id)?.detail_opt_in)
    }

    pub fn get(&self, id: &str) -> Result<Enterprise> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM enterprise WHERE id = ?1"),
                [id],
                from_row,
            )
            .optional()?
            .ok_or_else(|| Error::EnterpriseNotFound { id: id.to_string() })
    }

    pub fn list(&self) -> Result<Vec<EnterpriseSummary>> {
        let mut st = self.conn.prepare(
            "SELECT e.id, e.name, e.credit_code,
                    (SELECT count(*) FROM secret_point s WHERE s.enterprise_id = e.id)
             FROM enterprise e ORDER BY e.created_at, e.name",
        )?;
        let rows = st.query_map([], |r| {
            Ok(EnterpriseSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                credit_code: r.get(2)?,
                secret_point_count: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Find the enterprise a command means: by id, else by credit code;
    /// with no selector, the only enterprise in the database.
    pub fn resolve(&self, selector: Option<&str>) -> Result<Enterprise> {
        let all = self.enterprises().list()?;
        let describe = |list: &[&EnterpriseSummary]| {
            list.iter()
                .map(|e| match &e.credit_code {
                    Some(c) => format!("{}（{}，{}）", e.id, e.name, c),
                    None => format!("{}（{}）", e.id, e.name),
                })
                .collect::<Vec<_>>()
                .join("；")
        };
        let Some(sel) = selector.map(str::trim) else {
            return match all.as_slice() {
                [] => Err(Error::NoEnterprise),
                [one] => self.enterprises().get(&one.id),
                many => Err(Error::EnterpriseAmbiguous {
                    list: describe(&many.iter().collect::<Vec<_>>()),
                }),
            };
        };
        // An id matches exactly (a UUID typed in capitals is read in its
        // canonical lower-case form); nothing else is taken for an id.
        let canonical = uuid::Uuid::parse_str(sel)
            .map(|u| u.hyphenated().to_string())
            .unwrap_or_else(|_| sel.to_string());
        if let Some(e) = all.iter().find(|e| e.id == sel || e.id == canonical) {
            return self.enterprises().get(&e.id);
        }
        let code = credit_code::normalize(sel);
        let hits: Vec<&EnterpriseSummary> = all
            .iter()
            .filter(|e| e.credit_code.as_deref() == Some(code.as_str()))
            .collect();
        match hits.as_slice() {
            [] => Err(Error::EnterpriseNotFound {
                id: sel.to_string(),
            }),
            [one] => self.enterprises().get(&one.id),
            many => Err(Error::CreditCodeAmbiguous {
                code,
                list: describe(many),
            }),
        }
    }
}
