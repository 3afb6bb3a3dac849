import { afterEach, describe, expect, it } from 'vitest';
import { createExcelHost } from '../../src/excel/host.js';
import { DEFAULT_SETTINGS } from '../../src/host/index.js';
import { fakeWorkbook, installFakeOffice, type FakeOffice } from '../support/fake-office.js';
import { overlays, seed002Sheet } from './helpers.js';

let fake: FakeOffice | null = null;
afterEach(() => fake?.uninstall());

describe('seed 002 through the Excel adapter and the real engine', () => {
  it('reads in one sync, reports the form, highlights the contradictions in one more', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook([seed002Sheet()]));
    const r = await createExcelHost().check(DEFAULT_SETTINGS);
    expect(fake.syncCount).toBe(2);

    const [form] = r.reports[0].forms;
    expect(form.total).toEqual({ cell: 'G27', declared: '94.5', sum: '94.5', recomputed: '92.16' });
    expect(form.executionRate.score).toMatchObject({ cell: 'H5', declared: '7', computed: '4.66' });
    expect(form.weightTotal).toBe('97');

    const tags = r.reports[0].findings.map((f) => `${f.severity} ${f.code}@${f.cell}`);
    expect(tags).toEqual(
      expect.arrayContaining([
        'error score-mismatch@H5',
        'error weight-total-not-100@F27',
        'warning missing-deviation-reason@H16',
        'warning over-achievement@E15',
      ]),
    );
    const flagged = overlays(fake.workbook.sheets[0]);
    expect(flagged).toEqual(
      expect.arrayContaining([
        'H5 error #FFC7CE #9C0006',
        'F27 error #FFC7CE #9C0006',
        'H16 warning #FFEB9C #9C5700',
        'E15 warning #FFEB9C #9C5700',
      ]),
    );
    expect(r.highlighted).toBe(flagged.length);
  });
});
