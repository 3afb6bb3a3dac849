/**
 * The province packs (RULES.md §6; docs/rules.md §Rule packs): for each, the rule it changes, on a
 * fixture from test/fixtures/provinces-packs.ts. “Before” is main (2d9ebb5), which had none of them.
 */
import { describe, expect, it } from 'vitest';
import {
  anhuiLabels,
  execution15,
  executionOnTop,
  hubeiGroup,
  overTarget,
  setWeights95,
  sichuanExecution,
} from '../../fixtures/provinces-packs.js';
import { sichuanGradeInTotal } from '../../fixtures/provinces.js';
import { checkWorkbook, tag } from '../../support/check-workbook.js';
import { RULE_PACKS, suggestPack, validatePack } from '../../../src/core/index.js';
import { choosePack } from '../../../src/cli/review-rules.js';

const tags = async (wb: Parameters<typeof checkWorkbook>[0], rules?: Parameters<typeof checkWorkbook>[1]) =>
  (await checkWorkbook(wb, rules)).findings.map(tag);

describe('province packs', () => {
  it('every pack is valid, lists its pending rules as not implemented, and rests no error rule on [?]', () => {
    expect(Object.keys(RULE_PACKS)).toEqual(['national', 'hubei', 'platform', 'sichuan', 'guangxi', 'hebei', 'zhejiang', 'gansu', 'anhui', 'shanxi']);
    for (const p of Object.values(RULE_PACKS)) {
      expect(validatePack(p)).toEqual([]);
      for (const k of Object.keys(p.pending ?? {})) expect(p.sources[`pending.${k}`]?.implemented).toBe(false);
    }
    const bad = { ...RULE_PACKS.national, sources: { ...RULE_PACKS.national.sources, qualitativeTiers: { tag: '?' as const, ref: '传闻' } } };
    expect(validatePack(bad)).toEqual([expect.stringContaining('[?]')]);
  });

  it('sichuan: execution below 90% asks for its reason (warning)', async () => {
    // 430 ÷ 500 = 86% < 90%; score 86% × 10 = 8.6; indicators 86.4; total 95.
    expect(await tags(sichuanExecution(430, 8.6, 95), 'sichuan')).toEqual(['missing-deviation-reason@F3']);
    // national: only the suggestion that this is a Sichuan layout.
    expect(await tags(sichuanExecution(430, 8.6, 95))).toEqual(['rules-pack-suggested@G3']);
    // 480 ÷ 500 = 96%: nothing to explain.
    expect(await tags(sichuanGradeInTotal(), 'sichuan')).toEqual([]);
  });

  it('guangxi: an actual at 130% of its target needs a reason', async () => {
    // 140人 of ≥100人 = 140% ≥ 130%, no reason in H6. 125%: over-achievement only.
    expect((await tags(overTarget('140人'), 'guangxi')).sort()).toEqual(['missing-deviation-reason@H6', 'over-achievement@E6']);
    expect(await tags(overTarget('140人'))).toEqual(['over-achievement@E6']);
    expect(await tags(overTarget('125人'), 'guangxi')).toEqual(['over-achievement@E6']);
  });

  it('hebei: department grades 85 / 75 / 60', () => {
    const g = RULE_PACKS.hebei.grades.department;
    expect(g.bands.map((b) => [b.name, b.min])).toEqual([['优秀', '85'], ['良好', '75'], ['一般', '60'], ['较差', '0']]);
    expect(RULE_PACKS.hebei.grades.project).toBe(RULE_PACKS.national.grades.project);
  });

  it('zhejiang: no weight-sum check against 设定权重', async () => {
    // 设定权重 15 + 20 + 10 + 30 + 10 = 85, execution 10: 95, total row 95.
    expect(await tags(setWeights95())).toEqual(['weight-total-not-100@F11', 'nonstandard-level1-weights@A6']);
    expect(await tags(setWeights95(), 'zhejiang')).toEqual(['nonstandard-level1-weights@A6']);
  });

  it('gansu: a changed execution weight is named as fixed by the province', async () => {
    const { findings } = await checkWorkbook(execution15(), 'gansu');
    const exec = findings.find((f) => f.cell === 'F3')!;
    expect([exec.code, exec.severity, exec.declared, exec.expected]).toEqual(['nonstandard-level1-weights', 'warning', '15', '10']);
    expect(exec.message).toContain('甘肃');
  });

  it('anhui: the 50/30/10 labels are checked', async () => {
    expect(await tags(anhuiLabels(50), 'anhui')).toEqual([]);
    // “产出指标（60分）” over rows of 50.
    expect(await tags(anhuiLabels(60), 'anhui')).toEqual(['weight-subtotal-mismatch@A6', 'nonstandard-level1-weights@A6']);
  });

  it('shanxi: national numbers (its rules are pending)', async () => {
    expect(await tags(executionOnTop(), 'shanxi')).toEqual(await tags(executionOnTop()));
    expect(Object.keys(RULE_PACKS.shanxi.pending!)).toEqual(['skipInitialOnly', 'missingCostCap']);
  });

  it('hubei: 效益 + 满意度 are one 40-point group (before: 35 and 5 each warned)', async () => {
    expect(await tags(hubeiGroup(), 'hubei')).toEqual([]);
  });

  it('detection suggests, never switches; --rules auto follows it', async () => {
    const { sheets, forms } = await checkWorkbook(sichuanExecution(430, 8.6, 95));
    expect(forms[0].rules).toBe('national');
    expect(forms[0].suggestedRules?.pack).toBe('sichuan');
    expect(suggestPack(null, sheets[0])?.pack).toBe('sichuan');
    expect(choosePack(forms[0]).pack).toBe('sichuan');
    const plain = await checkWorkbook(executionOnTop());
    expect(plain.forms[0].suggestedRules).toBeNull();
    expect(choosePack(plain.forms[0]).pack).toBe('national');
    const hubei = await checkWorkbook(hubeiGroup());
    expect(hubei.forms[0].suggestedRules?.pack).toBe('hubei');
  });
});
