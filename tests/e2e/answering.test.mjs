// Answering a whole round in the real app, from a demo database whose round
// nobody has answered yet (`midun demo --unanswered`): every criterion the
// user answers, step by step — some 不适用 with a reason, two with evidence
// (a stored copy and a registered location, then re-checked) — the score
// moving, two gaps turned into tasks, both editions exported and read back,
// the round closed, and after a restart the round still closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { launch, freshDir, byTestId, click, type, lookAt, openDemo, step, typeDate, count, demoDataDir, exportEdition } from './harness.mjs';

/** The steps whose criteria the user answers, in the flow's order. */
const ANSWERED_IN = ['rules', 'points', 'classification', 'controls', 'people', 'areas', 'systems', 'disclosures', 'incidents'];
const STATUS = { done: 0, partial: 1, notDone: 2, notApplicable: 3 };

/** The criteria of the open step that a person answers (not derived): id, basic, answered. */
async function criteriaOf(b) {
  return b.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="criteria-panel"] [data-derived="false"]')).map((el) => {
      const id = el.getAttribute('data-testid').slice('criterion-'.length);
      const checked = el.querySelector(`[data-testid="criterion-status-${id}"] .ant-radio-button-wrapper-checked [data-value]`);
      // 不适用 is refused (disabled) where the registers contradict it.
      const na = el.querySelector(`[data-testid="criterion-status-${id}-option-3"]`)?.closest('.ant-radio-button-wrapper');
      return {
        id,
        basic: !!el.querySelector(`[data-testid="criterion-basic-${id}"]`),
        naRefused: !!na?.classList.contains('ant-radio-button-wrapper-disabled'),
        status: checked?.getAttribute('data-value') ?? null,
      };
    }),
  );
}

/** Wait until the criterion's chosen status is the one at `index` (the core has answered). */
async function waitChecked(b, id, index) {
  const want = await (await b.$(byTestId(`criterion-status-${id}-option-${index}`))).getAttribute('data-value');
  await b.waitUntil(
    async () => (await b.$$(`${byTestId(`criterion-status-${id}`)} .ant-radio-button-wrapper-checked [data-value="${want}"]`)).length === 1,
    { timeout: 15_000, timeoutMsg: `${id}: ${want} was not saved` },
  );
}

async function answer(b, id, index) {
  await click(b, byTestId(`criterion-status-${id}-option-${index}`));
  if (index === STATUS.notApplicable) {
    await type(b, byTestId(`criterion-na-reason-${id}`), '本企业无此类情形（端到端测试）');
    await click(b, byTestId(`criterion-na-save-${id}`));
    await b.waitUntil(async () => (await count(b, `criterion-na-save-${id}`)) === 0, { timeout: 15_000, timeoutMsg: `${id}: the reason was not saved` });
  }
  await waitChecked(b, id, index);
}

/** Add a piece of evidence to an answered criterion whose panel is open. */
async function addEvidence(b, id, title, stored) {
  const before = await b.$$(`${byTestId(`evidence-list-${id}`)} ${byTestId('evidence-row')}`);
  await type(b, byTestId(`evidence-add-title-${id}`), title);
  await typeDate(b, `evidence-add-date-${id}`, '2026-04-01');
  await click(b, byTestId(`evidence-add-${stored ? 'stored' : 'registered'}-${id}`));
  await b.waitUntil(async () => (await b.$$(`${byTestId(`evidence-list-${id}`)} ${byTestId('evidence-row')}`)).length === before.length + 1, {
    timeout: 20_000,
    timeoutMsg: `${id}: the evidence "${title}" was not added`,
  });
}

const total = async (b) => Number(await (await b.$(byTestId('results-total'))).getText());

