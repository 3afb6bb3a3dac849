/**
 * A project form with N indicator rows, as a snapshot (for the core) and as an ExcelJS workbook
 * (for the CLI). Level-1 groups of 50 rows, level-2 groups of 10, merged as a real form would be.
 * A `salt` makes every indicator's texts new (the same figures): the core remembers texts it has
 * worked out, so re-checking one snapshot measures the remembered path, a salted copy the full one.
 */
import ExcelJS from 'exceljs';
import type { CellValue, CellRange, SheetSnapshot } from '../src/core/index.js';

const L1 = ['产出指标', '效益指标', '满意度指标'];
const L2 = ['数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标'];

export function bigRows(n: number, salt = ''): CellValue[][] {
  const rows: CellValue[][] = [
    ['项目支出绩效自评表'],
    [null, '年初预算数', '全年预算数', '全年执行数', '执行率', '分值', '得分'],
    ['年度资金总额', 100, 100, 90, 0.9, 10, 9],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值（权重）', '指标得分', '偏差原因分析及改进措施'],
  ];
  for (let i = 0; i < n; i++) {
    const kind = i % 4;
    const target = kind === 0 ? `≥${100 + (i % 7)}次` : kind === 1 ? '≥95%' : kind === 2 ? '≤50万元' : '满意';
    const actual = kind === 0 ? 90 + (i % 20) : kind === 1 ? '96%' : kind === 2 ? '48万元' : '基本满意';
    rows.push([
      i % 50 === 0 ? L1[(i / 50) % 3] : null,
      i % 10 === 0 ? L2[(i / 10) % 5] : null,
      `指标${i + 1}：第${i + 1}项工作${salt}`,
      target,
      actual,
      1,
      kind === 3 ? 0.7 : 1,
      kind === 3 ? `部分群众意见${salt}` : null,
    ]);
  }
  rows.push(['总分', null, null, null, null, n + 10, null]);
  return rows;
}

export function bigMerges(n: number): CellRange[] {
  const merges: CellRange[] = [];
  const first = 4;
  for (let i = 0; i < n; i += 50) merges.push({ top: first + i, left: 0, bottom: first + Math.min(i + 49, n - 1), right: 0 });
  for (let i = 0; i < n; i += 10) merges.push({ top: first + i, left: 1, bottom: first + Math.min(i + 9, n - 1), right: 1 });
  return merges;
}

export function bigSnapshot(n: number, salt = ''): SheetSnapshot {
  const values = bigRows(n, salt);
  const width = 8;
  const norm = values.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  return {
    sheet: 'Sheet1',
    top: 0,
    left: 0,
    values: norm,
    text: norm.map((r) => r.map((v) => (v === null ? '' : typeof v === 'number' && v < 1 && v > 0 ? `${v * 100}%` : String(v)))),
    numberFormat: norm.map((r) => r.map(() => 'General')),
    formulas: norm.map((r) => r.map(() => null)),
    merges: bigMerges(n),
  };
}

export function bigWorkbook(n: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of bigRows(n)) ws.addRow(r);
  ws.getCell('E3').numFmt = '0%';
  for (const m of bigMerges(n)) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return wb;
}
