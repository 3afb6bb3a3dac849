/**
 * The task pane end to end, in real Chromium: the production build served over https, office.js
 * replaced by the fake Office over seed 002's form, every other request off the origin refused.
 * Opening the pane (what the ribbon's 检查得分 does) and the pane's own 检查得分 → the findings
 * appear and their cells get highlighted; click a finding → its cell is selected; 清除标记 → the
 * highlights are gone and every cell is as it was. Also measures open→findings and
 * click→findings time, syncs per check and the bundle size, and saves docs/taskpane.png.
 *
 * Needs /usr/bin/chromium (apt-get install -y chromium fonts-noto-cjk); skipped without it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import { worksheetToSnapshot } from '../../src/cli/xlsx-snapshot.js';
import type { Finding } from '../../src/core/report.js';
import { parseRangeA1, toA1 } from '../../src/core/snapshot.js';
import { seed002 } from '../fixtures/seeds.js';
import type { FakeOffice, FakeWorkbook } from '../support/fake-office.js';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, type Chromium } from '../../scripts/chromium.js';
import { stringsFor } from '../../src/taskpane/i18n.js';
import { seed002Workbook } from './fixture.js';
import { buildForE2E, isolateNetwork, OFFICE_JS_URL, serveForE2E, type Built, type NetworkLog } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCREENSHOT = join(root, 'docs', 'taskpane.png');
const KiB = 1024;
/** The pane's script, minified (react-dom alone is ~200 KiB of it). */
const BUNDLE_BUDGET = 500 * KiB;

/**
 * Seed 002 under the national rules, worked out by hand from the form:
 * - H5: execution score 51.91 / 78 = 66.55 % × 分值 7 = 4.66, declared 7;
 * - F27: weights 50 + 30 + 10 (indicators) + 7 (execution) = 97, not 100;
 * - G5: execution weight 7 instead of the standard 10;
 * - E15: 完成维修次数 10 against “8次以上” = 125 % ≥ 120 %;
 * - H16: 偿还历史欠款 scores 2.5 of 5 (5万 of 10万) and its 偏差原因 cell is empty.
 */
const EXPECTED = [
  'score-mismatch@H5',
  'weight-total-not-100@F27',
  'nonstandard-level1-weights@G5',
  'over-achievement@E15',
  'missing-deviation-reason@H16',
];
/** All five are errors or warnings, which DEFAULT_SETTINGS highlight. */
const HIGHLIGHTED = EXPECTED.map((tag) => tag.split('@')[1]);

const hasChromium = chromiumAvailable();
if (!hasChromium) {
  console.warn(`跳过端到端测试：找不到 ${CHROMIUM_PATH}（apt-get install -y chromium fonts-noto-cjk；CI 会安装）。`);
}

interface E2EWindow {
  __hefenFake: FakeOffice;
  __hefenUnsupported?: boolean;
}

/** Every cell under one of the sheet's conditional formats, once per format covering it. */
function cellsCovered(workbook: FakeWorkbook): string[] {
  const out: string[] = [];
  for (const cf of workbook.sheets[0].conditionalFormats) {
    for (const a1 of cf.ranges) {
      const r = parseRangeA1(a1);
      for (let row = r.top; row <= r.bottom; row++) {
        for (let col = r.left; col <= r.right; col++) out.push(toA1(row, col));
      }
    }
  }
  return out;
}

const fakeWorkbook = (page: Page): Promise<FakeWorkbook> =>
  page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as E2EWindow).__hefenFake.workbook)) as FakeWorkbook);

