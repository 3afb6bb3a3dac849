/**
 * 导出审核汇总 in Excel: every visible sheet checked as it is now (nothing written to the workbook),
 * the review workbook of `hefen review` built from it (marked findings listed with their mark), and opened with
 * Excel.createWorkbook — or handed back as a file where Excel cannot (ExcelApi below 1.8, a refusal).
 * The bytes are read back with ExcelJS.
 */
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import { createExcelHost } from '../../src/excel/host.js';
import { documentFileName, reviewFileName, toBase64 } from '../../src/excel/review.js';
import { DEFAULT_SETTINGS, reviewKey, type ReviewMark } from '../../src/host/index.js';
import { FINDING_HEADERS, OVERVIEW_HEADERS } from '../../src/xlsx/review/index.js';
import { fakeSheetToSnapshot } from '../e2e/fixture.js';
import { addCreateWorkbook, fakeSheet, installFakeOffice, type FakeOffice, type FakeOfficeOptions, type FakeWorkbook } from '../support/fake-office.js';
import { seed002Sheet, workbookWith } from './helpers.js';

let fake: FakeOffice | undefined;
afterEach(() => {
  fake?.uninstall();
  fake = undefined;
});

/** Seed 002 twice (项目B with the execution score the rules give), a sheet without a form, a hidden form. */
function workbook(): FakeWorkbook {
  const b = seed002Sheet((c) => {
    c.H5 = { value: 4.66 };
    c.G27 = { value: 92.16 };
  });
  b.name = '项目B';
  b.id = 'b';
  const hidden = seed002Sheet();
  hidden.name = '旧表';
  hidden.id = 'old';
  hidden.visibility = 'Hidden';
  return workbookWith(seed002Sheet(), b, fakeSheet('说明', [['填表说明']]), hidden);
}

async function readBack(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const ws = wb.getWorksheet(name)!;
    const out: unknown[][] = [];
    ws.eachRow((row, i) => {
      if (i > 1) out.push((row.values as unknown[]).slice(1));
    });
    return out;
  };
  return { names: wb.worksheets.map((w) => w.name), rows };
}

function install(wb: FakeWorkbook, options: FakeOfficeOptions = {}) {
  fake = installFakeOffice(globalThis, wb, options);
  return fake;
}

