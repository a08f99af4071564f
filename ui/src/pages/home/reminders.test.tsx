import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import Reminders from './Reminders';
import type { Reminder } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';

const REMINDERS: Reminder[] = [
  { enterpriseId: 'e1', enterpriseName: '福州示范食品有限公司', kind: 'termEnding', subject: 'MD-2026-001', due: '2026-10-01', overdue: true },
  { enterpriseId: 'e1', enterpriseName: '福州示范食品有限公司', kind: 'reviewDue', subject: 'MD-2026-002', due: '2026-11-20', overdue: false },
  { enterpriseId: 'e2', enterpriseName: '闽侯精工机械有限公司', kind: 'noncompeteEnding', subject: '张三', due: '2026-12-01', overdue: false },
  { enterpriseId: 'e2', enterpriseName: '闽侯精工机械有限公司', kind: 'agreementEnding', subject: '李四', due: '2026-12-15', overdue: false },
];

function renderReminders() {
  const onOpen = vi.fn();
  return { ...renderWithProviders(<Reminders onOpen={onOpen} />), onOpen };
}

describe('reminders on the home page', () => {
  it('lists each reminder with the enterprise, what to do by kind, the subject and the due date', async () => {
    const calls = mockBackend({ list_reminders: REMINDERS });
    renderReminders();
    const card = await screen.findByTestId('reminders');
    expect(card).toHaveTextContent('提醒');
    expect(callsOf(calls, 'list_reminders')).toHaveLength(1);
    const rows = within(card).getAllByTestId('reminder-row');
    expect(rows.map((r) => r.getAttribute('data-kind'))).toEqual(['termEnding', 'reviewDue', 'noncompeteEnding', 'agreementEnding']);
    expect(rows[0]).toHaveTextContent('福州示范食品有限公司');
    expect(rows[0]).toHaveTextContent('保密期限到期：复核是否解密或延长');
    expect(rows[0]).toHaveTextContent('MD-2026-001');
    expect(rows[0]).toHaveTextContent('2026-10-01 到期');
    expect(rows[1]).toHaveTextContent('复核日到');
    expect(rows[1]).toHaveTextContent('MD-2026-002');
    expect(rows[2]).toHaveTextContent('闽侯精工机械有限公司');
    expect(rows[2]).toHaveTextContent('竞业限制期满：停止支付补偿');
    expect(rows[2]).toHaveTextContent('张三');
    expect(rows[3]).toHaveTextContent('保密协议到期：续签');
    expect(rows[3]).toHaveTextContent('李四');
    expect(rows[3]).toHaveTextContent('2026-12-15 到期');
  });

  it('tags only the overdue reminders', async () => {
    mockBackend({ list_reminders: REMINDERS });
    renderReminders();
    const rows = await screen.findAllByTestId('reminder-row');
    expect(within(rows[0]).getByTestId('reminder-overdue')).toHaveTextContent('已逾期');
    expect(within(rows[0]).getByTestId('reminder-overdue')).toHaveClass('ant-tag-red');
    for (const row of rows.slice(1)) expect(within(row).queryByTestId('reminder-overdue')).toBeNull();
    expect(screen.getAllByTestId('reminder-overdue')).toHaveLength(1);
  });

  it('opens the enterprise of a reminder when it is clicked', async () => {
    mockBackend({ list_reminders: REMINDERS });
    const { user, onOpen } = renderReminders();
    const rows = await screen.findAllByTestId('reminder-row');
    await user.click(rows[2]);
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenCalledWith('e2');
    await user.click(within(rows[0]).getByText('MD-2026-001'));
    expect(onOpen).toHaveBeenLastCalledWith('e1');
  });

  it('shows in English', async () => {
    const { setLanguage } = await import('../../i18n');
    await setLanguage('en');
    mockBackend({ list_reminders: REMINDERS.slice(2, 3) });
    renderReminders();
    const row = await screen.findByTestId('reminder-row');
    expect(row).toHaveTextContent('Non-compete ends: stop the compensation payments');
    expect(row).toHaveTextContent('due 2026-12-01');
  });

  it('is hidden when nothing is due', async () => {
    const calls = mockBackend({ list_reminders: [] });
    const { container } = renderReminders();
    await waitFor(() => expect(callsOf(calls, 'list_reminders')).toHaveLength(1));
    // Let the answer arrive and render.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('reminders')).toBeNull();
    expect(screen.queryByTestId('reminder-row')).toBeNull();
    expect(container.textContent).toBe('');
  });

  it('is hidden when the reminders cannot be read', async () => {
    const calls = mockBackend({ list_reminders: rejectWith({ code: 'DB_ERROR', message: 'x', params: { detail: 'locked' } }) });
    renderReminders();
    await waitFor(() => expect(callsOf(calls, 'list_reminders')).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('reminders')).toBeNull();
  });
});
