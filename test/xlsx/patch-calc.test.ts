/**
 * fullCalcOnLoad: a patch that writes values into a workbook with formulas asks for a full
 * recalculation on open (the formulas' cached results are stale); workbook.xml changes only by
 * that attribute. Format-only patches and workbooks without formulas leave workbook.xml alone.
 */
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { withFullCalcOnLoad } from '../../src/xlsx/patch/calc-pr.js';
import { patchWorkbook } from '../../src/xlsx/patch/index.js';
import { entryXml, featureRich, partDiff } from './patch-fixture.js';

async function plain(withFormula: boolean): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.getCell('A1').value = 1;
  ws.getCell('A2').value = 2;
  if (withFormula) ws.getCell('A3').value = { formula: 'A1+A2', result: 3 };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same package with workbook.xml replaced. */
function withWorkbookXml(bytes: Uint8Array, xml: string): Uint8Array {
  const files = unzipSync(bytes);
  files['xl/workbook.xml'] = strToU8(xml);
  return zipSync(files);
}

describe('fullCalcOnLoad after a value patch', () => {
  let rich: Uint8Array;
  beforeAll(async () => {
    rich = await featureRich();
  });

  it('a value into a workbook with formulas sets it; workbook.xml differs only by that attribute', () => {
    const before = entryXml(rich, 'xl/workbook.xml');
    const out = patchWorkbook(rich, [{ sheet: '自评表', cell: 'F3', value: 4 }]);
    expect(partDiff(rich, out).changed).toEqual(['xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
    const after = entryXml(out, 'xl/workbook.xml');
    expect(after).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
    expect(after.replace(' fullCalcOnLoad="1"', '')).toBe(before);
  });

  it('a fill alone leaves workbook.xml byte-identical', () => {
    const out = patchWorkbook(rich, [{ sheet: '自评表', cell: 'F3', fill: 'FFFFC7CE' }]);
    expect(partDiff(rich, out).changed).not.toContain('xl/workbook.xml');
  });

  it('a workbook without formulas is left without it', async () => {
    const bytes = await plain(false);
    const out = patchWorkbook(bytes, [{ sheet: '表', cell: 'A1', value: 5 }]);
    expect(partDiff(bytes, out).changed).toEqual(['xl/worksheets/sheet1.xml']);
  });

  it('a workbook whose only formula was replaced by the value is left without it', async () => {
    const bytes = await plain(true);
    const out = patchWorkbook(bytes, [{ sheet: '表', cell: 'A3', value: 3 }]);
    expect(entryXml(out, 'xl/workbook.xml')).not.toContain('fullCalcOnLoad');
  });

  it('a workbook without calcPr gets one, in schema order (before extLst, after definedNames)', async () => {
    const bytes = await plain(true);
    const xml = entryXml(bytes, 'xl/workbook.xml').replace(/<calcPr[^>]*\/>/, '').replace('</workbook>', '<extLst><ext uri="{x}"><calcPr/></ext></extLst></workbook>');
    const out = entryXml(patchWorkbook(withWorkbookXml(bytes, xml), [{ sheet: '表', cell: 'A1', value: 5 }]), 'xl/workbook.xml');
    expect(out).toMatch(/<\/definedNames><calcPr fullCalcOnLoad="1"\/><extLst>|<\/sheets><calcPr fullCalcOnLoad="1"\/><extLst>/);
    expect(out).toContain('<ext uri="{x}"><calcPr/></ext>');
  });

  it('keeps prefixes, leaves a workbook already set alone, and is idempotent', () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const prefixed = `<?xml version="1.0"?><x:workbook xmlns:x="${ns}"><x:sheets><x:sheet name="a" sheetId="1"/></x:sheets></x:workbook>`;
    expect(withFullCalcOnLoad(prefixed, 'wb')).toBe(`<?xml version="1.0"?><x:workbook xmlns:x="${ns}"><x:sheets><x:sheet name="a" sheetId="1"/></x:sheets><x:calcPr fullCalcOnLoad="1"/></x:workbook>`);
    const set = `<workbook xmlns="${ns}"><sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`;
    expect(withFullCalcOnLoad(set, 'wb')).toBe(set);
    const unset = `<workbook xmlns="${ns}"><sheets/><calcPr calcId="191029"/></workbook>`;
    const once = withFullCalcOnLoad(unset, 'wb');
    expect(once).toBe(`<workbook xmlns="${ns}"><sheets/><calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>`);
    expect(withFullCalcOnLoad(once, 'wb')).toBe(once);
  });
});
