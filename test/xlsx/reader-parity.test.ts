import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/index.js';
import type { SheetSnapshot } from '../../src/core/snapshot.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';
import { seeds } from '../fixtures/seeds.js';
import { variants } from '../fixtures/variants.js';
import { exceljsSnapshots, toXls, xlsxBytes } from './support.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.xlsx'))
  .map((f) => [f, () => Promise.resolve(new Uint8Array(readFileSync(join(ROOT, 'examples', f))))] as const);
const FIXTURES = [...Object.entries(seeds), ...Object.entries(variants)].map(
  ([name, build]) => [name, () => xlsxBytes(build())] as const,
);

const reportsOf = (snaps: SheetSnapshot[]) => snaps.map((s) => checkSheet(s));

describe.each([...EXAMPLES, ...FIXTURES])('reader parity with the ExcelJS reader: %s', (_name, bytesOf) => {
  it('gives the same snapshots and the same reports', async () => {
    const bytes = await bytesOf();
    const expected = await exceljsSnapshots(bytes);
    const got = readWorkbook(bytes);
    expect(got.format).toBe('xlsx');
    expect(got.notes).toEqual([]);
    expect(got.sheets).toEqual(expected);
    expect(reportsOf(got.sheets)).toEqual(reportsOf(expected));
  });

  it('gives the same forms and findings from the workbook saved as .xls', async () => {
    const bytes = await bytesOf();
    const xlsx = readWorkbook(bytes);
    const xls = readWorkbook(toXls(bytes));
    expect(xls.format).toBe('xls');
    expect(xls.sheets.map((s) => s.sheet)).toEqual(xlsx.sheets.map((s) => s.sheet));
    for (let i = 0; i < xlsx.sheets.length; i++) {
      const a = xlsx.sheets[i];
      const b = xls.sheets[i];
      expect([b.top, b.left]).toEqual([a.top, a.left]);
      expect(b.values).toEqual(a.values);
      expect(b.formulas).toEqual(a.formulas);
      expect(b.merges).toEqual(a.merges);
      // SheetJS's writer drops the format of blank cells; every cell holding something keeps it.
      a.values.forEach((row, r) =>
        row.forEach((v, c) => {
          if (v !== null) expect(b.numberFormat![r][c], `${a.sheet} r${r} c${c}`).toBe(a.numberFormat![r][c]);
        }),
      );
      expect(checkSheet(b)).toEqual(checkSheet(a));
    }
  });
});
