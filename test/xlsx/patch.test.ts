import ExcelJS from 'exceljs';
import { read as sheetjsRead } from '@e965/xlsx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchWorkbook, PatchError, type CellPatch } from '../../src/xlsx/patch/index.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { openZip } from '../../src/xlsx/reader/zip.js';
import type { SheetSnapshot } from '../../src/core/snapshot.js';

const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';

/** A workbook with the features a full round trip loses, made by ExcelJS plus raw parts. */
async function featureRich(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '核分 tests';
  wb.created = wb.modified = new Date(Date.UTC(2024, 0, 1));
  const ws = wb.addWorksheet('自评表');
  ws.getCell('A1').value = '2023年项目支出绩效自评表';
  ws.mergeCells('A1:H1');
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因'];
  ws.addRow(header);
  for (let r = 3; r <= 12; r++) {
    ws.getCell(r, 1).value = '产出指标';
    ws.getCell(r, 3).value = `指标${r}`;
    ws.getCell(r, 4).value = 100;
    ws.getCell(r, 5).value = 90 + r;
    ws.getCell(r, 6).value = 5;
    ws.getCell(r, 7).value = { formula: `F${r}*E${r}/D${r}`, result: (5 * (90 + r)) / 100 };
    ws.getCell(r, 7).numFmt = '0.00'; // one shared cellXfs record for all the scores
    ws.getCell(r, 5).numFmt = '0.00';
  }
  ws.getCell('G13').value = { formula: 'SUM(G3:G12)', result: 50 };
  ws.getCell('C3').note = '批注：请核对';
  ws.getCell('F3').dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100] };
  await ws.protect('secret', { selectLockedCells: true });
  ws.getRow(20).hidden = true;
  wb.definedNames.add("'自评表'!$G$13", '总分');
  const other = wb.addWorksheet('说明', { state: 'hidden' });
  other.getCell('A1').value = '填表说明';
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));

  // Parts ExcelJS cannot make: sparklines (x14 extLst), a chart, custom properties, customXml, calcChain.
  const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
  files['xl/worksheets/sheet1.xml'] = strToU8(
    sheet.replace(
      '</worksheet>',
      `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${X14}"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>自评表!E3:E12</xm:f><xm:sqref>I3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst></worksheet>`,
    ),
  );
  files['xl/charts/chart1.xml'] = strToU8('<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>');
  files['docProps/custom.xml'] = strToU8(
    '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0</vt:lpwstr></property></Properties>',
  );
  files['customXml/item1.xml'] = strToU8('<?xml version="1.0"?><root>x</root>');
  files['xl/calcChain.xml'] = strToU8(
    `<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="G3" i="1"/>${Array.from({ length: 9 }, (_, i) => `<c r="G${i + 4}"/>`).join('')}<c r="G13"/></calcChain>`,
  );
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    rels.replace('</Relationships>', '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
  );
  return zipSync(files, { level: 6 });
}

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

const entryXml = (bytes: Uint8Array, name: string) => strFromU8(unzipSync(bytes, { filter: (f) => f.name === name })[name]);
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
    expect(changed.sort()).toEqual(['xl/calcChain.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']);

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
