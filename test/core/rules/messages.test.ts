/**
 * The few messages whose wording matters to users, word for word: the rest of the rule specs
 * assert codes, cells and values only.
 */
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../../src/core/check.js';
import { pct, project } from './forms.js';

const first = (sheet: ReturnType<typeof project>, code: string) => checkSheet(sheet).findings.find((f) => f.code === code)!;

describe('messages', () => {
  it('a score above its weight says the maximum and what the rules give', () => {
    const f = first(project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 21, '疫情'] }, { total: 101 }), 'score-exceeds-weight');
    expect(f.message).toBe('得分 21 超过分值 20，最高只能得 20 分；按规则应为 16');
    expect(f.messageEn).toBe('Score 21 exceeds the weight 20; the rules give 16');
  });

  it('a positive indicator shows its arithmetic', () => {
    const f = first(project({ 0: ['产出指标', '数量指标', '培训人数', '≥100人', '80人', 20, 20, '疫情'] }), 'score-mismatch');
    expect(f.message).toMatch(/^按正向指标规则应得 16 分（.+），填报 20 分$/);
  });

  it('the execution rate names both figures and the rate at the declared precision', () => {
    const f = first(project({}, { executed: 90, rate: pct(0.8, '80%'), execScore: 9, total: 99 }), 'execution-rate-mismatch');
    expect(f.message).toBe('执行率填报 80%，按 执行数 90 ÷ 预算数 100 计算应为 90%');
  });

  it('the execution score says when the rate is capped', () => {
    const f = first(project({}, { executed: 120, execScore: 9, total: 99 }), 'score-mismatch');
    expect(f.message).toBe('预算执行率得分应为 10（执行率 120% × 分值 10，以满分为限），填报 9');
  });
});
