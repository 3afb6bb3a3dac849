/**
 * The words a user reads for the same things everywhere: summary labels, the states a form or a
 * finding can be in, severities and verdicts. Keyed by the ids the CLI's text report uses for the
 * same figures (src/cli/report-text.ts: 填报 / 各项之和 / 按规则重算 / 计算 / 应为), so the CLI and
 * README can take their words from here. Finding titles and fixes are the registry's (CODE_TITLES,
 * findingMeta(code).fix): one title per code, never restated here.
 */
import { CODE_TITLES, findingMeta, type FindingCode, type Severity, type Verdict } from '../../core/index.js';
import type { Locale } from '../../host/index.js';

export interface Term {
  zh: string;
  en: string;
}

export const GLOSSARY = {
  declared: { zh: '填报', en: 'Declared' },
  summed: { zh: '各项之和', en: 'Sum of items' },
  recomputed: { zh: '按规则重算', en: 'Recomputed' },
  computed: { zh: '计算', en: 'Computed' },
  expected: { zh: '应为', en: 'Should be' },
  suggested: { zh: '建议值', en: 'Suggested' },
  empty: { zh: '空', en: 'empty' },
  total: { zh: '总分', en: 'Total' },
  weightTotal: { zh: '分值合计', en: 'Weights total' },
  executionRate: { zh: '预算执行率', en: 'Budget execution rate' },
  executionScore: { zh: '执行率得分', en: 'Execution score' },
  weight: { zh: '分值', en: 'Weight' },
  grade: { zh: '等级', en: 'Grade' },
  notScored: { zh: '尚未填写得分', en: 'No scores entered yet' },
  rules: { zh: '规则包', en: 'Rule pack' },
  howToFix: { zh: '如何修改', en: 'How to fix' },
} satisfies Record<string, Term>;

export type TermId = keyof typeof GLOSSARY;

export const SEVERITY_TERMS: Record<Severity, Term> = {
  error: { zh: '错误', en: 'Error' },
  warning: { zh: '警告', en: 'Warning' },
  info: { zh: '提示', en: 'Note' },
};

/** The marks the CLI prints before a severity; the pane shows an icon and the same word. */
export const SEVERITY_MARKS: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ℹ' };

export const VERDICT_TERMS: Record<Verdict, Term> = {
  通过: { zh: '通过', en: 'Pass' },
  需复核: { zh: '需复核', en: 'Needs review' },
  退回修改: { zh: '退回修改', en: 'Return for correction' },
};

const lang = (locale: Locale): 'zh' | 'en' => (locale === 'en-US' ? 'en' : 'zh');

export function term(id: TermId, locale: Locale): string {
  return GLOSSARY[id][lang(locale)];
}

/** The registry's one title for a code. */
export function codeTitle(code: FindingCode, locale: Locale): string {
  return CODE_TITLES[code][lang(locale)];
}

/** The registry's one-line 如何修改 for a code; '' for a code this version does not know. */
export function codeFix(code: FindingCode, locale: Locale): string {
  try {
    return findingMeta(code).fix[lang(locale)];
  } catch {
    return '';
  }
}
