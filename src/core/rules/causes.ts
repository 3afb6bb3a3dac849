/**
 * The root-cause pass (docs/rules.md §Root causes): when one fact makes several checks fail, the
 * finding at the cell to change is the root and carries the fix; every finding that follows from it
 * points to it with `causedBy` instead of proposing a fix of its own that could contradict it.
 * Which codes a finding explains, and when, is data in the rule modules (`RuleMeta.explains`).
 */
import type { FormFigures } from '../figures.js';
import type { Finding } from '../report.js';
import { FINDING_RULES } from './registry.js';
import type { Consequence, FindingRule } from './types.js';
import { interpolate } from './interpolate.js';

const EXPLAINS = new Map<string, readonly Consequence[]>(
  (FINDING_RULES as unknown as FindingRule[]).filter((r) => r.meta.explains?.length).map((r) => [r.meta.code, r.meta.explains!]),
);

const TITLES = new Map((FINDING_RULES as unknown as FindingRule[]).map((r) => [r.meta.code, r.meta.title]));

const FOLLOWS = {
  zh: '（由 {cell} 的“{title}”引起，按该处修改）',
  en: ' (follows from “{title}” at {cell}; fix that)',
};

/**
 * Links one form's findings to their roots, in registry order (a consequence claimed by two roots
 * keeps the first); a chain (rate → execution score → grade) is followed to its first root.
 * Returns new finding objects; the input is not changed.
 */
export function linkCauses(findings: readonly Finding[], figures: FormFigures): Finding[] {
  const out = findings.map((f) => ({ ...f, causedBy: f.causedBy ?? null }));
  // Findings by code, in order: a root looks only at the codes it explains (a big sheet has
  // thousands of findings of one code; scanning all of them for every root is quadratic).
  const byCode = new Map<string, Finding[]>();
  for (const f of out) {
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const rootOf = new Map<Finding, Finding>();
  const withdraw = new Set<Finding>();
  for (const root of out) {
    for (const c of EXPLAINS.get(root.code) ?? []) {
      for (const f of byCode.get(c.code) ?? []) {
        if (f === root || f.sheet !== root.sheet || rootOf.has(f) || rootOf.get(root) === f) continue;
        if (c.when && !c.when(root, f, figures)) continue;
        rootOf.set(f, root);
        if (c.fix === 'withdraw') withdraw.add(f);
      }
    }
  }
  const first = (f: Finding): Finding => {
    const seen = new Set<Finding>();
    let r = f;
    while (rootOf.has(r) && !seen.has(r)) {
      seen.add(r);
      r = rootOf.get(r)!;
    }
    return r;
  };
  for (const f of out) {
    if (!rootOf.has(f)) continue;
    const root = first(f);
    f.causedBy = { cell: root.cell, code: root.code };
    const title = TITLES.get(root.code)!;
    f.message += interpolate(FOLLOWS.zh, { cell: root.cell, title: title.zh });
    f.messageEn += interpolate(FOLLOWS.en, { cell: root.cell, title: title.en });
    if (withdraw.has(f)) {
      f.expected = null;
      f.suggestion = null;
    }
  }
  return out;
}
