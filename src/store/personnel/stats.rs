//! Figures derived from the personnel register for scoring (spec §8
//! "Derived criteria"): the denominators are current 涉密人员.

use chrono::{Days, NaiveDate};
use rusqlite::params;
use serde::Serialize;

use super::permille;
use crate::error::Result;

/// The personnel figures as of a date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonnelStats {
    /// Entered on or before the date and not left on or before it.
    #[ts(type = "number")]
    pub current_people: i64,
    /// Current people with an agreement signed on or before the date.
    #[ts(type = "number")]
    pub with_agreement: i64,
    /// with_agreement / current_people in ‰, rounded down; 0 when nobody.
    #[ts(type = "number")]
    pub agreement_rate_permille: i64,
    /// Current people who attended a training held in the 366 days up to and
    /// including the date.
    #[ts(type = "number")]
    pub trained_within_12_months: i64,
    #[ts(type = "number")]
    pub training_rate_permille: i64,
    /// The two rates as shown: percent, one decimal, rounded half up (the
    /// one rounding every output uses, `score::Tenths::percent`).
    #[ts(type = "number")]
    pub agreement_percent: crate::score::Tenths,
    #[ts(type = "number")]
    pub training_percent: crate::score::Tenths,
    /// People who left on or before the date.
    #[ts(type = "number")]
    pub exits: i64,
    /// Of those, the ones whose exit record (made on or before the date)
    /// has the hand-over list, the return/deletion confirmation, the
    /// reminder letter, and access revoked on or before the date.
    #[ts(type = "number")]
    pub exits_complete: i64,
}

impl crate::store::handles::People<'_> {
    /// The personnel figures of an enterprise as of `as_of` (the 自评基准日).
    pub fn stats(&self, enterprise_id: &str, as_of: NaiveDate) -> Result<PersonnelStats> {
        self.enterprises().get(enterprise_id)?;
        let day = as_of.format("%Y-%m-%d").to_string();
        let since = as_of
            .checked_sub_days(Days::new(365))
            .unwrap_or(NaiveDate::MIN)
            .format("%Y-%m-%d")
            .to_string();
        let (current, with_agreement, trained, exits, complete): (i64, i64, i64, i64, i64) =
            self.conn.query_row(
                "SELECT
                    coalesce(sum(cur), 0),
                    coalesce(sum(cur AND EXISTS (
                        SELECT 1 FROM agreement a WHERE a.person_id = p.id AND a.signed_on <= ?2)), 0),
                    coalesce(sum(cur AND EXISTS (
                        SELECT 1 FROM training_attendee ta JOIN training t ON t.id = ta.training_id
                        WHERE ta.person_id = p.id AND t.held_on BETWEEN ?3 AND ?2)), 0),
                    coalesce(sum(gone), 0),
                    coalesce(sum(gone AND EXISTS (
                        SELECT 1 FROM exit_record e WHERE e.person_id = p.id
                            AND e.recorded_on <= ?2 AND e.handover_done AND e.return_confirmed
                            AND e.reminder_letter_sent AND e.access_revoked_on <= ?2)), 0)
                 FROM (SELECT id,
                              entry_date <= ?2 AND (exit_date IS NULL OR exit_date > ?2) AS cur,
                              exit_date IS NOT NULL AND exit_date <= ?2 AS gone
                       FROM person WHERE enterprise_id = ?1) p",
                params![enterprise_id, day, since],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )?;
        Ok(PersonnelStats {
            current_people: current,
            with_agreement,
            agreement_rate_permille: permille(with_agreement, current),
            trained_within_12_months: trained,
            training_rate_permille: permille(trained, current),
            agreement_percent: crate::score::Tenths::percent_or_zero(with_agreement, current),
            training_percent: crate::score::Tenths::percent_or_zero(trained, current),
            exits,
            exits_complete: complete,
        })
    }
}
