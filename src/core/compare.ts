/**
 * How a declared figure is compared with a computed one (docs/rules.md §Rounding), shared by the
 * rules and by the report's aggregate cells so both say "agrees" the same way.
 */
import { type Dec, agreesAt, eq, show, str } from './decimal.js';
import type { NumFig } from './form.js';
import type { GradeScheme, RulePack } from './rules/packs.js';
import { normalizeLabel } from './text.js';

/** Scores compare at the declared precision, never looser than the pack's minimum. */
export function scoreAgrees(pack: RulePack, declared: NumFig, expected: Dec): boolean {
  if (eq(declared.value, expected)) return true;
  return agreesAt(declared.value, expected, Math.max(declared.decimals, pack.tolerance.scoreMinDecimals));
}

/** Decimals a declared rate is compared at: as written, never fewer than the pack's minimum. */
export function rateDecimals(pack: RulePack, declared: NumFig): number {
  return Math.max(declared.decimals, pack.tolerance.rateMinDecimals);
}

export function rateAgrees(pack: RulePack, declared: NumFig, computed: Dec): boolean {
  return agreesAt(declared.value, computed, rateDecimals(pack, declared));
}

/** A declared number as the user reads it, without units (“10 分” → 10). */
export function shown(f: NumFig): string {
  return str(f.value) ?? f.text.trim();
}

export function pct(x: Dec, dp = 2): string {
  return `${show(x.mul(100), dp)}%`;
}

/** The declared grade word names the computed band (or one of its aliases). */
export function gradeMatches(declared: string, computed: string, scheme: GradeScheme): boolean {
  const d = normalizeLabel(declared).replace(/^[“"']|[”"']$/g, '');
  const band = scheme.bands.find((b) => b.name === computed);
  if (!band) return false;
  return d === band.name || band.aliases.includes(d);
}
