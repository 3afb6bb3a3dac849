/**
 * `<calcPr fullCalcOnLoad="1"/>` in workbook.xml: a patch that wrote values leaves every formula
 * that reads them with its old cached result, which Excel, WPS and LibreOffice show until they
 * recalculate. This flag makes them recalculate the whole workbook when it is opened. Only that
 * attribute is added (or the element, where the workbook has none); the rest of the part stays
 * as written.
 */
import { Scanner, Tok } from '../reader/xml.js';
import { setAttr } from './styles.js';

/** CT_Workbook's children that come after calcPr (ECMA-376 Part 1 §18.2.27). */
const AFTER_CALC_PR = new Set([
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
]);

export function withFullCalcOnLoad(xml: string, part: string): string {
  const sc = new Scanner(xml, part);
  let insertAt = -1;
  let prefix = '';
  while (sc.next() !== Tok.End) {
    if (sc.depth === 0 && sc.tok === Tok.Close && sc.name === 'workbook') {
      if (insertAt < 0) insertAt = sc.tagStart;
      continue;
    }
    if (sc.tok === Tok.Close) continue;
    if (sc.name === 'workbook' && sc.depth <= 1) {
      prefix = /^<([A-Za-z_][\w.-]*:)?/.exec(xml.slice(sc.tagStart))?.[1] ?? '';
      continue;
    }
    // Direct children of <workbook> only (an extLst may hold elements of the same local name).
    if (sc.depth !== (sc.tok === Tok.Open ? 2 : 1)) continue;
    if (sc.name === 'calcPr') {
      const tag = xml.slice(sc.tagStart, sc.tagEnd);
      if (/\sfullCalcOnLoad\s*=\s*["'](1|true)["']/.test(tag)) return xml;
      return xml.slice(0, sc.tagStart) + setAttr(tag, 'fullCalcOnLoad', '1') + xml.slice(sc.tagEnd);
    }
    if (insertAt < 0 && AFTER_CALC_PR.has(sc.name)) insertAt = sc.tagStart;
  }
  if (insertAt < 0) return xml;
  return `${xml.slice(0, insertAt)}<${prefix}calcPr fullCalcOnLoad="1"/>${xml.slice(insertAt)}`;
}

/** Whether a worksheet part holds any formula (`<f>` in a cell). */
export function hasFormula(sheetXml: string): boolean {
  return /<([A-Za-z_][\w.-]*:)?f[\s>/]/.test(sheetXml);
}
