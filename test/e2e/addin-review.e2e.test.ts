/**
 * The pane a reviewer uses all day, in real Chromium on the fake Office (the production build,
 * office.js replaced by the fake over seed 002): 下一个 pressed five times at 350 px walks 1 → 5
 * with the mouse parked where the button first was; whole-workbook mode gives one section per form
 * with its verdict; the toolbar and 上一个/下一个 stay on one line at 320–500 px in Chinese and
 * English, light and dark, and screenshots of those are saved as taskpane-*.png (screenshotPath: docs/ when refreshing).
 *
 * Then issue 12's other paths, clicked through the real pane and Excel host: 写回合计 after an edit
 * the check did not see writes nothing and shows the new preview; a partial write leaves no new
 * mismatch; an edit marks the results out of date and the re-check (automatic in the form, by
 * 重新检查 outside it) clears that; review marks survive closing and reopening the file (the fake's
 * savedCopy, document settings included); 导出审核意见 writes its sheet and 删除审核意见表 removes it.
 *
 * Needs /usr/bin/chromium; skipped without it.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, type Chromium } from '../../scripts/chromium.js';
import type { FakeOffice, FakeOfficeOptions, FakeWorkbook } from '../support/fake-office.js';
import { checkSheet } from '../../src/core/check.js';
import { FINDING_HEADERS, OVERVIEW_HEADERS } from '../../src/xlsx/review/index.js';
import { fakeSheetToSnapshot, seed002Workbook } from './fixture.js';
import { buildForE2E, isolateNetwork, screenshotPath, serveForE2E, type Built } from './harness.js';

const hasChromium = chromiumAvailable();
if (!hasChromium) console.warn(`跳过端到端测试：找不到 ${CHROMIUM_PATH}。`);

interface E2EWindow {
  __hefenFake: FakeOffice;
}

/** Seed 002 twice, as two project forms in one workbook. */
function twoForms(): FakeWorkbook {
  const wb = seed002Workbook();
  const copy = JSON.parse(JSON.stringify(wb.sheets[0])) as FakeWorkbook['sheets'][number];
  copy.name = '项目B';
  copy.id = '{项目B}';
  // 项目B's execution score and total as the rules give them: one error fewer
  copy.cells.H5 = { value: 4.66 };
  copy.cells.G27 = { value: 92.16 };
  return { ...wb, sheets: [wb.sheets[0], copy] };
}

