/**
 * Issue 12: the highlight record is in the workbook before the highlights (so a check failing
 * part-way stays clearable), and review marks are kept in the workbook and leave their findings
 * unhighlighted.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MARKS_KEY, RECORD_KEY } from '../../src/excel/document-settings.js';
import { createExcelHost } from '../../src/excel/host.js';
import { DEFAULT_SETTINGS, HostError, reviewKey, type ReviewMark } from '../../src/host/index.js';
import { fakeWorkbook, installFakeOffice, type FakeOffice } from '../support/fake-office.js';
import { overlays, seed002Sheet } from './helpers.js';

let fake: FakeOffice;
afterEach(() => fake?.uninstall());

const sheets = (...names: string[]) => names.map((n) => ({ ...seed002Sheet(), name: n, id: `{${n}}` }));

describe('a check failing part-way stays clearable', () => {
  it('whole workbook with the second sheet protected: the first sheet’s highlights are recorded and 清除标记 removes them', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook(sheets('表一', '表二', '表三')));
    fake.protectSheet('表二');
    const host = createExcelHost();
    const err = await host.check({ ...DEFAULT_SETTINGS, wholeWorkbook: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostError);
    const [one, two, three] = fake.workbook.sheets;
    const added = overlays(one).length;
    expect(added).toBeGreaterThan(0); // added before 表二 refused its rules
    expect(overlays(three)).toEqual([]); // dropped after the refusal
    expect(overlays(two)).toEqual([]);
    const record = fake.workbook.settings[RECORD_KEY] as { sheets: { name: string }[] };
    expect(record.sheets.map((s) => s.name)).toEqual(['表一', '表二', '表三']);

    // from another sheet, after reopening
    const saved = fake.savedCopy();
    fake.uninstall();
    fake = installFakeOffice(globalThis, { ...saved, activeSheet: '表三' });
    const removed = await createExcelHost().clearHighlights();
    expect(removed).toBe(added);
    expect(fake.workbook.sheets.map(overlays)).toEqual([[], [], []]);
  });

  it('a successful check records exactly the highlighted sheets', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook(sheets('表一', '表二')));
    await createExcelHost().check({ ...DEFAULT_SETTINGS, wholeWorkbook: true });
    const record = fake.workbook.settings[RECORD_KEY] as { sheets: { name: string; cells: number }[] };
    expect(record.sheets.map((s) => s.name)).toEqual(['表一', '表二']);
    expect(record.sheets[0].cells).toBe(overlays(fake.workbook.sheets[0]).length);
  });
});

describe('review marks', () => {
  it('are saved in the workbook, survive reopening, and malformed entries are dropped on load', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook(sheets('Sheet1')));
    const host = createExcelHost();
    expect(await host.loadReviewMarks()).toEqual([]);
    const marks: ReviewMark[] = [
      { key: 'Sheet1!H5!score-mismatch', status: 'reviewed', note: '已与财务核对', at: '2026-12-02T02:00:00Z' },
      { key: 'Sheet1!F27!weight-total-not-100', status: 'ignored', at: '2026-12-02T02:01:00Z' },
    ];
    await host.saveReviewMarks(marks);
    const saved = fake.savedCopy();
    fake.uninstall();
    fake = installFakeOffice(globalThis, {
      ...saved,
      settings: { ...saved.settings, [MARKS_KEY]: [...(saved.settings[MARKS_KEY] as unknown[]), { key: 1 }, { key: 'x', status: 'maybe', at: '' }, null] },
    });
    expect(await createExcelHost().loadReviewMarks()).toEqual(marks);
  });

  it('a marked finding gets no highlight; the others still do', async () => {
    fake = installFakeOffice(globalThis, fakeWorkbook(sheets('Sheet1')));
    const host = createExcelHost();
    const first = await host.check(DEFAULT_SETTINGS);
    const h5 = first.reports[0].findings.find((f) => f.cell === 'H5' && f.code === 'score-mismatch')!;
    expect(overlays(fake.workbook.sheets[0]).some((o) => o.startsWith('H5 '))).toBe(true);
    await host.saveReviewMarks([{ key: reviewKey(h5), status: 'ignored', at: '2026-12-02T02:00:00Z' }]);
    const second = await host.check(DEFAULT_SETTINGS);
    expect(overlays(fake.workbook.sheets[0]).some((o) => o.startsWith('H5 '))).toBe(false);
    expect(second.highlighted).toBe(first.highlighted - 1);
    // the finding itself is still reported (the pane shows it dimmed)
    expect(second.reports[0].findings.some((f) => reviewKey(f) === reviewKey(h5))).toBe(true);
  });
});
