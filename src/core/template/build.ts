/**
 * Building the two templates (project: seed 002's national form; department: seed 004's score
 * sheet) from a rule pack and options. See ../template.ts for the layout.
 */
import { D, str } from '../decimal.js';
import { DEFAULT_PACK, getPack, type GradeScheme, type RulePack } from '../rules/packs.js';
import { toA1, type CellRange } from '../snapshot.js';
import type { Calc } from './calc.js';
import {
  DEFAULT_TEMPLATE_ROWS,
  MAX_TEMPLATE_ROWS,
  TEMPLATE_STYLES,
  splitEvenly,
  type TemplateCell,
  type TemplateDescription,
  type TemplateLayout,
  type TemplateOptions,
  type TemplatePrint,
  type TemplateRow,
  type TemplateValidation,
} from './model.js';
import { DEPARTMENT_FRAMEWORK, DEPARTMENT_HEADERS, FUNDS_HEADERS, FUNDS_ROWS, PROJECT_HEADERS, PROJECT_LEVELS } from './framework.js';

class Builder {
  readonly rows: TemplateRow[] = [];
  readonly merges: CellRange[] = [];
  readonly validations: TemplateValidation[] = [];
  constructor(readonly width: number) {}

  row(height: number): number {
    this.rows.push({ height, cells: new Array(this.width).fill(null) });
    return this.rows.length - 1;
  }

  set(row: number, col: number, cell: TemplateCell): string {
    this.rows[row].cells[col] = cell;
    return toA1(row, col);
  }

  /** Merge and give every covered cell the anchor's style (so borders print round the whole area). */
  merge(top: number, left: number, bottom: number, right: number, anchor: TemplateCell): string {
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) {
        this.rows[r].cells[c] = r === top && c === left ? anchor : { style: anchor.style, numberFormat: anchor.numberFormat };
      }
    }
    if (bottom > top || right > left) this.merges.push({ top, left, bottom, right });
    return toA1(top, left);
  }
}

function gradeCalc(total: string, scheme: GradeScheme): Calc {
  return { fn: 'grade', total, bands: scheme.bands.map((b) => ({ name: b.name, min: b.min })) };
}

function pct(x: string): string {
  return str(new D(x).mul(100)) as string;
}

/** The official notes under the national form (seed 002, 注 1–3), with the pack's numbers. */
export function projectNotes(pack: RulePack): string[] {
  const w = pack.project.level1Weights;
  const tiers = [...pack.qualitativeTiers].sort((a, b) => new D(b.max).cmp(a.max));
  const tierText = tiers
    .map((t) => `${pct(t.max)}%-${pct(t.min)}%${t.minInclusive && !new D(t.min).isZero() ? '（含）' : ''}`)
    .join('、');
  return [
    '注：1.其他资金包括中央补助、各级财政资金共同投入到同一项目的自有资金、社会资金等。',
    `2.绩效自评采取打分评价形式，满分为${pack.project.totalWeight}分，各部门可根据指标的重要程度自主确定各项三级指标的权重分值，` +
      '各项指标得分加总得出该项目绩效自评的总分（中央和省委巡视、各级审计和财政监督中发现问题的酌情扣分），各项指标得分最高不能超过该指标分值上限，' +
      `原则上一级指标分值统一设置为：${Object.entries(w)
        .map(([k, v]) => `${k}${v}分`)
        .join('、')}、预算资金执行率${pack.project.executionWeight}分。如有特殊情况，除预算资金执行率外，其他指标权重可作适当调整，但总分应为${pack.project.totalWeight}分。`,
    '3.本表资金使用单位按具体项目填报，主管部门按二级项目汇总绩效目标，对于定量指标，绝对值直接累加计算，相对值按照资金额度加权平均计算；' +
      '定性指标根据指标完成情况分为：全部或基本达成预期指标、部分达成预期指标并具有一定效果、未达成预期指标且效果较差三档，' +
      `分别按照${tierText}合理填写完成比例。`,
  ];
}

