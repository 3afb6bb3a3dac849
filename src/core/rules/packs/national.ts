/** `national` (default): the Ministry of Finance's scheme as the national forms print it. */
import { MOF_GRADES } from './grade-schemes.js';
import type { RulePack } from './types.js';

export const national: RulePack = {
  name: 'national',
  title: '全国通用（财政部）',
  titleEn: 'National (Ministry of Finance)',
  project: {
    level1Weights: { 产出指标: '50', 效益指标: '30', 满意度指标: '10' },
    executionWeight: '10',
    totalWeight: '100',
  },
  execution: { cap: '1' },
  negativeFormula: 'ratio',
  equalityAs: 'positive',
  qualitativeTiers: [
    { name: '达成', status: 'met', min: '0.8', max: '1', minInclusive: true, maxInclusive: true },
    { name: '部分达成', status: 'partial', min: '0.6', max: '0.8', minInclusive: true, maxInclusive: false },
    { name: '未达成', status: 'unmet', min: '0', max: '0.6', minInclusive: true, maxInclusive: false },
  ],
  overAchievement: '1.2',
  grades: { project: MOF_GRADES, department: MOF_GRADES },
  tolerance: { scoreMinDecimals: 2, rateMinDecimals: 2 },
  sources: {
    'project.level1Weights': { tag: 'src', ref: '财政部 2016 年中央部门项目支出绩效自评通知；seed 002 注 2' },
    'project.executionWeight': { tag: 'seed', ref: 'seed 002 注 2（预算执行率 10 分，不得调整）' },
    'project.totalWeight': { tag: 'seed', ref: 'seed 002 注 2（分值合计 100）' },
    'execution.cap': { tag: 'src', ref: '北京、湖北自评表：得分 = min(执行率, 1) × 分值' },
    negativeFormula: { tag: 'src', ref: '多数自评表印的反向指标公式：目标值 ÷ 实际值 × 分值' },
    equalityAs: { tag: 'platform', ref: '预算一体化平台：等值指标按正向计分' },
    qualitativeTiers: { tag: 'seed', ref: 'seed 002 注 3：达成 80%–100%，部分达成 60%–80%，未达成 <60%' },
    overAchievement: { tag: 'platform', ref: '预算一体化平台：实际 ≥ 目标 120% 提示复核' },
    grades: { tag: 'src', ref: '财预〔2020〕10号：优 90、良 80、中 60（[?] 原文待核）' },
    tolerance: { tag: 'src', ref: '自评表得分保留 2 位小数' },
  },
};
