//! 自我声明: one per enterprise — no administrative penalty or judgment for
//! infringing others' trade secrets in the last 3 years (feeds a 基础项).

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{day, json, not_after_today, parse_day, required};
use crate::error::Result;
use crate::store::audit::{self, Change};
use crate::store::now_stamp;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewSelfDeclaration {
    pub enterprise_id: String,
    /// 近三年未因侵犯他人商业秘密受到行政处罚或被判决承担责任.
    pub no_infringement_penalty_3y: bool,
    /// The date of the declaration; not after today.
    pub declared_on: String,
    /// Who declares (法定代表人 or the person authorised).
    pub declarant: String,
}

/// The enterprise's declaration as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct SelfDeclaration {
    pub enterprise_id: String,
    pub no_infringement_penalty_3y: bool,
    pub declared_on: String,
    pub declarant: String,
}

impl crate::store::handles::Enterprises<'_> {
    /// Make or replace the enterprise's self-declaration (one transaction,
    /// one audit entry; an unchanged declaration writes nothing). The date
    /// may not be after `today`.
    pub fn set_self_declaration(
        &self,
        input: &NewSelfDeclaration,
        today: NaiveDate,
    ) -> Result<SelfDeclaration> {
        self.enterprises().get(&input.enterprise_id)?;
        let declared = parse_day("声明日期", &input.declared_on)?;
        not_after_today("声明日期", declared, today)?;
        let new = SelfDeclaration {
            enterprise_id: input.enterprise_id.clone(),
            no_infringement_penalty_3y: input.no_infringement_penalty_3y,
            declared_on: day(declared),
            declarant: required("声明人", &input.declarant)?,
        };
        let old = self.enterprises().self_declaration(&input.enterprise_id)?;
        if old.as_ref() == Some(&new) {
            return Ok(new);
        }
        self.write(|tx, who| {
            tx.execute(
                "INSERT INTO self_declaration (enterprise_id, no_infringement_penalty_3y, declared_on, declarant, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (enterprise_id) DO UPDATE SET
                    no_infringement_penalty_3y = excluded.no_infringement_penalty_3y,
                    declared_on = excluded.declared_on,
                    declarant = excluded.declarant,
                    updated_at = excluded.updated_at",
                params![
                    new.enterprise_id,
                    new.no_infringement_penalty_3y,
                    new.declared_on,
                    new.declarant,
                    now_stamp()
                ],
            )?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&new.enterprise_id),
                    action: if old.is_some() { "修改" } else { "新增" },
                    entity: "自我声明",
                    entity_id: new.enterprise_id.clone(),
                    field: None,
                    old: old.as_ref().map(json),
                    new: Some(json(&new)),
                },
            )
        })?;
        Ok(self
            .enterprises()
            .self_declaration(&input.enterprise_id)?
            .unwrap_or(new))
    }

    /// The enterprise's self-declaration, if it has made one.
    pub fn self_declaration(&self, enterprise_id: &str) -> Result<Option<SelfDeclaration>> {
        self.enterprises().get(enterprise_id)?;
        Ok(self
            .conn
            .query_row(
                "SELECT enterprise_id, no_infringement_penalty_3y, declared_on, declarant
                 FROM self_declaration WHERE enterprise_id = ?1",
                [enterprise_id],
                |r| {
                    Ok(SelfDeclaration {
                        enterprise_id: r.get(0)?,
                        no_infringement_penalty_3y: r.get(1)?,
                        declared_on: r.get(2)?,
                        declarant: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}
