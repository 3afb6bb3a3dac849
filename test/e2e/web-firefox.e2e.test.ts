/**
 * The web checker in Firefox (Debian's firefox-esr), driven by puppeteer-core over WebDriver BiDi
 * (playwright-core drives only its own patched Firefox build): file://…/hefen.html opens, its
 * workers start from the inlined source, seed 002 dropped on the drop zone lists the findings
 * `hefen check --json` gives, a 忽略 mark survives a reload (localStorage of a file: page), and
 * every request the page makes is recorded — any that is not a file:, data: or blob: URL fails
 * the test (Firefox reports no event for file: loads; the page's data: icon is seen). Prints the
 * time from opening to ready.
 *
 * Skipped, saying why, without /usr/bin/firefox-esr (apt-get install -y firefox-esr) or without
 * puppeteer-core. HEFEN_PUPPETEER_CORE may name another copy of puppeteer-core's ESM entry (a
 * private install outside the shared node_modules).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { WEB_HTML } from '../../webpack.config.js';
import { buildWebPage } from './harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = join(root, 'examples', 'seed-002-project-national.xlsx');
const FIREFOX = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => existsSync(p));

interface Puppeteer {
  launch(options: Record<string, unknown>): Promise<Browser>;
}
interface Browser {
  version(): Promise<string>;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
interface Page {
  on(event: 'request', f: (r: { url(): string }) => void): void;
  on(event: 'pageerror', f: (e: Error) => void): void;
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  waitForSelector(sel: string, options?: Record<string, unknown>): Promise<unknown>;
  evaluate<T, A>(f: (a: A) => T, a: A): Promise<T>;
  $$eval<T>(sel: string, f: (els: Element[]) => T): Promise<T>;
  click(sel: string): Promise<void>;
  type(sel: string, text: string): Promise<void>;
}

async function loadPuppeteer(): Promise<Puppeteer | null> {
  const spec = process.env.HEFEN_PUPPETEER_CORE ?? 'puppeteer-core';
  try {
    const m = (await import(spec.startsWith('/') ? pathToFileURL(spec).href : spec)) as { default: Puppeteer };
    return m.default;
  } catch {
    return null;
  }
}

const puppeteer = FIREFOX ? await loadPuppeteer() : null;
const skip = !FIREFOX
  ? '没有 Firefox（/usr/bin/firefox-esr）：apt-get install -y firefox-esr'
  : !puppeteer
    ? '没有 puppeteer-core：npm install（devDependencies）'
    : null;
if (skip) console.log(`跳过 Firefox 测试：${skip}`);

async function findingsOf(file: string): Promise<string[]> {
  let out = '';
  await main(['check', file, '--json'], { out: { write: (s: string) => ((out += s), true) }, err: { write: () => true } });
  const json = JSON.parse(out) as { files: { findings: { sheet: string; code: string; cell: string }[] }[] };
  return json.files[0].findings.map((f) => `${f.sheet}!${f.code}@${f.cell}`).sort();
}

/** Drop the file on the drop zone, as a user dragging it from the desktop. */
async function drop(page: Page, file: string): Promise<void> {
  await page.evaluate(
    ({ b64, name }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      const zone = document.querySelector('.drop-zone') as HTMLElement;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { b64: readFileSync(file).toString('base64'), name: file.split('/').pop() as string },
  );
  await page.waitForSelector('.file-item[data-status=done]', { timeout: 60_000 });
}

const listed = (page: Page) =>
  page.$$eval('.finding[data-code]', (els) => els.map((e) => `${(e as HTMLElement).dataset.sheet}!${(e as HTMLElement).dataset.code}@${(e as HTMLElement).dataset.cell}`).sort());

describe.skipIf(skip !== null)('web checker in Firefox (file://, WebDriver BiDi)', () => {
  let tmp: string;
  let url: string;
  let browser: Browser;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'hefen-firefox-'));
    await buildWebPage(join(tmp, 'web'));
    url = pathToFileURL(join(tmp, 'web', WEB_HTML)).href;
    browser = await (puppeteer as Puppeteer).launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      // Nothing that phones home from a test profile.
      extraPrefsFirefox: {
        'app.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
      },
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('opens from disk, lists seed 002 as hefen check --json does, keeps a 忽略 mark over a reload, and asks for nothing off the page', async () => {
    const page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForSelector('html[data-ready]');
    const readyMs = performance.now() - t0;
    await page.waitForSelector('html[data-workers-ready]', { timeout: 60_000 });
    const [inPage, workers] = await page.evaluate(() => [document.documentElement.dataset.ready, document.documentElement.dataset.workersReady], null);
    console.log(`Firefox ${await browser.version()}：打开页面到界面就绪：页面自己量得 ${inPage} 毫秒，测试驱动所见 ${readyMs.toFixed(0)} 毫秒；第一个 worker 就绪（个数@毫秒）：${workers}`);

    await drop(page, SEED);
    expect(await listed(page)).toEqual(await findingsOf(SEED));
    const ms = await page.evaluate(() => document.querySelector('.file-item')?.getAttribute('data-ms'), null);
    console.log(`Firefox：seed 002 页面收到文件到结果 ${ms} 毫秒`);

    // 忽略 on the current finding (H5), then a reload and the same file again.
    await page.click('.mark-bar button:first-of-type');
    await page.type('.mark-note input', '核实');
    await page.click('.mark-bar button[type=submit]');
    await page.waitForSelector('.finding[data-cell="H5"][data-mark=ignored]');
    await page.reload();
    await page.waitForSelector('html[data-ready]');
    await drop(page, SEED);
    await page.waitForSelector('.finding[data-cell="H5"][data-mark=ignored]', { timeout: 10_000 });
    const counts = await page.evaluate(() => document.querySelector('.file-item .file-counts')?.textContent, null);
    expect(counts).toBe('错误 1 · 警告 3');
    await page.evaluate(() => localStorage.clear(), null);

    const offending = requests.filter((u) => !(u === url || u.startsWith('data:') || u.startsWith('blob:')));
    console.log(`Firefox：页面发出的请求 ${requests.length} 个（${requests.map((u) => u.slice(0, 30)).join('，')}），其中不是页面本身、data: 或 blob: 的 ${offending.length} 个。`);
    // Firefox's WebDriver BiDi reports no event for file: loads (the page, its Blob worker); the
    // data: icon shows the recorder is listening, and any http(s) or other request would be in it.
    expect(requests.some((u) => u.startsWith('data:image/svg+xml'))).toBe(true);
    expect(offending).toEqual([]);
    expect(errors).toEqual([]);
  }, 120_000);
});
