import { describe, expect, it } from 'vitest';
import { useState } from 'react';
import { Button } from 'antd';
import { screen, waitFor } from '@testing-library/react';
import { useOperation } from './OperationProgress';
import { localizeError } from '../services';
import { call } from '../services/call';
import { callsOf, mockBackend } from '../test/ipc';
import { renderWithProviders } from '../test/render';

/** A page running one long command through the hook, showing its outcome. */
function Harness({ command }: { command: string }) {
  const operation = useOperation();
  const [outcome, setOutcome] = useState('');
  return (
    <>
      {operation.element}
      <Button
        data-testid="start"
        onClick={() => {
          operation.run(() => call<string>(command)).then(setOutcome, (e: unknown) => setOutcome(localizeError(e)));
        }}
      >
        start
      </Button>
      <span data-testid="outcome">{outcome}</span>
    </>
  );
}

describe('a long operation', () => {
  it('shows how far it is and stops it on Cancel, which writes nothing', async () => {
    let stop: ((e: unknown) => void) | null = null;
    let done = 0;
    const calls = mockBackend({
      long_command: () => new Promise((_, reject) => (stop = reject)),
      operation_progress: () => ({ done: (done += 100), total: 1000 }),
      cancel_operation: () => {
        stop?.({ code: 'CANCELLED', message: 'x', params: {} });
        return null;
      },
    });
    const { user } = renderWithProviders(<Harness command="long_command" />);
    await user.click(screen.getByTestId('start'));
    const box = await screen.findByTestId('operation-progress', {}, { timeout: 3000 });
    await waitFor(() => expect(Number(box.getAttribute('data-done'))).toBeGreaterThanOrEqual(200));
    expect(box).toHaveAttribute('data-total', '1000');
    expect(box).toHaveTextContent(/已完成 \d+ \/ 1000 步/);
    await user.click(screen.getByTestId('operation-cancel'));
    expect(callsOf(calls, 'cancel_operation')).toHaveLength(1);
    await waitFor(() => expect(screen.getByTestId('outcome')).toHaveTextContent('操作已取消，没有写入任何内容。'));
    await waitFor(() => expect(screen.queryByTestId('operation-progress')).toBeNull());
    // The poll stops with the operation.
    const polls = callsOf(calls, 'operation_progress').length;
    await new Promise((r) => setTimeout(r, 600));
    expect(callsOf(calls, 'operation_progress')).toHaveLength(polls);
  });

  it('never shows a window for an operation that ends at once', async () => {
    const calls = mockBackend({ quick_command: 'fine', operation_progress: { done: 1, total: 1 } });
    const { user } = renderWithProviders(<Harness command="quick_command" />);
    await user.click(screen.getByTestId('start'));
    await waitFor(() => expect(screen.getByTestId('outcome')).toHaveTextContent('fine'));
    await new Promise((r) => setTimeout(r, 500));
    expect(screen.queryByTestId('operation-progress')).toBeNull();
    expect(callsOf(calls, 'operation_progress')).toHaveLength(0);
  });
});
