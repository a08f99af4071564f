import { useMemo, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Popconfirm,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  closeRound,
  enumKey,
  localizeError,
  resultsView,
  type BasicItem,
  type BasicStatus,
  type Contradiction,
  type CriterionResult,
  type DomainResult,
  type NotApplicableItem,
  type ResultsView,
  type Step,
} from '../../services';
import { LoadFailed, useLoad } from '../../components/register';
import HelpTip from '../../components/HelpTip';
import RadarChart, { type RadarPoint } from './RadarChart';
import { capText, verdictText, warningText } from './resultsText';

type Props = {
  enterpriseId: string;
  /** Opens the step where a criterion is answered. */
  onOpenStep: (step: Step) => void;
  /** Called after the round was closed, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

const BASIC_COLOR: Record<BasicStatus, string | undefined> = { basic_met: 'green', basic_not_met: 'red', basic_unanswered: undefined };

/** Extra props (data-*) that antd's prop types do not list. */
const testProps = (props: Record<string, string | number>) => props as object;

/** A plain list inside an alert or card. */
const LIST: React.CSSProperties = { margin: 0, paddingLeft: 20 };

/** The date part of a timestamp the core wrote (RFC 3339). */
const dateOf = (stamp: string) => stamp.slice(0, 10);

/** Points of the total as the core computes them (tenths): always with their one decimal. */
const points = (n: number) => n.toFixed(1);

/**
 * The results: the latest round's score against Midun's catalogue (total, tier, verdict, why capped,
 * basic items, scores by domain on a radar), what is still to be answered, the answers the
 * registers contradict, the criteria answered 'not applicable' with their reasons, and closing the round.
 */
export default function ResultsStep({ enterpriseId, onOpenStep, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [view, setView] = useState<ResultsView | null>(null);
  const [closing, setClosing] = useState(false);
  const [closeError, setCloseError] = useState<string | null>(null);

  const { loadError, reload } = useLoad(async () => setView(await resultsView(enterpriseId)), [enterpriseId]);

  const score = view?.score ?? null;
  const radarPoints = useMemo<RadarPoint[]>(
    () => (score?.domains ?? []).filter((d) => d.score !== null).map((d) => ({ name: d.name, value: d.score ?? 0 })),
    [score],
  );

  async function close() {
    setClosing(true);
    setCloseError(null);
    try {
      const round = await closeRound(enterpriseId);
      setView((v) => v && { ...v, round });
      void message.success(t('results.view.closedMessage', { round: round.roundNo }));
      onChanged?.();
    } catch (error) {
      setCloseError(localizeError(error));
    } finally {
      setClosing(false);
    }
  }

  const honesty = (
    <Alert type="info" showIcon data-testid="results-honesty" message={t('results.honesty')} />
  );

  if (loadError) return <LoadFailed testId="results-load-error" error={loadError} onRetry={reload} />;
  if (view === null) return <Spin />;
  if (score === null) {
    return (
      <Space direction="vertical" size="middle" className="full-width" data-testid="results-step">
        {honesty}
        <Empty data-testid="results-empty" description={t('results.view.empty')} />
      </Space>
    );
  }

  const round = view.round;
  const domainNames = new Map(score.domains.map((d) => [d.id, d.name]));
  // The catalogue's titles that the score carries (gaps, basic items, contradictions, 'not applicable'), to name a criterion.
  const titles = new Map<string, string>([
    ...score.gaps.map((g): [string, string] => [g.criterion, g.title]),
    ...score.basic_items.map((b): [string, string] => [b.criterion, b.title]),
    ...score.contradictions.map((x): [string, string] => [x.criterion, x.title]),
    ...score.not_applicable.map((x): [string, string] => [x.criterion, x.title]),
  ]);
  const incomplete = score.criteria.filter((c) => c.status === 'unanswered' || c.needs_review);
  const notApplicablePoints = score.not_applicable.reduce((sum, x) => sum + x.points, 0);
  const statusName = (status: Contradiction['answer']) => t(enumKey('answerStatus', status));

  /** A criterion by its number and title: a link to the step where it is answered, when there is one. */
  const criterionLink = (criterion: string, title: string, testId: string) => {
    const step = view.steps[criterion];
    const text = `${criterion} ${title}`.trim();
    return step ? (
      <Typography.Link data-testid={testId} data-criterion={criterion} data-step={step} onClick={() => onOpenStep(step)}>
        {text}
      </Typography.Link>
    ) : (
      <Typography.Text data-testid={testId} data-criterion={criterion}>
        {text}
      </Typography.Text>
    );
  };

  const basicColumns: TableColumnsType<BasicItem> = [
    { title: t('results.view.colCriterion'), dataIndex: 'criterion', key: 'criterion', width: 72 },
    { title: t('results.view.colTitle'), dataIndex: 'title', key: 'title', ellipsis: true },
    {
      title: t('results.view.colStatus'),
      key: 'status',
      // Room for a status and the condition tag side by side, in English too.
      width: 176,
      render: (_: unknown, b) => (
        <Space size={[4, 2]} wrap>
          <Tag color={BASIC_COLOR[b.status]} data-testid="basic-status" data-status={b.status}>
            {t(enumKey('basicStatus', b.status))}
          </Tag>
          {/* A condition: shown with its status, not scored. */}
          {b.gate && (
            <Tooltip title={t('criteria.gateHelp')}>
              <Tag color="geekblue" data-testid="basic-gate" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
                {t('criteria.gate')}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
  ];

  const domainColumns: TableColumnsType<DomainResult> = [
    { title: t('results.view.colDomain'), dataIndex: 'name', key: 'name', ellipsis: true },
    { title: t('results.view.colWeight'), dataIndex: 'weight', key: 'weight', width: 56, align: 'right' },
    {
      title: (
        <Tooltip title={t('results.view.colScoreHelp')}>
          <span>{t('results.view.colScore')}</span>
        </Tooltip>
      ),
      key: 'score',
      width: 76,
      align: 'right',
      render: (_: unknown, d) =>
        d.score === null ? (
          <Typography.Text type="secondary">{t('results.view.notApplicable')}</Typography.Text>
        ) : (
          <span data-testid="domain-score">{t('results.view.percent', { value: d.score.toFixed(1) })}</span>
        ),
    },
    {
      title: (
        <Tooltip title={t('results.view.colLostHelp')}>
          <span>{t('results.view.colLost')}</span>
        </Tooltip>
      ),
      key: 'lost',
      width: 60,
      align: 'right',
      render: (_: unknown, d) => <span data-testid="domain-lost">{points(d.lost)}</span>,
    },
  ];

  const contradictionItem = (x: Contradiction, i: number) => (
    <li key={`${x.criterion}-${i}`} data-testid="results-contradiction" data-criterion={x.criterion}>
      <Space size={[6, 0]} wrap>
        {criterionLink(x.criterion, x.title, 'results-contradiction-link')}
        <Tag>{t('results.view.contradictionAnswer', { status: statusName(x.answer) })}</Tag>
      </Space>
      <div>
        <Typography.Text type="secondary" data-testid="results-contradiction-text">
          {x.suggested
            ? t('criteria.contradiction', { fact: x.fact, suggested: statusName(x.suggested) })
            : t('criteria.contradictionLookAgain', { fact: x.fact })}
        </Typography.Text>
      </div>
    </li>
  );

  const notApplicableColumns: TableColumnsType<NotApplicableItem> = [
    {
      title: t('results.view.colCriterion'),
      key: 'criterion',
      ellipsis: true,
      render: (_: unknown, x) => criterionLink(x.criterion, x.title, 'results-na-link'),
    },
    {
      title: t('results.view.colPoints'),
      key: 'points',
      width: 64,
      align: 'right',
      render: (_: unknown, x) => <span data-testid="results-na-points">{x.points}</span>,
    },
    {
      title: t('results.view.colReason'),
      key: 'reason',
      ellipsis: { showTitle: false },
      render: (_: unknown, x) => (
        <Tooltip title={x.reason}>
          <span data-testid="results-na-reason">{x.reason}</span>
        </Tooltip>
      ),
    },
  ];

  const incompleteItem = (c: CriterionResult) => (
    <li key={c.criterion}>
      <Space size={6} wrap>
        {criterionLink(c.criterion, titles.get(c.criterion) ?? domainNames.get(c.domain) ?? '', 'results-incomplete')}
        {c.status === 'unanswered' && <Tag>{t(enumKey('answerStatus', c.status))}</Tag>}
        {c.needs_review && <Tag color="orange">{t('results.view.needsReview')}</Tag>}
      </Space>
    </li>
  );

  return (
    <Space direction="vertical" size="middle" className="full-width" data-testid="results-step">
      {honesty}

      <Card size="small" data-testid="results-summary">
        <Row gutter={[16, 8]} align="middle" wrap>
          <Col flex="none">
            <Typography.Text type="secondary">{t('results.view.total')}</Typography.Text>
            <div>
              <Typography.Text strong style={{ fontSize: 28 }} data-testid="results-total">
                {score.total.toFixed(1)}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" data-testid="results-lost">
              {t('results.view.lost', { lost: points(score.lost) })}
            </Typography.Text>
          </Col>
          <Col flex="auto" style={{ minWidth: 0 }}>
            <Space direction="vertical" size={2}>
              <Space size={8} wrap>
                <Typography.Text type="secondary">{t('results.view.tier')}</Typography.Text>
                <Tag color="blue" data-testid="results-tier" data-tier={score.tier}>
                  {t(enumKey('tier', score.tier))}
                </Tag>
                {score.draft && (
                  <Tooltip title={t('results.view.draftHelp')}>
                    <Tag color="red" data-testid="results-draft">
                      {t('results.view.draft')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
              <Space size={8} wrap>
                <Typography.Text type="secondary">{t('results.view.result')}</Typography.Text>
                <Typography.Text data-testid="results-result" data-verdict={score.verdict}>
                  {verdictText(t, score)}
                </Typography.Text>
              </Space>
              {round && (
                <Typography.Text type="secondary" data-testid="results-round">
                  {t('results.view.round', { round: round.roundNo, date: round.baseDate })}
                </Typography.Text>
              )}
            </Space>
          </Col>
          {round && !round.closedAt && (
            <Col flex="none">
              <Space size={4}>
                <Popconfirm
                  title={t('results.view.closeConfirm', { round: round.roundNo })}
                  description={<div style={{ maxWidth: 320 }}>{t('results.view.closeConfirmContent')}</div>}
                  okText={t('results.view.close')}
                  cancelText={t('common.cancel')}
                  okButtonProps={{ ...testProps({ 'data-testid': 'results-close-confirm' }) }}
                  onConfirm={() => close()}
                >
                  <Button type="primary" icon={<CheckCircleOutlined />} loading={closing} data-testid="results-close">
                    {t('results.view.close')}
                  </Button>
                </Popconfirm>
                <HelpTip text={t('results.view.closeHelp')} testId="results-close-help" />
              </Space>
            </Col>
          )}
        </Row>
        {score.caps.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="results-caps"
            message={t('results.view.caps')}
            description={
              <ul style={LIST}>
                {score.caps.map((cap) => (
                  <li key={cap.code} data-testid="results-cap" data-code={cap.code}>
                    {capText(t, cap, score.tier)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {closeError && <Alert type="error" showIcon style={{ marginTop: 12 }} data-testid="results-close-error" message={closeError} />}
        {round?.closedAt && (
          <Alert
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="results-closed"
            message={t('results.view.closed', { round: round.roundNo, date: dateOf(round.closedAt) })}
          />
        )}
      </Card>

      {score.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="results-warnings"
          message={t('results.view.warningsTitle')}
          description={
            <ul style={LIST}>
              {score.warnings.map((w, i) => (
                <li key={`${w.code}-${i}`} data-testid="results-warning" data-code={w.code}>
                  {warningText(t, w)}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Card
        size="small"
        title={
          <span>
            {t('results.view.incompleteTitle')}
            <HelpTip text={t('results.view.incompleteHelp')} />
          </span>
        }
        data-testid="results-incomplete-list"
      >
        {incomplete.length === 0 ? (
          <Typography.Text type="secondary" data-testid="results-incomplete-none">
            {t('results.view.incompleteNone')}
          </Typography.Text>
        ) : (
          <ul style={LIST}>{incomplete.map(incompleteItem)}</ul>
        )}
      </Card>

      <Card
        size="small"
        title={
          <span>
            {t('results.view.contradictionsTitle')}
            <HelpTip text={t('results.view.contradictionsHelp')} />
          </span>
        }
        data-testid="results-contradictions"
        data-count={score.contradictions.length}
      >
        {score.contradictions.length === 0 ? (
          <Typography.Text type="secondary" data-testid="results-contradictions-none">
            {t('results.view.contradictionsNone')}
          </Typography.Text>
        ) : (
          <ul style={LIST}>{score.contradictions.map(contradictionItem)}</ul>
        )}
      </Card>

      <Card
        size="small"
        title={
          <span>
            {t('results.view.notApplicableTitle')}
            <HelpTip text={t('results.view.notApplicableHelp')} />
          </span>
        }
        data-testid="results-not-applicable"
      >
        {score.not_applicable.length === 0 ? (
          <Typography.Text type="secondary" data-testid="results-na-none">
            {t('results.view.notApplicableNone')}
          </Typography.Text>
        ) : (
          <Space direction="vertical" size="small" className="full-width">
            <Typography.Text data-testid="results-na-summary">
              {t('results.view.notApplicableSummary', { count: score.not_applicable.length, points: notApplicablePoints })}
            </Typography.Text>
            <Table<NotApplicableItem>
              size="small"
              rowKey="criterion"
              tableLayout="fixed"
              columns={notApplicableColumns}
              dataSource={score.not_applicable}
              pagination={false}
              onRow={(x) => testProps({ 'data-testid': 'results-na-row', 'data-criterion': x.criterion })}
            />
          </Space>
        )}
      </Card>

      <Card size="small" title={t('results.view.domainsTitle')} data-testid="results-domains">
        <Row gutter={16} align="middle">
          <Col xs={24} md={12}>
            {radarPoints.length > 0 ? (
              <RadarChart
                points={radarPoints}
                max={100}
                seriesName={t('results.view.radarSeries')}
                label={t('results.view.radarLabel')}
                testId="results-radar"
                width={400}
                height={300}
              />
            ) : (
              <Typography.Text type="secondary" data-testid="results-radar-none">
                {t('results.view.radarNone')}
              </Typography.Text>
            )}
          </Col>
          <Col xs={24} md={12}>
            <Table<DomainResult>
              size="small"
              rowKey="id"
              tableLayout="fixed"
              columns={domainColumns}
              dataSource={score.domains}
              pagination={false}
              onRow={(d) => testProps({ 'data-testid': 'domain-row', 'data-id': d.id })}
            />
          </Col>
        </Row>
      </Card>

      <Card
        size="small"
        title={
          <span>
            {t('results.view.basicTitle')}
            <HelpTip text={t('results.view.basicHelp')} />
          </span>
        }
        data-testid="results-basic"
      >
        <Table<BasicItem>
          size="small"
          rowKey="criterion"
          tableLayout="fixed"
          columns={basicColumns}
          dataSource={score.basic_items}
          pagination={false}
          locale={{ emptyText: t('results.view.basicEmpty') }}
          onRow={(b) => testProps({ 'data-testid': 'basic-row', 'data-criterion': b.criterion })}
        />
      </Card>
    </Space>
  );
}
