/**
 * Department-form rubric parser (docs/rules.md §Department scoring). A 评价标准 / 评分标准 / 指标说明 text becomes the set of
 * scores it allows and, where the text defines one, the score for a known rate.
 *
 * The patterns are data: PATTERNS is a table of detector regexes → builders, tried in order; the first
 * builder that returns a rule wins. Text nobody understands falls back to 'discretionary' (any value in
 * [0, weight]). Nothing here throws on odd text.
 *
 * Rates are fractions (0.95 = 95%); thresholds written “95%” or “0” (percentage points) are divided by 100.
 */
import { D, ZERO, clamp, eq, gt, gte, lt, lte, min, str, roundTo, type Dec } from './decimal.js';
import { normalizeText } from './text.js';

export type CriteriaPattern = 'completion-rate' | 'linear-threshold' | 'stepwise' | 'per-unit'
  | 'band-table' | 'checklist' | 'binary' | 'discretionary';

export type Allowed = { kind: 'set'; values: Dec[] } | { kind: 'range'; min: Dec; max: Dec };

export interface CriteriaRule {
  pattern: CriteriaPattern;
  summary: string;
  summaryEn: string;
  allowed: Allowed;
  /** When the text defines a score for a known rate/percentage (fraction: 0.95 = 95%), compute it. */
  scoreForRate?: (rate: Dec) => Dec;
}

export const PATTERN_TITLES: Record<CriteriaPattern, { zh: string; en: string }> = {
  'completion-rate': { zh: '完成率法', en: 'Completion rate' },
  'linear-threshold': { zh: '线性计分', en: 'Linear threshold' },
  stepwise: { zh: '分档计分', en: 'Stepwise' },
  'per-unit': { zh: '按单位扣分', en: 'Per-unit deduction' },
  'band-table': { zh: '分段计分', en: 'Band table' },
  checklist: { zh: '检查清单', en: 'Checklist' },
  binary: { zh: '二值', en: 'All or nothing' },
  discretionary: { zh: '酌情', en: 'Discretionary' },
};

/** An enumeration larger than this becomes a range, so a weird text cannot blow up. */
export const MAX_ALLOWED_VALUES = 2000;

// ---------------------------------------------------------------------------------------------
// Vocabulary (applied to normalised text without whitespace; NFKC has turned ，；：（） into ASCII)

const CN = '[零〇一二两三四五六七八九十百]+';
const NUM = `(?:\\d+(?:\\.\\d+)?|${CN})`;
/** A deduction: “扣1.5分”, “扣分值0.5分”, “扣分值二分之一”, “扣分值的十分之一”, “扣分值的10%”. */
const AMOUNT = `扣(?:除|减)?(?:分值|总分)?的?(?:(?<den>${NUM})分之(?<nom>${NUM})|(?<pc>\\d+(?:\\.\\d+)?)%|(?<pt>${NUM})分)`;
const UP = '增加|增长|提高|上升|超过|超出|增|升|高|多';
const DOWN = '降低|下降|减少|降|减|低|少';

const RE = {
  discretionary: /酌情|视情|酌定|适当扣分/,
  completion: /完成率法|得分=[^;。]*?分值/,
  stepwise: new RegExp(`每(?<unit>${NUM})?个?(?:百分点|%)为一?个?档`),
  rateStep: new RegExp(`每(?:(?<up>${UP})|(?<down>${DOWN}))?(?<unit>${NUM})?个?(?:百分点|%)的?,?${AMOUNT}`),
  deduct: new RegExp(AMOUNT),
  deductAll: new RegExp(AMOUNT, 'g'),
  scoreMarks: /(?:计|得|给|记)(\d+(?:\.\d+)?|满|零)分|不得分/g,
  binary: /否则[^;。]{0,6}?(?:[零0]分|不得分)|不得分|[得计][零0]分/,
  rateFormula: /[率度]=/,
  full: /[得计]满分/,
  zero: /[得计][0零]分|不得分|不计分/,
  baseline: /以(\d+(?:\.\d+)?)%?为(?:标准|基准|起点)/,
};

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100 };

/** “0.5” / “五” / “十五” / “一百” → Dec; null when not a number. */
function num(s: string | undefined): Dec | null {
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return new D(s);
  let total = 0;
  let cur = 0;
  for (const ch of s) {
    if (ch in CN_DIGIT) cur = CN_DIGIT[ch];
    else if (ch in CN_UNIT) { total += (cur || 1) * CN_UNIT[ch]; cur = 0; }
    else return null;
  }
  return new D(total + cur);
}

