import { afterEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import { DEFAULT_SETTINGS, HostError, type Settings } from '../../src/host/index.js';
import { fakeSheet, installFakeOffice, type FakeOffice, type FakeOfficeOptions, type FakeWorkbook } from '../support/fake-office.js';
import { batch, calls, finding, formSheet, loads, overlays, stubEngine, userRules, workbookWith } from './helpers.js';

let fake: FakeOffice | null = null;
afterEach(() => {
  fake?.uninstall();
  fake = null;
});

function install(wb: FakeWorkbook, opts?: FakeOfficeOptions): FakeOffice {
  fake?.uninstall();
  fake = installFakeOffice(globalThis, wb, opts);
  return fake;
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const SEED_FINDINGS = [
  finding('Sheet1', 'H5', 'error'),
  finding('Sheet1', 'F27', 'error', 'weight-total-not-100'),
  finding('Sheet1', 'H16', 'warning', 'missing-deviation-reason'),
  finding('Sheet1', 'E15', 'warning', 'over-achievement'),
  finding('Sheet1', 'C3', 'info', 'value-not-scoreable'),
];

describe('reading a sheet', () => {
  it('is one sync, loading only what the snapshot needs, then one sync to highlight', async () => {
    const f = install(workbookWith(formSheet(), fakeSheet('说明', [['说明']])));
    const engine = stubEngine({ Sheet1: SEED_FINDINGS });
    await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);

    expect(f.syncCount).toBe(2);
    expect(loads(batch(f.log, 0))).toEqual([
      'Worksheet: name,id',
      'Range: rowIndex,columnIndex,rowCount,columnCount',
      'Range: rowIndex,columnIndex,rowCount,columnCount,values,text,numberFormat,formulas',
      'RangeAreas: address',
      'ConditionalFormatCollection: items/type,items/customOrNullObject/rule/formula',
    ]);
    expect(calls(batch(f.log, 0))).toEqual([
      'WorksheetCollection.getActiveWorksheet()',
      'Worksheet.getUsedRange(true)',
      'Range.getIntersectionOrNullObject(A1:AF312)',
      'Range.getMergedAreasOrNullObject()',
      'Worksheet.getRange()',
    ]);
    // the second batch only writes
    expect(loads(batch(f.log, 1))).toEqual([]);
    expect(calls(batch(f.log, 1), 'add')).toHaveLength(4);
  });

  it('hands the engine the used range with text, number formats, formulas and merges', async () => {
    install(workbookWith(formSheet()));
    const engine = stubEngine({});
    await createExcelHost({ checkSheet: engine.checkSheet }).check({ ...DEFAULT_SETTINGS, rules: 'hubei' });

    expect(engine.calls).toHaveLength(1);
    const { snapshot, options } = engine.calls[0];
    expect(options).toEqual({ rules: 'hubei' });
    // used range B2:F7 (values only), so top 1, left 1, 6 rows × 5 columns
    expect(snapshot.sheet).toBe('Sheet1');
    expect([snapshot.top, snapshot.left]).toEqual([1, 1]);
    expect(snapshot.values).toHaveLength(6);
    expect(snapshot.values.every((r) => r.length === 5)).toBe(true);
    expect(snapshot.values[0]).toEqual(['项目名称', '测试项目', '', '', '']);
    expect(snapshot.values[1].slice(0, 3)).toEqual(['执行率', 0.67, 6.7]);
    expect(snapshot.text?.[1][1]).toBe('67%');
    expect(snapshot.numberFormat?.[1][1]).toBe('0%');
    // a formula where there is one, null for constants (Range.formulas repeats constants)
    expect(snapshot.formulas?.[1]).toEqual([null, null, '=C3*10', null, null]);
    expect(snapshot.values[5][4]).toBe('备注');
    expect(snapshot.merges).toEqual([{ top: 1, left: 2, bottom: 1, right: 4 }]);
  });

  it('says when a sheet holds no form, and then writes nothing', async () => {
    const f = install(workbookWith(fakeSheet('说明', [['本工作簿用于填报绩效自评表。']])));
    const before = clone(f.workbook);
    const r = await createExcelHost({ checkSheet: stubEngine({}).checkSheet }).check(DEFAULT_SETTINGS);
    expect(r.sheetsWithoutForm).toEqual(['说明']);
    expect(r.reports).toEqual([{ sheet: '说明', forms: [], findings: [] }]);
    expect(r.highlighted).toBe(0);
    expect(f.syncCount).toBe(1);
    expect(f.workbook).toEqual(before); // not even a settings record
  });

  it('reads a blank sheet as its top-left cell', async () => {
    install(workbookWith(fakeSheet('空白', [])));
    const engine = stubEngine({});
    const r = await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);
    expect(engine.calls[0].snapshot).toMatchObject({ top: 0, left: 0, values: [['']], merges: [] });
    expect(r.sheetsWithoutForm).toEqual(['空白']);
  });

  it('without ExcelApi 1.13 reads no merged areas and says so', async () => {
    const f = install(workbookWith(formSheet()), { excelApi: '1.12' });
    const engine = stubEngine({});
    const r = await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);
    expect(calls(f.log, 'getMergedAreasOrNullObject')).toEqual([]);
    expect(engine.calls[0].snapshot.merges).toEqual([]);
    expect(r.warnings).toEqual(['merges-unavailable']);
    expect(f.syncCount).toBe(1);
  });

  it('with more than 512 merged areas (Excel refuses) reads again without them', async () => {
    const sheet = formSheet();
    sheet.merges = Array.from({ length: 513 }, (_, i) => `B${i + 10}:C${i + 10}`);
    sheet.cells.B600 = { value: '附表' }; // inside the used range
    const f = install(workbookWith(sheet));
    const engine = stubEngine({ Sheet1: [finding('Sheet1', 'C4', 'error')] });
    const r = await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);
    expect(r.warnings).toEqual(['merges-unavailable']);
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0].snapshot.merges).toEqual([]);
    expect(r.highlighted).toBe(1);
    expect(f.syncCount).toBe(4); // failed read; read (window A1:AF312, then rows 313–600); write
  });
});

