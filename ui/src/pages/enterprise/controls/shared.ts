// What the parts of the whole-process controls step share.
import { ANSWER_STATUSES, type AnswerStatus, type ControlAnswer } from '../../../services';

/** The statuses a control can be given: every answer but 'unanswered' (which the core does not store). */
export const CHOICES: AnswerStatus[] = ANSWER_STATUSES.filter((s) => s !== 'unanswered');

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
export const isAnswered = (a: ControlAnswer | undefined): boolean => !!a && a.status !== 'unanswered';
