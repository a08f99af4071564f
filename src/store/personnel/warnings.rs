//! What the 涉密人员 register should show in amber: gaps a reviewer asks
//! about first (spec §2 涉密人员; SPC 2020 Art. 6(3), 6(6)).

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::stored_day;
use crate::error::Result;

/// How long before an agreement's end it is flagged.
pub const AGREEMENT_NOTICE_DAYS: u64 = 60;

/// The kind of a warning; the UI words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum PersonWarningKind {
    /// A current person with no agreement signed (保密协议/承诺书/合同条款).
    NoAgreement,
    /// A current person with no 入职承诺 (不侵犯他人商业秘密承诺函).
    NoEntryPledge,
    /// Every agreement of a current person has ended (detail: the last end).
    AgreementExpired,
    /// The agreement that lasts longest ends within 60 days (detail: its end).
    AgreementExpiresSoon,
    /// The person has left but no 离职记录 was made.
    ExitRecordMissing,
    /// The 离职记录 lacks steps (detail: handover, return, access, reminder).
    ExitIncomplete,
    /// A non-compete with 3 or more months unpaid (detail: the months).
    NoncompeteUnpaid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonWarning {
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    pub kind: PersonWarningKind,
    /// Dates (YYYY-MM-DD), months (YYYY-MM) or step keys, as the kind says.
    pub detail: Vec<String>,
}

impl crate::store::handles::People<'_> {
    /// The register's warnings as of `today`, by person in register order.
    pub fn warnings(&self, enterprise_id: &str, today: NaiveDate) -> Result<Vec<PersonWarning>> {
        let mut out = Vec::new();
        let soon = today
            .checked_add_days(Days::new(AGREEMENT_NOTICE_DAYS))
            .unwrap_or(NaiveDate::MAX);
        for p in self.people().list(enterprise_id)? {
            let warn = |kind, detail: Vec<String>| PersonWarning {
                person_id: p.id,
                person_name: p.name.clone(),
                kind,
                detail,
            };
            let entered = stored_day(&p.entry_date).is_some_and(|d| d <= today);
            let left = p
                .exit_date
                .as_deref()
                .and_then(stored_day)
                .is_some_and(|d| d <= today);
            if left {
                match self.people().exit_record(p.id)? {
                    None => out.push(warn(PersonWarningKind::ExitRecordMissing, vec![])),
                    Some(r) => {
                        let revoked = r
                            .access_revoked_on
                            .as_deref()
                            .and_then(stored_day)
                            .is_some_and(|d| d <= today);
                        let missing: Vec<String> = [
                            (!r.handover_done, "handover"),
                            (!r.return_confirmed, "return"),
                            (!revoked, "access"),
                            (!r.reminder_letter_sent, "reminder"),
                        ]
                        .into_iter()
                        .filter(|(m, _)| *m)
                        .map(|(_, k)| k.to_string())
                        .collect();
                        if !missing.is_empty() {
                            out.push(warn(PersonWarningKind::ExitIncomplete, missing));
                        }
                    }
                }
                continue;
            }
            if !entered {
                continue;
            }
            if p.entry_pledge_on.is_none() {
                out.push(warn(PersonWarningKind::NoEntryPledge, vec![]));
            }
            let signed: Vec<_> = self
                .people()
                .agreements(p.id)?
                .into_iter()
                .filter(|a| stored_day(&a.signed_on).is_some_and(|d| d <= today))
                .collect();
            if signed.is_empty() {
                out.push(warn(PersonWarningKind::NoAgreement, vec![]));
                continue;
            }
            // The agreement that lasts longest decides; one without an end lasts.
            let last_end = signed
                .iter()
                .map(|a| a.expires_on.as_deref().and_then(stored_day))
                .max_by_key(|end| end.unwrap_or(NaiveDate::MAX));
            if let Some(Some(end)) = last_end {
                let shown = vec![end.format("%Y-%m-%d").to_string()];
                if end < today {
                    out.push(warn(PersonWarningKind::AgreementExpired, shown));
                } else if end <= soon {
                    out.push(warn(PersonWarningKind::AgreementExpiresSoon, shown));
                }
            }
        }
        for n in self.people().noncompete_warnings(enterprise_id, today)? {
            out.push(PersonWarning {
                person_id: n.person_id,
                person_name: n.person_name,
                kind: PersonWarningKind::NoncompeteUnpaid,
                detail: n.unpaid_months,
            });
        }
        Ok(out)
    }
}
