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

function buildProject(pack: RulePack, opts: TemplateOptions): TemplateDescription {
  const n = checkRows(opts.rows ?? DEFAULT_TEMPLATE_ROWS);
  const placeholders = opts.placeholderWeights ?? true;
  const text = VALIDATION_TEXT[opts.locale ?? 'zh-CN'];
  const columns = [11, 13, 24, 16, 14, 10, 10, 24];
  const b = new Builder(columns.length);
  const L = columns.length - 1;
  const title = '项目支出绩效自评表';

  let r = b.row(32);
  b.merge(r, 0, r, L, { value: title, style: 'title' });
  r = b.row(20);
  b.merge(r, 0, r, L, { value: subtitle(opts.year), style: 'subtitle' });

  r = b.row(24);
  b.set(r, 0, { value: '项目名称', style: 'label' });
  b.merge(r, 1, r, L, { value: '', style: 'text' });
  r = b.row(24);
  b.set(r, 0, { value: '主管部门', style: 'label' });
  b.merge(r, 1, r, 3, { value: '', style: 'text' });
  b.set(r, 4, { value: '实施单位', style: 'label' });
  b.merge(r, 5, r, L, { value: '', style: 'text' });

  // Funds block: 项目资金（万元） merged down the header and the four fund rows.
  const fundsHeader = b.row(36);
  for (let i = 0; i < 4; i++) b.row(22);
  b.merge(fundsHeader, 0, fundsHeader + 4, 0, { value: '项目资金（万元）', style: 'label' });
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

  // Indicator table
  const headerRow = b.row(36);
  PROJECT_HEADERS.forEach((h, i) => b.set(headerRow, i, { value: h, style: 'header' }));
  const [W, S] = [5, 6];
  const indicatorRows: number[] = [];
  const subtotals: TemplateLayout['subtotals'] = [];
  const level1Cells: { weight: string; score: string }[] = [];

  for (const { level1, level2 } of PROJECT_LEVELS) {
    const l1Weight = pack.project.level1Weights[level1] ?? '0';
    const shares = placeholders ? splitEvenly(l1Weight, level2.length * n) : [];
    // Level-1 row: its 二级/三级 cells stay blank; weight and score sum the level-2 rows.
    const l1Row = b.row(22);
    b.merge(l1Row, 1, l1Row, 4, { value: '', style: 'computed' });
    b.set(l1Row, 7, { value: '', style: 'computed' });
    const groupCells: { weight: string; score: string }[] = [];
    level2.forEach((name2, gi) => {
      // Level-2 row: the 二级 label is merged down over it and its blank rows; 三级 stays blank.
      const l2Row = b.row(22);
      b.merge(l2Row, 2, l2Row, 4, { value: '', style: 'computed' });
      b.set(l2Row, 7, { value: '', style: 'computed' });
      for (let k = 0; k < n; k++) {
        const row = b.row(30);
        indicatorRows.push(row);
        const path = [level1, name2, String(k + 1)];
        const share = shares[gi * n + k];
        b.set(row, 2, { value: '', style: 'text', role: 'indicator-name', path });
        b.set(row, 3, { value: '', style: 'input', role: 'indicator-target', path });
        b.set(row, 4, { value: '', style: 'input', role: 'indicator-actual', path });
        b.set(row, W, { value: share ? Number(str(share)) : '', style: 'input', role: 'indicator-weight', path });
        b.set(row, S, { value: '', style: 'input', role: 'indicator-score', path });
        b.set(row, 7, { value: '', style: 'text', role: 'indicator-explanation', path });
        const max = Number(pack.project.totalWeight);
        b.validations.push({ cell: toA1(row, S), min: 0, max: { ref: toA1(row, W) }, title: text.scoreTitle, message: text.score });
        b.validations.push({ cell: toA1(row, W), min: 0, max: { value: max }, title: text.weightTitle, message: text.weight(max) });
      }
      const last = b.rows.length - 1;
      const wRange = `${toA1(l2Row + 1, W)}:${toA1(last, W)}`;
      const sRange = `${toA1(l2Row + 1, S)}:${toA1(last, S)}`;
      const path = [level1, name2];
      const wc = b.set(l2Row, W, { calc: { fn: 'sum', refs: [wRange], blankIfEmpty: false }, style: 'computed', role: 'level-weight', path });
      const sc = b.set(l2Row, S, { calc: { fn: 'sum', refs: [sRange], blankIfEmpty: true }, style: 'computed', role: 'level-score', path });
      b.merge(l2Row, 1, last, 1, { value: name2, style: 'level' });
      subtotals.push({ path, row: l2Row, weightCell: wc, scoreCell: sc });
      groupCells.push({ weight: wc, score: sc });
    });
    const wc = b.set(l1Row, W, { calc: { fn: 'sum', refs: groupCells.map((g) => g.weight), blankIfEmpty: false }, style: 'computed', role: 'level-weight', path: [level1] });
    const sc = b.set(l1Row, S, { calc: { fn: 'sum', refs: groupCells.map((g) => g.score), blankIfEmpty: true }, style: 'computed', role: 'level-score', path: [level1] });
    b.merge(l1Row, 0, b.rows.length - 1, 0, { value: level1, style: 'level' });
    subtotals.push({ path: [level1], row: l1Row, weightCell: wc, scoreCell: sc });
    level1Cells.push({ weight: wc, score: sc });
  }

  const totalRow = b.row(24);
  b.merge(totalRow, 0, totalRow, 4, { value: '总分', style: 'label' });
  const totalWeight = b.set(totalRow, W, {
    calc: { fn: 'sum', refs: [...level1Cells.map((c) => c.weight), a(6)], blankIfEmpty: false },
    style: 'computed',
    role: 'total-weight',
  });
  const totalScore = b.set(totalRow, S, {
    calc: { fn: 'sum', refs: [...level1Cells.map((c) => c.score), a(7)], blankIfEmpty: true },
    style: 'computed',
    role: 'total-score',
  });
  b.set(totalRow, 7, { value: '', style: 'computed' });
  const gradeRow = b.row(24);
  b.merge(gradeRow, 0, gradeRow, 5, { value: '自评等级', style: 'label' });
  const grade = b.set(gradeRow, S, { calc: gradeCalc(totalScore, pack.grades.project), style: 'computed', role: 'grade' });
  b.set(gradeRow, 7, { value: '', style: 'computed' });

  const widthChars = columns.reduce((s, w) => s + w, 0);
  for (const note of projectNotes(pack)) {
    const row = b.row(wrappedHeight(note, widthChars, TEMPLATE_STYLES.note.font.size));
    b.merge(row, 0, row, L, { value: note, style: 'note' });
  }

  return {
    kind: 'project',
    rules: pack.name,
    title,
    columns,
    rows: b.rows,
    merges: b.merges,
    validations: b.validations,
    print: printSetup(headerRow, b.rows.length - 1, L),
    layout: {
      headerRow,
      columns: { level1: 0, level2: 1, level3: 2, target: 3, actual: 4, weight: W, score: S, explanation: 7 },
      indicatorRows,
      subtotals,
      total: { row: totalRow, weightCell: totalWeight, scoreCell: totalScore },
      grade: { row: gradeRow, cell: grade },
      funds: { row: fr, initialBudget: a(2), budget: a(3), executed: a(4), rate: a(5), weight: a(6), score: a(7) },
    },
  };
}

