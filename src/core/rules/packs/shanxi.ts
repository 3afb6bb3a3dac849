/**
 * `shanxi`: national's numbers; its two differences (indicators with only a 年初指标值 are skipped,
 * a missing 成本指标 caps at 5 [?]) need columns the recogniser does not read yet and are kept as
 * data (RULES.md §6, platform code).
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const shanxi: RulePack = {
  ...national,
  name: 'shanxi',
  title: '山西（全国口径；年初指标值/成本指标规则待实施）',
  titleEn: 'Shanxi (national numbers; two rules pending)',
  pending: {
    skipInitialOnly: '只有年初指标值、没有调整后年度指标值的指标不计分',
    missingCostCap: '未设成本指标的，相应得分最多 5 分',
  },
  sources: {
    ...national.sources,
    'pending.skipInitialOnly': { tag: 'platform', ref: '预算一体化平台（山西）', implemented: false },
    'pending.missingCostCap': { tag: '?', ref: '预算一体化平台（山西）：缺成本指标最多 5 分（未见规则原文，只能提示）', implemented: false },
  },
};
