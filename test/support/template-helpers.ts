/**
 * Test-only template helpers (moved out of src/core/template.ts): a template as a host would read
 * it back after insertion.
 */
import { formatNumber } from '../../src/core/numfmt.js';
import type { CellValue, SheetSnapshot } from '../../src/core/snapshot.js';
import { TEMPLATE_SHEET_BASE, evaluateTemplate, templateNumberFormats, type TemplateDescription } from '../../src/core/template.js';

/**
 * The template as a host would read it back after insertion (values computed, displayed text
 * rendered with each cell's number format), optionally with `inputs` typed in.
 */
export function templateToSnapshot(
  t: TemplateDescription,
  sheet: string = TEMPLATE_SHEET_BASE,
  inputs: Record<string, CellValue> = {},
): SheetSnapshot {
  const { values, formulas } = evaluateTemplate(t, inputs);
  const numberFormat = templateNumberFormats(t);
  const text = values.map((row, r) =>
    row.map((v, c) => (v === null ? '' : typeof v === 'number' ? formatNumber(v, numberFormat[r][c]) : String(v))),
  );
  return {
    sheet,
    top: 0,
    left: 0,
    values: values.map((row) => row.map((v) => (v === '' ? null : v))),
    text,
    numberFormat,
    formulas,
    merges: t.merges.map((m) => ({ ...m })),
  };
}
