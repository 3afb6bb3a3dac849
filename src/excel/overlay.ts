/**
 * 核分's highlights are conditional formats laid over the flagged cells, never edits of the cells'
 * own formatting: deleting them leaves every cell exactly as it was.
 *
 * Each highlight is a custom rule on one cell whose formula is always true and carries a marker,
 * `=N("核分:error")=0` (N of a text is 0). That marker is how 核分 finds its own rules again, in this
 * session or after the workbook was reopened; a user's own rules never carry it and are left alone.
 */
import type { Finding, Severity } from '../core/index.js';

const MARKER_RE = /N\(\s*"核分(?::[a-z]+)?"\s*\)/i;

export function markerFormula(severity: Severity): string {
  return `=N("核分:${severity}")=0`;
}

export function isMarkerFormula(formula: string | null | undefined): boolean {
  return typeof formula === 'string' && MARKER_RE.test(formula);
}

/** Excel's own "light red fill with dark red text" and its amber and blue siblings. */
export const HIGHLIGHT_COLORS: Record<Severity, { fill: string; font: string }> = {
  error: { fill: '#FFC7CE', font: '#9C0006' },
  warning: { fill: '#FFEB9C', font: '#9C5700' },
  info: { fill: '#DDEBF7', font: '#1F4E78' },
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The cells to highlight on each sheet, with the most severe finding's colour where a cell has
 * several; only severities the user chose; findings without a usable cell are skipped.
 */
export function planHighlights(findings: Finding[], severities: readonly Severity[]): Map<string, Map<string, Severity>> {
  const plan = new Map<string, Map<string, Severity>>();
  for (const f of findings) {
    if (!severities.includes(f.severity) || !isCellAddress(f.cell)) continue;
    const cells = plan.get(f.sheet) ?? new Map<string, Severity>();
    const cell = f.cell.trim().replace(/\$/g, '').toUpperCase();
    const had = cells.get(cell);
    if (had === undefined || RANK[f.severity] < RANK[had]) cells.set(cell, f.severity);
    plan.set(f.sheet, cells);
  }
  return plan;
}

/** A single-cell A1 address; a finding about a block rather than a cell is listed, not highlighted. */
function isCellAddress(cell: string | null | undefined): cell is string {
  return !!cell && /^\$?[A-Z]{1,3}\$?[1-9]\d*$/i.test(cell.trim());
}

/** Queue loading every conditional format on the sheet with just enough to recognise ours. */
export function queueDiscovery(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const cfs = sheet.getRange().conditionalFormats;
  // customOrNullObject, not custom: loading `custom` fails the batch when any rule is of another type.
  cfs.load('items/type,items/customOrNullObject/rule/formula');
  return cfs;
}

/** After the sync: the rules 核分 added. */
export function overlaysIn(cfs: Excel.ConditionalFormatCollection): Excel.ConditionalFormat[] {
  return cfs.items.filter(
    (cf) => cf.type === 'Custom' && !cf.customOrNullObject.isNullObject && isMarkerFormula(cf.customOrNullObject.rule.formula),
  );
}

/** Queue one highlight rule on one cell. */
export function queueHighlight(sheet: Excel.Worksheet, cell: string, severity: Severity): void {
  const cf = sheet.getRange(cell).conditionalFormats.add('Custom');
  cf.custom.rule.formula = markerFormula(severity);
  cf.custom.format.fill.color = HIGHLIGHT_COLORS[severity].fill;
  cf.custom.format.font.color = HIGHLIGHT_COLORS[severity].font;
}
