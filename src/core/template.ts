/**
 * Blank 绩效自评表 templates as ONE pure data description: rows of cells (constants, live formulas,
 * styles, number formats), merges, data validation, column widths, row heights and print setup,
 * generated from a rule pack and a few options. The Excel adapter (src/excel/template.ts), the
 * command line (src/cli/template-xlsx.ts) and the tests all render this same description.
 *
 * Formulas are kept as small structured `Calc` values: `formulaOf` prints the Excel text and
 * `evaluateTemplate` computes the same result with decimal arithmetic, so hosts that cannot
 * calculate (ExcelJS, tests) still carry correct cached values, and a template filled with a form's
 * figures can be checked without Excel.
 *
 * Layout (project, RULES.md §1 and seed 002): title; 项目名称 / 主管部门 / 实施单位; the funds block
 * (项目资金（万元） over 年初预算数（万元）… 得分, rows 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 /
 * 其他资金); 年度总体目标 (预期目标 / 实际完成情况); the indicator table. Each level opens with a
 * level row holding its subtotals (weight and score as SUM formulas, blank 二级/三级 cells, so the
 * recogniser reads it as the level's subtotal row); the level-1 label is merged down its whole block,
 * the level-2 label down its level row and its blank rows. Then 总分, 自评等级 and the official notes
 * (注：1–3, numbers from the pack).
 * Department (seed 004): 一级/二级/三级指标 with the weight in the label, 自评分, 指标解释, 指标说明,
 * the same level rows (score subtotals only), 总分 and 自评等级.
 */
import { D, type Dec, roundTo, str } from './decimal.js';
import { formatNumber } from './numfmt.js';
import { DEFAULT_PACK, getPack, type GradeScheme, type RulePack, type RulePackName } from './rules/packs.js';
import {
  parseA1,
  parseRangeA1,
  rangeToA1,
  toA1,
  type CellRange,
  type CellValue,
  type SheetSnapshot,
} from './snapshot.js';

export type TemplateKind = 'project' | 'department';

export interface TemplateOptions {
  kind: TemplateKind;
  /** Rule pack whose weights, execution cap and grade bands the template follows (default national). */
  rules?: RulePackName;
  /** Project: blank indicator rows per level-2 group (default 2, 1–50). */
  rows?: number;
  /** Subtitle “（2024年度）”; without it the year is left blank to fill in by hand. */
  year?: number | null;
  /**
   * Project: give the blank rows a placeholder weight, the pack's level-1 weights split evenly over
   * each level-1's rows, so the blank form already adds up to 100 (default true).
   */
  placeholderWeights?: boolean;
  /** Language of the data-validation messages (the form itself is always Chinese). */
  locale?: 'zh-CN' | 'en-US';
}

export const DEFAULT_TEMPLATE_ROWS = 2;
export const MAX_TEMPLATE_ROWS = 50;
/** Base name of inserted sheets: 自评表, 自评表 (2), … */
export const TEMPLATE_SHEET_BASE = '自评表';

// ---------------------------------------------------------------------------------------------
// Styles

export type TemplateStyleName =
  | 'title'
  | 'subtitle'
  | 'label'
  | 'header'
  | 'text'
  | 'level'
  | 'input'
  | 'computed'
  | 'note';

export interface TemplateStyle {
  font: { name: string; size: number; bold: boolean };
  horizontal: 'left' | 'center' | 'right';
  vertical: 'top' | 'center';
  wrap: boolean;
  /** Thin border on every edge of every cell. */
  border: boolean;
  /** Background as RRGGBB, or null. Computed cells are shaded so nobody types over a formula. */
  fill: string | null;
}

const FONT = '宋体';

