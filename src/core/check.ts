import type { SheetSnapshot } from './snapshot.js';
import type { SheetReport } from './report.js';
import type { RulePackName } from './rules/packs.js';

export interface CheckOptions {
  rules?: RulePackName;
}

/** Recognise every form on the sheet, recompute it and report each contradiction. (stub: being written) */
export function checkSheet(snapshot: SheetSnapshot, _options: CheckOptions = {}): SheetReport {
  return { sheet: snapshot.sheet, forms: [], findings: [] };
}
