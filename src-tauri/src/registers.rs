//! Commands of the guided flow's registers and steps: 涉密人员, 制度与培训,
//! 密级方案, 知悉范围, 定密/变更/解密 approvals and their 审批表, the step list
//! and the criteria of a step. One thin command per core function.

use midun::catalogue::Catalogue;
use midun::flow::{self, DomainView, StepProgress};
use midun::model::{
    Approval, Enterprise, ExportResult, NewApproval, SecretPoint, Status, StatusMove,
};
use midun::report;
use midun::store::{
    Agreement, Answer, AnswerStatus, ExitRecord, NewAgreement, NewExitRecord, NewNoncompete,
    NewPerson, NewRuleDoc, NewTraining, Noncompete, NoncompetePayment, Person, PersonField,
    PersonWarning, PointAccess, RuleDoc, RuleDocField, Training,
};
use tauri::{AppHandle, State};

use super::{choose_save_path, err, with, Db, Reply};

fn catalogue() -> Reply<Catalogue> {
    Catalogue::default_catalogue().map_err(err)
}

// —— 涉密人员 ——

#[tauri::command]
pub fn list_people(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Person>> {
    with(&db, |s| s.list_people(&enterprise_id))
}

#[tauri::command]
pub fn add_person(db: State<'_, Db>, input: NewPerson) -> Reply<Person> {
    with(&db, |s| s.add_person(&input))
}

/// Autosave: one field of a person, one transaction, one audit entry.
#[tauri::command]
pub fn update_person(
    db: State<'_, Db>,
    person_id: i64,
    field: PersonField,
    value: String,
) -> Reply<Person> {
    with(&db, |s| s.update_person(person_id, field, &value))
}

#[tauri::command]
pub fn delete_person(db: State<'_, Db>, person_id: i64) -> Reply<()> {
    with(&db, |s| s.delete_person(person_id))
}

#[tauri::command]
pub fn list_agreements(db: State<'_, Db>, person_id: i64) -> Reply<Vec<Agreement>> {
    with(&db, |s| s.list_agreements(person_id))
}

/// Every agreement of the enterprise's people (the register's summary column).
#[tauri::command]
pub fn enterprise_agreements(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Agreement>> {
    with(&db, |s| s.agreements_of_enterprise(&enterprise_id))
}

#[tauri::command]
pub fn add_agreement(db: State<'_, Db>, input: NewAgreement) -> Reply<Agreement> {
    with(&db, |s| s.add_agreement(&input))
}

#[tauri::command]
pub fn delete_agreement(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_agreement(id))
}

#[tauri::command]
pub fn exit_record(db: State<'_, Db>, person_id: i64) -> Reply<Option<ExitRecord>> {
    with(&db, |s| s.exit_record(person_id))
}

/// Remove a person's exit record (e.g. one made for the wrong person).
#[tauri::command]
pub fn delete_exit_record(db: State<'_, Db>, person_id: i64) -> Reply<()> {
    with(&db, |s| s.delete_exit_record(person_id))
}

#[tauri::command]
pub fn record_exit(db: State<'_, Db>, input: NewExitRecord) -> Reply<ExitRecord> {
    with(&db, |s| s.record_exit(&input))
}

#[tauri::command]
pub fn list_noncompetes(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Noncompete>> {
    with(&db, |s| s.list_noncompetes(&enterprise_id))
}

#[tauri::command]
pub fn add_noncompete(db: State<'_, Db>, input: NewNoncompete) -> Reply<Noncompete> {
    with(&db, |s| s.add_noncompete(&input))
}

#[tauri::command]
pub fn delete_noncompete(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_noncompete(id))
}

/// Record that month `month` (YYYY-MM) of a non-compete was paid on `paid_on`.
#[tauri::command]
pub fn add_noncompete_payment(
    db: State<'_, Db>,
    noncompete_id: i64,
    month: String,
    paid_on: String,
) -> Reply<NoncompetePayment> {
    with(&db, |s| {
        s.add_noncompete_payment(noncompete_id, &month, &paid_on)
    })
}

/// Remove a payment recorded by mistake.
#[tauri::command]
pub fn delete_noncompete_payment(db: State<'_, Db>, payment_id: i64) -> Reply<()> {
    with(&db, |s| s.delete_noncompete_payment(payment_id))
}

/// The register's warnings as of today.
#[tauri::command(async)]
pub fn personnel_warnings(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<PersonWarning>> {
    let today = midun::model::today();
    with(&db, |s| s.personnel_warnings(&enterprise_id, today))
}

// —— 组织与制度 ——

#[tauri::command]
pub fn list_rule_docs(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<RuleDoc>> {
    with(&db, |s| s.list_rule_docs(&enterprise_id))
}

#[tauri::command]
pub fn add_rule_doc(db: State<'_, Db>, input: NewRuleDoc) -> Reply<RuleDoc> {
    with(&db, |s| s.add_rule_doc(&input))
}

#[tauri::command]
pub fn update_rule_doc(
    db: State<'_, Db>,
    id: i64,
    field: RuleDocField,
    value: String,
) -> Reply<RuleDoc> {
    with(&db, |s| s.update_rule_doc(id, field, &value))
}

#[tauri::command]
pub fn delete_rule_doc(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_rule_doc(id))
}

#[tauri::command]
pub fn list_trainings(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Training>> {
    with(&db, |s| s.list_trainings(&enterprise_id))
}

#[tauri::command]
pub fn add_training(db: State<'_, Db>, input: NewTraining) -> Reply<Training> {
    with(&db, |s| s.add_training(&input))
}

#[tauri::command]
pub fn delete_training(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.delete_training(id))
}

// —— 企业信息 ——

/// Change the credit code; one that fails a check needs the user's note.
#[tauri::command]
pub fn set_credit_code(
    db: State<'_, Db>,
    enterprise_id: String,
    code: String,
    note: Option<String>,
) -> Reply<Enterprise> {
    with(&db, |s| {
        s.set_credit_code(&enterprise_id, &code, note.as_deref())
    })
}

// —— 定密管理 ——

/// Replace the level scheme, highest first; refused names come back explained.
#[tauri::command]
pub fn set_levels(
    db: State<'_, Db>,
    enterprise_id: String,
    names: Vec<String>,
) -> Reply<Vec<String>> {
    with(&db, |s| s.set_levels(&enterprise_id, &names))
}

#[tauri::command]
pub fn point_access(db: State<'_, Db>, point_id: i64) -> Reply<PointAccess> {
    with(&db, |s| s.point_access(point_id))
}

#[tauri::command]
pub fn set_point_access(
    db: State<'_, Db>,
    point_id: i64,
    person_ids: Vec<i64>,
    roles: Vec<String>,
) -> Reply<PointAccess> {
    with(&db, |s| s.set_point_access(point_id, &person_ids, &roles))
}

/// Move a 密点 to `to`; 定密, 变更 and 解密 need the approval record.
#[tauri::command]
pub fn transition_point(
    db: State<'_, Db>,
    point_id: i64,
    to: Status,
    approval: Option<NewApproval>,
) -> Reply<SecretPoint> {
    with(&db, |s| s.transition_point(point_id, to, approval.as_ref()))
}

/// Where a 密点 may move from `status`, and which moves need an approval.
#[tauri::command]
pub fn status_moves(status: Status) -> Vec<StatusMove> {
    status.moves()
}

#[tauri::command]
pub fn list_approvals(db: State<'_, Db>, point_id: i64) -> Reply<Vec<Approval>> {
    with(&db, |s| s.list_approvals(point_id))
}

/// Ask where to save (the system dialog), then write the approval's 审批表.
#[tauri::command(async)]
pub fn save_approval_form(
    app: AppHandle,
    db: State<'_, Db>,
    approval_id: i64,
) -> Reply<Option<ExportResult>> {
    let name = with(&db, |s| {
        report::approval::suggested_file_name(s, approval_id)
    })?;
    let Some(path) = choose_save_path(
        &app,
        "MIDUN_E2E_SAVE_PATH",
        "保存审批表",
        &name,
        ("PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    let path = report::with_pdf_extension(path);
    with(&db, |s| report::approval::export(s, approval_id, &path)).map(Some)
}

// —— The step list and the criteria of a step ——

#[tauri::command(async)]
pub fn flow_progress(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<StepProgress>> {
    let catalogue = catalogue()?;
    let today = midun::model::today();
    with(&db, |s| {
        flow::progress(s, &enterprise_id, &catalogue, today)
    })
}

#[tauri::command(async)]
pub fn domain_view(
    db: State<'_, Db>,
    enterprise_id: String,
    domain_id: String,
) -> Reply<DomainView> {
    let catalogue = catalogue()?;
    with(&db, |s| {
        flow::domain_view(s, &enterprise_id, &domain_id, &catalogue)
    })
}

/// Answer a criterion (the first answer starts the first round).
#[tauri::command]
pub fn answer_criterion(
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
    status: AnswerStatus,
    note: String,
    na_reason: String,
) -> Reply<Answer> {
    let catalogue = catalogue()?;
    let today = midun::model::today();
    with(&db, |s| {
        flow::answer_criterion(
            s,
            &enterprise_id,
            &catalogue,
            &criterion_id,
            status,
            &note,
            &na_reason,
            today,
        )
    })
}

/// Override a derived criterion with a reason; an empty reason undoes it.
#[tauri::command]
pub fn override_criterion(
    db: State<'_, Db>,
    enterprise_id: String,
    criterion_id: String,
    status: AnswerStatus,
    reason: String,
) -> Reply<Answer> {
    let catalogue = catalogue()?;
    let today = midun::model::today();
    with(&db, |s| {
        flow::override_criterion(
            s,
            &enterprise_id,
            &catalogue,
            &criterion_id,
            status,
            &reason,
            today,
        )
    })
}
