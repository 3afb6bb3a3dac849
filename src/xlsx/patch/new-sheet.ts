/**
 * A new worksheet appended to the workbook: its part, its <sheet> in workbook.xml (last, so every
 * localSheetId and sheet index stays valid), the workbook's relationship to it and its content
 * type. Texts go in as inline strings (sharedStrings.xml stays as it was). docProps/app.xml is
 * left alone: its TitlesOfParts is a cache Excel and WPS rebuild on save.
 */
import { columnName } from '../../core/index.js';
import { Scanner, Tok } from '../reader/xml.js';
import { CONTENT_TYPE, REL, REL_TYPE, type PackageEditor } from './parts.js';
import type { StyleSheet } from './styles.js';
import { escapeAttr, escapeText, PatchError } from './xml-out.js';

/** A cell of a new sheet: a value, or a value with its format. */
export type NewCell = string | number | null | NewCellSpec;

export interface NewCellSpec {
  value: string | number | null;
  bold?: boolean;
  /** ARGB fill. */
  fill?: string;
  /** Wraps the text, aligned to the top of the cell (give the row a height in `heights`). */
  wrap?: boolean;
  /** Makes the cell a HYPERLINK formula to this cell of the workbook; `value` is the link's text. */
  link?: { sheet: string; cell: string };
}

export interface NewSheet {
  name: string;
  rows: NewCell[][];
  /** Column widths in characters, from column A. */
  widths?: number[];
  /** Rows kept in view when scrolling (a frozen header). */
  frozenRows?: number;
  /** Row heights in points, from row 1; a missing one keeps the default. */
  heights?: (number | undefined)[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const LINK_COLOR = 'FF0563C1';

/** Excel's rules for a sheet name; a clear message when one is broken. */
export function checkSheetName(name: string, taken: string[]): void {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 31) throw new PatchError(`工作表名称“${name}”无效（1 到 31 个字符）`);
  if (/[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) throw new PatchError(`工作表名称“${name}”含有不允许的字符`);
  if (taken.some((t) => t.toLowerCase() === name.toLowerCase())) throw new PatchError(`工作簿中已有工作表“${name}”`);
}

/** HYPERLINK("#'Sheet'!A1","text") as a formula text (without "="). */
export function hyperlinkFormula(sheet: string, cell: string, text: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  return `HYPERLINK("${target.replace(/"/g, '""')}","${text.replace(/"/g, '""')}")`;
}


function worksheetXml(sheet: NewSheet, styles: StyleSheet | null): string {
  const style = (spec: NewCellSpec): number | null => {
    if (!spec.bold && !spec.fill && !spec.link && !spec.wrap) return null;
    if (!styles) throw new PatchError('工作簿没有样式表（styles.xml），无法写入格式');
    const font = spec.link ? { underline: true, color: LINK_COLOR, ...(spec.bold ? { bold: true } : {}) } : spec.bold ? { bold: true } : undefined;
    return styles.derive(0, undefined, spec.fill, font, !!spec.wrap);
  };
  const rows = sheet.rows.map((row, i) => {
    const cells = row.map((c, j) => {
      const spec: NewCellSpec = c !== null && typeof c === 'object' ? c : { value: c };
      const s = style(spec);
      const attrs = `r="${columnName(j)}${i + 1}"${s === null ? '' : ` s="${s}"`}`;
      const v = spec.value;
      if (typeof v === 'number' && !Number.isFinite(v)) throw new PatchError(`新工作表的 ${columnName(j)}${i + 1} 不是有效数字`);
      if (spec.link) {
        const text = v === null ? spec.link.cell : String(v);
        return `<c ${attrs} t="str"><f>${escapeText(hyperlinkFormula(spec.link.sheet, spec.link.cell, text))}</f><v>${escapeText(text)}</v></c>`;
      }
      if (v === null || v === '') return s === null ? '' : `<c ${attrs}/>`;
      if (typeof v === 'number') return `<c ${attrs}><v>${String(v)}</v></c>`;
      return `<c ${attrs} t="inlineStr"><is><t xml:space="preserve">${escapeText(v)}</t></is></c>`;
    });
    const h = sheet.heights?.[i];
    const ht = h !== undefined && Number.isFinite(h) && h > 0 ? ` ht="${Math.min(409, h)}" customHeight="1"` : '';
    return `<row r="${i + 1}"${ht}>${cells.join('')}</row>`;
  });
  const frozen = sheet.frozenRows ?? 0;
  const pane = frozen > 0 ? `<pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/>` : '';
  const cols = (sheet.widths ?? [])
    .map((w, i) => (w > 0 ? `<col min="${i + 1}" max="${i + 1}" width="${Math.min(255, w)}" customWidth="1"/>` : ''))
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${rows.join('')}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

/** Appends the sheet to the workbook through the editor. */
export function addSheet(ed: PackageEditor, workbookPath: string, existing: string[], sheet: NewSheet, styles: StyleSheet | null): void {
  checkSheetName(sheet.name, existing);
  const path = ed.freePath((n) => `xl/worksheets/sheet${n}.xml`);
  ed.write(path, worksheetXml(sheet, styles));
  ed.override(path, CONTENT_TYPE.worksheet);
  const id = ed.addRel(workbookPath, REL_TYPE.worksheet, path);

  const wb = ed.read(workbookPath);
  if (wb === null) throw new PatchError('工作簿缺少 workbook.xml');
  const sc = new Scanner(wb, workbookPath);
  let relPrefix: string | null = null;
  let sheetsClose = -1;
  let sheetsPrefix = '';
  let maxId = 0;
  while (sc.next() !== Tok.End) {
    if (sc.tok === Tok.Close) {
      if (sc.name === 'sheets') sheetsClose = sc.tagStart;
      continue;
    }
    if (sc.name === 'workbook') {
      for (const [k, v] of Object.entries(sc.attrs())) if (k.startsWith('xmlns:') && v === REL) relPrefix = k.slice(6);
    } else if (sc.name === 'sheets') {
      sheetsPrefix = /^<([A-Za-z_][\w.-]*:)?/.exec(wb.slice(sc.tagStart))?.[1] ?? '';
      if (sc.tok === Tok.Empty) throw new PatchError('workbook.xml 中没有工作表');
    } else if (sc.name === 'sheet') maxId = Math.max(maxId, Number(sc.attr('sheetId')) || 0);
  }
  if (sheetsClose < 0) throw new PatchError('workbook.xml 的结构无法识别');
  const rid = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${REL}" r:id="${id}"`;
  const tag = `<${sheetsPrefix}sheet name="${escapeAttr(sheet.name)}" sheetId="${maxId + 1}" ${rid}/>`;
  ed.write(workbookPath, wb.slice(0, sheetsClose) + tag + wb.slice(sheetsClose));
}
