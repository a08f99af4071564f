import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderApp } from '../../test/render';

const settings = { noticeAcknowledged: true, idleLockMinutes: 10 };

describe('first start: the database password', () => {
  it('refuses a short or mismatched password beside the field, then shows the recovery key once', async () => {
    const calls = mockBackend({
      list_reminders: [],
      vault_status: { state: 'new', path: '/data/midun.db' },
      password_strength: ({ password }: Record<string, unknown>) => ((password as string).length >= 14 ? 3 : 1),
      set_up_vault: 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567',
      save_recovery_key: (() => {
        let n = 0;
        return () => {
          n += 1;
          // Cancelled, then refused, then saved.
          if (n === 1) return null;
          if (n === 2) return Promise.reject({ code: 'IO_ERROR', message: 'x', params: { detail: '只读目录' } });
          return '/media/usb/恢复密钥.pdf';
        };
      })(),
      get_settings: settings,
      enterprise_overview: [],
    });
    const { user } = renderApp();
    expect(await screen.findByText('设置数据库密码')).toBeInTheDocument();
    expect(screen.getByText('数据库文件：/data/midun.db')).toBeInTheDocument();

    await user.type(screen.getByTestId('setup-operator'), '刘晓岚');
    await user.type(screen.getByTestId('setup-password'), 'short');
    await user.type(screen.getByTestId('setup-confirm'), 'other');
    await user.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByText('密码至少 8 个字符')).toBeInTheDocument();
    expect(await screen.findByText('两次输入的密码不一致')).toBeInTheDocument();
    expect(callsOf(calls, 'set_up_vault')).toHaveLength(0);

    await user.clear(screen.getByTestId('setup-password'));
    await user.type(screen.getByTestId('setup-password'), 'Correct-Horse-42');
    await waitFor(() => expect(screen.getByTestId('password-strength')).toHaveAttribute('data-level', '3'));
    expect(screen.getByText('强')).toBeInTheDocument();
    await user.clear(screen.getByTestId('setup-confirm'));
    await user.type(screen.getByTestId('setup-confirm'), 'Correct-Horse-42');
    await user.click(screen.getByTestId('setup-submit'));

    expect(await screen.findByTestId('recovery-key')).toHaveTextContent('ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567');
    expect(callsOf(calls, 'set_up_vault')[0].args).toEqual({ password: 'Correct-Horse-42', operator: '刘晓岚' });
    // The key in whole groups, each never broken across lines.
    const groups = screen.getByTestId('recovery-key').querySelectorAll('.recovery-group');
    expect(groups).toHaveLength(8);
    // Saved as a PDF to print: the shown key goes to Rust, never the password; cancel says nothing.
    await user.click(screen.getByTestId('recovery-save-pdf'));
    await waitFor(() => expect(callsOf(calls, 'save_recovery_key')).toHaveLength(1));
    expect(callsOf(calls, 'save_recovery_key')[0].args).toEqual({ key: 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567' });
    expect(screen.queryByTestId('recovery-saved')).toBeNull();
    await user.click(screen.getByTestId('recovery-save-pdf'));
    expect(await screen.findByTestId('recovery-save-error')).toHaveTextContent('只读目录');
    await user.click(screen.getByTestId('recovery-save-pdf'));
    expect(await screen.findByTestId('recovery-saved')).toHaveTextContent('/media/usb/恢复密钥.pdf');
    expect(screen.getByTestId('recovery-saved')).toHaveTextContent('从本机删除');
    // Going on needs the confirmation that the key was written down.
    expect(screen.getByTestId('recovery-continue')).toBeDisabled();
    await user.click(screen.getByTestId('recovery-written'));
    await user.click(screen.getByTestId('recovery-continue'));
    expect(await screen.findByTestId('new-enterprise')).toBeInTheDocument();
    expect(screen.queryByTestId('recovery-key')).toBeNull();
  });

  it('offers to encrypt an earlier unencrypted database and shows why set-up failed', async () => {
    mockBackend({
      list_reminders: [],
      vault_status: { state: 'legacy', path: '/data/midun.db' },
      password_strength: 2,
      set_up_vault: rejectWith({ code: 'IO_ERROR', message: '文件读写失败', params: { detail: '磁盘已满' } }),
    });
    const { user } = renderApp();
    expect(await screen.findByText('加密现有数据库')).toBeInTheDocument();
    await user.type(screen.getByTestId('setup-operator'), '顾问');
    await user.type(screen.getByTestId('setup-password'), 'long enough 1');
    await user.type(screen.getByTestId('setup-confirm'), 'long enough 1');
    await user.click(screen.getByTestId('setup-submit'));
    expect(await screen.findByTestId('setup-error')).toHaveTextContent('磁盘已满');
    expect(screen.queryByTestId('recovery-key')).toBeNull();
  });
});

describe('unlocking', () => {
  it('names a wrong password beside the field and unlocks with the recovery key', async () => {
    let attempts = 0;
    const calls = mockBackend({
      list_reminders: [],
      vault_status: { state: 'locked', path: '/data/midun.db' },
      unlock: () => {
        attempts += 1;
        return attempts === 1
          ? Promise.reject({ code: 'WRONG_PASSWORD', message: '密码不正确', params: {} })
          : Promise.resolve(null);
      },
      get_settings: settings,
      enterprise_overview: [],
    });
    const { user } = renderApp();
    await user.type(await screen.findByTestId('unlock-password'), 'wrong one');
    await user.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByText('密码不正确。')).toBeInTheDocument();
    expect(screen.queryByTestId('new-enterprise')).toBeNull();

    await user.click(screen.getByTestId('unlock-toggle'));
    await user.type(screen.getByTestId('unlock-recovery'), 'abcd-efgh-ijkl-mnop-qrst-uvwx-yz23-4567');
    await user.click(screen.getByTestId('unlock-submit'));
    expect(await screen.findByTestId('new-enterprise')).toBeInTheDocument();
    expect(callsOf(calls, 'unlock').map((c) => c.args)).toEqual([
      { secret: { kind: 'password', value: 'wrong one' } },
      { secret: { kind: 'recoveryKey', value: 'abcd-efgh-ijkl-mnop-qrst-uvwx-yz23-4567' } },
    ]);
  });
});

