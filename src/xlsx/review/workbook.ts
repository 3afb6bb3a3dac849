/**
 * The review workbook (审核汇总): 一览, 审核意见, 统计, 无法读取. Plain ExcelJS features only —
 * fills, hyperlinks, a frozen header, autofilter and classic (2007) data bars — so that Excel and
 * WPS open it without repairs.
 */
import ExcelJS from 'exceljs';
import type { Finding, FormReport } from '../../core/index.js';
import { reviewMeta } from './meta.js';
import { formItems, summarize, worstFirst, type FormItem, type ReviewedFile, type Verdict } from './model.js';

export interface ReviewWorkbookOptions {
  /** The rule pack named on the command line (or "auto"). */
  rules: string;
  generatedAt?: Date;
}

export const VERDICT_FILL: Record<Verdict, string> = { 通过: 'FFC6EFCE', 需复核: 'FFFFEB9C', 退回修改: 'FFFFC7CE' };
const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;
const SEVERITY_FILL = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' } as const;
const KIND_ZH = { project: '项目支出', department: '部门整体支出' } as const;
const HEADER_FILL = 'FFD9E1F2';
/** Fastest deflate: JSZip's pure-JS compressor was most of the build time; the file grows a little. */
export const WRITE_OPTIONS = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;
const BAR_COLOUR = 'FF5B9BD5';

type Value = string | number | null | { text: string; hyperlink: string };

/** A decimal string as a number Excel can sort and filter; blank when there is none. */
const num = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** Display width in Excel's character units: CJK and full-width characters count double. */
function textWidth(s: string): number {
  let w = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x1100 && ((c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6))) w++;
  }
  return w;
}

function cellText(v: Value): string {
  if (v === null) return '';
  if (typeof v === 'object') return v.text;
  return String(v);
}

interface Column {
  header: string;
  /** Widest a column gets before its text wraps. */
  max?: number;
  numFmt?: string;
}

/** A sheet with a bold, filled, frozen header row, an autofilter and widths that fit the content. */
function table(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: Value[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    c.border = { bottom: { style: 'thin' } };
  });
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => v));
    r.forEach((v, j) => {
      if (v !== null && typeof v === 'object') row.getCell(j + 1).font = { color: { argb: 'FF0563C1' }, underline: true };
    });
  }
  columns.forEach((c, j) => {
    const col = ws.getColumn(j + 1);
    let w = textWidth(c.header);
    for (const r of rows) w = Math.max(w, textWidth(cellText(r[j])));
    const max = c.max ?? 40;
    col.width = Math.max(6, Math.min(max, w + 2));
    if (c.numFmt) col.numFmt = c.numFmt;
    if (w + 2 > max) col.alignment = { wrapText: true, vertical: 'top' };
  });
  if (rows.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  return ws;
}

function dataBar(ws: ExcelJS.Worksheet, ref: string, min: number, max: number): void {
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        // Written as Excel 2010+ writes it: the classic rule plus its x14 extension (solid fill).
        gradient: false,
        border: false,
        cfvo: [
          { type: 'num', value: min },
          { type: 'num', value: max },
        ],
        color: { argb: BAR_COLOUR },
      } as ExcelJS.DataBarRuleType,
    ],
  });
}

/**
 * A link to the file only: ExcelJS writes a link with a #location into another file in a form
 * Excel and WPS do not follow, so 审核意见 names the cell in its own column instead.
 */
const link = (file: ReviewedFile): Value => (file.link ? { text: file.file, hyperlink: file.link } : file.file);

const OVERVIEW: Column[] = [
  { header: '文件', max: 50 },
  { header: '工作表', max: 20 },
  { header: '项目名称', max: 40 },
  { header: '单位', max: 30 },
  { header: '类型' },
  { header: '填报总分', numFmt: '0.00' },
  { header: '加总', numFmt: '0.00' },
  { header: '复算', numFmt: '0.00' },
  { header: '填报等级' },
  { header: '复算等级' },
  { header: '执行率（填报）', numFmt: '0.00%' },
  { header: '执行率（计算）', numFmt: '0.00%' },
  { header: '错误数' },
  { header: '警告数' },
  { header: '结论' },
  { header: '规则包', max: 50 },
];
export const OVERVIEW_HEADERS = OVERVIEW.map((c) => c.header);

function overviewRow(it: FormItem): Value[] {
  const f: FormReport = it.form;
  return [
    link(it.file),
    f.sheet,
    // The core reports the form's title line; the project and unit names are not extracted yet.
    f.title,
    null,
    KIND_ZH[f.kind],
    num(f.total.declared),
    num(f.total.sum),
    num(f.total.recomputed),
    f.grade.declared,
    f.grade.computed,
    num(f.executionRate.declared),
    num(f.executionRate.computed),
    it.errors,
    it.warnings,
    it.verdict,
    it.file.packNotes?.[f.sheet] ? `${f.rules}（${it.file.packNotes[f.sheet]}）` : f.rules,
  ];
}

