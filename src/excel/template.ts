/**
 * 插入空白模板: the template of src/core/template.ts written into a new worksheet with Office.js.
 * Two syncs: one to learn the existing sheet names (the new sheet gets the first free name of
 * 自评表, 自评表 (2), …), one to add the sheet and write everything — content and formulas, number
 * formats, styles, merges, column widths and row heights, data validation, page layout — and
 * activate it. Existing sheets are never touched.
 *
 * API sets: everything needs ExcelApi 1.7 (row heights via format) except data validation (1.8)
 * and page layout (1.9); on older hosts those parts are skipped and reported as warnings.
 */
import {
  TEMPLATE_STYLES,
  buildTemplate,
  columnWidthPoints,
  rangeToA1,
  styleAreas,
  templateFormulas,
  templateNumberFormats,
  templateRange,
  toA1,
  uniqueSheetName,
  type CellRange,
  type TemplateDescription,
  type TemplateOptions,
  type TemplateStyle,
} from '../core/index.js';
import type { InsertedTemplate, TemplateWarning } from '../host/index.js';
import { excelApiSupported } from './office.js';
import { syncOr } from './sync.js';

export type { InsertedTemplate, TemplateWarning };

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

function queueStyle(range: Excel.Range, area: CellRange, s: TemplateStyle): void {
  const f = range.format;
  f.font.name = s.font.name;
  f.font.size = s.font.size;
  f.font.bold = s.font.bold;
  f.horizontalAlignment = s.horizontal === 'left' ? 'Left' : s.horizontal === 'right' ? 'Right' : 'Center';
  f.verticalAlignment = s.vertical === 'top' ? 'Top' : 'Center';
  f.wrapText = s.wrap;
  if (s.fill) f.fill.color = `#${s.fill}`;
  if (s.border) {
    const edges: Excel.BorderIndex[] = [...EDGES] as unknown as Excel.BorderIndex[];
    if (area.right > area.left) edges.push('InsideVertical' as Excel.BorderIndex);
    if (area.bottom > area.top) edges.push('InsideHorizontal' as Excel.BorderIndex);
    for (const e of edges) {
      const b = f.borders.getItem(e);
      b.style = 'Continuous';
      b.weight = 'Thin';
      b.color = '#000000';
    }
  }
}

/** Queue the whole template onto `ws` (no sync). */
export function queueTemplate(ws: Excel.Worksheet, t: TemplateDescription, warnings: TemplateWarning[]): void {
  const all = ws.getRange(templateRange(t));
  all.formulas = templateFormulas(t);
  all.numberFormat = templateNumberFormats(t);
  for (const { range, style } of styleAreas(t)) queueStyle(ws.getRange(rangeToA1(range)), range, TEMPLATE_STYLES[style]);
  for (const m of t.merges) ws.getRange(rangeToA1(m)).merge(false);

  // Widths and heights belong to whole columns and rows; setting them on the form's part of a
  // column or row sets them for all of it.
  const last = t.rows.length - 1;
  const lastCol = t.columns.length - 1;
  t.columns.forEach((w, c) => {
    ws.getRange(rangeToA1({ top: 0, left: c, bottom: last, right: c })).format.columnWidth = columnWidthPoints(w);
  });
  // Consecutive rows of equal height share one command.
  let start = 0;
  t.rows.forEach((row, r) => {
    const next = t.rows[r + 1];
    if (next && next.height === row.height) return;
    ws.getRange(rangeToA1({ top: start, left: 0, bottom: r, right: lastCol })).format.rowHeight = row.height;
    start = r + 1;
  });

  if (excelApiSupported('1.8')) {
    for (const v of t.validations) {
      const dv = ws.getRange(v.cell).dataValidation;
      dv.rule = {
        decimal: {
          formula1: v.min,
          formula2: 'ref' in v.max ? `=${v.max.ref}` : v.max.value,
          operator: 'Between',
        },
      };
      dv.errorAlert = { title: v.title, message: v.message, showAlert: true, style: 'Stop' };
    }
  } else if (t.validations.length) {
    warnings.push('validation-unavailable');
  }

  if (excelApiSupported('1.9')) {
    const p = t.print;
    const layout = ws.pageLayout;
    layout.paperSize = 'A4';
    layout.orientation = 'Portrait';
    layout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
    layout.centerHorizontally = p.centerHorizontally;
    layout.setPrintMargins('Inches', { ...p.margins });
    layout.setPrintArea(rangeToA1(p.area));
    layout.setPrintTitleRows(`$${p.titleRows.top + 1}:$${p.titleRows.bottom + 1}`);
  } else {
    warnings.push('page-layout-unavailable');
  }
}

/** Insert the template for `options` as a new sheet and activate it. */
export async function insertTemplate(options: TemplateOptions): Promise<InsertedTemplate> {
  const t = buildTemplate(options);
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    await syncOr(context, 'read-failed', '读取工作表列表失败。');
    const name = uniqueSheetName(sheets.items.map((s) => s.name));
    const warnings: TemplateWarning[] = [];
    const ws = sheets.add(name);
    queueTemplate(ws, t, warnings);
    ws.activate();
    ws.getRange(toA1(t.layout.headerRow + 1, 2)).select();
    await syncOr(context, 'write-failed', `插入模板失败：无法写入新工作表“${name}”。`);
    return { sheet: name, range: templateRange(t), kind: t.kind, warnings };
  });
}
