import { memo, useCallback, useEffect, useState } from 'react';
import { Alert, Button, Collapse, Form, Input, Radio, Space, Spin, Tag, Tooltip, Typography, type CollapseProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ANSWER_STATUSES,
  answerCriterion,
  domainView,
  enumKey,
  localizeError,
  needsWrittenReason,
  overrideCriterion,
  type Answer,
  type AnswerStatus,
  type CriterionView,
  type DomainView,
} from '../services';
import AutosaveField from './AutosaveField';
import EvidenceList from './EvidenceList';
import HelpTip from './HelpTip';

type Props = {
  enterpriseId: string;
  domainId: string;
  /** Called after every answer or adjustment the core accepted. */
  onChanged?: () => void;
  /**
   * Change it to read the criteria again without losing what is open, e.g. after the step's
   * register changed what the derived criteria say.
   */
  reloadKey?: number;
};

/** The status of a criterion nobody has looked at yet. */
const UNANSWERED: AnswerStatus = 'unanswered';

const STATUS_COLOR: Record<AnswerStatus, string | undefined> = {
  met: 'green',
  partly_met: 'gold',
  not_met: 'red',
  not_applicable: undefined,
  unanswered: undefined,
};

/** Whether a criterion counts as answered (as the core counts it): derived ones always do. */
function isAnswered(c: CriterionView): boolean {
  return c.derived || (c.answer !== null && !c.answer.provisional && c.answer.status !== UNANSWERED);
}

const hasOverride = (a: Answer | null): boolean => (a?.overrideReason ?? '').trim() !== '';

/** An error the core would send, made before sending so that it reads the same. */
const needsReason = () => ({ code: 'NOT_APPLICABLE_NEEDS_REASON', message: '', params: {} });

/** Stops a click or key inside a panel header from opening or closing the panel. */
const stop = (e: React.SyntheticEvent) => e.stopPropagation();

type OverrideDraft = { status: AnswerStatus; reason: string; error: string | null; saving: boolean };

/**
 * The criteria of one step of the guided flow, each answerable in place: the status in the
 * collapsed header, the requirement, guidance, basis and note when opened. Criteria derived from
 * the registers show what the registers give and can only be adjusted by hand with a reason. What
 * the registers say against an answer is shown beside it, with the answer they suggest one click
 * away; 'not applicable' is not offered while a register fact refuses it; a condition (gate) is
 * labelled as not scored, and a criterion that does not concern the enterprise has nothing to
 * answer.
 */
