// The webview may call Midun's own commands and nothing else, and the CSP
// keeps it from loading anything from outside the app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, freshDir } from './harness.mjs';

/**
 * Invoke a command from inside the page; resolves to {ok, value|error}.
 * WebKitWebDriver may also surface the page's rejection as a script error.
 */
async function invokeInPage(b, cmd, args = {}) {
  try {
    return await invokeRaw(b, cmd, args);
  } catch (e) {
    return { ok: false, error: String(e?.message ?? e) };
  }
}

function invokeRaw(b, cmd, args) {
  return b.executeAsync(
    (cmd, args, done) => {
      window.__TAURI_INTERNALS__
        .invoke(cmd, args)
        .then((value) => done({ ok: true, value }), (error) => done({ ok: false, error: String(error?.message ?? error) }));
    },
    cmd,
    args,
  );
}

test('commands outside the capability are refused; remote loads are blocked', { timeout: 120_000 }, async () => {
  const app = await launch({ MIDUN_DATA_DIR: freshDir('midun-e2e-sec-') });
  try {
    const b = app.browser;
    await b.waitUntil(async () => b.execute(() => Boolean(window.__TAURI_INTERNALS__)), { timeout: 15_000 });

    // A command the UI uses works (the control for the refusals below).
    const ok = await invokeInPage(b, 'vault_status');
    assert.equal(ok.ok, true);
    assert.equal(ok.value.state, 'new');
    // Before the password is set, no data command answers.
    const locked = await invokeInPage(b, 'list_enterprises');
    assert.equal(locked.ok, false);
    assert.match(locked.error, /数据库已加密/);

    // Plugin and core commands the UI does not use are not granted.
    for (const cmd of ['plugin:dialog|save', 'plugin:dialog|open', 'plugin:window|close', 'plugin:webview|create_webview_window', 'plugin:app|version']) {
      const r = await invokeInPage(b, cmd, {});
      assert.equal(r.ok, false, `${cmd} must be refused`);
      assert.match(r.error, /not allowed|denied|not found/i, `${cmd}: ${r.error}`);
    }

    // The CSP refuses an image from another origin.
    const violation = await b.executeAsync((done) => {
      document.addEventListener('securitypolicyviolation', (e) => done(e.violatedDirective), { once: true });
      const img = document.createElement('img');
      img.src = 'http://127.0.0.1:9/probe.png';
      document.body.appendChild(img);
      setTimeout(() => done('no violation'), 5000);
    });
    assert.match(violation, /^img-src/);
  } finally {
    await app.stop();
  }
});
