/**
 * The web checker's worker-side work, in Node: the same findings as the CLI's loop, findings put
 * with their form, the sheet view bounded, and the downloads (through the stand-ins) doing what
 * they say. The browser half is test/e2e/web.e2e.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import type { SheetReport, SheetSnapshot } from '../../src/core/index.js';
import { workbookToSnapshots } from '../../src/xlsx/index.js';
import { annotatedDownload, checkFile, formsOf, readFailure, reviewDownload, sheetView, templateDownload, VIEW_MAX_COLS, VIEW_MAX_ROWS, writeBackDownload } from '../../src/web/tasks.js';
import { readWorkbook, WorkbookReadError } from '../../src/xlsx/reader/index.js';
import { toXls } from '../xlsx/support.js';
import { verdictOf } from '../../src/xlsx/review/index.js';
import { planWriteBack } from '../../src/core/writeback-plan.js';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.xlsx')).sort().map((f) => join('examples', f));
const bytesOf = (f: string) => new Uint8Array(readFileSync(f));

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const tags = (reports: SheetReport[]) => reports.flatMap((r) => r.findings).map((f) => `${f.sheet}!${f.code}@${f.cell}`).sort();

describe('checkFile', () => {
  it.each(EXAMPLES)('%s: every finding of checkSheet, each with exactly one form', async (file) => {
    const check = await checkFile(bytesOf(file), 'national');
    const expected = workbookToSnapshots(await load(bytesOf(file))).map((s) => checkSheet(s));
    expect(tags(check.reports)).toEqual(tags(expected));
    expect(check.forms.flatMap((f) => f.findings).map((f) => `${f.sheet}!${f.code}@${f.cell}`).sort()).toEqual(tags(expected));
    expect(check.format).toBe('xlsx');
    for (const r of check.reports) expect(check.views[r.sheet].text.length).toBeGreaterThan(0);
  });

  it('seed 002: 退回修改 (two errors), and the rules pack changes the figures', async () => {
    const check = await checkFile(bytesOf('examples/seed-002-project-national.xlsx'), 'national');
    expect(check.forms.map((f) => f.verdict)).toEqual(['退回修改']);
    const hubei = await checkFile(bytesOf('examples/seed-002-project-national.xlsx'), 'hubei');
    expect(hubei.forms[0].form.rules).toBe('hubei');
  });

  it('refuses what is not a workbook with a Chinese sentence, and reads .xls', async () => {
    const fail = (bytes: Uint8Array) => {
      try {
        readWorkbook(bytes);
      } catch (x) {
        return x;
      }
      throw new Error('read');
    };
    expect(fail(new TextEncoder().encode('hello'))).toMatchObject({ code: 'not-a-workbook' });
    const cfb = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    const e = fail(cfb);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect(readFailure(e)).toMatch(/[\u4e00-\u9fff]/);
    const broken = bytesOf(EXAMPLES[0]).slice(0, 2000);
    expect(fail(broken)).toMatchObject({ code: 'corrupt' });
    expect(readFailure(new Error('x'))).toMatch(/无法读取/);
    // the .xls copy of seed 002 gives the same findings as the .xlsx
    const xlsx = bytesOf('examples/seed-002-project-national.xlsx');
    const fromXls = await checkFile(toXls(xlsx), 'national');
    expect(fromXls.format).toBe('xls');
    expect(tags(fromXls.reports)).toEqual(tags((await checkFile(xlsx, 'national')).reports));
  });
});

describe('formsOf and sheetView', () => {
  const cell = (v: string | number | null) => v;
  it('gives each finding to the form whose area holds its cell', () => {
    const report = {
      sheet: 'S',
      forms: [{ range: 'A1:H10' }, { range: 'A20:H30' }] as SheetReport['forms'],
      findings: [
        { code: 'score-mismatch', severity: 'error', sheet: 'S', cell: 'G25' },
        { code: 'over-achievement', severity: 'warning', sheet: 'S', cell: 'E3' },
      ] as SheetReport['findings'],
    } as SheetReport;
    const forms = formsOf(report);
    expect(forms.map((f) => f.findings.map((x) => x.cell))).toEqual([['E3'], ['G25']]);
    expect(forms.map((f) => f.verdict)).toEqual(['需复核', '退回修改']);
  });

  it('caps a huge sheet to the view limits, keeping the merges clipped inside', () => {
    const rows = 2000;
    const snap: SheetSnapshot = {
      sheet: 'Big',
      top: 0,
      left: 0,
      values: Array.from({ length: rows }, (_, r) => Array.from({ length: 100 }, (_, c) => cell(r * 100 + c))),
      merges: [{ top: 398, left: 0, bottom: 405, right: 1 }],
    };
    const report = { sheet: 'Big', forms: [{ range: 'A1:CV2000' }], findings: [] } as unknown as SheetReport;
    const view = sheetView(snap, report);
    expect(view.truncated).toBe(true);
    expect(view.text).toHaveLength(VIEW_MAX_ROWS);
    expect(view.text[0]).toHaveLength(VIEW_MAX_COLS);
    expect(view.text[1][2]).toBe('102');
    expect(view.merges).toEqual([{ top: 398, left: 0, bottom: 399, right: 1 }]);
  });

  it('shows a formula saved without its result as the formula', () => {
    const snap: SheetSnapshot = { sheet: 'S', top: 0, left: 0, values: [[1, null]], text: [['1', '']], formulas: [[null, '=A1*2']], merges: [] };
    const report = { sheet: 'S', forms: [{ range: 'A1:B1' }], findings: [] } as unknown as SheetReport;
    expect(sheetView(snap, report).text).toEqual([['1', '=A1*2']]);
  });
});

describe('downloads', () => {
  it('annotated copy: flagged cells filled by severity, values and findings unchanged', async () => {
    const file = 'examples/seed-002-project-national.xlsx';
    const check = await checkFile(bytesOf(file), 'national');
    const findings = check.forms.flatMap((f) => f.findings);
    const out = await load(await annotatedDownload(bytesOf(file), findings, ['error']));
    const ws = out.worksheets[0];
    expect((ws.getCell('H5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell('E15').fill?.type === 'pattern' && (ws.getCell('E15').fill as ExcelJS.FillPattern).fgColor?.argb).not.toBe('FFFFEB9C');
    expect(tags(workbookToSnapshots(out).map((s) => checkSheet(s)))).toEqual(tags(check.reports));
  });

  it('write-back copy: the ticked cells hold the planned values, the contradiction is gone', async () => {
    const file = 'examples/seed-002-project-national.xlsx';
    const check = await checkFile(bytesOf(file), 'national');
    const plan = planWriteBack(check.reports).filter((w) => w.overwrite);
    expect(plan.length).toBeGreaterThan(0);
    const out = await load(
      await writeBackDownload(bytesOf(file), plan.map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value, numberFormat: w.numberFormat, replacesFormula: false }))),
    );
    for (const w of plan) expect(out.getWorksheet(w.sheet)?.getCell(w.cell).value).toBe(w.value);
    expect(tags(workbookToSnapshots(out).map((s) => checkSheet(s)))).not.toContain('Sheet1!score-mismatch@H5');
  });

  it('review workbook: one 一览 row per form, one 审核意见 row per finding, unreadable files listed', async () => {
    const checks = await Promise.all(EXAMPLES.map((f) => checkFile(bytesOf(f), 'national')));
    const files = checks.map((c, i) => ({ file: EXAMPLES[i], reports: c.reports }));
    files.push({ file: 'broken.xlsx', reports: [], error: '文件已损坏' } as never);
    const wb = await load(await reviewDownload(files, 'national'));
    const forms = checks.reduce((n, c) => n + c.forms.length, 0);
    const findings = checks.reduce((n, c) => n + c.forms.flatMap((f) => f.findings).length, 0);
    expect(wb.getWorksheet('一览')?.actualRowCount).toBe(1 + forms);
    expect(wb.getWorksheet('审核意见')?.actualRowCount).toBe(1 + findings);
    expect(wb.getWorksheet('无法读取')?.getCell('B2').value).toBe('文件已损坏');
    const verdicts = checks.flatMap((c) => c.forms.map((f) => verdictOf(f.form, f.findings)));
    const overview = wb.getWorksheet('一览')!;
    const col = (overview.getRow(1).values as unknown[]).indexOf('结论');
    expect(overview.getColumn(col).values.slice(2).map(String).sort()).toEqual(verdicts.sort());
  });

  it.each(['project', 'department'] as const)('blank %s template: one form, no error', async (kind) => {
    const wb = await load(await templateDownload(kind, 'national'));
    const reports = workbookToSnapshots(wb).map((s) => checkSheet(s));
    expect(reports[0].forms).toHaveLength(1);
    expect(reports[0].findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
