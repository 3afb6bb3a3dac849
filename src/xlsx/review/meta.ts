/**
 * What the review workbook and the annotated copies say about a finding code: its title (审核要点),
 * severity and how to fix it (整改建议), all from the core's registry.
 */
import { findingMeta, type FindingCode, type Severity } from '../../core/index.js';

export interface ReviewMeta {
  title: string;
  severity: Severity;
  fix: string;
}

export function reviewMeta(code: FindingCode): ReviewMeta {
  const meta = findingMeta(code);
  return { title: meta.title.zh, severity: meta.severity, fix: meta.fix.zh };
}
