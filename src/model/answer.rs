//! The answer statuses of a criterion (spec §4): a noun the scoring, the
//! catalogue and the store share, so it lives with the model.

use crate::error::{Error, Result};

crate::wire_enum! {
    /// The five answer statuses (spec §4).
    pub enum AnswerStatus {
        Done = ("met", "已落实"),
        Partial = ("partly_met", "部分落实"),
        NotDone = ("not_met", "未落实"),
        NotApplicable = ("not_applicable", "不适用"),
        Unanswered = ("unanswered", "未评"),
    }
}

impl AnswerStatus {
    /// Whether the core refuses this answer without a written reason.
    pub fn needs_reason(self) -> bool {
        self == AnswerStatus::NotApplicable
    }

    pub fn parse(s: &str) -> Result<AnswerStatus> {
        AnswerStatus::ALL
            .into_iter()
            .find(|a| a.label() == s.trim() || a.code() == s.trim())
            .ok_or_else(|| Error::AnswerStatusUnknown {
                status: s.trim().to_string(),
            })
    }
}
