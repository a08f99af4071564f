import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  flowProgress,
  getEnterprise,
  listLevels,
  listRegister,
  localizeError,
  type Enterprise,
  type RegisterRow,
  type StepProgress,
} from '../../services';
import AreaSystemStep from './AreaSystemStep';
import ClassificationStep from './ClassificationStep';
import ControlsStep from './ControlsStep';
import DisclosuresStep from './DisclosuresStep';
import IncidentsStep from './IncidentsStep';
import PeopleStep from './PeopleStep';
import PointsStep from './PointsStep';
import ProfileTab from './ProfileTab';
import QuickCheck from './QuickCheck';
import ResultsStep from './ResultsStep';
import RulesStep from './RulesStep';
import TasksStep from './TasksStep';
import ExportStep from './ExportStep';
import StepList, { STEPS, type FlowStep } from './StepList';

type Props = {
  enterpriseId: string;
  onBack: () => void;
};

type Loaded = {
  enterprise: Enterprise;
  levels: string[];
};

const STEP_KEY = 'midun.step.';

/** The step last opened for this enterprise on this computer, or null when none was. */
function rememberedStep(enterpriseId: string): FlowStep | null {
  try {
    const v = window.localStorage.getItem(STEP_KEY + enterpriseId);
    return (STEPS as readonly string[]).includes(v ?? '') ? (v as FlowStep) : null;
  } catch {
    return null;
  }
}

