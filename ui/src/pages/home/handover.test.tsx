import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import HomePage from '.';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';

const OVERVIEW = [{ id: 'e1', name: '福州示范食品有限公司', creditCode: '91350100M000100Y43', secretPointCount: 3 }];

function backend(extra: Record<string, unknown> = {}) {
  return mockBackend({ list_reminders: [], enterprise_overview: OVERVIEW, ...extra });
}

async function renderHome() {
  const rendered = renderWithProviders(<HomePage onOpen={vi.fn()} />);
  await screen.findAllByTestId('enterprise-row');
  return rendered;
}

describe('exporting a hand-over file', () => {
  it('asks for the passphrase twice, at least 8 characters, before Rust is called', async () => {
    const calls = backend({ export_handover: null });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('export-handover'));
    await user.type(await screen.findByTestId('handover-passphrase'), 'short');
    await user.type(screen.getByTestId('handover-passphrase-confirm'), 'shorter');
    await user.click(screen.getByTestId('handover-export-ok'));
    expect(await screen.findByText('至少 8 个字符')).toBeInTheDocument();
    expect(await screen.findByText('两次输入的密码不一致')).toBeInTheDocument();
    expect(callsOf(calls, 'export_handover')).toHaveLength(0);
  });

  it('exports with the passphrase and shows where the file went', async () => {
    const calls = backend({
      export_handover: { path: '/home/u/福州示范食品-交接文件-20261128.midun', enterpriseName: '福州示范食品有限公司', entries: 36 },
    });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('export-handover'));
    expect(await screen.findByText(/交接文件（\.midun）包含该企业的全部数据/)).toBeInTheDocument();
    await user.type(screen.getByTestId('handover-passphrase'), '交接口令-2026-秋');
    await user.type(screen.getByTestId('handover-passphrase-confirm'), '交接口令-2026-秋');
    await user.click(screen.getByTestId('handover-export-ok'));
    const result = await screen.findByTestId('handover-export-result');
    expect(callsOf(calls, 'export_handover')[0].args).toEqual({ enterpriseId: 'e1', passphrase: '交接口令-2026-秋' });
    expect(result).toHaveTextContent('福州示范食品-交接文件-20261128.midun');
    expect(result).toHaveTextContent('共 36 项内容');
  });

  it('keeps the form when the save dialog is cancelled, and shows a refusal', async () => {
    let refuse = false;
    const calls = backend({
      export_handover: () => (refuse ? Promise.reject({ code: 'ENTERPRISE_NOT_FOUND', message: '', params: { id: 'e1' } }) : null),
    });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('export-handover'));
    await user.type(await screen.findByTestId('handover-passphrase'), 'abcdefgh12');
    await user.type(screen.getByTestId('handover-passphrase-confirm'), 'abcdefgh12');
    await user.click(screen.getByTestId('handover-export-ok'));
    await waitFor(() => expect(callsOf(calls, 'export_handover')).toHaveLength(1));
    expect(screen.queryByTestId('handover-export-result')).toBeNull();
    expect(screen.getByTestId('handover-passphrase')).toHaveValue('abcdefgh12');
    refuse = true;
    await user.click(screen.getByTestId('handover-export-ok'));
    expect(await screen.findByTestId('handover-export-error')).toHaveTextContent('e1');
  });
});