const FINDINGS: Column[] = [
  { header: '文件', max: 40 },
  { header: '工作表', max: 16 },
  { header: '单元格' },
  { header: '指标', max: 40 },
  { header: '审核要点', max: 24 },
  { header: '审核内容', max: 60 },
  { header: '是否通过' },
  { header: '填报' },
  { header: '应为' },
  { header: '整改建议', max: 50 },
  { header: '审核标准', max: 40 },
  { header: '级别' },
];
export const FINDING_HEADERS = FINDINGS.map((c) => c.header);

function findingRow(file: ReviewedFile, x: Finding, pack: string): Value[] {
  const meta = reviewMeta(x.code);
  return [
    link(file),
    x.sheet,
    x.cell,
    x.path.join(' / '),
    meta.title,
    x.message,
    // An info finding is a figure the rules could not check: neither passed nor failed.
    x.severity === 'info' ? '待人工核实' : '否',
    x.declared,
    x.expected,
    meta.fix,
    `${x.rule || x.code}（规则包 ${pack}）`,
    SEVERITY_ZH[x.severity],
  ];
}

export async function buildReviewWorkbook(files: ReviewedFile[], options: ReviewWorkbookOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const when = options.generatedAt ?? new Date();
  wb.creator = '核分';
  wb.lastModifiedBy = '核分';
  wb.created = when;
  wb.modified = when;

  const items = formItems(files);
  const sorted = worstFirst(items);
  const summary = summarize(files, options.rules, items);

  const overview = table(wb, '一览', OVERVIEW, sorted.map(overviewRow));
  const verdictCol = OVERVIEW_HEADERS.indexOf('结论') + 1;
  sorted.forEach((it, i) => {
    overview.getCell(i + 2, verdictCol).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: VERDICT_FILL[it.verdict] } };
  });
  if (sorted.length > 0) {
    const c = OVERVIEW_HEADERS.indexOf('复算') + 1;
    const col = overview.getColumn(c).letter;
    dataBar(overview, `${col}2:${col}${sorted.length + 1}`, 0, 100);
  }

  // 审核意见 in input order (file, sheet, then the core's order: errors first).
  const findingRows: Value[][] = [];
  const severities: Finding['severity'][] = [];
  for (const it of items) {
    for (const x of it.findings) {
      findingRows.push(findingRow(it.file, x, it.form.rules));
      severities.push(x.severity);
    }
  }
  const opinions = table(wb, '审核意见', FINDINGS, findingRows);
  const levelCol = FINDING_HEADERS.indexOf('级别') + 1;
  severities.forEach((s, i) => {
    opinions.getCell(i + 2, levelCol).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[s] } };
  });

  statistics(wb, summary, when);

  table(
    wb,
    '无法读取',
    [{ header: '文件', max: 60 }, { header: '原因', max: 80 }],
    files.filter((f) => f.error || f.reports.every((r) => r.forms.length === 0)).map((f) => [link(f), f.error ?? '文件可以打开，但没有找到绩效自评表']),
  );

  return new Uint8Array(await wb.xlsx.writeBuffer(WRITE_OPTIONS));
}

/** 统计: several small tables one under another, each with its own bold header. */
function statistics(wb: ExcelJS.Workbook, s: ReturnType<typeof summarize>, when: Date): void {
  const ws = wb.addWorksheet('统计');
  [30, 30, 10, 10, 10].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const heading = (text: string) => {
    const r = ws.addRow([text]);
    r.font = { bold: true, size: 12 };
  };
  const head = (cells: string[]) => {
    const r = ws.addRow(cells);
    r.font = { bold: true };
    r.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }));
  };
  heading('核分 · 审核汇总');
  ws.addRow(['规则包', s.rules]);
  ws.addRow(['生成时间', when.toISOString().replace('T', ' ').slice(0, 19) + ' UTC']);
  ws.addRow(['文件数', s.files]);
  ws.addRow(['自评表数', s.forms]);
  ws.addRow(['无法读取的文件', s.unreadable]);
  ws.addRow(['未找到自评表的文件', s.withoutForm]);
  ws.addRow([]);

  heading('按结论');
  head(['结论', '表数']);
  for (const v of ['退回修改', '需复核', '通过'] as Verdict[]) {
    const r = ws.addRow([v, s.verdicts[v]]);
    r.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: VERDICT_FILL[v] } };
  }
  ws.addRow([]);

  heading('按问题类型');
  head(['审核要点', '代码', '级别', '条数', '涉及表数']);
  for (const c of s.byCode) ws.addRow([c.title, c.code, SEVERITY_ZH[c.severity as keyof typeof SEVERITY_ZH], c.findings, c.forms]);
  ws.addRow([]);

  heading('按等级');
  head(['等级', '填报', '复算']);
  for (const g of s.byGrade) ws.addRow([g.grade, g.declared, g.recomputed]);
  ws.addRow([]);

  heading('复算总分分布（每 5 分）');
  head(['分数段', '表数']);
  const first = ws.rowCount + 1;
  for (const b of s.recomputedTotals) ws.addRow([b.label, b.forms]);
  const last = ws.rowCount;
  const most = Math.max(1, ...s.recomputedTotals.map((b) => b.forms));
  dataBar(ws, `B${first}:B${last}`, 0, most);
}
