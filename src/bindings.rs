//! TypeScript declarations of the types that cross to the UI, generated
//! from the Rust definitions with ts-rs, and `wire.ts`: the codes of every
//! wire enumeration in order, and the rules' constants the UI checks
//! before it asks (so that it never copies a number). The UI keeps a copy;
//! the integration test `bindings` takes where, fails when that copy is
//! stale, and rewrites it with `MIDUN_BLESS=1`.

use ts_rs::{Config, TS};

use crate::credit_code::{CodeCheck, CodeStatus};
use crate::error::AppError;
use crate::model::{
    Category, Enterprise, EnterpriseSummary, ExportResult, NewEnterprise, NewSecretPoint,
    RegisterRow, SecretPoint, Settings, Status,
};

fn config() -> Config {
    // Ids and counts are well inside JavaScript's safe integer range.
    Config::new().with_large_int("number")
}

fn one<T: TS + 'static>(cfg: &Config) -> (String, String) {
    let text = T::export_to_string(cfg).expect("every exported type is declarable");
    (format!("{}.ts", T::ident(cfg)), text)
}

/// Every generated file: (file name, contents).
pub fn all() -> Vec<(String, String)> {
    let cfg = config();
    vec![
        one::<AppError>(&cfg),
        one::<Category>(&cfg),
        one::<CodeCheck>(&cfg),
        one::<CodeStatus>(&cfg),
        one::<Enterprise>(&cfg),
        one::<EnterpriseSummary>(&cfg),
        one::<ExportResult>(&cfg),
        one::<NewEnterprise>(&cfg),
        one::<NewSecretPoint>(&cfg),
        one::<SecretPoint>(&cfg),
        one::<RegisterRow>(&cfg),
        one::<Settings>(&cfg),
        one::<Status>(&cfg),
        one::<crate::store::VaultState>(&cfg),
        one::<crate::store::VaultStatus>(&cfg),
        one::<crate::vault::UnlockSecret>(&cfg),
        one::<crate::store::backup::BackupInfo>(&cfg),
        one::<crate::import::RowError>(&cfg),
        one::<crate::assess::EnterpriseOverview>(&cfg),
        one::<crate::model::point::PointChoices>(&cfg),
        one::<crate::store::PointField>(&cfg),
        one::<crate::store::QuickView>(&cfg),
        one::<crate::store::EnterpriseField>(&cfg),
        one::<crate::store::QuickItem>(&cfg),
        one::<crate::assess::RoundBrief>(&cfg),
        one::<crate::store::NewRoundInput>(&cfg),
        one::<crate::store::Assessment>(&cfg),
        one::<crate::import::ImportOutcome>(&cfg),
        one::<crate::import::MissingPerson>(&cfg),
        one::<crate::store::MissingPeople>(&cfg),
        one::<crate::station::StationImport>(&cfg),
        one::<crate::progress::OperationProgress>(&cfg),
        one::<crate::station::Dashboard>(&cfg),
        one::<crate::station::StationRow>(&cfg),
        one::<crate::station::TrendPoint>(&cfg),
        one::<crate::station::pg::PushOutcome>(&cfg),
        one::<crate::station::pg::PullOutcome>(&cfg),
        one::<crate::handover::ImportMode>(&cfg),
        one::<crate::handover::HandoverOutcome>(&cfg),
        one::<crate::handover::HandoverExport>(&cfg),
        one::<crate::store::Person>(&cfg),
        one::<crate::store::NewPerson>(&cfg),
        one::<crate::store::PersonField>(&cfg),
        one::<crate::store::NoncompeteEligibility>(&cfg),
        one::<crate::store::Agreement>(&cfg),
        one::<crate::store::AgreementKind>(&cfg),
        one::<crate::store::NewAgreement>(&cfg),
        one::<crate::store::ExitRecord>(&cfg),
        one::<crate::store::NewExitRecord>(&cfg),
        one::<crate::store::Noncompete>(&cfg),
        one::<crate::store::NoncompetePayment>(&cfg),
        one::<crate::store::NewNoncompete>(&cfg),
        one::<crate::store::PersonWarning>(&cfg),
        one::<crate::store::PersonWarningKind>(&cfg),
        one::<crate::store::RuleDoc>(&cfg),
        one::<crate::store::NewRuleDoc>(&cfg),
        one::<crate::store::RuleDocField>(&cfg),
        one::<crate::store::Training>(&cfg),
        one::<crate::store::NewTraining>(&cfg),
        one::<crate::store::PointAccess>(&cfg),
        one::<crate::model::Approval>(&cfg),
        one::<crate::model::ApprovalKind>(&cfg),
        one::<crate::model::NewApproval>(&cfg),
        one::<crate::model::StatusMove>(&cfg),
        one::<crate::store::Answer>(&cfg),
        one::<crate::store::AnswerStatus>(&cfg),
        one::<crate::flow::Step>(&cfg),
        one::<crate::flow::StepProgress>(&cfg),
        one::<crate::flow::CriterionView>(&cfg),
        one::<crate::flow::DomainView>(&cfg),
        one::<crate::store::AreaOrSystem>(&cfg),
        one::<crate::store::NewAreaOrSystem>(&cfg),
        one::<crate::store::AreaOrSystemField>(&cfg),
        one::<crate::store::Disclosure>(&cfg),
        one::<crate::store::NewDisclosure>(&cfg),
        one::<crate::store::DisclosureField>(&cfg),
        one::<crate::store::RecipientKind>(&cfg),
        one::<crate::store::Incident>(&cfg),
        one::<crate::store::NewIncident>(&cfg),
        one::<crate::store::IncidentField>(&cfg),
        one::<crate::store::IncidentSeverity>(&cfg),
        one::<crate::store::RemediationTask>(&cfg),
        one::<crate::store::NewRemediationTask>(&cfg),
        one::<crate::store::RemediationField>(&cfg),
        one::<crate::store::RemediationStatus>(&cfg),
        one::<crate::store::ControlAnswer>(&cfg),
        one::<crate::store::ControlException>(&cfg),
        one::<crate::assess::PointCoverage>(&cfg),
        one::<crate::assess::ControlItem>(&cfg),
        one::<crate::assess::ControlsView>(&cfg),
        one::<crate::store::Carrier>(&cfg),
        one::<crate::store::NewCarrier>(&cfg),
        one::<crate::score::Score>(&cfg),
        one::<crate::score::CriterionResult>(&cfg),
        one::<crate::score::DomainResult>(&cfg),
        one::<crate::score::BasicItem>(&cfg),
        one::<crate::score::Gap>(&cfg),
        one::<crate::flow::ResultsView>(&cfg),
        one::<crate::store::RoundField>(&cfg),
        one::<crate::report::edition::Edition>(&cfg),
        one::<crate::report::ReportFormat>(&cfg),
        one::<crate::workbook::Sheet>(&cfg),
        one::<crate::letters::LetterKind>(&cfg),
        one::<crate::reminders::Reminder>(&cfg),
        one::<crate::reminders::ReminderKind>(&cfg),
        one::<crate::store::Evidence>(&cfg),
        one::<crate::store::NewEvidence>(&cfg),
        one::<crate::store::EvidenceKind>(&cfg),
        one::<crate::store::EvidenceStorage>(&cfg),
        one::<crate::store::Fingerprint>(&cfg),
        one::<crate::store::Certificate>(&cfg),
        one::<crate::store::NewCertificate>(&cfg),
        one::<crate::store::Recheck>(&cfg),
        one::<crate::store::PointImportOptions>(&cfg),
        one::<crate::store::ChainHead>(&cfg),
        one::<crate::score::Tier>(&cfg),
        one::<crate::score::Verdict>(&cfg),
        one::<crate::score::BasicStatus>(&cfg),
        one::<crate::score::Cap>(&cfg),
        one::<crate::score::ScoreWarning>(&cfg),
        one::<crate::store::Relationship>(&cfg),
        one::<crate::store::AccessNotice>(&cfg),
        one::<crate::store::NewAccessNotice>(&cfg),
        one::<crate::store::DisciplineRecord>(&cfg),
        one::<crate::store::NewDisciplineRecord>(&cfg),
        one::<crate::score::Contradiction>(&cfg),
        one::<crate::score::NotApplicableItem>(&cfg),
        one::<crate::score::GapKind>(&cfg),
        one::<crate::model::ExportWarning>(&cfg),
        one::<crate::model::NameKind>(&cfg),
        one::<crate::model::TextPlace>(&cfg),
        ("wire.ts".to_string(), wire_ts()),
    ]
}

