// Register benchmark in the real app (run by hand: `node bench-register.mjs`
// under xvfb-run, after building the app with the e2e feature). With 10,000
// 密点 made by the CLI: app start to the first screen, opening the enterprise
// at its register, and a level filter narrowing it. MIDUN_E2E_APP and
// MIDUN_CLI pick other builds (e.g. release). Prints medians of 3 runs, each
// in a newly started app; asserts nothing about speed (issue targets: open
// ≤ 500 ms, filter ≤ 100 ms).
//
// Each figure is given twice:
// - from WebDriver: from just before the click command to the moment the
//   page reports the result. The element is found and waited for before the
//   clock starts, and the page reports through one asynchronous script
//   (a MutationObserver), so WebDriver's own polling is not counted;
// - in the page: from the click event to the DOM change, as a user sees it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { launch, freshDir, byTestId, click, unlockVault, repoRoot, PASSWORD } from './harness.mjs';

const N = Number(process.env.MIDUN_BENCH_POINTS ?? 10_000);
const cli = process.env.MIDUN_CLI ?? path.join(repoRoot, 'target', 'debug', 'midun');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dataDir = freshDir('midun-bench-');
execFileSync(cli, ['demo', '--points', String(N)], {
  env: { ...process.env, MIDUN_DATA_DIR: dataDir, MIDUN_PASSWORD: PASSWORD },
  stdio: 'ignore',
});

/**
 * In the page: note the time of the next click, and when the register's count
 * first shows the whole register (`whole`) or first differs from what it shows
 * now (`changed`). Installed before the click; read by `settled`.
 */
function watchCount(browser, kind) {
  return browser.execute((kind, n) => {
    const count = () => document.querySelector('[data-testid="register-count"]')?.textContent ?? null;
    const before = count();
    const mark = { click: undefined, at: undefined };
    window.__midunBench = mark;
    document.addEventListener('click', () => {
      if (mark.click === undefined) mark.click = performance.now();
    }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const text = count();
      const done = text !== null && (kind === 'whole' ? text.includes(String(n)) : text !== before);
      if (mark.click !== undefined && mark.at === undefined && done) {
        mark.at = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }, kind, N);
}

/** Resolves (one WebDriver command) once the watched change happened; returns the in-page time. */
function settled(browser) {
  return browser.executeAsync((finish) => {
    const poll = () => {
      const mark = window.__midunBench;
      if (mark.at !== undefined) finish(mark.at - mark.click);
      else window.setTimeout(poll, 2);
    };
    poll();
  });
}

async function openApp() {
  const app = await launch({ MIDUN_DATA_DIR: dataDir });
  const b = app.browser;
  await (await b.$(byTestId('unlock-password'))).waitForDisplayed({ timeout: 30_000 });
  return app;
}

const starts = [];
const opens = [];
const opensInPage = [];
const filters = [];
const filtersInPage = [];
for (let run = 0; run < 3; run += 1) {
  const t0 = Date.now();
  const app = await openApp();
  try {
    const b = app.browser;
    starts.push(Date.now() - t0);
    await unlockVault(b);
    if (run === 0) {
      const ok = await b.$(byTestId('notice-ok'));
      if (await ok.isExisting()) await click(b, byTestId('notice-ok'));
    }
    // Untimed: the user last worked in the register, so the enterprise opens there (the app remembers the step).
    await b.executeAsync((finish) => {
      window.__TAURI_INTERNALS__.invoke('list_enterprises', {}).then((list) => {
        for (const e of list) window.localStorage.setItem(`midun.step.${e.id}`, 'points');
        finish();
      });
    });
    const open = await b.$(byTestId('open-enterprise'));
    await open.waitForClickable({ timeout: 30_000 });
    await watchCount(b, 'whole');
    
    const t1 = Date.now();
    await open.click();
    opensInPage.push(Math.round(await settled(b)));
    opens.push(Date.now() - t1);

    // Filter by level: from the click on the option to the new count.
    await click(b, `${byTestId('filter-level')} .ant-select-selector`);
    const option = await b.$('.ant-select-item-option[title="核心商密"]');
    await option.waitForClickable({ timeout: 10_000 });
    await watchCount(b, 'changed');
    const t2 = Date.now();
    await option.click();
    filtersInPage.push(Math.round(await settled(b)));
    filters.push(Date.now() - t2);
  } finally {
    await app.stop();
  }
}
const runs = (xs) => `${median(xs)} ms (runs ${xs.join(', ')})`;
console.log(`${N} 密点: app start to unlock screen ${runs(starts)}`);
console.log(`open the enterprise at its register: WebDriver ${runs(opens)}; in the page ${runs(opensInPage)}`);
console.log(`a level filter: WebDriver ${runs(filters)}; in the page ${runs(filtersInPage)}`);
