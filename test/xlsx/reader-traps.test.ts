import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SheetSnapshot } from '../../src/core/snapshot.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { rawXlsx, worksheetXml, type RawPackage } from './support.js';

const one = (p: RawPackage): SheetSnapshot => readWorkbook(rawXlsx(p)).sheets[0];

/** Cell by absolute A1 address. */
function at(s: SheetSnapshot, a1: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  let c = 0;
  for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
  const i = Number(m[2]) - 1 - s.top;
  const j = c - 1 - s.left;
  return { value: s.values[i]?.[j], text: s.text?.[i]?.[j], format: s.numberFormat?.[i]?.[j], formula: s.formulas?.[i]?.[j] };
}

describe('reader: the traps of real files', () => {
  it('decodes _xHHHH_ escapes and normalises \\r\\n in shared and inline strings', () => {
    const s = one({
      sst: ['一级_x000D_\r\n指标', '<si><t>a_x005F_x0041_b</t></si>'],
      sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>x\r\ny</t></is></c></row>' }],
    });
    expect(s.values[0]).toEqual(['一级\r\n指标', 'a_x0041_b', 'x\ny']);
  });

  it('reads $ in cell references, x: prefixes and rows or cells without r', () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row>
      <x:row r="3"><x:c r="$B$3"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>
      <x:row><x:c r="A4"><x:v>5</x:v></x:c></x:row>
    </x:sheetData><x:mergeCells count="1"><x:mergeCell ref="$D$3:$E$4"/></x:mergeCells></x:worksheet>`;
    const s = one({ sheets: [{ name: 'S', xml }] });
    expect([s.top, s.left]).toEqual([0, 0]);
    expect(s.values).toEqual([
      [1, 2, null, null, null],
      [null, null, null, null, null],
      [null, 3, 4, null, null],
      [5, null, null, null, null],
    ]);
    expect(s.merges).toEqual([{ top: 2, left: 3, bottom: 3, right: 4 }]);
  });

  it('never lets NaN or Infinity in as a number; errors, booleans, str and d cells', () => {
    const s = one({
      sheets: [
        {
          name: 'S',
          xml: `<row r="1"><c r="A1"><v>NaN</v></c><c r="B1"><v>1e999</v></c><c r="C1"><v>-Infinity</v></c><c r="D1" t="e"><v>#DIV/0!</v></c>
          <c r="E1" t="b"><v>1</v></c><c r="F1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="G1" t="e"><f>1/0</f><v>#DIV/0!</v></c>
          <c r="H1" t="d"><v>2024-01-01T12:00:00</v></c></row>`,
        },
      ],
    });
    expect(s.values[0]).toEqual(['NaN', '1e999', '-Infinity', '#DIV/0!', true, 'ab', '#DIV/0!', 45292.5]);
    expect(s.text![0].slice(0, 5)).toEqual(['NaN', '1e999', '-Infinity', '#DIV/0!', 'TRUE']);
    expect(s.formulas![0].slice(5, 7)).toEqual(['="a"&"b"', '=1/0']);
    for (const v of s.values.flat()) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('expands shared formulas from their master, $-anchored parts fixed', () => {
    const s = one({
      sheets: [
        {
          name: 'S',
          xml: `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*$C$1+SUM(A$1:A1)&amp;"A1"</f><v>2</v></c></row>
          <row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>
          <row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/><v>6</v></c><c r="C3"><f t="shared" si="9"/><v>1</v></c></row>`,
        },
      ],
    });
    expect(s.formulas!.map((r) => r[1])).toEqual(['=A1*$C$1+SUM(A$1:A1)&"A1"', '=A2*$C$1+SUM(A$1:A2)&"A1"', '=A3*$C$1+SUM(A$1:A3)&"A1"']);
    expect(s.values.map((r) => r[1])).toEqual([2, 4, 6]);
    expect(at(s, 'C3').formula).toBe('=#REF!'); // orphan dependent: still marked as a formula
  });

  it('joins rich text runs and skips phonetic runs', () => {
    const s = one({
      sst: ['<si><r><rPr><b/></rPr><t>产出</t></r><r><t xml:space="preserve">指标 </t></r><rPh sb="0" eb="2"><t>さんしゅつ</t></rPh><phoneticPr fontId="1"/></si>'],
      sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r><rPh><t>x</t></rPh></is></c></row>' }],
    });
    expect(s.values[0]).toEqual(['产出指标 ', '内联']);
  });

  it('uses built-in and custom number formats; styled empty cells do not extend the area', () => {
    const s = one({
      numFmts: [[164, '0.00"分"']],
      xfs: [9, 164, 4, 10],
      sheets: [
        {
          name: 'S',
          xml: `<row r="1"><c r="A1" s="1"><v>0.675</v></c><c r="B1" s="2"><v>5</v></c><c r="C1" s="3"><v>1234.5</v></c><c r="D1" s="4"/></row>
          <row r="2"><c r="A2" s="2"/><c r="B2"><v>1</v></c></row><row r="50"><c r="Z50" s="2"/></row>`,
        },
      ],
    });
    expect(s.text![0]).toEqual(['68%', '5.00分', '1,234.50']); // D1: formatted only, outside the area
    expect(s.numberFormat![0]).toEqual(['0%', '0.00"分"', '#,##0.00']);
    expect(at(s, 'A2')).toEqual({ value: null, text: '', format: '0.00"分"', formula: null });
    expect([s.values.length, s.values[0].length]).toEqual([2, 3]);
  });

  it('reads dates in the 1904 system as stored serials', () => {
    const p: RawPackage = { date1904: true, sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="d"><v>2024-01-01T00:00:00Z</v></c><c r="B1"><v>43830</v></c></row>' }] };
    expect(one(p).values[0]).toEqual([45292 - 1462, 43830]);
  });

  it('reads a package without sharedStrings.xml (inline strings) and refuses a dangling index', () => {
    const ok = one({ sst: null, sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>总分</t></is></c></row>' }] });
    expect(ok.values).toEqual([['总分']]);
    expect(() => readWorkbook(rawXlsx({ sst: null, sheets: [{ name: 'S', xml: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }] }))).toThrow(
      expect.objectContaining({ code: 'corrupt' }),
    );
  });

  it('lists hidden sheets, keeps workbook order, skips chart sheets', () => {
    const r = readWorkbook(
      rawXlsx({
        sheets: [
          { name: '说明', xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', state: 'hidden' },
          { name: '自评表', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' },
          { name: '隐藏', xml: '', state: 'veryHidden' },
        ],
      }),
    );
    expect(r.sheets.map((s) => s.sheet)).toEqual(['说明', '自评表', '隐藏']);
    expect(r.hiddenSheets).toEqual(['说明', '隐藏']);
    expect(r.sheets[2].values).toEqual([]);
  });

  it('reports malformed XML as corrupt instead of reading garbage', () => {
    const bad = [
      '<row r="1"><c r="A1"><v>1</v></row>', // <c> never closed
      '<row r="1"><c r="A1"><v>1</c></v></row>', // closed out of order
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a &bogus; b</t></is></c></row>',
      '<row r="1"><c r=A1><v>1</v></c></row>',
      '<row r="1"><c r="A1"><v>1</v></c></row><!-- unterminated',
      '<row r="1"><c r="1A"><v>1</v></c></row>',
      '<row r="0"><c><v>1</v></c></row>',
    ];
    for (const xml of bad) {
      expect(() => readWorkbook(rawXlsx({ sheets: [{ name: 'S', xml }] })), xml).toThrow(expect.objectContaining({ code: 'corrupt' }));
    }
    const doctype = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet><sheetData/></worksheet>';
    expect(() => readWorkbook(rawXlsx({ sheets: [{ name: 'S', xml: doctype }] }))).toThrow(expect.objectContaining({ code: 'corrupt' }));
    const garbage = rawXlsx({ sheets: [{ name: 'S', xml: '<row/>' }], extra: { 'xl/worksheets/sheet1.xml': strToU8('\xff\xfe\x00garbage') } });
    expect(() => readWorkbook(garbage)).toThrow(expect.objectContaining({ code: 'corrupt' }));
  });

  it('accepts a whole worksheet document with CDATA and comments', () => {
    const xml = worksheetXml('<!-- c --><row r="2"><c r="B2" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>');
    expect(one({ sheets: [{ name: 'S', xml }] }).values).toEqual([['a<b']]);
  });

  it('reads cells in any valid spelling the same as the plain one (the fast path and the scanner agree)', () => {
    const sst = ['<si><t>甲</t></si>', '<si><t>乙</t></si>'];
    const plain = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c><c r="C1" s="1"><f>A1&amp;B1</f><v>x</v></c><c r="D1" t="s"><v>1</v></c></row>';
    const spellings = [
      "<row r='1'><c t='s' r='A1'><v>0</v></c><c\r\n  r = \"B1\" ><v >1.5</v ></c ><c s=\"1\" r=\"C1\"><!-- c --><f>A1&amp;B1</f><?pi x?><v>x</v></c><c r=\"D1\" t=\"s\"><v><![CDATA[1]]></v></c></row>",
      '<row r="1"><c r="$A$1" t="s"><v>&#48;</v></c><c r="B1"><v> 1.5 </v></c><c r="C1" s="1"><f xml:space="preserve">A1&amp;B1</f><v>x</v></c><c t="s" r="D1"><v>1</v></c></row>',
      '<row r="1"><c r="A1" t="s"><v>0</v></c><x:c xmlns:x="urn:x" r="B1"><x:v>1.5</x:v></x:c><c r="C1" s="1"><f>A1&amp;B1</f><v>x</v></c><c r="D1" t="s"><v>1</v></c></row>',
    ];
    const read = (xml: string) => {
      const s = one({ sst, xfs: [0, 2], sheets: [{ name: 'S', xml }] });
      return { values: s.values, formulas: s.formulas, formats: s.numberFormat };
    };
    const expected = read(plain);
    expect(expected.values).toEqual([['甲', 1.5, 'x', '乙']]);
    expect(expected.formulas![0][2]).toBe('=A1&B1');
    for (const xml of spellings) expect(read(xml), xml).toEqual(expected);
  });

  it('reads plain numbers exactly as Number() does', () => {
    const texts = ['-0', '0', '00012', '0.1', '0.3', '-2.5', '123456789012345', '1234567890123456', '12345678.9012345', '0.000000000000001', '.5', '5.', '1e3', '1.7976931348623157e308', '0.10416666666666667'];
    const xml = `<row r="1">${texts.map((t, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${t}</v></c>`).join('')}</row>`;
    const s = one({ sheets: [{ name: 'S', xml }] });
    texts.forEach((t, i) => expect(Object.is(s.values[0][i], Number(t)), t).toBe(true));
  });

  it('refuses malformed attributes on any tag, read or not', () => {
    const bad = [
      worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('<sheetData>', '<sheetFormatPr defaultRowHeight=15/><sheetData>'),
      worksheetXml('<row r="1" spans="1:1"ht="20"><c r="A1"><v>1</v></c></row>'),
      worksheetXml('<row r="1"><c r="A1" t\u0000="s"><v>0</v></c></row>'),
      worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>').replace('<sheetData>', '<cols><col min="1" max="1 width="9"/></cols><sheetData>'),
    ];
    for (const xml of bad) {
      expect(() => readWorkbook(rawXlsx({ sst: ['<si><t>a</t></si>'], sheets: [{ name: 'S', xml }] })), xml).toThrow(expect.objectContaining({ code: 'corrupt' }));
    }
  });
});
