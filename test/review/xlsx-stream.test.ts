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