/** The amount one deduction takes off: fractions and percentages are of the weight. */
function amountOf(g: Record<string, string | undefined> | undefined, w: Dec): Dec | null {
  if (!g) return null;
  const den = num(g.den);
  const nom = num(g.nom);
  if (den && nom) return den.gt(0) ? w.times(nom).div(den) : null;
  if (g.pc) return w.times(g.pc).div(100);
  return num(g.pt);
}

/** Comparison words as symbols, for reading one clause (“不低于” must not read as “低于”). */
function ops(s: string): string {
  return s
    .replace(/大于或等于|大于等于|不低于|不少于|不小于/g, '≥')
    .replace(/小于或等于|小于等于|不高于|不超过|不多于|不大于/g, '≤')
    .replace(/大于|高于|超过/g, '>')
    .replace(/小于|低于|不足|不到|不满/g, '<');
}

const pct = (x: Dec) => `${str(x.times(100))}%`;
const s = (x: Dec) => str(x) as string;

// ---------------------------------------------------------------------------------------------
// Allowed sets

function setOf(values: Dec[], w: Dec): Allowed {
  const byKey = new Map<string, Dec>();
  for (const v of values) if (v.gte(0) && v.lte(w)) byKey.set(v.toString(), v);
  return { kind: 'set', values: [...byKey.values()].sort((a, b) => a.comparedTo(b)) };
}

interface Deduction { d: Dec; /** how many times it can apply; null = until the score reaches 0 */ n: number | null }

/**
 * Steps of building one allowed set (one step: one candidate total). Far above any real rubric (a
 * few deductions of a 10-point weight: a few hundred steps) and low enough that a hostile text
 * costs milliseconds.
 */
export const MAX_ALLOWED_STEPS = 50_000;

/**
 * {max(0, w − Σ kᵢ·dᵢ) : 0 ≤ kᵢ ≤ nᵢ}, plus 0 when `withZero`. Built as the set of reachable total
 * deductions (capped at w), so several deductions in one text add up without a cartesian blow-up.
 * Equal deductions merge first (“每项扣1分” twice allows what it allows once, with the counts
 * added); past MAX_ALLOWED_VALUES values or MAX_ALLOWED_STEPS steps the set becomes the range it
 * spans.
 */
function deductionSet(w: Dec, parts: Deduction[], withZero: boolean): Allowed {
  const merged = new Map<string, Deduction>();
  for (const p of parts) {
    if (!p.d.gt(0)) continue;
    const key = p.d.toString();
    const seen = merged.get(key);
    merged.set(key, seen ? { d: seen.d, n: seen.n === null || p.n === null ? null : seen.n + p.n } : p);
  }
  const most = [...merged.values()].reduce((acc, p) => (p.n === null ? w : acc.plus(p.d.times(p.n))), ZERO);
  const range = (): Allowed => ({ kind: 'range', min: withZero ? ZERO : clamp(w.minus(most), ZERO, w), max: w });
  let totals = new Map<string, Dec>([['0', ZERO]]);
  let steps = 0;
  for (const { d, n } of merged.values()) {
    const kMax = Math.min(n ?? Infinity, w.div(d).ceil().toNumber());
    const next = new Map<string, Dec>();
    for (const t of totals.values()) {
      for (let k = 0; k <= kMax; k++) {
        if (++steps > MAX_ALLOWED_STEPS) return range();
        const total = min(w, t.plus(d.times(k)));
        next.set(total.toString(), total);
        if (next.size > MAX_ALLOWED_VALUES) return range();
        if (total.eq(w)) break;
      }
    }
    totals = next;
  }
  const values = [...totals.values()].map((t) => w.minus(t));
  return setOf(withZero ? [...values, ZERO] : values, w);
}

// ---------------------------------------------------------------------------------------------
// Reading the text

interface Ctx {
  /** criteria, normalised, without whitespace */
  t: string;
  /** criteria as given: circled digits ①② survive only here (NFKC turns ① into 1) */
  raw: string;
  content: string;
  rawContent: string;
  w: Dec;
}

function compact(x: string): string {
  return normalizeText(x).replace(/\s+/g, '');
}

/** 1, 2, 3, … in order: the length of the run starting at 1. */
function run(ns: number[]): number {
  let next = 1;
  for (const n of ns) if (n === next) next++;
  return next - 1;
}

