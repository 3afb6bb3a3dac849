import { toXls, xlsxBytes } from '../xlsx/support.js';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import { CODE_TITLES } from '../../src/core/findings.js';
import type { Finding, FormReport } from '../../src/core/index.js';
import { ANNOTATION_FILL, ANNOTATION_SHEET, FINDING_HEADERS, OVERVIEW_HEADERS, verdictOf } from '../../src/xlsx/review/index.js';
import { seed001, seed004 } from '../fixtures/seeds.js';
import { variants } from '../fixtures/variants.js';
import { seed002Variant } from './forms.js';

function capture(tty = false) {
  const c = { out: '', err: '' };
  return {
    c,
    io: { out: { write: (s: string) => (c.out += s) }, err: { write: (s: string) => (c.err += s), isTTY: tty } },
  };
}

const root = mkdtempSync(path.join(tmpdir(), 'hefen-review-'));
const input = path.join(root, '来文');
const at = (...p: string[]) => path.join(input, ...p);
const out = (name: string) => path.join(root, name);

/** The readable workbooks of the mixed folder, with the name `check` can read them under. */
const READABLE = ['a.xlsx', 'b.xlsx', path.join('市县', 'c.xlsx'), path.join('市县', '部门.et'), 'noform.xlsx'];

beforeAll(async () => {
  mkdirSync(at('市县', '深层'), { recursive: true });
  await seed002Variant(0).xlsx.writeFile(at('a.xlsx'));
  await seed002Variant(1).xlsx.writeFile(at('b.xlsx'));
  await seed002Variant(2).xlsx.writeFile(at('市县', 'c.xlsx'));
  // A WPS .et that is really an .xlsx inside (WPS saves that way when asked): read by content.
  await seed001().xlsx.writeFile(at('市县', '部门.et'));
  await variants.noForm().xlsx.writeFile(at('noform.xlsx'));
  await seed004().xlsx.writeFile(at('市县', '深层', 'd.xlsm'));
  writeFileSync(at('broken.xlsx'), 'PK\u0003\u0004 this is not a zip');
  // A real legacy .xls (BIFF8, written by SheetJS) is reviewed like the .xlsx it came from.
  writeFileSync(at('市县', '旧格式.xls'), toXls(await xlsxBytes(seed002Variant(3))));
  // An OLE2 signature with nothing behind it: recognised as legacy, listed as unreadable.
  writeFileSync(at('旧表.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
  writeFileSync(at('说明.txt'), '不是工作簿');
  writeFileSync(at('~$a.xlsx'), 'Office lock file');
  // For comparing with `check`, which reads .xlsx by name only.
  copyFileSync(at('市县', '部门.et'), out('部门-as.xlsx'));
});

async function checkJson(file: string) {
  const { c, io } = capture();
  await main(['check', file, '--json'], io);
  return JSON.parse(c.out).files[0];
}

async function review(argv: string[], tty = false) {
  const { c, io } = capture(tty);
  const code = await main(['review', ...argv], io);
  return { code, ...c };
}

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** A sheet as header-keyed records (hyperlinks as their text, and the link kept aside). */
function records(ws: ExcelJS.Worksheet): { values: Record<string, unknown>; links: Record<string, string> }[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: { values: Record<string, unknown>; links: Record<string, string> }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const values: Record<string, unknown> = {};
    const links: Record<string, string> = {};
    header.forEach((h, j) => {
      const v = ws.getCell(r, j + 1).value;
      if (v && typeof v === 'object' && 'hyperlink' in v) {
        values[h] = v.text;
        links[h] = v.hyperlink;
      } else values[h] = v ?? null;
    });
    rows.push({ values, links });
  }
  return rows;
}

const num = (s: string | null) => (s === null ? null : Number(s));

describe('hefen review: a mixed folder', () => {
  let json: { rules: string; files: { file: string; format?: string; error?: string; forms: FormReport[]; findings: Finding[] }[]; summary: Record<string, unknown> };
  let code: number;

  beforeAll(async () => {
    const r = await review([input, '--out', out('审核汇总.xlsx'), '--json', '--jobs', '1']);
    code = r.code;
    json = JSON.parse(r.out);
  });

  it('finds the workbooks recursively by extension, reads them by content, skips other files', () => {
    const names = json.files.map((f) => path.relative(input, f.file));
    expect(names).toEqual(['a.xlsx', 'b.xlsx', 'broken.xlsx', 'noform.xlsx', '市县/c.xlsx', '市县/旧格式.xls', '市县/深层/d.xlsm', '市县/部门.et', '旧表.xls']);
    expect(json.files.find((f) => f.file.endsWith('部门.et'))?.format).toBe('xlsx');
    const legacy = json.files.find((f) => f.file.endsWith('旧格式.xls'));
    expect(legacy?.format).toBe('xls');
    expect(legacy?.forms).toHaveLength(1);
    // the .xls copy of a seed-002 variant gives the same findings as the .xlsx it was made from
    expect(legacy?.findings.length).toBeGreaterThan(0);
  });

  it('exit 2 when a file cannot be read, even though errors were found too', () => {
    expect(code).toBe(2);
    expect(json.summary).toMatchObject({ unreadable: 2, withoutForm: 1 });
  });

  it('gives per file the same forms and findings as check --json', async () => {
    for (const name of READABLE) {
      const mine = json.files.find((f) => f.file === at(name))!;
      const theirs = await checkJson(name.endsWith('.et') ? out('部门-as.xlsx') : at(name));
      expect(mine.forms, name).toEqual(theirs.forms);
      expect(mine.findings, name).toEqual(theirs.findings);
    }
  });

  it('一览: one row per form with the figures check gives, worst first, frozen, filtered, linked', async () => {
    const wb = await load(out('审核汇总.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['一览', '审核意见', '统计', '无法读取']);
    const ws = wb.getWorksheet('一览')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(OVERVIEW_HEADERS);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    const rows = records(ws);
    const forms = json.files.flatMap((f) => f.forms.map((form) => ({ file: f.file, form, findings: f.findings.filter((x) => x.sheet === form.sheet) })));
    expect(rows).toHaveLength(forms.length);
    expect(forms.length).toBeGreaterThanOrEqual(5);
    for (const { file, form, findings } of forms) {
      const row = rows.find((r) => r.values['文件'] === file && r.values['工作表'] === form.sheet);
      expect(row, `${file} ${form.sheet}`).toBeDefined();
      expect(row!.values).toMatchObject({
        项目名称: form.title,
        填报总分: num(form.total.declared),
        加总: num(form.total.sum),
        复算: num(form.total.recomputed),
        复算等级: form.grade.computed,
        '执行率（计算）': num(form.executionRate.computed),
        错误数: findings.filter((x) => x.severity === 'error').length,
        警告数: findings.filter((x) => x.severity === 'warning').length,
        结论: verdictOf(form, findings),
      });
      expect(row!.links['文件']).toBe(path.relative(root, file).split(path.sep).join('/'));
    }
    const order = ['退回修改', '需复核', '通过'];
    const verdicts = rows.map((r) => order.indexOf(r.values['结论'] as string));
    expect(verdicts).toEqual([...verdicts].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.values['结论']))).toEqual(new Set(order));
    const verdictCol = OVERVIEW_HEADERS.indexOf('结论') + 1;
    const fill = (r: number) => (ws.getCell(r, verdictCol).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill(2)).toBe('FFFFC7CE');
    expect(fill(rows.length + 1)).toBe('FFC6EFCE');
  });

  it('审核意见: one row per finding, with the rule title, the explanation, declared → expected and a fix', async () => {
    const wb = await load(out('审核汇总.xlsx'));
    const ws = wb.getWorksheet('审核意见')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(FINDING_HEADERS);
    const rows = records(ws);
    const all = json.files.flatMap((f) => f.findings.map((x) => ({ file: f.file, x })));
    expect(rows).toHaveLength(all.length);
    const key = (file: string, sheet: string, cell: string, title: string) => `${file}|${sheet}|${cell}|${title}`;
    expect(rows.map((r) => key(String(r.values['文件']), String(r.values['工作表']), String(r.values['单元格']), String(r.values['审核要点']))).sort()).toEqual(
      all.map(({ file, x }) => key(file, x.sheet, x.cell, CODE_TITLES[x.code].zh)).sort(),
    );
    const h5 = rows.find((r) => r.values['文件'] === at('a.xlsx') && r.values['单元格'] === 'H5')!;
    // Decimals as numbers (no "number stored as text" flags); words stay text.
    expect(h5.values).toMatchObject({ 是否通过: '否', 填报: 7, 应为: 4.66, 级别: '错误' });
    expect(String(h5.values['审核内容'])).toContain('4.66');
    expect(String(h5.values['整改建议']).length).toBeGreaterThan(5);
    expect(String(h5.values['审核标准'])).toContain('national');
    expect(h5.links['文件']).toBe('来文/a.xlsx');
  });

  it('统计 and 无法读取', async () => {
    const wb = await load(out('审核汇总.xlsx'));
    const stats = wb.getWorksheet('统计')!;
    const text = (stats.getSheetValues() as unknown[][]).flat().map(String).join('|');
    expect(text).toContain('score-mismatch');
    expect(text).toContain('95–100');
    const unreadable = records(wb.getWorksheet('无法读取')!).map((r) => [path.relative(input, String(r.values['文件'])), String(r.values['原因'])]);
    expect(unreadable.map(([f]) => f)).toEqual(['broken.xlsx', 'noform.xlsx', '旧表.xls']);
    expect(unreadable[0][1]).toContain('损坏');
    expect(unreadable[1][1]).toContain('没有找到绩效自评表');
    expect(unreadable[2][1]).toContain('工作簿');
  });
});

describe('hefen review: parallel, deterministic', () => {
  it('--jobs 1 and --jobs 2 give the same JSON and the same review workbook', async () => {
    const one = await review([input, '--out', out('j1.xlsx'), '--json', '--jobs', '1']);
    const two = await review([input, '--out', out('j2.xlsx'), '--json', '--jobs', '2']);
    expect(two.code).toBe(one.code);
    expect(two.out).toBe(one.out);
    const [a, b] = [await load(out('j1.xlsx')), await load(out('j2.xlsx'))];
    for (const ws of a.worksheets) {
      const values = (w: ExcelJS.Worksheet) => JSON.stringify(w.getSheetValues()).replace(/生成时间","[^"]*"/, '');
      expect(values(b.getWorksheet(ws.name)!), ws.name).toBe(values(ws));
    }
  });

  it('as a real process with worker threads; no stack trace; text lines in path order', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'review', input, '--out', out('proc.xlsx'), '--jobs', '2'], {
      encoding: 'utf8',
      cwd: path.resolve(__dirname, '../..'),
    });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
    // Not a terminal: no progress line.
    expect(r.stderr).not.toContain('审核中');
    const files = r.stdout
      .split('\n')
      .filter((l) => l.includes(input))
      .map((l) => /(\/\S+)/.exec(l)![1].replace(/：.*$/, ''));
    expect([...new Set(files)]).toEqual([...new Set(files)].sort());
    expect(r.stdout).toContain('审核汇总 →');
    expect(existsSync(out('proc.xlsx'))).toBe(true);
  });

  it('shows one updating progress line on a terminal', async () => {
    const r = await review([at('a.xlsx'), at('b.xlsx'), '--out', out('tty.xlsx'), '--jobs', '1'], true);
    expect(r.err).toMatch(/\r审核中 2\/2 个文件 · 2 张表 · 发现错误 2 个/);
    expect(r.err).toContain('个/秒');
  });
});

