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
 * Returns a new list; the input is not changed. A finding that gains a root is a new object; the
 * others are returned as they are (a big sheet has tens of thousands, and few have a root).
 */
export function linkCauses(findings: readonly Finding[], figures: FormFigures): Finding[] {
  // Findings by code, in order: a root looks only at the codes it explains (a big sheet has
  // thousands of findings of one code; scanning all of them for every root is quadratic).
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCode.get(f.code);
    if (list) list.push(f);
    else byCode.set(f.code, [f]);
  }
  const rootOf = new Map<Finding, Finding>();
  const withdraw = new Set<Finding>();
  for (const root of findings) {
    const explains = EXPLAINS.get(root.code);
    if (!explains) continue;
    for (const c of explains) {
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
  return findings.map((f) => {
    if (!rootOf.has(f)) return f.causedBy === undefined ? { ...f, causedBy: null } : f;
    const root = first(f);
    const title = TITLES.get(root.code)!;
    const linked: Finding = {
      ...f,
      causedBy: { cell: root.cell, code: root.code },
      message: f.message + interpolate(FOLLOWS.zh, { cell: root.cell, title: title.zh }),
      messageEn: f.messageEn + interpolate(FOLLOWS.en, { cell: root.cell, title: title.en }),
    };
    if (withdraw.has(f)) {
      linked.expected = null;
      linked.suggestion = null;
    }
    return linked;
  });
}
