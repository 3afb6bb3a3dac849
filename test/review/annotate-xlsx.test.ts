import ExcelJS from 'exceljs';
import { read as sheetjsRead } from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSheet, type Finding, type SheetReport } from '../../src/core/index.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { ANNOTATION_FILL, ANNOTATION_SHEET, AnnotateError, annotateWorkbook } from '../../src/xlsx/review/index.js';
import { annotatedDownload } from '../../src/web/tasks.js';
import { seed002 } from '../fixtures/seeds.js';
import { entryXml, exceljs, noteOf, partDiff, withRawFeatures } from '../xlsx/patch-fixture.js';
import { toXls } from '../xlsx/support.js';
import { wrappedLines } from '../../src/xlsx/review/workbook.js';

/** Spaces, a quote and Chinese: the HYPERLINK formulas must quote it. */
const SHEET = "It's 自评 表";
const HEADERS = ['工作表', '单元格', '指标', '审核要点', '审核内容', '填报', '应为', '整改建议', '级别'];

/** Seed 002 with the features a round trip loses, a comment on an unflagged cell and a hidden sheet with a formula. */
async function featureSeed(): Promise<Uint8Array> {
  const wb = seed002();
  const ws = wb.worksheets[0];
  ws.name = SHEET;
  ws.getCell('C2').note = '原有批注：项目名称请与预算一致';
  ws.getCell('G13').dataValidation = { type: 'decimal', operator: 'between', allowBlank: true, formulae: [0, 100] };
  await ws.protect('secret', { selectLockedCells: true });
  wb.definedNames.add(`'${SHEET.replace(/'/g, "''")}'!$G$27`, '总分');
  const other = wb.addWorksheet('说明', { state: 'hidden' });
  other.getCell('A1').value = '填表说明';
  other.getCell('A2').value = { formula: '1+1', result: 2 };
  return withRawFeatures(wb, 'xl/worksheets/sheet1.xml', `'${SHEET.replace(/'/g, "''")}'!G13:G20`, '<c r="A2" i="2"/>');
}


function worst(list: Finding[]): Finding['severity'] {
  return list.some((x) => x.severity === 'error') ? 'error' : list.some((x) => x.severity === 'warning') ? 'warning' : 'info';
}

