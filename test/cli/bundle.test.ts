/**
 * The installed command: bin/build-cli.mjs bundles the CLI (the options `prepare` uses), `check`
 * loads no ExcelJS (only the lazily imported chunks of `template` and `review` do) and no SheetJS
 * unless a legacy file is read, a rebuild leaves no stale chunks, and the bundle runs as a real
 * process: --version from package.json, --help, check, template, review on workers, and .xls/.et
 * through the lazily loaded SheetJS in check, --write-totals and review.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CFB } from '@e965/xlsx';
import { type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../../bin/build-cli.mjs';
import { seed002 } from '../fixtures/seeds.js';
import { toXls, xlsxBytes } from '../xlsx/support.js';
import { main } from '../../src/cli/main.js';
import { openZip } from '../../src/xlsx/reader/zip.js';
import { capture } from './support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository, so the bundle finds node_modules; package.json beside it as in a clone.
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const home = mkdtempSync(path.join(root, '.tmp', 'bundle-'));
const outdir = path.join(home, 'dist', 'cli');
let meta: Metafile;
let seed: string;
let xls: string;
let et: string;
const stale = path.join(outdir, 'chunk-STALE000.js');
const notOurs = path.join(outdir, 'notes.txt');

beforeAll(async () => {
  copyFileSync(path.join(root, 'package.json'), path.join(home, 'package.json'));
  mkdirSync(outdir, { recursive: true });
  writeFileSync(stale, 'throw new Error("a chunk of an earlier build")\n');
  writeFileSync(notOurs, 'not a script\n');
  meta = (await buildCli(outdir)).metafile!;
  seed = path.join(home, 'seed002.xlsx');
  const bytes = await xlsxBytes(seed002());
  writeFileSync(seed, bytes);
  xls = path.join(home, 'seed002.xls');
  writeFileSync(xls, toXls(bytes));
  // WPS .et: the same Workbook stream beside a WPS stream.
  const cfb = CFB.read(toXls(bytes), { type: 'array' });
  CFB.utils.cfb_add(cfb, 'ETExtData', new Uint8Array(64).fill(1));
  et = path.join(home, 'seed002.et');
  writeFileSync(et, new Uint8Array(CFB.write(cfb, { type: 'array' }) as ArrayBuffer));
}, 60_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

function hefen(...args: string[]) {
  return spawnSync(process.execPath, [path.join(outdir, 'hefen.js'), ...args], { encoding: 'utf8', cwd: home });
}

/**
 * The bundle run with hooks that report on stderr each load of SheetJS or fflate ("LOADED
 * sheetjs", "LOADED fflate"): an ES module resolution hook, and a CommonJS one for require().
 */
