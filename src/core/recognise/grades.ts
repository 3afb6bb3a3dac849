/**
 * A sheet that states its own grade bands (“得分≥85分为优秀；75≤得分<85分为良好；…”) overrides the
 * rule pack's bands (RULES.md §5).
 */
import type { Grid } from '../snapshot.js';
import type { GradeBand, GradeScheme } from '../rules/packs.js';
import { RULE_PACKS, SEED001_GRADES } from '../rules/packs.js';
import { normalizeText } from '../text.js';

const GRADE_WORD = /为[“"']?(优秀|良好|一般|较差|合格|不合格|中等|优|良|中|差)/;

const KNOWN_ALIASES: Record<string, string[]> = {};
for (const scheme of [RULE_PACKS.national.grades.project, SEED001_GRADES]) {
  for (const b of scheme.bands) KNOWN_ALIASES[b.name] = [...new Set([...(KNOWN_ALIASES[b.name] ?? []), ...b.aliases])];
}

export function parseGradeBands(text: string): GradeScheme | null {
  const s = normalizeText(text).replace(/\s+/g, '');
  const bands: GradeBand[] = [];
  for (const clause of s.split(/[;；。,，]/)) {
    const g = GRADE_WORD.exec(clause);
    if (!g) continue;
    const nums = [...clause.slice(0, g.index).matchAll(/(\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    if (nums.length === 0) continue;
    const onlyUpper = nums.length === 1 && /[<＜]|低于|以下|不足|不满/.test(clause) && !/≥|≤得分|以上|\(含\)/.test(clause);
    const min = onlyUpper ? 0 : Math.min(...nums);
    bands.push({ name: g[1], aliases: KNOWN_ALIASES[g[1]] ?? [], min: String(min) });
  }
  if (bands.length < 3) return null;
  bands.sort((a, b) => Number(b.min) - Number(a.min));
  return {
    id: 'sheet',
    title: bands.map((b, i) => (i === bands.length - 1 ? `${b.name} <${bands[i - 1]?.min ?? ''}` : `${b.name} ≥${b.min}`)).join('，'),
    bands,
  };
}

export function findGradeScheme(grid: Grid): GradeScheme | null {
  // Every cell of the sheet in the order `grid.rawValue` would give them, read straight from the
  // snapshot's rows: a sheet of 100,000 rows is 800,000 cells, each paying a method call and bounds
  // checks that a plain walk over the rows does not need.
  for (const row of grid.snap.values) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (typeof v !== 'string' || v.length < 12 || !v.includes('为')) continue;
      const scheme = parseGradeBands(v);
      if (scheme) return scheme;
    }
  }
  return null;
}
