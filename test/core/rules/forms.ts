/** Sheets the rule specs share: the clean project form with one row replaced, and a department form. */
import { cleanRows, projectForm, type ProjectOptions, type Row } from '../../support/forms.js';
import { snap, type SnapCell } from '../../support/snap.js';

export { cleanRows, projectForm, type Row };
export { pct } from '../../support/snap.js';

/** The clean form (100 points, no finding) with row `index` replaced; indicator rows start at sheet row 7. */
export function project(replace: Record<number, Row> = {}, o: ProjectOptions = {}) {
  const rows = cleanRows();
  for (const [i, row] of Object.entries(replace)) rows[Number(i)] = row;
  return projectForm(rows, { total: 100, ...o });
}

/** A department form: funds block (预算数 1000, 执行数 900, 90%), one rubric row per entry from row 5, 合计 after. */
export function department(rows: SnapCell[][], total?: number) {
  return snap([
    ['部门整体支出绩效自评表'],
    [null, '预算数：', 1000, '执行数：', 900, '预算执行率'],
    [null, null, null, null, null, { v: 0.9, t: '90%', fmt: '0%' }],
    ['一级指标', '二级指标', '三级指标', '指标内容', '评价标准', '分值', '自评得分'],
    ...rows,
    ['合计', null, null, null, null, null, total ?? null],
  ]);
}
