/**
 * Recognise, compute, compare, report: one sheet snapshot in, the forms' figures and every
 * contradiction out. Figures are computed once per form (figures.ts); each finding rule of the
 * registry (rules/registry.ts) compares them; the report copies them (form-report.ts).
 */
import type { SheetSnapshot } from './snapshot.js';
import type { Finding, SheetReport } from './report.js';
import type { Form } from './form.js';
import { getPack, type RulePack, type RulePackName } from './rules/packs.js';
import { recognise } from './recognise/recognise.js';
import { computeFigures, type FormFigures } from './figures.js';
import { formReport } from './form-report.js';
import { FINDING_RULES } from './rules/registry.js';
import type { FindingRule, Report } from './rules/types.js';
import { interpolate } from './rules/interpolate.js';
import { sortFindings } from './findings.js';
import { linkCauses } from './rules/causes.js';

export interface CheckOptions {
  rules?: RulePackName;
}

export function checkSheet(snapshot: SheetSnapshot, options: CheckOptions = {}): SheetReport {
  const pack = getPack(options.rules);
  const findings: Finding[] = [];
  const forms = recognise(snapshot).map((form) => {
    const figures = computeFigures(form, pack);
    findings.push(...linkCauses(runRules(form, pack, figures), figures));
    return formReport(form, pack, figures);
  });
  return { sheet: snapshot.sheet, forms, findings: sortFindings(findings) };
}

/** Every rule of the registry over one form's figures, in registry order. */
export function runRules(form: Form, pack: RulePack, figures: FormFigures, rules: readonly FindingRule[] = FINDING_RULES as unknown as FindingRule[]): Finding[] {
  const out: Finding[] = [];
  const sheet = form.sheet;
  // A rule names its pack rule once per finding: each name is made once per form.
  const names = new Map<string, string>();
  const ruleName = (name: string): string => {
    let full = names.get(name);
    if (full === undefined) names.set(name, (full = `${pack.name}/${name}`));
    return full;
  };
  for (const rule of rules) {
    const { meta } = rule;
    rule.check({ form, pack, figures, rule: ruleName, report: (r) => out.push(toFinding(meta, sheet, r)) });
  }
  return out;
}

function toFinding(meta: FindingRule['meta'], sheet: string, r: Report): Finding {
  const template = meta.messages[r.messageId];
  if (!template) throw new RangeError(`规则 ${meta.code} 没有消息 ${r.messageId}`);
  const suggest = meta.suggests && r.suggest != null && /^-?\d+(\.\d+)?$/.test(r.suggest) ? r.suggest : null;
  return {
    code: meta.code as Finding['code'],
    severity: meta.severity,
    sheet,
    cell: r.cell,
    message: interpolate(template.zh, r.data, 'zh'),
    messageEn: interpolate(template.en, r.data, 'en'),
    declared: r.declared ?? null,
    expected: r.expected ?? null,
    path: r.path ?? [],
    inputs: r.inputs ?? {},
    rule: r.rule,
    suggestion: suggest === null ? null : { cell: r.cell, value: suggest },
    causedBy: null,
  };
}
