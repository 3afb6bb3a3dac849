/**
 * One line per finding code: how to fix it, for 审核意见 and the cell comments.
 *
 * TEMPORARY — remove when the core's registry lands: replace `reviewMeta(code)` by the core's
 * `findingMeta(code)` (title, severity and `fix` {zh,en} from src/core/index.ts) and delete this
 * file. It is the only place in the review code that reaches past src/core/index.ts.
 */
import type { FindingCode, Severity } from '../../core/index.js';
import { CODE_TITLES, SEVERITY } from '../../core/findings.js';

const FIX: Record<FindingCode, string> = {
  'score-exceeds-weight': '将得分改为不超过该指标分值的数值（按计分规则重算）。',
  'score-negative': '得分不能为负数，请按计分规则重新打分。',
  'score-mismatch': '按计分规则重新计算该项得分，改为“应为”中的数值。',
  'score-out-of-tier': '按完成情况所在档次的得分区间重新打分。',
  'score-not-allowed-by-criteria': '对照评（扣）分标准重新打分，使得分符合标准允许的数值。',
  'subtotal-mismatch': '小计改为下级各项得分之和（或改用求和公式）。',
  'weight-subtotal-mismatch': '分值改为下级各项分值之和，或调整下级分值。',
  'weight-label-mismatch': '使标签中写明的分值与分值列一致。',
  'total-mismatch': '总分改为各项得分之和（或改用求和公式）。',
  'weight-total-not-100': '调整各项分值，使分值合计为 100 分。',
  'execution-rate-mismatch': '执行率改为 全年执行数 ÷ 全年预算数，并据此重算执行率得分。',
  'grade-mismatch': '按复算总分对应的等级填写评价等级。',
  'missing-deviation-reason': '在偏差原因栏说明未完成（或超额完成）的原因及改进措施。',
  'nonstandard-level1-weights': '确认一级指标分值是否按规定设置（产出50、效益30、满意度10、执行率10），如有特殊情况请说明。',
  'over-achievement': '核实实际完成值；如确属超额完成，说明原因并检查年度目标是否设置偏低。',
  'approximate-value-mismatch': '核实目标值与实际值的准确数字，按准确数字重算得分。',
  'number-not-readable': '将该单元格改为可识别的数字（去掉多余文字或符号）。',
  'value-not-scoreable': '补充可核算的目标值与实际值，或人工复核该项得分。',
};

export interface ReviewMeta {
  title: string;
  severity: Severity;
  fix: string;
}

export function reviewMeta(code: FindingCode): ReviewMeta {
  return { title: CODE_TITLES[code].zh, severity: SEVERITY[code], fix: FIX[code] };
}