describe('reading a large sheet in chunks', () => {
  function bigSheet(rows: number, cols: number) {
    const grid = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * 1000 + c));
    return { sheet: fakeSheet('数据', grid, { origin: 'A1' }), grid };
  }

  it('issues further syncs only for what the first window did not cover, each within the budget', async () => {
    const { sheet, grid } = bigSheet(50, 12);
    const f = install(workbookWith(sheet));
    const engine = stubEngine({});
    await createExcelHost({ checkSheet: engine.checkSheet, budgetCells: 120, windowColumns: 8 }).check(DEFAULT_SETTINGS);

    // window A1:H15 (120 cells / 8 columns = 15 rows); then I1:L15 (60 cells) and rows 16–50
    // in bands of 10 rows × 12 columns (120 cells): 60 | 120 | 120 | 120 | 60
    expect(calls(batch(f.log, 0), 'getIntersectionOrNullObject')).toEqual(['Range.getIntersectionOrNullObject(A1:H15)']);
    const chunks = [1, 2, 3, 4, 5].map((n) => calls(batch(f.log, n), 'getRangeByIndexes'));
    expect(chunks).toEqual([
      ['Worksheet.getRangeByIndexes(0,8,15,4)'],
      ['Worksheet.getRangeByIndexes(15,0,10,12)'],
      ['Worksheet.getRangeByIndexes(25,0,10,12)'],
      ['Worksheet.getRangeByIndexes(35,0,10,12)'],
      ['Worksheet.getRangeByIndexes(45,0,5,12)'],
    ]);
    expect(f.syncCount).toBe(6); // nothing to highlight: no write sync
    expect(engine.calls[0].snapshot.values).toEqual(grid);
  });

  it('with the default limits a form is one read, a 20,000-cell sheet three', async () => {
    const form = install(workbookWith(bigSheet(40, 10).sheet));
    await createExcelHost({ checkSheet: stubEngine({}).checkSheet }).check(DEFAULT_SETTINGS);
    expect(form.syncCount).toBe(1);

    const { sheet, grid } = bigSheet(2000, 10);
    const big = install(workbookWith(sheet));
    const engine = stubEngine({});
    await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);
    // window 312 rows × 10; then 1000 × 10 and 688 × 10
    expect(big.syncCount).toBe(3);
    expect(engine.calls[0].snapshot.values).toEqual(grid);
  });

  it('a used range far from A1 is read entirely in chunks', async () => {
    const sheet = fakeSheet('远处', [['总分', 90]], { origin: 'AZ400' });
    const f = install(workbookWith(sheet));
    const engine = stubEngine({});
    await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);
    expect(f.syncCount).toBe(2);
    expect(engine.calls[0].snapshot).toMatchObject({ top: 399, left: 51, values: [['总分', 90]] });
  });
});

