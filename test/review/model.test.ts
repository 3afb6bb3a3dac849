import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, FormReport, SheetReport } from '../../src/core/index.js';
import { findingsByForm, totalBands, verdictOf, worstFirst, formItems } from '../../src/xlsx/review/index.js';
import { annotatedTargets } from '../../src/cli/review-files.js';
import { Progress, formatSeconds } from '../../src/cli/review-progress.js';

const finding = (severity: Finding['severity'], cell = 'A1'): Finding =>
  ({ code: 'score-mismatch', severity, sheet: 'S', cell, message: '', messageEn: '', declared: null, expected: null, path: [], inputs: {}, rule: '' }) as Finding;
const form = (range: string, recomputed = '90') => ({ sheet: 'S', range, total: { recomputed }, grade: { computed: '优', declared: null } }) as unknown as FormReport;

describe('verdictOf', () => {
  it('errors send a form back, warnings ask for review, info does not count', () => {
    expect(verdictOf(form('A1:H9'), [finding('info'), finding('warning'), finding('error')])).toBe('退回修改');
    expect(verdictOf(form('A1:H9'), [finding('info'), finding('warning')])).toBe('需复核');
    expect(verdictOf(form('A1:H9'), [finding('info')])).toBe('通过');
    expect(verdictOf(form('A1:H9'), [])).toBe('通过');
  });
});

describe('forms and their findings', () => {
  it('two forms on one sheet each get the findings inside their area; worst first keeps input order on ties', () => {
    const report: SheetReport = { sheet: 'S', forms: [form('A1:H20'), form('A30:H50')], findings: [finding('warning', 'B35'), finding('error', 'C3'), finding('error', 'Z99')] };
    const split = findingsByForm(report);
    expect(split.map((l) => l.map((f) => f.cell))).toEqual([['C3', 'Z99'], ['B35']]);
    const items = worstFirst(formItems([{ file: 'x.xlsx', reports: [report] }, { file: 'y.xlsx', reports: [{ ...report, findings: [] }] }]));
    expect(items.map((it) => `${it.file.file}:${it.form.range}:${it.verdict}`)).toEqual([
      'x.xlsx:A1:H20:退回修改',
      'x.xlsx:A30:H50:需复核',
      'y.xlsx:A1:H20:通过',
      'y.xlsx:A30:H50:通过',
    ]);
  });

  it('bands of 5 points, 100 in the top band, outliers in their own', () => {
    const bands = totalBands([100, 95, 94.99, 0, 4.99, 101, -1]);
    const by = Object.fromEntries(bands.map((b) => [b.label, b.forms]));
    expect(by).toMatchObject({ '95–100': 2, '90–<95': 1, '0–<5': 2, '超过 100': 1, '低于 0': 1 });
    expect(bands[0].label).toBe('超过 100');
    expect(totalBands([50]).map((b) => b.label)).toHaveLength(20);
  });
});

describe('annotated copy names', () => {
  it('keep the folder structure and .xlsm, turn .xls/.et into .xlsx and number clashes', () => {
    const f = (copyName: string) => ({ display: copyName, absolute: `/in/${copyName}`, copyName });
    expect(annotatedTargets([f('a.xlsx'), f(path.join('市', 'b.et')), f('a.xls'), f('A.xlsm')], '/out')).toEqual([
      '/out/a.xlsx',
      path.join('/out', '市', 'b.xlsx'),
      '/out/a（2）.xlsx',
      '/out/A.xlsm',
    ]);
  });
});

describe('progress line', () => {
  it('draws on a terminal with \\r and says nothing otherwise', () => {
    let tty = '';
    const p = new Progress({ write: (s: string) => (tty += s), isTTY: true }, 3);
    p.add(1, 2, false);
    p.add(0, 0, true);
    p.add(2, 1, false);
    p.finish();
    expect(tty).toMatch(/^\r审核中 1\/3 个文件 · 1 张表 · 发现错误 2 个 · .* · 剩余约 \d+ 秒\x1b\[K/);
    expect(tty).toContain('审核中 3/3 个文件 · 3 张表 · 发现错误 3 个 · 无法读取 1 个');
    expect(tty.endsWith('\n')).toBe(true);
    let plain = '';
    const q = new Progress({ write: (s: string) => (plain += s) }, 1);
    q.add(1, 0, false);
    q.finish();
    expect(plain).toBe('');
    expect(formatSeconds(125)).toBe('2 分 5 秒');
  });
});
