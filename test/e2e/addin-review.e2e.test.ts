/**
 * The pane a reviewer uses all day, in real Chromium on the fake Office (the production build,
 * office.js replaced by the fake over seed 002): 下一个 pressed five times at 350 px walks 1 → 5
 * with the mouse parked where the button first was; whole-workbook mode gives one section per form
 * with its verdict; the toolbar and 上一个/下一个 stay on one line at 320–500 px in Chinese and
 * English, light and dark, and screenshots of those are saved under docs/taskpane-*.png.
 *
 * Stale write-back, live results, review marks and the export sheet are tested at the component
 * level (test/taskpane/review.test.tsx): the fake Office of this tree does not raise change events
 * and Excel's host still has stubs for marks and the export (the Excel part implements them).
 *
 * Needs /usr/bin/chromium; skipped without it.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailable, launchChromium, type Chromium } from '../../scripts/chromium.js';
import type { FakeOffice, FakeOfficeOptions, FakeWorkbook } from '../support/fake-office.js';
import { seed002Workbook } from './fixture.js';
import { buildForE2E, isolateNetwork, serveForE2E, type Built } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
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

  async function openPane(workbook: FakeWorkbook, options: FakeOfficeOptions = {}, width = 350): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width, height: 900 });
    await page.addInitScript((setup) => {
      (window as unknown as { __HEFEN_E2E__: unknown }).__HEFEN_E2E__ = setup;
    }, { workbook, options });
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
    await page.screenshot({ path: join(tmp, 'wb.png'), fullPage: false });
    copyFileSync(join(tmp, 'wb.png'), join(root, 'docs', 'taskpane-workbook-350.png'));
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
    if (SAVED.has(key)) copyFileSync(file, join(root, 'docs', `taskpane-${key}.png`));
    await page.close();
  });

  it('no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