function buildDepartment(pack: RulePack, opts: TemplateOptions): TemplateDescription {
  const text = VALIDATION_TEXT[opts.locale ?? 'zh-CN'];
  const columns = [10, 12, 16, 9, 36, 44];
  const b = new Builder(columns.length);
  const L = columns.length - 1;
  const title = '部门整体支出绩效自评表';
  const S = 3;

  let r = b.row(32);
  b.merge(r, 0, r, L, { value: title, style: 'title' });
  r = b.row(20);
  b.merge(r, 0, r, L, { value: subtitle(opts.year), style: 'subtitle' });
  r = b.row(24);
  b.merge(r, 0, r, 1, { value: '部门（单位）名称', style: 'label' });
  b.merge(r, 2, r, L, { value: '', style: 'text' });

  const headerRow = b.row(30);
  DEPARTMENT_HEADERS.forEach((h, i) => b.set(headerRow, i, { value: h, style: 'header' }));

  const indicatorRows: number[] = [];
  const subtotals: TemplateLayout['subtotals'] = [];
  const level1Scores: string[] = [];
  for (const l1 of DEPARTMENT_FRAMEWORK) {
    const l1Row = b.row(22);
    b.merge(l1Row, 1, l1Row, 2, { value: '', style: 'computed' });
    b.merge(l1Row, 4, l1Row, L, { value: '', style: 'computed' });
    const groupScores: string[] = [];
    for (const g of l1.groups) {
      const l2Row = b.row(22);
      b.set(l2Row, 2, { value: '', style: 'computed' });
      b.merge(l2Row, 4, l2Row, L, { value: '', style: 'computed' });
      const rowsOf: number[] = [];
      for (const ind of g.indicators) {
        const h = Math.max(
          wrappedHeight(ind.explanation, columns[4], 10.5),
          ind.note ? wrappedHeight(ind.note, columns[5], 10.5) : 0,
          30,
        );
        const row = b.row(h);
        rowsOf.push(row);
        indicatorRows.push(row);
        const path = [l1.name, g.name, ind.name];
        b.set(row, 2, { value: `${ind.name}（${ind.weight}分）`, style: 'level', role: 'indicator-name', path });
        b.set(row, S, { value: '', style: 'input', role: 'indicator-score', path });
        b.set(row, 4, { value: ind.explanation, style: 'text' });
        b.validations.push({ cell: toA1(row, S), min: 0, max: { value: ind.weight }, title: text.scoreTitle, message: text.score });
      }
      // 指标说明: a note followed by indicators without one (null) is merged down over them, as seed 004 prints it.
      g.indicators.forEach((ind, i) => {
        if (ind.note === null) return;
        let last = i;
        while (last + 1 < g.indicators.length && g.indicators[last + 1].note === null) last++;
        b.merge(rowsOf[i], L, rowsOf[last], L, { value: ind.note, style: 'text' });
      });
      const last = rowsOf[rowsOf.length - 1];
      const path = [l1.name, g.name];
      const sc = b.set(l2Row, S, {
        calc: { fn: 'sum', refs: [`${toA1(l2Row + 1, S)}:${toA1(last, S)}`], blankIfEmpty: true },
        style: 'computed',
        role: 'level-score',
        path,
      });
      b.merge(l2Row, 1, last, 1, { value: `${g.name}（${g.weight}分）`, style: 'level' });
      subtotals.push({ path, row: l2Row, weightCell: null, scoreCell: sc });
      groupScores.push(sc);
    }
    const sc = b.set(l1Row, S, { calc: { fn: 'sum', refs: groupScores, blankIfEmpty: true }, style: 'computed', role: 'level-score', path: [l1.name] });
    b.merge(l1Row, 0, b.rows.length - 1, 0, { value: `${l1.name}（${l1.weight}分）`, style: 'level' });
    subtotals.push({ path: [l1.name], row: l1Row, weightCell: null, scoreCell: sc });
    level1Scores.push(sc);
  }

  const totalRow = b.row(24);
  b.merge(totalRow, 0, totalRow, 2, { value: '总分', style: 'label' });
  const totalScore = b.set(totalRow, S, { calc: { fn: 'sum', refs: level1Scores, blankIfEmpty: true }, style: 'computed', role: 'total-score' });
  b.merge(totalRow, 4, totalRow, L, { value: '', style: 'computed' });
  const gradeRow = b.row(24);
  b.merge(gradeRow, 0, gradeRow, 2, { value: '自评等级', style: 'label' });
  const grade = b.set(gradeRow, S, { calc: gradeCalc(totalScore, pack.grades.department), style: 'computed', role: 'grade' });
  b.merge(gradeRow, 4, gradeRow, L, { value: '', style: 'computed' });

  return {
    kind: 'department',
    rules: pack.name,
    title,
    columns,
    rows: b.rows,
    merges: b.merges,
    validations: b.validations,
    print: printSetup(headerRow, b.rows.length - 1, L),
    layout: {
      headerRow,
      columns: { level1: 0, level2: 1, level3: 2, score: S, criteria: 4, rubric: 5 },
      indicatorRows,
      subtotals,
      total: { row: totalRow, weightCell: null, scoreCell: totalScore },
      grade: { row: gradeRow, cell: grade },
      funds: null,
    },
  };
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
