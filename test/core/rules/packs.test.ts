import { describe, expect, it } from 'vitest';
import { RULE_PACKS, validatePack, type RulePack } from '../../../src/core/index.js';
import { SEED001_GRADES } from '../../../src/core/rules/packs.js';

describe('rule packs', () => {
  it.each(Object.values(RULE_PACKS).map((p) => [p.name, p] as const))('%s is valid', (_name, pack) => {
    expect(validatePack(pack)).toEqual([]);
  });

  it('every rule of every pack names its source', () => {
    for (const pack of Object.values(RULE_PACKS)) {
      for (const s of Object.values(pack.sources)) expect(['seed', 'src', 'platform', '?']).toContain(s.tag);
    }
  });

  it('no pack defaults to a seed’s grade scheme', () => {
    for (const pack of Object.values(RULE_PACKS)) {
      expect(pack.grades.project.id).not.toBe(SEED001_GRADES.id);
      expect(pack.grades.department.id).not.toBe(SEED001_GRADES.id);
    }
  });

  const broken = (change: (p: RulePack) => RulePack) => validatePack(change(structuredClone(RULE_PACKS.national)));

  it('rejects weights that do not add to the total', () => {
    expect(broken((p) => ({ ...p, project: { ...p.project, executionWeight: '20' } }))).toEqual([expect.stringContaining('110')]);
  });

  it('rejects a cap above 1', () => {
    expect(broken((p) => ({ ...p, execution: { cap: '1.2' } }))).toEqual([expect.stringContaining('1.2')]);
  });

  it('rejects tiers with a gap, an overlap at a cut point, or not reaching 0 / 100%', () => {
    expect(broken((p) => ({ ...p, qualitativeTiers: [p.qualitativeTiers[0], p.qualitativeTiers[2]] })).length).toBe(1);
    expect(broken((p) => ({ ...p, qualitativeTiers: p.qualitativeTiers.map((t, i) => (i === 1 ? { ...t, maxInclusive: true } : t)) })).length).toBe(1);
    expect(broken((p) => ({ ...p, qualitativeTiers: p.qualitativeTiers.slice(0, 2) })).length).toBe(1);
    expect(broken((p) => ({ ...p, qualitativeTiers: p.qualitativeTiers.slice(1) })).length).toBe(1);
  });

  it('rejects grade bands that do not descend', () => {
    const bands = [...RULE_PACKS.national.grades.project.bands].reverse();
    expect(broken((p) => ({ ...p, grades: { ...p.grades, project: { ...p.grades.project, bands } } })).length).toBeGreaterThan(0);
  });

  it('rejects a rule without its source', () => {
    expect(broken((p) => ({ ...p, sources: { ...p.sources, negativeFormula: { tag: '?', ref: '' } } }))).toEqual([expect.stringContaining('negativeFormula')]);
  });
});