describe('highlighting', () => {
  it('lays one marked rule over each flagged cell: errors red, warnings amber, others only when asked', async () => {
    const f = install(workbookWith(formSheet()));
    const sheet = f.workbook.sheets[0];
    const cellsBefore = clone(sheet.cells);
    const userBefore = clone(userRules(sheet));
    const engine = stubEngine({ Sheet1: [...SEED_FINDINGS, finding('Sheet1', 'H16', 'error', 'score-mismatch')] });
    const host = createExcelHost({ checkSheet: engine.checkSheet });

    const r = await host.check(DEFAULT_SETTINGS);
    expect(r.highlighted).toBe(4);
    expect(overlays(sheet)).toEqual([
      'E15 warning #FFEB9C #9C5700',
      'F27 error #FFC7CE #9C0006',
      'H16 error #FFC7CE #9C0006', // an error and a warning on one cell: red
      'H5 error #FFC7CE #9C0006',
    ]);
    expect(sheet.conditionalFormats.find((cf) => cf.ranges[0] === 'H5')?.formula).toBe('=N("核分:error")=0');
    // the cells and the user's own rules are untouched
    expect(sheet.cells).toEqual(cellsBefore);
    expect(userRules(sheet)).toEqual(userBefore);

    await host.check({ ...DEFAULT_SETTINGS, highlight: ['info'] });
    expect(overlays(sheet)).toEqual(['C3 info #DDEBF7 #1F4E78']);
  });

  it('re-running replaces the old highlights, removal and addition in one write sync', async () => {
    const f = install(workbookWith(formSheet()));
    const sheet = f.workbook.sheets[0];
    const findings: Record<string, ReturnType<typeof finding>[]> = { Sheet1: SEED_FINDINGS };
    const host = createExcelHost({ checkSheet: (s, o) => stubEngine(findings).checkSheet(s, o) });
    await host.check(DEFAULT_SETTINGS);
    expect(overlays(sheet)).toHaveLength(4);

    findings.Sheet1 = [finding('Sheet1', 'C4', 'warning', 'total-mismatch')];
    f.reset();
    await host.check(DEFAULT_SETTINGS);
    expect(f.syncCount).toBe(2);
    expect(calls(batch(f.log, 1), 'delete')).toHaveLength(4);
    expect(calls(batch(f.log, 1), 'add')).toHaveLength(1);
    expect(overlays(sheet)).toEqual(['C4 warning #FFEB9C #9C5700']);
    expect(userRules(sheet).map((cf) => cf.id)).toEqual(['user-custom', 'user-value', 'user-scale']);
  });

  it('with no severity chosen, a check only removes old highlights', async () => {
    const f = install(workbookWith(formSheet()));
    const host = createExcelHost({ checkSheet: stubEngine({ Sheet1: SEED_FINDINGS }).checkSheet });
    await host.check(DEFAULT_SETTINGS);
    const r = await host.check({ ...DEFAULT_SETTINGS, highlight: [] });
    expect(r.highlighted).toBe(0);
    expect(overlays(f.workbook.sheets[0])).toEqual([]);
    expect(f.workbook.settings['hefen.highlights']).toEqual({ version: 1, sheets: [] });
  });

  it('lists findings about a block but highlights only cells', async () => {
    const f = install(workbookWith(formSheet()));
    const engine = stubEngine({ Sheet1: [finding('Sheet1', 'A1:H27', 'error'), finding('Sheet1', '', 'error'), finding('Sheet1', '$C$4', 'error')] });
    const r = await createExcelHost({ checkSheet: engine.checkSheet }).check(DEFAULT_SETTINGS);
    expect(r.reports[0].findings).toHaveLength(3);
    expect(overlays(f.workbook.sheets[0])).toEqual(['C4 error #FFC7CE #9C0006']);
  });

  it('a protected sheet fails with a typed error in Chinese', async () => {
    const sheet = formSheet();
    sheet.protected = true;
    install(workbookWith(sheet));
    const host = createExcelHost({ checkSheet: stubEngine({ Sheet1: SEED_FINDINGS }).checkSheet });
    const err = await host.check(DEFAULT_SETTINGS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    expect(err).toMatchObject({ code: 'write-failed', message: expect.stringContaining('工作表可能受保护') });
  });
});

describe('the record in the workbook settings, and clearing', () => {
  it('records which sheets carry highlights, persisted with saveAsync', async () => {
    const f = install(workbookWith(formSheet('Sheet1', 'id-1')));
    await createExcelHost({ checkSheet: stubEngine({ Sheet1: SEED_FINDINGS }).checkSheet }).check(DEFAULT_SETTINGS);
    expect(f.workbook.settings['hefen.highlights']).toEqual({ version: 1, sheets: [{ id: 'id-1', name: 'Sheet1', cells: 4 }] });
  });

  it('clears after the workbook was closed and reopened, leaving every cell as it was', async () => {
    const original = workbookWith(formSheet('Sheet1', 'id-1'), formSheet('Sheet2', 'id-2'));
    const pristine = clone(original);
    const first = install(original);
    const engine = stubEngine({
      Sheet1: SEED_FINDINGS,
      Sheet2: [finding('Sheet2', 'C4', 'error'), finding('Sheet2', 'D3', 'warning')],
    });
    await createExcelHost({ checkSheet: engine.checkSheet }).check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    expect(overlays(first.workbook.sheets[1])).toHaveLength(2);

    // close; reopen the saved file with Sheet2 active
    const reopened = first.savedCopy();
    reopened.activeSheet = 'Sheet2';
    const second = install(reopened);
    const removed = await createExcelHost().clearHighlights();

    expect(removed).toBe(6);
    expect(second.syncCount).toBe(3); // list + active sheet's rules, the recorded Sheet1's rules, delete
    expect(second.workbook.sheets).toEqual(pristine.sheets);
    expect(second.workbook.settings['hefen.highlights']).toEqual({ version: 1, sheets: [] });
  });

  it('clears in two syncs when only the active sheet is highlighted', async () => {
    const f = install(workbookWith(formSheet(), formSheet('Sheet2')));
    const host = createExcelHost({ checkSheet: stubEngine({ Sheet1: SEED_FINDINGS }).checkSheet });
    await host.check(DEFAULT_SETTINGS);
    f.reset();
    expect(await host.clearHighlights()).toBe(4);
    expect(f.syncCount).toBe(2);
    expect(await host.clearHighlights()).toBe(0);
  });

  it('without a record (lost or never saved) looks on every sheet', async () => {
    const f = install(workbookWith(formSheet(), formSheet('Sheet2'), formSheet('Sheet3')));
    await createExcelHost({
      checkSheet: stubEngine({ Sheet1: SEED_FINDINGS, Sheet3: [finding('Sheet3', 'C4', 'error')] }).checkSheet,
    }).check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    const copy = f.savedCopy();
    copy.settings = {};
    const g = install(copy);
    expect(await createExcelHost().clearHighlights()).toBe(5);
    expect(g.workbook.sheets.map(overlays)).toEqual([[], [], []]);
    expect(g.workbook.sheets.map((s) => userRules(s).length)).toEqual([3, 3, 3]);
  });

  it('still highlights when the record cannot be saved, and says so', async () => {
    const f = install(workbookWith(formSheet()), { failSettingsSave: true });
    const r = await createExcelHost({ checkSheet: stubEngine({ Sheet1: SEED_FINDINGS }).checkSheet }).check(DEFAULT_SETTINGS);
    expect(r.highlighted).toBe(4);
    expect(r.warnings).toEqual(['record-not-saved']);
    expect(overlays(f.workbook.sheets[0])).toHaveLength(4);
  });

  it('a check of one sheet leaves other sheets’ highlights and their record alone', async () => {
    const f = install(workbookWith(formSheet('Sheet1', 'id-1'), formSheet('Sheet2', 'id-2')));
    const host = createExcelHost({
      checkSheet: stubEngine({ Sheet1: SEED_FINDINGS, Sheet2: [finding('Sheet2', 'C4', 'error')] }).checkSheet,
    });
    await host.check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    await host.check({ ...DEFAULT_SETTINGS, highlight: ['error'] }); // Sheet1 is active
    expect(overlays(f.workbook.sheets[0])).toHaveLength(2);
    expect(overlays(f.workbook.sheets[1])).toHaveLength(1);
    expect(f.workbook.settings['hefen.highlights']).toEqual({
      version: 1,
      sheets: [
        { id: 'id-2', name: 'Sheet2', cells: 1 },
        { id: 'id-1', name: 'Sheet1', cells: 2 },
      ],
    });
  });
});

describe('the whole workbook', () => {
  it('lists the sheets, reads every visible one in one sync, writes in one', async () => {
    const hidden = formSheet('隐藏', 'id-h');
    hidden.visibility = 'Hidden';
    const f = install(workbookWith(formSheet('Sheet1'), fakeSheet('说明', [['说明']]), hidden));
    const engine = stubEngine({ Sheet1: SEED_FINDINGS, 隐藏: SEED_FINDINGS });
    const r = await createExcelHost({ checkSheet: engine.checkSheet }).check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    expect(f.syncCount).toBe(3);
    expect(engine.calls.map((c) => c.snapshot.sheet)).toEqual(['Sheet1', '说明']);
    expect(r.reports.map((x) => x.sheet)).toEqual(['Sheet1', '说明']);
    expect(r.sheetsWithoutForm).toEqual(['说明']);
    expect(r.highlighted).toBe(4);
    // one window per sheet: the budget shared between the two
    expect(calls(batch(f.log, 1), 'getIntersectionOrNullObject')).toEqual([
      'Range.getIntersectionOrNullObject(A1:AF156)',
      'Range.getIntersectionOrNullObject(A1:AF156)',
    ]);
  });

  it('removes what 核分 left on a sheet that was hidden since', async () => {
    const f = install(workbookWith(formSheet('Sheet1', 'id-1'), formSheet('Sheet2', 'id-2')));
    const host = createExcelHost({ checkSheet: stubEngine({ Sheet2: [finding('Sheet2', 'C4', 'error')] }).checkSheet });
    await host.check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    f.workbook.sheets[1].visibility = 'Hidden';
    await host.check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    expect(overlays(f.workbook.sheets[1])).toEqual([]);
    expect(f.workbook.settings['hefen.highlights']).toEqual({ version: 1, sheets: [] });
  });
});

describe('selection, settings, language and theme', () => {
  it('select activates the sheet and selects the cell in one sync', async () => {
    const f = install(workbookWith(formSheet('Sheet1'), formSheet('Sheet2')));
    await createExcelHost().select('Sheet2', 'H16');
    expect(f.workbook.activeSheet).toBe('Sheet2');
    expect(f.workbook.selection).toEqual({ sheet: 'Sheet2', address: 'H16' });
    expect(f.syncCount).toBe(1);
  });

  it('select on a sheet that is gone fails with a typed error', async () => {
    install(workbookWith(formSheet()));
    await expect(createExcelHost().select('已删除', 'A1')).rejects.toMatchObject({
      name: 'HostError',
      code: 'select-failed',
      message: '无法定位到“已删除”的 A1。',
    });
  });

  it('settings are remembered in the workbook and read back validated', async () => {
    const f = install(workbookWith(formSheet()));
    const host = createExcelHost();
    expect(await host.loadSettings()).toEqual(DEFAULT_SETTINGS);
    const s: Settings = { rules: 'platform', highlight: ['error', 'info'], wholeWorkbook: true, recheckOnActivate: false };
    await host.saveSettings(s);
    expect(f.workbook.settings['hefen.settings']).toEqual(s);
    expect(await installAgain(f.savedCopy()).loadSettings()).toEqual(s);

    const odd = f.savedCopy();
    odd.settings['hefen.settings'] = { rules: 'mars', highlight: ['warning', 'fatal', 'error'], wholeWorkbook: 'yes', recheckOnActivate: 0 };
    expect(await installAgain(odd).loadSettings()).toEqual({ rules: 'national', highlight: ['error', 'warning'], wholeWorkbook: false, recheckOnActivate: true });
    // settings saved before the field existed: the default, re-check on switching sheets
    const older = f.savedCopy();
    older.settings['hefen.settings'] = { rules: 'hubei', highlight: ['error'], wholeWorkbook: false };
    expect(await installAgain(older).loadSettings()).toEqual({ rules: 'hubei', highlight: ['error'], wholeWorkbook: false, recheckOnActivate: true });
  });

  it('saving settings that Excel refuses is a typed error', async () => {
    install(workbookWith(formSheet()), { failSettingsSave: true });
    await expect(createExcelHost().saveSettings(DEFAULT_SETTINGS)).rejects.toMatchObject({ code: 'settings-failed' });
  });

  it('English only when Excel’s display language is English; dark by the body background', () => {
    const cases: [FakeOfficeOptions, string, string][] = [
      [{ displayLanguage: 'en-US', bodyBackgroundColor: '#FFFFFF' }, 'en-US', 'light'],
      [{ displayLanguage: 'en-GB', bodyBackgroundColor: '#1f1f1f' }, 'en-US', 'dark'],
      [{ displayLanguage: 'zh-CN', bodyBackgroundColor: '#262626' }, 'zh-CN', 'dark'],
      [{ displayLanguage: 'zh-TW', bodyBackgroundColor: '#e6e6e6' }, 'zh-CN', 'light'],
      [{ displayLanguage: 'de-DE' }, 'zh-CN', 'light'],
    ];
    for (const [opts, locale, theme] of cases) {
      install(workbookWith(formSheet()), opts);
      const host = createExcelHost();
      expect([host.locale, host.theme]).toEqual([locale, theme]);
    }
  });
});

function installAgain(wb: FakeWorkbook) {
  install(wb);
  return createExcelHost();
}
