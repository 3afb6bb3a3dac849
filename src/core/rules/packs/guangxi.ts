/**
 * `guangxi`: a deviation reason whenever the actual reaches 130% of its target; the 扣分 column
 * and scoring remarks are kept as data until the recogniser reads them (RULES.md §6).
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const guangxi: RulePack = {
  ...national,
  name: 'guangxi',
  title: '广西（实际达目标 130% 须说明偏差原因）',
  titleEn: 'Guangxi (a deviation reason at 130% of target)',
  deviationReasonAt: '1.3',
  pending: {
    deductColumn: '“扣分”列从得分中扣减（deduct_score）',
    qualitativeRemark: '定性指标须填写评分说明',
  },
  sources: {
    ...national.sources,
    deviationReasonAt: { tag: 'platform', ref: '预算一体化平台（广西）：实际完成值 ≥ 目标 130% 须填偏差原因' },
    'pending.deductColumn': { tag: 'platform', ref: '预算一体化平台（广西）：deduct_score', implemented: false },
    'pending.qualitativeRemark': { tag: 'platform', ref: '预算一体化平台（广西）：定性指标评分说明', implemented: false },
  },
};