const VALIDATION_TEXT = {
  'zh-CN': {
    scoreTitle: '得分超出范围',
    score: '指标得分应为 0 到本行分值（权重）之间的数字。',
    weightTitle: '分值超出范围',
    weight: (max: number) => `分值应为 0 到 ${max} 之间的数字。`,
  },
  'en-US': {
    scoreTitle: 'Score out of range',
    score: "The score must be a number between 0 and this row's weight.",
    weightTitle: 'Weight out of range',
    weight: (max: number) => `The weight must be a number between 0 and ${max}.`,
  },
};

/** Rough row height for wrapped text: CJK characters are about two width units of 10.5 pt 宋体. */
function wrappedHeight(text: string, widthChars: number, fontSize: number): number {
  const units = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  const perLine = Math.max(1, Math.floor((widthChars * 10.5) / fontSize));
  const lines = text.split('\n').length - 1 + Math.ceil(units / perLine);
  return Math.max(15, Math.ceil(lines * fontSize * 1.45 + 4));
}

function subtitle(year: number | null | undefined): string {
  return year ? `（${year}年度）` : '（　　　　年度）';
}

function checkRows(rows: number): number {
  if (!Number.isInteger(rows) || rows < 1 || rows > MAX_TEMPLATE_ROWS) {
    throw new RangeError(`每个二级指标的空白行数应为 1 到 ${MAX_TEMPLATE_ROWS} 之间的整数：${rows}`);
  }
  return rows;
}

function heading(b: Builder, title: string, year: number | null | undefined): void {
  const L = b.width - 1;
  let r = b.row(32);
  b.merge(r, 0, r, L, { value: title, style: 'title' });
  r = b.row(20);
  b.merge(r, 0, r, L, { value: subtitle(year), style: 'subtitle' });
}

/** Where the indicator table's figures are: the weight column (projects only) and the score column. */
interface Figures {
  weight: number | null;
  score: number;
}

interface Group {
  label: string;
  path: string[];
  /** Adds the group's indicator rows below its subtotal row; returns them. */
  addRows: () => number[];
}

interface Level1 {
  label: string;
  path: string[];
  groups: Group[];
}

/** The blank shaded cells of a subtotal, total or grade row: from `from` up to the first figure, and after the last. */
function shade(b: Builder, row: number, from: number | null, f: Figures): void {
  if (from !== null) b.merge(row, from, row, (f.weight ?? f.score) - 1, { value: '', style: 'computed' });
  b.merge(row, f.score + 1, row, b.width - 1, { value: '', style: 'computed' });
}

/** The sum of `refs` into `col` of `row` (a weight never blank; a score blank while nothing is scored). */
function sum(b: Builder, row: number, col: number, refs: string[], weight: boolean, role: TemplateCell['role'], path?: string[]): string {
  return b.set(row, col, { calc: { fn: 'sum', refs, blankIfEmpty: !weight }, style: 'computed', role, ...(path ? { path } : {}) });
}

/**
 * The indicator table under its header: each level 1 a subtotal row, then each of its groups a
 * subtotal row followed by its indicator rows; subtotals sum the rows below them, the 一级 and 二级
 * labels are merged down beside them. Shared by both templates, which differ in their rows.
 */
function levels(b: Builder, f: Figures, all: Level1[]) {
  const indicatorRows: number[] = [];
  const subtotals: TemplateLayout['subtotals'] = [];
  const level1Cells: { weight: string | null; score: string }[] = [];
  for (const l1 of all) {
    const l1Row = b.row(22);
    shade(b, l1Row, 1, f);
    const groupCells: { weight: string | null; score: string }[] = [];
    for (const g of l1.groups) {
      const l2Row = b.row(22);
      shade(b, l2Row, 2, f);
      const rows = g.addRows();
      indicatorRows.push(...rows);
      const last = rows[rows.length - 1];
      const range = (col: number) => `${toA1(l2Row + 1, col)}:${toA1(last, col)}`;
      const weight = f.weight === null ? null : sum(b, l2Row, f.weight, [range(f.weight)], true, 'level-weight', g.path);
      const score = sum(b, l2Row, f.score, [range(f.score)], false, 'level-score', g.path);
      b.merge(l2Row, 1, last, 1, { value: g.label, style: 'level' });
      subtotals.push({ path: g.path, row: l2Row, weightCell: weight, scoreCell: score });
      groupCells.push({ weight, score });
    }
    const weight = f.weight === null ? null : sum(b, l1Row, f.weight, groupCells.map((g) => g.weight!), true, 'level-weight', l1.path);
    const score = sum(b, l1Row, f.score, groupCells.map((g) => g.score), false, 'level-score', l1.path);
    b.merge(l1Row, 0, b.rows.length - 1, 0, { value: l1.label, style: 'level' });
    subtotals.push({ path: l1.path, row: l1Row, weightCell: weight, scoreCell: score });
    level1Cells.push({ weight, score });
  }
  return { indicatorRows, subtotals, level1Cells };
}

