// The Rust enums whose wire values are Chinese labels (status of a secret point, approval kind,
// answer status, agreement kind, non-compete eligibility). As for categories, the values are
// listed once, as the keys of `enums.*` in the zh-CN locale file, so that no Chinese literal
// appears in code; the type checks below fail to compile if a list and its binding disagree.
import zhCN from '../locales/zh-CN.json';
import type { AgreementKind } from './bindings/AgreementKind';
import type { AnswerStatus } from './bindings/AnswerStatus';
import type { ApprovalKind } from './bindings/ApprovalKind';
import type { NoncompeteEligibility } from './bindings/NoncompeteEligibility';
import type { EvidenceKind } from './bindings/EvidenceKind';
import type { IncidentSeverity } from './bindings/IncidentSeverity';
import type { RecipientKind } from './bindings/RecipientKind';
import type { RemediationStatus } from './bindings/RemediationStatus';
import type { Status } from './bindings/Status';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const checks: [
  Same<keyof typeof zhCN.enums.status, Status>,
  Same<keyof typeof zhCN.enums.approvalKind, ApprovalKind>,
  Same<keyof typeof zhCN.enums.answerStatus, AnswerStatus>,
  Same<keyof typeof zhCN.enums.agreementKind, AgreementKind>,
  Same<keyof typeof zhCN.enums.eligibility, NoncompeteEligibility>,
  Same<keyof typeof zhCN.enums.recipientKind, RecipientKind>,
  Same<keyof typeof zhCN.enums.severity, IncidentSeverity>,
  Same<keyof typeof zhCN.enums.taskStatus, RemediationStatus>,
  Same<keyof typeof zhCN.enums.evidenceKind, EvidenceKind>,
] = [true, true, true, true, true, true, true, true, true];
void checks;

const keys = <T extends string>(o: object) => Object.keys(o) as T[];

/** Secret-point statuses in lifecycle order: proposed, classified, under review, changed, declassified, made public. */
export const STATUSES = keys<Status>(zhCN.enums.status);
/** Classification, change, declassification. */
export const APPROVAL_KINDS = keys<ApprovalKind>(zhCN.enums.approvalKind);
/** Done, partly done, not done, not applicable, not assessed. */
export const ANSWER_STATUSES = keys<AnswerStatus>(zhCN.enums.answerStatus);
/** NDA, pledge, contract clause. */
export const AGREEMENT_KINDS = keys<AgreementKind>(zhCN.enums.agreementKind);
/** Senior manager, senior technical, other confidential, not eligible (last). */
export const ELIGIBILITIES = keys<NoncompeteEligibility>(zhCN.enums.eligibility);

/** Supplier, subcontractor, customer, R&D partner, visitor, other. */
export const RECIPIENT_KINDS = keys<RecipientKind>(zhCN.enums.recipientKind);
/** Ordinary, major. */
export const SEVERITIES = keys<IncidentSeverity>(zhCN.enums.severity);
/** To do, in progress, done. */
export const TASK_STATUSES = keys<RemediationStatus>(zhCN.enums.taskStatus);

/** The kinds of evidence, in the core's order. */
export const EVIDENCE_KINDS = keys<EvidenceKind>(zhCN.enums.evidenceKind);

/** The locale key of an enum value's display name, e.g. enumKey('status', s). */
export function enumKey(kind: keyof typeof zhCN.enums, value: string): string {
  return `enums.${kind}.${value}`;
}

/** ASCII names of the statuses, in the order of STATUSES, for test ids and CSS. */
const STATUS_SLUGS = ['proposed', 'classified', 'underReview', 'changed', 'declassified', 'disclosed'] as const;

export function statusSlug(status: Status): string {
  return STATUS_SLUGS[STATUSES.indexOf(status)] ?? 'unknown';
}
