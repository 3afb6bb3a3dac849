/**
 * Helpers for the reader and patch tests: the ExcelJS reader as the reference, .xls copies made by
 * SheetJS's own writer, and hand-written OOXML packages for the traps ExcelJS never writes.
 */
import ExcelJS from 'exceljs';
import { read as sheetjsRead, write as sheetjsWrite } from '@e965/xlsx';
import { strToU8, zipSync, type Zippable } from 'fflate';
// The ExcelJS reader the fast path must agree with (moves to src/xlsx/ with the host part's split).
import { workbookToSnapshots } from '../../src/xlsx/index.js';
import type { SheetSnapshot } from '../../src/core/snapshot.js';

export async function xlsxBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function exceljsSnapshots(bytes: Uint8Array): Promise<SheetSnapshot[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbookToSnapshots(wb);
}

/** The same workbook saved as BIFF8 (.xls) by SheetJS. */
export function toXls(xlsx: Uint8Array): Uint8Array {
  const wb = sheetjsRead(xlsx, { type: 'array', cellFormula: true, cellNF: true, cellStyles: true });
  return new Uint8Array(sheetjsWrite(wb, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

export interface RawSheet {
  name: string;
  /** The <sheetData> content, or a whole worksheet document when it starts with "<?xml" or "<". */
  xml: string;
  state?: 'hidden' | 'veryHidden';
}

export interface RawPackage {
  sheets: RawSheet[];
  /** <si> elements, or null for a package without sharedStrings.xml. */
  sst?: string[] | null;
  /** numFmt elements and cellXfs numFmtIds. */
  numFmts?: [number, string][];
  xfs?: number[];
  date1904?: boolean;
  extra?: Zippable;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function worksheetXml(sheetData: string, after = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${sheetData}</sheetData>${after}</worksheet>`;
}

/** A minimal valid .xlsx package written by hand. */
export function rawXlsx(p: RawPackage): Uint8Array {
  const files: Zippable = {};
  const sst = p.sst === undefined ? [] : p.sst;
  const overrides = p.sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = p.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  rels.push(`<Relationship Id="rIdS" Type="${R}/styles" Target="styles.xml"/>`);
  if (sst !== null) rels.push(`<Relationship Id="rIdT" Type="${R}/sharedStrings" Target="sharedStrings.xml"/>`);
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  const sheets = p.sheets
    .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`)
    .join('');
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}"><workbookPr${p.date1904 ? ' date1904="1"' : ''}/><sheets>${sheets}</sheets></workbook>`,
  );
  const numFmts = p.numFmts ?? [];
  const xfs = p.xfs ?? [];
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="${numFmts.length}">${numFmts
      .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${code.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>`)
      .join('')}</numFmts><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs><cellXfs count="${xfs.length + 1}"><xf numFmtId="0"/>${xfs
      .map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`)
      .join('')}</cellXfs></styleSheet>`,
  );
  if (sst !== null) {
    files['xl/sharedStrings.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((s) => (s.startsWith('<si') ? s : `<si><t>${s}</t></si>`)).join('')}</sst>`,
    );
  }
  p.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml.startsWith('<') && /<(\w+:)?worksheet/.test(s.xml) ? s.xml : worksheetXml(s.xml));
  });
  Object.assign(files, p.extra ?? {});
  return zipSync(files);
}