/** 总分 (the level-1 sums plus `extra`, the execution row's weight and score) and 自评等级. */
function totals(b: Builder, f: Figures, level1Cells: { weight: string | null; score: string }[], scheme: GradeScheme, extra?: { weight: string; score: string }) {
  const totalRow = b.row(24);
  b.merge(totalRow, 0, totalRow, (f.weight ?? f.score) - 1, { value: '总分', style: 'label' });
  const weightCell = f.weight === null ? null : sum(b, totalRow, f.weight, [...level1Cells.map((c) => c.weight!), ...(extra ? [extra.weight] : [])], true, 'total-weight');
  const scoreCell = sum(b, totalRow, f.score, [...level1Cells.map((c) => c.score), ...(extra ? [extra.score] : [])], false, 'total-score');
  shade(b, totalRow, null, f);
  const gradeRow = b.row(24);
  b.merge(gradeRow, 0, gradeRow, f.score - 1, { value: '自评等级', style: 'label' });
  const cell = b.set(gradeRow, f.score, { calc: gradeCalc(scoreCell, scheme), style: 'computed', role: 'grade' });
  shade(b, gradeRow, null, f);
  return { total: { row: totalRow, weightCell, scoreCell }, grade: { row: gradeRow, cell } };
}

function described(kind: TemplateDescription['kind'], pack: RulePack, title: string, columns: number[], b: Builder, layout: TemplateLayout): TemplateDescription {
  return {
    kind,
    rules: pack.name,
    title,
    columns,
    rows: b.rows,
    merges: b.merges,
    validations: b.validations,
    print: printSetup(layout.headerRow, b.rows.length - 1, columns.length - 1),
    layout,
  };
}