function hefenWatchingLoads(...args: string[]) {
  const esm = path.join(home, 'esm-hook.mjs');
  writeFileSync(
    esm,
    `export async function resolve(specifier, context, next) {
       const r = await next(specifier, context);
       if (r.url.includes('/@e965/xlsx/')) process.stderr.write('LOADED sheetjs\\n');
       if (r.url.includes('/fflate/')) process.stderr.write('LOADED fflate\\n');
       return r;
     }\n`,
  );
  const cjs = path.join(home, 'cjs-hook.cjs');
  writeFileSync(
    cjs,
    `const Module = require('node:module');
     const load = Module._load;
     Module._load = function (request, ...rest) {
       if (request === 'fflate' || request.startsWith('@e965/xlsx')) process.stderr.write(request === 'fflate' ? 'LOADED fflate\\n' : 'LOADED sheetjs\\n');
       return load.call(this, request, ...rest);
     };\n`,
  );
  const register = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(pathToFileURL(esm).href)})`;
  return spawnSync(process.execPath, ['--require', cjs, '--import', register, path.join(outdir, 'hefen.js'), ...args], { encoding: 'utf8', cwd: home });
}

/** Packages an output loads, following static imports only or dynamic ones too. */
function packagesLoaded(entry: string, dynamic: boolean): Set<string> {
  const outputs = meta.outputs;
  const key = (p: string) => Object.keys(outputs).find((k) => path.resolve(root, k) === path.resolve(root, p))!;
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (k: string) => {
    if (seen.has(k)) return;
    seen.add(k);
    for (const imp of outputs[k].imports) {
      if (imp.kind === 'dynamic-import' && !dynamic) continue;
      if (imp.external) packages.add(imp.path);
      else visit(key(imp.path));
    }
  };
  visit(key(path.join(outdir, 'hefen.js')));
  return packages;
}

describe('the bundled CLI', () => {
  it('check loads no ExcelJS; template and review do, on demand', () => {
    expect([...packagesLoaded('hefen.js', false)].filter((p) => p.startsWith('exceljs'))).toEqual([]);
    expect(packagesLoaded('hefen.js', true).has('exceljs')).toBe(true);
  });

  it('check imports neither SheetJS nor fflate up front', () => {
    const upFront = packagesLoaded('hefen.js', false);
    expect(upFront.has('@e965/xlsx')).toBe(false);
    expect(upFront.has('fflate')).toBe(false);
    expect(packagesLoaded('hefen.js', true).has('@e965/xlsx')).toBe(true);
  });

  it('a build removes the scripts of earlier builds from its outdir, and nothing else', () => {
    const files = readdirSync(outdir);
    expect(files).not.toContain(path.basename(stale));
    expect(files).toContain(path.basename(notOurs));
    expect(files.filter((f) => f.endsWith('.js')).sort()).toEqual(Object.keys(meta.outputs).map((k) => path.basename(k)).sort());
  });

  it('checking an .xlsx loads neither SheetJS nor fflate; an .xls or .et loads SheetJS and reads like the .xlsx', () => {
    const plain = hefenWatchingLoads('check', seed, '--json');
    expect(plain.status, plain.stderr).toBe(1);
    expect(plain.stderr).not.toContain('LOADED');
    // The hooks do see the packages when they are loaded (else the line above would prove nothing).
    const legacy = hefenWatchingLoads('check', seed, xls, et, '--json');
    expect(legacy.status, legacy.stderr).toBe(1);
    expect(legacy.stderr).toContain('LOADED sheetjs');
    const [ref, ...others] = JSON.parse(legacy.stdout).files;
    expect(others.map((f: { format: string }) => f.format)).toEqual(['xls', 'et']);
    for (const f of others) {
      expect(f.error).toBeUndefined();
      expect(f.findings).toEqual(ref.findings);
      expect(f.forms.map((x: { total: unknown }) => x.total)).toEqual(ref.forms.map((x: { total: unknown }) => x.total));
    }
  });

  it('a stream zlib refuses is read again by fflate, loaded then, with the reader\'s own message', async () => {
    const bytes = new Uint8Array(readFileSync(seed));
    const sheet = openZip(bytes).byName.get('xl/worksheets/sheet1.xml')!;
    bytes[sheet.dataOffset + (sheet.compressedSize >> 1)] ^= 0x55;
    const damaged = path.join(home, 'damaged.xlsx');
    writeFileSync(damaged, bytes);
    const r = hefenWatchingLoads('check', damaged, '--json');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('LOADED fflate');
    const c = capture();
    await main(['check', damaged, '--json'], c.io);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(c.out));
    expect(JSON.parse(r.stdout).files[0].error).toMatch(/损坏/);
  });

  it('--write-totals converts an .xls through the lazily loaded SheetJS; review reads .xls on workers', () => {
    const out = path.join(home, 'written.xlsx');
    const w = hefen('check', xls, '--write-totals', '--out', out);
    expect(w.status, w.stderr).toBe(0);
    const back = hefen('check', out, '--json');
    expect(JSON.parse(back.stdout).files[0]).toMatchObject({ format: 'xlsx', forms: [{ total: { declared: '92.16', recomputed: '92.16' } }] });
    const r = hefen('review', seed, xls, et, '--json', '--jobs', '2');
    expect(r.stderr).not.toContain('内部错误');
    const files = JSON.parse(r.stdout).files as { file: string; format: string; error?: string }[];
    // In path order: seed002.et, seed002.xls, seed002.xlsx.
    expect(files.map((f) => [path.basename(f.file), f.format, f.error])).toEqual([
      ['seed002.et', 'et', undefined],
      ['seed002.xls', 'xls', undefined],
      ['seed002.xlsx', 'xlsx', undefined],
    ]);
  });

  it('--version prints the version in package.json; --help works per command', () => {
    const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
    expect(hefen('--version')).toMatchObject({ status: 0, stdout: `hefen ${version}\n` });
    const check = hefen('check', '--help');
    expect(check.status).toBe(0);
    expect(check.stdout).toContain('--write-totals');
    expect(check.stdout).toContain('.et');
    const template = hefen('template', '--help');
    expect(template.status).toBe(0);
    expect(template.stdout).toContain('--rows');
    expect(hefen('--help').stdout).toContain('hefen --version');
  });

  it('checks a file, writes a template, reviews on worker threads', () => {
    const check = hefen('check', seed, '--json');
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).files[0]).toMatchObject({ format: 'xlsx', forms: [{ total: { recomputed: '92.16' } }] });
    const t = hefen('template', 'project', '--out', path.join(home, 't.xlsx'));
    expect(t.status, t.stderr).toBe(0);
    const r = hefen('review', seed, path.join(home, 't.xlsx'), '--out', path.join(home, 'r.xlsx'), '--jobs', '2');
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr + r.stdout).not.toContain('内部错误');
  });

  it('output into a pipe closed early (| head) ends quietly with the check\'s exit code; a full disk is exit 2', () => {
    // Forty copies of the seed: more output than a pipe holds, so writes go on after `head` has gone.
    const files = Array.from({ length: 40 }, () => JSON.stringify(seed)).join(' ');
    const cli = JSON.stringify(path.join(outdir, 'hefen.js'));
    for (const json of ['--json', '']) {
      const run = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${cli} check ${json} ${files} | head -c 10 >/dev/null; echo \${PIPESTATUS[0]}`], {
        encoding: 'utf8',
        cwd: home,
      });
      expect(run.stderr, json).toBe('');
      expect(run.stdout.trim(), json).toBe('1');
    }
    const full = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${cli} check --json ${JSON.stringify(seed)} >/dev/full`], { encoding: 'utf8', cwd: home });
    expect(full.status).toBe(2);
    expect(full.stderr).toBe('核分：无法写出结果（ENOSPC）\n');
  });
});
