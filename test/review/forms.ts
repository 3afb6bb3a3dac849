/**
 * Variations of seed 002's form for the review tests and bench/review.ts: same layout, a
 * different project name, execution figures and a few scores per variant, so that the review
 * sees passing forms, forms to review and forms to send back.
 */
import type ExcelJS from 'exceljs';
import { addSheet, newWorkbook, pct, type Cell } from '../fixtures/build.js';
import { SEED002_WIDTHS, seed002Rows } from '../fixtures/seeds.js';

/** Row indexes into seed002Rows(): 项目名称, the 年度资金总额 line, first indicator, 总分. */
const NAME_ROW = 1;
const FUNDS_ROW = 4;
const FIRST_INDICATOR = 12;
const TOTAL_ROW = 26;

/**
 * Variant i: i % 3 === 0 is seed 002 as it is (退回修改: two errors, three warnings); 1 has the
 * execution block at weight 10 with a score that agrees and no warnings (通过); 2 is 1 with one
 * qualitative score lowered and no deviation reason (需复核).
 */
export function seed002Variant(i: number): ExcelJS.Workbook {
  const rows: Cell[][] = seed002Rows();
  rows[NAME_ROW][2] = `2023年政府网站运营维护项目（第 ${i + 1} 号）`;
  let total = 94.5;
  if (i % 3 !== 0) {
    // 执行率 100%: full 10 points; weights then add to 100.
    const funds = [...rows[FUNDS_ROW]];
    funds[2] = 78;
    funds[3] = 78;
    funds[4] = 78;
    funds[5] = pct(1);
    funds[6] = 10;
    funds[7] = 10;
    rows[FUNDS_ROW] = funds;
    total = 87.5 + 10;
    // Clear seed 002's two warnings: 维修次数 done as planned, and 偿还历史欠款's half score explained.
    rows[FIRST_INDICATOR + 2] = [...rows[FIRST_INDICATOR + 2]];
    rows[FIRST_INDICATOR + 2][4] = 8;
    rows[FIRST_INDICATOR + 3] = [...rows[FIRST_INDICATOR + 3]];
    rows[FIRST_INDICATOR + 3][7] = '资金未全部到位，已列入下年计划';
    if (i % 3 === 2) {
      // 印刷质量达标情况 (weight 3, qualitative 合格): 2.5 stays inside the 达成 tier, no reason given.
      const k = FIRST_INDICATOR + 5;
      rows[k] = [...rows[k]];
      rows[k][6] = 2.5;
      total -= 0.5;
    }
  }
  rows[TOTAL_ROW] = [...rows[TOTAL_ROW]];
  rows[TOTAL_ROW][6] = total;
  const wb = newWorkbook();
  addSheet(wb, { name: 'Sheet1', widths: SEED002_WIDTHS, blocks: [{ rows, titleRows: 1, plainTail: 3, headerRows: [3, 11] }] });
  return wb;
}