function buildProject(pack: RulePack, opts: TemplateOptions): TemplateDescription {
  const n = checkRows(opts.rows ?? DEFAULT_TEMPLATE_ROWS);
  const placeholders = opts.placeholderWeights ?? true;
  const text = VALIDATION_TEXT[opts.locale ?? 'zh-CN'];
  const columns = [11, 13, 24, 16, 14, 10, 10, 24];
  const b = new Builder(columns.length);
  const L = columns.length - 1;
  const title = '项目支出绩效自评表';
  heading(b, title, opts.year);

  let r = b.row(24);
  b.set(r, 0, { value: '项目名称', style: 'label' });
  b.merge(r, 1, r, L, { value: '', style: 'text' });
  r = b.row(24);
  b.set(r, 0, { value: '主管部门', style: 'label' });
  b.merge(r, 1, r, 3, { value: '', style: 'text' });
  b.set(r, 4, { value: '实施单位', style: 'label' });
  b.merge(r, 5, r, L, { value: '', style: 'text' });

  // Funds block: 项目资金（万元） merged down the header and the four fund rows.
  const fundsHeader = b.row(36);
  // 其中：当年财政拨款 takes two lines in its column: its row is as high as they need.
  for (const label of FUNDS_ROWS) b.row(Math.max(22, wrappedHeight(label, columns[1], TEMPLATE_STYLES.label.font.size)));
  // Broken by hand before （万元）: wrapped by the column, a lone ） started the second line in LibreOffice.
  b.merge(fundsHeader, 0, fundsHeader + 4, 0, { value: '项目资金\n（万元）', style: 'label' });
  b.set(fundsHeader, 1, { value: '', style: 'header' });
  FUNDS_HEADERS.forEach((h, i) => b.set(fundsHeader, 2 + i, { value: h, style: 'header' }));
  const fr = fundsHeader + 1;
  const a = (col: number) => toA1(fr, col);
  FUNDS_ROWS.forEach((label, i) => {
    const row = fr + i;
    b.set(row, 1, { value: label, style: 'label' });
    for (let c = 2; c <= 4; c++) {
      b.set(row, c, {
        value: '',
        style: 'input',
        numberFormat: '0.00',
        role: i === 0 ? (c === 2 ? 'budget-initial' : c === 3 ? 'budget' : 'executed') : undefined,
      });
    }
    if (i === 0) {
      b.set(row, 5, { calc: { fn: 'rate', executed: a(4), budget: a(3) }, style: 'computed', numberFormat: '0.00%', role: 'execution-rate' });
      b.set(row, 6, { value: Number(pack.project.executionWeight), style: 'input', role: 'execution-weight' });
      b.set(row, 7, {
        calc: { fn: 'execution-score', executed: a(4), budget: a(3), weight: a(6), cap: pack.execution.cap },
        style: 'computed',
        role: 'execution-score',
      });
    } else {
      b.set(row, 5, { value: '', style: 'input', numberFormat: '0.00%' });
      b.set(row, 6, { value: '—', style: 'input' });
      b.set(row, 7, { value: '—', style: 'input' });
    }
  });

  // 年度总体目标
  r = b.row(22);
  b.row(72);
  b.merge(r, 0, r + 1, 0, { value: '年度总体目标', style: 'label' });
  b.merge(r, 1, r, 4, { value: '预期目标', style: 'header' });
  b.merge(r, 5, r, L, { value: '实际完成情况', style: 'header' });
  b.merge(r + 1, 1, r + 1, 4, { value: '', style: 'text' });
  b.merge(r + 1, 5, r + 1, L, { value: '', style: 'text' });

  const headerRow = b.row(36);
  PROJECT_HEADERS.forEach((h, i) => b.set(headerRow, i, { value: h, style: 'header' }));
  const f: Figures = { weight: 5, score: 6 };
  const max = Number(pack.project.totalWeight);
  const table = levels(
    b,
    f,
    PROJECT_LEVELS.map(({ level1, level2 }) => {
      // Placeholder weights: the pack's level-1 weight split evenly over its blank rows.
      const shares = placeholders ? splitEvenly(pack.project.level1Weights[level1] ?? '0', level2.length * n) : [];
      return {
        label: level1,
        path: [level1],
        groups: level2.map((name2, gi) => ({
          label: name2,
          path: [level1, name2],
          addRows: () =>
            Array.from({ length: n }, (_, k) => {
              const row = b.row(30);
              const path = [level1, name2, String(k + 1)];
              const share = shares[gi * n + k];
              b.set(row, 2, { value: '', style: 'text', role: 'indicator-name', path });
              b.set(row, 3, { value: '', style: 'input', role: 'indicator-target', path });
              b.set(row, 4, { value: '', style: 'input', role: 'indicator-actual', path });
              b.set(row, f.weight!, { value: share ? Number(str(share)) : '', style: 'input', role: 'indicator-weight', path });
              b.set(row, f.score, { value: '', style: 'input', role: 'indicator-score', path });
              b.set(row, 7, { value: '', style: 'text', role: 'indicator-explanation', path });
              b.validations.push({ cell: toA1(row, f.score), min: 0, max: { ref: toA1(row, f.weight!) }, title: text.scoreTitle, message: text.score });
              b.validations.push({ cell: toA1(row, f.weight!), min: 0, max: { value: max }, title: text.weightTitle, message: text.weight(max) });
              return row;
            }),
        })),
      };
    }),
  );
  const { total, grade } = totals(b, f, table.level1Cells, pack.grades.project, { weight: a(6), score: a(7) });

  const widthChars = columns.reduce((s, w) => s + w, 0);
  for (const note of projectNotes(pack)) {
    const row = b.row(wrappedHeight(note, widthChars, TEMPLATE_STYLES.note.font.size));
    b.merge(row, 0, row, L, { value: note, style: 'note' });
  }

  return described('project', pack, title, columns, b, {
    headerRow,
    columns: { level1: 0, level2: 1, level3: 2, target: 3, actual: 4, weight: f.weight!, score: f.score, explanation: 7 },
    indicatorRows: table.indicatorRows,
    subtotals: table.subtotals,
    total,
    grade,
    funds: { row: fr, initialBudget: a(2), budget: a(3), executed: a(4), rate: a(5), weight: a(6), score: a(7) },
  });
}

