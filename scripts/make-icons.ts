/**
 * Renders the add-in icons (assets/icon-{16,32,64,80,128}.png) from one SVG: the character 核 in
 * white on a green rounded square. Run with `node --import tsx scripts/make-icons.ts`; the PNGs are
 * committed, so this only needs running when the design changes. Needs /usr/bin/chromium and
 * fonts-noto-cjk (the glyph is drawn with Noto Sans CJK SC Bold).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.js';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The mark, on a 128-unit canvas. Small sizes get a larger glyph and tighter corners to stay legible. */
export function iconSvg(size: number): string {
  const small = size <= 16;
  const radius = small ? 16 : 24;
  const fontSize = small ? 118 : 96;
  const baseline = small ? 106 : 98;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <rect x="0" y="0" width="128" height="128" rx="${radius}" ry="${radius}" fill="#107C41"/>
  <text x="64" y="${baseline}" text-anchor="middle" font-family="'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif"
        font-weight="700" font-size="${fontSize}" fill="#FFFFFF">核</text>
</svg>`;
}

async function main(): Promise<void> {
  const outDir = join(root, 'assets');
  mkdirSync(outDir, { recursive: true });
  const browser = await launchChromium({ viewport: { width: 200, height: 200 } });
  try {
    const page = await browser.context.newPage();
    for (const size of ICON_SIZES) {
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${iconSvg(size)}</body></html>`,
      );
      await page.evaluate(() => document.fonts.ready);
      const png = await page.screenshot({ clip: { x: 0, y: 0, width: size, height: size }, omitBackground: true });
      const file = join(outDir, `icon-${size}.png`);
      writeFileSync(file, png);
      console.log(`已生成 ${file}（${size}×${size}，${png.length} 字节）`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
