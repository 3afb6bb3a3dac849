import ExcelJS from 'exceljs';
import { read as sheetjsRead } from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchWorkbook, PatchError, type CellPatch } from '../../src/xlsx/patch/index.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { openZip } from '../../src/xlsx/reader/zip.js';
import type { SheetSnapshot } from '../../src/core/snapshot.js';
import { entryXml, featureRich } from './patch-fixture.js';

function cellOf(s: SheetSnapshot, a1: string) {
  const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const i = Number(m[2]) - 1 - s.top;
  const j = col - s.left;
  return { value: s.values[i]?.[j] ?? null, format: s.numberFormat?.[i]?.[j] ?? 'General', formula: s.formulas?.[i]?.[j] ?? null };
}

/** Every cell of every sheet, by "sheet!A1", as the reader sees it. */
function cells(bytes: Uint8Array): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const s of readWorkbook(bytes).sheets) {
    s.values.forEach((row, i) =>
      row.forEach((_, j) => {
        const a1 = `${String.fromCharCode(65 + s.left + j)}${s.top + i + 1}`;
        out.set(`${s.sheet}!${a1}`, cellOf(s, a1));
      }),
    );
  }
  return out;
}

const stripCells = (xml: string, refs: string[]) =>
  refs.reduce((x, r) => x.replace(new RegExp(`<c r="${r}"[^>]*?(/>|>.*?</c>)`), ''), xml).replace(/<row r="30"[^>]*><\/row>/, '');

