/**
 * The reader's fast path over rows (`</row><row r="…" …>` read straight from the part, in
 * src/xlsx/reader/ooxml.ts) takes each row exactly as the scanner does: for every way of writing
 * rows below, the same sheet XML with a line break before every row tag (which sends them all
 * through the scanner) reads to the same snapshot, or fails with the same code and sentence.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook, WorkbookReadError } from '../../src/xlsx/reader/index.js';
import { rawXlsx, worksheetXml } from './support.js';

function outcome(sheetXml: string): unknown {
  try {
    return readWorkbook(rawXlsx({ sheets: [{ name: 'S', xml: sheetXml }] })).sheets;
  } catch (e) {
    if (e instanceof WorkbookReadError) return { code: e.code, message: e.message };
    throw e;
  }
}

const cells = (r: number) => `<c r="A${r}"><v>${r}</v></c><c r="B${r}" t="str"><v>b${r}</v></c>`;
const bare = (r: number) => `<c><v>${r}</v></c><c><v>${r + 1}</v></c>`;

const CASES: Record<string, string> = {
  'plain rows': [1, 2, 3].map((r) => `<row r="${r}">${cells(r)}</row>`).join(''),
  'attributes as Excel writes them': [1, 2].map((r) => `<row r="${r}" spans="1:2" ht="20.1" customHeight="1" x14ac:dyDescent="0.25">${cells(r)}</row>`).join(''),
  'rows without r, cells without r': `<row>${bare(1)}</row><row>${bare(3)}</row><row r="7">${bare(5)}</row><row>${bare(7)}</row>`,
  'rows that skip and go back': `<row r="3">${cells(3)}</row><row r="10">${cells(10)}</row><row r="2">${cells(2)}</row>`,
  'empty rows, open and self-closed': `<row r="1">${cells(1)}</row><row r="2"/><row r="3"></row><row r="4" spans="1:2"/><row>${bare(9)}</row><row/><row>${bare(1)}</row>`,
  'r not first, r twice': `<row spans="1:2" r="4">${cells(4)}</row><row r="5" r="9">${bare(2)}</row>`,
  'a prefixed r': `<row x:r="4" xmlns:x="urn:x">${bare(1)}</row><row r="6" x:r="2" xmlns:x="urn:x">${bare(2)}</row><row x:r="8" r="3" xmlns:x="urn:x">${bare(3)}</row>`,
  'r as Number() reads it': `<row r="1">${bare(1)}</row><row r="007">${bare(2)}</row><row r="1.0e1">${bare(3)}</row><row r=" 12 ">${bare(4)}</row><row r="0x10">${bare(5)}</row>`,
  'single quotes, spaces around =, tabs, > in a value': `<row r="1">${bare(1)}</row><row r='2'>${bare(2)}</row><row r = "3">${bare(3)}</row><row\tr="4">${bare(4)}</row><row r="5" note="a>b">${bare(5)}</row><row r="6" x="&amp;">${bare(6)}</row>`,
  'r out of range': `<row r="1">${bare(1)}</row><row r="1048577">${bare(2)}</row>`,
  'r zero': `<row r="1">${bare(1)}</row><row r="0">${bare(2)}</row>`,
  'r not a number': `<row r="1">${bare(1)}</row><row r="x">${bare(2)}</row>`,
  'r empty': `<row r="1">${bare(1)}</row><row r="">${bare(2)}</row>`,
  'a row tag without its end': `<row r="1">${bare(1)}</row><row r="2"`,
  'an attribute without a value': `<row r="1">${bare(1)}</row><row r="2" hidden>${bare(2)}</row>`,
  'no space between attributes': `<row r="1">${bare(1)}</row><row r="2"spans="1:2">${bare(2)}</row>`,
  'a name character the fast path leaves alone': `<row r="1">${bare(1)}</row><row r="2" 属性="1">${bare(2)}</row>`,
  'rowx is not a row': `<row r="1">${bare(1)}</row><rowx r="2">${bare(2)}</rowx><row r="3">${bare(3)}</row>`,
  'a cell outside any row': `<c r="A1"><v>1</v></c><row r="2">${bare(2)}</row>`,
  'a row inside a row': `<row r="1">${bare(1)}<row r="2">${bare(2)}</row></row>`,
  'a row end without its row': `<row r="1">${bare(1)}</row></row><row r="3">${bare(3)}</row>`,
  'cells inside another element': `<row r="1"><x>${bare(1)}</x></row><row r="2">${bare(2)}</row>`,
  'a mismatched end': `<row r="1"><x>${bare(1)}</row><row r="2">${bare(2)}</row>`,
};

describe('reader: rows read by the fast path as by the scanner', () => {
  it.each(Object.entries(CASES))('%s', (_, xml) => {
    const spaced = xml.replaceAll('<row', '\n<row').replaceAll('</row>', '\n</row>');
    expect(spaced).not.toBe(xml);
    expect(outcome(xml)).toEqual(outcome(spaced));
  });

  it('still reads what it should: row numbers, empty rows, prefixed documents', () => {
    const s = outcome(`<row r="2">${cells(2)}</row><row/><row>${bare(1)}</row><row r="9"/><row>${bare(5)}</row>`) as { top: number; values: unknown[][] }[];
    expect(s[0].top).toBe(1);
    expect(s[0].values.map((r) => r[0])).toEqual([2, null, 1, null, null, null, null, null, 5]);
    const xml = worksheetXml('').replace('<sheetData></sheetData>', `<sheetData><row r="1">${bare(1)}</row><row r="3">${bare(3)}</row></sheetData>`);
    expect((outcome(xml) as { values: unknown[][] }[])[0].values).toEqual([[1, 2], [null, null], [3, 4]]);
  });
});