describe.skipIf(!hasChromium)('task pane review in Chromium', () => {
  let tmp = '';
  let built: Built;
  let server: Server;
  let origin = '';
  let browser: Chromium;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'hefen-e2e-review-'));
    built = await buildForE2E(tmp);
    ({ server, origin } = await serveForE2E(built.paneDir, join(tmp, 'certs')));
    browser = await launchChromium({ viewport: { width: 350, height: 900 }, ignoreHTTPSErrors: true });
    await isolateNetwork(browser.context, origin, built.fakeOfficeJs);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function openPane(workbook: FakeWorkbook, options: FakeOfficeOptions = {}, width = 350, extra: { refuseCreateWorkbook?: boolean; url?: string } = {}): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript((setup) => {
      (window as unknown as { __HEFEN_E2E__: unknown }).__HEFEN_E2E__ = setup;
    }, { workbook, options, ...extra });
    await page.goto(`${origin}/taskpane.html`);
    const checking = options.displayLanguage === 'en-US' ? 'Checking…' : '正在检查…';
    await page.locator('[data-index]').first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.getByText(checking).count(), { timeout: 15_000 }).toBe(0);
    return page;
  }

  it('下一个 pressed five times at 350 px walks 1 → 5, clicked where the button first was', async () => {
    const page = await openPane(seed002Workbook());
    const next = page.getByRole('button', { name: '下一个', exact: true });
    const box = (await next.boundingBox())!;
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const order = await page.locator('[data-index] [data-cell]').allInnerTexts();
    expect(order).toHaveLength(5);
    for (let i = 1; i <= 5; i++) {
      await page.mouse.click(at.x, at.y);
      await expect.poll(() => page.getByTestId('position').innerText(), { timeout: 5_000 }).toBe(`第 ${i} / 5 个`);
      await expect
        .poll(() => page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.workbook.selection?.address), { timeout: 5_000 })
        .toBe(order[i - 1]);
      const now = (await next.boundingBox())!;
      expect([now.x, now.y]).toEqual([box.x, box.y]);
      // the announcement names the finding itself, not only its position
      const live = await page.locator('[role=status][aria-live=polite]').filter({ hasText: `第 ${i} / 5 个：` }).innerText();
      expect(live).toMatch(new RegExp(`^第 ${i} / 5 个：(错误|警告|提示)，${order[i - 1]}，`));
    }
    await page.close();
  });

  it('whole workbook: one collapsible section per form with its verdict', async () => {
    const page = await openPane(twoForms());
    await page.getByRole('switch', { name: '整个工作簿' }).click();
    const a = page.getByRole('button', { name: /^Sheet1 · 项目支出绩效自评表：退回修改/ });
    const b = page.getByRole('button', { name: /^项目B · 项目支出绩效自评表：退回修改/ });
    await a.waitFor({ timeout: 20_000 });
    await b.waitFor({ timeout: 5_000 });
    expect(await page.locator('h3 > button[aria-expanded]').count()).toBe(2);
    const cells = await page.locator('[data-index] [data-cell]').allInnerTexts();
    expect(cells.filter((c) => c.startsWith('Sheet1!'))).toHaveLength(5);
    expect(cells.filter((c) => c.startsWith('项目B!'))).toHaveLength(4);
    expect(cells.findIndex((c) => c.startsWith('项目B!'))).toBe(5); // form by form, not mixed
    await page.screenshot({ path: screenshotPath('taskpane-workbook-350.png'), fullPage: false });
    await a.click();
    expect(await a.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('[data-index] [data-cell]').count()).toBe(4);
    await page.close();
  });

  const combos: [number, 'zh-CN' | 'en-US', 'light' | 'dark'][] = [];
  for (const w of [320, 350, 500]) for (const l of ['zh-CN', 'en-US'] as const) for (const th of ['light', 'dark'] as const) combos.push([w, l, th]);
  const SAVED = new Set(['320-zh-CN-light', '350-zh-CN-dark', '350-en-US-light', '500-en-US-dark']);

  it.each(combos)('at %i px, %s, %s: the toolbar and 上一个/下一个 stay on one line and do not move', async (width, lang, theme) => {
    const page = await openPane(seed002Workbook(), { displayLanguage: lang, ...(theme === 'dark' ? { bodyBackgroundColor: '#262626' } : {}) }, width);
    const names = lang === 'en-US' ? { prev: 'Previous', next: 'Next' } : { prev: '上一个', next: '下一个' };
    const prev = page.getByRole('button', { name: names.prev, exact: true });
    const next = page.getByRole('button', { name: names.next, exact: true });
    const before = [(await prev.boundingBox())!, (await next.boundingBox())!];
    await next.click();
    await next.click();
    const after = [(await prev.boundingBox())!, (await next.boundingBox())!];
    expect(after).toEqual(before);
    expect(before[0].y).toBe(before[1].y);
    // nothing wider than the pane
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const key = `${width}-${lang}-${theme}`;
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = join(tmp, `taskpane-${key}.png`);
    await page.screenshot({ path: file });
    if (SAVED.has(key)) copyFileSync(file, screenshotPath(`taskpane-${key}.png`));
    await page.close();
  });

  // ---- issue 12 "Done when": stale write-back, partial write, live results, marks across a reload, the export sheet

  const fakeOf = (page: Page) => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as E2EWindow).__hefenFake.workbook)) as FakeWorkbook);
  const cellsOf = async (page: Page, sheet = 'Sheet1') => (await fakeOf(page)).sheets.find((s) => s.name === sheet)!.cells;
  const tagsOn = (wb: FakeWorkbook, sheet = 'Sheet1') => checkSheet(fakeSheetToSnapshot(wb.sheets.find((s) => s.name === sheet)!)).findings.map((f) => `${f.code}@${f.cell}`);
  const writeBackRows = (page: Page) => page.getByRole('region', { name: '写回合计', exact: true }).getByRole('listitem').allInnerTexts();
  const coveredCells = (wb: FakeWorkbook, sheet = 'Sheet1') =>
    wb.sheets.find((s) => s.name === sheet)!.conditionalFormats.flatMap((cf) => cf.ranges).sort();
  /** The finding's own block (its button plus its 忽略 / 已复核 actions), by cell. */
  const findingBlock = (page: Page, cell: string) => page.locator('div:has(> button[data-index])').filter({ has: page.locator(`[data-cell]:text-is("${cell}")`) }).first();

  it('写回合计 after an edit the check did not see: writes nothing, checks again and shows the new preview; the second write is right', async () => {
    const page = await openPane(seed002Workbook());
    await page.getByRole('tab', { name: '写回合计（2）', exact: true }).click();
    expect(await writeBackRows(page)).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 92.16（总分）']);
    // the user changes G14 from 5 to 3 while 写回合计 is on its way (between the click and its first sync)
    await page.evaluate(() => {
      const f = (window as unknown as E2EWindow).__hefenFake;
      f.reset();
      f.beforeSync = () => {
        f.beforeSync = null;
        f.editCell('Sheet1', 'G14', '3');
      };
    });
    await page.getByRole('button', { name: '写回合计（2）', exact: true }).click();
    await page.getByText('表格在检查后被修改，未写入；已重新检查，请确认新的预览。').waitFor({ timeout: 15_000 });
    let cells = await cellsOf(page);
    expect([cells.G14.value, cells.H5.value, cells.G27.value]).toEqual([3, 7, 94.5]); // nothing written
    const writes = await page.evaluate(() =>
      (window as unknown as E2EWindow).__hefenFake.log.filter((e) => e.kind === 'set' && e.object === 'Range' && (e.prop === 'values' || e.prop === 'formulas')).length,
    );
    expect(writes).toBe(0);
    // 87.5 − 2 (G14) + 4.66 = 90.16, not the 92.16 of the check before the edit
    await expect.poll(() => writeBackRows(page), { timeout: 10_000 }).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 90.16（总分）']);
    // the edit's own re-check (live results) may still come; the preview must stay the new one
    await page.waitForTimeout(1_500);
    expect(await writeBackRows(page)).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 90.16（总分）']);

    await page.getByRole('button', { name: '写回合计（2）', exact: true }).click();
    await page.getByText('已写回 2 个单元格', { exact: false }).waitFor({ timeout: 15_000 });
    cells = await cellsOf(page);
    expect([cells.H5.value, cells.G27.value]).toEqual([4.66, 90.16]);
    const tags = tagsOn(await fakeOf(page));
    expect(tags).not.toContain('score-mismatch@H5');
    expect(tags.some((t) => t.startsWith('total-mismatch@'))).toBe(false);
    await page.close();
  });

  it('a partial write (H5 unticked) leaves no new mismatch: the total follows the score that stays', async () => {
    // G14 is 3 in this workbook, so the total has to change: 94.5 → 90.16 with H5 written, 92.5 without
    const wb = seed002Workbook();
    wb.sheets[0].cells.G14 = { value: 3 };
    const page = await openPane(wb);
    await page.getByRole('tab', { name: '写回合计（2）', exact: true }).click();
    const panel = page.getByRole('region', { name: '写回合计', exact: true });
    expect(await writeBackRows(page)).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 90.16（总分）']);
    await panel.getByRole('checkbox').first().uncheck();
    expect(await writeBackRows(page)).toEqual(['H5: 7 → 不写入（预算执行率得分）', 'G27: 94.5 → 92.5（总分）']);
    await panel.getByRole('button', { name: '写回合计（1）', exact: true }).click();
    await page.getByText('已写回 1 个单元格', { exact: false }).waitFor({ timeout: 15_000 });
    const after = await fakeOf(page);
    const cells = after.sheets[0].cells;
    expect([cells.H5.value, cells.G27.value]).toEqual([7, 92.5]);
    const untouched = (c: typeof cells) => Object.fromEntries(Object.entries(c).filter(([a1]) => a1 !== 'G27'));
    expect(untouched(cells)).toEqual(untouched(wb.sheets[0].cells));
    // H5 is still the execution score the rules disagree with, but the total agrees with the sheet
    const tags = tagsOn(after);
    expect(tags).toContain('score-mismatch@H5');
    expect(tags.some((t) => t.startsWith('total-mismatch@'))).toBe(false);
    await page.getByRole('tab', { name: /^检查结果/ }).click();
    await expect.poll(() => page.locator('[data-index] [data-cell]').allInnerTexts(), { timeout: 10_000 }).not.toContain('G27');
    await page.close();
  });

  it('an edit in the form marks the results out of date at once and the automatic re-check clears them', async () => {
    const page = await openPane(seed002Workbook());
    const stale = page.getByText('结果已过期：表格在检查后被修改。');
    const h5 = page.locator('[data-index] [data-cell]:text-is("H5")');
    expect(await h5.count()).toBe(1);
    await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.editCell('Sheet1', 'H5', '4.66'));
    await stale.waitFor({ timeout: 2_000 });
    // the check comes by itself after the pause, and takes the banner and H5's finding away
    await stale.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => h5.count(), { timeout: 10_000 }).toBe(0);
    // what the engine finds on the edited sheet is what the pane lists now: H5 right, so G27's total
    // (still 94.5) no longer matches the scores
    const now = tagsOn(await fakeOf(page));
    expect(now).toContain('total-mismatch@G27');
    expect(now).not.toContain('score-mismatch@H5');
    await expect.poll(() => page.locator('[data-index] [data-cell]').allInnerTexts(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['G27']));
    expect(await page.locator('[data-index]').count()).toBe(now.length);
    expect(coveredCells(await fakeOf(page))).not.toContain('H5');
    await page.close();
  });

  it('an edit outside the form only marks the results; 重新检查 clears the mark', async () => {
    const page = await openPane(seed002Workbook());
    const stale = page.getByText('结果已过期：表格在检查后被修改。');
    await page.evaluate(() => {
      const f = (window as unknown as E2EWindow).__hefenFake;
      f.editCell('Sheet1', 'Z60', '备注');
      f.reset();
    });
    await stale.waitFor({ timeout: 2_000 });
    await page.waitForTimeout(2_000); // past the re-check delay: no check came
    expect(await stale.isVisible()).toBe(true);
    const reads = await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.log.filter((e) => e.kind === 'load' && e.object === 'Range').length);
    expect(reads).toBe(0);
    await page.getByRole('button', { name: '重新检查', exact: true }).click();
    await stale.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.locator('[data-index]').count()).toBe(5);
    await page.close();
  });

  it('switching sheets checks the new one; with 切换工作表时重新检查 off (saved in the workbook) it only marks the results', async () => {
    const page = await openPane(twoForms());
    const cells = () => page.locator('[data-index] [data-cell]').allInnerTexts();
    const stale = page.getByText('结果已过期：表格在检查后被修改。');
    await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.activate('项目B'));
    await expect.poll(cells, { timeout: 15_000 }).toHaveLength(4); // 项目B's own findings
    await page.getByRole('region', { name: '项目支出绩效自评表 项目B', exact: true }).waitFor({ timeout: 5_000 });

    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByRole('switch', { name: '切换工作表时重新检查' }).click();
    await expect
      .poll(() => page.evaluate(() => ((window as unknown as E2EWindow).__hefenFake.workbook.settings['hefen.settings'] as { recheckOnActivate?: boolean } | undefined)?.recheckOnActivate), { timeout: 10_000 })
      .toBe(false);
    await page.evaluate(() => {
      const f = (window as unknown as E2EWindow).__hefenFake;
      f.reset();
      f.activate('Sheet1');
    });
    await stale.waitFor({ timeout: 5_000 });
    await page.waitForTimeout(1_500); // past the re-check delay
    expect(await cells()).toHaveLength(4); // still 项目B's, marked out of date
    const reads = await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.log.filter((e) => e.kind === 'load' && e.object === 'Range').length);
    expect(reads).toBe(0);
    await page.close();
  });

  it('review marks are saved in the workbook and survive closing and reopening the pane; the export sheet lists them and can be removed', async () => {
    const first = await openPane(seed002Workbook());
    const e15 = findingBlock(first, 'E15');
    await e15.getByRole('button', { name: '忽略', exact: true }).click();
    await e15.getByRole('textbox').fill('已电话核实');
    await e15.getByRole('button', { name: '确定', exact: true }).click();
    await expect.poll(() => first.evaluate(() => (window as unknown as E2EWindow).__hefenFake.workbook.settings['hefen.reviewMarks']), { timeout: 10_000 }).toEqual([
      expect.objectContaining({ key: 'Sheet1!E15!over-achievement', status: 'ignored', note: '已电话核实' }),
    ]);
    // the file as saved (document settings included), opened again in a new pane
    const saved = await first.evaluate(() => (window as unknown as E2EWindow).__hefenFake.savedCopy());
    await first.close();

    const page = await openPane(saved);
    const again = findingBlock(page, 'E15');
    await expect.poll(() => again.getAttribute('data-mark'), { timeout: 10_000 }).toBe('ignored');
    expect(await again.innerText()).toContain('已忽略：已电话核实');
    expect(await page.getByRole('tab', { name: '检查结果（4）', exact: true }).count()).toBe(1); // not counted
    await page.getByText('1 个已标记的问题不计入统计。').waitFor({ timeout: 5_000 });
    // the reopened pane's check leaves the marked cell without a highlight
    const wb = await fakeOf(page);
    expect(coveredCells(wb)).toEqual(['F27', 'G5', 'H16', 'H5']);

    // 导出审核意见: a new sheet, one row per finding, links to the cells, the mark in its column
    await page.getByRole('button', { name: '导出审核意见', exact: true }).click();
    await page.getByText('已将审核意见导出到新工作表“核分审核意见”。').waitFor({ timeout: 15_000 });
    const withExport = await fakeOf(page);
    expect(withExport.sheets.map((s) => s.name)).toEqual(['Sheet1', '核分审核意见']);
    const ex = withExport.sheets[1].cells;
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((c) => ex[`${'ABCDEFGH'[c - 1]}1`]?.value)).toEqual(['工作表', '单元格', '指标', '审核要点', '说明', '填报 → 应为', '如何修改', '复核标记']);
    const rows = [2, 3, 4, 5, 6].map((r) => ({ cell: ex[`B${r}`]?.formula, mark: ex[`H${r}`]?.value ?? '' }));
    expect(ex.A7).toBeUndefined(); // five findings, five rows
    expect(rows.map((r) => /HYPERLINK\("#'Sheet1'!([A-Z]+\d+)"/.exec(r.cell ?? '')?.[1]).sort()).toEqual(['E15', 'F27', 'G5', 'H16', 'H5']);
    expect(rows.find((r) => r.cell?.includes('!E15"'))?.mark).toBe('忽略：已电话核实');
    expect(rows.filter((r) => r.mark !== '')).toHaveLength(1);
    expect(withExport.sheets[0].cells).toEqual(saved.sheets[0].cells);

    await page.getByRole('button', { name: '删除审核意见表', exact: true }).click();
    await page.getByText('已删除 1 个审核意见表。').waitFor({ timeout: 15_000 });
    expect((await fakeOf(page)).sheets.map((s) => s.name)).toEqual(['Sheet1']);
    await page.close();
  });

  // ---- 导出审核汇总: the review workbook of hefen review, from the pane

  /** The review workbook read back with ExcelJS: its sheets and the data rows of one. */
  async function reviewBook(bytes: Uint8Array) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((row, i) => {
        if (i > 1) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    return { names: wb.worksheets.map((w) => w.name), rows };
  }
  const col = (h: string) => OVERVIEW_HEADERS.indexOf(h);

  it('导出审核汇总 opens the review workbook of every sheet in Excel (createWorkbook): one 一览 row per form, one 审核意见 row per finding', async () => {
    const wb = twoForms();
    wb.sheets.push({ name: '说明', id: '{说明}', visibility: 'Visible', cells: { A1: { value: '填表说明' } }, merges: [], conditionalFormats: [] });
    const page = await openPane(wb, {}, 350, { url: 'https://example.sharepoint.com/sites/czj/Shared%20Documents/2023%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx' });
    const before = await fakeOf(page);
    await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.reset());
    await page.getByRole('button', { name: '导出审核汇总', exact: true }).click();
    await page.getByText('已在新的 Excel 工作簿中打开审核汇总（2 张自评表），请另存为文件。').waitFor({ timeout: 20_000 });
    const { created, syncs } = await page.evaluate(() => {
      const w = window as unknown as E2EWindow & { __hefenCreated: string[] };
      return { created: w.__hefenCreated, syncs: w.__hefenFake.syncCount };
    });
    expect(created).toHaveLength(1);
    expect(syncs).toBe(2); // list the sheets, read them; nothing written
    const after = await fakeOf(page);
    expect(after.sheets).toEqual(before.sheets);

    const book = await reviewBook(new Uint8Array(Buffer.from(created[0], 'base64')));
    expect(book.names).toEqual(['一览', '审核意见', '统计', '无法读取']);
    const overview = book.rows('一览');
    expect(overview.map((r) => r[col('工作表')]).sort()).toEqual(['Sheet1', '项目B']);
    expect(overview.every((r) => r[col('文件')] === '2023自评表.xlsx')).toBe(true);
    expect(overview.map((r) => r[col('结论')])).toEqual(['退回修改', '退回修改']);
    const perSheet = (name: string) => tagsOn(after, name).length;
    expect(book.rows('审核意见')).toHaveLength(perSheet('Sheet1') + perSheet('项目B'));
    // the pane's own results stay those of the active sheet
    expect(await page.locator('[data-index]').count()).toBe(5);
    await page.close();
  });

  it('导出审核汇总 where Excel refuses to open a workbook: a download link whose file is the review workbook, the marked finding listed with its mark', async () => {
    const page = await openPane(seed002Workbook(), {}, 350, { refuseCreateWorkbook: true });
    const e15 = findingBlock(page, 'E15');
    await e15.getByRole('button', { name: '已复核', exact: true }).click();
    await e15.getByRole('button', { name: '确定', exact: true }).click();
    await expect.poll(() => e15.getAttribute('data-mark'), { timeout: 10_000 }).toBe('reviewed');
    await page.getByRole('button', { name: '导出审核汇总', exact: true }).click();
    await page.getByText('Excel 未能打开新工作簿，请下载审核汇总（1 张自评表；1 个已标记的问题不计入结论，在“审核意见”中注明）：', { exact: false }).waitFor({ timeout: 20_000 });
    const link = page.getByRole('link', { name: '下载“审核汇总.xlsx”', exact: true });
    // the pane brings the link into view, above the pinned 上一个/下一个 bar, not under it
    await expect.poll(async () => ((await link.boundingBox())?.y ?? 1e9) < 900, { timeout: 5_000 }).toBe(true);
    const [linkBox, barTop] = [(await link.boundingBox())!, (await page.getByRole('button', { name: '上一个', exact: true }).boundingBox())!.y];
    expect(linkBox.y + linkBox.height).toBeLessThanOrEqual(barTop);
    await page.screenshot({ path: screenshotPath('taskpane-review-350.png') });
    const [dl] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(dl.suggestedFilename()).toBe('审核汇总.xlsx');
    const file = join(tmp, 'review-download.xlsx');
    await dl.saveAs(file);
    const book = await reviewBook(new Uint8Array(readFileSync(file)));
    expect(book.rows('一览')).toHaveLength(1);
    const findings = book.rows('审核意见');
    expect(findings.map((r) => r[2]).sort()).toEqual(['E15', 'F27', 'G5', 'H16', 'H5']);
    const markCol = FINDING_HEADERS.indexOf('复核标记');
    expect(findings.filter((r) => r[markCol]).map((r) => [r[2], r[markCol]])).toEqual([['E15', '已复核']]); // listed with its mark
    await page.close();
  });

  it('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
