// Starts the real Midun app through tauri-driver (which drives
// WebKitWebDriver) and hands back a WebdriverIO session. Each app gets the
// data directory it is given, so tests control persistence across restarts.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const appBinary =
  process.env.MIDUN_E2E_APP ?? path.join(repoRoot, 'target', 'debug', 'midun-desktop');
export const artifacts = path.join(repoRoot, 'target', 'e2e');
mkdirSync(artifacts, { recursive: true });

const PORT = 4444;

export function freshDir(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function waitForPort(port, open, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if ((await portOpen(port)) === open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} did not become ${open ? 'open' : 'free'} within ${ms} ms`);
}

function tauriDriverPath() {
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo'), 'bin', 'tauri-driver');
  try {
    execFileSync(cargoBin, ['--help'], { stdio: 'ignore' });
    return cargoBin;
  } catch {
    return 'tauri-driver';
  }
}

/**
 * Launch the app with `env` added to its environment. Returns
 * `{ browser, stop }`; always call `stop()` (it kills the driver's whole
 * process group: a plain kill has left node hanging).
 */
export async function launch(env = {}) {
  await waitForPort(PORT, false, 10_000);
  const driver = spawn(tauriDriverPath(), ['--port', String(PORT)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  const killGroup = (sig) => {
    try {
      process.kill(-driver.pid, sig);
    } catch {
      /* already gone */
    }
  };
  let browser;
  try {
    await waitForPort(PORT, true, 15_000);
    browser = await remote({
      hostname: '127.0.0.1',
      port: PORT,
      logLevel: 'silent',
      connectionRetryCount: 1,
      capabilities: {
        browserName: 'wry',
        'wdio:enforceWebDriverClassic': true,
        'tauri:options': { application: appBinary },
      },
    });
  } catch (e) {
    killGroup('SIGKILL');
    throw e;
  }
  const stop = async () => {
    try {
      await browser.deleteSession();
    } catch {
      /* the app may already be gone */
    }
    killGroup('SIGTERM');
    await new Promise((r) => setTimeout(r, 3000));
    killGroup('SIGKILL');
  };
  return { browser, stop };
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/** Wait for an element and click it. */
export async function click(browser, selector) {
  const el = await browser.$(selector);
  await el.waitForClickable({ timeout: 10_000 });
  try {
    await el.click();
  } catch (e) {
    // At a window's edge a sticky footer or header may cover it: bring it to the middle, once.
    if (!/intercepted/.test(String(e))) throw e;
    await el.scrollIntoView({ block: 'center' });
    await el.click();
  }
}

/** Type into the input at `selector` (an <input>/<textarea> or a wrapper of one). */
export async function type(browser, selector, text) {
  let el = await browser.$(selector);
  await el.waitForDisplayed({ timeout: 10_000 });
  const tag = await el.getTagName();
  if (tag !== 'input' && tag !== 'textarea') el = await el.$('input, textarea');
  try {
    await el.click();
  } catch (e) {
    // A field in a panel that is still opening, or under a sticky footer: wait for it, in the middle.
    if (!/interactable|intercepted/.test(String(e))) throw e;
    await el.scrollIntoView({ block: 'center' });
    await el.waitForClickable({ timeout: 10_000 });
    await el.click();
  }
  await el.setValue(text);
}

/**
 * Replace what a filled input holds, the way a person does: select all, delete, type. (A
 * WebDriver clear bypasses React's state, so `type` on a filled field may keep the old value.)
 */
export async function retype(browser, selector, text) {
  const input = await browser.$(selector);
  await input.waitForDisplayed({ timeout: 10_000 });
  await input.click();
  await browser.keys(['Control', 'a']);
  await browser.keys('Backspace');
  await input.addValue(text);
}

/** Pick an option of a TestIdSelect by its value. */
export async function choose(browser, testId, value) {
  await click(browser, `${byTestId(testId)} .ant-select-selector`);
  await click(browser, `${byTestId(testId)} [data-value="${value}"]`);
}

export async function screenshot(browser, name) {
  await browser.saveScreenshot(path.join(artifacts, `${name}.png`));
}

export const PASSWORD = 'E2E-口令-2026-Midun';

/** First start: set the database password and the operator; returns the recovery key shown. */
export async function setUpVault(browser, { password = PASSWORD, operator = '端到端测试员', shot } = {}) {
  await type(browser, byTestId('setup-operator'), operator);
  await type(browser, byTestId('setup-password'), password);
  await type(browser, byTestId('setup-confirm'), password);
  if (shot) await screenshot(browser, `${shot}-setup`);
  await click(browser, byTestId('setup-submit'));
  const key = await browser.$(byTestId('recovery-key'));
  await key.waitForDisplayed({ timeout: 30_000 });
  const recoveryKey = (await key.getText()).trim();
  if (shot) await screenshot(browser, `${shot}-recovery-key`);
  // antd hides the checkbox input itself; click its label, as a person does.
  const box = await browser.$(byTestId('recovery-written'));
  await (await box.$('./ancestor-or-self::label')).click();
  await click(browser, byTestId('recovery-continue'));
  return recoveryKey;
}

/** Later starts: unlock with the password. */
export async function unlockVault(browser, password = PASSWORD) {
  await retype(browser, byTestId('unlock-password'), password);
  await click(browser, byTestId('unlock-submit'));
  // The unlock screen is removed once unlocked: wait for it to be gone (a
  // held reference to the field would go stale).
  await browser.waitUntil(async () => (await browser.$$(byTestId('unlock-password'))).length === 0, {
    timeout: 30_000,
    timeoutMsg: 'still locked',
  });
}

/**
 * What overflows horizontally on the screen as it is now: the page itself scrolling sideways,
 * the open step's container (or any card in it) holding content wider than itself, or an element
 * with text whose box ends past the right edge of the step container (outside any scroll or
 * clip region, where cut-off text would be intended, e.g. an ellipsis or a table's own scroll).
 * Returns a list of findings; empty means none.
 */
export async function overflows(browser) {
  return browser.execute(() => {
    const found = [];
    const root = document.scrollingElement;
    if (root.scrollWidth > window.innerWidth + 1) found.push(`page scrolls sideways: ${root.scrollWidth} > ${window.innerWidth}`);
    const step = document.querySelector('.flow-step') ?? document.querySelector('.app-content');
    if (!step) return found;
    const boxes = [step, ...step.querySelectorAll('.ant-card, .ant-collapse, .ant-form-item, .ant-alert')];
    for (const el of boxes) {
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible') {
        // Name the widest thing sticking out, so that the finding says what to fix.
        const edge = el.getBoundingClientRect().left + el.clientWidth;
        let culprit = '';
        for (const d of el.querySelectorAll('*')) {
          const r = d.getBoundingClientRect();
          if (r.right > edge + 1 && r.width > 0) {
            culprit = ` (${d.tagName.toLowerCase()}.${String(d.className).split(' ')[0]} "${d.textContent.trim().slice(0, 24)}" ends ${Math.round(r.right - edge)} px past)`;
            break;
          }
        }
        found.push(`${el.className.split(' ')[0] || el.tagName}: content ${el.scrollWidth} wider than ${el.clientWidth}${culprit}`);
      }
    }
    const right = step.getBoundingClientRect().right;
    const clipped = (el) => {
      for (let p = el.parentElement; p && p !== step; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible' || s.textOverflow === 'ellipsis') return true;
      }
      return false;
    };
    for (const el of step.querySelectorAll('*')) {
      if (el.children.length > 0 || !el.textContent.trim()) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= right + 1 || clipped(el)) continue;
      found.push(`text past the edge by ${Math.round(r.right - right)} px: "${el.textContent.trim().slice(0, 30)}"`);
      if (found.length > 10) break;
    }
    return found;
  });
}

/** Screenshot the screen and fail on any horizontal overflow (see `overflows`). */
export async function lookAt(browser, name) {
  // Let transitions (buttons leaving their loading state, drawers sliding in) finish.
  await browser.pause(400);
  await screenshot(browser, name);
  const found = await overflows(browser);
  if (found.length > 0) throw new Error(`${name}: horizontal overflow\n${found.join('\n')}`);
}

/** Open a step of the guided flow by its key and wait until its content has loaded. */
export async function step(browser, key) {
  await click(browser, byTestId(`step-${key}`));
  await (await browser.$(byTestId(`step-content-${key}`))).waitForDisplayed({ timeout: 15_000 });
  await browser.waitUntil(async () => (await browser.$$('.flow-step .ant-spin-spinning')).length === 0, { timeout: 15_000 });
}

/** Type a date (YYYY-MM-DD) into a date field and confirm it with Enter, as a person does. */
export async function typeDate(browser, testId, day) {
  await type(browser, byTestId(testId), day);
  await browser.keys('Enter');
}

/** Pick the option at `index` of a TestIdSelect. */
export async function pick(browser, testId, index) {
  await click(browser, `${byTestId(testId)} .ant-select-selector`);
  await click(browser, byTestId(`${testId}-option-${index}`));
}

/** How many elements carry this test id. */
export const count = async (browser, testId) => (await browser.$$(byTestId(testId))).length;

/** The `midun` CLI of the same build, for making demo databases. */
export const cli = process.env.MIDUN_CLI ?? path.join(repoRoot, 'target', 'debug', 'midun');

/** A fresh data directory holding the demo enterprise, made by the CLI with the app's test password. */
export function demoDataDir(prefix, ...args) {
  const dataDir = freshDir(prefix);
  execFileSync(cli, ['demo', '--db', path.join(dataDir, 'midun.db'), ...args], {
    env: { ...process.env, MIDUN_PASSWORD: PASSWORD },
    stdio: 'pipe',
  });
  return dataDir;
}

/** Unlock a demo database, pass the first-run notice if shown, and open its (first) enterprise. */
export async function openDemo(browser) {
  await unlockVault(browser);
  const ok = await browser.$(byTestId('notice-ok'));
  if (await ok.isExisting()) await click(browser, byTestId('notice-ok'));
  await click(browser, byTestId('open-enterprise'));
  await (await browser.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });
}

/**
 * In the 导出报告 step, export an edition to `pdf` (the path the e2e build's save dialog
 * answers with) and return the PDF's text as pdftotext reads it.
 */
export async function exportEdition(browser, edition, pdf) {
  await click(browser, byTestId(`export-edition-${edition}`));
  rmSync(pdf, { force: true });
  await click(browser, byTestId('export-submit'));
  // The app asks once before exporting what it found to settle (the preflight, contradictions):
  // confirm it when it asks.
  await browser.waitUntil(
    async () => {
      if ((await browser.$$(`${byTestId('export-result')}[data-edition="${edition}"]`)).length === 1) return true;
      for (const id of ['export-preflight-confirm', 'export-contradictions-confirm']) {
        const b = await browser.$$(byTestId(id));
        if (b.length > 0 && (await b[0].isClickable())) await b[0].click();
      }
      return false;
    },
    { timeout: 60_000, interval: 500, timeoutMsg: `the ${edition} edition was not exported` },
  );
  if (!existsSync(pdf)) throw new Error(`${edition}: no PDF at ${pdf}`);
  return execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
}

/** Close the open drawer by its ✕, once it has finished sliding in, and wait until `gone` is removed. */
export async function closeDrawer(browser, gone) {
  await browser.pause(400);
  await click(browser, '.ant-drawer-close');
  await browser.waitUntil(async () => (await browser.$$(gone)).length === 0, {
    timeout: 10_000,
    timeoutMsg: `the drawer with ${gone} did not close`,
  });
}
