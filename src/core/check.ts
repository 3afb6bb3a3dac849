/**
 * Recognise, recompute, report: one sheet snapshot in, the forms' figures and every contradiction out.
 */
import { D, type Dec, ZERO, agreesAt, clamp, constant, min, roundTo, show, str, sum } from './decimal.js';
import { toA1, type SheetSnapshot } from './snapshot.js';
import type { AggregateCell, Finding, FormReport, IndicatorReport, SheetReport } from './report.js';
import { getPack, type GradeScheme, type RulePack, type RulePackName } from './rules/packs.js';
import { recognise } from './recognise/recognise.js';
import { canonicalLevel } from './recognise/table.js';
import { walkIndicators, type Form, type Indicator, type LevelNode, type NumFig } from './form.js';
import { evaluateCriteria, evaluatePair, type Evaluation } from './score/evaluate.js';
import { tierGuessFinding } from './score/tier-guess.js';
import { isAllowed, nearestAllowed, describeAllowed } from './criteria.js';
import { makeFinding, sortFindings } from './findings.js';
import { normalizeLabel } from './text.js';
import { readValue } from './values.js';

export interface CheckOptions {
  rules?: RulePackName;
}

export function checkSheet(snapshot: SheetSnapshot, options: CheckOptions = {}): SheetReport {
  const pack = getPack(options.rules);
  const forms = recognise(snapshot);
  const findings: Finding[] = [];
  const reports = forms.map((f) => checkForm(f, pack, findings));
  return { sheet: snapshot.sheet, forms: reports, findings: sortFindings(findings) };
}

/** Scores compare at the declared precision, never looser than the pack's minimum. */
function scoreAgrees(pack: RulePack, declared: NumFig, expected: Dec): boolean {
  if (declared.value.eq(expected)) return true;
  return agreesAt(declared.value, expected, Math.max(declared.decimals, pack.tolerance.scoreMinDecimals));
}

/** A declared number as the user reads it, without units (“10 分” → 10). */
function shown(f: NumFig): string {
  return str(f.value) ?? f.text.trim();
}

function pct(x: Dec, dp = 2): string {
  return `${show(x.mul(100), dp)}%`;
}

interface Scored {
  ind: Indicator;
  weight: Dec | null;
  weightCell: string | null;
  evaluation: Evaluation;
  recomputed: Dec | null;
}

function weightOf(ind: Indicator): { value: Dec | null; cell: string | null } {
  if (ind.weight) return { value: ind.weight.value, cell: ind.weight.cell };
  if (ind.labelWeight) return { value: ind.labelWeight, cell: ind.nameCell?.cell ?? null };
  return { value: null, cell: null };
}

function levelWeight(node: LevelNode): Dec | null {
  const declared = node.subtotal?.weight?.value ?? node.labelWeight;
  if (declared) return declared;
  return childWeightSum(node);
}

/** Levels are visited by several checks; the tree does not change once recognised. */
const childWeights = new WeakMap<LevelNode, Dec | null>();

function childWeightSum(node: LevelNode): Dec | null {
  if (childWeights.has(node)) return childWeights.get(node)!;
  let total: Dec | null = null;
  for (const c of node.children) {
    const w = c.type === 'level' ? levelWeight(c) : c.weight?.value ?? c.labelWeight;
    if (w) total = total ? total.plus(w) : w;
  }
  childWeights.set(node, total);
  return total;
}

function levelWeightCell(node: LevelNode): string | null {
  return node.subtotal?.weight?.cell ?? (node.labelWeight ? node.labelCell?.cell ?? null : null);
}

function gradeOf(total: Dec, scheme: GradeScheme): string {
  for (const b of scheme.bands) if (total.gte(constant(b.min))) return b.name;
  return scheme.bands[scheme.bands.length - 1].name;
}

