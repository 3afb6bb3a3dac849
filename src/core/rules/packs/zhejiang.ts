/**
 * `zhejiang`: scores against 设定权重 and does not check that the weights add to 100; its automatic
 * scoring of qualitative indicators is kept as data (RULES.md §6, platform `isZJ`).
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const zhejiang: RulePack = {
  ...national,
  name: 'zhejiang',
  title: '浙江（按设定权重计分，不校验分值合计）',
  titleEn: 'Zhejiang (set weights, no weight-sum check)',
  project: { ...national.project, checkWeightSum: false },
  pending: {
    qualitativeAuto: '定性指标由系统自动计分',
  },
  sources: {
    ...national.sources,
    'project.checkWeightSum': { tag: 'platform', ref: '预算一体化平台（浙江，isZJ）：按设定权重计分，不校验分值合计' },
    'pending.qualitativeAuto': { tag: 'platform', ref: '预算一体化平台（浙江，isZJ）', implemented: false },
  },
};
