// The typed layer over the guided flow's register commands (src-tauri/src/registers.rs):
// personnel (with the signed access notices and the discipline records), rules and trainings,
// the level scheme, access lists, approvals, the step list and the criteria of a step. One
// function per command, camelCase arguments.
import type { AccessNotice } from './bindings/AccessNotice';
import type { Agreement } from './bindings/Agreement';
import type { Answer } from './bindings/Answer';
import type { AnswerStatus } from './bindings/AnswerStatus';
import type { Approval } from './bindings/Approval';
import type { DisciplineRecord } from './bindings/DisciplineRecord';
import type { DomainView } from './bindings/DomainView';
import type { Enterprise } from './bindings/Enterprise';
import type { ExitRecord } from './bindings/ExitRecord';
import type { ExportResult } from './bindings/ExportResult';
import type { NewAccessNotice } from './bindings/NewAccessNotice';
import type { NewAgreement } from './bindings/NewAgreement';
import type { NewApproval } from './bindings/NewApproval';
import type { NewDisciplineRecord } from './bindings/NewDisciplineRecord';
import type { NewExitRecord } from './bindings/NewExitRecord';
import type { NewNoncompete } from './bindings/NewNoncompete';
import type { NewPerson } from './bindings/NewPerson';
import type { NewRuleDoc } from './bindings/NewRuleDoc';
import type { NewTraining } from './bindings/NewTraining';
import type { Noncompete } from './bindings/Noncompete';
import type { NoncompetePayment } from './bindings/NoncompetePayment';
import type { Person } from './bindings/Person';
import type { PersonField } from './bindings/PersonField';
import type { PersonWarning } from './bindings/PersonWarning';
import type { PointAccess } from './bindings/PointAccess';
import type { RuleDoc } from './bindings/RuleDoc';
import type { RuleDocField } from './bindings/RuleDocField';
import type { SecretPoint } from './bindings/SecretPoint';
import type { Status } from './bindings/Status';
import type { StatusMove } from './bindings/StatusMove';
import type { StepProgress } from './bindings/StepProgress';
import type { Training } from './bindings/Training';
import type { ImportOutcome } from './bindings/ImportOutcome';
import { call } from './call';

// -- Personnel register --

export function listPeople(enterpriseId: string): Promise<Person[]> {
  return call('list_people', { enterpriseId });
}

/** Rust shows the open dialog and imports the personnel register (.xlsx/.csv), every row or none; with ignoreColumns the last file is read again without its unknown columns. Null means cancelled. */
export function importPeople(enterpriseId: string, ignoreColumns = false): Promise<ImportOutcome | null> {
  return call('import_people', { enterpriseId, ignoreColumns });
}

/** Rust shows the save dialog and writes the personnel import template (.xlsx); null means cancelled. */
export function savePeopleTemplate(): Promise<string | null> {
  return call('save_people_template');
}

export function addPerson(input: NewPerson): Promise<Person> {
  return call('add_person', { input });
}

/** Autosave one field of a person; resolves to the person as stored. */
export function updatePerson(personId: number, field: PersonField, value: string): Promise<Person> {
  return call('update_person', { personId, field, value });
}

export function deletePerson(personId: number): Promise<void> {
  return call('delete_person', { personId });
}

export function listAgreements(personId: number): Promise<Agreement[]> {
  return call('list_agreements', { personId });
}

/** Every agreement of the enterprise's people, in one call (the register's summary column). */
export function enterpriseAgreements(enterpriseId: string): Promise<Agreement[]> {
  return call('enterprise_agreements', { enterpriseId });
}

export function addAgreement(input: NewAgreement): Promise<Agreement> {
  return call('add_agreement', { input });
}

export function deleteAgreement(id: number): Promise<void> {
  return call('delete_agreement', { id });
}

export function exitRecord(personId: number): Promise<ExitRecord | null> {
  return call('exit_record', { personId });
}

/** Remove a person's exit record (to correct a mistake; the audit log keeps it). */
export function deleteExitRecord(personId: number): Promise<void> {
  return call('delete_exit_record', { personId });
}

/** Make or replace the exit record of a person who has an exit date. */
export function recordExit(input: NewExitRecord): Promise<ExitRecord> {
  return call('record_exit', { input });
}

export function listNoncompetes(enterpriseId: string): Promise<Noncompete[]> {
  return call('list_noncompetes', { enterpriseId });
}

export function addNoncompete(input: NewNoncompete): Promise<Noncompete> {
  return call('add_noncompete', { input });
}

export function deleteNoncompete(id: number): Promise<void> {
  return call('delete_noncompete', { id });
}

/** Record that `month` (YYYY-MM) of a non-compete was paid on `paidOn`. */
export function addNoncompetePayment(noncompeteId: number, month: string, paidOn: string): Promise<NoncompetePayment> {
  return call('add_noncompete_payment', { noncompeteId, month, paidOn });
}

