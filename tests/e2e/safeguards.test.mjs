// The second half of the guided flow in the real app, from a demo-filled
// database: 全过程保密管理 (a carrier, a control answered per level),
// 涉密区域, 对外商务 (a disclosure without an NDA is flagged), 应急维权 (an
// unhandled major incident is flagged), 自评结果, a gap turned into a task,
// both report editions exported and read back, and a restart keeps it all.
// Every screen is screenshotted and checked for horizontal overflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { launch, freshDir, byTestId, click, type, lookAt, unlockVault, step, pick, typeDate, count, demoDataDir, exportEdition } from './harness.mjs';

test('controls, areas, disclosures, incidents, results, tasks, export', { timeout: 420_000 }, async () => {
  const dataDir = demoDataDir('midun-e2e-safe-', '--points', '12');
  const out = freshDir('midun-e2e-reports-');
  const pdf = path.join(out, 'report.pdf');
  const env = { MIDUN_DATA_DIR: dataDir, MIDUN_E2E_SAVE_PATH: pdf };

  let app = await launch(env);
  try {
    const b = app.browser;
    await unlockVault(b);
    const ok = await b.$(byTestId('notice-ok'));
    if (await ok.isExisting()) await click(b, byTestId('notice-ok'));
    await lookAt(b, 'home-with-reminders');
    await click(b, byTestId('open-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });

    // 全过程保密管理: the demo's carriers give a checklist; answer the first control.
    await step(b, 'controls');
    await b.waitUntil(async () => (await count(b, 'carrier-row')) > 0, { timeout: 15_000 });
    const carriers = await count(b, 'carrier-row');
    await type(b, byTestId('carrier-add-name'), '样品柜钥匙登记簿');
    await pick(b, 'carrier-add-kind', 0);
    await click(b, byTestId('carrier-add-submit'));
    await b.waitUntil(async () => (await count(b, 'carrier-row')) === carriers + 1, { timeout: 15_000 });
    await (await b.$(byTestId('controls-count'))).waitForDisplayed({ timeout: 15_000 });
    await b.waitUntil(async () => (await count(b, 'coverage-row')) > 0, { timeout: 15_000 });
    await lookAt(b, 'step-controls');

    // 涉密区域: one area.
    await step(b, 'areas');
    const areas = await count(b, 'area-row');
    await type(b, byTestId('area-add-name'), '配料间');
    await pick(b, 'area-add-level', 0);
    await click(b, byTestId('area-add-submit'));
    await b.waitUntil(async () => (await count(b, 'area-row')) === areas + 1, { timeout: 15_000 });
    await lookAt(b, 'step-areas');

    // 对外商务: a disclosure without an NDA is flagged, and so is the step.
    await step(b, 'disclosures');
    await pick(b, 'disclosure-add-point', 0);
    await type(b, byTestId('disclosure-add-recipient'), '某外协加工厂');
    await pick(b, 'disclosure-add-kind', 1);
    await typeDate(b, 'disclosure-add-date', '2026-05-06');
    await click(b, byTestId('disclosure-add-submit'));
    await (await b.$(byTestId('disclosure-no-nda-warning'))).waitForDisplayed({ timeout: 15_000 });
    await b.waitUntil(async () => (await (await b.$(byTestId('step-count-disclosures'))).getText()).includes('未签保密协议'), {
      timeout: 15_000,
      timeoutMsg: 'the step list does not flag the disclosure',
    });
    await lookAt(b, 'step-disclosures');

    // 应急维权: a major incident, not yet handled.
    await step(b, 'incidents');
    await typeDate(b, 'incident-add-occurredOn', '2026-05-10');
    await pick(b, 'incident-add-severity', 1);
    await type(b, byTestId('incident-add-description'), '离职员工带走工艺卡复印件');
    await click(b, byTestId('incident-add-submit'));
    await (await b.$(byTestId('incident-unhandled'))).waitForDisplayed({ timeout: 15_000 });
    await lookAt(b, 'step-incidents');

    // 自评结果: total, tier and the radar by domain.
    await step(b, 'results');
    const total = await (await b.$(byTestId('results-total'))).getText();
    assert.match(total, /^\d+\.\d$/);
    await (await b.$(`${byTestId('results-radar')} svg`)).waitForExist({ timeout: 15_000 });
    await lookAt(b, 'step-results');

    // 问题清单与整改台账: the first gap becomes a task.
    await step(b, 'tasks');
    const tasks = await count(b, 'task-row');
    await click(b, byTestId('gap-to-task'));
    await type(b, byTestId('task-add-ownerRole'), '保密办');
    await typeDate(b, 'task-add-dueOn', '2026-12-31');
    await click(b, byTestId('task-add-submit'));
    await b.waitUntil(async () => (await count(b, 'task-row')) === tasks + 1, { timeout: 15_000 });
    await lookAt(b, 'step-tasks');

    // 导出报告: both editions, read back; the submission edition names no 密点.
    await step(b, 'export');
    const texts = {};
    for (const edition of ['submission', 'internal']) texts[edition] = await exportEdition(b, edition, pdf);
    assert.match(texts.submission, /商业秘密保护示范企业创建自评报告/);
    assert.match(texts.internal, /内部版/);
    // Neither edition names a 密点 (the internal one may be ordered produced in court; the
    // per-point dossier is where names are).
    assert.ok(texts.internal.includes('分发范围'), 'the internal edition has its distribution list');
    assert.ok(!texts.internal.includes('化皮与提沫'), 'the internal edition names no 密点');
    assert.ok(!texts.submission.includes('化皮与提沫'), 'the submission edition names no 密点');
    await click(b, byTestId('export-open'));
    await lookAt(b, 'step-export');
  } finally {
    await app.stop();
  }

  // Restart: what was entered is still there.
  app = await launch(env);
  try {
    const b = app.browser;
    await unlockVault(b);
    await click(b, byTestId('open-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });
    await step(b, 'incidents');
    await (await b.$(byTestId('incident-unhandled'))).waitForDisplayed({ timeout: 15_000 });
    await step(b, 'disclosures');
    await (await b.$(byTestId('disclosure-no-nda-warning'))).waitForDisplayed({ timeout: 15_000 });
    await step(b, 'areas');
    assert.ok((await count(b, 'area-row')) > 0);
    await step(b, 'tasks');
    await b.waitUntil(async () => (await count(b, 'task-row')) > 0, { timeout: 15_000, timeoutMsg: 'the task was lost' });
  } finally {
    await app.stop();
  }
  rmSync(out, { recursive: true, force: true });
});