function buildDepartment(pack: RulePack, opts: TemplateOptions): TemplateDescription {
  const text = VALIDATION_TEXT[opts.locale ?? 'zh-CN'];
  // 二级 and 三级 wide enough for 预算执行（20分） and 绩效目标合理性（2分） on one line: narrower, the
  // closing ） wrapped onto a line of its own in LibreOffice.
  const columns = [10, 16, 22, 9, 36, 44];
  const b = new Builder(columns.length);
  const L = columns.length - 1;
  const title = '部门整体支出绩效自评表';
  heading(b, title, opts.year);
  const r = b.row(24);
  b.merge(r, 0, r, 1, { value: '部门（单位）名称', style: 'label' });
  b.merge(r, 2, r, L, { value: '', style: 'text' });

  const headerRow = b.row(30);
  DEPARTMENT_HEADERS.forEach((h, i) => b.set(headerRow, i, { value: h, style: 'header' }));
  const f: Figures = { weight: null, score: 3 };
  const table = levels(
    b,
    f,
    DEPARTMENT_FRAMEWORK.map((l1) => ({
      label: `${l1.name}（${l1.weight}分）`,
      path: [l1.name],
      groups: l1.groups.map((g) => ({
        label: `${g.name}（${g.weight}分）`,
        path: [l1.name, g.name],
        addRows: () => {
          const rows = g.indicators.map((ind) => {
            const row = b.row(Math.max(wrappedHeight(ind.explanation, columns[4], 10.5), ind.note ? wrappedHeight(ind.note, columns[5], 10.5) : 0, 30));
            const path = [l1.name, g.name, ind.name];
            b.set(row, 2, { value: `${ind.name}（${ind.weight}分）`, style: 'level', role: 'indicator-name', path });
            b.set(row, f.score, { value: '', style: 'input', role: 'indicator-score', path });
            b.set(row, 4, { value: ind.explanation, style: 'text' });
            b.validations.push({ cell: toA1(row, f.score), min: 0, max: { value: ind.weight }, title: text.scoreTitle, message: text.score });
            return row;
          });
          // 指标说明: a note followed by indicators without one (null) is merged down over them, as seed 004 prints it.
          g.indicators.forEach((ind, i) => {
            if (ind.note === null) return;
            let last = i;
            while (last + 1 < g.indicators.length && g.indicators[last + 1].note === null) last++;
            b.merge(rows[i], L, rows[last], L, { value: ind.note, style: 'text' });
          });
          return rows;
        },
      })),
    })),
  );
  const { total, grade } = totals(b, f, table.level1Cells, pack.grades.department);

  return described('department', pack, title, columns, b, {
    headerRow,
    columns: { level1: 0, level2: 1, level3: 2, score: f.score, criteria: 4, rubric: 5 },
    indicatorRows: table.indicatorRows,
    subtotals: table.subtotals,
    total,
    grade,
    funds: null,
  });
}

function printSetup(headerRow: number, lastRow: number, lastCol: number): TemplatePrint {
  return {
    paperSize: 'A4',
    orientation: 'portrait',
    fitToWidth: 1,
    fitToHeight: 0,
    titleRows: { top: headerRow, bottom: headerRow },
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    centerHorizontally: true,
    area: { top: 0, left: 0, bottom: lastRow, right: lastCol },
  };
}

/** The template for `options`, following the rule pack's weights, execution cap and grade bands. */
export function buildTemplate(options: TemplateOptions): TemplateDescription {
  const pack = getPack(options.rules ?? DEFAULT_PACK);
  if (options.kind === 'project') return buildProject(pack, options);
  if (options.kind === 'department') return buildDepartment(pack, options);
  throw new RangeError(`未知的模板类型：${String((options as { kind: unknown }).kind)}（可用：project、department）`);
}