describe('patchWorkbook', () => {
  let original: Uint8Array;
  beforeAll(async () => {
    original = await featureRich();
  });

  const patches: CellPatch[] = [
    { sheet: '自评表', cell: 'G5', value: 4.5 }, // over a formula: replaces it
    { sheet: '自评表', cell: 'G6', numberFormat: '0.00%' }, // its cellXfs record is shared with G3:G12
    { sheet: '自评表', cell: 'E7', fill: 'FFFFC7CE' },
    { sheet: '自评表', cell: 'H8', value: '偏差：设备到货延迟 & <说明>' }, // a new cell in an existing row
    { sheet: '自评表', cell: 'B30', value: 7 }, // a new row
    { sheet: '自评表', cell: 'G13', value: 49.5, keepFormula: true },
  ];
  const targets = ['G5', 'G6', 'E7', 'H8', 'B30', 'G13'];

  it('changes only the target cells and styles.xml; every other part byte-identical', () => {
    const patched = patchWorkbook(original, patches);
    const a = openZip(original);
    const b = openZip(patched);
    expect(b.entries.map((e) => e.name)).toEqual(a.entries.map((e) => e.name));
    const changed: string[] = [];
    for (const e of a.entries) {
      const f = b.byName.get(e.name)!;
      const same = Buffer.compare(original.subarray(e.dataOffset, e.dataOffset + e.compressedSize), patched.subarray(f.dataOffset, f.dataOffset + f.compressedSize)) === 0;
      if (!same) changed.push(e.name);
    }
    // workbook.xml: fullCalcOnLoad only (test/xlsx/patch-calc.test.ts), as the values feed formulas.
    expect(changed.sort()).toEqual(['xl/calcChain.xml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);

    // Sheet XML: identical once the target cells are taken out of both.
    const before = entryXml(original, 'xl/worksheets/sheet1.xml');
    const after = entryXml(patched, 'xl/worksheets/sheet1.xml');
    expect(stripCells(after, targets)).toBe(stripCells(before, targets));

    // Cells: only the targets differ.
    const cb = cells(original);
    const ca = cells(patched);
    const blank = { value: null, format: 'General', formula: null };
    const diff = [...new Set([...cb.keys(), ...ca.keys()])].filter((k) => JSON.stringify(cb.get(k) ?? blank) !== JSON.stringify(ca.get(k) ?? blank));
    // E7 changes its fill only, which snapshots do not show: checked through its style below.
    expect(diff.sort()).toEqual(targets.filter((t) => t !== 'E7').map((t) => `自评表!${t}`).sort());
    const s = readWorkbook(patched).sheets[0];
    expect(cellOf(s, 'G5')).toEqual({ value: 4.5, format: '0.00', formula: null });
    expect(cellOf(s, 'G6')).toMatchObject({ format: '0.00%', formula: '=F6*E6/D6' });
    expect(cellOf(s, 'G7').format).toBe('0.00'); // the shared record is untouched
    expect(cellOf(s, 'H8').value).toBe('偏差：设备到货延迟 & <说明>');
    expect(cellOf(s, 'B30').value).toBe(7);
    expect(cellOf(s, 'G13')).toEqual({ value: 49.5, format: 'General', formula: '=SUM(G3:G12)' });

    // styles.xml: the original records are all still there, new ones appended after them.
    const st0 = entryXml(original, 'xl/styles.xml');
    const st1 = entryXml(patched, 'xl/styles.xml');
    const xfs = (x: string) => /<cellXfs[^>]*>(.*)<\/cellXfs>/s.exec(x)![1];
    expect(xfs(st1).startsWith(xfs(st0))).toBe(true);
    expect(st1).toMatch(/<fgColor rgb="FFFFC7CE"\/>/);
    const styleOf = (xml: string, ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(xml)![1]);
    const xfList = (x: string) => xfs(x).match(/<xf [^>]*?(\/>|>.*?<\/xf>)/g)!;
    const e7 = xfList(st1)[styleOf(after, 'E7')];
    expect(e7).toMatch(/applyFill="1"/);
    expect(e7.replace(/fillId="\d+"/, '').replace(/ applyFill="1"/, '')).toBe(
      xfList(st0)[styleOf(before, 'E7')].replace(/fillId="\d+"/, '').replace(/ applyFill="1"/, ''),
    );
    expect(styleOf(after, 'E8')).toBe(styleOf(before, 'E8'));

    // calcChain: G5 left it; its neighbours keep their sheet index.
    const calc = entryXml(patched, 'xl/calcChain.xml');
    expect(calc).not.toMatch(/r="G5"/);
    expect(calc).toMatch(/<c r="G3" i="1"\/><c r="G4"\/><c r="G6"\/>/);
  });

  it('writes a file ExcelJS and SheetJS open, with the features intact', async () => {
    const patched = patchWorkbook(original, patches);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(patched as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('自评表')!;
    expect(ws.getCell('G5').value).toBe(4.5);
    expect(ws.getCell('C3').note).toBeTruthy();
    expect(ws.getCell('F3').dataValidation?.type).toBe('decimal');
    expect(wb.definedNames.getNames('自评表!$G$13')).toContain('总分');
    const sj = sheetjsRead(patched, { type: 'array' });
    expect(sj.Sheets['自评表'].H8.v).toBe('偏差：设备到货延迟 & <说明>');
    expect(entryXml(patched, 'docProps/custom.xml')).toContain('KSOProductBuildVer');
    expect(entryXml(patched, 'xl/worksheets/sheet1.xml')).toContain('x14:sparklineGroups');
    expect(entryXml(patched, 'xl/worksheets/sheet1.xml')).toContain('<sheetProtection');
  });

  it('refuses NaN, Infinity and text into numeric cells, shared masters, unknown sheets', () => {
    expect(() => patchWorkbook(original, [{ sheet: '自评表', cell: 'G13', value: NaN }])).toThrow(PatchError);
    expect(() => patchWorkbook(original, [{ sheet: '自评表', cell: 'G13', value: Infinity }])).toThrow(/不是有效数字/);
    expect(() => patchWorkbook(original, [{ sheet: '自评表', cell: 'E5', value: '九十五' }])).toThrow(/数值单元格/);
    expect(() => patchWorkbook(original, [{ sheet: '无此表', cell: 'A1', value: 1 }])).toThrow(/没有工作表/);
    expect(() => patchWorkbook(original, [{ sheet: '自评表', cell: 'A1', fill: 'red' }])).toThrow(/填充颜色/);
  });

  it('keeps escapes and control characters round-tripping', () => {
    const text = 'a_x0041_b\u0001c\r\nd';
    const patched = patchWorkbook(original, [{ sheet: '说明', cell: 'B2', value: text }]);
    expect(readWorkbook(patched).sheets[1].values[1][1]).toBe('a_x0041_b\u0001c\r\nd');
  });
});
