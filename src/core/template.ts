/**
 * Blank 绩效自评表 templates as ONE pure data description: rows of cells (constants, live formulas,
 * styles, number formats), merges, data validation, column widths, row heights and print setup,
 * generated from a rule pack and a few options. The Excel adapter (src/excel/template.ts), the
 * workbook renderer (src/xlsx/template.ts) and the tests all render this same description.
 *
 * Formulas are kept as small structured `Calc` values: `formulaOf` prints the Excel text and
 * `evaluateTemplate` computes the same result with decimal arithmetic, so hosts that cannot
 * calculate (ExcelJS, tests) still carry correct cached values, and a template filled with a form's
 * figures can be checked without Excel.
 *
 * Layout (project, docs/rules.md §Forms and seed 002): title; 项目名称 / 主管部门 / 实施单位; the funds block
 * (项目资金（万元） over 年初预算数（万元）… 得分, rows 年度资金总额 / 其中：当年财政拨款 / 上年结转资金 /
 * 其他资金); 年度总体目标 (预期目标 / 实际完成情况); the indicator table. Each level opens with a
 * level row holding its subtotals (weight and score as SUM formulas, blank 二级/三级 cells, so the
 * recogniser reads it as the level's subtotal row); the level-1 label is merged down its whole block,
 * the level-2 label down its level row and its blank rows. Then 总分, 自评等级 and the official notes
 * (注：1–3, numbers from the pack).
 * Department (seed 004): 一级/二级/三级指标 with the weight in the label, 自评分, 指标解释, 指标说明,
 * the same level rows (score subtotals only), 总分 and 自评等级.
 *
 * The code lives under template/ by concern: model.ts (options, styles, cell types), calc.ts (the
 * formula mini-language), framework.ts (level groups, the department framework, header texts),
 * build.ts (the two builders), render.ts (what hosts render). This file keeps the names hosts
 * import. Test-only helpers are in test/support/template-helpers.ts.
 */
export * from './template/model.js';
export * from './template/calc.js';
export * from './template/framework.js';
export { buildTemplate, projectNotes } from './template/build.js';
export * from './template/render.js';
