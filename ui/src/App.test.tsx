import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { callsOf, mockBackend } from './test/ipc';
import { renderApp } from './test/render';

const OPEN = { state: 'open', path: '/data/midun.db' };

const enterprises = [{ id: 'e1', name: '福州示范食品有限公司', creditCode: '91350100M000100Y43', secretPointCount: 2 }];

describe('app frame', () => {
  it('shows the state-secret notice on first run and records the acknowledgement', async () => {
    const calls = mockBackend({
      list_reminders: [],
      vault_status: OPEN,
      get_settings: { noticeAcknowledged: false, idleLockMinutes: 10 },
      acknowledge_notice: { noticeAcknowledged: true, idleLockMinutes: 10 },
      enterprise_overview: enterprises,
    });
    const { user } = renderApp();

    const notice = await screen.findByTestId('notice-modal');
    expect(notice).toHaveTextContent('国家秘密只能在经保密行政管理部门审查批准的涉密信息系统中处理');
    await waitFor(() => expect(screen.getByText('本软件不得录入国家秘密')).toBeVisible());
    // No close button: the only way out is the confirm button.
    expect(document.querySelector('.ant-modal-close')).toBeNull();
    expect(callsOf(calls, 'acknowledge_notice')).toHaveLength(0);

    await user.keyboard('{Escape}');
    expect(screen.getByTestId('notice-modal')).toBeVisible();

    await user.click(screen.getByTestId('notice-ok'));
    await waitFor(() => expect(callsOf(calls, 'acknowledge_notice')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByTestId('notice-modal')).not.toBeVisible());
  });

  it('keeps the notice open when the acknowledgement cannot be saved', async () => {
    const calls = mockBackend({
      list_reminders: [],
      vault_status: OPEN,
      get_settings: { noticeAcknowledged: false, idleLockMinutes: 10 },
      acknowledge_notice: () => Promise.reject({ code: 'DB_ERROR', message: '数据库出错', params: { detail: 'disk I/O error' } }),
      enterprise_overview: [],
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId('notice-ok'));
    expect(await screen.findByText('数据库出错：disk I/O error')).toBeInTheDocument();
    expect(callsOf(calls, 'acknowledge_notice')).toHaveLength(1);
    expect(screen.getByTestId('notice-modal')).toBeVisible();
  });

  it('shows the notice when the settings cannot be read', async () => {
    mockBackend({
      list_reminders: [],
      vault_status: OPEN,
      get_settings: () => Promise.reject({ code: 'DB_NOT_MIDUN', message: '不是密盾数据库', params: {} }),
      enterprise_overview: [],
    });
    renderApp();
    expect(await screen.findByTestId('notice-modal')).toBeInTheDocument();
    expect(await screen.findByText('这个文件不是密盾的数据库。')).toBeInTheDocument();
  });

  it('does not show the notice once it has been acknowledged', async () => {
    const calls = mockBackend({
      list_reminders: [],
      vault_status: OPEN,
      get_settings: { noticeAcknowledged: true, idleLockMinutes: 10 },
      enterprise_overview: enterprises,
    });
    renderApp();
    expect(await screen.findByText('福州示范食品有限公司')).toBeInTheDocument();
    await waitFor(() => expect(callsOf(calls, 'get_settings')).toHaveLength(1));
    expect(screen.queryByTestId('notice-modal')).toBeNull();
  });

  it('switches the interface to English', async () => {
    mockBackend({
      list_reminders: [],
      vault_status: OPEN,
      get_settings: { noticeAcknowledged: true, idleLockMinutes: 10 },
      enterprise_overview: enterprises,
    });
    const { user } = renderApp();
    expect(await screen.findByTestId('new-enterprise')).toHaveTextContent('新建企业');
    expect(screen.getByTestId('app-title')).toHaveTextContent('密盾 Midun');

    await user.click(screen.getByTestId('lang-en'));

    await waitFor(() => expect(screen.getByTestId('new-enterprise')).toHaveTextContent('New enterprise'));
    expect(screen.getByRole('heading', { name: 'Enterprises' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Unified social credit code' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('en');
    expect(screen.queryByText('新建企业')).toBeNull();

    await user.click(screen.getByTestId('lang-zh-CN'));
    await waitFor(() => expect(screen.getByTestId('new-enterprise')).toHaveTextContent('新建企业'));
  });

  it('opens an enterprise from the list and comes back', async () => {
    mockBackend({
      list_reminders: [],
      vault_status: OPEN,
      get_settings: { noticeAcknowledged: true, idleLockMinutes: 10 },
      enterprise_overview: enterprises,
      get_enterprise: {
        id: 'e1',
        name: '福州示范食品有限公司',
        creditCode: '91350100M000100Y43',
        creditCodeNote: null,
        createdAt: '2026-11-01T08:00:00Z',
      },
      list_levels: ['核心商密', '重要商密', '一般商密'],
      list_register: [],
    });
    const { user } = renderApp();
    const row = await screen.findByTestId('enterprise-row');
    expect(within(row).getByText('91350100M000100Y43')).toBeInTheDocument();
    expect(within(row).getByText('2')).toBeInTheDocument();

    await user.click(within(row).getByTestId('open-enterprise'));
    expect(await screen.findByTestId('enterprise-title')).toHaveTextContent('福州示范食品有限公司');

    await user.click(screen.getByTestId('back'));
    expect(await screen.findByTestId('enterprise-row')).toBeInTheDocument();
    expect(screen.queryByTestId('enterprise-title')).toBeNull();
  });
});
