/**
 * The streamed review workbook as other readers see it: ExcelJS reads back every value, style,
 * link, the frozen header, the filter, widths and the data bar; awkward text (XML metacharacters,
 * control characters, edge spaces) survives or is dropped safely; the shared reader opens it; and
 * a part is well-formed XML however many rows it has.
 */
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { buildReviewWorkbook, type ReviewedFile } from '../../src/xlsx/review/index.js';
import { numberOrText, wrappedLines } from '../../src/xlsx/review/workbook.js';
import type { Finding, FormReport, SheetReport } from '../../src/core/index.js';
import { columnLetter, XlsxStream, xmlEscape } from '../../src/xlsx/review/xlsx-stream.js';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('xlsx-stream', () => {
  it('column letters and escaping', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(xmlEscape('a&b<c>"d"\u0001\u000b e\ud800')).toBe('a&amp;b&lt;c&gt;&quot;d&quot; e');
    expect(xmlEscape('表😀')).toBe('表😀');
  });

  it('writes values, styles, links, frozen rows, filter, widths and a data bar that ExcelJS reads back', async () => {
    const out = new XlsxStream({ creator: '核分', created: new Date('2026-01-02T03:04:05Z') });
    const st = out.styles;
    const bold = st.id({ font: 'bold', fill: 'FFD9E1F2', borderBottom: true });
    const pct = st.id({ numFmt: 10 });
    const ws = out.sheet('表 & 一', { columns: [{ width: 30 }, { width: 12, style: pct }], frozenRows: 1, tabSelected: true });
    ws.row([{ v: '名称', s: bold }, { v: '比例', s: bold }]);
    ws.row([{ v: ' 前后有空格 <&> ', link: '来文/a b#1.xlsx', s: st.id({ font: 'link' }) }, { v: 0.955, s: pct }]);
    ws.row([{ v: '第二行\n换行' }, { v: null }]);
    out.endSheet(ws, { autoFilter: 'A1:B3', dataBars: [{ ref: 'B2:B3', min: 0, max: 1, colour: 'FF5B9BD5' }] });
    const bytes = out.finish();

    const wb = await load(bytes);
    const sheet = wb.getWorksheet('表 & 一')!;
    expect(sheet.getCell('A1').value).toBe('名称');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect((sheet.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9E1F2');
    expect(sheet.getCell('A1').border?.bottom?.style).toBe('thin');
    expect(sheet.getCell('A2').value).toEqual({ text: ' 前后有空格 <&> ', hyperlink: '来文/a b#1.xlsx' });
    expect(sheet.getCell('B2').value).toBe(0.955);
    expect(sheet.getCell('B2').numFmt).toBe('0.00%');
    expect(sheet.getCell('A3').value).toBe('第二行\n换行');
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:B3');
    expect(sheet.getColumn(1).width).toBe(30);
    const cf = (sheet as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0].type])).toEqual([['B2:B3', 'dataBar']]);
    expect(wb.creator).toBe('核分');
  });

  it('the review workbook: every part is well-formed XML, the shared reader opens it, 5,000 forms stay small', async () => {
    const files: ReviewedFile[] = Array.from({ length: 5000 }, (_, i) => ({ file: `来文/表${i}.xlsx`, link: `来文/表${i}.xlsx`, reports: [], error: i % 2 ? '文件已损坏 <&>' : undefined }));
    const bytes = await buildReviewWorkbook(files, { rules: 'national', generatedAt: new Date(0) });
    const parts = unzipSync(bytes);
    expect(Object.keys(parts)).toContain('[Content_Types].xml');
    const parser = new DOMParserLike();
    for (const [name, data] of Object.entries(parts)) expect(parser.wellFormed(strFromU8(data)), name).toBe(true);
    const read = readWorkbook(bytes);
    expect(read.sheets.map((s) => s.sheet)).toEqual(['一览', '审核意见', '统计', '无法读取']);
    const unreadable = read.sheets[3];
    expect(unreadable.values.length).toBe(5001);
    expect(unreadable.values[2]?.[1]).toBe('文件已损坏 <&>');
  });
});

/** One form with the findings given, as the review workbook gets it. */
function reviewed(findings: Partial<Finding>[]): ReviewedFile {
  const base = { code: 'score-mismatch', severity: 'error', sheet: '表', path: ['产出指标'], message: '', declared: null, expected: null, rule: 'national/x' };
  const full = findings.map((x, i) => ({ ...base, cell: `H${i + 5}`, ...x }) as Finding);
  const form = {
    sheet: '表',
    range: 'A1:H40',
    kind: 'project',
    title: '项目支出绩效自评表',
    rules: 'national',
    total: { cell: 'G27', declared: '90', sum: '90', recomputed: '0' },
    grade: { cell: null, declared: null, computed: '差' },
    executionRate: { declared: null, computed: null },
    indicators: [],
    aggregates: [],
  } as unknown as FormReport;
  const report = { sheet: '表', forms: [form], findings: full } as unknown as SheetReport;
  return { file: '来文/表.xlsx', link: '来文/表.xlsx', reports: [report] };
}

