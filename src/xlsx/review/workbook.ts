/**
 * The review workbook (审核汇总): 一览, 审核意见, 统计, 无法读取 — fills, relationship hyperlinks, a
 * frozen header, autofilter, classic (2007) data bars and rows as high as their wrapped text;
 * LibreOffice 7.4 and ExcelJS open it as meant (Excel and WPS were not available to try).
 * Written as streamed OOXML (xlsx-stream.ts), not with ExcelJS, so memory stays flat at 10,000
 * files and the browser bundle does not carry ExcelJS for it.
 */
import type ExcelJS from 'exceljs';
import type { Finding, FormReport } from '../../core/index.js';
import { reviewMeta } from './meta.js';
import { formItems, markOn, summarize, worstFirst, type FormItem, type ReviewedFile, type Verdict } from './model.js';
import { markText } from '../../host/index.js';
import { columnLetter, XlsxStream, type Cell, type CellStyle, type DataBar } from './xlsx-stream.js';

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
/** Fastest deflate for ExcelJS writers (the annotated copy of non-OOXML inputs). */
export const WRITE_OPTIONS = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;
const BAR_COLOUR = 'FF5B9BD5';
/** Points per line of a row whose text wraps: CJK lines of 11 pt need a little more than the default 15. */
export const WRAPPED_LINE = 16;
/** Built-in number formats: 0.00 and 0.00%. */
const NUM_FMT: Record<string, number> = { '0.00': 2, '0.00%': 10 };

type Value = string | number | null | { text: string; hyperlink: string };

/** A decimal string as a number Excel can sort and filter; blank when there is none. */
const num = (s: string | null | undefined): number | null => {
  if (s === null || s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

/** Wide in CJK fonts: CJK, full-width forms, and the punctuation (…“”≤) LibreOffice drew full width. */
const isWide = (c: number) =>
  c >= 0x1100 && (c <= 0x115f || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6));

/** Display width in Excel's character units: CJK and full-width characters count double. */
function textWidth(s: string): number {
  let w = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isWide(c)) w++;
  }
  return w;
}

/**
 * Lines a wrapped cell of `width` characters needs for `text`, measured as drawn rather than as
 * textWidth's column-fitting upper bound: a CJK glyph of 11 pt is about 2.1 digit widths, a
 * lower-case letter, space or punctuation mark of Calibri about 0.8; one character of padding.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  const drawn = (line: string) => {
    let w = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      w += isWide(c) ? 2.1 : (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c > 0x7f ? 1 : 0.8;
    }
    return w;
  };
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(drawn(line) / usable)), 0);
}

/**
 * A decimal the core reports as text ("7", "4.66") as a number, so Excel neither flags it as a
 * number stored as text nor sorts it as one; anything else ("优", "67%", "1.50") stays text.
 */
export function numberOrText(s: string | null): string | number | null {
  if (s === null || !/^-?\d{1,15}(\.\d{1,15})?$/.test(s)) return s;
  const n = Number(s);
  return String(n) === s ? n : s;
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

/**
 * A sheet with a bold, filled, frozen header row, an autofilter and widths that fit the content.
 * `rows` is called twice — once to measure the widths (which precede the rows in the XML), once to
 * write — so no sheet is ever held whole; `style(i, j)` adds a cell's own fill.
 */
function table(
  out: XlsxStream,
  name: string,
  columns: Column[],
  rows: () => Iterable<Value[]>,
  cellStyle?: (row: Value[], j: number) => CellStyle | undefined,
  bars?: (rows: number) => DataBar[],
): void {
  const widths = columns.map((c) => textWidth(c.header));
  let count = 0;
  for (const r of rows()) {
    count++;
    r.forEach((v, j) => (widths[j] = Math.max(widths[j], textWidth(cellText(v)))));
  }
  // Every body cell top-aligned, so a row whose text wraps in one column still reads across.
  const wraps = columns.map((c, j) => widths[j] + 2 > (c.max ?? 40));
  const base: CellStyle[] = columns.map((c, j) => {
    const s: CellStyle = { vertical: 'top' };
    if (c.numFmt) s.numFmt = NUM_FMT[c.numFmt];
    if (wraps[j]) s.wrap = true;
    return s;
  });
  const colWidths = columns.map((c, j) => Math.max(6, Math.min(c.max ?? 40, widths[j] + 2)));
  const st = out.styles;
  const ws = out.sheet(name, {
    columns: columns.map((_, j) => ({ width: colWidths[j], style: st.id(base[j]) })),
    frozenRows: 1,
    tabSelected: name === '一览',
  });
  const head = st.id({ font: 'bold', fill: HEADER_FILL, borderBottom: true, vertical: 'center' });
  ws.row(columns.map((c) => ({ v: c.header, s: head })));
  for (const r of rows()) {
    let lines = 1;
    r.forEach((v, j) => {
      if (wraps[j] && v !== null) lines = Math.max(lines, wrappedLines(cellText(v), colWidths[j]));
    });
    ws.row(
      r.map((v, j): Cell => {
        const own = cellStyle?.(r, j);
        const link = v !== null && typeof v === 'object';
        const s = st.id({ ...base[j], ...(link ? { font: 'link' as const } : {}), ...own });
        return link ? { v: v.text, link: v.hyperlink, s } : { v, s };
      }),
      lines > 1 ? lines * WRAPPED_LINE : undefined,
    );
  }
  out.endSheet(ws, { autoFilter: count > 0 ? `A1:${columnLetter(columns.length)}${count + 1}` : undefined, dataBars: count > 0 ? bars?.(count) : undefined });
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
  { header: '复核标记', max: 40 },
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
    numberOrText(x.declared),
    numberOrText(x.expected),
    meta.fix,
    `${x.rule || x.code}（规则包 ${pack}）`,
    SEVERITY_ZH[x.severity],
    markText(markOn(file, x)) || null,
  ];
}

