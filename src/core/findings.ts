import type { Finding, FindingCode, Severity } from './report.js';

/** Each code has one severity, whatever produced it. */
export const SEVERITY: Record<FindingCode, Severity> = {
  'score-exceeds-weight': 'error',
  'score-negative': 'error',
  'score-mismatch': 'error',
  'score-out-of-tier': 'error',
  'score-not-allowed-by-criteria': 'error',
  'subtotal-mismatch': 'error',
  'weight-subtotal-mismatch': 'error',
  'weight-label-mismatch': 'error',
  'total-mismatch': 'error',
  'weight-total-not-100': 'error',
  'execution-rate-mismatch': 'error',
  'grade-mismatch': 'error',
  'missing-deviation-reason': 'warning',
  'nonstandard-level1-weights': 'warning',
  'over-achievement': 'warning',
  'approximate-value-mismatch': 'warning',
  'score-tier-uncertain': 'warning',
  'number-not-readable': 'warning',
  'value-not-scoreable': 'info',
};

/** Short titles for grouping findings in reports and the task pane. */
export const CODE_TITLES: Record<FindingCode, { zh: string; en: string }> = {
  'score-exceeds-weight': { zh: '得分超过分值', en: 'Score exceeds weight' },
  'score-negative': { zh: '得分为负', en: 'Negative score' },
  'score-mismatch': { zh: '得分与计分规则不符', en: 'Score differs from the rules' },
  'score-out-of-tier': { zh: '定性得分超出档次', en: 'Qualitative score outside its tier' },
  'score-not-allowed-by-criteria': { zh: '评价标准不允许该得分', en: 'Score not allowed by the criteria' },
  'subtotal-mismatch': { zh: '小计与下级得分之和不符', en: 'Subtotal differs from its rows' },
  'weight-subtotal-mismatch': { zh: '分值与下级分值之和不符', en: 'Level weight differs from its rows' },
  'weight-label-mismatch': { zh: '标签分值与分值列不符', en: 'Label weight differs from the weight column' },
  'total-mismatch': { zh: '总分与各项得分之和不符', en: 'Total differs from the sum of scores' },
  'weight-total-not-100': { zh: '分值合计不是 100', en: 'Weights do not add to 100' },
  'execution-rate-mismatch': { zh: '执行率计算有误', en: 'Execution rate miscalculated' },
  'grade-mismatch': { zh: '等级与总分不符', en: 'Grade does not match the total' },
  'missing-deviation-reason': { zh: '缺少偏差原因', en: 'Missing deviation reason' },
  'nonstandard-level1-weights': { zh: '一级指标分值非标准', en: 'Non-standard level-1 weights' },
  'over-achievement': { zh: '超额完成，目标可能偏低', en: 'Over-achievement: target may be too low' },
  'approximate-value-mismatch': { zh: '约数下得分可能不符', en: 'Score may differ (approximate values)' },
  'score-tier-uncertain': { zh: '定性档次系推断，得分可能不符', en: 'Qualitative tier guessed: score may differ' },
  'number-not-readable': { zh: '无法识别的数字', en: 'Unreadable number' },
  'value-not-scoreable': { zh: '无法核算', en: 'Not scoreable' },
};

export const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];

export function makeFinding(
  code: FindingCode,
  sheet: string,
  cell: string,
  text: { zh: string; en: string },
  extra: Partial<Pick<Finding, 'declared' | 'expected' | 'path' | 'inputs' | 'rule'>> = {},
): Finding {
  return {
    code,
    severity: SEVERITY[code],
    sheet,
    cell,
    message: text.zh,
    messageEn: text.en,
    declared: extra.declared ?? null,
    expected: extra.expected ?? null,
    path: extra.path ?? [],
    inputs: extra.inputs ?? {},
    rule: extra.rule ?? '',
  };
}

/** Errors first, then warnings, then info; within a severity by code, then by sheet position. */
export function sortFindings(findings: Finding[]): Finding[] {
  const cellKey = (c: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c);
    if (!m) return 0;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    return Number(m[2]) * 100000 + col;
  };
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.sheet.localeCompare(b.sheet) ||
      cellKey(a.cell) - cellKey(b.cell) ||
      a.code.localeCompare(b.code),
  );
}
