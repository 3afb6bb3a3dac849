import type { CheckOptions } from '../../src/core/check.js';
import type { Finding, FindingCode, FormReport, Severity, SheetReport } from '../../src/core/report.js';
import type { SheetSnapshot } from '../../src/core/snapshot.js';
import { fakeSheet, fakeWorkbook, type FakeCell, type FakeLogEntry, type FakeSheet, type FakeWorkbook } from '../support/fake-office.js';
import { rangeToA1, toA1 } from '../../src/core/snapshot.js';
import { L, U, mergesOf, type Cell } from '../fixtures/build.js';
import { seed002Rows } from '../fixtures/seeds.js';

/** Seed 002 as Excel holds it: values in merge anchors, 67% as 0.67 with a percent format. */
export function seed002Sheet(edit: (cells: Record<string, FakeCell>) => void = () => {}): FakeSheet {
  const rows = seed002Rows();
  const sheet: FakeSheet = { name: 'Sheet1', id: 'seed002', cells: {}, merges: mergesOf(rows).map(rangeToA1), conditionalFormats: [] };
  rows.forEach((row, r) =>
    row.forEach((c: Cell, col) => {
      if (c === L || c === U || c === null) return;
      if (typeof c === 'object' && !(c instanceof Date) && 'v' in c) {
        const v = c.v as number;
        sheet.cells[toA1(r, col)] = { value: v, numberFormat: c.fmt, text: c.fmt?.endsWith('%') ? `${Math.round(v * 100)}%` : String(v) };
      } else {
        sheet.cells[toA1(r, col)] = { value: c as string | number };
      }
    }),
  );
  edit(sheet.cells);
  return sheet;
}

/**
 * A small form-like sheet starting at B2, with what a real one has: a merged title, a percentage
 * shown as "67%", a formula, the user's own cell formatting and the user's own conditional formats
 * (one custom, one cell-value, one colour scale).
 */
export function formSheet(name = 'Sheet1', id = `{${name}}`): FakeSheet {
  const s = fakeSheet(
    name,
    [
      ['项目名称', '测试项目', null, null],
      ['执行率', 0.67, 6.7, '偏差原因'],
      ['总分', 94.5, null, null],
    ],
    {
      origin: 'B2',
      id,
      merges: ['C2:E2'],
      conditionalFormats: [
        { id: 'user-custom', type: 'Custom', ranges: ['B2:B4'], formula: '=B2<>""', fill: '#CCCCCC', fontColor: null },
        { id: 'user-value', type: 'CellValue', ranges: ['C2:C10'], fill: '#00FF00', fontColor: null },
        { id: 'user-scale', type: 'ColorScale', ranges: ['D2:D5'] },
      ],
    },
  );
  s.cells.C3 = { value: 0.67, text: '67%', numberFormat: '0%' };
  s.cells.D3 = { value: 6.7, formula: '=C3*10', numberFormat: '0.0' };
  s.cells.C4 = { value: 94.5, format: { fill: '#FFFF00', bold: true } };
  s.cells.E3 = { value: '偏差原因', format: { fontColor: '#FF0000' } };
  s.cells.F7 = { value: '备注' };
  return s;
}

export function workbookWith(...sheets: FakeSheet[]): FakeWorkbook {
  return fakeWorkbook(sheets);
}

export function finding(sheet: string, cell: string, severity: Severity, code: FindingCode = 'score-mismatch'): Finding {
  return {
    code,
    severity,
    sheet,
    cell,
    message: `${cell} 有误`,
    messageEn: `${cell} is wrong`,
    declared: '1',
    expected: '2',
    path: [],
    inputs: {},
    rule: 'test',
  };
}

function form(sheet: string): FormReport {
  return {
    sheet,
    kind: 'project',
    range: 'B2:E4',
    title: null,
    rules: 'national',
    total: { cell: 'C4', declared: '94.5', sum: '94.5', recomputed: '94.5' },
    weightTotal: '100',
    executionRate: {
      cell: 'C3',
      declared: '0.67',
      computed: '0.67',
      budget: null,
      executed: null,
      score: { cell: null, weight: null, declared: null, computed: null },
    },
    grade: { cell: null, declared: null, computed: '优', scheme: 'mof' },
    indicators: [],
    aggregates: [],
  };
}

/**
 * A stand-in for the scoring engine: every sheet named in `findings` holds one form with those
 * findings; other sheets hold none. Records the snapshots and options it was given.
 */
export function stubEngine(findings: Record<string, Finding[]>) {
  const calls: { snapshot: SheetSnapshot; options: CheckOptions }[] = [];
  const checkSheet = (snapshot: SheetSnapshot, options: CheckOptions): SheetReport => {
    calls.push({ snapshot, options });
    const fs = findings[snapshot.sheet];
    return fs ? { sheet: snapshot.sheet, forms: [form(snapshot.sheet)], findings: fs } : { sheet: snapshot.sheet, forms: [], findings: [] };
  };
  return { checkSheet, calls };
}

/** 核分's rules on a sheet, as "cell severity fill font". */
export function overlays(sheet: FakeSheet): string[] {
  return sheet.conditionalFormats
    .filter((cf) => cf.type === 'Custom' && /核分/.test(cf.formula ?? ''))
    .map((cf) => `${cf.ranges.join(',')} ${/核分:(\w+)/.exec(cf.formula ?? '')?.[1]} ${cf.fill} ${cf.fontColor}`)
    .sort();
}

export function userRules(sheet: FakeSheet) {
  return sheet.conditionalFormats.filter((cf) => cf.id.startsWith('user'));
}

/** The log between two syncs (0 = before the first one). */
export function batch(log: FakeLogEntry[], n: number): FakeLogEntry[] {
  const starts = [-1, ...log.flatMap((e, i) => (e.kind === 'sync' ? [i] : []))];
  return log.slice(starts[n] + 1, starts[n + 1] ?? log.length);
}

export function loads(entries: FakeLogEntry[]): string[] {
  return entries.flatMap((e) => (e.kind === 'load' ? [`${e.object}: ${e.props.join(',')}`] : []));
}

export function calls(entries: FakeLogEntry[], method?: string): string[] {
  return entries.flatMap((e) =>
    e.kind === 'call' && (!method || e.method === method) ? [`${e.object}.${e.method}(${e.args.join(',')})`] : [],
  );
}