/** One enterprise: the guided flow's steps with their completion marks, and the open step. */
export default function EnterprisePage({ enterpriseId, onBack }: Props) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // Null until the register has arrived: the page draws at once, the steps that list secret points wait.
  const [points, setPointsState] = useState<RegisterRow[] | null>(null);
  const [progress, setProgress] = useState<StepProgress[]>([]);
  const [step, setStep] = useState<FlowStep>(() => rememberedStep(enterpriseId) ?? STEPS[0]);
  // Opened for the first time here: once the progress is known, the first unfinished step is opened.
  const [pickFirstUnfinished, setPickFirstUnfinished] = useState(() => rememberedStep(enterpriseId) === null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const setPoints = useCallback(
    (update: (list: RegisterRow[]) => RegisterRow[]) => setPointsState((list) => update(list ?? [])),
    [],
  );

  /** The step list's marks follow every change; a failure here leaves the old marks. */
  const refreshProgress = useCallback(() => {
    flowProgress(enterpriseId).then(setProgress, () => undefined);
  }, [enterpriseId]);

  useEffect(() => {
    if (!pickFirstUnfinished || progress.length === 0) return;
    setPickFirstUnfinished(false);
    const first = progress.find((p) => !p.complete && (STEPS as readonly string[]).includes(p.step));
    // Every step complete: the results are what is left to look at.
    setStep(first ? first.step : 'results');
  }, [pickFirstUnfinished, progress]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      // A large register takes longest: asked first, awaited last, so the page draws before it.
      const list = listRegister(enterpriseId);
      list.catch(() => undefined); // awaited below, where a refusal is shown
      const [enterprise, levels] = await Promise.all([getEnterprise(enterpriseId), listLevels(enterpriseId)]);
      setLoaded({ enterprise, levels });
      setPointsState(await list);
      refreshProgress();
    } catch (error) {
      setLoadError(localizeError(error));
    }
  }, [enterpriseId, refreshProgress]);

  useEffect(() => {
    void load();
  }, [load]);

  function choose(next: FlowStep) {
    setPickFirstUnfinished(false);
    setStep(next);
    try {
      window.localStorage.setItem(STEP_KEY + enterpriseId, next);
    } catch {
      // Without storage the step is remembered for this session only.
    }
  }

  const back = (
    <Typography.Link data-testid="back" onClick={onBack}>
      <ArrowLeftOutlined /> {t('enterprise.back')}
    </Typography.Link>
  );

  if (loadError) {
    return (
      <Space direction="vertical" size="middle" className="full-width">
        {back}
        <Alert
          type="error"
          showIcon
          data-testid="load-error"
          message={t('common.loadFailed')}
          description={loadError}
          action={<Button onClick={() => void load()}>{t('common.retry')}</Button>}
        />
      </Space>
    );
  }

  if (!loaded) {
    return (
      <Space direction="vertical" size="middle" className="full-width">
        {back}
        <Spin />
      </Space>
    );
  }

  const { enterprise, levels } = loaded;
  const onEnterprise = (e: Enterprise) => {
    setLoaded((l) => (l ? { ...l, enterprise: e } : l));
    refreshProgress();
  };
  const onLevels = (next: string[]) => {
    setLoaded((l) => (l ? { ...l, levels: next } : l));
    // Renaming a level renames it on every secret point.
    void listRegister(enterpriseId).then(setPointsState, () => undefined);
    refreshProgress();
  };

  /** A step that lists the secret points, once they have arrived. */
  const withPoints = (step: (list: RegisterRow[]) => React.ReactNode) =>
    points === null ? <Spin data-testid="points-loading" /> : step(points);

  const content: Record<FlowStep, React.ReactNode> = {
    quick: <QuickCheck enterpriseId={enterprise.id} onChanged={refreshProgress} />,
    profile: <ProfileTab enterprise={enterprise} onSaved={onEnterprise} />,
    rules: <RulesStep enterpriseId={enterprise.id} onChanged={refreshProgress} />,
    points: withPoints((list) => (
      <PointsStep
        enterpriseId={enterprise.id}
        levels={levels}
        points={list}
        setPoints={setPoints}
        onChanged={refreshProgress}
      />
    )),
    classification: withPoints((list) => (
      <ClassificationStep
        enterpriseId={enterprise.id}
        levels={levels}
        points={list}
        setPoints={setPoints}
        onLevels={onLevels}
        onChanged={refreshProgress}
      />
    )),
    controls: withPoints((list) => <ControlsStep enterpriseId={enterprise.id} points={list} onChanged={refreshProgress} />),
    people: <PeopleStep enterpriseId={enterprise.id} levels={levels} onChanged={refreshProgress} />,
    areas: <AreaSystemStep key="area" kind="area" enterpriseId={enterprise.id} levels={levels} onChanged={refreshProgress} />,
    systems: <AreaSystemStep key="system" kind="system" enterpriseId={enterprise.id} levels={levels} onChanged={refreshProgress} />,
    disclosures: withPoints((list) => <DisclosuresStep enterpriseId={enterprise.id} points={list} onChanged={refreshProgress} />),
    incidents: withPoints((list) => <IncidentsStep enterpriseId={enterprise.id} points={list} onChanged={refreshProgress} />),
    results: <ResultsStep enterpriseId={enterprise.id} onOpenStep={choose} onChanged={refreshProgress} />,
    tasks: <TasksStep enterpriseId={enterprise.id} onChanged={refreshProgress} />,
    export: <ExportStep enterpriseId={enterprise.id} />,
  };

  return (
    <Space direction="vertical" size="middle" className="full-width">
      {back}
      <div className="page-header">
        <div className="page-title">
          <Typography.Title level={3} ellipsis={{ tooltip: enterprise.name }}>
            <span data-testid="enterprise-title">{enterprise.name}</span>
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="enterprise-credit-code">
            {t('enterprise.creditCodeLine', { code: enterprise.creditCode ?? t('enterprise.noCreditCode') })}
          </Typography.Text>
        </div>
        <Button type="primary" icon={<FilePdfOutlined />} data-testid="export-report" onClick={() => choose('export')}>
          {t('enterprise.exportReport')}
        </Button>
      </div>
      <div className="flow">
        <StepList current={step} progress={progress} onChoose={choose} />
        <div className="flow-step" data-testid={`step-content-${step}`}>
          {content[step]}
        </div>
      </div>
    </Space>
  );
}