export const TEMPLATE_STYLES: Record<TemplateStyleName, TemplateStyle> = {
  title: { font: { name: FONT, size: 16, bold: true }, horizontal: 'center', vertical: 'center', wrap: false, border: false, fill: null },
  subtitle: { font: { name: FONT, size: 11, bold: false }, horizontal: 'center', vertical: 'center', wrap: false, border: false, fill: null },
  label: { font: { name: FONT, size: 10.5, bold: true }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  header: { font: { name: FONT, size: 10.5, bold: true }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  text: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'left', vertical: 'center', wrap: true, border: true, fill: null },
  level: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  input: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: null },
  computed: { font: { name: FONT, size: 10.5, bold: false }, horizontal: 'center', vertical: 'center', wrap: true, border: true, fill: 'F2F2F2' },
  note: { font: { name: FONT, size: 9, bold: false }, horizontal: 'left', vertical: 'top', wrap: true, border: false, fill: null },
};

// ---------------------------------------------------------------------------------------------
// Formulas

/**
 * A live formula as data. `formulaOf` prints it for Excel; `evaluateCalc` computes it.
 * - sum: ROUND(SUM(refs),2); with blankIfEmpty, "" while none of refs holds a number.
 * - rate: executed / budget rounded to 4 places (0.01 %), "" when it cannot be computed.
 * - execution-score: ROUND(MIN(executed / budget, cap) × weight, 2), "" when it cannot be computed.
 * - grade: the band whose lower bound (inclusive) the total reaches, "" while the total is blank.
 */
export type Calc =
  | { fn: 'sum'; refs: string[]; blankIfEmpty: boolean }
  | { fn: 'rate'; executed: string; budget: string }
  | { fn: 'execution-score'; executed: string; budget: string; weight: string; cap: string }
  | { fn: 'grade'; total: string; bands: { name: string; min: string }[] };

export function formulaOf(calc: Calc): string {
  switch (calc.fn) {
    case 'sum': {
      const refs = calc.refs.join(',');
      const sum = `ROUND(SUM(${refs}),2)`;
      return calc.blankIfEmpty ? `=IF(COUNT(${refs})=0,"",${sum})` : `=${sum}`;
    }
    case 'rate':
      return `=IFERROR(ROUND(${calc.executed}/${calc.budget},4),"")`;
    case 'execution-score':
      return `=IFERROR(ROUND(MIN(${calc.executed}/${calc.budget},${calc.cap})*${calc.weight},2),"")`;
    case 'grade': {
      // Highest band first; the last band is what is left.
      const bands = calc.bands;
      let expr = `"${bands[bands.length - 1].name}"`;
      for (let i = bands.length - 2; i >= 0; i--) {
        expr = `IF(${calc.total}>=${bands[i].min},"${bands[i].name}",${expr})`;
      }
      return `=IF(${calc.total}="","",${expr})`;
    }
  }
}

/** Every cell a formula reads (ranges expanded). */
export function calcInputs(calc: Calc): string[] {
  const refs =
    calc.fn === 'sum'
      ? calc.refs
      : calc.fn === 'rate'
        ? [calc.executed, calc.budget]
        : calc.fn === 'execution-score'
          ? [calc.executed, calc.budget, calc.weight]
          : [calc.total];
  const out: string[] = [];
  for (const ref of refs) {
    const r = parseRangeA1(ref);
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(toA1(row, col));
  }
  return out;
}

class FormulaError extends Error {}

function asNumber(v: CellValue): Dec | null {
  return typeof v === 'number' && Number.isFinite(v) ? new D(v) : null;
}

/** Excel's arithmetic on a cell: blank is 0, a number is itself, text is #VALUE!. */
function arith(v: CellValue): Dec {
  if (v === null || v === '') return new D(0);
  if (typeof v === 'number') return new D(v);
  if (typeof v === 'boolean') return new D(v ? 1 : 0);
  throw new FormulaError('#VALUE!');
}

function toCell(x: Dec): number {
  return Number(str(x));
}

