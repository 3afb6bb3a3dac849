/**
 * 插入空白模板 through the Excel adapter and the fake Office.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { insertTemplate } from '../../src/excel/template.js';
import { buildTemplate, columnWidthPoints, evaluateTemplate, formulaOf, templateRange } from '../../src/core/template.js';
import { rangeToA1, toA1, type CellValue } from '../../src/core/snapshot.js';
import { checkSheet } from '../../src/core/check.js';
import { createExcelHost } from '../../src/excel/host.js';
import { DEFAULT_SETTINGS } from '../../src/host/index.js';
import { fakeSheet, fakeWorkbook, installFakeOffice, type FakeOffice, type FakeOfficeOptions, type FakeSheet } from '../support/fake-office.js';
import { batch, calls } from './helpers.js';

let fake: FakeOffice;
afterEach(() => fake?.uninstall());

async function open(names: string[], options: FakeOfficeOptions = {}) {
  fake = installFakeOffice(
    globalThis,
    fakeWorkbook(names.map((n) => fakeSheet(n, [[`${n} 的内容`, 1, '=A2']], { merges: ['A5:B5'] }))),
    options,
  );
  return fake;
}

const byName = (name: string) => fake.workbook.sheets.find((s) => s.name === name) as FakeSheet;

describe('插入空白模板 (project, national)', () => {
  const t = buildTemplate({ kind: 'project', rows: 2 });

  it('adds a sheet with a unique name in two syncs, activates it and leaves the other sheets alone', async () => {
    await open(['Sheet1', '自评表']);
    const before = JSON.parse(JSON.stringify(fake.workbook.sheets));
    const r = await insertTemplate({ kind: 'project', rows: 2 });
    expect(r).toEqual({ sheet: '自评表 (2)', range: templateRange(t), kind: 'project', warnings: [] });
    expect(fake.syncCount).toBe(2);
    expect(calls(batch(fake.log, 0))).toEqual([]);
    expect(calls(batch(fake.log, 1), 'add')).toEqual(['WorksheetCollection.add(自评表 (2))']);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', '自评表', '自评表 (2)']);
    expect(fake.workbook.sheets.slice(0, 2)).toEqual(before);
    expect(fake.workbook.activeSheet).toBe('自评表 (2)');
  });

  it('writes every constant and formula of the description, with number formats and merges', async () => {
    await open(['Sheet1']);
    await insertTemplate({ kind: 'project', rows: 2 });
    const s = byName('自评表');
    t.rows.forEach((row, r) =>
      row.cells.forEach((c, col) => {
        const cell = s.cells[toA1(r, col)];
        if (c?.calc) expect(cell?.formula, toA1(r, col)).toBe(formulaOf(c.calc));
        else if (c?.value !== undefined && c.value !== '') expect(cell?.value, toA1(r, col)).toBe(c.value);
        else expect(cell?.value, toA1(r, col)).toBeUndefined();
      }),
    );
    const f = t.layout.funds!;
    expect(s.cells[f.rate]).toMatchObject({ formula: `=IFERROR(ROUND(${f.executed}/${f.budget},4),"")`, numberFormat: '0.00%' });
    expect(s.cells[t.layout.grade.cell].formula).toMatch(/^=IF\(G\d+="","",IF\(G\d+>=90,"优"/);
    expect([...s.merges].sort()).toEqual(t.merges.map(rangeToA1).sort());
  });

  it('validates every score cell against its own row’s weight and every weight against 100', async () => {
    await open(['Sheet1']);
    await insertTemplate({ kind: 'project', rows: 2 });
    const v = byName('自评表').validations ?? {};
    const row = t.layout.indicatorRows[0] + 1;
    expect(v[`G${row}`]).toEqual({
      rule: { decimal: { formula1: 0, formula2: `=F${row}`, operator: 'Between' } },
      errorAlert: { title: '得分超出范围', message: '指标得分应为 0 到本行分值（权重）之间的数字。', showAlert: true, style: 'Stop' },
    });
    expect(v[`F${row}`].rule).toEqual({ decimal: { formula1: 0, formula2: 100, operator: 'Between' } });
    expect(Object.keys(v)).toHaveLength(t.validations.length);
  });

  it('formats like the official form: borders, fonts, wrapping, widths, heights', async () => {
    await open(['Sheet1']);
    await insertTemplate({ kind: 'project', rows: 2 });
    const s = byName('自评表');
    const header = s.cells[toA1(t.layout.headerRow, 5)].format!;
    expect(header).toMatchObject({
      'font.name': '宋体',
      'font.bold': true,
      wrapText: true,
      horizontalAlignment: 'Center',
      'borders.EdgeTop.style': 'Continuous',
      'borders.EdgeLeft.weight': 'Thin',
    });
    expect(s.cells[t.layout.total.scoreCell].format).toMatchObject({ 'fill.color': '#F2F2F2' });
    expect(s.cells.A1.format).toMatchObject({ 'font.size': 16, 'font.bold': true });
    expect(s.cells.A1.format!['borders.EdgeTop.style']).toBeUndefined();
    expect(s.cells.A1.format!.columnWidth).toBe(columnWidthPoints(t.columns[0]));
    expect(s.cells.C1.format!.columnWidth).toBe(columnWidthPoints(t.columns[2]));
    expect(s.cells[toA1(t.layout.headerRow, 0)].format!.rowHeight).toBe(t.rows[t.layout.headerRow].height);
  });

  it('sets up printing: A4 portrait, one page wide, header row repeated, whole form as print area', async () => {
    await open(['Sheet1']);
    await insertTemplate({ kind: 'project', rows: 2 });
    expect(byName('自评表').pageLayout).toEqual({
      paperSize: 'A4',
      orientation: 'Portrait',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      setPrintMargins: ['Inches', { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }],
      setPrintArea: templateRange(t),
      setPrintTitleRows: `$${t.layout.headerRow + 1}:$${t.layout.headerRow + 1}`,
    });
  });

  it('on Excel without ExcelApi 1.8/1.9 inserts the form without validation and page setup, and says so', async () => {
    await open(['Sheet1'], { excelApi: '1.7' });
    const r = await insertTemplate({ kind: 'project', rows: 2 });
    expect(r.warnings).toEqual(['validation-unavailable', 'page-layout-unavailable']);
    expect(fake.syncCount).toBe(2);
    const s = byName('自评表');
    expect(s.validations).toBeUndefined();
    expect(s.cells[t.layout.total.scoreCell].formula).toBeDefined();
  });
});

describe('插入空白模板 (department, hubei pack)', () => {
  it('inserts the seed 004 framework with the pack’s grade formula', async () => {
    await open(['Sheet1']);
    const r = await insertTemplate({ kind: 'department', rules: 'hubei' });
    const t = buildTemplate({ kind: 'department', rules: 'hubei' });
    expect(r).toMatchObject({ sheet: '自评表', kind: 'department', range: templateRange(t) });
    const s = byName('自评表');
    expect(s.cells.A1.value).toBe('部门整体支出绩效自评表');
    expect(s.cells[t.layout.grade.cell].formula).toBe(formulaOf(t.rows[t.layout.grade.row].cells[3]!.calc!));
    const first = t.layout.indicatorRows[0] + 1;
    expect(s.validations![`D${first}`].rule).toEqual({ decimal: { formula1: 0, formula2: 2, operator: 'Between' } });
  });
});

describe('the inserted template calculates in Excel as the core says it does', () => {
  // The fake recalculates the formula text it was given (test/support/fake-office-calc.ts); the core
  // evaluates its own description of the formulas (evaluateCalc). Two evaluators, one answer.
  const shown = (s: FakeSheet, a1: string): CellValue => (s.cells[a1]?.value ?? null) as CellValue;
  const expectAgrees = (s: FakeSheet, expected: CellValue[][]) =>
    expected.forEach((row, r) => row.forEach((v, c) => expect(shown(s, toA1(r, c)), toA1(r, c)).toBe(v === '' ? null : v)));

  it('blank: every formula shows what evaluateTemplate gives, and the check through the host finds no error', async () => {
    await open(['Sheet1']);
    await insertTemplate({ kind: 'project', rows: 2 });
    const t = buildTemplate({ kind: 'project', rows: 2 });
    const s = byName('自评表');
    expectAgrees(s, evaluateTemplate(t).values);
    expect(s.cells[t.layout.total.weightCell!].value).toBe(100);

    const r = await createExcelHost({ checkSheet }).check({ ...DEFAULT_SETTINGS, highlight: [] });
    expect(r.reports[0].sheet).toBe('自评表');
    expect(r.reports[0].forms.map((f) => f.kind)).toEqual(['project']);
    expect(r.reports[0].findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('filled in through Office.js: the subtotals, total, rate, execution score and grade follow', async () => {
    await open(['Sheet1']);
    await insertTemplate({ kind: 'project', rows: 2 });
    const t = buildTemplate({ kind: 'project', rows: 2 });
    const f = t.layout.funds!;
    const [a, b] = t.layout.indicatorRows.map((row) => row + 1);
    const inputs: Record<string, CellValue> = { [f.budget]: 78, [f.executed]: 51.91, [`G${a}`]: 10, [`G${b}`]: 7.5 };
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('自评表');
      for (const [cell, v] of Object.entries(inputs)) ws.getRange(cell).values = [[v]];
    });
    const s = byName('自评表');
    expectAgrees(s, evaluateTemplate(t, inputs).values);
    expect(s.cells[f.rate]).toMatchObject({ value: 0.6655, text: '66.55%' });
  });
});