describe('hefen review --annotate', () => {
  const dir = out('批注');
  beforeAll(async () => {
    const before = READABLE.map((n) => readFileSync(at(n)));
    const r = await review([input, '--out', out('ann.xlsx'), '--annotate', dir, '--jobs', '2']);
    expect(r.code).toBe(2);
    READABLE.forEach((n, i) => expect(readFileSync(at(n)).equals(before[i]), `${n} untouched`).toBe(true));
  });

  it('writes an .xlsx copy of each readable input (an .et becomes .xlsx) and links 一览 to it', async () => {
    for (const n of ['a.xlsx', 'b.xlsx', '市县/c.xlsx', '市县/部门.xlsx', '市县/深层/d.xlsx', 'noform.xlsx']) expect(existsSync(path.join(dir, n)), n).toBe(true);
    expect(existsSync(path.join(dir, 'broken.xlsx'))).toBe(false);
    const rows = records((await load(out('ann.xlsx'))).getWorksheet('一览')!);
    expect(rows.find((r) => r.values['文件'] === at('市县', '部门.et'))!.links['文件']).toBe('批注/市县/部门.xlsx');
  });

  it('differs from its input only in fills and comments on flagged cells, plus the added sheet', async () => {
    for (const [name, copy] of [
      ['a.xlsx', 'a.xlsx'],
      ['市县/部门.et', '市县/部门.xlsx'],
    ]) {
      const src = await load(at(name));
      const ann = await load(path.join(dir, copy));
      const mine = (await checkJson(name.endsWith('.et') ? out('部门-as.xlsx') : at(name))).findings as Finding[];
      const flagged = new Map(mine.map((x) => [`${x.sheet}!${x.cell}`, x]));
      expect(ann.worksheets.map((w) => w.name)).toEqual([...src.worksheets.map((w) => w.name), ANNOTATION_SHEET]);
      for (const ws of src.worksheets) {
        const other = ann.getWorksheet(ws.name)!;
        expect(other.model.merges, ws.name).toEqual(ws.model.merges);
        expect(other.columns?.map((c) => c.width)).toEqual(ws.columns?.map((c) => c.width));
        const rowCount = Math.max(ws.rowCount, other.rowCount);
        for (let r = 1; r <= rowCount; r++) {
          const width = Math.max(ws.getRow(r).cellCount, other.getRow(r).cellCount);
          for (let c = 1; c <= width; c++) {
            const a = ws.getCell(r, c);
            const b = other.getCell(r, c);
            const where = `${name} ${ws.name}!${a.address}`;
            expect(b.value, where).toEqual(a.value);
            expect(b.numFmt, where).toEqual(a.numFmt);
            expect(b.font, where).toEqual(a.font);
            expect(b.border, where).toEqual(a.border);
            expect(b.alignment, where).toEqual(a.alignment);
            const x = flagged.get(`${ws.name}!${a.address}`);
            if (x) {
              expect((b.fill as ExcelJS.FillPattern).fgColor?.argb, where).toBe(ANNOTATION_FILL[x.severity]);
              const note = typeof b.note === 'string' ? b.note : (b.note?.texts ?? []).map((t) => t.text).join('');
              expect(note, where).toContain(x.message);
              if (x.expected) expect(note, where).toContain(`应为：${x.expected}`);
            } else {
              expect(b.fill, where).toEqual(a.fill);
              expect(b.note, where).toEqual(a.note);
            }
          }
        }
      }
      const list = records(ann.getWorksheet(ANNOTATION_SHEET)!);
      expect(list).toHaveLength(mine.length);
      expect(list[0].values['单元格']).toEqual({ formula: `HYPERLINK("#'${mine[0].sheet}'!${mine[0].cell}","${mine[0].cell}")`, result: mine[0].cell });
    }
  });
});