/** Attributes of row `r` of a sheet part. */
const rowTag = (xml: string, r: number) => new RegExp(`<row r="${r}"[^>]*>`).exec(xml)?.[0] ?? '';

describe('the review workbook as LibreOffice showed it (defects found there)', () => {
  it('a row whose text wraps gets the height of its lines; other rows keep the default', async () => {
    const long = '评价标准（分档计分：≤5% 得满分，≥50% 得 0 分，每 5 个百分点一档，每档扣 0.2 分）允许的得分为 0、0.2、0.4…2（步长 0.2），填报 1.5 分不在其中；最接近的是 1.4 或 1.6';
    const bytes = await buildReviewWorkbook([reviewed([{ message: long }, { message: '短' }])], { rules: 'national', generatedAt: new Date(0) });
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet2.xml']);
    // 审核内容 is 60 wide: the long text takes three lines of 16 pt; the short row stays default.
    expect(rowTag(sheet, 2)).toBe('<row r="2" ht="48" customHeight="1">');
    expect(rowTag(sheet, 3)).toBe('<row r="3">');
    const wb = await load(bytes);
    expect(wb.getWorksheet('审核意见')!.getRow(2).height).toBe(48);
  });

  it('estimates lines as drawn: CJK and full-width punctuation wide, Latin narrow, newlines counted', () => {
    expect(wrappedLines('短', 60)).toBe(1);
    expect(wrappedLines('汉'.repeat(28), 60)).toBe(1);
    expect(wrappedLines('汉'.repeat(29), 60)).toBe(2);
    expect(wrappedLines('…'.repeat(29), 60)).toBe(2);
    expect(wrappedLines('national/execution.score'.repeat(3), 60)).toBe(1);
    expect(wrappedLines('一\n二\n三', 60)).toBe(3);
  });

  it('every body cell is top-aligned, so a row with one wrapped column still reads across', async () => {
    const bytes = await buildReviewWorkbook([reviewed([{ message: '短' }])], { rules: 'national', generatedAt: new Date(0) });
    const wb = await load(bytes);
    const row = wb.getWorksheet('一览')!.getRow(2);
    for (let c = 1; c <= 16; c++) expect(row.getCell(c).alignment?.vertical, `column ${c}`).toBe('top');
  });

  it('data bars run from 0 to 100 % of the cell, so a zero band shows no bar', async () => {
    const bytes = await buildReviewWorkbook([reviewed([])], { rules: 'national', generatedAt: new Date(0) });
    const parts = unzipSync(bytes);
    for (const name of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet3.xml']) {
      expect(strFromU8(parts[name]), name).toMatch(/<dataBar minLength="0" maxLength="100">/);
    }
  });

  it('填报 and 应为 are numbers when they are plain decimals, text otherwise', async () => {
    expect([numberOrText('7'), numberOrText('4.66'), numberOrText('-0.5'), numberOrText('1.50'), numberOrText('优'), numberOrText('67%'), numberOrText(null)]).toEqual([7, 4.66, -0.5, '1.50', '优', '67%', null]);
    const bytes = await buildReviewWorkbook([reviewed([{ declared: '7', expected: '4.66' }, { declared: '优', expected: '良' }])], { rules: 'national', generatedAt: new Date(0) });
    const ws = (await load(bytes)).getWorksheet('审核意见')!;
    expect([ws.getCell('H2').value, ws.getCell('I2').value, ws.getCell('H3').value, ws.getCell('I3').value]).toEqual([7, 4.66, '优', '良']);
  });
});

/** A tag-balance check: enough to catch an unclosed or misnested element in generated XML. */
class DOMParserLike {
  wellFormed(xml: string): boolean {
    const stack: string[] = [];
    const re = /<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>|<\?[^>]*\?>/g;
    for (const m of xml.matchAll(re)) {
      if (!m[2]) continue;
      if (m[1]) {
        if (stack.pop() !== m[2]) return false;
      } else if (!m[4]) stack.push(m[2]);
    }
    return stack.length === 0 && !/&(?!amp;|lt;|gt;|quot;|apos;|#)/.test(xml);
  }
}
