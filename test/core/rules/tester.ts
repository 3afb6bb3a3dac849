/**
 * A small rule tester in the manner of ESLint's RuleTester: for one finding code, `valid` sheets
 * yield no finding of that code and `invalid` sheets yield exactly the listed ones — by cell and,
 * where given, declared/expected values and suggestion, never by message prose. Every finding of
 * the code is also checked against its registry entry (severity, no unfilled placeholder).
 */
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../../src/core/check.js';
import { findingMeta } from '../../../src/core/findings.js';
import type { Finding, FindingCode } from '../../../src/core/report.js';
import type { RulePackName } from '../../../src/core/rules/packs.js';
import type { SheetSnapshot } from '../../../src/core/snapshot.js';

export interface Case {
  name: string;
  sheet: SheetSnapshot;
  rules?: RulePackName;
}

export interface Expected {
  cell: string;
  declared?: string | null;
  expected?: string | null;
  /** The value 采用建议值 writes; null for none. */
  suggestion?: string | null;
  path?: string[];
}

export interface InvalidCase extends Case {
  findings: Expected[];
}

function findingsOf(code: FindingCode, c: Case): Finding[] {
  return checkSheet(c.sheet, { rules: c.rules }).findings.filter((f) => f.code === code);
}

export function ruleTester(code: FindingCode, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  const meta = findingMeta(code);
  describe(`${code} (${meta.title.zh})`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(findingsOf(code, c).map((f) => f.cell)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = findingsOf(code, c);
        expect(found.map((f) => f.cell)).toEqual(c.findings.map((e) => e.cell));
        found.forEach((f, i) => {
          const e = c.findings[i];
          expect(f.severity).toBe(meta.severity);
          if (e.declared !== undefined) expect(f.declared).toBe(e.declared);
          if (e.expected !== undefined) expect(f.expected).toBe(e.expected);
          if (e.path !== undefined) expect(f.path).toEqual(e.path);
          if (e.suggestion !== undefined) {
            expect(f.suggestion).toEqual(e.suggestion === null ? null : { cell: f.cell, value: e.suggestion });
          }
          if (!meta.suggests) expect(f.suggestion).toBeNull();
          expect(f.message).not.toMatch(/\{[A-Za-z_]+\}/);
          expect(f.messageEn).not.toMatch(/\{[A-Za-z_]+\}/);
        });
      });
    }
  });
}
