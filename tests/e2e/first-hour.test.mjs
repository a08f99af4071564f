// The first hour of a new user, in the real app at 1366×768: the recovery key
// saved as a PDF at set-up (the key in it, never the password), the demo
// enterprise added from the empty home, every step of the flow looked at and
// checked for horizontal overflow in Chinese and in English, and the guidance
// station importing two enterprises' progress summaries made by the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { launch, freshDir, byTestId, click, type, lookAt, step, repoRoot, PASSWORD } from './harness.mjs';

const STEPS = ['quick', 'profile', 'rules', 'points', 'classification', 'controls', 'people', 'areas', 'systems', 'disclosures', 'incidents', 'results', 'tasks', 'export'];
const cli = process.env.MIDUN_CLI ?? path.join(repoRoot, 'target', 'debug', 'midun');

/** Two other enterprises' progress summaries, as the CLI writes them from their own databases. */
function summaries() {
  const out = freshDir('midun-e2e-summaries-');
  return ['a', 'b'].map((name, i) => {
    const db = path.join(freshDir(`midun-e2e-station-${name}-`), 'midun.db');
    const env = { ...process.env, MIDUN_PASSWORD: PASSWORD };
    execFileSync(cli, ['demo', '--db', db, '--points', String(12 + i * 5)], { env, stdio: 'ignore' });
    const file = path.join(out, `${name}.midun-summary`);
    execFileSync(cli, ['summary', '--db', db, '--out', file], { env, stdio: 'ignore' });
    return file;
  });
}

async function setLanguage(b, lang) {
  await click(b, byTestId(`lang-${lang}`));
  await b.waitUntil(async () => (await b.execute(() => document.documentElement.lang)) === lang, {
    timeout: 10_000,
    timeoutMsg: `the UI did not switch to ${lang}`,
  });
}

test('first hour: recovery sheet, the demo, every step in both languages, the station', { timeout: 600_000 }, async () => {
  const dataDir = freshDir('midun-e2e-first-hour-');
  const sheet = path.join(freshDir('midun-e2e-sheet-'), 'recovery.pdf');
  const files = summaries();
  const app = await launch({
    MIDUN_DATA_DIR: dataDir,
    MIDUN_E2E_SAVE_PATH: sheet,
    MIDUN_E2E_OPEN_PATH: files.join(path.delimiter),
  });
  try {
    const b = app.browser;
    // Set-up: the key is shown, saved as a one-page PDF, then confirmed.
    await type(b, byTestId('setup-operator'), '新用户');
    await type(b, byTestId('setup-password'), PASSWORD);
    await type(b, byTestId('setup-confirm'), PASSWORD);
    await click(b, byTestId('setup-submit'));
    const keyBox = await b.$(byTestId('recovery-key'));
    await keyBox.waitForDisplayed({ timeout: 30_000 });
    const key = (await keyBox.getText()).replace(/\s+/g, '');
    await click(b, byTestId('recovery-save-pdf'));
    await (await b.$(byTestId('recovery-saved'))).waitForDisplayed({ timeout: 30_000 });
    await lookAt(b, 'first-hour-recovery-saved');
    assert.ok(existsSync(sheet), 'the recovery sheet was written');
    if (process.platform !== 'win32') assert.equal(statSync(sheet).mode & 0o077, 0, 'the sheet is readable by its owner only');
    const text = execFileSync('pdftotext', ['-layout', sheet, '-'], { encoding: 'utf8' });
    for (const group of key.split('-')) assert.ok(text.includes(group), `the sheet holds the key group ${group}`);
    assert.ok(!text.includes(PASSWORD), 'the sheet never holds the password');
    assert.ok(text.includes('midun.db'), 'the sheet names the database file');
    const box = await b.$(byTestId('recovery-written'));
    await (await box.$('./ancestor-or-self::label')).click();
    await click(b, byTestId('recovery-continue'));
    await click(b, byTestId('notice-ok'));
    // The webview keeps the language between runs: start in Chinese whatever an earlier run left.
    await setLanguage(b, 'zh-CN');

    // The empty home offers the demo; the answered one is added and listed.
    await (await b.$(byTestId('demo-card'))).waitForDisplayed({ timeout: 15_000 });
    await lookAt(b, 'first-hour-home-empty');
    await click(b, byTestId('add-demo-answered'));
    await (await b.$(byTestId('enterprise-row'))).waitForDisplayed({ timeout: 30_000 });
    assert.match(await (await b.$(byTestId('enterprise-row-name'))).getText(), /演示/);
    assert.equal((await b.$$(byTestId('demo-card'))).length, 0, 'the offer goes once an enterprise is listed');
    await lookAt(b, 'first-hour-home');

    // Every step, in Chinese and then in English, fits 1366×768.
    await click(b, byTestId('open-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });
    for (const lang of ['zh-CN', 'en']) {
      if (lang === 'en') await setLanguage(b, 'en');
      for (const key of STEPS) {
        await step(b, key);
        await lookAt(b, `first-hour-${lang}-${key}`);
      }
    }
    await click(b, byTestId('back'));
    await (await b.$(byTestId('enterprise-row'))).waitForDisplayed({ timeout: 15_000 });
    await lookAt(b, 'first-hour-en-home');

    // The station: two summaries imported, one row each, in both languages.
    await click(b, byTestId('open-station'));
    await (await b.$(byTestId('station-import'))).waitForDisplayed({ timeout: 15_000 });
    await click(b, byTestId('station-import'));
    await b.waitUntil(async () => (await b.$$(`${byTestId('station-table')} tbody tr.ant-table-row`)).length === 2, {
      timeout: 30_000,
      timeoutMsg: 'the station lists two enterprises',
    });
    await lookAt(b, 'first-hour-en-station');
    await setLanguage(b, 'zh-CN');
    await lookAt(b, 'first-hour-zh-CN-station');
    const page = await b.execute(() => document.body.innerText);
    for (const word of ['具备', '达标', '合格', '就绪']) assert.ok(!page.includes(word), `the station page never says ${word}`);
  } finally {
    // Leave the webview in Chinese for the tests that follow, even after a failure.
    await setLanguage(app.browser, 'zh-CN').catch(() => undefined);
    await app.stop();
  }
});
