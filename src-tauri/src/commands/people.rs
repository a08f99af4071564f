//! The 涉密人员台账: people, agreements, exits, non-competes, the register's warnings.

use midun::store::{
    AccessNotice, Agreement, DisciplineRecord, ExitRecord, NewAccessNotice, NewAgreement,
    NewDisciplineRecord, NewExitRecord, NewNoncompete, NewPerson, Noncompete, NoncompetePayment,
    Person, PersonField, PersonWarning,
};
use tauri::State;

use crate::{with, Db, Reply};

#[tauri::command]
pub fn list_people(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Person>> {
    with(&db, |s| s.people().list(&enterprise_id))
}

#[tauri::command]
pub fn add_person(db: State<'_, Db>, input: NewPerson) -> Reply<Person> {
    with(&db, |s| s.people().add(&input))
}

/// Autosave: one field of a person, one transaction, one audit entry.
#[tauri::command]
pub fn update_person(
    db: State<'_, Db>,
    person_id: i64,
    field: PersonField,
    value: String,
) -> Reply<Person> {
    with(&db, |s| s.people().update(person_id, field, &value))
}

#[tauri::command]
pub fn delete_person(db: State<'_, Db>, person_id: i64) -> Reply<()> {
    with(&db, |s| s.people().delete(person_id))
}

#[tauri::command]
pub fn list_agreements(db: State<'_, Db>, person_id: i64) -> Reply<Vec<Agreement>> {
    with(&db, |s| s.people().agreements(person_id))
}

/// Every agreement of the enterprise's people (the register's summary column).
#[tauri::command]
pub fn enterprise_agreements(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Agreement>> {
    with(&db, |s| s.people().agreements_of_enterprise(&enterprise_id))
}

#[tauri::command]
pub fn add_agreement(db: State<'_, Db>, input: NewAgreement) -> Reply<Agreement> {
    with(&db, |s| s.people().add_agreement(&input))
}

#[tauri::command]
pub fn delete_agreement(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.people().delete_agreement(id))
}

#[tauri::command]
pub fn exit_record(db: State<'_, Db>, person_id: i64) -> Reply<Option<ExitRecord>> {
    with(&db, |s| s.people().exit_record(person_id))
}

/// Remove a person's exit record (e.g. one made for the wrong person).
#[tauri::command]
pub fn delete_exit_record(db: State<'_, Db>, person_id: i64) -> Reply<()> {
    with(&db, |s| s.people().delete_exit_record(person_id))
}

#[tauri::command]
pub fn record_exit(db: State<'_, Db>, input: NewExitRecord) -> Reply<ExitRecord> {
    with(&db, |s| s.people().record_exit(&input))
}

#[tauri::command]
pub fn list_noncompetes(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<Noncompete>> {
    with(&db, |s| s.people().noncompetes(&enterprise_id))
}

#[tauri::command]
pub fn add_noncompete(db: State<'_, Db>, input: NewNoncompete) -> Reply<Noncompete> {
    with(&db, |s| s.people().add_noncompete(&input))
}

#[tauri::command]
pub fn delete_noncompete(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.people().delete_noncompete(id))
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
        s.people()
            .add_noncompete_payment(noncompete_id, &month, &paid_on)
    })
}

/// Remove a payment recorded by mistake.
#[tauri::command]
pub fn delete_noncompete_payment(db: State<'_, Db>, payment_id: i64) -> Reply<()> {
    with(&db, |s| s.people().delete_noncompete_payment(payment_id))
}

/// The register's warnings as of today.
#[tauri::command(async)]
pub fn personnel_warnings(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<PersonWarning>> {
    let today = midun::model::today();
    with(&db, |s| s.people().warnings(&enterprise_id, today))
}

/// A person's signed 知悉告知书, oldest first.
#[tauri::command]
pub fn list_access_notices(db: State<'_, Db>, person_id: i64) -> Reply<Vec<AccessNotice>> {
    with(&db, |s| s.people().access_notices(person_id))
}

/// Record a signed notice (it lists the 密点 the person knows today).
#[tauri::command]
pub fn add_access_notice(db: State<'_, Db>, input: NewAccessNotice) -> Reply<AccessNotice> {
    with(&db, |s| s.people().add_access_notice(&input))
}

#[tauri::command]
pub fn delete_access_notice(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.people().delete_access_notice(id))
}

/// The 违反保密规定的处理记录 of an enterprise.
#[tauri::command]
pub fn list_discipline(db: State<'_, Db>, enterprise_id: String) -> Reply<Vec<DisciplineRecord>> {
    with(&db, |s| s.discipline().list(&enterprise_id))
}

#[tauri::command]
pub fn add_discipline(db: State<'_, Db>, input: NewDisciplineRecord) -> Reply<DisciplineRecord> {
    with(&db, |s| s.discipline().add(&input))
}

#[tauri::command]
pub fn delete_discipline(db: State<'_, Db>, id: i64) -> Reply<()> {
    with(&db, |s| s.discipline().delete(id))
}

/// Choose the 涉密人员台账 (.xlsx or .csv) and import it: every row or none.
/// With `ignore_columns` the file chosen last is read again, leaving out
/// the columns Midun does not know (the user's choice).
#[tauri::command(async)]
pub fn import_people(
    app: tauri::AppHandle,
    db: State<'_, Db>,
    chosen: State<'_, crate::ChosenImport>,
    enterprise_id: String,
    ignore_columns: Option<bool>,
) -> Reply<Option<midun::import::ImportOutcome>> {
    let again = ignore_columns.unwrap_or(false);
    let remembered = chosen.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
    let path = match (again, remembered) {
        (true, Some(p)) => p,
        _ => {
            let Some(p) = crate::choose_open_path(&app, "导入涉密人员台账") else {
                return Ok(None);
            };
            *chosen.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.clone());
            p
        }
    };
    let rows = midun::import::read_rows(&path).map_err(crate::err)?;
    with(&db, |s| s.people().import(&enterprise_id, &rows, again)).map(Some)
}

/// Save the personnel import template (.xlsx) where the user chooses.
#[tauri::command(async)]
pub fn save_people_template(app: tauri::AppHandle) -> Reply<Option<String>> {
    let Some(path) = crate::choose_save_path(
        &app,
        "MIDUN_E2E_TEMPLATE_PATH",
        "保存涉密人员导入模板",
        "涉密人员导入模板.xlsx",
        ("Excel", "xlsx"),
    ) else {
        return Ok(None);
    };
    let bytes = midun::import::person_template_xlsx().map_err(crate::err)?;
    midun::fsx::write_atomically(&path, &bytes).map_err(crate::err)?;
    Ok(Some(path.display().to_string()))
}
