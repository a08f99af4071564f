import { useState } from 'react';
import { Button, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  enumKey,
  localizeError,
  needsWrittenReason,
  setControlAnswer,
  setControlStarted,
  type AnswerStatus,
  type ControlAnswer,
  type ControlItem,
} from '../../../services';
import AutosaveField from '../../../components/AutosaveField';
import HelpTip from '../../../components/HelpTip';
import { DateInput, isAfterToday } from '../../../components/register';
import { CHOICES, needsReason } from './shared';

type Props = {
  enterpriseId: string;
  control: ControlItem;
  /** null: one answer for every level; n: the answer for the level of rank n. */
  rank: number | null;
  /** The level's name, for an answer per level. */
  levelName?: string;
  answer: ControlAnswer | undefined;
  /** An answer the core accepted; `statusChanged` when coverage may have moved. */
  onSaved: (answer: ControlAnswer, statusChanged: boolean) => void;
};

/** The statuses of a control that is in place, in whole or in part: only these have a start date (the per-point dossier prints it). */
const inPlace = (status: AnswerStatus | null): boolean => status === 'met' || status === 'partly_met';

/**
 * One answer to a control: its status and a note. An answer the core refuses without a reason
 * ("not applicable", see needsWrittenReason) is sent only with one (the note), asked for first. A note
 * written before any status is sent with the first status chosen. A control in place may also be
 * given the day it was put in place (optional, never after today).
 */
export default function AnswerSlot({ enterpriseId, control, rank, levelName, answer, onSaved }: Props) {
  const { t } = useTranslation();
  const id = rank === null ? control.id : `${control.id}-${rank}`;
  const status: AnswerStatus | null = answer && answer.status !== 'unanswered' ? answer.status : null;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** An answer that needs a reason, chosen but not yet sent: the status and the reason being written. */
  const [naDraft, setNaDraft] = useState<string | null>(null);
  const [naStatus, setNaStatus] = useState<AnswerStatus | null>(null);
  const [naError, setNaError] = useState<string | null>(null);
  /** A note written before the first status. */
  const [noteDraft, setNoteDraft] = useState('');
  const [startedError, setStartedError] = useState<string | null>(null);

  async function send(next: AnswerStatus, note: string) {
    const saved = await setControlAnswer(enterpriseId, control.id, rank, next, note);
    onSaved(saved, saved.status !== status);
  }

  async function choose(next: AnswerStatus) {
    setError(null);
    if (needsWrittenReason(next)) {
      // Ask for the reason first; nothing is sent until it is written.
      setNaStatus(next);
      setNaDraft(answer?.note ?? noteDraft);
      setNaError(null);
      return;
    }
    setNaDraft(null);
    setSaving(true);
    try {
      await send(next, status ? (answer?.note ?? '') : noteDraft);
      setNoteDraft('');
    } catch (e) {
      setError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  /** The day the control was put in place, or '' to clear it; it moves no coverage. */
  async function saveStarted(startedOn: string) {
    try {
      const saved = await setControlStarted(enterpriseId, control.id, rank, startedOn);
      setStartedError(null);
      onSaved(saved, false);
    } catch (e) {
      setStartedError(localizeError(e));
    }
  }

  async function saveNotApplicable() {
    const reason = (naDraft ?? '').trim();
    if (!reason || naStatus === null) {
      setNaError(localizeError(needsReason()));
      return;
    }
    setSaving(true);
    try {
      await send(naStatus, reason);
      setNaDraft(null);
      setNaError(null);
      setNoteDraft('');
    } catch (e) {
      setNaError(localizeError(e));
    } finally {
      setSaving(false);
    }
  }

  const note = () => {
    if (naDraft !== null) {
      return (
        <Form.Item label={t('controls.checklist.naReason')} required validateStatus={naError ? 'error' : undefined} help={naError ?? t('controls.checklist.naAsk')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              data-testid={`control-na-reason-${id}`}
              value={naDraft}
              placeholder={t('controls.checklist.naReasonPlaceholder')}
              maxLength={500}
              onChange={(e) => setNaDraft(e.target.value)}
              onPressEnter={() => void saveNotApplicable()}
            />
            <Button type="primary" data-testid={`control-na-save-${id}`} loading={saving} onClick={() => void saveNotApplicable()}>
              {t('controls.checklist.naSave')}
            </Button>
            <Button
              data-testid={`control-na-cancel-${id}`}
              onClick={() => {
                setNaDraft(null);
                setNaError(null);
              }}
            >
              {t('controls.checklist.cancel')}
            </Button>
          </Space.Compact>
        </Form.Item>
      );
    }
    if (!status) {
      return (
        <Form.Item label={t('controls.checklist.note')}>
          <Input
            data-testid={`control-note-${id}`}
            value={noteDraft}
            placeholder={t('controls.checklist.noteFirst')}
            maxLength={1000}
            onChange={(e) => setNoteDraft(e.target.value)}
          />
        </Form.Item>
      );
    }
    const na = needsWrittenReason(status);
    return (
      <AutosaveField
        key={`${id}-${status}`}
        label={na ? t('controls.checklist.naReason') : t('controls.checklist.note')}
        stored={answer?.note ?? ''}
        testId={`control-note-${id}`}
        placeholder={na ? t('controls.checklist.naReasonPlaceholder') : t('controls.checklist.notePlaceholder')}
        onSave={async (v) => {
          if (na && !v.trim()) throw needsReason();
          await send(status, v);
        }}
      />
    );
  };

  return (
    <div data-testid={`control-slot-${id}`} data-status={status ?? ''} style={{ marginTop: 6 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', gap: 8 }}>
        {levelName !== undefined && (
          <Tag color="blue" style={{ marginTop: 1, minWidth: 72, textAlign: 'center' }} data-testid={`control-level-${id}`}>
            {levelName}
          </Tag>
        )}
        <Radio.Group
          size="small"
          optionType="button"
          value={naDraft !== null ? naStatus : status}
          disabled={saving}
          name={`control-status-${id}`}
          data-testid={`control-status-${id}`}
          onChange={(e) => void choose(e.target.value as AnswerStatus)}
        >
          {CHOICES.map((s, i) => (
            <Radio.Button key={s} value={s}>
              <span data-testid={`control-status-${id}-option-${i}`} data-value={s}>
                {t(enumKey('answerStatus', s))}
              </span>
            </Radio.Button>
          ))}
        </Radio.Group>
        <Form layout="horizontal" component="div" size="small" style={{ flex: '1 1 300px', minWidth: 260 }}>
          {note()}
        </Form>
        {inPlace(status) && (
          <Form layout="horizontal" component="div" size="small" style={{ flex: '0 1 260px', minWidth: 220 }}>
            <Form.Item
              label={
                <span>
                  {t('controls.checklist.startedOn')}
                  <HelpTip text={t('controls.checklist.startedOnHelp')} testId={`help-control-started-${id}`} />
                </span>
              }
              validateStatus={startedError ? 'error' : undefined}
              help={startedError}
            >
              <DateInput
                testId={`control-started-${id}`}
                value={answer?.startedOn}
                disabledDate={isAfterToday}
                placeholder={t('controls.checklist.startedOnPlaceholder')}
                onChange={(v) => void saveStarted(v)}
              />
            </Form.Item>
          </Form>
        )}
      </div>
      {error && (
        <Typography.Text type="danger" data-testid={`control-error-${id}`}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
