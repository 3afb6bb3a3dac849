/**
 * Timings of the web checker in Chromium, for comparing builds (not a test): for each hefen.html
 * given, alternating, ROUNDS times — opening to ready (the page's own performance.now() at its
 * first commit, and the wall time the driver sees), the first worker ready, a seed file checked
 * after it was given (workers ready), and 100 files given right after opening. Prints medians.
 *
 *   node --import tsx test/e2e/web-timing.ts [ROUNDS] a/hefen.html [b/hefen.html …]
 *
 * Under load the figures move a lot: compare builds in one run, and print `uptime` with them.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';

const [roundsArg, ...pages] = process.argv.slice(2);
const ROUNDS = Number(roundsArg) || 5;
const files = pages.length ? pages : ['dist/web/hefen.html'];
const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => resolve('examples', f));
const tmp = mkdtempSync(join(tmpdir(), 'hefen-timing-'));
mkdirSync(join(tmp, 'many'));
const hundred = Array.from({ length: 100 }, (_, i) => {
  const src = examples[i % examples.length];
  const dst = join(tmp, 'many', `${String(i + 1).padStart(3, '0')}-${src.split('/').pop()}`);
  copyFileSync(src, dst);
  return dst;
});
const seed = examples.find((f) => f.includes('seed-002')) as string;

async function given(page: Page, list: string[]): Promise<number> {
  const t0 = performance.now();
  await page.setInputFiles('[data-testid=file-input]', list);
  await page.waitForFunction((n) => document.querySelectorAll('.file-item[data-status=done]').length === n, list.length, { polling: 10, timeout: 120_000 });
  return performance.now() - t0;
}

const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
const rows = new Map<string, number[][]>();
for (let r = 0; r < ROUNDS; r++) {
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    const page = await browser.context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForSelector('html[data-ready]', { state: 'attached' });
    const wall = performance.now() - t0;
    const many = await given(page, hundred);
    await page.reload();
    await page.waitForSelector('html[data-workers-ready]', { state: 'attached' });
    const [ready, worker] = await page.evaluate(() => [
      Number(document.documentElement.dataset.ready),
      Number((document.documentElement.dataset.workersReady ?? '').split('@')[1]),
    ]);
    await given(page, [seed]);
    const inPage = Number(await page.locator('.file-item').first().getAttribute('data-ms'));
    (rows.get(file) ?? rows.set(file, []).get(file)!).push([ready, wall, worker, inPage, many]);
    await page.close();
  }
}
await browser.close();
rmSync(tmp, { recursive: true, force: true });
const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`中位数（${ROUNDS} 轮，毫秒）：页面就绪（页内）/ 驱动所见 · 第一个 worker 就绪 · seed 002 页面收到到结果 · 100 个文件（打开后立即给出）`);
for (const [file, rs] of rows) {
  const m = [0, 1, 2, 3, 4].map((k) => median(rs.map((x) => x[k])).toFixed(0));
  console.log(`${file}：${m[0]} / ${m[1]} · ${m[2]} · ${m[3]} · ${m[4]}`);
}
