/**
 * The feature-rich workbook of the patch tests — the features a full ExcelJS round trip loses —
 * and a part-by-part comparison of two packages.
 */
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { openZip } from '../../src/xlsx/reader/zip.js';

const X14 = 'http://schemas.microsoft.com/office/spreadsheetml/2009/9/main';

/**
 * Adds the parts ExcelJS cannot make to an ExcelJS workbook: sparklines (an x14 extLst on
 * `sheetPart`), a chart, custom properties (WPS's), customXml and a calcChain (`calc`: its <c>
 * elements).
 */
export async function withRawFeatures(wb: ExcelJS.Workbook, sheetPart: string, sparkRange: string, calc: string): Promise<Uint8Array> {
  const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const sheet = strFromU8(files[sheetPart]);
  files[sheetPart] = strToU8(
    sheet.replace(
      '</worksheet>',
      `<extLst><ext uri="{05C60535-1F16-4fd2-B633-F4F36F0B64E0}" xmlns:x14="${X14}"><x14:sparklineGroups xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:sparklineGroup><x14:sparklines><x14:sparkline><xm:f>${sparkRange}</xm:f><xm:sqref>I3</xm:sqref></x14:sparkline></x14:sparklines></x14:sparklineGroup></x14:sparklineGroups></ext></extLst></worksheet>`,
    ),
  );
  files['xl/charts/chart1.xml'] = strToU8('<?xml version="1.0"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>');
  files['docProps/custom.xml'] = strToU8(
    '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-11.1.0</vt:lpwstr></property></Properties>',
  );
  files['customXml/item1.xml'] = strToU8('<?xml version="1.0"?><root>x</root>');
  files['xl/calcChain.xml'] = strToU8(`<?xml version="1.0"?><calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${calc}</calcChain>`);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    rels.replace('</Relationships>', '<Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>'),
  );
  return zipSync(files, { level: 6 });
}

/** A workbook with the features a full round trip loses, made by ExcelJS plus raw parts. */
export async function featureRich(): Promise<Uint8Array> {
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
  return withRawFeatures(
    wb,
    'xl/worksheets/sheet1.xml',
    '自评表!E3:E12',
    `<c r="G3" i="1"/>${Array.from({ length: 9 }, (_, i) => `<c r="G${i + 4}"/>`).join('')}<c r="G13"/>`,
  );
}

/** Entries whose stored bytes differ, and entries only in one of the two packages. */
export function partDiff(before: Uint8Array, after: Uint8Array): { changed: string[]; added: string[]; removed: string[] } {
  const a = openZip(before);
  const b = openZip(after);
  const changed: string[] = [];
  const removed: string[] = [];
  for (const e of a.entries) {
    const f = b.byName.get(e.name);
    if (!f) {
      removed.push(e.name);
      continue;
    }
    const same = Buffer.compare(before.subarray(e.dataOffset, e.dataOffset + e.compressedSize), after.subarray(f.dataOffset, f.dataOffset + f.compressedSize)) === 0;
    if (!same || e.crc !== f.crc || e.method !== f.method) changed.push(e.name);
  }
  const added = b.entries.filter((e) => !a.byName.has(e.name)).map((e) => e.name);
  return { changed: changed.sort(), added: added.sort(), removed };
}

export const entryXml = (bytes: Uint8Array, name: string): string => strFromU8(unzipSync(bytes, { filter: (f) => f.name === name })[name]);

/** The bytes loaded by ExcelJS, to read a written workbook back. */
export async function exceljs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** A cell's note as plain text (ExcelJS gives a string or rich text). */
export const noteOf = (c: ExcelJS.Cell): string => {
  const n = c.note as ExcelJS.Comment | string | undefined;
  return !n ? '' : typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
};
