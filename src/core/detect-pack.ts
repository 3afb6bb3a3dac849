/**
 * Pack detection (docs/rules.md §Pack detection): which province pack a form's layout points to,
 * from the signatures the packs declare (`RulePack.signature`). Only a suggestion: the report
 * says it (`rules-pack-suggested`, `FormReport.suggestedRules`); nothing switches by itself.
 */
import type { Form } from './form.js';
import type { FormFigures } from './figures.js';
import type { PackSuggestion } from './report.js';
import { RULE_PACKS, type PackSignature, type RulePack } from './rules/packs.js';
import { normalizeLabel } from './text.js';

function matches(sig: PackSignature, form: Form, figures: Pick<FormFigures, 'execution' | 'indicatorWeightSum'>): boolean {
  if (form.kind !== 'project') return false;
  const exec = figures.execution.weight;
  if (sig.executionWeight !== undefined && !(exec && exec.eq(sig.executionWeight))) return false;
  if (sig.indicatorWeight !== undefined && !figures.indicatorWeightSum.eq(sig.indicatorWeight)) return false;
  const roles = form.columns as Record<string, number | undefined>;
  if (sig.columns?.some((c) => roles[c] === undefined)) return false;
  if (sig.words?.length) {
    const headers = new Set(Object.values(form.headerCells).map((f) => normalizeLabel(f?.text ?? '')));
    const found = sig.words.filter((w) => headers.has(normalizeLabel(w))).length;
    if (found < (sig.minWords ?? sig.words.length)) return false;
  }
  return true;
}

/** The first pack (in RULE_PACKS order) other than the one in use whose signature the form carries. */
export function detectPack(
  form: Form,
  figures: Pick<FormFigures, 'execution' | 'indicatorWeightSum'>,
  inUse: RulePack,
): PackSuggestion | null {
  for (const pack of Object.values(RULE_PACKS)) {
    if (pack.name === inUse.name || !pack.signature) continue;
    // The pack in use already expects this layout: nothing to suggest.
    if (inUse.signature && matches(inUse.signature, form, figures)) return null;
    if (matches(pack.signature, form, figures)) return { pack: pack.name, reason: pack.signature.reason };
  }
  return null;
}
