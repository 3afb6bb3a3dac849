/**
 * `hefen check FILE --write-totals`: the patch writer changes only the aggregate cells (every
 * other part of the package byte-identical, a number format through a style of its own), the
 * write is atomic, the input is never the output by another path, an existing output needs
 * --force, only finite numbers go into numeric cells, formulas stay unless --overwrite-formulas,
 * and legacy input writes .xlsx and says so.
 */
import { chmodSync, existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlannedWrite } from '../../src/core/index.js';
import { isSameFile, nodeFs, type FileSystem } from '../../src/cli/files.js';
import { main } from '../../src/cli/main.js';
import { selectWrites, writeTotals, WriteTotalsError } from '../../src/cli/write-totals.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { seed002 } from '../fixtures/seeds.js';
import { toXls, xlsxBytes } from '../xlsx/support.js';
import { capture } from './support.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hefen-totals-'));
const file = (name: string) => path.join(dir, name);

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out, err: c.err };
}

function sheetOf(bytes: Uint8Array, sheet = 'Sheet1') {
  return readWorkbook(bytes).sheets.find((s) => s.sheet === sheet)!;
}

function cellOf(bytes: Uint8Array, a1: string, sheet = 'Sheet1') {
  const s = sheetOf(bytes, sheet);
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  const [r, c] = [row - s.top, col - s.left];
  return { value: s.values[r]?.[c] ?? null, formula: s.formulas?.[r]?.[c] ?? null, numberFormat: s.numberFormat?.[r]?.[c] ?? 'General' };
}

/** Seed 002 with its rate as a bare 0.8 whose style it shares with 125 cells on another sheet. */
function sharedStyleWorkbook(): ExcelJS.Workbook {
  const wb = seed002();
  const font = { name: '宋体', size: 11 };
  const rate = wb.getWorksheet('Sheet1')!.getCell('F5');
  rate.value = 0.8;
  rate.font = font;
  const other = wb.addWorksheet('明细');
  for (let i = 0; i < 125; i++) {
    const c = other.getCell(1 + (i % 25), 1 + Math.floor(i / 25));
    c.value = 200;
    c.font = font;
  }
  return wb;
}

const cellXml = (xml: string, ref: string) => new RegExp(`<c r="${ref}"(?:[^>]*/>|[^>]*>[\\s\\S]*?</c>)`);
const xfsOf = (styles: string) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)!;

