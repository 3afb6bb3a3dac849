/**
 * `suggestPack`: the pack a sheet's (or one form's) layout suggests, for hosts and `--rules auto`.
 * The detection itself is detect-pack.ts, run once per form while checking; this reads its result
 * from a report, or checks the snapshot when no report is at hand.
 */
import { checkSheet } from './check.js';
import type { FormReport, PackSuggestion, SheetReport } from './report.js';
import type { SheetSnapshot } from './snapshot.js';

export function suggestPack(snapshot: SheetSnapshot | null, report?: SheetReport | FormReport | null): PackSuggestion | null {
  const r = report ?? (snapshot ? checkSheet(snapshot) : null);
  if (!r) return null;
  const forms: FormReport[] = 'forms' in r ? r.forms : [r];
  return forms.find((f) => f.suggestedRules)?.suggestedRules ?? null;
}
