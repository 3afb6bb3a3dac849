/**
 * The funds block above an indicator table: header-and-row style (seeds 002/003: 年初预算数 … 得分
 * over a 年度资金总额 row) or label-value style (seed 001: “预算数：” 1308.05, “预算执行率” over 69%).
 */
import type { Grid } from '../snapshot.js';
import { headerKey, normalizeLabel } from '../text.js';
import { FUNDS_TOTAL_ROW, FUNDS_WORDS, type FundsRole } from '../vocabulary.js';
import { figAt, type GridFig, type Funds, type NumFig } from '../form.js';
import { readNumber, readValue } from '../values.js';
import { D, decimalsOf } from '../decimal.js';

const ROLE_OF = new Map<string, FundsRole>();
for (const role of Object.keys(FUNDS_WORDS) as FundsRole[]) {
  for (const w of FUNDS_WORDS[role]) ROLE_OF.set(w, role);
}

function fundsRole(text: string): FundsRole | null {
  const k = headerKey(text).replace(/[:：]$/, '');
  if (k.length > 16) return null;
  return ROLE_OF.get(k) ?? ROLE_OF.get(k.replace(/\([^()]*\)$/, '')) ?? null;
}

/** Money and rates as numbers: 78, “121 万元”, 0.67 in a 0% cell, “100%”. */
function asNumber(f: GridFig): NumFig | null | undefined {
  if (f.raw === null && !f.text.trim()) return null;
  const n = readNumber(f.raw, f.text);
  if (n) return f.withValue(n.value, n.decimals);
  if (n === null) return null;
  const r = readValue(f.raw, f.text, f.format);
  if (r.kind === 'number') return f.withValue(r.q.value, r.q.decimals);
  return undefined;
}

function rateFig(f: GridFig): NumFig | null {
  const r = readValue(f.raw, f.text, f.format);
  if (r.kind !== 'number') return null;
  const q = r.q;
  // A rate typed as 67 (no % sign, no percent format) means 67%.
  const value = !q.percent && q.value.gt(1.5) ? q.value.div(100) : q.value;
  const decimals = !q.percent && q.value.gt(1.5) ? q.decimals + 2 : q.decimals;
  return f.withValue(value, decimals);
}

function rowLabelled(grid: Grid, row: number, maxCol: number): boolean {
  for (let c = grid.left; c <= maxCol; c++) {
    const t = normalizeLabel(grid.text(row, c));
    if (t && FUNDS_TOTAL_ROW.some((w) => t === w || t.startsWith(w))) return true;
  }
  return false;
}

export function findFunds(grid: Grid, top: number, bottom: number): Funds | null {
  const found: Partial<Record<FundsRole, NumFig>> = {};
  const rates: NumFig[] = [];
  let blockTop = Infinity;
  for (let r = top; r < bottom; r++) {
    for (let c = grid.left; c <= grid.right; c++) {
      const a = grid.anchor(r, c);
      if (a.row !== r || a.col !== c) continue;
      const role = fundsRole(grid.text(r, c));
      if (!role) continue;
      const value = valueFor(grid, r, c, bottom, role);
      if (!value) continue;
      blockTop = Math.min(blockTop, r);
      if (role === 'rate') rates.push(value);
      else if (!found[role]) found[role] = value;
    }
  }
  const budget = found.budget ?? found.initialBudget ?? null;
  if (!found.weight && (budget || found.executed || rates.length || found.score)) {
    const w = labelWeight(grid, top, bottom);
    if (w) found.weight = w;
  }
  // A blank form (a template) still has its funds row: its 分值 alone identifies the block.
  if (!budget && !found.executed && rates.length === 0 && !found.weight) return null;
  return {
    budget,
    executed: found.executed ?? null,
    rates,
    weight: found.weight ?? null,
    score: found.score ?? null,
    holdsTotal: false,
    top: blockTop,
  };
}

function valueFor(grid: Grid, r: number, c: number, bottom: number, role: FundsRole): NumFig | null {
  const m = grid.merge(r, c);
  const right = (m ? m.right : c) + 1;
  const label = grid.text(r, c).trim();
  if (right <= grid.right) {
    const f = figAt(grid, r, right);
    const v = role === 'rate' ? rateFig(f) : asNumber(f);
    if (v && (/[:：]$/.test(label) || fundsRole(f.text) === null)) {
      // “预算数：” 1308.05 — a value beside its label. A header row has another header there instead.
      if (/[:：]$/.test(label) || !hasHeaderNeighbours(grid, r, c)) return v;
    }
  }
  const below = (m ? m.bottom : r) + 1;
  let dataRow = -1;
  for (let rr = below; rr < Math.min(bottom, below + 8); rr++) {
    if (rowLabelled(grid, rr, c)) {
      dataRow = rr;
      break;
    }
  }
  if (dataRow < 0) {
    for (let rr = below; rr < Math.min(bottom, below + 4); rr++) {
      const f = figAt(grid, rr, c);
      if (f.row !== rr) continue;
      if ((role === 'rate' ? rateFig(f) : asNumber(f))) {
        dataRow = rr;
        break;
      }
    }
  }
  if (dataRow < 0) return null;
  const f = figAt(grid, dataRow, c);
  const v = role === 'rate' ? rateFig(f) : asNumber(f);
  return v ?? null;
}

function hasHeaderNeighbours(grid: Grid, r: number, c: number): boolean {
  let n = 0;
  for (let cc = grid.left; cc <= grid.right; cc++) {
    if (cc !== c && fundsRole(grid.text(r, cc))) n++;
  }
  return n >= 2;
}

/** Words that make a label part of the funds block, so its “(20分)” is the execution weight. */
const FUNDS_LABEL = /预算执行|执行率|项目资金|资金执行|资金使用/;
const WEIGHT_IN_LABEL = /[(（]\s*(\d+(?:\.\d+)?)\s*分/;

/**
 * The execution weight stated only in a label (Hubei): “预算执行情况(万元)(20分)” over the block, or
 * the score header “得分（20分*执行率）”. The weight's cell is that label.
 */
function labelWeight(grid: Grid, top: number, bottom: number): NumFig | null {
  for (let r = top; r < bottom; r++) {
    for (let c = grid.left; c <= grid.right; c++) {
      const a = grid.anchor(r, c);
      if (a.row !== r || a.col !== c) continue;
      const t = normalizeLabel(grid.text(r, c));
      if (!t || t.length > 30 || !FUNDS_LABEL.test(t)) continue;
      const m = WEIGHT_IN_LABEL.exec(t);
      if (!m) continue;
      const f = figAt(grid, r, c);
      return f.withValue(new D(m[1]), decimalsOf(m[1]));
    }
  }
  return null;
}