/// The rules' numbers the UI shows or checks before asking the core (the
/// core still decides): (name, value, what it is).
fn rule_constants() -> Vec<(&'static str, String, &'static str)> {
    vec![
        (
            "MIN_PASSWORD_CHARS",
            crate::vault::MIN_PASSWORD_CHARS.to_string(),
            "The fewest characters of a database password.",
        ),
        (
            "MIN_PASSPHRASE_CHARS",
            crate::handover::MIN_PASSPHRASE_CHARS.to_string(),
            "The fewest characters of a hand-over file's passphrase.",
        ),
        (
            "MAX_LEVELS",
            crate::model::level::MAX_LEVELS.to_string(),
            "The most levels (密级) a scheme may have.",
        ),
        (
            "NA_SHARE_WARNING_PERCENT",
            crate::score::NA_WARNING_PERCENT.to_string(),
            "不适用 above this share of the points is warned about.",
        ),
    ]
}

/// `wire.ts`: every wire enumeration's codes in order, the answer statuses
/// that need a written reason, and the rules' constants.
fn wire_ts() -> String {
    let mut out = String::from(
        "// This file was generated from the Rust definitions (src/bindings.rs). Do not edit this file manually.\n",
    );
    let enums = crate::model::wire::wire_enums();
    for e in &enums {
        out.push_str(&format!(
            "import type {{ {} }} from \"./{}\";\n",
            e.ts_type, e.ts_type
        ));
    }
    out.push('\n');
    for e in &enums {
        let codes: Vec<String> = e.codes.iter().map(|(c, _)| format!("\"{c}\"")).collect();
        out.push_str(&format!(
            "export const {}: readonly {}[] = [{}];\n",
            e.constant,
            e.ts_type,
            codes.join(", ")
        ));
    }
    let reason: Vec<String> = crate::store::AnswerStatus::ALL
        .iter()
        .filter(|s| s.needs_reason())
        .map(|s| format!("\"{}\"", s.code()))
        .collect();
    out.push_str(&format!(
        "\n/** Answers the core refuses without a written reason. */\nexport const ANSWERS_NEEDING_REASON: readonly AnswerStatus[] = [{}];\n",
        reason.join(", ")
    ));
    for (name, value, doc) in rule_constants() {
        out.push_str(&format!("\n/** {doc} */\nexport const {name} = {value};\n"));
    }
    out
}