describe('only the aggregate cells change', () => {
  let input: string;
  let before: Uint8Array;
  beforeAll(async () => {
    before = await xlsxBytes(sharedStyleWorkbook());
    input = file('shared.xlsx');
    writeFileSync(input, before);
  });

  it('every other part byte-identical; the rate gets a style of its own, the 125 cells sharing its old one keep theirs', async () => {
    const out = file('shared-out.xlsx');
    const r = await run('check', input, '--write-totals', '--out', out, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.written.map((w: { cell: string; old: string; new: string }) => `${w.cell} ${w.old}→${w.new}`)).toEqual([
      'F5 80%→66.55%',
      'H5 7→4.66',
      'G27 94.5→92.16',
    ]);
    const after = readFileSync(out);
    expect(readFileSync(input).equals(Buffer.from(before))).toBe(true);

    const a = unzipSync(before);
    const b = unzipSync(after);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    const dec = new TextDecoder();
    const changed = Object.keys(a).filter((k) => !Buffer.from(a[k]).equals(Buffer.from(b[k])));
    expect(changed.sort()).toEqual(['xl/styles.xml', 'xl/worksheets/sheet1.xml']);

    // The sheet: the same XML once the three written cells are taken out.
    let sa = dec.decode(a['xl/worksheets/sheet1.xml']);
    let sb = dec.decode(b['xl/worksheets/sheet1.xml']);
    for (const ref of ['F5', 'H5', 'G27']) {
      expect(sb).toMatch(cellXml(sb, ref));
      sa = sa.replace(cellXml(sa, ref), '');
      sb = sb.replace(cellXml(sb, ref), '');
    }
    expect(sb).toBe(sa);

    // Styles: the old records untouched, one appended for the rate's 0.00%.
    const xa = xfsOf(dec.decode(a['xl/styles.xml']));
    const xb = xfsOf(dec.decode(b['xl/styles.xml']));
    expect(xb.slice(0, xa.length)).toEqual(xa);
    expect(xb.length).toBe(xa.length + 1);
    const rateStyle = Number(/ s="(\d+)"/.exec(cellXml(sb, 'F5').exec(dec.decode(b['xl/worksheets/sheet1.xml']))![0])![1]);
    expect(rateStyle).toBe(xa.length);

    expect(cellOf(after, 'F5')).toMatchObject({ value: 0.6655, numberFormat: '0.00%' });
    const detail = sheetOf(after, '明细');
    expect(detail.numberFormat!.flat().every((f) => f === 'General')).toBe(true);
    expect(detail).toEqual(sheetOf(before, '明细'));
  });

  it('re-checking the copy finds nothing left to write', async () => {
    const out = file('shared-out.xlsx');
    const r = await run('check', out, '--write-totals', '--out', file('shared-again.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('没有需要写回');
    // Nothing to write: the copy is the original's bytes.
    expect(readFileSync(file('shared-again.xlsx')).equals(readFileSync(out))).toBe(true);
  });
});

describe('the output is never the input, and an existing output needs --force', () => {
  let input: string;
  let original: Buffer;
  beforeAll(async () => {
    input = file('seed002.xlsx');
    writeFileSync(input, await xlsxBytes(seed002()));
    original = readFileSync(input);
  });

  it.each([
    ['the same path', () => input, /与输入文件相同/],
    ['another spelling of it', () => path.join(dir, '.', 'sub', '..', 'seed002.xlsx'), /与输入文件相同/],
    ['a symlink to it', () => (symlinkSync(input, file('link.xlsx')), file('link.xlsx')), /符号链接、硬链接/],
    ['a hard link to it', () => (linkSync(input, file('hard.xlsx')), file('hard.xlsx')), /符号链接、硬链接/],
    [
      'a path through a symlinked folder',
      () => (symlinkSync(dir, file('dirlink')), path.join(dir, 'dirlink', 'seed002.xlsx')),
      /符号链接、硬链接/,
    ],
  ])('refuses %s, even with --force, and leaves the input as it was', async (_, out, words) => {
    const target = out();
    for (const extra of [[], ['--force']]) {
      const r = await run('check', input, '--write-totals', '--out', target, ...extra);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(words);
      expect(r.err).toContain('--in-place');
    }
    expect(readFileSync(input).equals(original)).toBe(true);
  });

  it('an existing output needs --force', async () => {
    const out = file('exists.xlsx');
    writeFileSync(out, 'keep me');
    const r = await run('check', input, '--write-totals', '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await run('check', input, '--write-totals', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(cellOf(readFileSync(out), 'G27').value).toBe(92.16);
  });

  it('on a case-insensitive folder, another case of the name is the input', async () => {
    const fold = (p: string) => path.join(path.dirname(p), path.basename(p).toLowerCase());
    // A file system that folds case and has no inode numbers (FAT, some network shares).
    const folding: FileSystem = {
      ...nodeFs,
      stat: async (p) => Object.assign(await nodeFs.stat(fold(p)), { ino: 0n }),
      realpath: async (p) => {
        await nodeFs.stat(fold(p));
        return path.resolve(p);
      },
    };
    const lower = file('case.xlsx');
    writeFileSync(lower, original);
    expect(await isSameFile(lower, file('CASE.XLSX'), folding)).toBe(true);
    expect(await isSameFile(lower, file('Case.xlsx'), nodeFs)).toBe(false);
    expect(await isSameFile(lower, file('other.xlsx'), folding)).toBe(false);
  });
});

describe('atomic: a write that fails part-way leaves the target as it was', () => {
  async function failingFs(kind: 'write' | 'rename'): Promise<FileSystem> {
    return {
      ...nodeFs,
      open: (async (p: string, flags: string, mode?: number) => {
        const fh = await fsp.open(p, flags, mode);
        if (kind !== 'write') return fh;
        let calls = 0;
        return new Proxy(fh, {
          get(t, prop) {
            if (prop === 'write') {
              return async (buf: Uint8Array, off: number, len: number) => {
                if (calls++ > 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
                return t.write(buf, off, Math.max(1, Math.floor(len / 2)));
              };
            }
            const v = Reflect.get(t, prop);
            return typeof v === 'function' ? v.bind(t) : v;
          },
        });
      }) as FileSystem['open'],
      rename: kind === 'rename' ? async () => Promise.reject(Object.assign(new Error('cross-device'), { code: 'EXDEV' })) : nodeFs.rename,
    };
  }

  it.each(['write', 'rename'] as const)('in place, %s fails: the original intact, no temporary file left', async (kind) => {
    const sub = mkdtempSync(path.join(dir, `atomic-${kind}-`));
    const input = path.join(sub, 'form.xlsx');
    writeFileSync(input, await xlsxBytes(seed002()));
    const original = readFileSync(input);
    const req = { input, out: null, inPlace: true, force: false, rules: 'national' as const, overwriteFormulas: false, fs: await failingFs(kind) };
    await expect(writeTotals(req)).rejects.toThrow(new RegExp(`${kind === 'write' ? 'ENOSPC' : 'EXDEV'}.*原文件未改动`));
    expect(readFileSync(input).equals(original)).toBe(true);
    expect(readdirSync(sub)).toEqual(['form.xlsx']);
    // And without the failure the same write goes through, keeping the file's permissions.
    chmodSync(input, 0o640);
    await writeTotals({ ...req, fs: undefined });
    expect(cellOf(readFileSync(input), 'G27').value).toBe(92.16);
    expect(statSync(input).mode & 0o777).toBe(0o640);
    expect(readdirSync(sub)).toEqual(['form.xlsx']);
  });

  it('in place through a symlink writes the real file and keeps the link', async () => {
    const sub = mkdtempSync(path.join(dir, 'inplace-link-'));
    const real = path.join(sub, 'real.xlsx');
    writeFileSync(real, await xlsxBytes(seed002()));
    symlinkSync(real, path.join(sub, 'link.xlsx'));
    expect((await run('check', path.join(sub, 'link.xlsx'), '--write-totals', '--in-place')).code).toBe(0);
    expect((await fsp.lstat(path.join(sub, 'link.xlsx'))).isSymbolicLink()).toBe(true);
    expect(cellOf(readFileSync(real), 'G27').value).toBe(92.16);
  });

  it('in place with nothing to change does not rewrite the file', async () => {
    const sub = mkdtempSync(path.join(dir, 'inplace-none-'));
    const input = path.join(sub, 'form.xlsx');
    writeFileSync(input, await xlsxBytes(seed002()));
    expect((await run('check', input, '--write-totals', '--in-place')).code).toBe(0);
    const written = statSync(input).mtimeMs;
    const again = await run('check', input, '--write-totals', '--in-place');
    expect(again.out).toContain('没有需要写回');
    expect(statSync(input).mtimeMs).toBe(written);
  });
});

describe('values: only finite numbers into numeric cells', () => {
  const item = (value: number | string): PlannedWrite => ({
    sheet: 'Sheet1',
    cell: 'G27',
    role: 'total-score',
    label: '总分',
    declared: '94.5',
    expected: String(value),
    formula: null,
    agrees: false,
    value,
    display: String(value),
    displayOld: '94.5',
    numberFormat: null,
    overwrite: true,
  });

  it.each([NaN, Infinity, -Infinity, '1e999', 'Infinity', ''])('refuses %s for a total, naming the cell', (v) => {
    expect(() => selectWrites([item(v)], [])).toThrow(WriteTotalsError);
    expect(() => selectWrites([item(v)], [])).toThrow(/Sheet1!G27（总分） 应写入数字.*已拒绝写入/);
  });

  it('a number goes through as a patch; a grade word into the grade cell', () => {
    expect(selectWrites([item(92.16)], []).patches).toEqual([{ sheet: 'Sheet1', cell: 'G27', value: 92.16, keepFormula: false }]);
    const grade = { ...item('优'), role: 'grade' as const };
    expect(selectWrites([grade], []).patches[0].value).toBe('优');
  });

  it('a refusal of the patch writer becomes a Chinese message and exit 2, nothing written', async () => {
    const wb = seed002();
    wb.getWorksheet('Sheet1')!.getCell('G27').value = { formula: 'SUM(G13:G26)+H5', result: 94.5, shareType: 'array', ref: 'G27:G28' } as ExcelJS.CellValue;
    const input = file('array.xlsx');
    writeFileSync(input, await xlsxBytes(wb));
    const out = file('array-out.xlsx');
    const r = await run('check', input, '--write-totals', '--out', out, '--overwrite-formulas');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^无法写回：.*文件未改动。/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('formulas and --json', () => {
  let input: string;
  beforeAll(async () => {
    const wb = seed002();
    wb.getWorksheet('Sheet1')!.getCell('G27').value = { formula: 'SUM(G13:G26)+H5', result: 94.5 };
    input = file('formula.xlsx');
    writeFileSync(input, await xlsxBytes(wb));
  });

  it('a formula total is kept, and reported as not written', async () => {
    const r = await run('check', input, '--write-totals', '--out', file('formula-kept.xlsx'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({
      rules: 'national',
      file: input,
      format: 'xlsx',
      output: file('formula-kept.xlsx'),
      outputFormat: 'xlsx',
      converted: false,
      written: [{ sheet: 'Sheet1', cell: 'H5', role: 'execution-score', old: '7', new: '4.66' }],
      skipped: [{ sheet: 'Sheet1', cell: 'G27', role: 'total-score', reason: 'formula' }],
    });
    expect(cellOf(readFileSync(file('formula-kept.xlsx')), 'G27')).toMatchObject({ formula: '=SUM(G13:G26)+H5' });
  });

  it('--overwrite-formulas writes the value over it', async () => {
    const r = await run('check', input, '--write-totals', '--out', file('formula-over.xlsx'), '--overwrite-formulas');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sheet1!G27: =SUM(G13:G26)+H5 → 92.16');
    expect(cellOf(readFileSync(file('formula-over.xlsx')), 'G27')).toMatchObject({ value: 92.16, formula: null });
  });

  it('a refusal with --json is JSON too, with the reason', async () => {
    const r = await run('check', file('nope.xlsx'), '--write-totals', '--out', file('nope-out.xlsx'), '--json');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toMatchObject({ file: file('nope.xlsx'), output: null, written: [], error: expect.stringContaining('找不到文件') });
  });
});

describe('legacy input writes .xlsx and says so', () => {
  let xls: string;
  let original: Buffer;
  beforeAll(async () => {
    xls = file('legacy.xls');
    writeFileSync(xls, toXls(await xlsxBytes(seed002())));
    original = readFileSync(xls);
  });

  it('--out 名.xls becomes 名.xlsx, written and re-checked', async () => {
    const r = await run('check', xls, '--write-totals', '--out', file('legacy-out.xls'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('已另存为 .xlsx');
    expect(r.out).toContain(`→ ${file('legacy-out.xlsx')}`);
    expect(existsSync(file('legacy-out.xls'))).toBe(false);
    const out = readFileSync(file('legacy-out.xlsx'));
    expect(readWorkbook(out).format).toBe('xlsx');
    expect(cellOf(out, 'G27').value).toBe(92.16);
    expect(cellOf(out, 'H5').value).toBe(4.66);
    expect(readFileSync(xls).equals(original)).toBe(true);
  });

  it('--in-place on an .xls writes 名.xlsx beside it and leaves the .xls alone', async () => {
    const r = await run('check', xls, '--write-totals', '--in-place', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'xls', converted: true, output: file('legacy.xlsx'), outputFormat: 'xlsx' });
    expect(readFileSync(xls).equals(original)).toBe(true);
    expect(cellOf(readFileSync(file('legacy.xlsx')), 'G27').value).toBe(92.16);
    // Again: the .xlsx now exists and is only replaced with --force.
    expect((await run('check', xls, '--write-totals', '--in-place')).code).toBe(2);
    expect((await run('check', xls, '--write-totals', '--in-place', '--force')).code).toBe(0);
  });
});
