import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputExistsError, writeTemplateXlsx } from '../../src/cli/template-file.js';
import { addTemplateSheet } from '../../src/xlsx/index.js';
import { worksheetToSnapshot } from '../../src/xlsx/index.js';
import { buildTemplate, type TemplateDescription } from '../../src/core/template.js';
import { templateToSnapshot } from '../support/template-helpers.js';
import { toA1 } from '../../src/core/snapshot.js';
import { checkSheet } from '../../src/core/check.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hefen-template-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function expectMatches(ws: ExcelJS.Worksheet, t: TemplateDescription) {
  const fromFile = worksheetToSnapshot(ws);
  const described = templateToSnapshot(t, ws.name);
  expect(fromFile.top).toBe(0);
  expect(fromFile.left).toBe(0);
  expect(fromFile.values).toEqual(described.values);
  expect(fromFile.formulas).toEqual(described.formulas);
  // ExcelJS reports formats of cells that hold something; the empty input cells are checked directly.
  described.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) expect(fromFile.numberFormat![r][c], toA1(r, c)).toBe(described.numberFormat![r][c]);
      else if (described.numberFormat![r][c] !== 'General') expect(ws.getCell(r + 1, c + 1).numFmt, toA1(r, c)).toBe(described.numberFormat![r][c]);
    }),
  );
  expect(fromFile.merges).toEqual([...described.merges].sort((a, b) => a.top - b.top || a.left - b.left));
}

describe('hefen template project --out FILE.xlsx', () => {
  let path: string;
  let wb: ExcelJS.Workbook;
  const t = buildTemplate({ kind: 'project', rows: 3, rules: 'hubei', year: 2024 });

  beforeAll(async () => {
    path = join(dir, 'project.xlsx');
    const r = await writeTemplateXlsx('project', path, { rows: 3, rules: 'hubei', year: 2024 });
    expect(r).toMatchObject({ path, sheet: '自评表' });
    wb = await load(path);
  });

  it('opens in ExcelJS with one sheet holding exactly the description: values, formulas with cached results, formats, merges', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['自评表']);
    expectMatches(wb.worksheets[0], t);
    const ws = wb.worksheets[0];
    expect(ws.getCell('A2').value).toBe('（2024年度）');
    const f = t.layout.funds!;
    expect(ws.getCell(f.weight).value).toBe(20);
    expect(ws.getCell(t.layout.total.weightCell!).value).toMatchObject({ formula: expect.stringMatching(/^ROUND\(SUM\(/), result: 100 });
  });

  it('carries the data validation of every score and weight cell', () => {
    // ExcelJS reads a decimal rule's cell reference back as NaN (it parses both bounds as numbers), so
    // the reference is checked on the sheet as written; the file keeps <formula2>F15</formula2>.
    const written = addTemplateSheet(new ExcelJS.Workbook(), t);
    const ws = wb.worksheets[0];
    for (const v of t.validations) {
      const rule = { type: 'decimal', allowBlank: true, showErrorMessage: true, errorStyle: 'stop', error: v.message, errorTitle: v.title };
      expect(written.getCell(v.cell).dataValidation, v.cell).toMatchObject({ ...rule, operator: 'between', formulae: [0, 'ref' in v.max ? v.max.ref : v.max.value] });
      expect(ws.getCell(v.cell).dataValidation, v.cell).toMatchObject(rule);
      if ('value' in v.max) expect(ws.getCell(v.cell).dataValidation.formulae).toEqual([0, v.max.value]);
    }
  });

  it('prints on A4 portrait, fit to one page wide, header row repeated', () => {
    const ps = wb.worksheets[0].pageSetup;
    expect(ps).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true });
    expect(ps.printTitlesRow).toBe(`${t.layout.headerRow + 1}:${t.layout.headerRow + 1}`);
    expect(ps.printArea).toBe(`A1:H${t.rows.length}`);
    expect(ps.margins).toMatchObject({ left: 0.5, right: 0.5, top: 0.6, bottom: 0.6 });
  });

  it('keeps widths, heights, fonts, borders, wrapping and shading', () => {
    const ws = wb.worksheets[0];
    expect(t.columns.map((_, i) => ws.getColumn(i + 1).width)).toEqual(t.columns);
    expect(ws.getRow(t.layout.headerRow + 1).height).toBe(t.rows[t.layout.headerRow].height);
    const header = ws.getCell(t.layout.headerRow + 1, 6);
    expect(header.font).toMatchObject({ name: '宋体', bold: true });
    expect(header.alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(header.border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell(t.layout.total.scoreCell).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } });
    expect(ws.getCell('A1').border ?? {}).toEqual({});
    // a merged label's covered cells carry the border too, so the printed frame is closed
    const l1 = t.layout.subtotals.find((s) => s.path.join() === '产出指标')!;
    expect(ws.getCell(l1.row + 3, 1).border).toMatchObject({ left: { style: 'thin' } });
  });
});

describe('hefen template department --out FILE.xlsx', () => {
  it('writes the seed 004 framework', async () => {
    const path = join(dir, 'department.xlsx');
    await writeTemplateXlsx('department', path);
    const wb = await load(path);
    expectMatches(wb.worksheets[0], buildTemplate({ kind: 'department' }));
    expect(wb.worksheets[0].getCell('A1').value).toBe('部门整体支出绩效自评表');
  });
});

describe('output file handling', () => {
  it('refuses to overwrite an existing file unless asked to', async () => {
    const path = join(dir, 'exists.xlsx');
    await writeFile(path, 'not a workbook');
    await expect(writeTemplateXlsx('project', path)).rejects.toBeInstanceOf(OutputExistsError);
    await expect(writeTemplateXlsx('project', path)).rejects.toThrow(/已存在/);
    expect((await stat(path)).size).toBe('not a workbook'.length);
    await writeTemplateXlsx('project', path, { overwrite: true });
    expect((await load(path)).worksheets[0].name).toBe('自评表');
  });

  it('adds into an existing workbook under the next free name, other sheets untouched', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('自评表').getCell('A1').value = '已有内容';
    const ws = addTemplateSheet(wb, buildTemplate({ kind: 'project' }));
    expect(ws.name).toBe('自评表 (2)');
    expect(wb.getWorksheet('自评表')!.getCell('A1').value).toBe('已有内容');
  });
});

describe('[needs engine E1–E3] the written template is recognised by 检查得分', () => {
  it.each(['project', 'department'] as const)('%s: right kind, no error', async (kind) => {
    const path = join(dir, `check-${kind}.xlsx`);
    await writeTemplateXlsx(kind, path, { overwrite: true });
    const report = checkSheet(worksheetToSnapshot((await load(path)).worksheets[0]));
    expect(report.forms.map((f) => f.kind)).toEqual([kind]);
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.cell}`)).toEqual([]);
  });
});
