/**
 * What the end-to-end test needs around the browser: a production build of the pane, a browser
 * bundle of the fake Office, an https server on a random loopback port, and a network filter that
 * answers the office.js CDN request with the fake and refuses everything else off the origin.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Request } from 'playwright-core';
import webpack from 'webpack';
import { createConfig, createWebConfig, RESOLVE, typescriptRule } from '../../webpack.config.js';
import { ensureCertificate } from '../../scripts/cert.js';
import { createStaticServer, listen } from '../../scripts/serve.js';

export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Where a screenshot the README shows is saved: docs/ when HEFEN_SCREENSHOTS=1 (the run meant to
 * refresh them), else .tmp/screenshots/ — a plain test run leaves the committed pictures, and so
 * the work tree, as they were, and the pictures are still there to look at.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.HEFEN_SCREENSHOTS === '1' ? join(ROOT, 'docs') : join(ROOT, '.tmp', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

const FAKE_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'fake-office-entry.ts');

export interface Built {
  paneDir: string;
  /** The fake Office bundle, served in place of office.js. */
  fakeOfficeJs: string;
  bundle: { file: string; bytes: number; gzipBytes: number };
  buildMs: number;
}

function run(compiler: webpack.MultiCompiler): Promise<webpack.MultiStats> {
  return new Promise((ok, fail) => {
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return fail(err);
      if (!stats || stats.hasErrors()) return fail(new Error(stats?.toString({ all: false, errors: true }) ?? '构建失败'));
      ok(stats);
    });
  });
}

/** Production build of the pane into `outDir`/addin and a development bundle of the fake into `outDir`/fake. */
export async function buildForE2E(outDir: string): Promise<Built> {
  const paneDir = join(outDir, 'addin');
  const fakeDir = join(outDir, 'fake');
  const fakeConfig: webpack.Configuration = {
    mode: 'development',
    devtool: false,
    target: ['web', 'es2020'],
    entry: { 'fake-office': FAKE_ENTRY },
    output: { path: fakeDir, filename: '[name].js', clean: true },
    resolve: RESOLVE,
    module: { rules: [typescriptRule(false)] },
    stats: 'errors-warnings',
  };
  const t0 = performance.now();
  await run(webpack([createConfig({ mode: 'production', outDir: paneDir }), fakeConfig]));
  const buildMs = performance.now() - t0;
  const file = readdirSync(paneDir).find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f));
  if (!file) throw new Error(`构建结果里没有 taskpane.<hash>.js：${readdirSync(paneDir).join(', ')}`);
  const code = readFileSync(join(paneDir, file));
  return {
    paneDir,
    fakeOfficeJs: readFileSync(join(fakeDir, 'fake-office.js'), 'utf8'),
    bundle: { file, bytes: statSync(join(paneDir, file)).size, gzipBytes: gzipSync(code, { level: 9 }).length },
    buildMs,
  };
}

/** https on 127.0.0.1, random port, with a throwaway certificate made in `certDir`. */
export async function serveForE2E(dir: string, certDir: string): Promise<{ server: Server; origin: string }> {
  const cert = await ensureCertificate(certDir);
  const server = createStaticServer(resolve(dir), cert);
  const port = await listen(server, 0, '127.0.0.1');
  return { server, origin: `https://127.0.0.1:${port}` };
}

export interface NetworkLog {
  /** Every request the pages made, in order. */
  requests: string[];
  /** Requests answered with the fake office.js. */
  officeJs: string[];
  /** Requests refused because they would have left the machine. */
  blocked: string[];
}

/**
 * Route every request of the context: the pane's origin passes, office.js gets the fake, anything
 * else is aborted and logged. Also logs every request seen, routed or not.
 */
export async function isolateNetwork(context: BrowserContext, origin: string, fakeOfficeJs: string): Promise<NetworkLog> {
  const log: NetworkLog = { requests: [], officeJs: [], blocked: [] };
  context.on('request', (r: Request) => log.requests.push(r.url()));
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS_URL) {
      log.officeJs.push(url);
      await route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: fakeOfficeJs });
    } else if (url.startsWith(`${origin}/`)) {
      await route.continue();
    } else {
      log.blocked.push(url);
      await route.abort('blockedbyclient');
    }
  });
  return log;
}

/** Production build of the web checker into `outDir` (one file, hefen.html). */
export function buildWebPage(outDir: string): Promise<void> {
  return new Promise((ok, fail) => {
    const compiler = webpack(createWebConfig({ mode: 'production', outDir }));
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return fail(err);
      if (!stats || stats.hasErrors()) return fail(new Error(stats?.toString({ all: false, errors: true }) ?? '构建失败'));
      ok();
    });
  });
}
