/** `hubei`: budget execution 20 points, qualitative tiers 80/50 (Hubei's published forms). */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const hubei: RulePack = {
  ...national,
  name: 'hubei',
  title: '湖北（预算执行率 20 分，定性 80/50）',
  titleEn: 'Hubei (execution 20 points, tiers 80/50)',
  project: {
    // Hubei moves 10 points to budget execution; the other level-1 weights shrink to 40/30/10.
    level1Weights: { 产出指标: '40', 效益指标: '30', 满意度指标: '10' },
    executionWeight: '20',
    totalWeight: '100',
  },
  qualitativeTiers: [
    { name: '达成', status: 'met', min: '0.8', max: '1', minInclusive: true, maxInclusive: true },
    { name: '部分达成', status: 'partial', min: '0.5', max: '0.8', minInclusive: true, maxInclusive: false },
    { name: '未达成', status: 'unmet', min: '0', max: '0.5', minInclusive: true, maxInclusive: false },
  ],
  sources: {
    ...national.sources,
    'project.level1Weights': { tag: 'src', ref: '湖北自评表：产出 40，效益与满意度 40（此处按 30/10 拆分 [?]）' },
    'project.executionWeight': { tag: 'src', ref: '湖北自评表：预算执行率 20 分（得分 = 20 × 执行率）' },
    qualitativeTiers: { tag: 'src', ref: '湖北自评表：100–80 / 80–50 / 50–0' },
  },
};
