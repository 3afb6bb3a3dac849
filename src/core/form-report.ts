/**
 * The FormReport of one form: its figures (figures.ts) copied into the plain JSON shape hosts
 * read, and the aggregate cells a write-back may change, each with whether it already agrees.
 */
import { type Dec, show, str } from './decimal.js';
import type { Form, NumFig } from './form.js';
import type { FormFigures } from './figures.js';
import type { AggregateCell, FormReport, IndicatorReport } from './report.js';
import type { RulePack } from './rules/packs.js';
import { gradeMatches, rateAgrees, scoreAgrees } from './compare.js';
import { toA1 } from './snapshot.js';

function rangeA1(form: Form): string {
  const r = form.range;
  return `${toA1(r.top, r.left)}:${toA1(r.bottom, r.right)}`;
}

function indicatorReports(form: Form, fig: FormFigures): IndicatorReport[] {
  const dp = fig.scoreDecimals;
  return fig.scored.map((s) => ({
    path: s.ind.path,
    weight: str(s.weight),
    declared: str(s.ind.score?.value ?? null),
    recomputed: s.recomputed ? show(s.recomputed, dp) : null,
    method: s.evaluation.method === 'criteria' ? `criteria:${s.evaluation.criteriaPattern}` : s.evaluation.method,
    cells: {
      name: s.ind.nameCell?.cell ?? null,
      score: s.ind.score?.cell ?? (form.columns.score !== undefined ? toA1(s.ind.row, form.columns.score) : null),
      weight: s.weightCell,
      target: s.ind.target?.cell ?? null,
      actual: s.ind.actual?.cell ?? null,
      explanation: s.ind.explanation?.cell ?? null,
      criteria: s.ind.criteria?.cell ?? null,
    },
    target: s.ind.target?.text.trim() ?? null,
    actual: s.ind.actual?.text.trim() ?? null,
  }));
}

function aggregateCells(form: Form, pack: RulePack, fig: FormFigures): AggregateCell[] {
  const out: AggregateCell[] = [];
  const dp = fig.scoreDecimals;
  const funds = form.funds;
  const agrees = (f: NumFig | null, expected: Dec) => f !== null && scoreAgrees(pack, f, expected);
  const { rate, declared: execDeclared, computed: execComputed } = fig.execution;
  if (rate) {
    for (const r of funds?.rates ?? []) {
      out.push({ cell: r.cell, role: 'execution-rate', label: '执行率', declared: str(r.value), expected: show(rate, 6), formula: r.formula, agrees: rateAgrees(pack, r, rate) });
    }
  }
  if (execDeclared && execComputed) {
    out.push({ cell: execDeclared.cell, role: 'execution-score', label: '预算执行率得分', declared: str(execDeclared.value), expected: show(execComputed, dp), formula: execDeclared.formula, agrees: agrees(execDeclared, execComputed) });
  }
  for (const l of fig.levels) {
    const f = l.declaredScore;
    if (!f) continue;
    out.push({ cell: f.cell, role: 'level-score', label: `${l.node.name} 小计得分`, declared: str(f.value), expected: show(l.expectedScore, dp), formula: f.formula, agrees: agrees(f, l.expectedScore) });
  }
  const total = fig.totals.writeBack;
  if (form.total?.scoreCell) {
    const f = form.total.score;
    out.push({ cell: form.total.scoreCell, role: 'total-score', label: '总分', declared: str(f?.value ?? null), expected: show(total, dp), formula: form.total.scoreFig?.formula ?? null, agrees: agrees(f, total) });
  }
  if (fig.fundsHoldTotal && funds?.score) {
    out.push({ cell: funds.score.cell, role: 'funds-total-score', label: '项目资金行得分（总分）', declared: str(funds.score.value), expected: show(total, dp), formula: funds.score.formula, agrees: agrees(funds.score, total) });
  }
  if (form.grade) {
    const { declared, computed, scheme } = fig.grade;
    out.push({ cell: form.grade.cell, role: 'grade', label: '自评等级', declared, expected: computed, formula: form.grade.fig?.formula ?? null, agrees: declared !== null && gradeMatches(declared, computed, scheme) });
  }
  return out;
}

export function formReport(form: Form, pack: RulePack, fig: FormFigures): FormReport {
  const funds = form.funds;
  const dp = fig.scoreDecimals;
  const holds = fig.fundsHoldTotal;
  const totalDeclared = form.total?.score ?? (holds ? funds?.score ?? null : null);
  const { execution: x } = fig;
  return {
    sheet: form.sheet,
    kind: form.kind,
    range: rangeA1(form),
    title: form.title,
    rules: pack.name,
    total: {
      cell: form.total?.scoreCell ?? (holds ? funds?.score?.cell ?? null : null),
      declared: str(totalDeclared?.value ?? null),
      sum: show(fig.totals.sum, dp),
      recomputed: show(fig.totals.recomputed, dp),
    },
    weightTotal: str(fig.totals.weight)!,
    executionRate: {
      cell: funds?.rates[0]?.cell ?? null,
      declared: str(funds?.rates[0]?.value ?? null),
      computed: x.rate ? show(x.rate, 6) : null,
      budget: str(funds?.budget?.value ?? null),
      executed: str(funds?.executed?.value ?? null),
      score: {
        cell: x.declared?.cell ?? null,
        weight: str(x.weight),
        declared: str(x.declared?.value ?? null),
        computed: x.computed ? show(x.computed, dp) : null,
      },
    },
    grade: { cell: form.grade?.cell ?? null, declared: fig.grade.declared, computed: fig.grade.computed, scheme: fig.grade.scheme.title },
    indicators: indicatorReports(form, fig),
    aggregates: aggregateCells(form, pack, fig),
    suggestedRules: fig.suggestion,
  };
}
