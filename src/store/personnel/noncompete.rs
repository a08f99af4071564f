//! 竞业限制: who is bound, for how long (≤ 2 years), the monthly
//! compensation and its payments, and the warning after 3 months unpaid
//! (劳动合同法 Arts. 23–24; 解释（一）Art. 38).

use std::collections::HashSet;

use chrono::{Days, Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::person::get_person;
use super::person::NoncompeteEligibility;
use super::{day, json, stored_day};
use crate::error::{Error, Result};
use crate::store::audit::{self, Change};
use crate::store::now_stamp;

/// Unpaid whole months from which a warning is given.
pub const NONCOMPETE_UNPAID_MONTHS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NoncompetePayment {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub noncompete_id: i64,
    /// The month paid for, YYYY-MM: the calendar month in which that month
    /// of the term begins.
    pub month: String,
    pub paid_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Noncompete {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    pub starts_on: String,
    pub ends_on: String,
    /// 每月经济补偿 in yuan (compensation, not salary).
    #[ts(type = "number")]
    pub monthly_compensation: i64,
    /// 竞业限制范围 (should match what the person knows).
    pub scope: String,
    pub payments: Vec<NoncompetePayment>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NewNoncompete {
    #[ts(type = "number")]
    pub person_id: i64,
    pub starts_on: String,
    pub ends_on: String,
    #[ts(type = "number")]
    pub monthly_compensation: i64,
    pub scope: String,
}

/// A non-compete with 3 or more whole months of its term unpaid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct NoncompeteWarning {
    #[ts(type = "number")]
    pub noncompete_id: i64,
    #[ts(type = "number")]
    pub person_id: i64,
    pub person_name: String,
    /// The unpaid months (YYYY-MM), oldest first.
    pub unpaid_months: Vec<String>,
}

fn get_noncompete(conn: &Connection, id: i64) -> Result<Noncompete> {
    let mut n = conn
        .query_row(
            "SELECT n.id, n.person_id, p.name, n.starts_on, n.ends_on, n.monthly_compensation, n.scope
             FROM noncompete n JOIN person p ON p.id = n.person_id WHERE n.id = ?1",
            [id],
            |r| {
                Ok(Noncompete {
                    id: r.get(0)?,
                    person_id: r.get(1)?,
                    person_name: r.get(2)?,
                    starts_on: r.get(3)?,
                    ends_on: r.get(4)?,
                    monthly_compensation: r.get(5)?,
                    scope: r.get(6)?,
                    payments: vec![],
                })
            },
        )
        .optional()?
        .ok_or(Error::NoncompeteNotFound { id: id.to_string() })?;
    n.payments = conn
        .prepare(
            "SELECT id, noncompete_id, month, paid_on FROM noncompete_payment
             WHERE noncompete_id = ?1 ORDER BY month",
        )?
        .query_map([id], |r| {
            Ok(NoncompetePayment {
                id: r.get(0)?,
                noncompete_id: r.get(1)?,
                month: r.get(2)?,
                paid_on: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(n)
}

/// A month as YYYY-MM (also YYYY/M, YYYY.M, YYYY年M月).
fn parse_month(v: &str) -> Result<String> {
    let bad = || Error::FieldInvalid {
        field: "补偿月份".into(),
        reason: format!("“{}”不是有效月份（如 2026-05）", v.trim()),
    };
    let t = v.trim().trim_end_matches('月');
    let parts: Vec<&str> = t.split(['-', '/', '年', '.']).collect();
    if parts.len() != 2
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(bad());
    }
    let y: i32 = parts[0].parse().map_err(|_| bad())?;
    let m: u32 = parts[1].parse().map_err(|_| bad())?;
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}"))
}

/// The last day a term starting on `starts` may end on: the same day two
/// years later (the 28th of February for a start on the 29th).
pub fn noncompete_latest_end(starts: NaiveDate) -> Option<NaiveDate> {
    starts.checked_add_months(Months::new(24))
}

/// The whole months of the term `starts..=ends` that have elapsed by
/// `today`, each named by the calendar month it begins in. Month i runs from
/// `starts` + i months to the day before `starts` + (i + 1) months; it is
/// whole once that end has passed and lies within the term.
pub fn noncompete_elapsed_months(
    starts: NaiveDate,
    ends: NaiveDate,
    today: NaiveDate,
) -> Vec<String> {
    let mut out = Vec::new();
    let Some(term_end) = ends.checked_add_days(Days::new(1)) else {
        return out;
    };
    let limit = today.min(term_end);
    for i in 0u32.. {
        let (Some(from), Some(to)) = (
            starts.checked_add_months(Months::new(i)),
            starts.checked_add_months(Months::new(i + 1)),
        ) else {
            break;
        };
        if to > limit {
            break;
        }
        out.push(from.format("%Y-%m").to_string());
    }
    out
}

impl crate::store::handles::People<'_> {
    /// Record a non-compete. Refused when the person's eligibility is 无
    /// (劳动合同法 Art. 24) or the term ends later than two years after it
    /// starts; the compensation is a positive number of yuan per month.
    pub fn add_noncompete(&self, input: &NewNoncompete) -> Result<Noncompete> {
        let p = get_person(&self.conn, input.person_id)?;
        self.enterprises().get(&p.enterprise_id)?;
        if p.noncompete_eligibility == NoncompeteEligibility::NotEligible {
            return Err(Error::NoncompeteNotEligible { name: p.name });
        }
        let starts = day("竞业限制开始日期", &input.starts_on)?;
        let ends = day("竞业限制结束日期", &input.ends_on)?;
        if ends < starts {
            return Err(Error::FieldInvalid {
                field: "竞业限制结束日期".into(),
                reason: format!("{ends} 早于开始日期 {starts}"),
            });
        }
        if let (Some(s), Some(e)) = (stored_day(&starts), stored_day(&ends)) {
            let latest = noncompete_latest_end(s);
            if latest.is_none_or(|l| e > l) {
                return Err(Error::NoncompeteTooLong {
                    starts_on: starts,
                    ends_on: ends,
                    latest: latest
                        .map(|l| l.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                });
            }
        }
        if input.monthly_compensation <= 0 {
            return Err(Error::FieldInvalid {
                field: "每月经济补偿".into(),
                reason: "应为大于 0 的整数（元）".into(),
            });
        }
        let scope = input.scope.trim().to_string();
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO noncompete (person_id, starts_on, ends_on, monthly_compensation, scope, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![p.id, starts, ends, input.monthly_compensation, scope, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            let n = get_noncompete(tx, id)?;
            crate::store::field::record_added(tx, who, &p.enterprise_id, "竞业限制", id.to_string(), json(&n))?;
            Ok(id)
        })?;
        get_noncompete(&self.conn, id)
    }

    pub fn noncompete(&self, id: i64) -> Result<Noncompete> {
        get_noncompete(&self.conn, id)
    }

    /// The enterprise's non-competes with their payments, by start date.
    pub fn noncompetes(&self, enterprise_id: &str) -> Result<Vec<Noncompete>> {
        self.enterprises().get(enterprise_id)?;
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT n.id FROM noncompete n JOIN person p ON p.id = n.person_id
                 WHERE p.enterprise_id = ?1 ORDER BY n.starts_on, n.id",
            )?
            .query_map([enterprise_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| get_noncompete(&self.conn, id))
            .collect()
    }

    pub fn delete_noncompete(&self, id: i64) -> Result<()> {
        let n = get_noncompete(&self.conn, id)?;
        let p = get_person(&self.conn, n.person_id)?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM noncompete WHERE id = ?1", [id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&p.enterprise_id),
                    action: "删除",
                    entity: "竞业限制",
                    entity_id: id.to_string(),
                    field: None,
                    old: Some(json(&n)),
                    new: None,
                },
            )
        })
    }

    /// Record the payment of one month's compensation (YYYY-MM, within the
    /// term; once per month).
    pub fn add_noncompete_payment(
        &self,
        noncompete_id: i64,
        month: &str,
        paid_on: &str,
    ) -> Result<NoncompetePayment> {
        let n = get_noncompete(&self.conn, noncompete_id)?;
        let p = get_person(&self.conn, n.person_id)?;
        let m = parse_month(month)?;
        let first = n.starts_on.get(..7).unwrap_or(&n.starts_on);
        let last = n.ends_on.get(..7).unwrap_or(&n.ends_on);
        if m.as_str() < first || m.as_str() > last {
            return Err(Error::FieldInvalid {
                field: "补偿月份".into(),
                reason: format!("{m} 不在竞业限制期限内（{first} 至 {last}）"),
            });
        }
        let paid = day("支付日期", paid_on)?;
        if n.payments.iter().any(|x| x.month == m) {
            return Err(Error::NoncompetePaymentDuplicate { month: m });
        }
        let id = self.write(|tx, who| {
            tx.execute(
                "INSERT INTO noncompete_payment (noncompete_id, month, paid_on, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![noncompete_id, m, paid, now_stamp()],
            )?;
            let id = tx.last_insert_rowid();
            crate::store::field::record_added(
                tx,
                who,
                &p.enterprise_id,
                "竞业限制补偿",
                id.to_string(),
                format!("竞业限制 {noncompete_id}（{}）：{m} 于 {paid} 支付", p.name),
            )?;
            Ok(id)
        })?;
        Ok(NoncompetePayment {
            id,
            noncompete_id,
            month: m,
            paid_on: paid,
        })
    }

    pub fn delete_noncompete_payment(&self, payment_id: i64) -> Result<()> {
        let found: Option<(i64, String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT n.id, x.month, x.paid_on, p.enterprise_id, p.name
                 FROM noncompete_payment x JOIN noncompete n ON n.id = x.noncompete_id
                 JOIN person p ON p.id = n.person_id WHERE x.id = ?1",
                [payment_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let (nid, month, paid, eid, name) = found.ok_or(Error::NoncompetePaymentNotFound {
            id: payment_id.to_string(),
        })?;
        self.write(|tx, who| {
            tx.execute("DELETE FROM noncompete_payment WHERE id = ?1", [payment_id])?;
            audit::record(
                tx,
                who,
                Change {
                    enterprise_id: Some(&eid),
                    action: "删除",
                    entity: "竞业限制补偿",
                    entity_id: payment_id.to_string(),
                    field: None,
                    old: Some(format!("竞业限制 {nid}（{name}）：{month} 于 {paid} 支付")),
                    new: None,
                },
            )
        })
    }

    /// The non-competes with 3 or more whole months of their term, counted
    /// to `today`, that have no payment record.
    pub fn noncompete_warnings(
        &self,
        enterprise_id: &str,
        today: NaiveDate,
    ) -> Result<Vec<NoncompeteWarning>> {
        let mut out = Vec::new();
        for n in self.people().noncompetes(enterprise_id)? {
            let (Some(s), Some(e)) = (stored_day(&n.starts_on), stored_day(&n.ends_on)) else {
                continue;
            };
            let paid: HashSet<&str> = n.payments.iter().map(|p| p.month.as_str()).collect();
            let unpaid: Vec<String> = noncompete_elapsed_months(s, e, today)
                .into_iter()
                .filter(|m| !paid.contains(m.as_str()))
                .collect();
            if unpaid.len() >= NONCOMPETE_UNPAID_MONTHS {
                out.push(NoncompeteWarning {
                    noncompete_id: n.id,
                    person_id: n.person_id,
                    person_name: n.person_name.clone(),
                    unpaid_months: unpaid,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn months_are_whole_only_once_ended_and_within_the_term() {
        let (s, e) = (d("2026-01-15"), d("2027-12-31"));
        assert!(noncompete_elapsed_months(s, e, d("2026-02-14")).is_empty());
        assert_eq!(
            noncompete_elapsed_months(s, e, d("2026-02-15")),
            ["2026-01"]
        );
        assert_eq!(
            noncompete_elapsed_months(s, e, d("2026-04-15")),
            ["2026-01", "2026-02", "2026-03"]
        );
        // Before the start: nothing.
        assert!(noncompete_elapsed_months(s, e, d("2025-06-01")).is_empty());
        // A short term: only its whole months, however late today is.
        assert_eq!(
            noncompete_elapsed_months(d("2026-01-01"), d("2026-02-15"), d("2030-01-01")),
            ["2026-01"]
        );
        // A term ending on its month's last day completes that month.
        assert_eq!(
            noncompete_elapsed_months(d("2026-01-01"), d("2026-02-28"), d("2030-01-01")),
            ["2026-01", "2026-02"]
        );
    }

    #[test]
    fn month_ends_clamp_and_labels_stay_distinct() {
        let m = noncompete_elapsed_months(d("2026-01-31"), d("2026-12-31"), d("2026-05-01"));
        assert_eq!(m, ["2026-01", "2026-02", "2026-03"]);
        assert_eq!(
            noncompete_latest_end(d("2024-02-29")),
            Some(d("2026-02-28"))
        );
    }

    #[test]
    fn months_parse_in_written_forms() {
        for s in ["2026-03", "2026/3", "2026年3月", " 2026.03 "] {
            assert_eq!(parse_month(s).unwrap(), "2026-03", "{s}");
        }
        for bad in ["2026-13", "2026", "2026-03-01", "", "26-3", "2026-00"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }
}
