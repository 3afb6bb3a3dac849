/** `platform`: the budget-integration platform's linear formula for negative indicators. */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const platform: RulePack = {
  ...national,
  name: 'platform',
  title: '预算一体化平台（反向指标线性扣分）',
  titleEn: 'Budget platform (linear negative formula)',
  negativeFormula: 'linear',
  sources: {
    ...national.sources,
    negativeFormula: { tag: 'platform', ref: '预算一体化平台：(1 − (实际 − 目标) ÷ 目标) × 分值，实际达目标 2 倍时为 0' },
  },
};