describe('locking', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('locks by hand and when idle for the chosen time', async () => {
    // Fake clocks that still advance on their own, so that user events work.
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const calls = mockBackend({
      list_reminders: [],
      vault_status: { state: 'open', path: '/data/midun.db' },
      get_settings: { noticeAcknowledged: true, idleLockMinutes: 1 },
      enterprise_overview: [],
      lock: null,
      unlock: null,
      set_idle_lock_minutes: { noticeAcknowledged: true, idleLockMinutes: 30 },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId('lock-now'));
    expect(await screen.findByTestId('unlock-password')).toBeInTheDocument();
    expect(callsOf(calls, 'lock')).toHaveLength(1);

    await user.type(screen.getByTestId('unlock-password'), 'the password');
    await user.click(screen.getByTestId('unlock-submit'));
    await screen.findByTestId('new-enterprise');
    await waitFor(() => expect(callsOf(calls, 'get_settings')).toHaveLength(2));

    await act(async () => {
      vi.advanceTimersByTime(61_000);
    });
    expect(await screen.findByTestId('unlock-password')).toBeInTheDocument();
    expect(callsOf(calls, 'lock')).toHaveLength(2);
  });
});

const backups = [
  { name: 'midun-20261128-090000-000-daily.db', madeAt: '2026-11-28 09:00:00', reason: '每日自动', kind: 'daily', bytes: 348160 },
  { name: 'midun-20261127-090000-000-manual.db', madeAt: '2026-11-27 09:00:00', reason: '手动', kind: 'manual', bytes: 331776 },
];