function CriteriaPanel({ enterpriseId, domainId, onChanged, reloadKey }: Props) {
  const { t } = useTranslation();
  const [view, setView] = useState<DomainView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [open, setOpen] = useState<string[]>([]);
  const [saving, setSaving] = useState<string | null>(null);
  /** Errors of a status choice, by criterion. */
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  /**
   * An answer the core refuses without a reason ('not applicable', see needsWrittenReason) chosen
   * but not yet sent: the reason being written, and the status, by criterion.
   */
  const [naDrafts, setNaDrafts] = useState<Record<string, string | undefined>>({});
  const [naStatuses, setNaStatuses] = useState<Record<string, AnswerStatus | undefined>>({});
  const [naErrors, setNaErrors] = useState<Record<string, string | undefined>>({});
  const [overrides, setOverrides] = useState<Record<string, OverrideDraft | undefined>>({});

  const load = useCallback(
    () =>
      domainView(enterpriseId, domainId)
        .then((v) => {
          setView(v);
          setLoadError(null);
        })
        .catch((e: unknown) => setLoadError(localizeError(e))),
    [enterpriseId, domainId],
  );

  useEffect(() => setView(null), [enterpriseId, domainId]);
  useEffect(() => {
    void load();
  }, [load, reloadKey]);

  const expand = (id: string) => setOpen((keys) => (keys.includes(id) ? keys : [...keys, id]));

  /**
   * Puts an answer the core returned in place. The view is read again when the answer started
   * the first round, changed a status (what the registers say against it is the core's to tell) or
   * changed what the registers count (an adjustment by hand).
   */
  function applyAnswer(answer: Answer, reload = false) {
    setView((v) =>
      v && { ...v, criteria: v.criteria.map((c) => (c.id === answer.criterionId ? { ...c, answer } : c)) },
    );
    if (reload || view?.round === null) void load();
    onChanged?.();
  }

  async function send(c: CriterionView, status: AnswerStatus, note: string, naReason: string) {
    const answer = await answerCriterion(enterpriseId, c.id, status, note, naReason);
    applyAnswer(answer, status !== (c.answer?.status ?? UNANSWERED));
  }

  async function choose(c: CriterionView, status: AnswerStatus) {
    setErrors((e) => ({ ...e, [c.id]: undefined }));
    if (needsWrittenReason(status)) {
      // Ask for the reason first; nothing is sent until it is written.
      setNaStatuses((d) => ({ ...d, [c.id]: status }));
      setNaDrafts((d) => ({ ...d, [c.id]: c.answer?.naReason ?? '' }));
      setNaErrors((e) => ({ ...e, [c.id]: undefined }));
      expand(c.id);
      return;
    }
    setNaDrafts((d) => ({ ...d, [c.id]: undefined }));
    setSaving(c.id);
    try {
      await send(c, status, c.answer?.note ?? '', '');
    } catch (e) {
      setErrors((x) => ({ ...x, [c.id]: localizeError(e) }));
    } finally {
      setSaving(null);
    }
  }

  async function saveNotApplicable(c: CriterionView) {
    const reason = (naDrafts[c.id] ?? '').trim();
    const status = naStatuses[c.id];
    if (!reason || !status) {
      setNaErrors((e) => ({ ...e, [c.id]: localizeError(needsReason()) }));
      return;
    }
    setSaving(c.id);
    try {
      await send(c, status, c.answer?.note ?? '', reason);
      setNaDrafts((d) => ({ ...d, [c.id]: undefined }));
      setNaErrors((e) => ({ ...e, [c.id]: undefined }));
    } catch (e) {
      setNaErrors((x) => ({ ...x, [c.id]: localizeError(e) }));
    } finally {
      setSaving(null);
    }
  }

  function startOverride(c: CriterionView) {
    setOverrides((o) => ({
      ...o,
      [c.id]: { status: c.answer?.status ?? c.derivedStatus ?? UNANSWERED, reason: '', error: null, saving: false },
    }));
    expand(c.id);
  }

  const patchOverride = (id: string, patch: Partial<OverrideDraft>) =>
    setOverrides((o) => {
      const current = o[id];
      return current ? { ...o, [id]: { ...current, ...patch } } : o;
    });

  async function saveOverride(c: CriterionView) {
    const draft = overrides[c.id];
    if (!draft) return;
    const reason = draft.reason.trim();
    if (!reason) {
      patchOverride(c.id, { error: t('criteria.overrideReasonRequired') });
      return;
    }
    patchOverride(c.id, { saving: true, error: null });
    try {
      applyAnswer(await overrideCriterion(enterpriseId, c.id, draft.status, reason), true);
      setOverrides((o) => ({ ...o, [c.id]: undefined }));
    } catch (e) {
      patchOverride(c.id, { saving: false, error: localizeError(e) });
    }
  }

  /**
   * Answers as the registers suggest (one click on a contradiction), through the usual paths: a
   * criterion answered by hand is answered ('not applicable' still asks for its reason first); a
   * derived criterion adjusted by hand keeps its reason and takes the suggested status.
   */
  async function applySuggestion(c: CriterionView, status: AnswerStatus) {
    if (!c.derived) {
      await choose(c, status);
      return;
    }
    setErrors((e) => ({ ...e, [c.id]: undefined }));
    setSaving(c.id);
    try {
      applyAnswer(await overrideCriterion(enterpriseId, c.id, status, c.answer?.overrideReason ?? ''), true);
    } catch (e) {
      setErrors((x) => ({ ...x, [c.id]: localizeError(e) }));
    } finally {
      setSaving(null);
    }
  }

  async function undoOverride(c: CriterionView) {
    setErrors((e) => ({ ...e, [c.id]: undefined }));
    setSaving(c.id);
    try {
      // An empty reason lets the registers answer again.
      applyAnswer(await overrideCriterion(enterpriseId, c.id, c.derivedStatus ?? c.answer?.status ?? UNANSWERED, ''), true);
    } catch (e) {
      setErrors((x) => ({ ...x, [c.id]: localizeError(e) }));
    } finally {
      setSaving(null);
    }
  }

  if (!view) {
    return loadError ? <Alert type="error" showIcon message={loadError} data-testid="criteria-load-error" /> : <Spin />;
  }

  const readOnly = !!view.round?.closedAt;
  // A criterion that does not concern the enterprise (applies = false) has nothing to answer.
  const answerable = view.criteria.filter((c) => c.applies);
  const done = answerable.filter(isAnswered).length;
  const statusName = (s: AnswerStatus) => t(enumKey('answerStatus', s));
  const legend = ANSWER_STATUSES.map((s) =>
    t('criteria.legendLine', { status: statusName(s), help: t(`criteria.statusHelp.${s}`) }),
  ).join(t('criteria.legendSeparator'));

  /** The answers the core refuses now: 'not applicable', while a register fact says the criterion applies. */
  const refusedChoice = (c: CriterionView, s: AnswerStatus) => s === 'not_applicable' && c.notApplicableRefused.length > 0;
  const refusedText = (c: CriterionView) => t('criteria.naRefused', { facts: c.notApplicableRefused.join(t('criteria.legendSeparator')) });
  const optionHelp = (c: CriterionView, s: AnswerStatus) => (refusedChoice(c, s) ? refusedText(c) : t(`criteria.statusHelp.${s}`));

  const statusChoice = (c: CriterionView) => {
    const value = naDrafts[c.id] !== undefined ? naStatuses[c.id] : (c.answer?.status ?? UNANSWERED);
    return (
      <Radio.Group
        size="small"
        optionType="button"
        value={value}
        disabled={readOnly || saving === c.id}
        name={`criterion-status-${c.id}`}
        data-testid={`criterion-status-${c.id}`}
        onChange={(e) => void choose(c, e.target.value as AnswerStatus)}
      >
        {ANSWER_STATUSES.map((s, i) => (
          <Tooltip key={s} title={optionHelp(c, s)}>
            {/* undefined, not false, for a choice the core takes: the group's disabled (closed round) decides. */}
            <Radio.Button value={s} disabled={refusedChoice(c, s) || undefined}>
              <span data-testid={`criterion-status-${c.id}-option-${i}`} data-value={s}>
                {statusName(s)}
              </span>
            </Radio.Button>
          </Tooltip>
        ))}
      </Radio.Group>
    );
  };

  const derivedSummary = (c: CriterionView) => (
    <Space size={4} wrap>
      <Tooltip title={t('criteria.derivedHelp')}>
        <Tag color="blue" data-testid={`criterion-derived-${c.id}`}>
          {t('criteria.derived')}
        </Tag>
      </Tooltip>
      {hasOverride(c.answer) && c.answer ? (
        <Tag color={STATUS_COLOR[c.answer.status]} data-testid={`criterion-override-status-${c.id}`}>
          {t('criteria.overridden', { status: statusName(c.answer.status) })}
        </Tag>
      ) : (
        <Tag color={c.derivedStatus ? STATUS_COLOR[c.derivedStatus] : undefined} data-testid={`criterion-derived-status-${c.id}`}>
          {c.derivedStatus ? statusName(c.derivedStatus) : t('criteria.derivedPending')}
        </Tag>
      )}
      {!readOnly && !overrides[c.id] && (
        <Button type="link" size="small" data-testid={`criterion-override-${c.id}`} onClick={() => startOverride(c)}>
          {t('criteria.override')}
        </Button>
      )}
    </Space>
  );

  /** A criterion whose condition does not hold (it does not concern the enterprise): said so, nothing to answer. */
  const notApplies = (c: CriterionView) => (
    <Tooltip title={t('criteria.notAppliesHelp')}>
      <Tag data-testid={`criterion-not-applies-${c.id}`}>{t('criteria.notApplies')}</Tag>
    </Tooltip>
  );

  const header = (c: CriterionView) => (
    <div>
      <Space size={[6, 2]} wrap>
        <Typography.Text strong type={c.applies ? undefined : 'secondary'}>
          {c.id}
        </Typography.Text>
        <Typography.Text type={c.applies ? undefined : 'secondary'}>{c.title}</Typography.Text>
        {c.gate ? (
          <Tooltip title={t('criteria.gateHelp')}>
            <Tag color="geekblue" data-testid={`criterion-gate-${c.id}`}>
              {t('criteria.gate')}
            </Tag>
          </Tooltip>
        ) : (
          <Tag bordered={false}>{t('criteria.points', { points: c.points })}</Tag>
        )}
        {c.basic && (
          <Tooltip title={t('criteria.basicHelp')}>
            <Tag color="volcano" data-testid={`criterion-basic-${c.id}`}>
              {t('criteria.basic')}
            </Tag>
          </Tooltip>
        )}
        {c.answer?.needsReview && (
          <Tooltip title={t('criteria.needsReviewHelp')}>
            <Tag color="orange" data-testid={`criterion-needs-review-${c.id}`}>
              {t('criteria.needsReview')}
            </Tag>
          </Tooltip>
        )}
        {c.answer?.provisional && (
          <Tooltip title={t('criteria.provisionalHelp')}>
            <Tag color="purple" data-testid={`criterion-provisional-${c.id}`}>
              {t('criteria.provisional')}
            </Tag>
          </Tooltip>
        )}
      </Space>
      {errors[c.id] && (
        <div>
          <Typography.Text type="danger" data-testid={`criterion-error-${c.id}`}>
            {errors[c.id]}
          </Typography.Text>
        </div>
      )}
      {c.applies && contradictionAlerts(c)}
    </div>
  );

  /**
   * What the registers say against the answer (the consistency check), beside the criterion: the
   * register fact and the answer they support, which one click gives (nothing changes by itself);
   * when they support none (a 'not applicable' they refute), a request to answer again.
   */
  const contradictionAlerts = (c: CriterionView) =>
    c.contradictions.length > 0 && (
      <div onClick={stop} onKeyDown={stop} style={{ cursor: 'default' }}>
        {c.contradictions.map((x, i) => {
          const suggested = x.suggested;
          return (
            <Alert
              key={`${x.fact}-${i}`}
              type="warning"
              showIcon
              style={{ marginTop: 6, padding: '4px 10px' }}
              data-testid={`criterion-contradiction-${c.id}`}
              data-suggested={suggested ?? ''}
              message={
                suggested
                  ? t('criteria.contradiction', { fact: x.fact, suggested: statusName(suggested) })
                  : t('criteria.contradictionLookAgain', { fact: x.fact })
              }
              action={
                suggested &&
                !readOnly && (
                  <Button
                    size="small"
                    data-testid={`criterion-suggest-${c.id}`}
                    loading={saving === c.id}
                    onClick={() => void applySuggestion(c, suggested)}
                  >
                    {t('criteria.applySuggestion')}
                  </Button>
                )
              }
            />
          );
        })}
      </div>
    );

  const notApplicableReason = (c: CriterionView) => {
    const draft = naDrafts[c.id];
    if (draft !== undefined) {
      return (
        <Form.Item
          label={t('criteria.naReason')}
          required
          validateStatus={naErrors[c.id] ? 'error' : undefined}
          help={naErrors[c.id] ?? t('criteria.naAsk')}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              data-testid={`criterion-na-reason-${c.id}`}
              value={draft}
              placeholder={t('criteria.naReasonPlaceholder')}
              maxLength={500}
              onChange={(e) => setNaDrafts((d) => ({ ...d, [c.id]: e.target.value }))}
              onPressEnter={() => void saveNotApplicable(c)}
            />
            <Button
              type="primary"
              data-testid={`criterion-na-save-${c.id}`}
              loading={saving === c.id}
              onClick={() => void saveNotApplicable(c)}
            >
              {t('criteria.naSave')}
            </Button>
            <Button
              data-testid={`criterion-na-cancel-${c.id}`}
              onClick={() => {
                setNaDrafts((d) => ({ ...d, [c.id]: undefined }));
                setNaErrors((e) => ({ ...e, [c.id]: undefined }));
              }}
            >
              {t('criteria.cancel')}
            </Button>
          </Space.Compact>
        </Form.Item>
      );
    }
    if (!c.answer || !needsWrittenReason(c.answer.status)) return null;
    if (readOnly) return <Field label={t('criteria.naReason')} text={c.answer.naReason} />;
    const answer = c.answer;
    return (
      <AutosaveField
        key={`${c.id}-na`}
        label={t('criteria.naReason')}
        stored={answer.naReason}
        testId={`criterion-na-reason-${c.id}`}
        placeholder={t('criteria.naReasonPlaceholder')}
        onSave={async (v) => {
          if (!v.trim()) throw needsReason();
          await send(c, answer.status, answer.note, v);
        }}
      />
    );
  };

  const overrideForm = (c: CriterionView) => {
    const draft = overrides[c.id];
    if (!draft) return null;
    return (
      <div className="criterion-override" data-testid={`criterion-override-form-${c.id}`}>
        <Form.Item label={t('criteria.overrideStatus')}>
          <Radio.Group
            size="small"
            optionType="button"
            value={draft.status}
            name={`criterion-override-choice-${c.id}`}
            data-testid={`criterion-override-choice-${c.id}`}
            onChange={(e) => patchOverride(c.id, { status: e.target.value as AnswerStatus })}
          >
            {ANSWER_STATUSES.map((s, i) => (
              <Tooltip key={s} title={optionHelp(c, s)}>
                <Radio.Button value={s} disabled={refusedChoice(c, s) || undefined}>
                  <span data-testid={`criterion-override-choice-${c.id}-option-${i}`} data-value={s}>
                    {statusName(s)}
                  </span>
                </Radio.Button>
              </Tooltip>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item
          label={t('criteria.overrideReason')}
          required
          validateStatus={draft.error ? 'error' : undefined}
          help={draft.error}
        >
          <Input.TextArea
            data-testid={`criterion-override-reason-${c.id}`}
            value={draft.reason}
            autoSize={{ minRows: 2, maxRows: 4 }}
            maxLength={500}
            placeholder={t('criteria.overrideReasonPlaceholder')}
            onChange={(e) => patchOverride(c.id, { reason: e.target.value })}
          />
        </Form.Item>
        <Space>
          <Button
            type="primary"
            size="small"
            loading={draft.saving}
            data-testid={`criterion-override-save-${c.id}`}
            onClick={() => void saveOverride(c)}
          >
            {t('criteria.overrideSave')}
          </Button>
          <Button size="small" onClick={() => setOverrides((o) => ({ ...o, [c.id]: undefined }))}>
            {t('criteria.cancel')}
          </Button>
        </Space>
      </div>
    );
  };

  /** Evidence changes the score's missing-evidence warnings: read the criteria again. */
  const evidenceChanged = () => {
    void load();
    onChanged?.();
  };

  const body = (c: CriterionView) => (
    <>
    <Form layout="vertical" className="criterion-body">
      <Field label={t('criteria.requirement')} text={c.requirement} testId={`criterion-requirement-${c.id}`} />
      {c.guidance && <Field label={t('criteria.guidance')} text={c.guidance} secondary />}
      {c.basis.length > 0 && (
        <div data-testid={`criterion-basis-${c.id}`} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('criteria.basis')}</Typography.Text>
          <ul style={{ margin: '2px 0 0', paddingLeft: 20 }}>
            {c.basis.map((b) => (
              <li key={b}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {b}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.evidenceKinds.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('criteria.evidence')} </Typography.Text>
          {c.evidenceKinds.map((k) => (
            <Tag key={k}>{t(enumKey('evidenceKind', k))}</Tag>
          ))}
        </div>
      )}
      {c.applies && c.notApplicableRefused.length > 0 && (
        <div style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary" data-testid={`criterion-na-refused-${c.id}`}>
            {refusedText(c)}
          </Typography.Text>
        </div>
      )}
      {!c.applies ? (
        <Typography.Paragraph type="secondary" data-testid={`criterion-not-applies-note-${c.id}`}>
          {t('criteria.notAppliesHelp')}
        </Typography.Paragraph>
      ) : c.derived ? (
        <>
          {hasOverride(c.answer) && c.answer && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid={`criterion-override-note-${c.id}`}
              message={t('criteria.overridden', { status: statusName(c.answer.status) })}
              description={t('criteria.overriddenReason', { reason: c.answer.overrideReason })}
              action={
                !readOnly && (
                  <Button
                    size="small"
                    data-testid={`criterion-override-undo-${c.id}`}
                    loading={saving === c.id}
                    onClick={() => void undoOverride(c)}
                  >
                    {t('criteria.undoOverride')}
                  </Button>
                )
              }
            />
          )}
          {overrideForm(c)}
        </>
      ) : (
        <>
          {notApplicableReason(c)}
          {readOnly ? (
            c.answer?.note ? <Field label={t('criteria.note')} text={c.answer.note} /> : null
          ) : (
            <AutosaveField
              key={`${c.id}-note`}
              label={t('criteria.note')}
              stored={c.answer?.note ?? ''}
              testId={`criterion-note-${c.id}`}
              placeholder={t('criteria.notePlaceholder')}
              area
              onSave={(v) => send(c, c.answer?.status ?? UNANSWERED, v, c.answer?.naReason ?? '')}
            />
          )}
        </>
      )}
    </Form>
    {/* Outside the form above: the evidence list has a form of its own. Derived criteria are answered by the registers. */}
    {c.applies && !c.derived && <EvidenceList enterpriseId={enterpriseId} criterion={c} readOnly={readOnly} onChanged={evidenceChanged} />}
    </>
  );

  const items: CollapseProps['items'] = view.criteria.map((c) => ({
    key: c.id,
    label: header(c),
    extra: (
      <div onClick={stop} onKeyDown={stop} style={{ maxWidth: 420 }}>
        {!c.applies ? notApplies(c) : c.derived ? derivedSummary(c) : statusChoice(c)}
      </div>
    ),
    children: body(c),
    ...({
      'data-testid': `criterion-${c.id}`,
      'data-derived': String(c.derived),
      'data-applies': String(c.applies),
      className: c.applies ? undefined : 'criterion-not-applies',
    } as object),
  }));

  return (
    <div data-testid="criteria-panel" data-domain={view.domainId}>
      <Space size={[12, 4]} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{view.domainName}</Typography.Text>
        <Typography.Text data-testid="criteria-count">
          {t('criteria.count', { done, total: answerable.length })}
        </Typography.Text>
        <HelpTip text={t('criteria.countHelp')} testId="criteria-count-help" />
        {view.round && !view.round.closedAt && (
          <Typography.Text type="secondary" data-testid="criteria-round">
            {t('criteria.roundOpen', { round: view.round.roundNo })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t('criteria.statusLegend')}
          <HelpTip text={legend} testId="criteria-status-help" />
        </Typography.Text>
      </Space>
      {view.round === null && (
        <Alert type="info" showIcon message={t('criteria.noRound')} data-testid="criteria-no-round" style={{ marginBottom: 8 }} />
      )}
      {view.round?.closedAt && (
        <Alert
          type="warning"
          showIcon
          message={t('criteria.closed', { round: view.round.roundNo })}
          data-testid="criteria-closed"
          style={{ marginBottom: 8 }}
        />
      )}
      {view.criteria.length === 0 ? (
        <Typography.Text type="secondary">{t('criteria.empty')}</Typography.Text>
      ) : (
        <Collapse size="small" activeKey={open} onChange={(keys) => setOpen(keys as string[])} items={items} />
      )}
    </div>
  );
}

/** A labelled, read-only text in a criterion's body. */
function Field({ label, text, testId, secondary }: { label: string; text: string; testId?: string; secondary?: boolean }) {
  return (
    <div style={{ marginBottom: 8 }} data-testid={testId}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap' }}>
        <Typography.Text type={secondary ? 'secondary' : undefined}>{text}</Typography.Text>
      </div>
    </div>
  );
}

// A register's filters re-render its step often; the criteria change only with their own props.
export default memo(CriteriaPanel);