describe('exportReviewWorkbook', () => {
  it('checks every visible sheet in 2 syncs without writing, leaves out marked findings, and opens the workbook in Excel', async () => {
    const wb = workbook();
    const f = install(wb);
    const created = addCreateWorkbook(f);
    const before = JSON.parse(JSON.stringify(wb)) as FakeWorkbook;
    const expected = ['Sheet1', '项目B'].map((name) => checkSheet(fakeSheetToSnapshot(wb.sheets.find((s) => s.name === name)!)).findings.map((x) => ({ ...x, sheet: name })));
    const e15 = expected[0].find((x) => x.cell === 'E15')!;
    const marks: ReviewMark[] = [{ key: reviewKey(e15), status: 'ignored', at: '2026-12-01T08:00:00Z' }];

    const out = await createExcelHost().exportReviewWorkbook!(DEFAULT_SETTINGS, marks);

    expect(f.syncCount).toBe(2); // list the sheets, read the visible ones
    expect(f.log.some((e) => e.kind === 'set' || (e.kind === 'call' && /add|delete|clear/i.test(e.method)))).toBe(false);
    expect(wb.sheets).toEqual(before.sheets);
    expect(wb.settings).toEqual(before.settings);
    expect(out).toMatchObject({ delivery: 'opened', fileName: '审核汇总.xlsx', forms: 2, marked: 1 });
    expect(created.opened).toEqual([toBase64(out.bytes)]);

    const book = await readBack(out.bytes);
    expect(book.names).toEqual(['一览', '审核意见', '统计', '无法读取']);
    const overview = book.rows('一览');
    expect(overview).toHaveLength(2); // one row per form: the sheet without a form and the hidden one are not forms to review
    const col = (h: string) => OVERVIEW_HEADERS.indexOf(h);
    expect(overview.map((r) => r[col('工作表')]).sort()).toEqual(['Sheet1', '项目B']);
    const sheet1 = overview.find((r) => r[col('工作表')] === 'Sheet1')!;
    expect([sheet1[col('填报总分')], sheet1[col('复算')]]).toEqual([94.5, 92.16]);
    expect(sheet1[col('文件')]).toBe('当前工作簿');
    const findings = book.rows('审核意见');
    expect(findings).toHaveLength(expected[0].length + expected[1].length);
    const markCol = FINDING_HEADERS.indexOf('复核标记');
    const e15Rows = findings.filter((r) => r[1] === 'Sheet1' && r[2] === 'E15');
    expect(e15Rows.map((r) => r[markCol])).toEqual(['忽略']); // listed with its mark
    expect(findings.filter((r) => r[markCol]).length).toBe(1);
    expect(findings.some((r) => r[1] === 'Sheet1' && r[2] === 'H5')).toBe(true);
  });

  it('names the file after the workbook (a path or a SharePoint address) and lists it in 一览', async () => {
    const f = install(workbook());
    addCreateWorkbook(f);
    const office = f.Office as { context: { document: { url?: string } } };
    office.context.document.url = 'https://example.sharepoint.com/sites/czj/Shared%20Documents/2023%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx';
    const out = await createExcelHost().exportReviewWorkbook!(DEFAULT_SETTINGS, []);
    expect(out.fileName).toBe('2023自评表-审核汇总.xlsx');
    expect((await readBack(out.bytes)).rows('一览')[0][0]).toBe('2023自评表.xlsx');
  });

  it('below ExcelApi 1.8 the bytes come back as a file to download, and Excel is not asked', async () => {
    const f = install(workbook(), { excelApi: '1.7' });
    const created = addCreateWorkbook(f);
    const out = await createExcelHost().exportReviewWorkbook!(DEFAULT_SETTINGS, []);
    expect(out).toMatchObject({ delivery: 'file', reason: 'unsupported', forms: 2, marked: 0 });
    expect(created.opened).toEqual([]);
    expect((await readBack(out.bytes)).rows('一览')).toHaveLength(2);
  });

  it('when Excel refuses to open it (extension hardening, a blocked pop-up) the bytes come back as a file', async () => {
    const f = install(workbook());
    addCreateWorkbook(f, { refuse: true });
    const out = await createExcelHost().exportReviewWorkbook!(DEFAULT_SETTINGS, []);
    expect(out).toMatchObject({ delivery: 'file', reason: 'refused' });
    expect((await readBack(out.bytes)).names).toContain('一览');
  });

  it('with the rule pack of the settings', async () => {
    const f = install(workbook());
    addCreateWorkbook(f);
    const out = await createExcelHost().exportReviewWorkbook!({ ...DEFAULT_SETTINGS, rules: 'hubei' }, []);
    const overview = (await readBack(out.bytes)).rows('一览');
    expect(overview.every((r) => String(r[OVERVIEW_HEADERS.indexOf('规则包')]).startsWith('hubei'))).toBe(true);
  });
});

describe('file names and base64', () => {
  it('the workbook’s name from a Windows path, a URL or nothing', () => {
    const f = install(workbook());
    const doc = (f.Office as { context: { document: { url?: string } } }).context.document;
    doc.url = 'C:\\Users\\张三\\Desktop\\项目自评表.xlsm';
    expect(documentFileName()).toBe('项目自评表.xlsm');
    expect(reviewFileName(documentFileName())).toBe('项目自评表-审核汇总.xlsx');
    doc.url = '';
    expect(documentFileName()).toBeNull();
    expect(reviewFileName(null)).toBe('审核汇总.xlsx');
    doc.url = 'https://x/a/100%25.xlsx?web=1';
    expect(documentFileName()).toBe('100%.xlsx');
    doc.url = 'D:\\自评\\表#2 100%.xlsx';
    expect(documentFileName()).toBe('表#2 100%.xlsx'); // a path is not an address: nothing decoded
    // Excel on the web: the file is named in Doc.aspx's query
    doc.url = 'https://czj.sharepoint.com/sites/ys/_layouts/15/Doc.aspx?sourcedoc=%7B1A2B%7D&file=2023+%E8%87%AA%E8%AF%84%E8%A1%A8.xlsx&action=default&mobileredirect=true';
    expect(documentFileName()).toBe('2023 自评表.xlsx');
    doc.url = 'https://x/a/%E5%A4%A7.xlsx%';
    expect(documentFileName()).toBe('%E5%A4%A7.xlsx%');
  });

  it('toBase64 of more than one slice matches Node’s', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
