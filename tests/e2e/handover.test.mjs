// The hand-over file in the real app: a consultant exports the demo
// enterprise to an encrypted .midun file; on another "PC" (a fresh data
// directory) the file is refused with a wrong passphrase, imported with the
// right one — same 密点 count and the same latest total — and imported a
// second time only after choosing 导入为副本.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launch, freshDir, byTestId, click, type, retype, lookAt, unlockVault, setUpVault, count, demoDataDir } from './harness.mjs';

const PASSPHRASE = '交接口令-2026-秋季';

/** The home row's texts as (name, latest round) pairs, read in one request. */
async function homeRows(b) {
  return b.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="enterprise-row"]')).map((row) => ({
      name: row.querySelector('[data-testid="enterprise-row-name"]')?.textContent ?? '',
      latest: row.querySelector('[data-testid="latest-round"]')?.textContent ?? '',
      cells: Array.from(row.querySelectorAll('td')).map((td) => td.textContent ?? ''),
    })),
  );
}

test('export a hand-over file, import it elsewhere, and again as a copy', { timeout: 300_000 }, async () => {
  const file = path.join(freshDir('midun-e2e-handover-'), 'demo.midun');
  let exported;

  // The consultant's PC: the demo enterprise, exported.
  let app = await launch({ MIDUN_DATA_DIR: demoDataDir('midun-e2e-from-', '--points', '12'), MIDUN_E2E_HANDOVER_PATH: file });
  try {
    const b = app.browser;
    await unlockVault(b);
    const ok = await b.$(byTestId('notice-ok'));
    if (await ok.isExisting()) await click(b, byTestId('notice-ok'));
    await b.waitUntil(async () => (await count(b, 'enterprise-row')) === 1, { timeout: 15_000 });
    [exported] = await homeRows(b);
    await click(b, byTestId('export-handover'));
    await type(b, byTestId('handover-passphrase'), PASSPHRASE);
    await type(b, byTestId('handover-passphrase-confirm'), PASSPHRASE);
    await lookAt(b, 'handover-export');
    await click(b, byTestId('handover-export-ok'));
    const result = await b.$(byTestId('handover-export-result'));
    await result.waitForDisplayed({ timeout: 60_000 });
    assert.equal(await result.getAttribute('data-path'), file);
    await lookAt(b, 'handover-exported');
  } finally {
    await app.stop();
  }
  assert.ok(existsSync(file), 'the file is on disk');
  const bytes = readFileSync(file);
  // Always encrypted: an age file, and nothing of the enterprise readable in it.
  assert.match(bytes.subarray(0, 40).toString('latin1'), /^age-encryption\.org\/v1/);
  assert.ok(!bytes.includes(Buffer.from('聊河阿胶')), 'no plain text of the enterprise in the file');

  // The enterprise's PC: a fresh database.
  app = await launch({ MIDUN_DATA_DIR: freshDir('midun-e2e-to-'), MIDUN_E2E_OPEN_PATH: file });
  try {
    const b = app.browser;
    await setUpVault(b);
    await click(b, byTestId('notice-ok'));
    await (await b.$(byTestId('notice-ok'))).waitForDisplayed({ reverse: true, timeout: 10_000 });

    await click(b, byTestId('import-handover'));
    await click(b, byTestId('handover-choose'));
    await b.waitUntil(async () => (await (await b.$(byTestId('handover-file'))).getText()) === 'demo.midun', { timeout: 10_000 });
    // A wrong passphrase: refused in Chinese, nothing imported.
    await type(b, byTestId('handover-import-passphrase'), '不是这个口令-123');
    await click(b, byTestId('handover-import-ok'));
    const refused = await b.$(byTestId('handover-import-error'));
    await refused.waitForDisplayed({ timeout: 60_000 });
    assert.match(await refused.getText(), /交接文件密码不正确/);
    assert.equal(await count(b, 'enterprise-row'), 0);
    await lookAt(b, 'handover-wrong-passphrase');

    await retype(b, byTestId('handover-import-passphrase'), PASSPHRASE);
    await click(b, byTestId('handover-import-ok'));
    await b.waitUntil(async () => (await count(b, 'enterprise-row')) === 1, { timeout: 60_000, timeoutMsg: 'the enterprise was not imported' });
    const [imported] = await homeRows(b);
    assert.equal(imported.name, exported.name);
    assert.equal(imported.latest, exported.latest, 'the same latest round and total');
    assert.deepEqual(imported.cells.slice(0, 3), exported.cells.slice(0, 3), 'the same name, code and 密点 count');

    // The same file again: the app asks; 导入为副本 gives a second enterprise.
    await click(b, byTestId('import-handover'));
    await click(b, byTestId('handover-choose'));
    await type(b, byTestId('handover-import-passphrase'), PASSPHRASE);
    await click(b, byTestId('handover-import-ok'));
    const exists = await b.$(byTestId('handover-exists'));
    await exists.waitForDisplayed({ timeout: 60_000 });
    assert.match(await exists.getText(), /已有企业/);
    await lookAt(b, 'handover-exists');
    await click(b, byTestId('handover-as-copy'));
    await b.waitUntil(async () => (await count(b, 'enterprise-row')) === 2, { timeout: 60_000, timeoutMsg: 'the copy was not imported' });
    const names = (await homeRows(b)).map((r) => r.name);
    assert.ok(names.some((n) => n.endsWith('（导入副本）')), `a copy is marked: ${names.join(', ')}`);
    await lookAt(b, 'handover-home');
  } finally {
    await app.stop();
  }
  rmSync(path.dirname(file), { recursive: true, force: true });
});
