/**
 * Grade schemes. The Ministry's bands are the packs' default; seed 001's bands are not a pack
 * default — the recogniser applies them only when a sheet prints them (docs/rules.md §Grades).
 */
import type { GradeScheme } from './types.js';

export const MOF_GRADES: GradeScheme = {
  id: 'mof',
  title: '财政部：优 ≥90，良 ≥80，中 ≥60，差 <60',
  bands: [
    { name: '优', aliases: ['优秀'], min: '90' },
    { name: '良', aliases: ['良好'], min: '80' },
    { name: '中', aliases: ['中等', '合格'], min: '60' },
    { name: '差', aliases: ['较差', '不合格'], min: '0' },
  ],
};

/** Seed 001's department bands, used when a sheet states them. */
export const SEED001_GRADES: GradeScheme = {
  id: 'seed001',
  title: '优秀 ≥85，良好 ≥75，一般 ≥60，较差 <60',
  bands: [
    { name: '优秀', aliases: ['优'], min: '85' },
    { name: '良好', aliases: ['良'], min: '75' },
    { name: '一般', aliases: ['中', '中等', '合格'], min: '60' },
    { name: '较差', aliases: ['差', '不合格'], min: '0' },
  ],
};
