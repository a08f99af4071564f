// The thin real path, in the real app: first-run notice, create an
// enterprise (the credit-code warning and its override), add two 密点,
// export the report, restart the app and find everything again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, freshDir, byTestId, click, type, choose, lookAt, setUpVault, unlockVault } from './harness.mjs';

const NAME = '聊城喆堃精工机械有限公司';

test('create an enterprise, add two secret points, export, restart', { timeout: 180_000 }, async () => {
  const dataDir = freshDir('midun-e2e-data-');
  const pdf = path.join(freshDir('midun-e2e-out-'), 'report.pdf');
  const env = { MIDUN_DATA_DIR: dataDir, MIDUN_E2E_SAVE_PATH: pdf };

  let app = await launch(env);
  try {
    const b = app.browser;
    // First run: the database password, then the recovery key shown once.
    const recoveryKey = await setUpVault(b, { shot: 'first-run' });
    assert.match(recoveryKey, /^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    // Then the state-secret notice must be confirmed.
    await click(b, byTestId('notice-ok'));
    await (await b.$(byTestId('notice-ok'))).waitForDisplayed({ reverse: true, timeout: 10_000 });

    await click(b, byTestId('new-enterprise'));
    await type(b, byTestId('enterprise-name'), NAME);
    // A wrong check character: the app warns and demands a note.
    await type(b, byTestId('credit-code'), '91350100M000100Y44');
    await click(b, byTestId('enterprise-name'));
    const result = await b.$(byTestId('code-check-result'));
    await result.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await result.getAttribute('data-status'), 'invalid');
    assert.match(await result.getText(), /校验码应为“3”/);
    await click(b, byTestId('save-enterprise'));
    // Without the note nothing is saved: the form stays open.
    await b.pause(500);
    assert.ok(await (await b.$(byTestId('credit-code-note'))).isDisplayed());
    await type(b, byTestId('credit-code-note'), '以营业执照为准，已核对');
    await click(b, byTestId('save-enterprise'));

    const title = await b.$(byTestId('enterprise-title'));
    await title.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await title.getText(), NAME);
    await click(b, byTestId('step-points'));

    // Two 密点: one with its own 代号, one generated.
    await type(b, byTestId('sp-code'), 'JS-001');
    await type(b, byTestId('sp-name'), '高强度齿轮热处理工艺');
    await choose(b, 'sp-category', 'technical');
    await choose(b, 'sp-level', '核心商密');
    await click(b, byTestId('add-secret-point'));
    await b.waitUntil(async () => (await b.$$(byTestId('secret-point-row'))).length === 1, { timeout: 10_000 });

    await type(b, byTestId('sp-name'), '重点客户信息汇编');
    await choose(b, 'sp-category', 'business');
    await choose(b, 'sp-level', '重要商密');
    await click(b, byTestId('add-secret-point'));
    await b.waitUntil(async () => (await b.$$(byTestId('secret-point-row'))).length === 2, { timeout: 10_000 });
    // One WebDriver request at a time: the driver does not take concurrent ones.
    const codes = [];
    for (const r of await b.$$(byTestId('secret-point-row'))) codes.push(await r.getAttribute('data-code'));
    assert.ok(codes.includes('JS-001'));
    assert.ok(codes.some((c) => /^MD-\d{4}-001$/.test(c)), `generated code in ${codes}`);
    // A duplicate 代号 is refused with the Chinese message beside the field.
    await type(b, byTestId('sp-code'), 'JS-001');
    await type(b, byTestId('sp-name'), '重复代号的密点');
    await click(b, byTestId('add-secret-point'));
    await b.waitUntil(async () => (await b.$('body').getText()).includes('已被本企业的其他密点使用'), { timeout: 10_000 });
    assert.equal((await b.$$(byTestId('secret-point-row'))).length, 2);
    await lookAt(b, 'enterprise');

    // The 密点 form saves each field by itself (autosave), kept across a restart below.
    await click(b, `${byTestId('secret-point-row')}[data-code="JS-001"] ${byTestId('open-point')}`);
    await type(b, byTestId('pf-summary'), '热处理阶段的温度曲线控制思路');
    await click(b, byTestId('point-drawer-title'));
    await b.waitUntil(async () => (await (await b.$(byTestId('save-state'))).getAttribute('data-state')) === 'saved', {
      timeout: 15_000,
      timeoutMsg: 'the summary was not saved',
    });
    await lookAt(b, 'point-drawer');
    await click(b, '.ant-drawer-close');
    // The drawer's content is removed on closing: wait for it to be gone
    // (holding a reference to it would go stale).
    await b.waitUntil(async () => (await b.$$(byTestId('point-drawer-title'))).length === 0, { timeout: 10_000 });

    // 企业信息: the profile saves itself too.
    await click(b, byTestId('step-profile'));
    await type(b, byTestId('ef-legalRepresentative'), '王喆堃');
    await click(b, byTestId('ef-industry'));
    await b.waitUntil(async () => (await (await b.$(byTestId('profile-save-state'))).getAttribute('data-state')) === 'saved', {
      timeout: 15_000,
      timeoutMsg: 'the profile field was not saved',
    });
    await lookAt(b, 'profile');
    await click(b, byTestId('step-points'));

    await click(b, byTestId('export-register'));
    const msg = await b.$(byTestId('export-message'));
    await msg.waitForDisplayed({ timeout: 20_000 });
    assert.ok(existsSync(pdf), 'the PDF is on disk');
    assert.ok(readFileSync(pdf).subarray(0, 5).toString() === '%PDF-');
    const text = execFileSync('pdftotext', ['-raw', pdf, '-']).toString();
    for (const want of [NAME, '密点台账', 'JS-001', '高强度齿轮热处理工艺', '重点客户信息汇编', '核心商密']) {
      assert.ok(text.includes(want), `PDF lacks ${want}`);
    }
    assert.ok(!text.includes('重复代号的密点'));
    const fonts = execFileSync('pdffonts', [pdf]).toString();
    assert.match(fonts, /\+NotoSansCJKsc-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  } finally {
    await app.stop();
  }

  // The database on disk is encrypted: no plaintext of what was typed.
  const raw = readFileSync(path.join(dataDir, 'midun.db'));
  assert.ok(!raw.includes(Buffer.from('高强度齿轮热处理工艺')), 'the database holds no plaintext');
  assert.ok(!raw.subarray(0, 16).toString().startsWith('SQLite format 3'), 'no plain SQLite header');

  // Close and reopen: the unlock screen refuses a wrong password, then
  // everything is still there, and the notice is not asked again.
  app = await launch(env);
  try {
    const b = app.browser;
    await type(b, byTestId('unlock-password'), 'wrong password');
    await click(b, byTestId('unlock-submit'));
    await b.waitUntil(async () => (await b.$('body').getText()).includes('密码不正确'), { timeout: 30_000 });
    await lookAt(b, 'unlock-wrong-password');
    await unlockVault(b);
    const row = await b.$(byTestId('enterprise-row'));
    await row.waitForDisplayed({ timeout: 15_000 });
    assert.equal((await b.$$(byTestId('notice-ok'))).length === 0 || !(await (await b.$(byTestId('notice-ok'))).isDisplayed()), true);
    assert.match(await row.getText(), new RegExp(NAME));
    await b.waitUntil(async () => (await b.$$('.ant-spin-spinning')).length === 0, { timeout: 10_000 });
    await lookAt(b, 'home-after-restart');
    // The reopen made today's backup, listed in the app (made with the key file).
    await click(b, byTestId('open-backups'));
    await b.waitUntil(async () => /每日自动/.test(await (await b.$(byTestId('backup-row'))).getText()), {
      timeout: 15_000,
      timeoutMsg: 'no daily backup listed',
    });
    await lookAt(b, 'backups');
    await click(b, '.ant-modal-close');
    await (await b.$(byTestId('backup-now'))).waitForDisplayed({ reverse: true, timeout: 10_000 });
    await click(b, byTestId('open-enterprise'));
    await b.waitUntil(async () => (await b.$$(byTestId('secret-point-row'))).length === 2, { timeout: 10_000 });
    await click(b, `${byTestId('secret-point-row')}[data-code="JS-001"] ${byTestId('open-point')}`);
    const summary = await b.$(byTestId('pf-summary'));
    await summary.waitForDisplayed({ timeout: 10_000 });
    assert.equal(await summary.getValue(), '热处理阶段的温度曲线控制思路');
  } finally {
    await app.stop();
  }
});