describe('hefen review: arguments and safety', () => {
  it('refuses to overwrite --out without --force, and overwrites with it', async () => {
    const target = out('exists.xlsx');
    writeFileSync(target, 'keep me');
    const r = await review([at('b.xlsx'), '--out', target]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--force');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    expect((await review([at('b.xlsx'), '--out', target, '--force'])).code).toBe(0);
    expect((await load(target)).getWorksheet('一览')).toBeDefined();
  });

  it('never writes into the input folder: --annotate inside it, or --out naming an input, are refused', async () => {
    const r = await review([input, '--out', out('x.xlsx'), '--annotate', at('批注')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('不能放在要审核的文件夹里');
    expect(existsSync(at('批注'))).toBe(false);
    const before = readFileSync(at('b.xlsx'));
    const r2 = await review([at('b.xlsx'), '--out', at('b.xlsx'), '--force']);
    expect(r2.code).toBe(2);
    expect(readFileSync(at('b.xlsx')).equals(before)).toBe(true);
  });

  it('exit 0 for forms with warnings only, 1 with an error', async () => {
    expect((await review([at('b.xlsx'), at('市县', 'c.xlsx'), '--json'])).code).toBe(0);
    expect((await review([at('a.xlsx'), at('b.xlsx'), '--json'])).code).toBe(1);
  });

  it('--rules auto checks with the default pack and says so in 一览', async () => {
    const r = await review([at('b.xlsx'), '--out', out('auto.xlsx'), '--rules', 'auto']);
    expect(r.code).toBe(0);
    const row = records((await load(out('auto.xlsx'))).getWorksheet('一览')!)[0];
    expect(String(row.values['规则包'])).toMatch(/^national（自动：/);
  });

  it('links escape spaces, # and % in file names', async () => {
    const odd = out('自评表 #1 100%.xlsx');
    copyFileSync(at('b.xlsx'), odd);
    await review([odd, '--out', out('odd.xlsx')]);
    const row = records((await load(out('odd.xlsx'))).getWorksheet('一览')!)[0];
    expect(row.links['文件']).toBe('自评表%20%231%20100%25.xlsx');
  });

  it('a path that does not exist is listed as unreadable', async () => {
    const r = await review([at('b.xlsx'), at('没有这个.xlsx'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).files[1]).toMatchObject({ error: '找不到文件或文件夹' });
  });

  it('a folder without workbooks is refused, and --help prints the usage', async () => {
    const empty = out('空文件夹');
    mkdirSync(empty);
    writeFileSync(path.join(empty, '说明.txt'), 'x');
    const r = await review([empty, '--out', out('empty.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有找到工作簿');
    expect(existsSync(out('empty.xlsx'))).toBe(false);
    const h = await review(['--help']);
    expect(h.code).toBe(0);
    expect(h.out).toContain('hefen review');
  });

  it.each([
    [[], '请给出'],
    [['a'], '--out'],
    [['a', '--out', 'x.csv'], '.xlsx'],
    [['a', '--json', '--jobs', '0'], '--jobs'],
    [['a', '--json', '--rules', 'guangdong'], '未知的规则包'],
    [['a', '--json', '--bogus'], '不认识的选项'],
  ])('bad arguments %j exit 2 with usage', async (argv, words) => {
    const r = await review(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(words);
    expect(r.err).toContain('用法');
  });
});
