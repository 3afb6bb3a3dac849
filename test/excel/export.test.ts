/**
 * 导出审核意见: the rows (pure, src/host/export-rows.ts) and the sheet the Excel host writes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import { EXPORT_KEY, cellLink } from '../../src/excel/export.js';
import { findingMeta } from '../../src/core/index.js';
import { EXPORT_HEADER, exportRows, figuresOf } from '../../src/host/export-rows.js';
import { DEFAULT_SETTINGS, reviewKey } from '../../src/host/index.js';
import { fakeWorkbook, installFakeOffice, type FakeOffice } from '../support/fake-office.js';
import { finding, seed002Sheet } from './helpers.js';

let fake: FakeOffice;
afterEach(() => fake?.uninstall());

describe('export rows', () => {
  it('declared → expected, 空 for empty, no arrow without an expected value; title, fix and mark from the registry and the marks', () => {
    expect(figuresOf({ declared: '7', expected: '4.66' })).toBe('7 → 4.66');
    expect(figuresOf({ declared: null, expected: '100' })).toBe('空 → 100');
    expect(figuresOf({ declared: '2.5', expected: null })).toBe('2.5');
    const f = { ...finding('表一', 'H5', 'error'), path: ['预算执行率'] };
    const g = finding('表一', 'G27', 'warning', 'total-mismatch');
    const rows = exportRows([{ sheet: '表一', forms: [], findings: [f, g] }], [
      { key: reviewKey(f), status: 'reviewed', note: '已核对', at: 'x' },
      { key: reviewKey(g), status: 'ignored', at: 'x' },
    ]);
    expect(rows).toEqual([
      { sheet: '表一', cell: 'H5', indicator: '预算执行率', title: findingMeta('score-mismatch').title.zh, message: 'H5 有误', figures: '1 → 2', fix: findingMeta('score-mismatch').fix.zh, mark: '已复核：已核对', severity: 'error' },
      expect.objectContaining({ cell: 'G27', title: findingMeta('total-mismatch').title.zh, mark: '忽略' }),
    ]);
  });

  it('cell links are HYPERLINK formulas to the quoted sheet', () => {
    expect(cellLink("张三's 表", 'H5')).toBe(`=HYPERLINK("#'张三''s 表'!H5","H5")`);
  });
});

describe('exportFindings / removeExport in Excel', () => {
  it('writes a new sheet beside an existing 核分审核意见, in 2 syncs; removeExport removes it and only it', async () => {
    const other = { name: '核分审核意见', id: '{user}', cells: { A1: { value: '用户自己的' } }, merges: [], conditionalFormats: [] };
    fake = installFakeOffice(globalThis, fakeWorkbook([seed002Sheet(), other]));
    const host = createExcelHost();
    const { reports } = await host.check(DEFAULT_SETTINGS);
    const n = reports[0].findings.length;
    const h5 = reports[0].findings.find((f) => f.cell === 'H5')!;
    fake.reset();
    const out = await host.exportFindings(reports, [{ key: reviewKey(h5), status: 'ignored', at: 'x' }]);
    expect(fake.syncCount).toBe(2);
    expect(out.sheet).toBe('核分审核意见 (2)');
    const sheet = fake.workbook.sheets.find((s) => s.name === out.sheet)!;
    expect(EXPORT_HEADER.map((_, c) => sheet.cells[String.fromCharCode(65 + c) + '1'].value)).toEqual([...EXPORT_HEADER]);
    const rowOf = (r: number) => EXPORT_HEADER.map((_, c) => sheet.cells[String.fromCharCode(65 + c) + r]);
    const h5Row = [...Array(n).keys()].map((i) => rowOf(i + 2)).find((row) => row[1]?.formula?.includes('!H5'))!;
    expect(h5Row[1].formula).toBe(`=HYPERLINK("#'Sheet1'!H5","H5")`);
    expect(h5Row[5].value).toBe('7 → 4.66');
    expect(h5Row[7].value).toBe('忽略');
    expect(sheet.cells[`A${n + 1}`]?.value).toBe("Sheet1");
    expect(sheet.cells[`A${n + 2}`]).toBeUndefined();
    expect(fake.workbook.activeSheet).toBe(out.sheet);
    expect(fake.workbook.settings[EXPORT_KEY]).toHaveLength(1);

    fake.reset();
    expect(await host.removeExport()).toBe(1);
    expect(fake.syncCount).toBe(2);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(['Sheet1', '核分审核意见']);
    expect(await host.removeExport()).toBe(0);
  });
});
