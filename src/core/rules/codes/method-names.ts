/** How a message names the rule that gave a score. */
import type { Evaluation } from '../../score/evaluate.js';

const NAMES: Partial<Record<Evaluation['method'], string>> = {
  positive: '正向指标规则',
  negative: '反向指标规则',
  equal: '等值指标规则',
  boolean: '是/否指标规则',
  compound: '复合目标规则',
  criteria: '评价标准',
};

export function methodName(e: Evaluation): string {
  return NAMES[e.method] ?? '计分规则';
}
