/**
 * A hand-made SheetReport for seed 002 (项目支出绩效自评表, national rules), figures worked out from
 * the form: indicator weights 90 + execution 7 = 97; rate 51.91 / 78 = 0.665513; execution score
 * min(0.665513, 1) × 7 = 4.66 against 7 declared; indicator scores 87.5 + 7 = 94.5 declared and
 * summed, 87.5 + 4.66 = 92.16 recomputed, which is 优 (≥ 90).
 */
import type { Finding, SheetReport } from '../../src/core/report.js';

export const SHEET = 'Sheet1';

const finding = (f: Omit<Finding, 'sheet' | 'inputs' | 'rule'> & Partial<Finding>): Finding => ({
  sheet: SHEET,
  inputs: {},
  rule: 'national/project',
  ...f,
});

export function seed002Report(): SheetReport {
  return {
    sheet: SHEET,
    forms: [
      {
        sheet: SHEET,
        kind: 'project',
        range: 'A1:H27',
        title: '2023年部门预算项目支出绩效自评表',
        rules: 'national',
        total: { cell: 'G27', declared: '94.5', sum: '94.5', recomputed: '92.16' },
        weightTotal: '97',
        executionRate: {
          cell: 'F5',
          declared: '0.67',
          computed: '0.665513',
          budget: '78',
          executed: '51.91',
          score: { cell: 'H5', weight: '7', declared: '7', computed: '4.66' },
        },
        grade: { cell: null, declared: null, computed: '优', scheme: 'mof' },
        indicators: [],
        aggregates: [],
      },
    ],
    // in the core's order, not the pane's: the pane sorts by severity, then kind
    findings: [
      finding({
        code: 'over-achievement',
        severity: 'warning',
        cell: 'E15',
        path: ['产出指标', '数量指标', '完成维修维修次数'],
        declared: '10',
        expected: null,
        message: '实际完成值“10”达到目标“8次以上”的 125%（≥120%），请核实目标是否设置偏低',
        messageEn: 'The actual “10” is 125% of the target “8次以上”; check whether the target was set too low',
      }),
      finding({
        code: 'score-mismatch',
        severity: 'error',
        cell: 'H5',
        path: ['预算执行率'],
        declared: '7',
        expected: '4.66',
        message: '预算执行率得分应为 4.66（执行率 66.55% × 分值 7），填报 7',
        messageEn: 'Execution score should be 4.66 (rate 66.55% × weight 7), declared 7',
      }),
      finding({
        code: 'missing-deviation-reason',
        severity: 'warning',
        cell: 'H16',
        path: ['产出指标', '数量指标', '偿还历史欠款'],
        declared: '2.5',
        expected: null,
        message: '得分 2.5 低于分值 5，但未说明偏差原因',
        messageEn: 'Score 2.5 is below the weight 5 but no reason is given',
      }),
      finding({
        code: 'weight-total-not-100',
        severity: 'error',
        cell: 'F27',
        path: ['总分'],
        declared: null, // F27 is empty in seed 002: the core reports the cell, not the sum
        expected: '100',
        message: '各项分值合计为 97（指标 90 + 预算执行率 7），应为 100',
        messageEn: 'Weights add to 97, not 100',
      }),
    ],
  };
}
