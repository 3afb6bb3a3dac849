/**
 * Packaging checks: manifest.xml validates against Microsoft's schemas, says what the issue asks
 * (zh-CN with en-US overrides, ExcelApi 1.7, a 核分 group with a 检查得分 button on the Home tab),
 * and every URL in it names a file the webpack build really emits, at the port npm start serves.
 * Also: taskpane.html loads office.js from the CDN and its inline browser check is plain ES5; and
 * `HEFEN_BASE_URL=https://… npm run build` moves every address to that server, still valid.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseJs } from 'acorn';
import { Window } from 'happy-dom';
import webpack from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import addinConfig, { createConfig, TASKPANE_HTML } from '../webpack.config.js';
import { DEFAULT_PORT } from '../scripts/serve.js';
import { BaseUrlError, buildManifest, DEV_BASE_URL, manifestUrls, normaliseBaseUrl } from '../scripts/build-manifest.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'manifest.xml');
// The schemas live in shared/ beside the repository (CI) or in the workplace's copy (a clone elsewhere).
const xsd = [
  process.env.HEFEN_SHARED_DIR,
  resolve(root, '..', 'shared'),
  '/work/shared',
]
  .filter((d): d is string => Boolean(d))
  .map((d) => resolve(d, 'office-addin-xsd', 'OfficeAppManifestV1_1.xsd'))
  .find((f) => existsSync(f));
const manifestText = readFileSync(manifestPath, 'utf8');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0 && xsd !== undefined;
if (!hasXmllint) {
  console.warn(
    xsd === undefined
      ? '跳过 manifest.xml 的 XSD 校验：找不到 shared/office-addin-xsd（可用 HEFEN_SHARED_DIR 指定 shared 目录）。'
      : '跳过 manifest.xml 的 XSD 校验：本机没有 xmllint（apt-get install -y libxml2-utils；CI 会安装）。',
  );
}

const window = new Window();
const doc = new window.DOMParser().parseFromString(manifestText, 'application/xml');
afterAll(async () => {
  await window.happyDOM.close();
});

/** Elements by qualified name ("bt:String"), as written in the manifest. */
function all(name: string): Element[] {
  return [...doc.getElementsByTagName(name)] as unknown as Element[];
}
function one(name: string): Element {
  const found = all(name);
  expect(found, name).toHaveLength(1);
  return found[0];
}
/** A direct child of <OfficeApp> (the top-level settings, not the VersionOverrides ones). */
function top(name: string): Element {
  const found = ([...doc.documentElement.children] as unknown as Element[]).filter((e) => e.tagName === name);
  expect(found, name).toHaveLength(1);
  return found[0];
}
function overrides(el: Element): Record<string, string> {
  const out: Record<string, string> = {};
  for (const child of [...el.children] as unknown as Element[]) {
    if (child.tagName === 'Override' || child.tagName === 'bt:Override') {
      out[child.getAttribute('Locale') ?? ''] = child.getAttribute('Value') ?? '';
    }
  }
  return out;
}
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe('manifest.xml', () => {
  it.skipIf(!hasXmllint)('validates against the add-in manifest schema (xmllint, offline)', () => {
    const out = execFileSync('xmllint', ['--noout', '--schema', xsd!, manifestPath], { encoding: 'utf8', stdio: 'pipe' });
    expect(out).toBe('');
  });

  it.skipIf(!hasXmllint)('the schema check really rejects a broken manifest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hefen-manifest-'));
    try {
      const broken = join(dir, 'manifest.xml');
      writeFileSync(broken, manifestText.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
      const r = spawnSync('xmllint', ['--noout', '--schema', xsd!, broken], { encoding: 'utf8' });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(/Permissions/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has its own GUID, not one copied from Microsoft templates', () => {
    const id = top('Id').textContent?.trim() ?? '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Yeoman / Office-Addin-TaskPane templates and the docs' samples.
    expect(['05c2e1c9-3e1d-406e-9a91-e9ac64854143', '5ba75cdf-5225-405b-8644-c5beab6bdaed', '455acfce-edcc-4084-82f9-b01c2a1f3cdd']).not.toContain(id);
  });

  it('is a zh-CN Excel task pane add-in with en-US overrides', () => {
    expect(doc.documentElement.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(top('DefaultLocale').textContent).toBe('zh-CN');
    expect([...top('Hosts').children].map((h) => h.getAttribute('Name'))).toEqual(['Workbook']);
    expect(top('Permissions').textContent).toBe('ReadWriteDocument');
    const name = top('DisplayName');
    expect(name.getAttribute('DefaultValue')).toBe('核分');
    expect(overrides(name)).toEqual({ 'en-US': 'Hefen' });
    const description = top('Description');
    expect(description.getAttribute('DefaultValue')).toMatch(/绩效自评表/);
    expect(overrides(description)['en-US']).toMatch(/self-evaluation/);
  });

  it('requires ExcelApi 1.7', () => {
    const sets = all('Set').map((s) => [s.getAttribute('Name'), s.getAttribute('MinVersion')]);
    expect(sets).toEqual([['ExcelApi', '1.7']]);
  });

  it('puts a 核分 group with a 检查得分 button that opens the pane on the Home tab', () => {
    expect(one('OfficeTab').getAttribute('id')).toBe('TabHome');
    const strings = new Map(all('bt:String').map((s) => [s.getAttribute('id'), s]));
    const text = (resid: string | null | undefined): string => strings.get(resid ?? '')?.getAttribute('DefaultValue') ?? '';
    const group = one('Group');
    const groupLabel = [...group.children].find((c) => c.tagName === 'Label')?.getAttribute('resid');
    expect(text(groupLabel)).toBe('核分');
    const control = one('Control');
    expect(control.getAttribute('xsi:type')).toBe('Button');
    const buttonLabel = [...control.children].find((c) => c.tagName === 'Label')?.getAttribute('resid');
    expect(text(buttonLabel)).toBe('检查得分');
    expect(overrides(strings.get(buttonLabel ?? '')!)['en-US']).toBe('Check scores');
    expect(one('Action').getAttribute('xsi:type')).toBe('ShowTaskpane');
    const sizes = control.getElementsByTagName('bt:Image');
    expect([...sizes].map((i) => i.getAttribute('size'))).toEqual(['16', '32', '80']);
  });

  it('defines every resource it references, each with an en-US override for text', () => {
    const defined = new Map<string, Element>();
    for (const tag of ['bt:Image', 'bt:Url', 'bt:String']) {
      for (const el of all(tag)) {
        const id = el.getAttribute('id');
        if (id === null) continue; // <bt:Image size=".." resid=".."> inside <Icon> is a reference
        expect(defined.has(id), `duplicate resource id ${id}`).toBe(false);
        expect(id.length, `resource id ${id} longer than 32 characters`).toBeLessThanOrEqual(32);
        defined.set(id, el);
      }
    }
    const referenced = new Set(all('*').map((e) => e.getAttribute('resid')).filter((r): r is string => r !== null));
    for (const resid of referenced) expect(defined.has(resid), `undefined resid ${resid}`).toBe(true);
    for (const id of defined.keys()) expect(referenced.has(id), `unused resource ${id}`).toBe(true);
    for (const s of all('bt:String')) {
      expect(overrides(s)['en-US'], `en-US override of ${s.getAttribute('id')}`).toBeTruthy();
      const max = s.parentElement?.tagName === 'bt:ShortStrings' ? 125 : 250;
      expect(s.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(max);
    }
  });

  describe('URLs match what npm run build emits and npm start serves', () => {
    let outDir = '';
    beforeAll(async () => {
      // A development build with a one-line entry: the bundle is irrelevant here; the HTML page,
      // the copied icons and the manifest are what the URLs must find.
      outDir = mkdtempSync(join(tmpdir(), 'hefen-pack-'));
      const entry = join(outDir, '..', `${outDir.split('/').pop()}-entry.js`);
      writeFileSync(entry, 'export {};\n');
      try {
        await new Promise<void>((ok, fail) => {
          const compiler = webpack(createConfig({ mode: 'development', entry, outDir }));
          compiler.run((err, stats) => {
            compiler.close(() => undefined);
            if (err || !stats || stats.hasErrors()) fail(err ?? new Error(stats?.toString('errors-only')));
            else ok();
          });
        });
      } finally {
        rmSync(entry, { force: true });
      }
    });
    afterAll(() => {
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    it('every URL is https://localhost at the served port and names an emitted file', () => {
      const urls = new Set<string>();
      for (const el of all('*')) {
        for (const attr of ['DefaultValue', 'Value']) {
          const v = el.getAttribute(attr);
          if (v && /^https?:/.test(v)) urls.add(v);
        }
      }
      expect(urls.size).toBe(5); // taskpane.html and icon-16, -32, -64, -80
      for (const url of urls) {
        const u = new URL(url);
        expect(u.origin, url).toBe(`https://localhost:${DEFAULT_PORT}`);
        expect(existsSync(join(outDir, decodeURIComponent(u.pathname))), `${url} is not in the build output`).toBe(true);
      }
      expect(urls).toContain(`https://localhost:${DEFAULT_PORT}/${TASKPANE_HTML}`);
      const source = top('DefaultSettings').getElementsByTagName('SourceLocation')[0];
      expect(source.getAttribute('DefaultValue')).toBe(`https://localhost:${DEFAULT_PORT}/${TASKPANE_HTML}`);
      const paneUrl = all('bt:Url').find((u) => u.getAttribute('id') === one('Action').getElementsByTagName('SourceLocation')[0].getAttribute('resid'));
      expect(paneUrl?.getAttribute('DefaultValue')).toBe(`https://localhost:${DEFAULT_PORT}/${TASKPANE_HTML}`);
      // The build also ships the manifest itself (for 上传我的加载项 from the browser).
      expect(readFileSync(join(outDir, 'manifest.xml'), 'utf8')).toBe(manifestText);
    });

    it('each icon URL points at a PNG of the size the manifest declares', () => {
      const byId = new Map(all('bt:Image').filter((i) => i.getAttribute('id')).map((i) => [i.getAttribute('id')!, i.getAttribute('DefaultValue')!]));
      const path = (url: string): string => join(outDir, new URL(url).pathname);
      for (const ref of all('bt:Image').filter((i) => i.getAttribute('size'))) {
        const size = Number(ref.getAttribute('size'));
        expect(pngSize(path(byId.get(ref.getAttribute('resid')!)!))).toEqual({ width: size, height: size });
      }
      expect(pngSize(path(top('IconUrl').getAttribute('DefaultValue')!))).toEqual({ width: 32, height: 32 });
      expect(pngSize(path(top('HighResolutionIconUrl').getAttribute('DefaultValue')!))).toEqual({ width: 64, height: 64 });
      expect(pngSize(join(root, 'assets', 'icon-128.png'))).toEqual({ width: 128, height: 128 });
    });

    it('the emitted page loads office.js from the CDN before the bundle, and the bundle is local', () => {
      const html = readFileSync(join(outDir, TASKPANE_HTML), 'utf8');
      const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
      expect(scripts[0]).toBe(OFFICE_JS);
      expect(scripts.slice(1)).toEqual(['taskpane.js']);
      expect(existsSync(join(outDir, 'taskpane.js'))).toBe(true);
    });
  });
});

/** A webpack build of the one-line entry into a fresh folder; returns the folder. */
async function buildInto(config: webpack.Configuration): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'hefen-pack-'));
  const entry = join(outDir, '..', `${outDir.split('/').pop()}-entry.js`);
  writeFileSync(entry, 'export {};\n');
  try {
    await new Promise<void>((ok, fail) => {
      const compiler = webpack({ ...config, entry: { taskpane: entry }, output: { ...config.output, path: outDir } });
      compiler.run((err, stats) => {
        compiler.close(() => undefined);
        if (err || !stats || stats.hasErrors()) fail(err ?? new Error(stats?.toString('errors-only')));
        else ok();
      });
    });
  } finally {
    rmSync(entry, { force: true });
  }
  return outDir;
}

function validate(xml: string): { status: number | null; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), 'hefen-manifest-'));
  try {
    const file = join(dir, 'manifest.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--schema', xsd!, file], { encoding: 'utf8' });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the manifest for an intranet server (HEFEN_BASE_URL)', () => {
  const BASE = 'https://addins.example.gov.cn/hefen';
  const built = buildManifest(manifestText, `${BASE}/`);
  const stripComments = (x: string) => x.replace(/<!--[\s\S]*?-->/g, '');

  it('normalises the base: no trailing slash, lower-case host, default port dropped', () => {
    expect(normaliseBaseUrl('https://addins.example.gov.cn/hefen/')).toBe(BASE);
    expect(normaliseBaseUrl('  HTTPS://Addins.Example.gov.cn:443/hefen//  ')).toBe(BASE);
    expect(normaliseBaseUrl('https://10.1.2.3:8443')).toBe('https://10.1.2.3:8443');
    expect(normaliseBaseUrl('https://addins.example.gov.cn/')).toBe('https://addins.example.gov.cn');
  });

  it('refuses a base Office cannot load from, saying why in Chinese', () => {
    const refuse = (raw: string) => {
      try {
        normaliseBaseUrl(raw);
      } catch (e) {
        expect(e).toBeInstanceOf(BaseUrlError);
        return (e as Error).message;
      }
      throw new Error(`accepted ${raw}`);
    };
    expect(refuse('http://addins.example.gov.cn/hefen')).toMatch(/必须以 https:\/\/ 开头.*Office 只从 HTTPS 地址加载加载项.*http:\/\/addins\.example\.gov\.cn\/hefen/);
    expect(refuse('addins.example.gov.cn/hefen')).toMatch(/必须以 https:\/\/ 开头/);
    expect(refuse('ftp://addins.example.gov.cn')).toMatch(/必须以 https:\/\/ 开头/);
    expect(refuse('')).toMatch(/是空的/);
    expect(refuse('https://')).toMatch(/不是有效的网址/);
    expect(refuse('https://admin:secret@addins.example.gov.cn')).toMatch(/用户名或密码/);
    expect(refuse('https://addins.example.gov.cn/hefen?v=1')).toMatch(/不能带 \? 或 #/);
    expect(() => buildManifest(manifestText, 'http://addins.example.gov.cn')).toThrow(BaseUrlError);
  });

  it('points every address at the base, at the same paths as the development manifest', () => {
    const devUrls = manifestUrls(manifestText);
    const urls = manifestUrls(built);
    expect(urls).toHaveLength(devUrls.length);
    expect(urls).toHaveLength(7); // IconUrl, HighResolutionIconUrl, SourceLocation, 3 bt:Image, 1 bt:Url
    for (const url of urls) expect(url.startsWith(`${BASE}/`), url).toBe(true);
    expect(urls.map((u) => u.slice(BASE.length))).toEqual(devUrls.map((u) => u.slice(DEV_BASE_URL.length)));
    expect(built).not.toMatch(/localhost/);
    // nothing else changed: the same manifest once the addresses are put back
    expect(stripComments(built).replaceAll(BASE, DEV_BASE_URL)).toBe(stripComments(manifestText));
    expect(built).toContain(`<SourceLocation DefaultValue="${BASE}/taskpane.html"/>`);
  });

  it('leaves the development manifest as it is', () => {
    expect(buildManifest(manifestText, DEV_BASE_URL)).toBe(manifestText);
    expect(buildManifest(manifestText, `${DEV_BASE_URL}/`)).toBe(manifestText);
  });

  it('escapes what XML needs escaped and keeps comments well-formed', () => {
    const odd = buildManifest(manifestText, "https://my--host.example/a&b's");
    expect(odd).toContain('DefaultValue="https://my--host.example/a&amp;b&apos;s/taskpane.html"');
    const comments = odd.match(/<!--([\s\S]*?)-->/g) ?? [];
    for (const c of comments) expect(c.slice(4, -3)).not.toContain('--');
  });

  it('refuses a template with an address it cannot move', () => {
    const stray = manifestText.replace('</DisplayName>', '</DisplayName>\n  <SupportUrl DefaultValue="https://support.example.com/"/>');
    expect(() => buildManifest(stray, BASE)).toThrow(/不在 https:\/\/localhost:3000 下.*support\.example\.com/);
  });

  it.skipIf(!hasXmllint)('the rewritten manifest validates against the schema (xmllint, offline)', () => {
    expect(validate(built)).toEqual({ status: 0, stderr: expect.stringMatching(/validates/) });
    expect(validate(buildManifest(manifestText, 'https://10.1.2.3:8443/office/addins/hefen')).status).toBe(0);
  });

  describe('npm run build with HEFEN_BASE_URL', () => {
    let outDir = '';
    const saved = process.env.HEFEN_BASE_URL;
    beforeAll(async () => {
      process.env.HEFEN_BASE_URL = `${BASE}/`;
      try {
        // what webpack-cli runs for `npm run build`, with the one-line entry
        outDir = await buildInto(addinConfig(undefined, { mode: 'development' })[0]);
      } finally {
        if (saved === undefined) delete process.env.HEFEN_BASE_URL;
        else process.env.HEFEN_BASE_URL = saved;
      }
    });
    afterAll(() => {
      if (outDir) rmSync(outDir, { recursive: true, force: true });
    });

    it('emits the rewritten manifest, and every address names a file of dist/addin', () => {
      const emitted = readFileSync(join(outDir, 'manifest.xml'), 'utf8');
      expect(emitted).toBe(built);
      for (const url of manifestUrls(emitted)) {
        const file = join(outDir, decodeURIComponent(url.slice(BASE.length)));
        expect(existsSync(file), `${url} is not in the build output`).toBe(true);
      }
      expect(existsSync(join(outDir, TASKPANE_HTML))).toBe(true);
    });

    it('without the variable the build keeps the localhost manifest', () => {
      expect(process.env.HEFEN_BASE_URL).toBe(saved);
      if (saved !== undefined) return; // set outside the test: nothing to compare
      const config = addinConfig(undefined, { mode: 'development' })[0];
      const copy = (config.plugins ?? []).find((p) => p?.constructor?.name === 'CopyPlugin') as unknown as {
        patterns: { to?: string; transform?: (c: Buffer) => string }[];
      };
      const manifest = copy.patterns.find((p) => p.to === 'manifest.xml')!;
      expect(manifest.transform!(Buffer.from(manifestText))).toBe(manifestText);
    });

    it('webpack-cli refuses an http:// base with the Chinese message, before compiling', () => {
      const r = spawnSync(process.execPath, [join(root, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'development'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, HEFEN_BASE_URL: 'http://addins.example.gov.cn/hefen' },
        timeout: 60_000,
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('HEFEN_BASE_URL 必须以 https:// 开头');
      expect(r.stdout + r.stderr).not.toMatch(/compiled/);
    });
  });
});

describe('taskpane.html', () => {
  const html = readFileSync(join(root, 'src', 'taskpane', 'taskpane.html'), 'utf8');

  it('is UTF-8, zh-CN, has #root and loads office.js from Microsoft', () => {
    expect(html).toMatch(/<html lang="zh-CN">/);
    expect(html).toMatch(/<meta charset="UTF-8">/i);
    expect(html).toMatch(/<div id="root"><\/div>/);
    expect(html).toContain(`<script src="${OFFICE_JS}"></script>`);
  });

  it('its inline browser check is plain ES5 (it has to run in IE11)', () => {
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    expect(() => parseJs(inline[0], { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    // And the parser would catch ES2015 if someone slipped it in.
    expect(() => parseJs('var f = () => 1;', { ecmaVersion: 5 })).toThrow();
    // The probe of newer syntax lives in a string, so IE11 can parse the page script itself.
    expect(inline[0]).toMatch(/new Function\('[^']*\?\.[^']*'\)/);
  });

  it('names the Office versions that work, in Chinese and English', () => {
    const message = html.slice(html.indexOf('id="hefen-unsupported"'));
    for (const s of ['Excel 2021', 'Excel 2024', 'Microsoft 365', 'Excel 网页版', 'IE11', 'WPS', 'Excel on the web']) {
      expect(message).toContain(s);
    }
  });
});
