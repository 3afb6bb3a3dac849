/**
 * What every report must satisfy whatever the input: cells inside the sheet (A1–XFD1048576 and
 * within the snapshot's extent), no NaN, Infinity or undefined in any figure or message.
 */
import { expect } from 'vitest';
import { parseRangeA1, type SheetSnapshot } from '../../src/core/index.js';

const BAD_TEXT = /\bNaN\b|Infinity|undefined/;
const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;

/** Every string and number reachable from `value`, with its path, for the report checks. */
function* leaves(value: unknown, path: string, seen = new Set<unknown>()): Generator<[string, unknown]> {
  if (value === null) return;
  if (typeof value === 'object') {
    if (seen.has(value)) return;
    seen.add(value);
    // Decimal instances: check their number form.
    if (typeof (value as { isFinite?: unknown }).isFinite === 'function' && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
      yield [path, (value as { isFinite(): boolean }).isFinite() ? 0 : Number.NaN];
      return;
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) yield* leaves(v, `${path}.${k}`, seen);
    return;
  }
  if (typeof value === 'function') return;
  yield [path, value];
}

export interface Insanity {
  path: string;
  value: unknown;
  why: string;
}

/** The problems of one report against its snapshot; [] when sane. */
export function insanities(report: unknown, snap: SheetSnapshot): Insanity[] {
  const out: Insanity[] = [];
  const bottom = snap.top + Math.max(0, snap.values.length - 1);
  const width = snap.values.reduce((w, r) => Math.max(w, r.length), 0);
  const right = snap.left + Math.max(0, width - 1);
  for (const [path, v] of leaves(report, 'report')) {
    if (v === undefined) continue; // optional fields absent in JSON; checked below on the JSON
    if (typeof v === 'number' && !Number.isFinite(v)) out.push({ path, value: v, why: 'non-finite number' });
    if (typeof v === 'string' && BAD_TEXT.test(v)) {
      // User text may legitimately say “NaN”; a report string is only suspect when the input had none.
      if (!inputMentions(snap, v)) out.push({ path, value: v.slice(0, 200), why: 'NaN/Infinity/undefined in text' });
    }
    if (typeof v === 'string' && /(^|\.)cell$/.test(path)) {
      try {
        const r = parseRangeA1(v);
        if (r.top < 0 || r.left < 0 || r.bottom > MAX_ROW || r.right > MAX_COL) out.push({ path, value: v, why: 'outside A1–XFD1048576' });
        else if (snap.values.length && (r.top < snap.top || r.left < snap.left || r.bottom > bottom || r.right > right)) {
          out.push({ path, value: v, why: 'outside the snapshot' });
        }
      } catch {
        out.push({ path, value: v, why: 'not a cell address' });
      }
    }
  }
  const json = JSON.stringify(report);
  if (/:\s*(NaN|Infinity)/.test(json)) out.push({ path: 'json', value: null, why: 'NaN/Infinity in JSON' });
  return out;
}

function inputMentions(snap: SheetSnapshot, text: string): boolean {
  const words = text.match(/NaN|Infinity|undefined/g) ?? [];
  const all = JSON.stringify([snap.values, snap.text ?? [], snap.sheet], (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  return words.every((w) => all.includes(w));
}

export function assertSaneReport(report: unknown, snap: SheetSnapshot): void {
  expect(insanities(report, snap)).toEqual([]);
}
