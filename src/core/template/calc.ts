/**
 * The templates' formula mini-language: a live formula as data, printed for Excel by `formulaOf`
 * and computed with decimal arithmetic by `evaluateCalc`, so hosts that cannot calculate still
 * carry the values Excel would show.
 */
import { D, type Dec, roundTo, str } from '../decimal.js';
import { parseRangeA1, toA1, type CellValue } from '../snapshot.js';

/**
 * A live formula as data. `formulaOf` prints it for Excel; `evaluateCalc` computes it.
 * - sum: ROUND(SUM(refs),2); with blankIfEmpty, "" while none of refs holds a number.
 * - rate: executed / budget rounded to 4 places (0.01 %), "" when it cannot be computed.
 * - execution-score: ROUND(MIN(executed / budget, cap) × weight, 2), "" when it cannot be computed.
 * - grade: the band whose lower bound (inclusive) the total reaches, "" while the total is blank.
 */
export type Calc =
  | { fn: 'sum'; refs: string[]; blankIfEmpty: boolean }
  | { fn: 'rate'; executed: string; budget: string }
  | { fn: 'execution-score'; executed: string; budget: string; weight: string; cap: string }
  | { fn: 'grade'; total: string; bands: { name: string; min: string }[] };

export function formulaOf(calc: Calc): string {
  switch (calc.fn) {
    case 'sum': {
      const refs = calc.refs.join(',');
      const sum = `ROUND(SUM(${refs}),2)`;
      return calc.blankIfEmpty ? `=IF(COUNT(${refs})=0,"",${sum})` : `=${sum}`;
    }
    case 'rate':
      return `=IFERROR(ROUND(${calc.executed}/${calc.budget},4),"")`;
    case 'execution-score':
      return `=IFERROR(ROUND(MIN(${calc.executed}/${calc.budget},${calc.cap})*${calc.weight},2),"")`;
    case 'grade': {
      // Highest band first; the last band is what is left.
      const bands = calc.bands;
      let expr = `"${bands[bands.length - 1].name}"`;
      for (let i = bands.length - 2; i >= 0; i--) {
        expr = `IF(${calc.total}>=${bands[i].min},"${bands[i].name}",${expr})`;
      }
      return `=IF(${calc.total}="","",${expr})`;
    }
  }
}

/** Every cell a formula reads (ranges expanded). */
export function calcInputs(calc: Calc): string[] {
  const refs =
    calc.fn === 'sum'
      ? calc.refs
      : calc.fn === 'rate'
        ? [calc.executed, calc.budget]
        : calc.fn === 'execution-score'
          ? [calc.executed, calc.budget, calc.weight]
          : [calc.total];
  const out: string[] = [];
  for (const ref of refs) {
    const r = parseRangeA1(ref);
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(toA1(row, col));
  }
  return out;
}

class FormulaError extends Error {}

function asNumber(v: CellValue): Dec | null {
  return typeof v === 'number' && Number.isFinite(v) ? new D(v) : null;
}

/** Excel's arithmetic on a cell: blank is 0, a number is itself, text is #VALUE!. */
function arith(v: CellValue): Dec {
  if (v === null || v === '') return new D(0);
  if (typeof v === 'number') return new D(v);
  if (typeof v === 'boolean') return new D(v ? 1 : 0);
  throw new FormulaError('#VALUE!');
}

function toCell(x: Dec): number {
  return Number(str(x));
}

/** The value Excel gives `calc` when `get` returns each input cell's value. */
export function evaluateCalc(calc: Calc, get: (a1: string) => CellValue): CellValue {
  switch (calc.fn) {
    case 'sum': {
      const nums = calcInputs(calc)
        .map((a) => asNumber(get(a)))
        .filter((x): x is Dec => x !== null);
      if (calc.blankIfEmpty && nums.length === 0) return '';
      return toCell(roundTo(nums.reduce((s, x) => s.plus(x), new D(0)), 2));
    }
    case 'rate':
    case 'execution-score': {
      try {
        const budget = arith(get(calc.budget));
        const executed = arith(get(calc.executed));
        if (budget.isZero()) return '';
        const rate = executed.div(budget);
        if (calc.fn === 'rate') return toCell(roundTo(rate, 4));
        const weight = arith(get(calc.weight));
        const capped = rate.gt(calc.cap) ? new D(calc.cap) : rate;
        return toCell(roundTo(capped.mul(weight), 2));
      } catch (e) {
        if (e instanceof FormulaError) return '';
        throw e;
      }
    }
    case 'grade': {
      const t = get(calc.total);
      if (t === null || t === '') return '';
      const total = asNumber(t);
      if (!total) return calc.bands[0].name; // Excel ranks text above every number
      for (const b of calc.bands) if (total.gte(b.min)) return b.name;
      return calc.bands[calc.bands.length - 1].name;
    }
  }
}
