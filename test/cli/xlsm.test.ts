/**
 * Copies of a macro-enabled workbook are named for what their bytes are: the patch writer keeps
 * the macro content type and vbaProject.bin, and Excel refuses such a package named .xlsx. So
 * `--write-totals --out 名.xlsx` of an .xlsm writes 名.xlsm (and says so), and `review
 * --annotate` writes 名.xlsm for it; a plain package keeps .xlsx, even when its input was
 * misnamed .xlsm.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { packageExtension, withExtension } from '../../src/xlsx/patch/index.js';
import { seed002 } from '../fixtures/seeds.js';
import { xlsxBytes } from '../xlsx/support.js';
import { capture } from './support.js';

const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const VBA = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]);

/** An .xlsx package turned into what Excel saves as .xlsm: the macro main type and a VBA project. */
function macroEnabled(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const types = strFromU8(files['[Content_Types].xml']);
  files['[Content_Types].xml'] = strToU8(
    types
      .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', MACRO_MAIN)
      .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
  );
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    rels.replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'),
  );
  files['xl/vbaProject.bin'] = VBA;
  return zipSync(files);
}

const dir = mkdtempSync(path.join(tmpdir(), 'hefen-xlsm-'));
const file = (...p: string[]) => path.join(dir, ...p);

async function run(...argv: string[]) {
  const c = capture();
  const code = await main(argv, c.io);
  return { code, out: c.out, err: c.err };
}

/** The content type of the workbook part and the VBA project, as a copy holds them. */
function macroParts(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  return { types: strFromU8(files['[Content_Types].xml']), vba: files['xl/vbaProject.bin'] };
}

let plain: Uint8Array;
beforeAll(async () => {
  plain = await xlsxBytes(seed002());
  writeFileSync(file('宏.xlsm'), macroEnabled(plain));
  writeFileSync(file('plain-named.xlsm'), plain);
});

describe('packageExtension', () => {
  it('reads the main part content type, whatever the file is called', async () => {
    expect(packageExtension(plain)).toBe('.xlsx');
    expect(packageExtension(macroEnabled(plain))).toBe('.xlsm');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('a');
    const files = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    files['[Content_Types].xml'] = strToU8(
      strFromU8(files['[Content_Types].xml']).replace('spreadsheetml.sheet.main+xml', 'spreadsheetml.template.main+xml'),
    );
    expect(packageExtension(zipSync(files))).toBe('.xltx');
    expect(packageExtension(new TextEncoder().encode('not a zip'))).toBe('.xlsx');
  });

  it('withExtension swaps or keeps the extension', () => {
    expect(withExtension('out/结果.xlsx', '.xlsm')).toBe('out/结果.xlsm');
    expect(withExtension('out/结果.XLSM', '.xlsm')).toBe('out/结果.XLSM');
    expect(withExtension('out/结果', '.xlsx')).toBe('out/结果.xlsx');
    expect(withExtension('out.d/结果', '.xlsx')).toBe('out.d/结果.xlsx');
  });
});

describe('--write-totals of an .xlsm', () => {
  it('--out 名.xlsx writes 名.xlsm with the macros kept, and says so', async () => {
    const r = await run('check', file('宏.xlsm'), '--write-totals', '--out', file('写回.xlsx'));
    expect(r.code).toBe(0);
    expect(existsSync(file('写回.xlsx'))).toBe(false);
    const bytes = new Uint8Array(readFileSync(file('写回.xlsm')));
    const { types, vba } = macroParts(bytes);
    expect(types).toContain(MACRO_MAIN);
    expect(vba).toEqual(VBA);
    expect(r.out).toContain('输入文件含宏');
    expect(r.out).toContain(`→ ${file('写回.xlsm')}`);
  });

  it('--json names the output and its format', async () => {
    const r = await run('check', file('宏.xlsm'), '--write-totals', '--out', file('写回2.xlsx'), '--json');
    const j = JSON.parse(r.out);
    expect(j.output).toBe(file('写回2.xlsm'));
    expect(j.outputFormat).toBe('xlsm');
  });

  it('an existing 名.xlsm still needs --force', async () => {
    writeFileSync(file('已有.xlsm'), 'keep me');
    const r = await run('check', file('宏.xlsm'), '--write-totals', '--out', file('已有.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--force');
    expect(readFileSync(file('已有.xlsm'), 'utf8')).toBe('keep me');
  });

  it('a plain package misnamed .xlsm gives an .xlsx', async () => {
    const r = await run('check', file('plain-named.xlsm'), '--write-totals', '--out', file('plain-out.xlsm'));
    expect(r.code).toBe(0);
    expect(existsSync(file('plain-out.xlsx'))).toBe(true);
    expect(packageExtension(new Uint8Array(readFileSync(file('plain-out.xlsx'))))).toBe('.xlsx');
  });
});

describe('review --annotate of an .xlsm', () => {
  it('writes 名.xlsm (macros kept) and links 一览 to it; a misnamed plain one becomes .xlsx', async () => {
    const r = await run('review', file('宏.xlsm'), file('plain-named.xlsm'), '--out', file('审核.xlsx'), '--annotate', file('批注'), '--jobs', '1');
    expect(r.code).toBe(1);
    const copy = new Uint8Array(readFileSync(file('批注', '宏.xlsm')));
    expect(macroParts(copy).types).toContain(MACRO_MAIN);
    expect(macroParts(copy).vba).toEqual(VBA);
    expect(existsSync(file('批注', '宏.xlsx'))).toBe(false);
    expect(existsSync(file('批注', 'plain-named.xlsx'))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('审核.xlsx'));
    const links: string[] = [];
    wb.getWorksheet('一览')!.eachRow((row, n) => {
      if (n > 1) links.push((row.getCell(1).value as { hyperlink: string }).hyperlink);
    });
    expect(links.sort()).toEqual(['批注/plain-named.xlsx', '批注/宏.xlsm']);
  });
});
