/**
 * Launching Debian's Chromium through playwright-core, shared by the icon renderer and the
 * end-to-end test. Headless, no sandbox (containers run as root), and nothing that phones home:
 * no component updates, no sync, no background networking, a fresh profile every time.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a new temporary profile; close() removes the profile. */
export async function launchChromium(
  options: { viewport?: { width: number; height: number }; deviceScaleFactor?: number; ignoreHTTPSErrors?: boolean } = {},
): Promise<Chromium> {
  if (!chromiumAvailable()) {
    throw new Error(`找不到 Chromium（${CHROMIUM_PATH}）：请先运行 apt-get install -y chromium fonts-noto-cjk`);
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'hefen-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 360, height: 900 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
    locale: 'zh-CN',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
