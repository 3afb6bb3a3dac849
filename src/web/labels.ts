/** Words and small derivations the web checker's components share. */
import { verdictOf, type Finding, type Severity } from '../core/index.js';
import { NO_MARKS, unmarked, type MarkIndex } from './marks.js';
import type { CheckedForm, FileCheck, Verdict } from './protocol.js';

export const SEVERITY_ZH: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export const VERDICT_CLASS: Record<Verdict, string> = { 通过: 'v-pass', 需复核: 'v-review', 退回修改: 'v-return' };

export type FileVerdict = Verdict | '未找到自评表' | '无法读取' | '检查中' | '等待';

const RANK: Verdict[] = ['通过', '需复核', '退回修改'];

/** The form's 结论 from the findings nobody marked 忽略 or 已复核. */
export function formVerdict(cf: CheckedForm, marks: MarkIndex = NO_MARKS): Verdict {
  return marks.size ? verdictOf(cf.form, unmarked(cf.findings, marks)) : cf.verdict;
}

export function fileVerdict(check: FileCheck, marks: MarkIndex = NO_MARKS): Verdict | '未找到自评表' {
  if (check.forms.length === 0) return '未找到自评表';
  return check.forms.map((f) => formVerdict(f, marks)).reduce((a, b) => (RANK.indexOf(b) > RANK.indexOf(a) ? b : a));
}

/** Findings per severity, leaving out the marked ones. */
export function countBy(findings: readonly Finding[], marks: MarkIndex = NO_MARKS): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of unmarked(findings, marks)) n[f.severity]++;
  return n;
}

export function allFindings(check: FileCheck): Finding[] {
  return check.forms.flatMap((f) => f.findings);
}

export function countsText(n: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((s) => n[s] > 0).map((s) => `${SEVERITY_ZH[s]} ${n[s]}`);
  return parts.length ? parts.join(' · ') : '无问题';
}

export function kindZh(kind: 'project' | 'department'): string {
  return kind === 'project' ? '项目支出' : '部门整体支出';
}

/** "0.6655" → "66.55%"; null → "—". */
export function percent(rate: string | null): string {
  if (rate === null || rate === '') return '—';
  const n = Number(rate);
  if (!Number.isFinite(n)) return rate;
  return `${(Math.round(n * 10000) / 100).toString()}%`;
}

export function orDash(s: string | null | undefined): string {
  return s === null || s === undefined || s === '' ? '—' : s;
}