describe('annotateWorkbook on an .xlsx: a patch, not a rewrite', () => {
  let original: Uint8Array;
  let reports: SheetReport[];
  let findings: Finding[];
  let annotated: Uint8Array;
  beforeAll(async () => {
    original = await featureSeed();
    const read = readWorkbook(original);
    reports = read.sheets.map((s) => checkSheet(s));
    findings = reports.flatMap((r) => r.findings);
    annotated = await annotateWorkbook(original, reports, read.sheets);
  });

  it('finds something to annotate (errors and warnings)', () => {
    expect(findings.some((x) => x.severity === 'error')).toBe(true);
    expect(findings.some((x) => x.severity === 'warning')).toBe(true);
    expect(findings.some((x) => x.cell === 'C2')).toBe(false);
  });

  it('leaves every part byte-identical but the flagged sheet, styles, workbook, content types and comment parts; adds only the new sheet', () => {
    const d = partDiff(original, annotated);
    expect(d.removed).toEqual([]);
    expect(d.added).toEqual(['xl/worksheets/sheet3.xml']);
    const allowed = ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'];
    expect(d.changed).toEqual(allowed.sort());
    for (const part of ['xl/charts/chart1.xml', 'docProps/custom.xml', 'customXml/item1.xml', 'xl/calcChain.xml', 'docProps/app.xml', 'xl/worksheets/sheet2.xml', 'xl/sharedStrings.xml']) {
      expect(d.changed, part).not.toContain(part);
    }
  });

  it('changes in the sheet XML only the style ids of the flagged cells', () => {
    const flagged = new Set(findings.map((x) => x.cell));
    const strip = (xml: string) => xml.replace(/<c r="([A-Z]+\d+)" s="\d+"/g, (m, ref: string) => (flagged.has(ref) ? `<c r="${ref}"` : m));
    const before = entryXml(original, 'xl/worksheets/sheet1.xml');
    const after = entryXml(annotated, 'xl/worksheets/sheet1.xml');
    expect(after).not.toBe(before);
    expect(strip(after)).toBe(strip(before));
    expect(after).toContain('x14:sparklineGroups');
    expect(after).toContain('<sheetProtection');
  });

  it('keeps every value, formula, number format and merge of the original sheets', () => {
    const a = readWorkbook(original).sheets;
    const b = readWorkbook(annotated).sheets;
    expect(b.map((s) => s.sheet)).toEqual([...a.map((s) => s.sheet), ANNOTATION_SHEET]);
    a.forEach((s, i) => {
      const t = b[i];
      expect([t.top, t.left], s.sheet).toEqual([s.top, s.left]);
      expect(t.values, s.sheet).toEqual(s.values);
      expect(t.formulas ?? null, s.sheet).toEqual(s.formulas ?? null);
      expect(t.numberFormat ?? null, s.sheet).toEqual(s.numberFormat ?? null);
      expect(t.merges, s.sheet).toEqual(s.merges);
    });
    // Re-checking the copy finds the same problems at the same cells.
    const again = checkSheet(b[0]).findings.map((x) => `${x.code}@${x.cell}`);
    expect(again).toEqual(reports[0].findings.map((x) => `${x.code}@${x.cell}`));
  });

  it('fills and comments each flagged cell (ExcelJS reads them back); the other cells and the old comment stay', async () => {
    const [src, ann] = await Promise.all([exceljs(original), exceljs(annotated)]);
    const a = src.getWorksheet(SHEET)!;
    const b = ann.getWorksheet(SHEET)!;
    const byCell = new Map<string, Finding[]>();
    for (const x of findings) byCell.set(x.cell, [...(byCell.get(x.cell) ?? []), x]);
    for (let r = 1; r <= 32; r++) {
      for (let c = 1; c <= 9; c++) {
        const x = a.getCell(r, c);
        const y = b.getCell(r, c);
        const where = `${SHEET}!${x.address}`;
        expect(y.value, where).toEqual(x.value);
        expect(y.numFmt, where).toEqual(x.numFmt);
        expect(y.font, where).toEqual(x.font);
        expect(y.border, where).toEqual(x.border);
        expect(y.alignment, where).toEqual(x.alignment);
        const list = byCell.get(x.address);
        if (!list) {
          expect(y.fill, where).toEqual(x.fill);
          expect(noteOf(y), where).toBe(noteOf(x));
          continue;
        }
        expect((y.fill as ExcelJS.FillPattern).fgColor?.argb, where).toBe(ANNOTATION_FILL[worst(list)]);
        const note = noteOf(y);
        for (const f of list) {
          expect(note, where).toContain(f.message);
          if (f.expected) expect(note, where).toContain(`应为：${f.expected}`);
        }
        expect(note, where).toContain('如何修改：');
      }
    }
    expect(noteOf(b.getCell('C2'))).toBe('原有批注：项目名称请与预算一致');
    expect(b.getCell('G13').dataValidation?.type).toBe('decimal');
    expect(ann.definedNames.getNames(`'${SHEET.replace(/'/g, "''")}'!$G$27`)).toContain('总分');
    expect((b.getCell('H5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
  });

  it('adds the 核分审核意见 sheet: one row per finding, a HYPERLINK to each cell, the severity filled', async () => {
    const ws = (await exceljs(annotated)).getWorksheet(ANNOTATION_SHEET)!;
    expect(ws.rowCount).toBe(1 + findings.length);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    findings.forEach((x, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(x.sheet);
      expect(row.getCell(2).value).toEqual({ formula: `HYPERLINK("#'It''s 自评 表'!${x.cell}","${x.cell}")`, result: x.cell });
      expect(row.getCell(3).value).toBe(x.path.join(' / ') || null);
      expect(row.getCell(5).value).toBe(x.message);
      expect(row.getCell(9).value).toBe({ error: '错误', warning: '警告', info: '提示' }[x.severity]);
      expect((row.getCell(9).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ANNOTATION_FILL[x.severity]);
    });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  // LibreOffice showed the explanations cut off after one line, and the figures as text.
  it('wraps the body cells top-aligned, gives long rows their height, and writes decimals as numbers', async () => {
    const ws = (await exceljs(annotated)).getWorksheet(ANNOTATION_SHEET)!;
    const h5 = findings.findIndex((x) => x.cell === 'H5' && x.code === 'score-mismatch');
    const row = ws.getRow(h5 + 2);
    for (let c = 1; c <= HEADERS.length; c++) expect(row.getCell(c).alignment, `column ${c}`).toMatchObject({ wrapText: true, vertical: 'top' });
    expect([row.getCell(6).value, row.getCell(7).value]).toEqual([7, 4.66]);
    expect(ws.getRow(1).getCell(1).alignment?.wrapText).toBeUndefined();
    const long = findings.findIndex((x) => wrappedLines(x.message, 60) > 1);
    expect(long).toBeGreaterThanOrEqual(0);
    expect(ws.getRow(long + 2).height).toBeGreaterThanOrEqual(32);
    const sheetXml = entryXml(annotated, 'xl/worksheets/sheet3.xml');
    expect(sheetXml).toMatch(new RegExp(`<row r="${long + 2}" ht="\\d+" customHeight="1">`));
  });

  it('opens in SheetJS, comments included', () => {
    const sj = sheetjsRead(annotated, { type: 'array' });
    expect(sj.SheetNames).toEqual([SHEET, '说明', ANNOTATION_SHEET]);
    expect(sj.Sheets[SHEET].H5.c?.[0]?.t).toContain('应为：4.66');
    expect(sj.Sheets[ANNOTATION_SHEET].B2.f).toContain("HYPERLINK(\"#'It''s 自评 表'!");
  });

  it('puts a finding on a merged cell on the area’s top-left cell, and lists it at its own cell', async () => {
    const moved: SheetReport[] = [{ sheet: SHEET, forms: [], findings: [{ ...findings[0], cell: 'C1' }] }];
    const out = await annotateWorkbook(original, moved);
    const wb = await exceljs(out);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws.model.merges).toContain('A1:H1');
    expect(noteOf(ws.getCell('A1'))).toContain(findings[0].message);
    expect((ws.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ANNOTATION_FILL[findings[0].severity]);
    expect(entryXml(out, 'xl/comments1.xml')).not.toContain('ref="C1"');
    expect(wb.getWorksheet(ANNOTATION_SHEET)!.getCell('B2').value).toMatchObject({ result: 'C1' });
  });

  it('refuses to annotate an annotated copy, in Chinese', async () => {
    await expect(annotateWorkbook(annotated, reports)).rejects.toThrow(AnnotateError);
    await expect(annotateWorkbook(annotated, reports)).rejects.toThrow(/已是核分批注副本/);
  });

  it('gives the sheet with 未发现问题 when there is nothing to annotate, and is deterministic', async () => {
    const none = await annotateWorkbook(original, []);
    const ws = (await exceljs(none)).getWorksheet(ANNOTATION_SHEET)!;
    expect(ws.getCell('A2').value).toBe('未发现问题');
    expect(partDiff(original, none).changed).toEqual(['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml']);
    expect(Buffer.from(await annotateWorkbook(original, reports)).equals(Buffer.from(annotated))).toBe(true);
  });
});

describe('the web checker’s annotated download', () => {
  it('fills, comments and lists only the severities asked for', async () => {
    const bytes = await featureSeed();
    const read = readWorkbook(bytes);
    const findings = read.sheets.flatMap((s) => checkSheet(s).findings);
    const errors = findings.filter((x) => x.severity === 'error');
    const out = await annotatedDownload(bytes, findings, ['error']);
    const wb = await exceljs(out);
    expect(wb.getWorksheet(ANNOTATION_SHEET)!.rowCount).toBe(1 + errors.length);
    const ws = wb.getWorksheet(SHEET)!;
    for (const x of findings) {
      const shown = noteOf(ws.getCell(x.cell)).includes(x.message);
      expect(shown, x.cell).toBe(errors.some((e) => e.cell === x.cell && e.message === x.message));
    }
    expect(partDiff(bytes, out).changed).not.toContain('docProps/custom.xml');
  });

  it('makes an .xlsx from an .xls, rebuilt from what the reader saw', async () => {
    const xls = toXls(await featureSeed());
    const read = readWorkbook(xls);
    const findings = read.sheets.flatMap((s) => checkSheet(s).findings);
    const out = await annotatedDownload(xls, findings, ['error', 'warning', 'info']);
    expect([out[0], out[1]]).toEqual([0x50, 0x4b]);
    const wb = await exceljs(out);
    expect(wb.worksheets.map((w) => w.name)).toContain(ANNOTATION_SHEET);
    expect(noteOf(wb.getWorksheet(SHEET)!.getCell('H5'))).toContain('应为：4.66');
    const list = wb.getWorksheet(ANNOTATION_SHEET)!;
    expect(list.getCell('E2').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    // Fonts named: LibreOffice drew the nameless link font in a serif face.
    expect([list.getCell('A1').font?.name, list.getCell('B2').font?.name]).toEqual(['Calibri', 'Calibri']);
    expect(list.getCell('B2').font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
  });
});