/** The value Excel gives `calc` when `get` returns each input cell's value. */
export function evaluateCalc(calc: Calc, get: (a1: string) => CellValue): CellValue {
  switch (calc.fn) {
    case 'sum': {
      const nums = calcInputs(calc)
        .map((a) => asNumber(get(a)))
        .filter((x): x is Dec => x !== null);
      if (calc.blankIfEmpty && nums.length === 0) return '';
      return toCell(roundTo(nums.reduce((s, x) => s.plus(x), new D(0)), 2));
    }
    case 'rate':
    case 'execution-score': {
      try {
        const budget = arith(get(calc.budget));
        const executed = arith(get(calc.executed));
        if (budget.isZero()) return '';
        const rate = executed.div(budget);
        if (calc.fn === 'rate') return toCell(roundTo(rate, 4));
        const weight = arith(get(calc.weight));
        const capped = rate.gt(calc.cap) ? new D(calc.cap) : rate;
        return toCell(roundTo(capped.mul(weight), 2));
      } catch (e) {
        if (e instanceof FormulaError) return '';
        throw e;
      }
    }
    case 'grade': {
      const t = get(calc.total);
      if (t === null || t === '') return '';
      const total = asNumber(t);
      if (!total) return calc.bands[0].name; // Excel ranks text above every number
      for (const b of calc.bands) if (total.gte(b.min)) return b.name;
      return calc.bands[calc.bands.length - 1].name;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The description

/** What a cell is for; lets tests, hosts and fillers find cells without counting rows. */
export type TemplateCellRole =
  | 'budget-initial'
  | 'budget'
  | 'executed'
  | 'execution-rate'
  | 'execution-weight'
  | 'execution-score'
  | 'indicator-name'
  | 'indicator-target'
  | 'indicator-actual'
  | 'indicator-weight'
  | 'indicator-score'
  | 'indicator-explanation'
  | 'level-weight'
  | 'level-score'
  | 'total-weight'
  | 'total-score'
  | 'grade';

export interface TemplateCell {
  /** Constant content; absent for formula cells and for cells covered by a merge. */
  value?: string | number;
  /** Live formula; `formulaOf(calc)` is its Excel text. */
  calc?: Calc;
  style: TemplateStyleName;
  /** Excel number format; "General" when absent. */
  numberFormat?: string;
  role?: TemplateCellRole;
  /** Indicator path for indicator and level cells (一级, 二级[, row number for blank rows]). */
  path?: string[];
}

export interface TemplateRow {
  /** Row height in points. */
  height: number;
  /** One entry per column; null where the sheet stays untouched (outside the form's frame). */
  cells: (TemplateCell | null)[];
}

export interface TemplateValidation {
  /** A1 address of the one cell the rule applies to. */
  cell: string;
  /** Decimal between min and max; max is a number or the A1 address of the row's weight cell. */
  min: number;
  max: { value: number } | { ref: string };
  title: string;
  message: string;
}

export interface TemplatePrint {
  paperSize: 'A4';
  orientation: 'portrait';
  /** Fit all columns on one page; rows flow onto as many pages as needed. */
  fitToWidth: 1;
  fitToHeight: 0;
  /** 0-based rows repeated at the top of every printed page (the table header). */
  titleRows: { top: number; bottom: number };
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally: boolean;
  /** The whole form. */
  area: CellRange;
}

export interface TemplateLayout {
  /** 0-based row of the indicator table's header. */
  headerRow: number;
  /** 0-based column of each table column by role. */
  columns: Partial<Record<'level1' | 'level2' | 'level3' | 'target' | 'actual' | 'weight' | 'score' | 'explanation' | 'criteria' | 'rubric', number>>;
  /** 0-based rows of the level-3 indicator rows, in order. */
  indicatorRows: number[];
  /** Subtotal rows: path of the level they sum, their weight and score cells. */
  subtotals: { path: string[]; row: number; weightCell: string | null; scoreCell: string }[];
  total: { row: number; weightCell: string | null; scoreCell: string };
  grade: { row: number; cell: string };
  funds: { row: number; initialBudget: string; budget: string; executed: string; rate: string; weight: string; score: string } | null;
}

export interface TemplateDescription {
  kind: TemplateKind;
  rules: RulePackName;
  title: string;
  /** Column widths in Excel character units (see `columnWidthPoints` for Office.js). */
  columns: number[];
  rows: TemplateRow[];
  merges: CellRange[];
  validations: TemplateValidation[];
  print: TemplatePrint;
  layout: TemplateLayout;
}

/** Office.js sets column widths in points: Excel's width w characters is w·7 + 5 pixels, 0.75 pt each. */
export function columnWidthPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** 自评表, 自评表 (2), 自评表 (3) … — the first name no existing sheet has (Excel ignores case). */
export function uniqueSheetName(existing: Iterable<string>, base: string = TEMPLATE_SHEET_BASE): string {
  const taken = new Set([...existing].map((n) => n.toLocaleLowerCase()));
  if (!taken.has(base.toLocaleLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!taken.has(name.toLocaleLowerCase())) return name;
  }
}

/**
 * `total` split into `parts` amounts that add up exactly: equal shares when they are exact at two
 * decimals, else whole half points (0.01 when there are more parts than half points), the larger
 * shares first.
 */
export function splitEvenly(total: Dec | string | number, parts: number): Dec[] {
  const t = new D(total);
  if (parts <= 0) return [];
  const share = t.div(parts);
  if (share.decimalPlaces() <= 2) return Array.from({ length: parts }, () => share);
  const unit = t.div('0.5').gte(parts) ? new D('0.5') : new D('0.01');
  const units = t.div(unit).floor().toNumber();
  const q = Math.floor(units / parts);
  const r = units - q * parts;
  const out: Dec[] = [];
  for (let i = 0; i < parts; i++) out.push(unit.mul(i < r ? q + 1 : q));
  // A total that is not a whole number of units keeps its remainder on the first share.
  const rest = t.minus(unit.mul(units));
  if (!rest.isZero()) out[0] = out[0].plus(rest);
  return out;
}

/** Project level-2 groups under each level-1, in the order of the national form. */
export const PROJECT_LEVELS: { level1: string; level2: string[] }[] = [
  { level1: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
  { level1: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
  { level1: '满意度指标', level2: ['服务对象满意度指标'] },
];

export interface DepartmentIndicator {
  name: string;
  weight: number;
  /** 指标解释 */
  explanation: string;
  /** 指标说明: the formula or the points to check. Null: the cell above is merged down over it. */
  note: string | null;
}

/**
 * 部门整体支出绩效评价共性指标框架 (财预〔2013〕53号, as printed in seed 004): level-1 and level-2
 * weights, level-3 weights, explanations and formula texts. Weights add to 100.
 */
export const DEPARTMENT_FRAMEWORK: { name: string; weight: number; groups: { name: string; weight: number; indicators: DepartmentIndicator[] }[] }[] = [
  {
    name: '投入',
    weight: 20,
    groups: [
      {
        name: '目标设定',
        weight: 5,
        indicators: [
          {
            name: '绩效目标合理性',
            weight: 2,
            explanation: '部门所设立的整体绩效目标依据是否充分，是否符合客观实际，用以反映和考核部门整体绩效目标与部门履职、年度工作任务的相符性情况。',
            note: '评价要点：\n①是否符合国家法律法规、国民经济和社会发展总体规划；\n②是否符合部门“三定”方案确定的职责；\n③是否符合部门制定的中长期实施规划。',
          },
          {
            name: '绩效指标明确性',
            weight: 3,
            explanation: '部门依据整体绩效目标所设定的绩效指标是否清晰、细化、可衡量，用以反映和考核部门整体绩效目标的明细化情况。',
            note: '评价要点：\n①是否将部门整体的绩效目标细化分解为具体的工作任务；\n②是否通过清晰、可衡量的指标值予以体现；\n③是否与部门年度的任务数或计划数相对应；\n④是否与本年度部门预算资金相匹配。',
          },
        ],
      },
      {
        name: '预算配置',
        weight: 15,
        indicators: [
          {
            name: '在职人员控制率',
            weight: 5,
            explanation: '部门本年度实际在职人员数与编制数的比率，用以反映和考核部门对人员成本的控制程度。',
            note: '在职人员控制率=（在职人员数/编制数）×100%。\n在职人员数：部门实际在职人数，以财政部确定的部门决算编制口径为准。\n编制数：机构编制部门核定批复的部门的人员编制数。',
          },
          {
            name: '“三公经费”变动率',
            weight: 5,
            explanation: '部门本年度“三公经费”预算数与上年度“三公经费”预算数的变动比率，用以反映和考核部门对控制重点行政成本的努力程度。',
            note: '“三公经费”变动率=[（本年度“三公经费”总额-上年度“三公经费”总额）/上年度“三公经费”总额]×100%。\n“三公经费”：年度预算安排的因公出国（境）费、公务车辆购置及运行费和公务招待费。',
          },
          {
            name: '重点支出安排率',
            weight: 5,
            explanation: '部门本年度预算安排的重点预算支出与部门预算总支出的比率，用以反映和考核部门对履行主要职责或完成重点任务的保障程度。',
            note: '重点支出安排率=（重点预算支出/预算总支出）×100%。\n重点预算支出：部门年度预算安排的，与本部门履职和发展密切相关、具有明显社会和经济影响、党委政府关心或社会比较关注的预算支出总额。\n预算总支出：部门年度预算安排的预算支出总额。',
          },
        ],
      },
    ],
  },
  {
    name: '过程',
    weight: 30,
    groups: [
      {
        name: '预算执行',
        weight: 20,
        indicators: [
          {
            name: '预算执行率',
            weight: 4,
            explanation: '部门本年度预算完成数与预算数的比率，用以反映和考核部门预算完成程度。',
            note: '预算执行率=（预算执行数/预算数）×100%。\n预算执行数：部门本年度实际完成的预算数。\n预算数：财政部门批复的本年度部门预算数。',
          },
          {
            name: '预算调整率',
            weight: 2,
            explanation: '部门本年度预算调整数与预算数的比率，用以反映和考核部门预算的调整程度。',
            note: '预算调整率=（预算调整数/预算数）×100%。\n预算调整数：部门在本年度内涉及预算的追加、追减或结构调整的资金总和（因落实国家政策、发生不可抗力、上级部门或本级党委政府临时交办而产生的调整除外）。',
          },
          {
            name: '支付进度率',
            weight: 2,
            explanation: '部门实际支付进度与既定支付进度的比率，用以反映和考核部门预算执行的及时性和均衡性程度。',
            note: '支付进度率=（实际支付进度/既定支付进度）×100%。\n实际支付进度：部门在某一时点的支出预算执行总数与年度支出预算数的比率。\n既定支付进度：由部门在申报部门整体绩效目标时，参照序时支付进度、前三年支付进度、本级部门平均支付进度水平等确定的，在某一时点应达到的支付进度（比率）。',
          },
          {
            name: '结转结余率',
            weight: 2,
            explanation: '部门本年度结转结余总额与支出预算数的比率，用以反映和考核部门对本年度结转结余资金的实际控制程度。',
            note: '结转结余率=结转结余总额/支出预算数×100%。\n结转结余总额：部门本年度的结转资金与结余资金之和（以决算数为准）。',
          },
          {
            name: '结转结余变动率',
            weight: 2,
            explanation: '部门本年度结转结余资金总额与上年度结转结余资金总额的变动比率，用以反映和考核部门对控制结转结余资金的努力程度。',
            note: '结转结余变动率=[（本年度累计结转结余资金总额-上年度累计结转结余资金总额）/上年度累计结转结余资金总额]×100%。',
          },
          {
            name: '公用经费控制率',
            weight: 2,
            explanation: '部门本年度实际支出的公用经费总额与预算安排的公用经费总额的比率，用以反映和考核部门对机构运转成本的实际控制程度。',
            note: '公用经费控制率=（实际支出公用经费总额/预算安排公用经费总额）×100%。',
          },
          {
            name: '“三公经费”控制率',
            weight: 2,
            explanation: '部门本年度“三公经费”实际支出数与预算安排数的比率，用以反映和考核部门对“三公经费”的实际控制程度。',
            note: '“三公经费”控制率=（“三公经费”实际支出数/“三公经费”预算安排数）×100%。',
          },
          {
            name: '政府采购执行率',
            weight: 4,
            explanation: '部门本年度实际政府采购金额与年初政府采购预算的比率，用以反映和考核部门政府采购预算执行情况。',
            note: '政府采购执行率=（实际政府采购金额/政府采购预算数）×100%。\n政府采购预算：采购机关根据事业发展计划和行政任务编制的、并经过规定程序批准的年度政府采购计划。',
          },
        ],
      },
      {
        name: '预算管理',
        weight: 5,
        indicators: [
          {
            name: '管理制度健全性',
            weight: 2,
            explanation: '部门为加强预算管理、规范财务行为而制定的管理制度是否健全完整，用以反映和考核部门预算管理制度对完成主要职责或促进事业发展的保障情况。',
            note: '评价要点：\n①是否已制定或具有预算资金管理办法、内部财务管理制度、会计核算制度等管理制度；\n②相关管理制度是否合法、合规、完整；\n③相关管理制度是否得到有效执行。',
          },
          {
            name: '资金使用合规性',
            weight: 1,
            explanation: '部门使用预算资金是否符合相关的预算财务管理制度的规定，用以反映和考核部门预算资金的规范运行情况。',
            note: '评价要点：\n①是否符合国家财经法规和财务管理制度规定以及有关预算支出管理办法的规定；\n②资金的拨付是否有完整的审批程序和手续；\n③预算支出的重大开支是否经过评估论证；\n④是否符合部门预算批复的用途；\n⑤是否存在截留、挤占、挪用、虚列支出等情况。',
          },
          {
            name: '预决算信息公开性',
            weight: 1,
            explanation: '部门是否按照政府信息公开有关规定公开相关预决算信息，用以反映和考核部门预决算管理的公开透明情况。',
            note: '评价要点：\n①是否按规定内容公开预决算信息；\n②是否按规定时限公开预决算信息。\n预决算信息是指与部门预算、执行、决算、监督、绩效等管理相关的信息。',
          },
          {
            name: '基础信息完善性',
            weight: 1,
            explanation: '部门基础信息是否完善，用以反映和考核基础信息对预算管理工作的支撑情况。',
            note: '评价要点：\n①基础数据信息和会计信息资料是否真实；\n②基础数据信息和会计信息资料是否完整；\n③基础数据信息和会计信息资料是否准确。',
          },
        ],
      },
      {
        name: '资产管理',
        weight: 5,
        indicators: [
          {
            name: '管理制度健全性',
            weight: 2,
            explanation: '部门为加强资产管理、规范资产管理行为而制定的管理制度是否健全完整，用以反映和考核部门资产管理制度对完成主要职责或促进社会发展的保障情况。',
            note: '评价要点：\n①是否已制定或具有资产管理制度；\n②相关资产管理制度是否合法、合规、完整；\n③相关资产管理制度是否得到有效执行。',
          },
          {
            name: '资产管理安全性',
            weight: 2,
            explanation: '部门的资产是否保存完整、使用合规、配置合理、处置规范、收入及时足额上缴，用以反映和考核部门资产安全运行情况。',
            note: '评价要点：\n①资产保存是否完整；\n②资产配置是否合理；\n③资产处置是否规范；\n④资产账务管理是否合规，是否账实相符；\n⑤资产是否有偿使用及处置收入及时足额上缴。',
          },
          {
            name: '固定资产利用率',
            weight: 1,
            explanation: '部门实际在用固定资产总额与所有固定资产总额的比率，用以反映和考核部门固定资产使用效率程度。',
            note: '固定资产利用率=（实际在用固定资产总额/所有固定资产总额）×100%。',
          },
        ],
      },
    ],
  },
  {
    name: '产出',
    weight: 30,
    groups: [
      {
        name: '职责履行',
        weight: 30,
        indicators: [
          {
            name: '实际完成率',
            weight: 8,
            explanation: '部门履行职责而实际完成工作数与计划工作数的比率，用以反映和考核部门履职工作任务目标的实现程度。',
            note: '实际完成率=（实际完成工作数/计划工作数）×100%。\n实际完成工作数：一定时期（年度或规划期）内部门实际完成工作任务的数量。\n计划工作数：部门整体绩效目标确定的一定时期（年度或规划期）内预计完成工作任务的数量。',
          },
          {
            name: '完成及时率',
            weight: 4,
            explanation: '部门在规定时限内及时完成的实际工作数与计划工作数的比率，用以反映和考核部门履职时效目标的实现程度。',
            note: '完成及时率=（及时完成实际工作数/计划工作数）×100%。\n及时完成实际工作数：部门按照整体绩效目标确定的时限实际完成的工作任务数量。',
          },
          {
            name: '质量达标率',
            weight: 8,
            explanation: '达到质量标准（绩效标准值）的实际工作数与计划工作数的比率，用以反映和考核部门履职质量目标的实现程度。',
            note: '质量达标率=（质量达标实际工作数/计划工作数）×100%。\n质量达标实际工作数：一定时期（年度或规划期）内部门实际完成工作数中达到部门绩效目标要求（绩效标准值）的工作任务数量。',
          },
          {
            name: '重点工作办结率',
            weight: 10,
            explanation: '部门年度重点工作实际完成数与交办或下达数的比率，用以反映部门对重点工作的办理落实程度。',
            note: '重点工作办结率=（重点工作实际完成数/交办或下达数）×100%。\n重点工作是指党委、政府、人大、相关部门交办或下达的工作任务。',
          },
        ],
      },
    ],
  },
  {
    name: '效果',
    weight: 20,
    groups: [
      {
        name: '履职效益',
        weight: 20,
        indicators: [
          {
            name: '经济效益',
            weight: 5,
            explanation: '部门履行职责对经济发展所带来的直接或间接影响。',
            note: '此三项指标为设置部门整体支出绩效评价指标时必须考虑的共性要素，可根据部门实际并结合部门整体支出绩效目标设立情况有选择的进行设置，并将其细化为相应的个性化指标。',
          },
          { name: '社会效益', weight: 5, explanation: '部门履行职责对社会发展所带来的直接或间接影响。', note: null },
          { name: '生态效益', weight: 5, explanation: '部门履行职责对生态环境所带来的直接或间接影响。', note: null },
          {
            name: '社会公众或服务对象满意度',
            weight: 5,
            explanation: '社会公众或部门的服务对象对部门履职效果的满意程度。',
            note: '社会公众或服务对象是指部门履行职责而影响到的部门、群体或个人。一般采取社会调查的方式。',
          },
        ],
      },
    ],
  },
];

/** Header texts exactly as RULES.md §1 spells them, so the recogniser finds them. */
export const PROJECT_HEADERS = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值（权重）', '指标得分', '偏差原因分析及改进措施'];
export const FUNDS_HEADERS = ['年初预算数（万元）', '全年预算数（万元）', '全年执行数（万元）', '执行率', '分值', '得分'];
export const FUNDS_ROWS = ['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金'];
export const DEPARTMENT_HEADERS = ['一级指标', '二级指标', '三级指标', '自评分', '指标解释', '指标说明'];

// ---------------------------------------------------------------------------------------------
// Building

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

// ---------------------------------------------------------------------------------------------
// Rendering helpers shared by the hosts

/** The form's rectangle as A1 ("A1:H60"). */
export function templateRange(t: TemplateDescription): string {
  return rangeToA1(t.print.area);
}

/** Content for Office.js `range.formulas` (and ExcelJS): formula text, constant or "". */
export function templateFormulas(t: TemplateDescription): (string | number)[][] {
  return t.rows.map((row) => row.cells.map((c) => (c?.calc ? formulaOf(c.calc) : (c?.value ?? ''))));
}

export function templateNumberFormats(t: TemplateDescription): string[][] {
  return t.rows.map((row) => row.cells.map((c) => c?.numberFormat ?? 'General'));
}

/**
 * Rectangles of equal style, for hosts that format range by range: runs of equal style along a
 * row, joined with the same run on the rows below.
 */
export function styleAreas(t: TemplateDescription): { range: CellRange; style: TemplateStyleName }[] {
  const open: { range: CellRange; style: TemplateStyleName }[] = [];
  const done: { range: CellRange; style: TemplateStyleName }[] = [];
  t.rows.forEach((row, r) => {
    const runs: { left: number; right: number; style: TemplateStyleName }[] = [];
    row.cells.forEach((c, col) => {
      if (!c) return;
      const last = runs[runs.length - 1];
      if (last && last.style === c.style && last.right === col - 1) last.right = col;
      else runs.push({ left: col, right: col, style: c.style });
    });
    const still: typeof open = [];
    for (const a of open) {
      const i = runs.findIndex((x) => x.left === a.range.left && x.right === a.range.right && x.style === a.style);
      if (i >= 0 && a.range.bottom === r - 1) {
        a.range.bottom = r;
        runs.splice(i, 1);
        still.push(a);
      } else done.push(a);
    }
    for (const x of runs) still.push({ range: { top: r, left: x.left, bottom: r, right: x.right }, style: x.style });
    open.splice(0, open.length, ...still);
  });
  return [...done, ...open].sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

/** Every cell with the given role (A1, in sheet order). */
export function cellsWithRole(t: TemplateDescription, role: TemplateCellRole): { cell: string; path?: string[] }[] {
  const out: { cell: string; path?: string[] }[] = [];
  t.rows.forEach((row, r) =>
    row.cells.forEach((c, col) => {
      if (c?.role === role) out.push({ cell: toA1(r, col), path: c.path });
    }),
  );
  return out;
}

/**
 * The values Excel shows once `inputs` are typed in (A1 → value; null clears a cell; typing into
 * a formula cell replaces its formula, as in Excel). Formulas are evaluated in dependency order.
 */
export function evaluateTemplate(
  t: TemplateDescription,
  inputs: Record<string, CellValue> = {},
): { values: CellValue[][]; formulas: (string | null)[][] } {
  const height = t.rows.length;
  const width = t.columns.length;
  const consts = new Map<string, CellValue>();
  const calcs = new Map<string, Calc>();
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const cell = t.rows[r].cells[c];
      const a1 = toA1(r, c);
      if (cell?.calc) calcs.set(a1, cell.calc);
      else if (cell?.value !== undefined && cell.value !== '') consts.set(a1, cell.value);
    }
  }
  for (const [key, v] of Object.entries(inputs)) {
    const { row, col } = parseA1(key);
    const a1 = toA1(row, col);
    calcs.delete(a1);
    if (v === null || v === '') consts.delete(a1);
    else consts.set(a1, v);
  }
  const done = new Map<string, CellValue>();
  const busy = new Set<string>();
  const get = (a1: string): CellValue => {
    if (done.has(a1)) return done.get(a1) as CellValue;
    const calc = calcs.get(a1);
    if (!calc) return consts.get(a1) ?? null;
    if (busy.has(a1)) throw new RangeError(`模板公式循环引用：${a1}`);
    busy.add(a1);
    const v = evaluateCalc(calc, get);
    busy.delete(a1);
    done.set(a1, v);
    return v;
  };
  const values: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  for (let r = 0; r < height; r++) {
    values.push([]);
    formulas.push([]);
    for (let c = 0; c < width; c++) {
      const a1 = toA1(r, c);
      const calc = calcs.get(a1);
      values[r].push(get(a1));
      formulas[r].push(calc ? formulaOf(calc) : null);
    }
  }
  return { values, formulas };
}

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