/** Numbered items “1、…2、…”, “1.…”, “(1)…” or “①②③” in one text; null when none. */
function listCount(raw: string, t: string): number | null {
  const circled = new Set(raw.match(/[①-⑳]/g) ?? []).size;
  const arabic = run([...t.matchAll(/(?<![\d.])(\d{1,2})[、.](?!\d)/g)].map((m) => Number(m[1])));
  const paren = run([...t.matchAll(/\((\d{1,2})\)/g)].map((m) => Number(m[1])));
  const n = Math.max(circled, arabic, paren);
  return n > 0 ? n : null;
}

/** “第2、3、4季度” → 3. */
function ordinalCount(t: string): number | null {
  const m = /第((?:\d+|[一二三四五六七八九十]+)(?:、(?:\d+|[一二三四五六七八九十]+))+)/.exec(t);
  return m ? m[1].split('、').length : null;
}

/** Checklist items: numbered items in the criteria, else in the content, else “第a、b、c”. */
function itemCount(c: Ctx): number | null {
  return listCount(c.raw, c.t) ?? listCount(c.rawContent, c.content) ?? ordinalCount(c.t) ?? ordinalCount(c.content);
}

interface Threshold { at: Dec; strict: boolean }

/** The rate named in the clause that ends with `marker` (“…大于或等于95%得满分” → 0.95). */
function threshold(t: string, marker: RegExp): Threshold | null {
  const m = marker.exec(t);
  if (!m) return null;
  const seg = (t.slice(0, m.index).split(/[;。]/).pop() ?? '').replace(/^\d{1,2}[、.](?!\d)/, '');
  const nums = [...seg.matchAll(/(\d+(?:\.\d+)?)(%?)(?![\d.]|分)/g)];
  const hit = nums.filter((n) => n[2]).pop() ?? nums.pop();
  if (!hit) return null;
  return { at: new D(hit[1]).div(100), strict: /[<>]/.test(ops(seg)) };
}

// ---------------------------------------------------------------------------------------------
// Builders

type Builder = (c: Ctx, m: RegExpExecArray) => CriteriaRule | null;

function rangeRule(c: Ctx, pattern: CriteriaPattern, zh: string, en: string): CriteriaRule {
  const allowed: Allowed = { kind: 'range', min: ZERO, max: c.w };
  return { pattern, allowed, summary: `${zh}：${describeAllowed(allowed)}`, summaryEn: `${en}: ${describeAllowed(allowed, 'en')}` };
}

const discretionary = (c: Ctx): CriteriaRule =>
  rangeRule(c, 'discretionary', '酌情扣分，低于满分需说明理由', 'Discretionary, a score below the weight needs a reason');

const unparsed = (c: Ctx): CriteriaRule =>
  rangeRule(c, 'discretionary', '未识别出计分规则，按酌情处理', 'No scoring rule recognised, treated as discretionary');

const completionRate: Builder = (c) => ({
  pattern: 'completion-rate',
  summary: `完成率法：得分 = 完成率 × 分值，最高 ${s(c.w)} 分`,
  summaryEn: `Completion rate: score = rate × weight, at most ${s(c.w)}`,
  allowed: { kind: 'range', min: ZERO, max: c.w },
  scoreForRate: (r) => clamp(r, ZERO, new D(1)).times(c.w),
});

/** Only “X率=…×100%” (seed 004): a rate is defined but not how it scores. */
const rateFormula: Builder = (c) => {
  const name = /([^;。,:=]{1,20}?[率度])=/.exec(c.t)?.[1] ?? '比率';
  return rangeRule(c, 'completion-rate', `只给出${name}公式，未写明计分方法`, `Only a formula for ${name}, no scoring rule`);
};

const binary: Builder = (c) => ({
  pattern: 'binary',
  summary: `二值：得满分 ${s(c.w)} 分或 0 分`,
  summaryEn: `All or nothing: ${s(c.w)} or 0`,
  allowed: setOf([ZERO, c.w], c.w),
});

interface Ladder {
  pattern: 'linear-threshold' | 'stepwise' | 'per-unit';
  /** rate distance per deduction (fraction: one percentage point = 0.01) */
  unit: Dec;
  d: Dec;
  /** true: the rate should be low (调整率, 结转结余率, 控制率); null: cannot tell */
  lowerBetter: boolean | null;
  /** “每…为档”: a started band counts whole */
  banded: boolean;
}

