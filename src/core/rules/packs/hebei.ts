/**
 * `hebei` (also 天津): department grades 85 / 75 / 60 (seed 001's bands, printed on Hebei's
 * department forms); the integer-rounded execution score is [?] and kept as data (RULES.md §6).
 */
import { national } from './national.js';
import type { GradeScheme, RulePack } from './types.js';

/** Hebei's department bands: the same cut points as seed 001, as the province's pack default. */
export const HEBEI_DEPARTMENT_GRADES: GradeScheme = {
  id: 'hebei-department',
  title: '河北部门整体：优秀 ≥85，良好 ≥75，一般 ≥60，较差 <60',
  bands: [
    { name: '优秀', aliases: ['优'], min: '85' },
    { name: '良好', aliases: ['良'], min: '75' },
    { name: '一般', aliases: ['中', '中等', '合格'], min: '60' },
    { name: '较差', aliases: ['差', '不合格'], min: '0' },
  ],
};

export const hebei: RulePack = {
  ...national,
  name: 'hebei',
  title: '河北（部门整体等级 85/75/60）',
  titleEn: 'Hebei (department grades 85/75/60)',
  grades: { project: national.grades.project, department: HEBEI_DEPARTMENT_GRADES },
  pending: {
    executionRounding: '预算执行率得分取整（86% → 9）',
    negativeOverTarget: '反向指标实际超过目标、等值指标实际不等于目标时提示（不论得分）',
  },
  sources: {
    ...national.sources,
    grades: { tag: 'seed', ref: 'seed 001 印的部门等级 85/75/60；预算一体化平台（河北）部门整体等级' },
    'pending.executionRounding': { tag: '?', ref: '廊坊自评表：执行率得分取整（未见规则原文，只能提示）', implemented: false },
    'pending.negativeOverTarget': { tag: 'platform', ref: '预算一体化平台（河北、天津）', implemented: false },
  },
};
