// The wire enumerations. Every enumeration crosses IPC as a stable ASCII code; the lists of codes,
// in the core's order, and the numbers of the core's rules come from the generated
// ./bindings/wire (do not copy them). A screen compares a value with a code literal ('major',
// 'not_applicable' ...), type-checked against the generated unions, never with a position in a
// list; it words a code through the locale files (`enums.<kind>.<code>`, see enumKey). The type
// checks below fail to compile if the zh-CN keys of a kind and its binding ever disagree (the
// locale test checks both languages at run time).
import type zhCN from '../locales/zh-CN.json';
import type { AgreementKind } from './bindings/AgreementKind';
import type { AnswerStatus } from './bindings/AnswerStatus';
import type { ApprovalKind } from './bindings/ApprovalKind';
import type { BasicStatus } from './bindings/BasicStatus';
import type { EvidenceKind } from './bindings/EvidenceKind';
import type { GapKind } from './bindings/GapKind';
import type { IncidentSeverity } from './bindings/IncidentSeverity';
import type { NoncompeteEligibility } from './bindings/NoncompeteEligibility';
import type { RecipientKind } from './bindings/RecipientKind';
import type { Relationship } from './bindings/Relationship';
import type { RemediationStatus } from './bindings/RemediationStatus';
import type { Status } from './bindings/Status';
import type { Tier } from './bindings/Tier';
import type { Verdict } from './bindings/Verdict';
import { ANSWERS_NEEDING_REASON } from './bindings/wire';

export {
  STATUSES,
  APPROVAL_KINDS,
  ANSWER_STATUSES,
  AGREEMENT_KINDS,
  ELIGIBILITIES,
  RECIPIENT_KINDS,
  SEVERITIES,
  TASK_STATUSES,
  EVIDENCE_KINDS,
  EVIDENCE_STORAGES,
  TIERS,
  VERDICTS,
  BASIC_STATUSES,
  GAP_KINDS,
  RELATIONSHIPS,
  ANSWERS_NEEDING_REASON,
  MIN_PASSWORD_CHARS,
  MIN_PASSPHRASE_CHARS,
  MAX_LEVELS,
  NA_SHARE_WARNING_PERCENT,
} from './bindings/wire';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Enums = (typeof zhCN)['enums'];
const checks: [
  Same<keyof Enums['status'], Status>,
  Same<keyof Enums['approvalKind'], ApprovalKind>,
  Same<keyof Enums['answerStatus'], AnswerStatus>,
  Same<keyof Enums['agreementKind'], AgreementKind>,
  Same<keyof Enums['eligibility'], NoncompeteEligibility>,
  Same<keyof Enums['recipientKind'], RecipientKind>,
  Same<keyof Enums['severity'], IncidentSeverity>,
  Same<keyof Enums['taskStatus'], RemediationStatus>,
  Same<keyof Enums['evidenceKind'], EvidenceKind>,
  Same<keyof Enums['tier'], Tier>,
  Same<keyof Enums['verdict'], Verdict>,
  Same<keyof Enums['basicStatus'], BasicStatus>,
  Same<keyof Enums['gapKind'], GapKind>,
  Same<keyof Enums['relationship'], Relationship>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void checks;

/** A kind of enumeration worded under `enums.*` in the locale files. */
export type EnumKind = keyof Enums;

/** The locale key of an enum code's display name, e.g. enumKey('status', 'classified'). */
export function enumKey(kind: EnumKind, code: string): string {
  return `enums.${kind}.${code}`;
}

/** Whether the core refuses this answer without a written reason (asked of the core's rule, not copied). */
export function needsWrittenReason(status: AnswerStatus): boolean {
  return ANSWERS_NEEDING_REASON.includes(status);
}