/**
 * Linear threshold, stepwise and per-unit texts: full marks on one side of a threshold, a deduction d per
 * `unit` of rate beyond it, 0 at the zero threshold if one is written (explicit end points win; 0 is
 * always allowed: the zero threshold or “扣完为止”).
 * scoreForRate: linear and per-unit deduct in proportion to the distance (90% under “≥95% full, 0.2 per
 * point” → 1); stepwise deducts d for every band *started* beyond the full threshold (ceil), so any rate
 * above “≤5% 得满分” loses at least one step (35% → 6 bands → 2 − 1.2 = 0.8).
 * A “以80%为标准” baseline next to a different full-marks line (seed 001 满意度) leaves the start of
 * the deductions unclear: no scoreForRate then.
 */
function ladderRule(c: Ctx, o: Ladder): CriteriaRule | null {
  const { w } = c;
  if (!o.unit.gt(0) || !o.d.gt(0)) return null;
  const full = threshold(c.t, RE.full);
  const zero = threshold(c.t, RE.zero);
  const lowerBetter = o.lowerBetter ?? (full && zero && !full.at.eq(zero.at) ? full.at.lt(zero.at) : null);
  const span = full && zero ? full.at.minus(zero.at).abs() : null;
  const kMax = span?.gt(0) ? span.div(o.unit).ceil().toNumber() : null;
  const allowed = deductionSet(w, [{ d: o.d, n: kMax }], true);

  let scoreForRate: CriteriaRule['scoreForRate'];
  if (full && lowerBetter !== null && !RE.baseline.test(c.t)) {
    const f = full.at;
    scoreForRate = (r) => {
      const beyond = lowerBetter ? r.minus(f) : f.minus(r);
      if (beyond.lte(0)) return w;
      if (zero) {
        const z = zero.at;
        const past = lowerBetter ? (zero.strict ? r.gt(z) : r.gte(z)) : zero.strict ? r.lt(z) : r.lte(z);
        if (past) return ZERO;
      }
      const steps = beyond.div(o.unit);
      return clamp(w.minus((o.banded ? steps.ceil() : steps).times(o.d)), ZERO, w);
    };
  }

  const u = s(o.unit.times(100));
  const side = lowerBetter === null ? { zh: '', en: '' } : lowerBetter ? { zh: '高', en: ' above' } : { zh: '低', en: ' below' };
  const zh: string[] = [];
  const en: string[] = [];
  const fullOp = lowerBetter === null ? '' : lowerBetter ? '≤' : '≥';
  const zeroOp = lowerBetter === null ? '' : lowerBetter ? (zero?.strict ? '>' : '≥') : zero?.strict ? '<' : '≤';
  if (full) { zh.push(`${fullOp}${pct(full.at)} 得满分`); en.push(`full marks at ${fullOp}${pct(full.at)}`); }
  if (zero) { zh.push(`${zeroOp}${pct(zero.at)} 得 0 分`); en.push(`zero at ${zeroOp}${pct(zero.at)}`); }
  if (o.banded) {
    zh.push(`每 ${u} 个百分点一档，每档扣 ${s(o.d)} 分`);
    en.push(`${s(o.d)} off per started band of ${u} percentage points`);
  } else {
    zh.push(`每${side.zh} ${u} 个百分点扣 ${s(o.d)} 分`);
    en.push(`${s(o.d)} off per ${u} percentage point${u === '1' ? '' : 's'}${side.en}`);
  }
  if (!zero) { zh.push('扣完为止'); en.push('not below 0'); }
  if (full && lowerBetter !== null && !scoreForRate) { zh.push('起扣点不明确'); en.push('where deductions start is unclear'); }
  const title = PATTERN_TITLES[o.pattern];
  return { pattern: o.pattern, allowed, ...(scoreForRate && { scoreForRate }), summary: `${title.zh}：${zh.join('，')}`, summaryEn: `${title.en}: ${en.join(', ')}` };
}

const stepwise: Builder = (c, m) => {
  const d = amountOf(RE.deduct.exec(c.t.slice(m.index))?.groups, c.w);
  const unit = num(m.groups?.unit ?? '一');
  if (!d || !unit) return null;
  return ladderRule(c, { pattern: 'stepwise', unit: unit.div(100), d, lowerBetter: null, banded: true });
};