describe('importing a hand-over file', () => {
  it('needs a file and a passphrase, then imports and reads the list again', async () => {
    const calls = backend({
      choose_handover_file: '福州示范食品-交接文件.midun',
      import_handover: { enterpriseId: 'e9', name: '福州示范食品有限公司', replaced: false, copied: false, rows: 120 },
    });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('import-handover'));
    await user.type(await screen.findByTestId('handover-import-passphrase'), '交接口令-2026-秋');
    await user.click(screen.getByTestId('handover-import-ok'));
    expect(await screen.findByTestId('handover-file-missing')).toHaveTextContent('请先选择交接文件');
    expect(callsOf(calls, 'import_handover')).toHaveLength(0);
    await user.click(screen.getByTestId('handover-choose'));
    expect(await screen.findByTestId('handover-file')).toHaveTextContent('福州示范食品-交接文件.midun');
    await user.click(screen.getByTestId('handover-import-ok'));
    await waitFor(() => expect(callsOf(calls, 'import_handover')).toHaveLength(1));
    expect(callsOf(calls, 'import_handover')[0].args).toEqual({ passphrase: '交接口令-2026-秋', mode: 'refuse' });
    expect(await screen.findByText('已导入“福州示范食品有限公司”')).toBeInTheDocument();
    await waitFor(() => expect(callsOf(calls, 'enterprise_overview')).toHaveLength(2));
  });

  it('shows a wrong passphrase in Chinese and imports nothing else', async () => {
    const calls = backend({
      choose_handover_file: 'x.midun',
      import_handover: rejectWith({ code: 'BUNDLE_WRONG_PASSPHRASE', message: '', params: {} }),
    });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('import-handover'));
    await user.click(await screen.findByTestId('handover-choose'));
    await screen.findByText('x.midun');
    await user.type(screen.getByTestId('handover-import-passphrase'), 'wrong-passphrase');
    await user.click(screen.getByTestId('handover-import-ok'));
    expect(await screen.findByTestId('handover-import-error')).toHaveTextContent('交接文件密码不正确');
    expect(callsOf(calls, 'enterprise_overview')).toHaveLength(1);
  });

  it('asks before touching an enterprise that is already here: a copy, or a confirmed replacement', async () => {
    const modes: string[] = [];
    const calls = backend({
      choose_handover_file: 'x.midun',
      import_handover: (args: Record<string, unknown>) => {
        modes.push(args.mode as string);
        if (args.mode === 'refuse') {
          return Promise.reject({ code: 'ENTERPRISE_EXISTS', message: '', params: { id: 'e1', name: '福州示范食品有限公司' } });
        }
        return { enterpriseId: 'e1', name: '福州示范食品有限公司', replaced: args.mode === 'replace', copied: args.mode === 'asCopy', rows: 10 };
      },
    });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('import-handover'));
    await user.click(await screen.findByTestId('handover-choose'));
    await screen.findByText('x.midun');
    await user.type(screen.getByTestId('handover-import-passphrase'), 'abcdefgh12');
    await user.click(screen.getByTestId('handover-import-ok'));
    const exists = await screen.findByTestId('handover-exists');
    expect(exists).toHaveTextContent('本机已有企业“福州示范食品有限公司”');
    // Replace asks once more before the core is called again.
    await user.click(within(exists).getByTestId('handover-replace'));
    expect(modes).toEqual(['refuse']);
    await user.click(await screen.findByTestId('handover-replace-ok'));
    await waitFor(() => expect(modes).toEqual(['refuse', 'replace']));
    expect(await screen.findByText('已用交接文件替换“福州示范食品有限公司”')).toBeInTheDocument();
    expect(callsOf(calls, 'import_handover')).toHaveLength(2);
  });

  it('imports as a copy when asked', async () => {
    const modes: string[] = [];
    backend({
      choose_handover_file: 'x.midun',
      import_handover: (args: Record<string, unknown>) => {
        modes.push(args.mode as string);
        if (args.mode === 'refuse') return Promise.reject({ code: 'ENTERPRISE_EXISTS', message: '', params: { id: 'e1', name: '甲企业' } });
        return { enterpriseId: 'e7', name: '甲企业（导入副本）', replaced: false, copied: true, rows: 10 };
      },
    });
    const { user } = await renderHome();
    await user.click(screen.getByTestId('import-handover'));
    await user.click(await screen.findByTestId('handover-choose'));
    await screen.findByText('x.midun');
    await user.type(screen.getByTestId('handover-import-passphrase'), 'abcdefgh12');
    await user.click(screen.getByTestId('handover-import-ok'));
    await user.click(await screen.findByTestId('handover-as-copy'));
    await waitFor(() => expect(modes).toEqual(['refuse', 'asCopy']));
    expect(await screen.findByText('已作为副本导入“甲企业（导入副本）”')).toBeInTheDocument();
  });
});
