/**
 * `hubei`: budget execution 20 points (score = 20 × rate), 产出 40, 效益 + 满意度 40 as one group,
 * qualitative tiers 80/50 (Hubei's published forms; RULES.md §6).
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const hubei: RulePack = {
  ...national,
  name: 'hubei',
  title: '湖北（预算执行率 20 分，定性 80/50）',
  titleEn: 'Hubei (execution 20 points, tiers 80/50)',
  project: {
    // The 30/10 split is only what templates print; the forms fix 效益 + 满意度 = 40 together.
    level1Weights: { 产出指标: '40', 效益指标: '30', 满意度指标: '10' },
    level1Combined: [{ levels: ['效益指标', '满意度指标'], weight: '40' }],
    executionWeight: '20',
    totalWeight: '100',
  },
  qualitativeTiers: [
    { name: '达成', status: 'met', min: '0.8', max: '1', minInclusive: true, maxInclusive: true },
    { name: '部分达成', status: 'partial', min: '0.5', max: '0.8', minInclusive: true, maxInclusive: false },
    { name: '未达成', status: 'unmet', min: '0', max: '0.5', minInclusive: true, maxInclusive: false },
  ],
  signature: {
    executionWeight: '20',
    reason: {
      zh: '预算执行率按 20 分计分（得分 = 20 × 执行率），是湖北自评表的表样',
      en: 'budget execution carries 20 points (score = 20 × rate), as on Hubei forms',
    },
  },
  pending: {
    processLevel: '部分表样增设“过程指标”一级指标（分值未统一）',
  },
  sources: {
    ...national.sources,
    'project.level1Weights': { tag: 'src', ref: '湖北自评表：产出 40，效益与满意度合计 40（模板按 30/10 拆分 [?]，只作模板默认值）' },
    'project.level1Combined': { tag: 'src', ref: '湖北自评表：效益指标与满意度指标合计 40 分' },
    'project.executionWeight': { tag: 'src', ref: '湖北自评表：预算执行率 20 分（得分 = 20 × 执行率）' },
    qualitativeTiers: { tag: 'src', ref: '湖北自评表：100–80 / 80–50 / 50–0' },
    signature: { tag: 'src', ref: '湖北自评表：“预算执行情况(万元)(20分)”“得分（20分*执行率）”' },
    'pending.processLevel': { tag: 'src', ref: '湖北部分自评表：过程指标', implemented: false },
  },
};