describe('backups and passwords in the app', () => {
  it('lists backups, backs up now, and restores one after the password', async () => {
    let restored = 0;
    const calls = mockBackend({
      list_reminders: [],
      vault_status: { state: 'open', path: '/data/midun.db' },
      get_settings: settings,
      enterprise_overview: () => (restored ? [{ id: 'e2', name: '恢复后的企业', creditCode: null, secretPointCount: 0 }] : []),
      list_backups: backups,
      create_backup: backups[0],
      restore_backup: ({ secret }: Record<string, unknown>) => {
        if ((secret as { value: string }).value !== 'right password') {
          return Promise.reject({ code: 'WRONG_PASSWORD', message: '密码不正确', params: {} });
        }
        restored += 1;
        return null;
      },
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId('open-backups'));
    expect(await screen.findAllByTestId('backup-row')).toHaveLength(2);
    expect(screen.getByText('每日自动')).toBeInTheDocument();
    expect(screen.getByText('340 KB')).toBeInTheDocument();
    await user.click(screen.getByTestId('backup-now'));
    await waitFor(() => expect(callsOf(calls, 'create_backup')).toHaveLength(1));

    await user.click(screen.getAllByTestId('backup-restore')[1]);
    expect(screen.getByTestId('backup-confirm')).toHaveTextContent('2026-11-27 09:00:00');
    expect(screen.getByTestId('backup-restore-confirm')).toBeDisabled();
    await user.type(screen.getByTestId('backup-password'), 'wrong');
    await user.click(screen.getByTestId('backup-restore-confirm'));
    expect(await screen.findByTestId('backup-error')).toHaveTextContent('密码不正确');
    await user.clear(screen.getByTestId('backup-password'));
    await user.type(screen.getByTestId('backup-password'), 'right password');
    await user.click(screen.getByTestId('backup-restore-confirm'));
    // The app reloads what it shows from the restored database.
    expect(await screen.findByText('恢复后的企业')).toBeInTheDocument();
    expect(callsOf(calls, 'restore_backup').at(-1)?.args).toEqual({
      name: 'midun-20261127-090000-000-manual.db',
      secret: { kind: 'password', value: 'right password' },
    });
  });

  it('offers the newest sound backup when the database is damaged', async () => {
    let restored = false;
    const calls = mockBackend({
      list_reminders: [],
      vault_status: { state: 'locked', path: '/data/midun.db' },
      unlock: () =>
        restored ? null : Promise.reject({ code: 'DB_CORRUPT', message: '完整性检查未通过', params: { detail: 'malformed' } }),
      newest_sound_backup: backups[0],
      restore_backup: () => {
        restored = true;
        return null;
      },
      get_settings: settings,
      enterprise_overview: [],
    });
    const { user } = renderApp();
    await user.type(await screen.findByTestId('unlock-password'), 'the password');
    await user.click(screen.getByTestId('unlock-submit'));
    const damaged = await screen.findByTestId('damaged');
    expect(damaged).toHaveTextContent('2026-11-28 09:00:00');
    expect(damaged).toHaveTextContent('每日自动');
    await user.click(screen.getByTestId('restore-newest'));
    expect(await screen.findByTestId('new-enterprise')).toBeInTheDocument();
    expect(callsOf(calls, 'restore_backup')[0].args).toEqual({
      name: backups[0].name,
      secret: { kind: 'password', value: 'the password' },
    });
  });

  it('changes the password and names a wrong current one', async () => {
    const calls = mockBackend({
      list_reminders: [],
      vault_status: { state: 'open', path: '/data/midun.db' },
      get_settings: settings,
      enterprise_overview: [],
      password_strength: 2,
      change_password: ({ current }: Record<string, unknown>) =>
        (current as { value: string }).value === 'old password'
          ? null
          : Promise.reject({ code: 'WRONG_PASSWORD', message: '密码不正确', params: {} }),
    });
    const { user } = renderApp();
    await user.click(await screen.findByTestId('change-password'));
    await user.type(await screen.findByTestId('current-password'), 'not it');
    await user.type(screen.getByTestId('new-password'), 'new password 1');
    await user.type(screen.getByTestId('new-confirm'), 'new password 1');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByTestId('change-password-error')).toHaveTextContent('密码不正确');
    await user.clear(screen.getByTestId('current-password'));
    await user.type(screen.getByTestId('current-password'), 'old password');
    await user.click(screen.getByRole('button', { name: '保 存' }));
    expect(await screen.findByText('密码已修改')).toBeInTheDocument();
    expect(callsOf(calls, 'change_password').at(-1)?.args).toEqual({
      current: { kind: 'password', value: 'old password' },
      newPassword: 'new password 1',
    });
  });
});
