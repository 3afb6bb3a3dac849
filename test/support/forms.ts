/**
 * Small project/department forms as snapshots, for rule-by-rule tests. Every figure in a test that
 * uses these is worked out by hand in the test itself.
 */
import type { SheetSnapshot } from '../../src/core/snapshot.js';
import { snap, type SnapCell } from './snap.js';

export type Row = [l1: SnapCell, l2: SnapCell, l3: SnapCell, target: SnapCell, actual: SnapCell, weight: SnapCell, score: SnapCell, reason?: SnapCell];

export interface ProjectOptions {
  budget?: number;
  executed?: number;
  rate?: SnapCell;
  execWeight?: SnapCell;
  execScore?: SnapCell;
  total?: SnapCell;
  totalWeight?: SnapCell;
  grade?: SnapCell;
  notes?: string[];
}

/**
 * Layout: A1 title; row 3 funds header (B..G); row 4 年度资金总额; row 6 indicator header (A..H);
 * indicators from row 7; then 总分 and optionally 自评等级.
 */
export function projectForm(rows: Row[], o: ProjectOptions = {}): SheetSnapshot {
  const grid: SnapCell[][] = [
    ['项目支出绩效自评表'],
    [],
    [null, '年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分'],
    ['年度资金总额', o.budget ?? 100, o.budget ?? 100, o.executed ?? 100, o.rate ?? null, o.execWeight ?? 10, o.execScore ?? 10],
    [],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值（权重）', '指标得分', '偏差原因分析及改进措施'],
    ...rows.map((r) => [...r]),
    ['总分', null, null, null, null, o.totalWeight ?? null, o.total ?? null],
  ];
  if (o.grade !== undefined) grid.push(['自评等级', o.grade]);
  for (const n of o.notes ?? []) grid.push([n]);
  return snap(grid);
}

/** A form whose rows are all right: 产出 50, 效益 30, 满意度 10, execution 10 → 100. */
export function cleanRows(): Row[] {
  return [
    ['产出指标', '数量指标', '培训人数', '≥100人', '110人', 20, 20],
    [null, '质量指标', '合格率', '≥95%', '96%', 20, 20],
    [null, '成本指标', '人均成本', '≤500元', '480元', 10, 10],
    ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 30, 30],
    ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 10],
  ];
}
