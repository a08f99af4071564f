import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Modal, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { cancelOperation, operationProgress, type OperationProgress } from '../services';

/** How often the running operation is asked how far it is (ms). */
export const POLL_MS = 250;
/** An operation is shown only once it has run this long and reported a step (ms): quick ones never flash. */
export const SHOW_AFTER_MS = 400;

/**
 * Runs a long command (a hand-over export, a register import, a bulk letter export) with a progress
 * window: the core is polled for how far it is, and Cancel asks it to stop (it then rejects with
 * CANCELLED, having written nothing). Returns `run(action)` and the window to render.
 */
export function useOperation() {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<OperationProgress>({ done: 0, total: 0 });
  const [late, setLate] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const timers = useRef<number[]>([]);

  const stopTimers = () => {
    for (const id of timers.current) window.clearInterval(id);
    timers.current = [];
  };
  useEffect(() => stopTimers, []);

  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T> => {
    setRunning(true);
    setLate(false);
    setCancelling(false);
    setProgress({ done: 0, total: 0 });
    const poll = window.setInterval(() => {
      operationProgress().then(setProgress, () => undefined);
    }, POLL_MS);
    const show = window.setTimeout(() => setLate(true), SHOW_AFTER_MS);
    timers.current.push(poll, show);
    try {
      return await action();
    } finally {
      window.clearTimeout(show);
      stopTimers();
      setRunning(false);
    }
  }, []);

  const cancel = () => {
    setCancelling(true);
    cancelOperation().catch(() => undefined);
  };

  const percent = progress.total > 0 ? Math.floor((progress.done * 100) / progress.total) : 0;
  const element = (
    <Modal
      open={running && late && progress.total > 0}
      closable={false}
      maskClosable={false}
      keyboard={false}
      destroyOnHidden
      title={t('operation.title')}
      footer={
        <Button data-testid="operation-cancel" loading={cancelling} onClick={cancel}>
          {t('operation.cancel')}
        </Button>
      }
    >
      <div data-testid="operation-progress" data-done={progress.done} data-total={progress.total}>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">{t('operation.steps', { done: progress.done, total: progress.total })}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('operation.help')}
        </Typography.Paragraph>
      </div>
    </Modal>
  );
  return { run, element };
}
