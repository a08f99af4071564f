// The guided flow in the real app: the step list, 企业信息 (credit code kept
// with a note), 涉密人员 with an agreement, the level scheme, a 密点 classified through its
// approval with a named 知悉范围 and its printed 审批表, 组织与制度 with a
// rule and an answered criterion; every step screenshotted at 1366×768 and
// checked for horizontal overflow; then a restart finds everything again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { launch, freshDir, byTestId, click, closeDrawer, type, choose, lookAt, setUpVault, unlockVault, step, typeDate } from './harness.mjs';

const NAME = '东阿县示范阿胶制品有限公司';
const PERSON = '张三丰';

async function textOf(b, testId) {
  return (await b.$(byTestId(testId))).getText();
}

test('walk the steps: people, classification with approval, rules, restart', { timeout: 300_000 }, async () => {
  const dataDir = freshDir('midun-e2e-flow-');
  const form = path.join(freshDir('midun-e2e-form-'), 'form.pdf');
  const env = { MIDUN_DATA_DIR: dataDir, MIDUN_E2E_SAVE_PATH: form };

  let app = await launch(env);
  try {
    const b = app.browser;
    await setUpVault(b);
    await click(b, byTestId('notice-ok'));
    await click(b, byTestId('new-enterprise'));
    await type(b, byTestId('enterprise-name'), NAME);
    await click(b, byTestId('save-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });
    // A new enterprise opens at the first step; nothing is complete yet.
    await (await b.$(byTestId('step-content-quick'))).waitForDisplayed({ timeout: 15_000 });
    assert.equal(await (await b.$(byTestId('step-quick'))).getAttribute('data-complete'), 'false');
    await lookAt(b, 'step-quick');

    // 企业信息: a code failing its check is kept only with a note.
    await step(b, 'profile');
    await type(b, byTestId('ef-creditCode'), '91350100M000100Y44');
    await click(b, byTestId('ef-industry'));
    await (await b.$(byTestId('ef-creditCode-check'))).waitForDisplayed({ timeout: 10_000 });
    await click(b, byTestId('ef-creditCode-save'));
    await type(b, byTestId('ef-creditCode-note'), '以营业执照为准');
    await click(b, byTestId('ef-creditCode-save'));
    await b.waitUntil(async () => (await textOf(b, 'enterprise-credit-code')).includes('91350100M000100Y44'), {
      timeout: 10_000,
      timeoutMsg: 'the credit code was not saved',
    });
    await lookAt(b, 'step-profile');

    // 涉密人员: one person, who has no agreement yet (a warning), then one.
    await step(b, 'people');
    await type(b, byTestId('person-add-name'), PERSON);
    await type(b, byTestId('person-add-department'), '生产技术部');
    await type(b, byTestId('person-add-post'), '工艺员');
    await typeDate(b, 'person-add-entryDate', '2024-03-01');
    await click(b, byTestId('person-add-submit'));
    await b.waitUntil(async () => (await b.$$(byTestId('person-row'))).length === 1, { timeout: 10_000 });
    await b.waitUntil(async () => (await b.$$(`${byTestId('people-warning')}[data-kind="noAgreement"]`)).length === 1, {
      timeout: 10_000,
      timeoutMsg: 'no warning for the missing agreement',
    });
    await lookAt(b, 'step-people');
    await click(b, `${byTestId('person-row')} td`);
    await (await b.$(byTestId('person-drawer'))).waitForDisplayed({ timeout: 10_000 });
    await typeDate(b, 'agreement-add-signedOn', '2024-03-01');
    await click(b, byTestId('agreement-add-submit'));
    await b.waitUntil(async () => (await b.$$(byTestId('agreement-row'))).length === 1, { timeout: 10_000 });
    await lookAt(b, 'person-drawer');
    await closeDrawer(b, byTestId('person-drawer'));
    await b.waitUntil(async () => (await b.$$(`${byTestId('people-warning')}[data-kind="noAgreement"]`)).length === 0, {
      timeout: 10_000,
      timeoutMsg: 'the agreement did not clear the warning',
    });

    // 密点梳理: one 密点.
    await step(b, 'points');
    await type(b, byTestId('sp-name'), '低温化皮工艺');
    await choose(b, 'sp-category', 'technical');
    await choose(b, 'sp-level', '核心商密');
    await click(b, byTestId('add-secret-point'));
    await b.waitUntil(async () => (await b.$$(byTestId('secret-point-row'))).length === 1, { timeout: 10_000 });
    await lookAt(b, 'step-points');

    // 定密管理: the level scheme (a state-secret name refused, a rename kept),
    // 知悉范围 from the register, then 定密 through its approval.
    await step(b, 'classification');
    const third = await b.$(byTestId('level-name-2'));
    await third.click();
    await b.keys(['Control', 'a']);
    await b.keys('Backspace');
    await third.addValue('秘密');
    await click(b, byTestId('level-save'));
    await b.waitUntil(async () => (await textOf(b, 'level-error')).includes('秘密'), { timeout: 10_000 });
    await third.click();
    await b.keys(['Control', 'a']);
    await b.keys('Backspace');
    await third.addValue('普通商密');
    await click(b, byTestId('level-save'));
    await b.waitUntil(async () => (await b.$$(byTestId('level-error'))).length === 0, { timeout: 10_000 });
    await lookAt(b, 'step-classification');
    await click(b, byTestId('classify-open'));
    await (await b.$(byTestId('classify-title'))).waitForDisplayed({ timeout: 10_000 });
    await click(b, `${byTestId('cf-access-people')} .ant-select-selector`);
    await click(b, `//div[contains(@class,"ant-select-item-option")][contains(., "${PERSON}")]`);
    await b.keys('Escape');
    await click(b, byTestId('cf-access-save'));
    await b.waitUntil(async () => (await b.$('body').getText()).includes('知悉范围已保存'), { timeout: 10_000 });
    await click(b, byTestId('move-classified'));
    await type(b, byTestId('approval-proposingDepartment'), '生产技术部');
    await type(b, byTestId('approval-proposer'), '李工');
    await type(b, byTestId('approval-approver'), '王总经理');
    await type(b, byTestId('approval-filedBy'), '保密办刘某');
    await type(b, byTestId('approval-basis'), '《商业秘密管理制度》第五条');
    await lookAt(b, 'approval-modal');
    await click(b, byTestId('approval-submit'));
    await b.waitUntil(async () => (await textOf(b, 'classify-status')).includes('已定密'), {
      timeout: 10_000,
      timeoutMsg: 'not classified',
    });
    await (await b.$(byTestId('approval-row'))).waitForDisplayed({ timeout: 10_000 });
    await lookAt(b, 'classify-drawer');
    await click(b, byTestId('approval-print'));
    await (await b.$(byTestId('form-saved'))).waitForDisplayed({ timeout: 20_000 });
    assert.ok(existsSync(form), 'the approval form is on disk');
    const text = execFileSync('pdftotext', ['-layout', form, '-']).toString();
    for (const want of ['商业秘密定密审批表', '低温化皮工艺', PERSON, '王总经理', '《商业秘密管理制度》第五条']) {
      assert.ok(text.includes(want), `the form lacks ${want}`);
    }
    await closeDrawer(b, byTestId('classify-title'));

    // 组织与制度: a rule, and one criterion answered.
    await step(b, 'rules');
    await type(b, byTestId('rule-add-title'), '商业秘密管理制度');
    await typeDate(b, 'rule-add-issuedOn', '2025-01-05');
    await click(b, byTestId('rule-add-submit'));
    await b.waitUntil(async () => (await b.$$(byTestId('rule-row'))).length === 1, { timeout: 10_000 });
    await click(b, byTestId('criterion-status-D1.3-option-0'));
    await b.waitUntil(
      async () => (await (await b.$(`${byTestId('criterion-status-D1.3')} .ant-radio-button-wrapper-checked`)).isExisting()),
      { timeout: 10_000, timeoutMsg: 'the answer was not shown as chosen' },
    );
    await lookAt(b, 'step-rules');
    // The step list follows: 定密管理's register is in order now.
    await b.waitUntil(async () => !(await textOf(b, 'step-count-classification')).includes('未定密'), { timeout: 10_000 });
  } finally {
    await app.stop();
  }

  // Restart: everything is still there.
  app = await launch(env);
  try {
    const b = app.browser;
    await unlockVault(b);
    await lookAt(b, 'home');
    await click(b, byTestId('open-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });
    // The step last open is remembered.
    await (await b.$(byTestId('step-content-rules'))).waitForDisplayed({ timeout: 15_000 });
    await b.waitUntil(async () => (await b.$$(byTestId('rule-row'))).length === 1, { timeout: 10_000 });
    assert.ok(await (await b.$(`${byTestId('criterion-status-D1.3')} .ant-radio-button-wrapper-checked`)).isExisting());
    assert.match(await textOf(b, 'enterprise-credit-code'), /91350100M000100Y44/);
    await step(b, 'classification');
    await b.waitUntil(async () => (await textOf(b, 'classify-row-status')).includes('已定密'), { timeout: 10_000 });
    assert.equal(await (await b.$(byTestId('level-name-2'))).getValue(), '普通商密');
    await click(b, byTestId('classify-open'));
    // The chosen person is a tag in the select (its text is in the tag's title).
    await b.waitUntil(
      async () => {
        const tag = await b.$(`${byTestId('cf-access-people')} .ant-select-selection-item`);
        return (await tag.isExisting()) && ((await tag.getAttribute('title')) ?? '').includes(PERSON);
      },
      { timeout: 10_000, timeoutMsg: 'the access list was lost' },
    );
    await closeDrawer(b, byTestId('classify-title'));
    await step(b, 'people');
    await b.waitUntil(async () => (await b.$$(byTestId('person-row'))).length === 1, { timeout: 10_000 });
    // Cells cut with an ellipsis carry their text in a title (WebKit's driver reads no text there).
    // The name may sit in a link or a cut cell: read the row's whole text.
    const row = await b.execute(() => document.querySelector('[data-testid="person-row"]')?.textContent ?? '');
    assert.ok(row.includes(PERSON), `the person row names ${PERSON}: ${row}`);
  } finally {
    await app.stop();
  }
});
