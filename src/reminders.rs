//! Reminders on the home page (spec §5): 保密期限 about to end, 复核 due,
//! non-competes ending, agreements to renew — across every enterprise of
//! the database, soonest first. "Today" is a parameter; nothing reads the clock.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use crate::error::Result;
use crate::model::Term;
use crate::store::{PersonWarningKind, Store};

/// How far ahead each kind is announced.
pub const TERM_NOTICE_DAYS: u64 = 90;
pub const REVIEW_NOTICE_DAYS: u64 = 30;
pub const NONCOMPETE_NOTICE_DAYS: u64 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub enum ReminderKind {
    /// A 密点's 保密期限 (a date) ends: decide on 解密 or a new term.
    TermEnding,
    /// A 密点's 复核日 has come.
    ReviewDue,
    /// A non-compete ends: its payments stop, the person is free.
    NoncompeteEnding,
    /// A person's confidentiality agreement ends (or has ended).
    AgreementEnding,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub enterprise_id: String,
    pub enterprise_name: String,
    pub kind: ReminderKind,
    /// The 密点's 代号 or the person's name.
    pub subject: String,
    /// YYYY-MM-DD.
    pub due: String,
    /// The day has passed.
    pub overdue: bool,
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Every reminder due within its notice period of `today` (or overdue), soonest first.
pub fn reminders(store: &Store, today: NaiveDate) -> Result<Vec<Reminder>> {
    let within = |days: u64| {
        today
            .checked_add_days(Days::new(days))
            .unwrap_or(NaiveDate::MAX)
    };
    let mut out = Vec::new();
    for e in store.enterprises().list()? {
        let mut push = |kind, subject: String, due: NaiveDate| {
            out.push(Reminder {
                enterprise_id: e.id.clone(),
                enterprise_name: e.name.clone(),
                kind,
                subject,
                due: day(due),
                overdue: due < today,
            })
        };
        for p in store.points().list(&e.id)? {
            if p.status.is_final() {
                continue;
            }
            if let Some(Term::Until(end)) = p.term {
                if end <= within(TERM_NOTICE_DAYS) {
                    push(ReminderKind::TermEnding, p.code.clone(), end);
                }
            }
            if let Some(due) = p.review_due.as_deref().and_then(parse) {
                if due <= within(REVIEW_NOTICE_DAYS) {
                    push(ReminderKind::ReviewDue, p.code.clone(), due);
                }
            }
        }
        for n in store.people().noncompetes(&e.id)? {
            if let Some(end) = parse(&n.ends_on) {
                if end >= today && end <= within(NONCOMPETE_NOTICE_DAYS) {
                    push(ReminderKind::NoncompeteEnding, n.person_name.clone(), end);
                }
            }
        }
        for w in store.people().warnings(&e.id, today)? {
            if matches!(
                w.kind,
                PersonWarningKind::AgreementExpired | PersonWarningKind::AgreementExpiresSoon
            ) {
                if let Some(end) = w.detail.first().and_then(|d| parse(d)) {
                    push(ReminderKind::AgreementEnding, w.person_name.clone(), end);
                }
            }
        }
    }
    out.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then(a.enterprise_name.cmp(&b.enterprise_name))
    });
    Ok(out)
}