const VERDICT_COL = OVERVIEW_HEADERS.indexOf('结论');
const LEVEL_COL = FINDING_HEADERS.indexOf('级别');
const FILL_OF_LEVEL = new Map(Object.entries(SEVERITY_ZH).map(([k, zh]) => [zh as string, SEVERITY_FILL[k as keyof typeof SEVERITY_FILL]]));

export async function buildReviewWorkbook(files: ReviewedFile[], options: ReviewWorkbookOptions): Promise<Uint8Array> {
  const when = options.generatedAt ?? new Date();
  const out = new XlsxStream({ creator: '核分', created: when });

  const items = formItems(files);
  const sorted = worstFirst(items);
  const summary = summarize(files, options.rules, items);

  const recomputed = columnLetter(OVERVIEW_HEADERS.indexOf('复算') + 1);
  table(
    out,
    '一览',
    OVERVIEW,
    () => sorted.map(overviewRow),
    (row, j) => (j === VERDICT_COL ? { fill: VERDICT_FILL[row[j] as Verdict] } : undefined),
    (n) => [{ ref: `${recomputed}2:${recomputed}${n + 1}`, min: 0, max: 100, colour: BAR_COLOUR }],
  );

  // 审核意见 in input order (file, sheet, then the core's order: errors first).
  function* findingRows(): Iterable<Value[]> {
    for (const it of items) for (const x of it.findings) yield findingRow(it.file, x, it.form.rules);
  }
  table(out, '审核意见', FINDINGS, findingRows, (row, j) => (j === LEVEL_COL ? { fill: FILL_OF_LEVEL.get(row[j] as string) } : undefined));

  statistics(out, summary, when);

  const unreadable = files.filter((f) => f.error || f.reports.every((r) => r.forms.length === 0));
  table(out, '无法读取', [{ header: '文件', max: 60 }, { header: '原因', max: 80 }], () => unreadable.map((f) => [link(f), f.error ?? '文件可以打开，但没有找到绩效自评表']));

  return out.finish();
}

/** 统计: several small tables one under another, each with its own bold header. */
function statistics(out: XlsxStream, s: ReturnType<typeof summarize>, when: Date): void {
  const st = out.styles;
  const ws = out.sheet('统计', { columns: [30, 30, 10, 10, 10].map((width) => ({ width })) });
  const plain = (cells: (string | number)[]) => ws.row(cells.map((v) => ({ v })));
  const titleStyle = st.id({ font: 'title' });
  const headStyle = st.id({ font: 'bold', fill: HEADER_FILL });
  const heading = (text: string) => ws.row([{ v: text, s: titleStyle }]);
  const head = (cells: string[]) => ws.row(cells.map((v) => ({ v, s: headStyle })));
  heading('核分 · 审核汇总');
  plain(['规则包', s.rules]);
  plain(['生成时间', when.toISOString().replace('T', ' ').slice(0, 19) + ' UTC']);
  plain(['文件数', s.files]);
  plain(['自评表数', s.forms]);
  plain(['无法读取的文件', s.unreadable]);
  plain(['未找到自评表的文件', s.withoutForm]);
  plain([]);

  heading('按结论');
  head(['结论', '表数']);
  for (const v of ['退回修改', '需复核', '通过'] as Verdict[]) ws.row([{ v, s: st.id({ fill: VERDICT_FILL[v] }) }, { v: s.verdicts[v] }]);
  plain([]);

  heading('按问题类型');
  head(['审核要点', '代码', '级别', '条数', '涉及表数']);
  for (const c of s.byCode) plain([c.title, c.code, SEVERITY_ZH[c.severity as keyof typeof SEVERITY_ZH], c.findings, c.forms]);
  plain([]);

  heading('按等级');
  head(['等级', '填报', '复算']);
  for (const g of s.byGrade) plain([g.grade, g.declared, g.recomputed]);
  plain([]);

  heading('复算总分分布（每 5 分）');
  head(['分数段', '表数']);
  const first = ws.rowCount + 1;
  for (const b of s.recomputedTotals) plain([b.label, b.forms]);
  const last = ws.rowCount;
  const most = Math.max(1, ...s.recomputedTotals.map((b) => b.forms));
  out.endSheet(ws, { dataBars: [{ ref: `B${first}:B${last}`, min: 0, max: most, colour: BAR_COLOUR }] });
}
