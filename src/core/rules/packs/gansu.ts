/**
 * `gansu`: the execution weight may not be adjusted, tiers 80/60 (seed 002's notes, a Gansu form);
 * deductions for 巡视/审计/监督 findings are kept as data (RULES.md §6).
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const gansu: RulePack = {
  ...national,
  name: 'gansu',
  title: '甘肃（预算执行率分值不得调整，定性 80/60）',
  titleEn: 'Gansu (execution weight fixed, tiers 80/60)',
  project: { ...national.project, executionWeightFixed: true },
  pending: {
    auditDeductions: '中央和省委巡视、各级审计和财政监督中发现问题的酌情扣分',
  },
  sources: {
    ...national.sources,
    'project.executionWeightFixed': { tag: 'seed', ref: 'seed 002 注 2：除预算资金执行率外，其他指标权重可作适当调整' },
    qualitativeTiers: { tag: 'seed', ref: 'seed 002 注 3（甘肃表样）：80%–100%、60%–80%、<60%' },
    'pending.auditDeductions': { tag: 'seed', ref: 'seed 002 注 2：巡视、审计、财政监督发现问题酌情扣分', implemented: false },
  },
};
