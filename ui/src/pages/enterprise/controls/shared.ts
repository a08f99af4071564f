// What the parts of the whole-process controls step share.
import { ANSWER_STATUSES, type AnswerStatus, type ControlAnswer } from '../../../services';

/** The answer status that needs a written reason (the note) before it is sent. */
export const NOT_APPLICABLE: AnswerStatus = ANSWER_STATUSES[3];
/** The status of a control nobody has answered; the core does not store it. */
export const UNANSWERED: AnswerStatus = ANSWER_STATUSES[4];
/** The statuses a control can be given: done, partly done, not done, not applicable. */
export const CHOICES: AnswerStatus[] = ANSWER_STATUSES.filter((s) => s !== UNANSWERED);

/** An error the core would send, made before sending so that it reads the same. */
export const needsReason = () => ({ code: 'NOT_APPLICABLE_NEEDS_REASON', message: '', params: {} });

/** Extra props (data-*) that antd's prop types do not list. */
export const testProps = (props: Record<string, string | number>) => props as object;

/** The key of an answer slot: a control and a level rank (0 = every level). */
export const slotKey = (controlId: string, levelRank: number) => `${controlId}#${levelRank}`;

/** The answers by slot key. */
export function answersBySlot(answers: ControlAnswer[]): Map<string, ControlAnswer> {
  return new Map(answers.map((a) => [slotKey(a.controlId, a.levelRank), a]));
}

/** Whether a slot counts as answered. */
export const isAnswered = (a: ControlAnswer | undefined): boolean => !!a && a.status !== UNANSWERED;
