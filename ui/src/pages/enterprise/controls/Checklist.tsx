import { useMemo, useState } from 'react';
import { Collapse, ConfigProvider, Space, Tag, Tooltip, Typography, theme, type CollapseProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ControlAnswer, ControlItem, ControlsView } from '../../../services';
import HelpTip from '../../../components/HelpTip';
import AnswerSlot from './AnswerSlot';
import { answersBySlot, isAnswered, slotKey } from './shared';

type Props = {
  enterpriseId: string;
  view: ControlsView;
  /** An answer the core accepted; `statusChanged` when coverage may have moved. */
  onSaved: (answer: ControlAnswer, statusChanged: boolean) => void;
};

/** The level ranks a control is answered for: 0 (every level) or 1..levels. */
const ranksOf = (c: ControlItem, levels: string[]): number[] => (c.byLevel ? levels.map((_, i) => i + 1) : [0]);

/** The controls by stage, in the order of the library's stages (any other stage last). */
function byStage(view: ControlsView): { stage: string; controls: ControlItem[] }[] {
  const order = [...view.stages, ...view.controls.map((c) => c.stage).filter((s) => !view.stages.includes(s))];
  return [...new Set(order)]
    .map((stage) => ({ stage, controls: view.controls.filter((c) => c.stage === stage) }))
    .filter((g) => g.controls.length > 0);
}

/** The checklist, one panel per lifecycle stage; each control answered in place. */
export default function Checklist({ enterpriseId, view, onSaved }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const answers = useMemo(() => answersBySlot(view.answers), [view.answers]);
  const groups = useMemo(() => byStage(view), [view]);

  const countOf = (controls: ControlItem[]) => {
    let done = 0;
    let total = 0;
    for (const c of controls) {
      for (const r of ranksOf(c, view.levels)) {
        total += 1;
        if (isAnswered(answers.get(slotKey(c.id, r)))) done += 1;
      }
    }
    return { done, total };
  };

  // The first stage still to answer is open to begin with.
  const [open, setOpen] = useState<string[]>(() => {
    const first = groups.find((g) => {
      const n = countOf(g.controls);
      return n.done < n.total;
    });
    return first ? [first.stage] : [];
  });

  const all = countOf(view.controls);

  const control = (c: ControlItem, index: number) => (
    <div
      key={c.id}
      data-testid={`control-${c.id}`}
      data-stage={c.stage}
      style={{ padding: '8px 0', borderTop: index === 0 ? undefined : `1px solid ${token.colorSplit}` }}
    >
      <Space size={[6, 2]} wrap>
        <Typography.Text strong>{c.id}</Typography.Text>
        <Typography.Text strong>{c.question}</Typography.Text>
        <Tag color="volcano" bordered={false} data-testid={`control-required-${c.id}`}>
          {t(`controls.requiredFrom.${c.requiredFrom}`)}
        </Tag>
        {c.byLevel && (
          <Tooltip title={t('controls.checklist.byLevelHelp')}>
            <Tag color="blue" bordered={false} data-testid={`control-bylevel-${c.id}`}>
              {t('controls.checklist.byLevel')}
            </Tag>
          </Tooltip>
        )}
      </Space>
      <div data-testid={`control-requirement-${c.id}`} style={{ whiteSpace: 'pre-wrap', marginTop: 2 }}>
        <Typography.Text type="secondary">{t('controls.checklist.requirement')}</Typography.Text>
        <Typography.Text>{c.requirement}</Typography.Text>
      </div>
      {c.guidance && (
        <div style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>
          <Typography.Text type="secondary">
            {t('controls.checklist.guidance')}
            {c.guidance}
          </Typography.Text>
        </div>
      )}
      {c.basis.length > 0 && (
        <div data-testid={`control-basis-${c.id}`} style={{ fontSize: 12 }}>
          <Typography.Text type="secondary">
            {t('controls.checklist.basis')}
            {c.basis.join(t('common.listSeparator'))}
          </Typography.Text>
        </div>
      )}
      {c.byLevel ? (
        view.levels.map((level, i) => (
          <AnswerSlot
            key={level}
            enterpriseId={enterpriseId}
            control={c}
            rank={i + 1}
            levelName={level}
            answer={answers.get(slotKey(c.id, i + 1))}
            onSaved={onSaved}
          />
        ))
      ) : (
        <AnswerSlot enterpriseId={enterpriseId} control={c} rank={null} answer={answers.get(slotKey(c.id, 0))} onSaved={onSaved} />
      )}
    </div>
  );

  const items: CollapseProps['items'] = groups.map((g, i) => {
    const n = countOf(g.controls);
    return {
      key: g.stage,
      label: (
        <Space size={8}>
          <Typography.Text strong>{g.stage}</Typography.Text>
          <Tag color={n.done === n.total ? 'green' : undefined} bordered={false} data-testid={`controls-stage-count-${i}`}>
            {t('controls.checklist.stageCount', { done: n.done, total: n.total })}
          </Tag>
        </Space>
      ),
      children: g.controls.map(control),
      ...testPanel(i, g.stage),
    };
  });

  return (
    <div data-testid="controls-checklist">
      <Space size={[12, 4]} wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong data-testid="controls-count">
          {t('controls.checklist.count', { done: all.done, total: all.total })}
        </Typography.Text>
        <HelpTip text={t('controls.checklist.countHelp')} />
        <Typography.Text type="secondary">
          {t('controls.checklist.kindsInUse', { kinds: view.kindsInUse.join(t('common.listSeparator')) })}
        </Typography.Text>
        <HelpTip text={t('controls.checklist.statusHelp')} />
      </Space>
      {/* Answers sit close together: a small gap under each form field. */}
      <ConfigProvider theme={{ components: { Form: { itemMarginBottom: 4 } } }}>
        <Collapse size="small" activeKey={open} onChange={(keys) => setOpen(keys as string[])} items={items} />
      </ConfigProvider>
    </div>
  );
}

/** The test id of a stage's panel (stages are named in Chinese: by index, with the name as data). */
const testPanel = (index: number, stage: string) => ({ 'data-testid': `controls-stage-${index}`, 'data-stage': stage }) as object;
