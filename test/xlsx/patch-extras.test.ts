import ExcelJS from 'exceljs';
import { read as sheetjsRead } from '@e965/xlsx';
import { strToU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSheetName, hyperlinkFormula, patchWorkbook, PatchError, type PatchExtras } from '../../src/xlsx/patch/index.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { StyleSheet } from '../../src/xlsx/patch/styles.js';
import { entryXml, exceljs, featureRich, noteOf, partDiff } from './patch-fixture.js';
import { rawXlsx, worksheetXml } from './support.js';


const LINKED = "It's 自评 表";

describe('patchWorkbook with comments and a new sheet', () => {
  let original: Uint8Array;
  let patched: Uint8Array;
  const extras: PatchExtras = {
    comments: [
      { sheet: '自评表', cell: 'G5', text: '【核分·错误】得分不符\n应为：4.75' },
      { sheet: '自评表', cell: 'C3', text: '【核分·警告】追加的意见' }, // C3 has a comment already
    ],
    sheets: [
      {
        name: '意见',
        rows: [
          [{ value: '工作表', bold: true }, { value: '单元格', bold: true }, { value: '分值', bold: true }],
          ['自评表', { value: 'G5', link: { sheet: '自评表', cell: 'G5' } }, 5],
          [LINKED, { value: 'B2', link: { sheet: LINKED, cell: 'B2' } }, { value: 'red', fill: 'FFFFC7CE' }],
        ],
        widths: [14, 10, 8],
        frozenRows: 1,
      },
    ],
  };
  beforeAll(async () => {
    original = await featureRich();
    patched = patchWorkbook(original, [{ sheet: '自评表', cell: 'G5', fill: 'FFFFC7CE' }], extras);
  });

  it('changes only the sheet, styles, workbook, its rels, content types and the comment parts; adds the new sheet', () => {
    const d = partDiff(original, patched);
    expect(d.removed).toEqual([]);
    // C3 had a comment: its comments part and VML drawing are extended, the sheet's rels stay as they were.
    expect(d.changed).toEqual(
      ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].sort(),
    );
    expect(d.added).toEqual(['xl/worksheets/sheet3.xml']);
    const sheet = entryXml(patched, 'xl/worksheets/sheet1.xml');
    expect(sheet.match(/<legacyDrawing /g)).toHaveLength(1);
    expect(entryXml(patched, 'docProps/custom.xml')).toContain('KSOProductBuildVer');
    expect(sheet).toContain('x14:sparklineGroups');
  });

  it('writes comments ExcelJS reads back, the old one kept above the new text', async () => {
    const wb = await exceljs(patched);
    const ws = wb.getWorksheet('自评表')!;
    expect(noteOf(ws.getCell('G5'))).toBe('【核分·错误】得分不符\n应为：4.75');
    expect(noteOf(ws.getCell('C3'))).toBe('批注：请核对\n\n【核分·警告】追加的意见');
    expect((ws.getCell('G5').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getCell('G5').value).toEqual({ formula: 'F5*E5/D5', result: 4.75 });
    expect(ws.getCell('F3').dataValidation?.type).toBe('decimal');
    // The comments part keeps the old author and adds 核分's.
    const comments = entryXml(patched, 'xl/comments1.xml');
    expect(comments).toMatch(/<author>Author<\/author><author>核分<\/author>/);
    expect(comments).toMatch(/<comment ref="G5" authorId="1">/);
    // One note shape per comment, the new one after the old, with its own id.
    const vml = entryXml(patched, 'xl/drawings/vmlDrawing1.vml');
    expect(vml.match(/<v:shape /g)).toHaveLength(2);
    expect(vml).toContain('<x:Row>4</x:Row><x:Column>6</x:Column>');
    expect(new Set(vml.match(/_x0000_s\d+/g)).size).toBe(2);
  });

  it('appends the new sheet: bold header, numbers, fills, widths, a frozen row and HYPERLINK formulas', async () => {
    const wb = await exceljs(patched);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['自评表', '说明', '意见']);
    const ws = wb.getWorksheet('意见')!;
    expect(ws.getCell('A1').value).toBe('工作表');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('C2').value).toBe(5);
    expect(ws.getCell('B2').value).toEqual({ formula: `HYPERLINK("#'自评表'!G5","G5")`, result: 'G5' });
    expect(ws.getCell('B3').value).toEqual({ formula: `HYPERLINK("#'It''s 自评 表'!B2","B2")`, result: 'B2' });
    expect(ws.getCell('B2').font).toMatchObject({ underline: true, color: { argb: 'FF0563C1' } });
    expect((ws.getCell('C3').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(ws.getColumn(1).width).toBe(14);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The defined name and the hidden sheet stay as they were.
    expect(wb.definedNames.getNames('自评表!$G$13')).toContain('总分');
    expect(wb.getWorksheet('说明')!.state).toBe('hidden');
    const wbXml = entryXml(patched, 'xl/workbook.xml');
    expect(wbXml).toMatch(/<sheet name="意见" sheetId="3" r:id="rId\d+"\/><\/sheets>/);
  });

  it('opens in SheetJS and in the shared reader', () => {
    const sj = sheetjsRead(patched, { type: 'array' });
    expect(sj.SheetNames).toEqual(['自评表', '说明', '意见']);
    expect(sj.Sheets['意见'].B3.f).toBe(`HYPERLINK("#'It''s 自评 表'!B2","B2")`);
    expect(sj.Sheets['自评表'].G5.c?.[0]?.t).toContain('得分不符');
    const read = readWorkbook(patched);
    expect(read.sheets.map((s) => s.sheet)).toEqual(['自评表', '说明', '意见']);
    expect(read.sheets[2].values[1]).toEqual(['自评表', 'G5', 5]);
  });

  it('gives a sheet without comments a comments part, a VML drawing, rels and <legacyDrawing> before its extLst', async () => {
    const ext = '<extLst><ext uri="{X}"><y/></ext></extLst>';
    const src = rawXlsx({
      sheets: [{ name: '表 1', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${ext}`) }],
    });
    const out = patchWorkbook(src, [], { comments: [{ sheet: '表 1', cell: 'A1', text: '一条批注' }, { sheet: '表 1', cell: 'B3', text: '空单元格上的批注' }] });
    const d = partDiff(src, out);
    expect(d.changed).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml']);
    expect(d.added).toEqual(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/worksheets/_rels/sheet1.xml.rels']);
    const sheet = entryXml(out, 'xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<legacyDrawing r:id="rId2"\/><extLst>/);
    const types = entryXml(out, '[Content_Types].xml');
    expect(types).toContain('<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>');
    expect(types).toContain('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>');
    const rels = entryXml(out, 'xl/worksheets/_rels/sheet1.xml.rels');
    expect(rels).toContain('Target="../comments1.xml"');
    expect(rels).toContain('Target="../drawings/vmlDrawing1.vml"');
    const wb = await exceljs(out);
    const cell = wb.getWorksheet('表 1')!.getCell('A1');
    expect(noteOf(cell)).toBe('一条批注');
    // Margins given, so a reader that writes notes back (ExcelJS) writes numbers, not NaN.
    expect((cell.note as ExcelJS.Comment).margins?.inset?.every((n) => Number.isFinite(n))).toBe(true);
    expect(sheetjsRead(out, { type: 'array' }).Sheets['表 1'].A1.c?.[0]?.t).toBe('一条批注');
  });

  it('turns a comment whose text is a bare <t> into runs before adding to it', async () => {
    const src = rawXlsx({
      sheets: [{ name: 'S', xml: worksheetXml('<row r="1"><c r="A1"><v>1</v></c></row>', '<legacyDrawing r:id="rIdV"/>') }],
      extra: {
        'xl/worksheets/_rels/sheet1.xml.rels': strToU8(
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments7.xml"/><Relationship Id="rIdV" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing7.vml"/></Relationships>',
        ),
        'xl/comments7.xml': strToU8(
          '<?xml version="1.0"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>张三</author></authors><commentList><comment ref="A1" authorId="0"><text><t>原有批注</t></text></comment></commentList></comments>',
        ),
        // As Excel writes it: <br> unclosed, so VML is edited as text.
        'xl/drawings/vmlDrawing7.vml': strToU8(
          '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="3"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"></v:shapetype><v:shape id="_x0000_s3073" type="#_x0000_t202"><v:textbox><div>a<br>b</div></v:textbox><x:ClientData ObjectType="Note"><x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>',
        ),
      },
    });
    const out = patchWorkbook(src, [], { comments: [{ sheet: 'S', cell: 'A1', text: '追加' }, { sheet: 'S', cell: 'C2', text: '新批注' }] });
    const comments = entryXml(out, 'xl/comments7.xml');
    expect(comments).toContain('<text><r><t>原有批注</t></r><r>');
    expect(comments).toMatch(/<author>张三<\/author><author>核分<\/author>/);
    const vml = entryXml(out, 'xl/drawings/vmlDrawing7.vml');
    expect(vml).toContain('<div>a<br>b</div>');
    expect(vml).toContain('id="_x0000_s3074"');
    expect(vml.match(/id="_x0000_t202"/g)).toHaveLength(1);
    expect(sheetjsRead(out, { type: 'array' }).Sheets.S.C2.c?.[0]?.t).toBe('新批注');
  });

  it('refuses bad sheet names and comments on unknown sheets, in Chinese', async () => {
    expect(() => patchWorkbook(original, [], { sheets: [{ name: '自评表', rows: [] }] })).toThrow(/已有工作表/);
    expect(() => patchWorkbook(original, [], { sheets: [{ name: 'a/b', rows: [] }] })).toThrow(PatchError);
    expect(() => patchWorkbook(original, [], { comments: [{ sheet: '无此表', cell: 'A1', text: 'x' }] })).toThrow(/没有工作表/);
    expect(() => patchWorkbook(original, [], { comments: [{ sheet: '自评表', cell: 'A1', text: 'x' }, { sheet: '自评表', cell: 'A1', text: 'y' }] })).toThrow(/重复/);
    expect(() => checkSheetName('x'.repeat(32), [])).toThrow(/31/);
  });

  it('quotes sheet names and texts in HYPERLINK formulas', () => {
    expect(hyperlinkFormula('Sheet 1', 'A1', 'A1')).toBe(`HYPERLINK("#'Sheet 1'!A1","A1")`);
    expect(hyperlinkFormula("O'Brien", 'B2', 'say "hi"')).toBe(`HYPERLINK("#'O''Brien'!B2","say ""hi""")`);
    expect(hyperlinkFormula('表"甲"', 'C3', 'C3')).toBe(`HYPERLINK("#'表""甲""'!C3","C3")`);
  });
});

describe('StyleSheet.derive with wrap', () => {
  it('adds a wrapping, top-aligned <alignment> to a copy, or sets it on the copy of one there', () => {
    const st = new StyleSheet(
      '<styleSheet><fonts count="1"><font/></fonts><fills count="2"><fill/><fill/></fills><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="0" fontId="0"><alignment horizontal="center"/></xf></cellXfs></styleSheet>',
    );
    expect([st.derive(0, undefined, undefined, undefined, true), st.derive(1, undefined, undefined, undefined, true), st.derive(0, undefined, undefined, undefined, true)]).toEqual([2, 3, 2]);
    const xfs = /<cellXfs count="4">(.*)<\/cellXfs>/.exec(st.serialize())![1];
    expect(xfs).toContain('<xf numFmtId="0" fontId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>');
    expect(xfs).toContain('<xf numFmtId="0" fontId="0" applyAlignment="1"><alignment horizontal="center" wrapText="1" vertical="top"/></xf>');
  });
});
