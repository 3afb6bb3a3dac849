/**
 * The installed command: bin/build-cli.mjs bundles the CLI (the options `prepare` uses), `check`
 * loads no ExcelJS (only the lazily imported chunks of `template` and `review` do), and the bundle
 * runs as a real process: --version from package.json, --help, check, template, review on workers.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBuildOptions } from '../../bin/build-cli.mjs';
import { seed002 } from '../fixtures/seeds.js';
import { xlsxBytes } from '../xlsx/support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Inside the repository, so the bundle finds node_modules; package.json beside it as in a clone.
mkdirSync(path.join(root, '.tmp'), { recursive: true });
const home = mkdtempSync(path.join(root, '.tmp', 'bundle-'));
const outdir = path.join(home, 'dist', 'cli');
let meta: Metafile;
let seed: string;

beforeAll(async () => {
  copyFileSync(path.join(root, 'package.json'), path.join(home, 'package.json'));
  meta = (await build(cliBuildOptions(outdir))).metafile!;
  seed = path.join(home, 'seed002.xlsx');
  writeFileSync(seed, await xlsxBytes(seed002()));
}, 60_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

function hefen(...args: string[]) {
  return spawnSync(process.execPath, [path.join(outdir, 'hefen.js'), ...args], { encoding: 'utf8', cwd: home });
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
});