/** “每降低一个百分点，扣分值的十分之一” (a share of the weight) → linear; “每增加0.1个百分点扣0.1分” → per-unit. */
const rateStep: Builder = (c, m) => {
  const g = m.groups ?? {};
  const d = amountOf(g, c.w);
  const unit = num(g.unit ?? '一');
  if (!d || !unit) return null;
  return ladderRule(c, {
    pattern: g.den || g.pc ? 'linear-threshold' : 'per-unit',
    unit: unit.div(100),
    d,
    lowerBetter: g.up ? true : g.down ? false : null,
    banded: false,
  });
};

interface Band { score: Dec; lo?: Dec; loInc: boolean; hi?: Dec; hiInc: boolean }

/** The rate interval one band clause covers: “80%(含)-90%”, “≥90%”, “低于70%”; null when none. */
function bandOf(clause: string, score: Dec): Band | null {
  const ps = [...clause.matchAll(/(\d+(?:\.\d+)?)%(\(含\))?/g)].map((m) => ({ v: new D(m[1]).div(100), inc: !!m[2] }));
  if (ps.length >= 2) {
    const [a, b] = ps[0].v.lte(ps[1].v) ? [ps[0], ps[1]] : [ps[1], ps[0]];
    return { score, lo: a.v, loInc: a.inc || !b.inc, hi: b.v, hiInc: b.inc };
  }
  if (ps.length !== 1) return null;
  const o = ops(clause);
  const strict = /[<>]/.test(o);
  if (/[≥>]|以上|达到|至少/.test(o)) return { score, lo: ps[0].v, loInc: !strict, hiInc: false };
  if (/[≤<]|以下|以内/.test(o)) return { score, hi: ps[0].v, hiInc: !strict, loInc: false };
  return null;
}

function inBand(b: Band, r: Dec): boolean {
  const aboveLo = !b.lo || (b.loInc ? r.gte(b.lo) : r.gt(b.lo));
  const belowHi = !b.hi || (b.hiInc ? r.lte(b.hi) : r.lt(b.hi));
  return aboveLo && belowHi;
}

/** “≥90%计5分；80%(含)-90%计4分；…”: only the listed scores. A rate in no band scores 0. */
const bandTable: Builder = (c) => {
  if (RE.deduct.test(c.t) || c.t.includes('每')) return null;
  const marks = [...c.t.matchAll(RE.scoreMarks)];
  const scoreOf = (m: RegExpMatchArray) => (m[1] === '满' ? c.w : m[1] === undefined || m[1] === '零' ? ZERO : new D(m[1]));
  const numeric = marks.filter((m) => m[1] && /\d/.test(m[1])).map(scoreOf);
  const hasFull = marks.some((m) => m[1] === '满');
  if (numeric.length < 2 && !(hasFull && numeric.some((v) => v.gt(0) && v.lt(c.w)))) return null;
  let from = 0;
  const bands = marks.map((m) => {
    const clause = c.t.slice(from, m.index);
    from = (m.index ?? 0) + m[0].length;
    return bandOf(clause, scoreOf(m));
  });
  const allowed = setOf(marks.map(scoreOf), c.w);
  const known = bands.every((b) => b !== null) ? (bands as Band[]) : null;
  return {
    pattern: 'band-table',
    summary: `分段计分：只能取 ${describeAllowed(allowed)} 分`,
    summaryEn: `Band table: only ${describeAllowed(allowed, 'en')}`,
    allowed,
    ...(known && { scoreForRate: (r: Dec) => known.find((b) => inBand(b, r))?.score ?? ZERO }),
  };
};

/**
 * “一项不符合扣1.5分”, “扣分值二分之一”, “每次扣分值1分”, “A和B不合格各扣2分；每个项目目标扣0.5分”.
 * “各扣” applies once per subject listed before it (A和B → 2); any other deduction applies once per
 * item (numbered items in criteria or content, “第2、3、4季度” → 3) or, with no count, until 0.
 */
const checklist: Builder = (c) => {
  const items = itemCount(c);
  const parts: Deduction[] = [];
  for (const m of c.t.matchAll(RE.deductAll)) {
    const d = amountOf(m.groups, c.w);
    if (!d?.gt(0)) continue;
    const before = c.t.slice(0, m.index).split(/[;。,]/).pop() ?? '';
    const subjects = before.endsWith('各') ? before.slice(0, -1).split(/和|、|及|与|或/).filter(Boolean).length : 0;
    parts.push({ d, n: subjects >= 2 ? subjects : items });
  }
  if (!parts.length) return null;
  const zh = parts.map((p) => `每项不符合扣 ${s(p.d)} 分，${p.n === null ? '项数不限' : `共 ${p.n} 项`}`);
  const en = parts.map((p) => `${s(p.d)} off per failed item, ${p.n === null ? 'items not limited' : `${p.n} items`}`);
  return {
    pattern: 'checklist',
    summary: `检查清单：${zh.join('；')}，扣完为止`,
    summaryEn: `Checklist: ${en.join('; ')}, not below 0`,
    allowed: deductionSet(c.w, parts, false),
  };
};