describe.skipIf(!hasChromium)('task pane in Chromium (seed 002)', () => {
  let tmp = '';
  let built: Built;
  let server: Server;
  let origin = '';
  let browser: Chromium;
  let net: NetworkLog;
  let page: Page;
  const pageErrors: string[] = [];
  let expected: Finding[] = [];
  /** The workbook as it was before 核分 touched it. */
  const original = seed002Workbook();

  beforeAll(async () => {
    // The messages to look for come from the core on the same form, read as the CLI reads it.
    const report = checkSheet(worksheetToSnapshot(seed002().worksheets[0]));
    expected = report.findings;

    tmp = mkdtempSync(join(tmpdir(), 'hefen-e2e-'));
    built = await buildForE2E(tmp);
    console.log(
      `窗格脚本 ${built.bundle.file}：${(built.bundle.bytes / KiB).toFixed(1)} KiB（已压缩），gzip ${(built.bundle.gzipBytes / KiB).toFixed(1)} KiB；构建 ${(built.buildMs / 1000).toFixed(1)} 秒`,
    );
    ({ server, origin } = await serveForE2E(built.paneDir, join(tmp, 'certs')));
    browser = await launchChromium({ viewport: { width: 360, height: 900 }, ignoreHTTPSErrors: true });
    net = await isolateNetwork(browser.context, origin, built.fakeOfficeJs);
    await browser.context.addInitScript(
      ({ workbook, messages }) => {
        const w = window as unknown as { __HEFEN_E2E__: unknown; __hefenFindingsAt?: number };
        w.__HEFEN_E2E__ = { workbook };
        // When every expected finding is first in the DOM, in ms since navigation started.
        const observer = new MutationObserver(() => {
          if (w.__hefenFindingsAt === undefined && messages.every((m) => document.body?.textContent?.includes(m))) {
            w.__hefenFindingsAt = performance.now();
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true, characterData: true });
      },
      { workbook: original, messages: expected.map((f) => f.message) },
    );

    page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${origin}/taskpane.html`);
    await page.getByRole('button', { name: '检查得分' }).waitFor({ timeout: 15_000 });
  }, 300_000); // a production build: ~30 s here, more on a busy machine

  afterAll(async () => {
    await browser?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('the bundle stays under 500 KiB minified', () => {
    expect(built.bundle.bytes).toBeLessThan(BUNDLE_BUDGET);
  });

  it('the core finds on seed 002 what was worked out by hand', () => {
    expect(expected.map((f) => `${f.code}@${f.cell}`).sort()).toEqual([...EXPECTED].sort());
  });

  it('opening the pane (the ribbon button 检查得分) checks the sheet: findings listed, cells highlighted, two syncs', async () => {
    expect(await page.evaluate(() => (window as unknown as E2EWindow).__hefenUnsupported)).toBeUndefined();
    for (const f of expected) await page.getByText(f.message).first().waitFor({ state: 'visible', timeout: 15_000 });
    const at = await page.evaluate(() => (window as unknown as { __hefenFindingsAt?: number }).__hefenFindingsAt);
    const syncs = await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.syncCount);
    console.log(`打开窗格（从开始加载页面算起）到显示全部 ${expected.length} 条问题：${at?.toFixed(0)} 毫秒；这次检查 context.sync() ${syncs} 次`);
    expect(at).toBeGreaterThan(0);
    expect(syncs).toBe(2); // one to read the sheet, one to add the highlights

    const now = await fakeWorkbook(page);
    expect(cellsCovered(now).sort()).toEqual([...HIGHLIGHTED].sort());
    expect(now.sheets[0].cells).toEqual(original.sheets[0].cells);
  });

  it('检查得分 in the pane checks again: click → findings rendered, two syncs, highlights replaced not doubled', async () => {
    await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.reset());
    // Measured inside the page: from the click until the check's busy indicator has come and gone
    // with every finding in the DOM, plus one frame.
    const ms = await page.evaluate(
      async ({ messages, busy }) => {
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('检查得分'));
        if (!button) throw new Error('没有“检查得分”按钮');
        let busySeen = false;
        const done = (): boolean => {
          const text = document.body.textContent ?? '';
          if (text.includes(busy)) busySeen = true;
          return busySeen && !text.includes(busy) && messages.every((m) => text.includes(m));
        };
        const t0 = performance.now();
        button.click();
        await new Promise<void>((ok, fail) => {
          const timer = setTimeout(() => {
            observer.disconnect();
            fail(new Error(`15 秒内检查没有完成（忙碌提示出现过：${busySeen}）`));
          }, 15_000);
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            clearTimeout(timer);
            ok();
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        });
        await new Promise((ok) => requestAnimationFrame(() => ok(undefined)));
        return performance.now() - t0;
      },
      { messages: expected.map((f) => f.message), busy: stringsFor('zh-CN').checking },
    );

    const syncs = await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.syncCount);
    console.log(`单击窗格中的“检查得分”到显示全部 ${expected.length} 条问题：${ms.toFixed(0)} 毫秒；这次检查 context.sync() ${syncs} 次`);
    expect(syncs).toBe(2); // one to read the sheet, one to swap the old highlights for new ones

    for (const f of expected) await expect(page.getByText(f.message).first().isVisible()).resolves.toBe(true);
    const after = await fakeWorkbook(page);
    expect(cellsCovered(after).sort()).toEqual([...HIGHLIGHTED].sort()); // each cell once: replaced, not added again
    expect(after.sheets[0].cells).toEqual(original.sheets[0].cells);

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(tmp, 'taskpane.png') });
    copyFileSync(join(tmp, 'taskpane.png'), SCREENSHOT);
  });

  it('clicking a finding selects its cell in Excel', async () => {
    const f = expected.find((x) => x.cell === 'H5')!;
    await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.reset());
    await page.getByText(f.message).first().click();
    await expect.poll(async () => (await fakeWorkbook(page)).selection, { timeout: 5_000 }).toEqual({ sheet: 'Sheet1', address: 'H5' });
    const log = await page.evaluate(() => (window as unknown as E2EWindow).__hefenFake.log);
    expect(log.filter((e) => e.kind === 'call' && e.method === 'select')).toHaveLength(1);
  });

  it('清除标记 removes every highlight and leaves the cells exactly as they were', async () => {
    await page.getByRole('button', { name: '清除标记' }).click();
    await expect.poll(async () => (await fakeWorkbook(page)).sheets[0].conditionalFormats.length, { timeout: 5_000 }).toBe(0);
    const after = await fakeWorkbook(page);
    expect(after.sheets).toEqual(original.sheets);
  });

  it('nothing but the office.js request tried to leave the machine', () => {
    expect(pageErrors).toEqual([]);
    expect(net.blocked).toEqual([]);
    expect(net.officeJs.length).toBeGreaterThanOrEqual(1);
    const offOrigin = net.requests.filter((u) => !u.startsWith(`${origin}/`));
    expect(new Set(offOrigin)).toEqual(new Set([OFFICE_JS_URL]));
  });

  describe('on webviews that cannot run the pane', () => {
    const cases: [string, string][] = [
      ['IE11 (Trident: document.documentMode)', `Object.defineProperty(Document.prototype, 'documentMode', { get: function () { return 11; } });`],
      [
        'Edge Legacy (EdgeHTML user agent)',
        `Object.defineProperty(Navigator.prototype, 'userAgent', { get: function () { return 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045'; } });`,
      ],
      ['an engine without Promise', `window.Promise = undefined;`],
    ];
    it.each(cases)('%s: shows which Excel versions work instead of the pane', async (_name, init) => {
      const p = await browser.context.newPage();
      try {
        await p.addInitScript(init);
        await p.goto(`${origin}/taskpane.html`);
        const message = p.locator('#hefen-unsupported');
        await message.waitFor({ state: 'visible', timeout: 5_000 });
        const text = await message.innerText();
        for (const s of ['Excel 2021', 'Excel 2024', 'Microsoft 365', 'Excel 网页版', 'Excel on the web']) expect(text).toContain(s);
        expect(await p.locator('#root').count()).toBe(0);
        expect(await p.evaluate(() => (window as unknown as E2EWindow).__hefenUnsupported)).toBe(true);
      } finally {
        await p.close();
      }
    });
  });
});
