import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import { seed002, seed004 } from '../fixtures/seeds.js';
import { variants } from '../fixtures/variants.js';
import { capture } from './support.js';


const dir = mkdtempSync(path.join(tmpdir(), 'hefen-cli-'));
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  await seed002().xlsx.writeFile(file('seed002.xlsx'));
  await seed004().xlsx.writeFile(file('seed004.xlsx'));
  await variants.noForm().xlsx.writeFile(file('noform.xlsx'));
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet('Sheet1');
  await empty.xlsx.writeFile(file('empty.xlsx'));
  writeFileSync(file('broken.xlsx'), 'PK\u0003\u0004 this is not a zip');
  writeFileSync(file('text.xlsx'), 'hello');
  // The OLE2 signature of a legacy .xls.
  writeFileSync(file('old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  writeFileSync(file('renamed.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
});

describe('hefen check --json', () => {
  it('prints the documented shape, decimals as strings', async () => {
    const c = capture();
    const code = await main(['check', file('seed002.xlsx'), '--json'], c.io);
    expect(code).toBe(1);
    const json = JSON.parse(c.out);
    expect(json.rules).toBe('national');
    expect(json.files).toHaveLength(1);
    const [f] = json.files;
    expect(f.file).toBe(file('seed002.xlsx'));
    expect(f.forms[0]).toMatchObject({
      sheet: 'Sheet1',
      kind: 'project',
      range: 'A1:H27',
      total: { cell: 'G27', declared: '94.5', sum: '94.5', recomputed: '92.16' },
      weightTotal: '97',
      executionRate: { cell: 'F5', declared: '0.67', computed: '0.665513' },
      grade: { cell: null, declared: null, computed: '优' },
    });
    expect(f.forms[0].indicators[1]).toMatchObject({ path: ['产出指标', '数量指标', '印刷页数'], weight: '5', declared: '5', recomputed: '5', cells: { score: 'G14' } });
    expect(f.findings.find((x: { cell: string }) => x.cell === 'H5')).toMatchObject({
      sheet: 'Sheet1',
      severity: 'error',
      code: 'score-mismatch',
      declared: '7',
      expected: '4.66',
    });
    for (const x of f.findings) expect(typeof x.message).toBe('string');
  });

  it('uses the requested rule pack and names it', async () => {
    const c = capture();
    await main(['check', file('seed002.xlsx'), '--json', '--rules', 'hubei'], c.io);
    expect(JSON.parse(c.out).rules).toBe('hubei');
  });
});

describe('exit codes and the readable report', () => {
  it('0 when no error finding (warnings allowed), with a Chinese report', async () => {
    const c = capture();
    expect(await main(['check', file('seed004.xlsx')], c.io)).toBe(0);
    expect(c.out).toContain('部门整体支出绩效自评表');
    expect(c.out).toContain('规则包：national');
    expect(c.out).toContain('缺少偏差原因');
  });

  it('1 when any error finding; the report shows cell, declared → expected', async () => {
    const c = capture();
    expect(await main(['check', file('seed002.xlsx')], c.io)).toBe(1);
    expect(c.out).toMatch(/H5\s+得分与计分规则不符/);
    expect(c.out).toContain('[7 → 4.66]');
    expect(c.out).toContain('按规则重算 92.16');
  });

  it('a workbook without a form says so and is not an error', async () => {
    const c = capture();
    expect(await main(['check', file('noform.xlsx')], c.io)).toBe(0);
    expect(c.out).toContain('没有找到绩效自评表');
  });

  it.each([
    ['missing.xlsx', '找不到文件'],
    ['old.xls', '不是 Excel/WPS 工作簿'],
    ['renamed.xlsx', '不是 Excel/WPS 工作簿'],
    ['broken.xlsx', '已损坏'],
    ['text.xlsx', '不是 Excel/WPS 工作簿'],
    ['empty.xlsx', '工作簿是空的'],
  ])('%s: a clear message and exit 2, other files still checked', async (name, words) => {
    const c = capture();
    const code = await main(['check', file(name), file('seed002.xlsx'), '--json'], c.io);
    expect(code).toBe(2);
    const json = JSON.parse(c.out);
    expect(json.files[0].error).toContain(words);
    expect(json.files[1].forms).toHaveLength(1);
  });

  it.each([
    [['check'], '请给出'],
    [['check', 'a.xlsx', '--rules', 'guangdong'], '未知的规则包'],
    [['check', 'a.xlsx', '--bogus'], '不认识的选项'],
    [['frobnicate'], '不认识的命令'],
    [['check', 'a.xlsx', '--write-totals'], '--out'],
  ])('bad arguments %j exit 2 with usage', async (argv, words) => {
    const c = capture();
    expect(await main(argv, c.io)).toBe(2);
    expect(c.err).toContain(words);
    expect(c.err).toContain('用法');
  });
});

describe('as a real process', () => {
  it('never prints a stack trace for a broken file', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'check', file('broken.xlsx')], {
      encoding: 'utf8',
      cwd: path.resolve(__dirname, '../..'),
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('已损坏');
    expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });
});