/** Tried in order; a builder may decline (null) and let the next pattern try. */
const PATTERNS: ReadonlyArray<{ name: string; detect: RegExp; build: Builder }> = [
  { name: 'discretionary', detect: RE.discretionary, build: discretionary },
  { name: 'completion-rate', detect: RE.completion, build: completionRate },
  { name: 'stepwise', detect: RE.stepwise, build: stepwise },
  { name: 'linear-threshold / per-unit', detect: RE.rateStep, build: rateStep },
  { name: 'band-table', detect: /[计得给记]\d/, build: bandTable },
  { name: 'checklist', detect: RE.deduct, build: checklist },
  { name: 'binary', detect: RE.binary, build: binary },
  { name: 'rate formula', detect: RE.rateFormula, build: rateFormula },
];

/** criteria: the 评价标准/评分标准/指标说明 text; weight: the indicator's 分值; content: 指标内容/指标解释 of the row. */
export function parseCriteria(criteria: string, weight: Dec, context: { content?: string } = {}): CriteriaRule {
  const raw = typeof criteria === 'string' ? criteria : '';
  const rawContent = context.content ?? '';
  const w = weight.isFinite() && weight.gt(0) ? weight : ZERO;
  const c: Ctx = { t: compact(raw), raw, content: compact(rawContent), rawContent, w };
  if (!c.t || w.isZero()) return unparsed(c);
  for (const p of PATTERNS) {
    const m = p.detect.exec(c.t);
    if (!m) continue;
    const rule = p.build(c, m);
    if (rule) return rule;
  }
  return unparsed(c);
}

// ---------------------------------------------------------------------------------------------
// Using an Allowed

/** Is the declared score one of the allowed values when both are rounded to dp decimals? */
export function isAllowed(allowed: Allowed, declared: Dec, dp: number): boolean {
  const x = roundTo(declared, dp);
  if (allowed.kind === 'range') return gte(x, roundTo(allowed.min, dp)) && lte(x, roundTo(allowed.max, dp));
  return allowed.values.some((v) => eq(roundTo(v, dp), x));
}

/**
 * The allowed values nearest to the declared one on each side (null where none): the largest allowed
 * value ≤ declared and the smallest ≥ declared, so an allowed declared value is returned on both sides.
 */
export function nearestAllowed(allowed: Allowed, declared: Dec): { below: Dec | null; above: Dec | null } {
  if (allowed.kind === 'range') {
    if (lt(declared, allowed.min)) return { below: null, above: allowed.min };
    if (gt(declared, allowed.max)) return { below: allowed.max, above: null };
    return { below: declared, above: declared };
  }
  const below = allowed.values.filter((v) => lte(v, declared)).pop() ?? null;
  const above = allowed.values.find((v) => gte(v, declared)) ?? null;
  return { below, above };
}

/** Short description: “0、0.2、0.4…2（步长 0.2）”, “0、0.5、2”, “0–4 之间任意值”. */
export function describeAllowed(allowed: Allowed, lang: 'zh' | 'en' = 'zh'): string {
  const zh = lang === 'zh';
  if (allowed.kind === 'range') {
    return zh ? `${s(allowed.min)}–${s(allowed.max)} 之间任意值` : `any value from ${s(allowed.min)} to ${s(allowed.max)}`;
  }
  const v = allowed.values;
  if (!v.length) return zh ? '无' : 'none';
  const sep = zh ? '、' : ', ';
  const head = `${v.slice(0, 3).map(s).join(sep)}${zh ? '…' : ' … '}${s(v[v.length - 1])}`;
  const step = v.length > 1 ? v[1].minus(v[0]) : null;
  if (v.length >= 5 && step && v.every((x, i) => i === 0 || x.minus(v[i - 1]).eq(step))) {
    return zh ? `${head}（步长 ${s(step)}）` : `${head} (step ${s(step)})`;
  }
  if (v.length > 8) return zh ? `${head}（共 ${v.length} 个值）` : `${head} (${v.length} values)`;
  return v.map(s).join(sep);
}
