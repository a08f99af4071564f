import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import dayjs from 'dayjs';
import FingerprintSection from './FingerprintSection';
import PointDrawer from './PointDrawer';
import type { Certificate, Fingerprint, NewCertificate, PointChoices } from '../../services';
import { callsOf, mockBackend, rejectWith } from '../../test/ipc';
import { renderWithProviders } from '../../test/render';
import { secretPoint } from '../../test/fixtures';

/** Days in the past, whatever today is: the pickers refuse dates after today. */
const PAST = dayjs().subtract(30, 'day').format('YYYY-MM-DD');

const HASH_A = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const HASH_B = '0b1c2d3e4f5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0';
const HASH_C = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00';

const POINT = secretPoint({ id: 4, code: 'JS-2026-004', name: '鱼丸熬制工艺', enterpriseId: 'e1' });

function fingerprint(fields: Partial<Fingerprint> & Pick<Fingerprint, 'id' | 'fileName' | 'sha256'>): Fingerprint {
  return { pointId: 4, pointCode: 'JS-2026-004', size: 52_428, computedAt: '2026-11-02T08:30:00Z', ...fields };
}

const RECIPE = fingerprint({ id: 11, fileName: '熬制工艺卡.docx', sha256: HASH_A });
const CERT: Certificate = {
  id: 21,
  fingerprintId: 11,
  pointId: 4,
  number: 'TSA-2026-000123',
  issuer: '联合信任时间戳服务中心',
  issuedOn: '2026-11-03',
  sha256: HASH_A,
  createdAt: '2026-11-04T01:00:00Z',
  recheckedAt: null,
  recheckMatched: null,
};

async function renderSection(handlers: Record<string, unknown>) {
  const calls = mockBackend({ list_fingerprints: [], list_certificates: [], ...handlers });
  const rendered = renderWithProviders(<FingerprintSection point={POINT} />);
  await screen.findByTestId('fingerprints');
  await waitFor(() => expect(callsOf(calls, 'list_certificates')).toHaveLength(1));
  return { ...rendered, calls };
}

/** Types a date into an antd DatePicker and confirms it with Enter, as a keyboard user would. */
async function typeDate(user: UserEvent, testId: string, value: string) {
  const input = screen.getByTestId(testId);
  await user.click(input);
  await user.clear(input);
  await user.type(input, `${value}{Enter}`);
}

