import { Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Step, StepProgress } from '../../services';

/** The steps that end the flow: they have no register of their own, hence no progress. */
const END_STEPS = ['results', 'tasks', 'export'] as const;

/** A step of the page: one of the core's steps, or one that ends the flow. */
export type FlowStep = Step | (typeof END_STEPS)[number];

/**
 * The core's steps in the core's order (`Step::ALL`). Typed as a record of every `Step`, so that a
 * step added in Rust (and so in the generated type) fails the build here until it is placed.
 */
const CORE_STEPS: Record<Step, null> = {
  quick: null,
  profile: null,
  rules: null,
  points: null,
  classification: null,
  controls: null,
  people: null,
  areas: null,
  systems: null,
  disclosures: null,
  incidents: null,
};

/** The guided flow's steps in order: the core's, then the end of the flow. */
export const STEPS: readonly FlowStep[] = [...(Object.keys(CORE_STEPS) as Step[]), ...END_STEPS];

type Props = {
  current: FlowStep;
  progress: StepProgress[];
  onChoose: (step: FlowStep) => void;
};

/**
 * The step list: every step can be opened at any time; a step is marked done when its register is
 * in order and its criteria are answered (the rule lives in the core, `flow::progress`).
 */
export default function StepList({ current, progress, onChoose }: Props) {
  const { t } = useTranslation();
  const of = (step: FlowStep) => progress.find((p) => p.step === step);
  return (
    <nav className="flow-steps" aria-label={t('steps.label')}>
      <Steps
        direction="vertical"
        size="small"
        current={STEPS.indexOf(current)}
        onChange={(i) => onChoose(STEPS[i])}
        items={STEPS.map((step) => {
          const p = of(step);
          const complete = p?.complete ?? false;
          return {
            status: complete ? 'finish' : step === current ? 'process' : 'wait',
            title: (
              <span data-testid={`step-${step}`} data-complete={complete ? 'true' : 'false'}>
                {t(`steps.${step}`)}
              </span>
            ),
            description: p && (
              <Typography.Text type="secondary" className="flow-step-count" data-testid={`step-count-${step}`}>
                {t(step === 'profile' ? 'steps.filled' : step === 'quick' ? 'steps.answeredQuestions' : 'steps.answered', {
                  done: p.done,
                  total: p.total,
                })}
                {!p.registerOk && ` · ${t(`steps.registerTodo.${step}`)}`}
              </Typography.Text>
            ),
          };
        })}
      />
    </nav>
  );
}
