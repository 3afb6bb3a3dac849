/**
 * The web checker end to end, in real Chromium, on file://…/hefen.html built fresh by the web
 * config: every example workbook, and an .xls copy of one, opened through the file input → the
 * findings the page lists equal `hefen check --json`'s on the same file (codes and cells; the .xls
 * against its .xlsx), the CLI's main() run in-process; the downloads are workbooks ExcelJS reads
 * (the annotated copy's findings equal the original's, the write-back copy no longer has the
 * written contradictions, the review workbook has one 一览 row per form); keyboard-only use of the
 * drop zone, the file list and the findings; every request the page makes is recorded and any
 * that is not the page itself (or the worker's Blob URL it made) fails the test. Prints the size
 * of hefen.html and what dominates it, and the timings: open → ready, a seed checked after it was
 * given, 100 files. Saves web-*.png at 1280 and 800 px (screenshotPath: docs/ when HEFEN_SCREENSHOTS=1).
 *
 * Needs /usr/bin/chromium; skipped without it.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import { workbookToSnapshots } from '../../src/xlsx/index.js';
import { chromiumAvailable, launchChromium, type Chromium } from '../../scripts/chromium.js';
import { WEB_HTML } from '../../webpack.config.js';
import { buildWebPage, screenshotPath } from './harness.js';
import { webPageSize } from './web-size.js';
import { main } from '../../src/cli/main.js';
import { toXls } from '../xlsx/support.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = readdirSync(join(root, 'examples'))
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(root, 'examples', f));
const MB = 1024 * 1024;

/** `hefen check FILE --json`, run in-process: the findings as sheet!code@cell. */
async function findingsOf(file: string): Promise<string[]> {
  let out = '';
  const io = { out: { write: (s: string) => ((out += s), true) }, err: { write: () => true } };
  await main(['check', file, '--json'], io);
  const json = JSON.parse(out) as { files: { findings: { sheet: string; code: string; cell: string }[] }[] };
  return json.files[0].findings.map((f) => `${f.sheet}!${f.code}@${f.cell}`).sort();
}

function tagsOfWorkbook(wb: ExcelJS.Workbook): string[] {
  return workbookToSnapshots(wb)
    .flatMap((s) => checkSheet(s).findings)
    .map((f) => `${f.sheet}!${f.code}@${f.cell}`)
    .sort();
}

async function loadBytes(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return wb;
}

const hasChromium = chromiumAvailable();