describe('file fingerprints of a secret point', () => {
  it('explains what a fingerprint is and proves, and lists them with their certificates', async () => {
    const { calls } = await renderSection({
      list_fingerprints: [RECIPE, fingerprint({ id: 12, fileName: '配料表.xlsx', sha256: HASH_B, size: 2 * 1024 * 1024 })],
      list_certificates: [CERT],
    });
    const intro = screen.getByTestId('fingerprints-intro');
    expect(intro).toHaveTextContent('SHA-256');
    expect(intro).toHaveTextContent('文件本身不保存');
    expect(intro).toHaveTextContent('可信时间戳、公证或区块链存证');
    expect(intro).toHaveTextContent('不能证明时间');
    expect(callsOf(calls, 'list_fingerprints')[0].args).toEqual({ pointId: 4 });
    expect(callsOf(calls, 'list_certificates')[0].args).toEqual({ pointId: 4 });

    const rows = await screen.findAllByTestId('fingerprint-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('熬制工艺卡.docx');
    expect(within(rows[0]).getByTestId('fingerprint-size')).toHaveTextContent('51 KiB');
    expect(within(rows[0]).getByTestId('fingerprint-hash')).toHaveTextContent(/^a3f1c2d4e5b6$/);
    expect(within(rows[0]).getByTestId('fingerprint-hash')).toHaveAttribute('data-sha256', HASH_A);
    expect(within(rows[0]).getByTestId('fingerprint-time')).toHaveTextContent('本机时间');
    expect(within(rows[1]).getByTestId('fingerprint-size')).toHaveTextContent('2.0 MiB');

    // Each certificate shows under its own fingerprint.
    const cert = within(rows[0]).getByTestId('certificate-row');
    expect(cert).toHaveTextContent('TSA-2026-000123');
    expect(cert).toHaveTextContent('联合信任时间戳服务中心');
    expect(cert).toHaveTextContent('2026-11-03');
    expect(within(rows[1]).queryByTestId('certificate-row')).toBeNull();
    expect(rows[1]).toHaveTextContent('尚未登记存证证书');
  });

  it('adds several fingerprints at once, and nothing when the dialog is cancelled', async () => {
    let reply: Fingerprint[] | null = null;
    const { user, calls } = await renderSection({ add_fingerprints: () => reply });
    expect(screen.getByTestId('fingerprints-empty')).toBeInTheDocument();

    await user.click(screen.getByTestId('fingerprint-add'));
    await waitFor(() => expect(callsOf(calls, 'add_fingerprints')).toHaveLength(1));
    expect(callsOf(calls, 'add_fingerprints')[0].args).toEqual({ pointId: 4 });
    await waitFor(() => expect(screen.getByTestId('fingerprint-add')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('fingerprint-row')).toBeNull();
    expect(screen.queryByTestId('fingerprints-error')).toBeNull();

    reply = [RECIPE, fingerprint({ id: 12, fileName: '配料表.xlsx', sha256: HASH_B })];
    await user.click(screen.getByTestId('fingerprint-add'));
    await waitFor(() => expect(screen.getAllByTestId('fingerprint-row')).toHaveLength(2));
    expect(screen.getAllByTestId('fingerprint-row')[1]).toHaveTextContent('配料表.xlsx');
    expect(await screen.findByText('已计算 2 个文件的指纹')).toBeInTheDocument();
  });

  it('shows a refusal to fingerprint', async () => {
    const { user } = await renderSection({ add_fingerprints: rejectWith({ code: 'IO_ERROR', message: '', params: { detail: 'permission denied' } }) });
    await user.click(screen.getByTestId('fingerprint-add'));
    expect(await screen.findByTestId('fingerprints-error')).toHaveTextContent('读写文件出错：permission denied');
    expect(screen.queryByTestId('fingerprint-row')).toBeNull();
  });

  it('deletes a fingerprint after confirmation, and says why when it has certificates', async () => {
    let refuse = true;
    const { user, calls } = await renderSection({
      list_fingerprints: [RECIPE],
      delete_fingerprint: () =>
        refuse
          ? Promise.reject({ code: 'FINGERPRINT_HAS_CERTIFICATES', message: '', params: { file: '熬制工艺卡.docx', count: '1' } })
          : null,
    });
    await user.click(await screen.findByTestId('fingerprint-delete'));
    expect(await screen.findByText('删除文件“熬制工艺卡.docx”的指纹？')).toBeInTheDocument();
    expect(callsOf(calls, 'delete_fingerprint')).toHaveLength(0);
    await user.click(screen.getByTestId('fingerprint-delete-confirm'));
    expect(await screen.findByTestId('fingerprints-error')).toHaveTextContent('已有 1 条存证记录');
    expect(screen.getByTestId('fingerprint-row')).toBeInTheDocument();

    refuse = false;
    await user.click(screen.getByTestId('fingerprint-delete'));
    await user.click(await screen.findByTestId('fingerprint-delete-confirm'));
    await waitFor(() => expect(callsOf(calls, 'delete_fingerprint')).toHaveLength(2));
    expect(callsOf(calls, 'delete_fingerprint')[1].args).toEqual({ id: 11 });
    await waitFor(() => expect(screen.queryByTestId('fingerprint-row')).toBeNull());
  });

  it('exports the manifest without file names by default, with them when ticked', async () => {
    const { user, calls } = await renderSection({
      save_hash_manifest: ({ fileNames }: Record<string, unknown>) => (fileNames ? '/tmp/指纹清单-含文件名.csv' : '/tmp/文件指纹清单.csv'),
    });
    await user.click(screen.getByTestId('fingerprint-manifest'));
    await waitFor(() => expect(callsOf(calls, 'save_hash_manifest')).toHaveLength(1));
    expect(callsOf(calls, 'save_hash_manifest')[0].args).toEqual({ enterpriseId: 'e1', fileNames: false });
    expect(await screen.findByText('指纹清单已保存到：/tmp/文件指纹清单.csv')).toBeInTheDocument();

    await user.click(screen.getByTestId('fingerprint-manifest-names'));
    await user.click(screen.getByTestId('fingerprint-manifest'));
    await waitFor(() => expect(callsOf(calls, 'save_hash_manifest')).toHaveLength(2));
    expect(callsOf(calls, 'save_hash_manifest')[1].args).toEqual({ enterpriseId: 'e1', fileNames: true });
    expect(await screen.findByText('指纹清单已保存到：/tmp/指纹清单-含文件名.csv')).toBeInTheDocument();
  });

  it('shows nothing when the manifest dialog is cancelled', async () => {
    const { user, calls } = await renderSection({ save_hash_manifest: null });
    await user.click(screen.getByTestId('fingerprint-manifest'));
    await waitFor(() => expect(callsOf(calls, 'save_hash_manifest')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('fingerprint-manifest')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('manifest-saved')).toBeNull();
    expect(screen.queryByTestId('fingerprints-error')).toBeNull();
  });

  it('records a certificate with the fingerprint hash prefilled', async () => {
    const { user, calls } = await renderSection({
      list_fingerprints: [RECIPE],
      add_certificate: ({ input }: Record<string, unknown>) => ({ ...(input as NewCertificate), id: 30, pointId: 4, createdAt: '2026-11-05T00:00:00Z' }),
    });
    const row = await screen.findByTestId('fingerprint-row');
    await user.click(within(row).getByTestId('certificate-add'));
    expect(screen.getByTestId('certificate-add-sha256')).toHaveValue(HASH_A);

    // Nothing is sent without the certificate's details.
    await user.click(screen.getByTestId('certificate-add-save'));
    expect(await screen.findByText('请填写证书编号')).toBeInTheDocument();
    expect(screen.getByText('请填写出具机构')).toBeInTheDocument();
    expect(screen.getByText('请选择出具日期')).toBeInTheDocument();
    expect(callsOf(calls, 'add_certificate')).toHaveLength(0);

    await user.type(screen.getByTestId('certificate-add-number'), ' TSA-2026-000777 ');
    await user.type(screen.getByTestId('certificate-add-issuer'), '某公证处');
    // Enter in the date picker confirms the date and does not submit.
    await typeDate(user, 'certificate-add-issuedOn', PAST);
    expect(callsOf(calls, 'add_certificate')).toHaveLength(0);
    await user.click(screen.getByTestId('certificate-add-save'));

    await waitFor(() => expect(callsOf(calls, 'add_certificate')).toHaveLength(1));
    expect(callsOf(calls, 'add_certificate')[0].args).toEqual({
      input: { fingerprintId: 11, number: 'TSA-2026-000777', issuer: '某公证处', issuedOn: PAST, sha256: HASH_A },
    });
    const cert = await within(row).findByTestId('certificate-row');
    expect(cert).toHaveTextContent('TSA-2026-000777');
    expect(cert).toHaveTextContent('某公证处');
    expect(screen.queryByTestId('certificate-add-form')).toBeNull();
  });

  it('shows the refusal of a different hash beside the hash', async () => {
    const { user, calls } = await renderSection({
      list_fingerprints: [RECIPE],
      add_certificate: rejectWith({
        code: 'CERTIFICATE_HASH_MISMATCH',
        message: '',
        params: { certificate: HASH_C, fingerprint: HASH_A },
      }),
    });
    await user.click(await screen.findByTestId('certificate-add'));
    await user.type(screen.getByTestId('certificate-add-number'), 'N-1');
    await user.type(screen.getByTestId('certificate-add-issuer'), '某公证处');
    await typeDate(user, 'certificate-add-issuedOn', PAST);
    await user.clear(screen.getByTestId('certificate-add-sha256'));
    await user.type(screen.getByTestId('certificate-add-sha256'), HASH_C.toUpperCase());
    await user.click(screen.getByTestId('certificate-add-save'));

    await waitFor(() => expect(callsOf(calls, 'add_certificate')).toHaveLength(1));
    expect((callsOf(calls, 'add_certificate')[0].args.input as NewCertificate).sha256).toBe(HASH_C);
    const error = await screen.findByText(/该证书不是对这个文件出具的/);
    expect(error).toHaveTextContent(`存证证书所载的 SHA-256（${HASH_C}）与文件指纹（${HASH_A}）不一致`);
    expect(error.closest('.ant-form-item')).toContainElement(screen.getByTestId('certificate-add-sha256'));
    expect(screen.queryByTestId('certificate-row')).toBeNull();
  });

  it('shows another refusal under the certificate form', async () => {
    const { user } = await renderSection({
      list_fingerprints: [RECIPE],
      add_certificate: rejectWith({ code: 'DATE_IN_FUTURE', message: '', params: { field: '出具日期', date: '2099-01-01', key: 'issuedOn' } }),
    });
    await user.click(await screen.findByTestId('certificate-add'));
    await user.type(screen.getByTestId('certificate-add-number'), 'N-1');
    await user.type(screen.getByTestId('certificate-add-issuer'), '某公证处');
    await typeDate(user, 'certificate-add-issuedOn', PAST);
    await user.click(screen.getByTestId('certificate-add-save'));
    expect(await screen.findByTestId('certificate-add-error')).toHaveTextContent('出具日期“2099-01-01”晚于今天');
    expect(screen.queryByTestId('certificate-row')).toBeNull();
  });

  it('checks a file against a certificate: match, mismatch, cancelled', async () => {
    let reply: unknown = { matches: true, expectedSha256: HASH_A, actualSha256: HASH_A };
    const { user, calls } = await renderSection({
      list_fingerprints: [RECIPE],
      list_certificates: [CERT],
      recheck_certificate: () => reply,
    });
    const cert = await screen.findByTestId('certificate-row');
    await user.click(within(cert).getByTestId('certificate-recheck'));
    const ok = await within(cert).findByTestId('certificate-recheck-result');
    expect(callsOf(calls, 'recheck_certificate')[0].args).toEqual({ certificateId: 21 });
    expect(ok).toHaveAttribute('data-matches', 'true');
    expect(ok).toHaveTextContent('一致');

    reply = { matches: false, expectedSha256: HASH_A, actualSha256: HASH_B };
    await user.click(within(cert).getByTestId('certificate-recheck'));
    await waitFor(() => expect(within(cert).getByTestId('certificate-recheck-result')).toHaveAttribute('data-matches', 'false'));
    const bad = within(cert).getByTestId('certificate-recheck-result');
    expect(bad).toHaveTextContent('不一致');
    expect(bad).toHaveTextContent(`登记的 SHA-256：${HASH_A}`);
    expect(bad).toHaveTextContent(`现在的 SHA-256：${HASH_B}`);

    // A cancelled dialog leaves the last result as it was.
    reply = null;
    await user.click(within(cert).getByTestId('certificate-recheck'));
    await waitFor(() => expect(callsOf(calls, 'recheck_certificate')).toHaveLength(3));
    expect(within(cert).getByTestId('certificate-recheck-result')).toHaveAttribute('data-matches', 'false');
    expect(screen.queryByTestId('fingerprints-error')).toBeNull();
  });

  it('speaks English', async () => {
    const { setLanguage } = await import('../../i18n');
    await setLanguage('en');
    await renderSection({ list_fingerprints: [RECIPE] });
    expect(screen.getByTestId('fingerprints-intro')).toHaveTextContent("this PC's clock");
    expect(screen.getByTestId('fingerprint-add')).toHaveTextContent('Choose files to fingerprint');
    expect(screen.getByTestId('fingerprint-manifest')).toHaveTextContent('Export the fingerprint list');
    expect(await screen.findByTestId('certificate-add')).toHaveTextContent('Record a certificate');
  });
});

describe('the secret point drawer', () => {
  it('ends with the fingerprints of the point', async () => {
    const choices: PointChoices = { subtypes: {}, secrecyChannels: [], protectionPaths: [], carrierKinds: [], termWords: [], levels: ['核心商密'], items: [] };
    const calls = mockBackend({ list_fingerprints: [RECIPE], list_certificates: [] });
    renderWithProviders(<PointDrawer point={POINT} choices={choices} onClose={() => {}} onSaved={() => {}} />);
    expect(await screen.findByTestId('point-drawer-title')).toHaveTextContent('JS-2026-004');
    const section = await screen.findByTestId('fingerprints');
    expect(await within(section).findByTestId('fingerprint-row')).toHaveTextContent('熬制工艺卡.docx');
    expect(callsOf(calls, 'list_fingerprints')[0].args).toEqual({ pointId: 4 });
  });

  it('exports the 一密一档 of this point, says where it went, and opens it', async () => {
    const choices: PointChoices = { subtypes: {}, secrecyChannels: [], protectionPaths: [], carrierKinds: [], termWords: [], levels: ['核心商密'], items: [] };
    const path = 'C:\\Users\\me\\Documents\\一密一档-JS-2026-004.pdf';
    const calls = mockBackend({
      list_fingerprints: [],
      list_certificates: [],
      export_dossier: { path, missingChars: ['堃'], warnings: [] },
      open_last_export: null,
    });
    const { user } = renderWithProviders(<PointDrawer point={POINT} choices={choices} onClose={() => {}} onSaved={() => {}} />);
    const button = await screen.findByTestId('point-dossier');
    expect(button).toHaveTextContent('导出一密一档');
    expect(screen.getByTestId('help-point-dossier')).toHaveAttribute('aria-label', expect.stringContaining('律师'));
    await user.click(button);
    await waitFor(() => expect(callsOf(calls, 'export_dossier')).toHaveLength(1));
    expect(callsOf(calls, 'export_dossier')[0].args).toEqual({ enterpriseId: 'e1', pointId: 4 });
    expect(await screen.findByTestId('point-dossier-path')).toHaveTextContent(path);
    expect(screen.getByTestId('point-dossier-result')).toHaveTextContent('已导出本密点的一密一档');
    expect(screen.getByTestId('point-dossier-missing-chars')).toHaveTextContent('堃');
    await user.click(screen.getByTestId('point-dossier-open'));
    await waitFor(() => expect(callsOf(calls, 'open_last_export')).toHaveLength(1));
  });

  it('shows nothing when the dossier dialog is cancelled, and a refusal when there is one', async () => {
    const choices: PointChoices = { subtypes: {}, secrecyChannels: [], protectionPaths: [], carrierKinds: [], termWords: [], levels: ['核心商密'], items: [] };
    // Cancelled first (null), then refused.
    let refuse = false;
    const calls = mockBackend({
      list_fingerprints: [],
      list_certificates: [],
      export_dossier: () => (refuse ? Promise.reject({ code: 'SECRET_POINT_NOT_FOUND', message: 'x', params: { id: '4' } }) : null),
    });
    const { user } = renderWithProviders(<PointDrawer point={POINT} choices={choices} onClose={() => {}} onSaved={() => {}} />);
    await user.click(await screen.findByTestId('point-dossier'));
    await waitFor(() => expect(callsOf(calls, 'export_dossier')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('point-dossier')).not.toHaveClass('ant-btn-loading'));
    expect(screen.queryByTestId('point-dossier-result')).toBeNull();
    expect(screen.queryByTestId('point-dossier-error')).toBeNull();

    refuse = true;
    await user.click(screen.getByTestId('point-dossier'));
    expect(await screen.findByTestId('point-dossier-error')).toHaveTextContent('未找到密点：4');
    expect(callsOf(calls, 'export_dossier')[1].args).toEqual({ enterpriseId: 'e1', pointId: 4 });
  });

  it('autosaves 形成过程与权属 and says to write references, never content', async () => {
    const choices: PointChoices = { subtypes: {}, secrecyChannels: [], protectionPaths: [], carrierKinds: [], termWords: [], levels: ['核心商密'], items: [] };
    const stored = { ...POINT, origin: '立项 RD-2024-03' };
    const calls = mockBackend({
      list_fingerprints: [],
      list_certificates: [],
      update_point: (args: Record<string, unknown>) => ({ ...stored, [args.field as string]: args.value }),
    });
    const { user } = renderWithProviders(<PointDrawer point={stored} choices={choices} onClose={() => {}} onSaved={() => {}} />);
    const field = await screen.findByTestId('pf-origin');
    expect(field).toHaveValue('立项 RD-2024-03');
    expect(field.closest('.ant-form-item')).toHaveTextContent('形成过程与权属');
    const help = screen.getByTestId('help-pf-origin');
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('只写出处，不写内容'));
    expect(help).toHaveAttribute('aria-label', expect.stringContaining('职务成果归属'));
    await user.type(field, '；研发记录 LAB-0412');
    await user.click(screen.getByTestId('point-drawer-title'));
    await waitFor(() => expect(callsOf(calls, 'update_point')).toHaveLength(1));
    expect(callsOf(calls, 'update_point')[0].args).toEqual({ pointId: 4, field: 'origin', value: '立项 RD-2024-03；研发记录 LAB-0412' });
    expect(await screen.findByTestId('save-state')).toHaveAttribute('data-state', 'saved');
  });
});