function gradeMatches(declared: string, computed: string, scheme: GradeScheme): boolean {
  const d = normalizeLabel(declared).replace(/^[“"']|[”"']$/g, '');
  const band = scheme.bands.find((b) => b.name === computed);
  if (!band) return false;
  return d === band.name || band.aliases.includes(d);
}

function checkForm(form: Form, pack: RulePack, findings: Finding[]): FormReport {
  const sheet = form.sheet;
  const add = (f: Finding) => findings.push(f);
  const indicators = walkIndicators(form.levels);

  for (const u of form.unreadable) {
    add(
      makeFinding('number-not-readable', sheet, u.cell, {
        zh: `“${u.text.trim()}”不是可识别的数字，本格未计入合计`,
        en: `“${u.text.trim()}” is not a readable number and was left out of the sums`,
      }, { declared: u.text.trim(), rule: `${pack.name}/values` }),
    );
  }

  // Funds block: the execution rate and either its score or, on some forms, the form total.
  const funds = form.funds;
  const indicatorWeightSum = sum(indicators.map((i) => i.weight?.value ?? i.labelWeight ?? ZERO));
  if (funds?.weight && indicatorWeightSum.gt(0) && funds.weight.value.gte(indicatorWeightSum)) funds.holdsTotal = true;
  const computedRate =
    funds?.budget && funds.executed && funds.budget.value.gt(0) ? funds.executed.value.div(funds.budget.value) : null;
  const rateForScore = computedRate ?? funds?.rates[0]?.value ?? null;
  for (const r of funds?.rates ?? []) {
    if (!computedRate) break;
    const dp = Math.max(r.decimals, 2);
    if (!agreesAt(r.value, computedRate, dp)) {
      add(
        makeFinding('execution-rate-mismatch', sheet, r.cell, {
          zh: `执行率填报 ${r.text.trim()}，按 执行数 ${show(funds!.executed!.value, 6)} ÷ 预算数 ${show(funds!.budget!.value, 6)} 计算应为 ${pct(computedRate, Math.max(dp - 2, 0))}`,
          en: `Execution rate declared ${r.text.trim()}; executed ${show(funds!.executed!.value, 6)} ÷ budget ${show(funds!.budget!.value, 6)} gives ${pct(computedRate, Math.max(dp - 2, 0))}`,
        }, {
          declared: str(r.value),
          expected: show(computedRate, dp),
          path: ['预算执行率'],
          inputs: { budget: str(funds!.budget!.value)!, executed: str(funds!.executed!.value)! },
          rule: `${pack.name}/execution.rate`,
        }),
      );
    }
  }
  const execWeight = funds && !funds.holdsTotal ? funds.weight?.value ?? null : null;
  const execComputed =
    execWeight && rateForScore ? min(rateForScore, constant(pack.execution.cap)).mul(execWeight) : null;
  const execDeclared = funds && !funds.holdsTotal ? funds.score : null;
  if (execDeclared && execWeight) {
    if (execDeclared.value.lt(0)) {
      add(scoreNegative(sheet, execDeclared, ['预算执行率'], pack));
    } else if (execDeclared.value.gt(execWeight)) {
      add(scoreExceeds(sheet, execDeclared, execWeight, ['预算执行率'], pack, execComputed));
    } else if (execComputed && !scoreAgrees(pack, execDeclared, execComputed)) {
      add(
        makeFinding('score-mismatch', sheet, execDeclared.cell, {
          zh: `预算执行率得分应为 ${show(execComputed)}（执行率 ${pct(rateForScore!)} × 分值 ${show(execWeight)}${rateForScore!.gt(pack.execution.cap) ? '，以满分为限' : ''}），填报 ${shown(execDeclared)}`,
          en: `Execution score should be ${show(execComputed)} (rate ${pct(rateForScore!)} × weight ${show(execWeight)}), declared ${shown(execDeclared)}`,
        }, {
          declared: str(execDeclared.value),
          expected: show(execComputed),
          path: ['预算执行率'],
          inputs: { rate: str(roundTo(rateForScore!, 6))!, weight: str(execWeight)! },
          rule: `${pack.name}/execution.score`,
        }),
      );
    }
  }

  // Indicators.
  const scored: Scored[] = indicators.map((ind) => scoreIndicator(form, ind, pack, computedRate, add));

  // Levels: declared weights and subtotals against their children.
  const checkLevel = (node: LevelNode, path: string[]) => {
    const p = [...path, node.name];
    const children = childWeightSum(node);
    const declaredWeight = node.subtotal?.weight ?? null;
    const declaredW = declaredWeight?.value ?? node.labelWeight;
    const wCell = levelWeightCell(node);
    if (declaredW && children && !declaredW.eq(children) && wCell) {
      add(
        makeFinding('weight-subtotal-mismatch', sheet, wCell, {
          zh: `“${node.name}”的分值 ${show(declaredW)} 与下级分值之和 ${show(children)} 不符`,
          en: `“${node.name}” weight ${show(declaredW)} differs from the sum of its rows ${show(children)}`,
        }, { declared: str(declaredW), expected: str(children), path: p, rule: `${pack.name}/totals.level-weight` }),
      );
    }
    if (node.subtotal?.weight && node.labelWeight && !node.subtotal.weight.value.eq(node.labelWeight) && node.labelCell) {
      add(labelMismatch(sheet, node.labelCell.cell, node.name, node.labelWeight, node.subtotal.weight.value, p, pack));
    }
    const declaredScore = node.subtotal?.score;
    if (declaredScore) {
      const s = declaredChildScore(node);
      if (!scoreAgrees(pack, declaredScore, s)) {
        add(
          makeFinding('subtotal-mismatch', sheet, declaredScore.cell, {
            zh: `“${node.name}”小计 ${shown(declaredScore)} 与下级得分之和 ${show(s)} 不符`,
            en: `“${node.name}” subtotal ${shown(declaredScore)} differs from the sum of its rows ${show(s)}`,
          }, { declared: str(declaredScore.value), expected: show(s), path: p, rule: `${pack.name}/totals.level-score` }),
        );
      }
    }
    for (const c of node.children) if (c.type === 'level') checkLevel(c, p);
  };
  for (const l of form.levels) if (l.type === 'level') checkLevel(l, []);

  // Totals.
  const declaredScores = scored.map((s) => s.ind.score?.value ?? ZERO);
  const indicatorSum = sum(declaredScores);
  const totalSum = indicatorSum.plus(execDeclared?.value ?? ZERO);
  const recomputed = sum(scored.map((s) => s.recomputed ?? ZERO)).plus(execComputed ?? execDeclared?.value ?? ZERO);
  const weightTotal = indicatorWeightSum.plus(execWeight ?? ZERO);
  const totalDeclared = form.total?.score ?? null;
  const totalCells = [totalDeclared, funds?.holdsTotal ? funds.score : null].filter((x): x is NumFig => x !== null);
  for (const t of totalCells) {
    if (!scoreAgrees(pack, t, totalSum)) {
      add(
        makeFinding('total-mismatch', sheet, t.cell, {
          zh: `总分 ${shown(t)} 与各项得分之和 ${show(totalSum)} 不符`,
          en: `Total ${shown(t)} differs from the sum of the scores ${show(totalSum)}`,
        }, { declared: str(t.value), expected: show(totalSum), path: ['总分'], rule: `${pack.name}/totals.total` }),
      );
    }
  }
  const target = constant(pack.project.totalWeight);
  const declaredTotalWeights = [form.total?.weight ?? null, funds?.holdsTotal ? funds.weight : null].filter(
    (x): x is NumFig => x !== null,
  );
  const weightCell = form.total?.weightCell ?? form.headerCells.weight?.cell ?? form.headerCells.score?.cell ?? null;
  if (indicators.length && !weightTotal.eq(target) && weightCell && indicatorWeightSum.gt(0)) {
    add(
      makeFinding('weight-total-not-100', sheet, form.total?.weight?.cell ?? weightCell, {
        zh: `各项分值合计为 ${show(weightTotal)}${execWeight ? `（指标 ${show(indicatorWeightSum)} + 预算执行率 ${show(execWeight)}）` : ''}，应为 ${show(target)}`,
        en: `Weights add to ${show(weightTotal)}, not ${show(target)}`,
      }, { declared: str(weightTotal), expected: str(target), path: ['总分'], rule: `${pack.name}/totals.weight` }),
    );
  }
  for (const w of declaredTotalWeights) {
    if (!w.value.eq(weightTotal) && weightTotal.gt(0)) {
      add(
        makeFinding('weight-subtotal-mismatch', sheet, w.cell, {
          zh: `总分值填报 ${show(w.value)}，各项分值之和为 ${show(weightTotal)}`,
          en: `Total weight declared ${show(w.value)}, the rows add to ${show(weightTotal)}`,
        }, { declared: str(w.value), expected: str(weightTotal), path: ['总分'], rule: `${pack.name}/totals.weight` }),
      );
    }
  }

  if (form.kind === 'project') nonstandardWeights(form, pack, execWeight, add);

  // Grade.
  const scheme = form.gradeScheme ?? pack.grades[form.kind];
  const computedGrade = gradeOf(roundTo(recomputed, 2), scheme);
  const declaredGrade = form.grade?.fig?.text.trim() || null;
  if (form.grade && declaredGrade && !gradeMatches(declaredGrade, computedGrade, scheme)) {
    add(
      makeFinding('grade-mismatch', sheet, form.grade.cell, {
        zh: `按重新计算的总分 ${show(recomputed)}，等级应为“${computedGrade}”（${scheme.title}），填报“${declaredGrade}”`,
        en: `With the recomputed total ${show(recomputed)} the grade is “${computedGrade}” (${scheme.title}), declared “${declaredGrade}”`,
      }, { declared: declaredGrade, expected: computedGrade, path: ['等级'], inputs: { total: show(recomputed) }, rule: `${pack.name}/grade.${scheme.id}` }),
    );
  }

  const reportIndicators: IndicatorReport[] = scored.map((s) => ({
    path: s.ind.path,
    weight: str(s.weight),
    declared: str(s.ind.score?.value ?? null),
    recomputed: s.recomputed ? show(s.recomputed) : null,
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

  const aggregates = aggregateCells(form, pack, scored, {
    computedRate,
    execComputed,
    execDeclared,
    scheme,
    computedGrade,
  });

  return {
    sheet,
    kind: form.kind,
    range: rangeA1(form),
    title: form.title,
    rules: pack.name,
    total: {
      cell: form.total?.scoreCell ?? (funds?.holdsTotal ? funds.score?.cell ?? null : null),
      declared: str(totalDeclared?.value ?? (funds?.holdsTotal ? funds.score?.value ?? null : null)),
      sum: show(totalSum),
      recomputed: show(recomputed),
    },
    weightTotal: str(weightTotal)!,
    executionRate: {
      cell: funds?.rates[0]?.cell ?? null,
      declared: str(funds?.rates[0]?.value ?? null),
      computed: computedRate ? show(computedRate, 6) : null,
      budget: str(funds?.budget?.value ?? null),
      executed: str(funds?.executed?.value ?? null),
      score: {
        cell: execDeclared?.cell ?? null,
        weight: str(execWeight),
        declared: str(execDeclared?.value ?? null),
        computed: execComputed ? show(execComputed) : null,
      },
    },
    grade: { cell: form.grade?.cell ?? null, declared: declaredGrade, computed: computedGrade, scheme: scheme.title },
    indicators: reportIndicators,
    aggregates,
  };
}

function rangeA1(form: Form): string {
  const r = form.range;
  return `${toA1(r.top, r.left)}:${toA1(r.bottom, r.right)}`;
}

function declaredChildScore(node: LevelNode): Dec {
  return sum(
    node.children.map((c) =>
      c.type === 'level' ? c.subtotal?.score?.value ?? declaredChildScore(c) : c.score?.value ?? ZERO,
    ),
  );
}

function scoreNegative(sheet: string, s: NumFig, path: string[], pack: RulePack): Finding {
  return makeFinding('score-negative', sheet, s.cell, {
    zh: `得分 ${shown(s)} 为负数，得分最低为 0`,
    en: `Score ${shown(s)} is negative; the minimum is 0`,
  }, { declared: str(s.value), expected: '0', path, rule: `${pack.name}/cap` });
}

function scoreExceeds(sheet: string, s: NumFig, weight: Dec, path: string[], pack: RulePack, expected: Dec | null): Finding {
  const exp = expected ? min(expected, weight) : weight;
  return makeFinding('score-exceeds-weight', sheet, s.cell, {
    zh: `得分 ${shown(s)} 超过分值 ${show(weight)}，最高只能得 ${show(weight)} 分${expected ? `；按规则应为 ${show(exp)}` : ''}`,
    en: `Score ${shown(s)} exceeds the weight ${show(weight)}${expected ? `; the rules give ${show(exp)}` : ''}`,
  }, { declared: str(s.value), expected: show(exp), path, inputs: { weight: str(weight)! }, rule: `${pack.name}/cap` });
}

function labelMismatch(sheet: string, cell: string, name: string, label: Dec, column: Dec, path: string[], pack: RulePack): Finding {
  return makeFinding('weight-label-mismatch', sheet, cell, {
    zh: `“${name}”标签中的分值 ${show(label)} 与分值列的 ${show(column)} 不符`,
    en: `“${name}” says ${show(label)} in its label but ${show(column)} in the weight column`,
  }, { declared: str(label), expected: str(column), path, rule: `${pack.name}/totals.label-weight` });
}

function scoreIndicator(
  form: Form,
  ind: Indicator,
  pack: RulePack,
  fundsRate: Dec | null,
  add: (f: Finding) => void,
): Scored {
  const sheet = form.sheet;
  const w = weightOf(ind);
  const path = ind.path;
  const declared = ind.score;
  if (ind.weight && ind.labelWeight && ind.nameCell && !ind.weight.value.eq(ind.labelWeight)) {
    add(labelMismatch(sheet, ind.nameCell.cell, ind.name, ind.labelWeight, ind.weight.value, path, pack));
  }
  let evaluation: Evaluation;
  const hasCriteria = Boolean(ind.criteria?.text.trim());
  if (hasCriteria && w.value) {
    const rate = rateFor(ind, fundsRate);
    evaluation = evaluateCriteria(ind, w.value, pack, rate);
  } else if (w.value) {
    evaluation = evaluatePair(ind, w.value, pack);
  } else {
    evaluation = evaluatePair(ind, ZERO, pack);
  }
  const weight = w.value;
  let recomputed: Dec | null = null;
  const scoreCellFallback = declared?.cell ?? ind.actual?.cell ?? ind.nameCell?.cell ?? null;

  if (declared && weight) {
    const v = declared.value;
    if (v.lt(0)) add(scoreNegative(sheet, declared, path, pack));
    else if (v.gt(weight)) add(scoreExceeds(sheet, declared, weight, path, pack, evaluation.expected));
    else if (evaluation.expected) {
      if (!scoreAgrees(pack, declared, evaluation.expected)) {
        const approx = evaluation.approximate;
        const detail = evaluation.detail?.();
        add(
          makeFinding(approx ? 'approximate-value-mismatch' : 'score-mismatch', sheet, declared.cell, {
            zh: `按${methodName(evaluation)}应得 ${show(evaluation.expected)} 分（${detail?.zh ?? ''}），填报 ${shown(declared)} 分${approx ? '；目标或实际为约数，请人工复核' : ''}`,
            en: `The rules give ${show(evaluation.expected)} (${detail?.en ?? ''}), declared ${shown(declared)}${approx ? '; approximate values, please review' : ''}`,
          }, {
            declared: str(v),
            expected: show(evaluation.expected),
            path,
            inputs: evaluation.inputs,
            rule: evaluation.rule,
          }),
        );
      }
    } else if (evaluation.tier) {
      const { tier, min: lo, max: hi } = evaluation.tier;
      const inside =
        (tier.minInclusive ? v.gte(lo) : v.gt(lo)) && (tier.maxInclusive ? v.lte(hi) : v.lt(hi));
      if (!inside && evaluation.certainty === 'guessed') {
        // RULES.md §2.9: a tier read from loose wording is a guess — a warning that says so, not an error.
        add(tierGuessFinding(sheet, declared, weight, ind, evaluation, path));
      } else if (!inside) {
        const range = `${show(lo)}${tier.minInclusive ? '（含）' : ''}–${show(hi)}${tier.maxInclusive ? '（含）' : '（不含）'}`;
        add(
          makeFinding('score-out-of-tier', sheet, declared.cell, {
            zh: `实际完成值“${ind.actual?.text.trim() ?? ''}”属于“${tier.name}”档，得分应在 ${range} 之间（分值 ${show(weight)} 的 ${pct(new D(tier.min), 0)}–${pct(new D(tier.max), 0)}），填报 ${shown(declared)} 分`,
            en: `The actual “${ind.actual?.text.trim() ?? ''}” puts it in the “${tier.name}” tier: the score should be ${show(lo)}–${show(hi)}, declared ${shown(declared)}`,
          }, {
            declared: str(v),
            expected: show(v.lt(lo) ? lo : hi),
            path,
            inputs: { ...evaluation.inputs, min: show(lo), max: show(hi) },
            rule: evaluation.rule,
          }),
        );
      }
    } else if (evaluation.allowed && !isAllowed(evaluation.allowed, v, Math.max(declared.decimals, pack.tolerance.scoreMinDecimals))) {
      const near = nearestAllowed(evaluation.allowed, v);
      const suggestion = near.below ?? near.above;
      const nearText = [near.below, near.above].filter((x): x is Dec => x !== null).map((x) => show(x)).join(' 或 ');
      add(
        makeFinding('score-not-allowed-by-criteria', sheet, declared.cell, {
          zh: `评价标准（${evaluation.criteriaSummary?.zh ?? ''}）允许的得分为 ${describeAllowed(evaluation.allowed, 'zh')}，填报 ${shown(declared)} 分不在其中${nearText ? `；最接近的是 ${nearText}` : ''}`,
          en: `The criteria (${evaluation.criteriaSummary?.en ?? ''}) allow ${describeAllowed(evaluation.allowed, 'en')}; ${shown(declared)} is not one of them${nearText ? `; nearest: ${nearText.replace(' 或 ', ' or ')}` : ''}`,
        }, {
          declared: str(v),
          expected: suggestion ? show(suggestion) : null,
          path,
          inputs: evaluation.inputs,
          rule: evaluation.rule,
        }),
      );
    }
  }
  if (evaluation.notScoreable && (declared || ind.target || ind.actual)) {
    const cell = ind.actual?.cell ?? ind.target?.cell ?? scoreCellFallback;
    if (cell) {
      add(
        makeFinding('value-not-scoreable', sheet, cell, {
          zh: `无法核算本项得分：${evaluation.notScoreable.zh}（目标“${ind.target?.text.trim() ?? ''}”，实际“${ind.actual?.text.trim() ?? ''}”）`,
          en: `Cannot recompute this score: ${evaluation.notScoreable.en} (target “${ind.target?.text.trim() ?? ''}”, actual “${ind.actual?.text.trim() ?? ''}”)`,
        }, { declared: declared ? str(declared.value) : null, path, inputs: evaluation.inputs, rule: evaluation.rule }),
      );
    }
  }
  if (evaluation.overAchievement && ind.actual) {
    add(
      makeFinding('over-achievement', sheet, ind.actual.cell, {
        zh: `实际完成值“${ind.actual.text.trim()}”达到目标“${ind.target?.text.trim() ?? ''}”的 ${pct(evaluation.overAchievement, 0)}（≥${pct(new D(pack.overAchievement), 0)}），请核实目标是否设置偏低`,
        en: `The actual “${ind.actual.text.trim()}” is ${pct(evaluation.overAchievement, 0)} of the target “${ind.target?.text.trim() ?? ''}”; check whether the target was set too low`,
      }, { declared: ind.actual.text.trim(), path, inputs: evaluation.inputs, rule: `${pack.name}/project.over-achievement` }),
    );
  }
  if (declared && weight && declared.value.lt(weight) && declared.value.gte(0)) {
    const explCol = form.columns.explanation;
    const explained = Boolean(ind.explanation?.text.trim());
    const derivable = evaluation.method !== 'none' && evaluation.criteriaPattern !== 'discretionary';
    if (!explained && (explCol !== undefined || !derivable)) {
      const cell = explCol !== undefined ? toA1(ind.row, explCol) : declared.cell;
      add(
        makeFinding('missing-deviation-reason', sheet, cell, {
          zh: `得分 ${shown(declared)} 低于分值 ${show(weight)}，但未说明偏差原因`,
          en: `Score ${shown(declared)} is below the weight ${show(weight)} but no reason is given`,
        }, { declared: str(declared.value), path, inputs: { weight: str(weight)! }, rule: `${pack.name}/explanation` }),
      );
    }
  }

  // What the score would be if it followed the rules.
  if (weight) {
    const v = declared?.value ?? null;
    if (evaluation.expected) recomputed = roundTo(clamp(evaluation.expected, ZERO, weight), 2);
    else if (evaluation.tier && v && evaluation.certainty === 'certain') {
      const { min: lo, max: hi } = evaluation.tier;
      recomputed = v.lt(lo) ? lo : v.gt(hi) ? hi : v;
      if (evaluation.tier.tier.maxInclusive === false && recomputed.gte(hi)) recomputed = lo;
    } else if (evaluation.allowed && v) {
      const near = isAllowed(evaluation.allowed, v, Math.max(declared!.decimals, 2)) ? null : nearestAllowed(evaluation.allowed, v);
      recomputed = near ? near.below ?? near.above ?? v : v;
    } else if (v) recomputed = clamp(v, ZERO, weight);
  } else if (declared) recomputed = declared.value;
  return { ind, weight, weightCell: w.cell, evaluation, recomputed };
}

/** A rubric that scores a rate needs the rate: the actual column, or the funds block for 预算执行率. */
function rateFor(ind: Indicator, fundsRate: Dec | null): Dec | null {
  if (ind.actual) {
    const r = readValue(ind.actual.raw, ind.actual.text, ind.actual.format);
    if (r.kind === 'number' && r.q.percent) return r.q.value;
  }
  if (fundsRate && /^(部门)?预算执行率$/.test(ind.name)) return fundsRate;
  return null;
}

function methodName(e: Evaluation): string {
  switch (e.method) {
    case 'positive':
      return '正向指标规则';
    case 'negative':
      return '反向指标规则';
    case 'equal':
      return '等值指标规则';
    case 'boolean':
      return '是/否指标规则';
    case 'compound':
      return '复合目标规则';
    case 'criteria':
      return '评价标准';
    default:
      return '计分规则';
  }
}

function nonstandardWeights(form: Form, pack: RulePack, execWeight: Dec | null, add: (f: Finding) => void): void {
  const std = pack.project.level1Weights;
  const byCanon = new Map(Object.keys(std).map((k) => [canonicalLevel(k), k]));
  for (const node of form.levels) {
    if (node.type !== 'level') continue;
    const key = byCanon.get(canonicalLevel(node.name));
    if (!key) continue;
    const w = levelWeight(node);
    if (!w || w.eq(std[key])) continue;
    const cell =
      levelWeightCell(node) ??
      node.labelCell?.cell ??
      node.children.find((c): c is LevelNode => c.type === 'level')?.labelCell?.cell ??
      walkIndicators([node])[0]?.weight?.cell;
    if (!cell) continue;
    add(
      makeFinding('nonstandard-level1-weights', form.sheet, cell, {
        zh: `一级指标“${node.name}”分值合计 ${show(w)}，标准为 ${std[key]} 分（产出 ${std['产出指标']}、效益 ${std['效益指标']}、满意度 ${std['满意度指标']}、预算执行率 ${pack.project.executionWeight}）`,
        en: `Level-1 “${node.name}” carries ${show(w)} points; the standard is ${std[key]}`,
      }, { declared: str(w), expected: std[key], path: [node.name], rule: `${pack.name}/weights.level1` }),
    );
  }
  const funds = form.funds;
  const stdExec = constant(pack.project.executionWeight);
  if (execWeight && !execWeight.eq(stdExec) && funds?.weight) {
    add(
      makeFinding('nonstandard-level1-weights', form.sheet, funds.weight.cell, {
        zh: `预算执行率分值 ${show(execWeight)}，标准为 ${show(stdExec)} 分，且不得调整`,
        en: `Budget execution carries ${show(execWeight)} points; the standard is ${show(stdExec)} and may not be changed`,
      }, { declared: str(execWeight), expected: str(stdExec), path: ['预算执行率'], rule: `${pack.name}/weights.execution` }),
    );
  } else if (!execWeight && funds) {
    const cell = funds.weight?.cell ?? funds.rates[0]?.cell ?? funds.executed?.cell;
    if (cell) {
      add(
        makeFinding('nonstandard-level1-weights', form.sheet, cell, {
          zh: `预算执行率未单独计分，标准为 ${show(stdExec)} 分`,
          en: `Budget execution is not scored separately; the standard is ${show(stdExec)} points`,
        }, { declared: '0', expected: str(stdExec), path: ['预算执行率'], rule: `${pack.name}/weights.execution` }),
      );
    }
  }
}

function aggregateCells(
  form: Form,
  pack: RulePack,
  scored: Scored[],
  x: { computedRate: Dec | null; execComputed: Dec | null; execDeclared: NumFig | null; scheme: GradeScheme; computedGrade: string },
): AggregateCell[] {
  const out: AggregateCell[] = [];
  const funds = form.funds;
  const score = (fig: NumFig | null, expected: Dec) => fig !== null && scoreAgrees(pack, fig, expected);
  for (const r of funds?.rates ?? []) {
    if (x.computedRate) {
      const agrees = agreesAt(r.value, x.computedRate, Math.max(r.decimals, 2));
      out.push({ cell: r.cell, role: 'execution-rate', label: '执行率', declared: str(r.value), expected: show(x.computedRate, 6), formula: r.formula, agrees });
    }
  }
  const execScore = x.execComputed ? roundTo(x.execComputed, 2) : x.execDeclared?.value ?? null;
  if (x.execDeclared && x.execComputed) {
    out.push({ cell: x.execDeclared.cell, role: 'execution-score', label: '预算执行率得分', declared: str(x.execDeclared.value), expected: show(x.execComputed), formula: x.execDeclared.formula, agrees: score(x.execDeclared, x.execComputed) });
  }
  const levelExpected = (node: LevelNode): Dec =>
    sum(node.children.map((c) => (c.type === 'level' ? levelExpected(c) : c.score?.value ?? ZERO)));
  const visit = (node: LevelNode) => {
    const fig = node.subtotal?.score ?? null;
    if (fig) {
      const expected = levelExpected(node);
      out.push({ cell: fig.cell, role: 'level-score', label: `${node.name} 小计得分`, declared: str(fig.value), expected: show(expected), formula: fig.formula, agrees: score(fig, expected) });
    }
    for (const c of node.children) if (c.type === 'level') visit(c);
  };
  form.levels.forEach((l) => l.type === 'level' && visit(l));
  const total = sum(scored.map((s) => s.ind.score?.value ?? ZERO)).plus(execScore ?? ZERO);
  if (form.total?.scoreCell) {
    const fig = form.total.score;
    out.push({ cell: form.total.scoreCell, role: 'total-score', label: '总分', declared: str(fig?.value ?? null), expected: show(total), formula: form.total.scoreFig?.formula ?? null, agrees: score(fig, total) });
  }
  if (funds?.holdsTotal && funds.score) {
    out.push({ cell: funds.score.cell, role: 'funds-total-score', label: '项目资金行得分（总分）', declared: str(funds.score.value), expected: show(total), formula: funds.score.formula, agrees: score(funds.score, total) });
  }
  if (form.grade) {
    const declared = form.grade.fig?.text.trim() || null;
    out.push({ cell: form.grade.cell, role: 'grade', label: '自评等级', declared, expected: x.computedGrade, formula: form.grade.fig?.formula ?? null, agrees: declared !== null && gradeMatches(declared, x.computedGrade, x.scheme) });
  }
  return out;
}