describe.skipIf(!hasChromium)('web checker in Chromium (file://)', () => {
  let tmp: string;
  let htmlPath: string;
  let url: string;
  let browser: Chromium;
  const requests: string[] = [];
  const offending: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'hefen-web-'));
    await buildWebPage(join(tmp, 'web'));
    htmlPath = join(tmp, 'web', WEB_HTML);
    url = pathToFileURL(htmlPath).href;
    browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
    browser.context.on('request', (r) => {
      const u = r.url();
      requests.push(u);
      // The page itself, and the Blob URL of its own worker (blob:null/… from file://).
      if (u !== url && !u.startsWith('blob:null/')) offending.push(u);
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    console.log(`网页版发出的请求共 ${requests.length} 个（页面本身与其 worker 的 Blob URL），其他请求 ${offending.length} 个。`);
  });

  async function open(width = 1280): Promise<{ page: Page; readyMs: number }> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    return { page, readyMs: performance.now() - t0 };
  }

  async function give(page: Page, files: string[]): Promise<number> {
    const before = await page.locator('.file-item').count();
    const t0 = performance.now();
    await page.setInputFiles('[data-testid=file-input]', files);
    await page.waitForFunction(
      (n) => document.querySelectorAll('.file-item[data-status=done], .file-item[data-status=failed]').length === n,
      before + files.length,
      { timeout: 120_000, polling: 10 },
    );
    return performance.now() - t0;
  }

  async function listed(page: Page): Promise<string[]> {
    return (await page.locator('.finding[data-code]').evaluateAll((els) => els.map((e) => {
      const d = (e as HTMLElement).dataset;
      return `${d.sheet}!${d.code}@${d.cell}`;
    }))).sort();
  }

  it('hefen.html is one file under 1.5 MB without any external URL, and says what dominates it', () => {
    const size = webPageSize(htmlPath);
    console.log(size.report);
    expect(size.total).toBeLessThan(1.5 * MB);
    const html = readFileSync(htmlPath, 'utf8');
    expect(readdirSync(join(tmp, 'web'))).toEqual([WEB_HTML]);
    expect(html).toContain("connect-src 'none'");
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)="(https?:)?\/\//i);
    expect(html).toContain('文件只在本机浏览器中处理，不会上传');
  });

  it('each example and an .xls copy: the findings listed equal hefen check --json; a seed checked in ≤ 100 ms is printed', async () => {
    const { page, readyMs } = await open();
    await page.waitForSelector('html[data-workers-ready]', { state: 'attached' });
    const [inPageReady, workers] = await page.evaluate(() => [document.documentElement.dataset.ready, document.documentElement.dataset.workersReady]);
    console.log(
      `打开页面到界面就绪：页面自己量得 ${inPageReady} 毫秒，测试驱动所见 ${readyMs.toFixed(0)} 毫秒；第一个 worker 就绪（个数@毫秒）：${workers}（其余在文件排队时启动）`,
    );
    for (const file of EXAMPLES) {
      await page.reload();
      // Measured with the workers loaded, as when a user drops a file after the page opened.
      await page.waitForSelector('html[data-workers-ready]', { state: 'attached' });
      const ms = await give(page, [file]);
      await page.locator('.file-item').first().click();
      const worker = await page.locator('.file-actions .muted').innerText();
      const inPage = await page.locator('.file-item').first().getAttribute('data-ms');
      console.log(`${file.split('/').pop()}：页面收到文件到结果 ${inPage} 毫秒，测试给出文件到看到结果 ${ms.toFixed(0)} 毫秒（${worker}）`);
      expect(await listed(page)).toEqual(await findingsOf(file));
    }
    // The legacy format: an .xls made from seed 002 lists what check finds in the .xlsx.
    const seed = EXAMPLES.find((f) => f.includes('seed-002'))!;
    const xls = join(tmp, 'seed-002-旧格式.xls');
    writeFileSync(xls, toXls(new Uint8Array(readFileSync(seed))));
    await page.reload();
    await page.waitForSelector('html[data-workers-ready]', { state: 'attached' });
    await give(page, [xls]);
    await page.locator('.file-item').first().click();
    expect(await page.locator('.file-item').first().getAttribute('data-status')).toBe('done');
    const fromXls = await listed(page);
    expect(fromXls.length).toBeGreaterThan(0);
    expect(fromXls).toEqual(await findingsOf(seed));
    await page.close();
  });

  it('downloads: review workbook, both blank templates, annotated copy and write-back copy are workbooks ExcelJS reads', async () => {
    const { page } = await open();
    await give(page, EXAMPLES);
    const save = async (name: string | RegExp): Promise<string> => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
      const path = join(tmp, dl.suggestedFilename());
      await dl.saveAs(path);
      return path;
    };
    const review = await loadBytes(await save('导出审核汇总'));
    const forms = await page.locator('.file-item').count();
    expect(review.getWorksheet('一览')?.actualRowCount).toBe(1 + forms); // every example holds one form
    const opinions = review.getWorksheet('审核意见')?.actualRowCount ?? 0;
    const all = (await Promise.all(EXAMPLES.map(findingsOf))).flat();
    expect(opinions).toBe(1 + all.length);

    for (const kind of ['项目支出', '部门整体支出']) {
      const template = await loadBytes(await save(`空白模板：${kind}`));
      const snaps = workbookToSnapshots(template);
      const report = checkSheet(snaps[0]);
      expect(report.forms).toHaveLength(1);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }

    // seed 002 (second in the list): annotated copy keeps its findings; write-back fixes H5.
    const seed002 = EXAMPLES.findIndex((f) => f.includes('seed-002'));
    await page.locator('.file-item').nth(seed002).click();
    const annotated = await loadBytes(await save('下载标注副本'));
    expect(tagsOfWorkbook(annotated)).toEqual(await findingsOf(EXAMPLES[seed002]));
    const h5 = annotated.worksheets[0].getCell('H5');
    expect((h5.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');

    await page.getByRole('button', { name: '写回合计…' }).click();
    const written = await loadBytes(await save(/下载写回后的副本/));
    const after = tagsOfWorkbook(written);
    expect(after).not.toContain('Sheet1!score-mismatch@H5');
    expect(written.worksheets[0].getCell('H5').value).toBe(4.66);
    await page.close();
  });

  it('忽略 with a note on seed 002: dimmed, out of the counts; after a reload the same file (renamed) has it again; the annotated copy lists it', async () => {
    const seed = EXAMPLES.find((f) => f.includes('seed-002'))!;
    const { page } = await open();
    await give(page, [seed]);
    const h5 = page.locator('.finding[data-cell="H5"]');
    expect(await page.locator('.finding[aria-selected=true]').getAttribute('data-cell')).toBe('H5');
    await page.locator('.mark-bar').getByRole('button', { name: '忽略' }).click();
    await page.getByLabel('备注（可不填）').fill('已电话核实');
    await page.getByRole('button', { name: '确定' }).click();
    expect(await h5.getAttribute('data-mark')).toBe('ignored');
    expect(Number(await h5.evaluate((e) => getComputedStyle(e).opacity))).toBeLessThan(1);
    expect(await page.locator('.file-item').first().innerText()).toContain('错误 1 · 警告 3');
    expect(await page.locator('td[data-cell="H5"]').getAttribute('class')).not.toContain('mark-error');

    await page.reload();
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const renamed = join(tmp, '另存的副本.xlsx');
    copyFileSync(seed, renamed);
    await give(page, [renamed]);
    await page.waitForSelector('.finding[data-cell="H5"][data-mark=ignored]');
    expect(await h5.innerText()).toContain('忽略：已电话核实');
    expect(await page.locator('.file-item').first().innerText()).toContain('错误 1 · 警告 3');

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载标注副本' }).click()]);
    expect(dl.suggestedFilename()).toBe('另存的副本（核分标注）.xlsx');
    const path = join(tmp, dl.suggestedFilename());
    await dl.saveAs(path);
    const copy = await loadBytes(path);
    expect((copy.worksheets[0].getCell('H5').fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).not.toBe('FFFFC7CE');
    const list = copy.getWorksheet('核分审核意见')!;
    const head = (list.getRow(1).values as unknown[]).slice(1);
    const col = head.indexOf('复核标记') + 1;
    expect(col).toBeGreaterThan(0);
    const marks: unknown[] = [];
    list.eachRow((row, n) => n > 1 && marks.push(row.getCell(col).value));
    expect(marks.filter(Boolean)).toEqual(['忽略：已电话核实']);

    // Leave no marks behind for the other tests (the browser profile is shared).
    await page.getByRole('button', { name: '取消标记' }).click();
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('核分.')).length)).toBe(0);
    await page.close();
  });

  it('keyboard only: drop zone opens the picker, arrows move through files and findings, the cell is outlined', async () => {
    const { page } = await open();
    await page.bringToFront();
    // Listen first: the file chooser is intercepted only once a listener is registered.
    const chooserP = page.waitForEvent('filechooser', { timeout: 20_000 });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain('drop-zone');
    await page.keyboard.press('Enter');
    const chooser = await chooserP;
    await chooser.setFiles(EXAMPLES);
    await page.waitForFunction((n) => document.querySelectorAll('.file-item[data-status=done]').length === n, EXAMPLES.length);
    // Tab until the file list's option has the focus.
    for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.classList.contains('file-item'))); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('.file-item[aria-selected=true]').getAttribute('data-file')).toBe(EXAMPLES[1].split('/').pop());
    expect(await page.locator('#results-h').innerText()).toBe(EXAMPLES[1].split('/').pop());
    for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.classList.contains('finding'))); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    const second = page.locator('.finding[aria-selected=true]');
    expect(await second.getAttribute('data-index')).toBe('1');
    const cell = await second.getAttribute('data-cell');
    expect(await page.locator('td.cell-selected').getAttribute('data-cell')).toBe(cell);
    await page.keyboard.press('Enter');
    expect(await page.locator('.nav-pos').innerText()).toContain('第 2 /');
    await page.close();
  });

  it('files dropped on the drop zone are checked like picked ones; other files are left out', async () => {
    const { page } = await open();
    const b64 = readFileSync(EXAMPLES[1]).toString('base64');
    await page.evaluate(
      ({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name));
        dt.items.add(new File(['x'], '说明.txt'));
        const zone = document.querySelector('.drop-zone') as HTMLElement;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      { b64, name: EXAMPLES[1].split('/').pop() as string },
    );
    await page.waitForSelector('.file-item[data-status=done]');
    expect(await page.locator('.file-item').count()).toBe(1);
    expect(await listed(page)).toEqual(await findingsOf(EXAMPLES[1]));
    await page.close();
  });

  it('100 files (copies of the examples) are checked with progress, and the time is printed', async () => {
    const dir = join(tmp, 'many');
    mkdirSync(dir);
    const files: string[] = [];
    for (let i = 0; i < 100; i++) {
      const src = EXAMPLES[i % EXAMPLES.length];
      const dst = join(dir, `${String(i + 1).padStart(3, '0')}-${src.split('/').pop()}`);
      copyFileSync(src, dst);
      files.push(dst);
    }
    const { page } = await open();
    const ms = await give(page, files);
    console.log(`100 个文件：${ms.toFixed(0)} 毫秒（${(ms / 100).toFixed(1)} 毫秒/个）`);
    expect(await page.locator('.file-item[data-status=done]').count()).toBe(100);
    expect(await page.locator('.progress').getAttribute('data-progress')).toBe('100/100');
    await page.close();
  });

  it('screenshots at 1280 and 800 px: a form with findings, twenty files, the sheet view with a cell outlined', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => EXAMPLES[i % EXAMPLES.length]);
    const dir = join(tmp, 'twenty');
    mkdirSync(dir);
    const names = ['财政局', '教育局', '卫健委', '交通局', '水利局'];
    const copies = twenty.map((src, i) => {
      const dst = join(dir, `${names[i % 5]}-${String(i + 1).padStart(2, '0')}-${src.split('/').pop()}`);
      copyFileSync(src, dst);
      return dst;
    });
    for (const width of [1280, 800]) {
      const { page } = await open(width);
      await give(page, copies);
      const seed002 = copies.findIndex((f) => f.includes('seed-002'));
      await page.locator('.file-item').nth(seed002).click();
      // Narrow: the file list stacks above the results; show the form's results.
      if (width < 1000) await page.locator('#results-h').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: screenshotPath(`web-form-${width}.png`) });
      // H5 is selected, far right of the form: the frozen indicator columns stay in view beside it.
      expect(Number(await page.locator('table.sheet').getAttribute('data-frozen'))).toBeGreaterThanOrEqual(2);
      const pane = (await page.locator('.sheet-scroll').boundingBox())!;
      const name = (await page.locator('td[data-cell="A13"]').boundingBox())!;
      expect(name.x).toBeGreaterThanOrEqual(pane.x);
      await page.locator('.files').screenshot({ path: screenshotPath(`web-files-${width}.png`) });
      await page.locator('.finding').nth(4).click();
      await page.locator('.sheet-pane').screenshot({ path: screenshotPath(`web-sheet-${width}.png`) });
      expect(await page.locator('td.cell-selected').count()).toBe(1);
      await page.close();
    }
  });

  it('the page made no request but itself and its worker, and raised no error', () => {
    expect(requests).toContain(url);
    expect(offending).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
