/**
 * `anhui`: 50/30/10/10 written into the level-1 labels (“产出指标（50分）”), values like “≥100百分比”
 * (天长, 池州 forms; RULES.md §6). The numbers are national's; the labels are checked against them.
 */
import { national } from './national.js';
import type { RulePack } from './types.js';

export const anhui: RulePack = {
  ...national,
  name: 'anhui',
  title: '安徽（一级指标标签写明 50/30/10/10）',
  titleEn: 'Anhui (50/30/10/10 in the level-1 labels)',
  sources: {
    ...national.sources,
    'project.level1Weights': { tag: 'src', ref: '安徽天长、池州自评表：产出指标（50分）、效益指标（30分）、满意度指标（10分）' },
    'project.executionWeight': { tag: 'src', ref: '安徽天长、池州自评表：预算执行率（10分）' },
  },
};
