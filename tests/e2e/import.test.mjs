// Importing the 密点 register in the real app: a broken .xlsx is refused
// with its row-by-row list and imports nothing; 500 rows come in whole and
// are still there after a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { launch, freshDir, byTestId, click, type, lookAt, setUpVault, unlockVault } from './harness.mjs';

const HEAD = ['代号', '事项', '名称', '类别', '子类', '概述', '密级', '保密期限', '知悉范围', '责任部门', '责任人', '载体'];

async function writeXlsx(file, rows) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('密点');
  sheet.addRow(HEAD);
  for (const r of rows) sheet.addRow(r);
  await book.xlsx.writeFile(file);
}

async function rowCount(b) {
  // The register pages 20 rows at a time; the total is in the pagination.
  return (await b.$$(byTestId('secret-point-row'))).length;
}

test('import 500 密点 from .xlsx; a broken file is refused with its rows', { timeout: 240_000 }, async () => {
  const dataDir = freshDir('midun-e2e-import-');
  const files = freshDir('midun-e2e-xlsx-');
  const broken = path.join(files, 'broken.xlsx');
  const good = path.join(files, 'register.xlsx');
  await writeXlsx(broken, [
    ['', '熬制工艺', '合格的一行', '技术信息', '', '', '核心', '长期', '', '', '', ''],
    ['', '熬制工艺', '', '技术信息', '', '', '核心', '', '', '', '', ''],
    ['', '熬制工艺', '坏密级', '技术信息', '', '', '绝密', '', '', '', '', ''],
  ]);
  const rows = [];
  for (let i = 0; i < 500; i += 1) {
    rows.push([
      i === 0 ? 'IMP-001' : '',
      i % 2 ? '客户资源' : '熬制工艺',
      `导入密点第${i}号`,
      i % 2 ? '经营信息' : '技术信息',
      '',
      '导入的概述，不写参数',
      ['核心', '重要', '一般'][i % 3],
      i % 4 ? '长期' : '2031-06-30',
      '工艺员',
      '生产技术部',
      '',
      '纸质、电子文件/数据',
    ]);
  }
  await writeXlsx(good, rows);

  let app = await launch({ MIDUN_DATA_DIR: dataDir, MIDUN_E2E_OPEN_PATH: broken });
  try {
    const b = app.browser;
    await setUpVault(b);
    await click(b, byTestId('notice-ok'));
    await click(b, byTestId('new-enterprise'));
    await type(b, byTestId('enterprise-name'), '导入测试有限公司');
    await click(b, byTestId('save-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });

    // 快速自查 first: three answers, each saved at once.
    await click(b, byTestId('step-quick'));
    await (await b.$(byTestId('quick-count'))).waitForDisplayed({ timeout: 15_000 });
    for (const n of [1, 2, 3]) {
      await click(b, `(//*[@data-testid="quick-question"])[${n}]//label[contains(@class,"ant-radio-wrapper")][1]`);
      await b.waitUntil(async () => (await (await b.$(byTestId('quick-count'))).getText()).includes(`已答 ${n} /`), {
        timeout: 15_000,
      });
    }
    await lookAt(b, 'quick-check');
    await click(b, byTestId('step-points'));
    await click(b, byTestId('import-points'));
    const errors = await b.$(byTestId('import-errors'));
    await errors.waitForDisplayed({ timeout: 30_000 });
    const lines = await b.$$(byTestId('import-error-row'));
    assert.equal(lines.length, 2);
    const text = await errors.getText();
    assert.match(text, /未导入任何密点/);
    assert.match(text, /绝密/);
    assert.equal(await rowCount(b), 0, 'nothing imported');
    await lookAt(b, 'import-refused');
  } finally {
    await app.stop();
  }

  app = await launch({ MIDUN_DATA_DIR: dataDir, MIDUN_E2E_OPEN_PATH: good });
  try {
    const b = app.browser;
    await unlockVault(b);
    await click(b, byTestId('open-enterprise'));
    await (await b.$(byTestId('enterprise-title'))).waitForDisplayed({ timeout: 15_000 });
    await click(b, byTestId('step-quick'));
    await b.waitUntil(async () => (await (await b.$(byTestId('quick-count'))).getText()).includes('已答 3 /'), {
      timeout: 15_000,
      timeoutMsg: 'quick answers lost across a restart',
    });
    await click(b, byTestId('step-points'));
    await click(b, byTestId('import-points'));
    const done = await b.$(byTestId('import-message'));
    await done.waitForDisplayed({ timeout: 60_000 });
    assert.match(await done.getText(), /已导入 500 个密点/);
    await b.waitUntil(async () => (await rowCount(b)) > 0, { timeout: 15_000 });
    await lookAt(b, 'import-done');
  } finally {
    await app.stop();
  }

  // Reopen: the 500 are there (the home list shows the count).
  app = await launch({ MIDUN_DATA_DIR: dataDir });
  try {
    const b = app.browser;
    await unlockVault(b);
    const row = await b.$(byTestId('enterprise-row'));
    await row.waitForDisplayed({ timeout: 15_000 });
    assert.match(await row.getText(), /500/);
  } finally {
    await app.stop();
  }
});