test('answer every criterion, evidence of both kinds, tasks, export, close the round', { timeout: 600_000 }, async () => {
  const dataDir = demoDataDir('midun-e2e-answer-', '--points', '12', '--unanswered');
  const files = freshDir('midun-e2e-files-');
  const proof = path.join(files, '保密制度汇编（测试）.txt');
  writeFileSync(proof, '保密制度汇编：端到端测试用的佐证文件\n');
  const pdf = path.join(freshDir('midun-e2e-reports-'), 'report.pdf');
  const env = { MIDUN_DATA_DIR: dataDir, MIDUN_E2E_SAVE_PATH: pdf, MIDUN_E2E_OPEN_PATH: proof };

  let closedTotal;
  let app = await launch(env);
  try {
    const b = app.browser;
    await openDemo(b);

    // Before: the registers already give the derived criteria; everything else is open.
    await step(b, 'results');
    const before = await total(b);
    const openBefore = await count(b, 'results-incomplete');
    assert.ok(openBefore >= 30, `most criteria are still open (${openBefore})`);

    // Every step, every criterion a person answers: mostly 已落实, some partial or not done,
    // some 不适用 with a reason (never a 基础项).
    let n = 0;
    let notApplicable = 0;
    let evidenced = null;
    for (const key of ANSWERED_IN) {
      await step(b, key);
      let criteria = [];
      await b.waitUntil(async () => (criteria = await criteriaOf(b)).length > 0, { timeout: 15_000, timeoutMsg: `${key}: no criteria to answer` });
      for (const c of criteria) {
        assert.equal(c.status, 'unanswered', `${key}/${c.id} starts unanswered`);
        n += 1;
        let index = STATUS.done;
        if (n % 6 === 3 && !c.basic && !c.naRefused) index = STATUS.notApplicable;
        else if (n % 5 === 2) index = STATUS.partial;
        else if (n % 11 === 6) index = STATUS.notDone;
        await answer(b, c.id, index);
        if (index === STATUS.notApplicable) notApplicable += 1;
        if (key === 'rules' && index === STATUS.done && evidenced === null) evidenced = c.id;
      }
      const after = await criteriaOf(b);
      assert.ok(after.every((c) => c.status !== 'unanswered'), `${key}: every criterion answered`);
      await lookAt(b, `answered-${key}`);
    }
    assert.ok(notApplicable >= 3, `some answers are 不适用 (${notApplicable})`);

    // Evidence of both kinds on one answer of 组织与制度, and the stored copy re-checked.
    assert.ok(evidenced, 'a criterion of 组织与制度 was answered 已落实');
    await step(b, 'rules');
    await click(b, `${byTestId(`criterion-${evidenced}`)} .ant-collapse-header`);
    await (await b.$(byTestId(`evidence-add-title-${evidenced}`))).waitForDisplayed({ timeout: 15_000 });
    await addEvidence(b, evidenced, '保密制度汇编（入库）', true);
    await addEvidence(b, evidenced, '保密制度汇编（登记不入库）', false);
    // One request at a time: WebKitWebDriver does not take concurrent ones.
    const registered = [];
    for (const s of await b.$$(`${byTestId(`evidence-list-${evidenced}`)} ${byTestId('evidence-storage')}`)) {
      registered.push(await s.getAttribute('data-registered'));
    }
    assert.deepEqual(registered.sort(), ['false', 'true'], 'one stored copy, one registered location');
    await click(b, `${byTestId(`evidence-list-${evidenced}`)} ${byTestId('evidence-recheck')}`);
    const recheck = await b.$(`${byTestId(`evidence-list-${evidenced}`)} ${byTestId('evidence-recheck-result')}`);
    await recheck.waitForDisplayed({ timeout: 15_000 });
    assert.equal(await recheck.getAttribute('data-matches'), 'true');
    await lookAt(b, 'answered-evidence');

    // After: nothing left open, and the score has moved.
    await step(b, 'results');
    await (await b.$(byTestId('results-incomplete-none'))).waitForDisplayed({ timeout: 15_000 });
    const after = await total(b);
    assert.notEqual(after, before, `the total moved from ${before}`);
    await lookAt(b, 'answered-results');

    // Two gaps become tasks.
    await step(b, 'tasks');
    assert.ok((await count(b, 'gap-row')) >= 2, 'at least two gaps');
    const tasks = await count(b, 'task-row');
    for (const [owner, due] of [['保密办', '2026-12-31'], ['人力资源部', '2027-01-31']]) {
      const rows = await count(b, 'task-row');
      await click(b, byTestId('gap-to-task'));
      await type(b, byTestId('task-add-ownerRole'), owner);
      await typeDate(b, 'task-add-dueOn', due);
      await click(b, byTestId('task-add-submit'));
      await b.waitUntil(async () => (await count(b, 'task-row')) === rows + 1, { timeout: 15_000, timeoutMsg: `the task for ${owner} was not added` });
    }
    assert.equal(await count(b, 'task-row'), tasks + 2);
    await lookAt(b, 'answered-tasks');

    // Both editions, read back from disk.
    await step(b, 'export');
    const submission = await exportEdition(b, 'submission', pdf);
    const internal = await exportEdition(b, 'internal', pdf);
    assert.match(submission, /商业秘密保护示范企业创建自评报告/);
    assert.ok(!submission.includes('化皮与提沫'), 'the submission edition names no 密点');
    assert.match(internal, /内部版/);
    assert.ok(internal.includes('人力资源部'), 'the internal edition lists the new tasks');

    // Close the round: the score is frozen and the answers become read-only.
    await step(b, 'results');
    await click(b, byTestId('results-close'));
    await click(b, byTestId('results-close-confirm'));
    await (await b.$(byTestId('results-closed'))).waitForDisplayed({ timeout: 15_000 });
    closedTotal = await total(b);
    assert.equal(closedTotal, after);
    await lookAt(b, 'answered-closed');
  } finally {
    await app.stop();
  }

  // Restart: the round is still closed, with the same total, and its answers cannot be changed.
  app = await launch(env);
  try {
    const b = app.browser;
    await openDemo(b);
    await step(b, 'results');
    await (await b.$(byTestId('results-closed'))).waitForDisplayed({ timeout: 15_000 });
    assert.equal(await total(b), closedTotal);
    await step(b, 'rules');
    await (await b.$(byTestId('criteria-closed'))).waitForDisplayed({ timeout: 15_000 });
    const [first] = await criteriaOf(b);
    const disabled = await b.$$(`${byTestId(`criterion-status-${first.id}`)} .ant-radio-button-wrapper-disabled`);
    assert.ok(disabled.length > 0, 'a closed round is read-only');
  } finally {
    await app.stop();
  }
  rmSync(files, { recursive: true, force: true });
});