/** Remove a payment recorded by mistake. */
export function deleteNoncompetePayment(paymentId: number): Promise<void> {
  return call('delete_noncompete_payment', { paymentId });
}

/** The signed access notices of a person, oldest first. */
export function listAccessNotices(personId: number): Promise<AccessNotice[]> {
  return call('list_access_notices', { personId });
}

/**
 * Record a signed notice; the core lists the codes of the secret points the person knows today
 * (and refuses a person who knows none).
 */
export function addAccessNotice(input: NewAccessNotice): Promise<AccessNotice> {
  return call('add_access_notice', { input });
}

export function deleteAccessNotice(id: number): Promise<void> {
  return call('delete_access_notice', { id });
}

/** The enterprise's records of breaches of the confidentiality rules and how they were handled. */
export function listDiscipline(enterpriseId: string): Promise<DisciplineRecord[]> {
  return call('list_discipline', { enterpriseId });
}

export function addDiscipline(input: NewDisciplineRecord): Promise<DisciplineRecord> {
  return call('add_discipline', { input });
}

export function deleteDiscipline(id: number): Promise<void> {
  return call('delete_discipline', { id });
}

/** The personnel register's warnings as of today. */
export function personnelWarnings(enterpriseId: string): Promise<PersonWarning[]> {
  return call('personnel_warnings', { enterpriseId });
}

// -- Organisation and rules --

export function listRuleDocs(enterpriseId: string): Promise<RuleDoc[]> {
  return call('list_rule_docs', { enterpriseId });
}

export function addRuleDoc(input: NewRuleDoc): Promise<RuleDoc> {
  return call('add_rule_doc', { input });
}

/** Autosave one field of a rule; resolves to the rule as stored. */
export function updateRuleDoc(id: number, field: RuleDocField, value: string): Promise<RuleDoc> {
  return call('update_rule_doc', { id, field, value });
}

export function deleteRuleDoc(id: number): Promise<void> {
  return call('delete_rule_doc', { id });
}

export function listTrainings(enterpriseId: string): Promise<Training[]> {
  return call('list_trainings', { enterpriseId });
}

export function addTraining(input: NewTraining): Promise<Training> {
  return call('add_training', { input });
}

export function deleteTraining(id: number): Promise<void> {
  return call('delete_training', { id });
}

// -- Enterprise profile --

/** Change the credit code; a code that fails a check needs `note` (CREDIT_CODE_NEEDS_NOTE otherwise). */
export function setCreditCode(enterpriseId: string, code: string, note: string | null): Promise<Enterprise> {
  return call('set_credit_code', { enterpriseId, code, note });
}

// -- Classification --

/** Replace the level scheme, highest first; resolves to the scheme as stored. */
export function setLevels(enterpriseId: string, names: string[]): Promise<string[]> {
  return call('set_levels', { enterpriseId, names });
}

export function pointAccess(pointId: number): Promise<PointAccess> {
  return call('point_access', { pointId });
}

export function setPointAccess(pointId: number, personIds: number[], roles: string[]): Promise<PointAccess> {
  return call('set_point_access', { pointId, personIds, roles });
}

/** Move a secret point to `to`; classification, change and declassification need `approval`. */
export function transitionPoint(pointId: number, to: Status, approval: NewApproval | null): Promise<SecretPoint> {
  return call('transition_point', { pointId, to, approval });
}

/** Where a secret point may move from `status`, and which moves need an approval. */
export function statusMoves(status: Status): Promise<StatusMove[]> {
  return call('status_moves', { status });
}

export function listApprovals(pointId: number): Promise<Approval[]> {
  return call('list_approvals', { pointId });
}

/** Rust shows the save dialog and writes the approval form PDF; null means cancelled. */
export function saveApprovalForm(approvalId: number): Promise<ExportResult | null> {
  return call('save_approval_form', { approvalId });
}

// -- The step list and the criteria of a step --

export function flowProgress(enterpriseId: string): Promise<StepProgress[]> {
  return call('flow_progress', { enterpriseId });
}

export function domainView(enterpriseId: string, domainId: string): Promise<DomainView> {
  return call('domain_view', { enterpriseId, domainId });
}

/** Answer a criterion in the latest round (the first answer starts round 1). */
export function answerCriterion(
  enterpriseId: string,
  criterionId: string,
  status: AnswerStatus,
  note: string,
  naReason: string,
): Promise<Answer> {
  return call('answer_criterion', { enterpriseId, criterionId, status, note, naReason });
}

/** Override a derived criterion with a reason; an empty reason lets the registers answer again. */
export function overrideCriterion(enterpriseId: string, criterionId: string, status: AnswerStatus, reason: string): Promise<Answer> {
  return call('override_criterion', { enterpriseId, criterionId, status, reason });
}
