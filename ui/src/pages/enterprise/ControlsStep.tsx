import { useCallback, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Divider, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  controlsView,
  deleteCarrier,
  listCarriers,
  localizeError,
  pointChoices,
  setControlException,
  type Carrier,
  type ControlAnswer,
  type ControlsView,
  type PointCoverage,
  type RegisterRow,
} from '../../services';
import CriteriaPanel from '../../components/CriteriaPanel';
import { LoadFailed, useLoad, useRegisterList } from '../../components/register';
import CarriersSection from './controls/CarriersSection';
import Checklist from './controls/Checklist';
import CoverageTable from './controls/CoverageTable';

type Props = {
  enterpriseId: string;
  /** The enterprise's secret points: a carrier names the ones it carries by code. */
  points: RegisterRow[];
  /** Called after every successful change, so that the page can refresh its step progress. */
  onChanged?: () => void;
};

/** Puts an answer the core returned in place of the one it replaces. */
function withAnswer(view: ControlsView, answer: ControlAnswer): ControlsView {
  const others = view.answers.filter((a) => !(a.controlId === answer.controlId && a.levelRank === answer.levelRank));
  return { ...view, answers: [...others, answer] };
}

/**
 * The whole-process controls step: the carriers (their kinds decide the checklist), the checklist
 * by lifecycle stage, the coverage of each secret point, and the step's criteria.
 */
export default function ControlsStep({ enterpriseId, points, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  // Carriers decide the checklist and the coverage: after a change, the view and criteria are read again.
  const carriers = useRegisterList<Carrier>(() => changed(true));
  const [kinds, setKinds] = useState<string[]>([]);
  const [view, setView] = useState<ControlsView | null>(null);
  const [viewError, setViewError] = useState<string | null>(null);
  // The derived criteria of this step depend on the answers and carriers: read them again after a change.
  const [criteriaKey, setCriteriaKey] = useState(0);
  // Only the latest read of the view is shown, whatever order the replies come in.
  const viewRequest = useRef(0);

  const { loadError, reload } = useLoad(async () => {
    const request = ++viewRequest.current;
    const [c, choices, v] = await Promise.all([listCarriers(enterpriseId), pointChoices(enterpriseId), controlsView(enterpriseId)]);
    carriers.set(c);
    setKinds(choices.carrierKinds);
    if (request === viewRequest.current) setView(v);
  }, [enterpriseId]);

  const reloadView = useCallback(async () => {
    const request = ++viewRequest.current;
    try {
      const v = await controlsView(enterpriseId);
      if (request !== viewRequest.current) return;
      setView(v);
      setViewError(null);
    } catch (error) {
      if (request === viewRequest.current) setViewError(localizeError(error));
    }
  }, [enterpriseId]);

  /** After a change the core accepted: the criteria (and, when coverage may move, the view) are read again. */
  const changed = (reload: boolean) => {
    if (reload) {
      setCriteriaKey((k) => k + 1);
      void reloadView();
    }
    onChanged?.();
  };

  const answered = (answer: ControlAnswer, statusChanged: boolean) => {
    setView((v) => v && withAnswer(v, answer));
    changed(statusChanged);
  };

  async function except(row: PointCoverage, controlId: string, reason: string) {
    await setControlException(row.pointId, controlId, reason);
    void message.success(t('controls.coverage.exceptSaved', { code: row.code, control: controlId }));
    changed(true);
  }

  if (loadError) return <LoadFailed testId="controls-load-error" error={loadError} onRetry={reload} />;
  if (carriers.items === null || view === null) return <Spin />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="controls-step">
      <div data-testid="controls-intro">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('controls.intro')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('controls.introScope')}
        </Typography.Paragraph>
      </div>

      <CarriersSection
        enterpriseId={enterpriseId}
        carriers={carriers.items}
        kinds={kinds}
        points={points}
        onAdded={(carrier) => carriers.added(carrier)}
        onDelete={(carrier) => carriers.remove(carrier, () => deleteCarrier(carrier.id), t('controls.carriers.deleted', { name: carrier.name }))}
      />

      {viewError && (
        <Alert
          type="error"
          showIcon
          data-testid="controls-view-error"
          message={viewError}
          action={<Button onClick={() => void reloadView()}>{t('common.retry')}</Button>}
        />
      )}

      <Card size="small" title={t('controls.checklist.title')} data-testid="controls-checklist-card">
        {carriers.items.length === 0 ? (
          <Alert type="info" showIcon message={t('controls.checklist.noCarriers')} data-testid="controls-no-carriers" />
        ) : view.kindsInUse.length === 0 ? (
          // A carrier was just registered; the checklist for its kind is on its way.
          <Spin />
        ) : view.controls.length === 0 ? (
          <Typography.Text type="secondary">{t('controls.checklist.empty')}</Typography.Text>
        ) : (
          <Checklist key={enterpriseId} enterpriseId={enterpriseId} view={view} onSaved={answered} />
        )}
      </Card>

      <Card
        size="small"
        title={t('controls.coverage.title')}
        extra={
          <Typography.Text type="secondary" data-testid="coverage-total">
            {t('controls.coverage.total', { count: view.coverage.length })}
          </Typography.Text>
        }
        data-testid="coverage"
      >
        <Typography.Paragraph type="secondary">{t('controls.coverage.intro')}</Typography.Paragraph>
        <CoverageTable coverage={view.coverage} controls={view.controls} exceptions={view.exceptions} onExcept={except} />
      </Card>

      <Divider orientation="left" style={{ margin: '4px 0' }}>
        {t('criteria.heading')}
      </Divider>
      <CriteriaPanel enterpriseId={enterpriseId} domainId="D4" onChanged={onChanged} reloadKey={criteriaKey} />
    </Space>
  );
}
