/**
 * The web checker's review marks: kept per file content hash in localStorage (a stand-in storage
 * here), in the host's ReviewMark shape, and left out of counts and 结论; the downloads list them.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { reviewKey, type ReviewMark } from '../../src/host/index.js';
import { copyName } from '../../src/web/files.js';
import { countBy, fileVerdict } from '../../src/web/labels.js';
import { contentHash, localMarks, markIndex, MARKS_KEY_PREFIX, unmarked, withMark } from '../../src/web/marks.js';
import { annotatedDownload, checkFile, reviewDownload, writeBackDownload } from '../../src/web/tasks.js';
import { readWorkbook } from '../../src/xlsx/reader/index.js';

const SEED = 'examples/seed-002-project-national.xlsx';
const bytes = () => new Uint8Array(readFileSync(SEED));

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}
const storage = () => new MemoryStorage() as unknown as Storage & MemoryStorage;

async function load(b: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(b as unknown as ArrayBuffer);
  return wb;
}

describe('mark store', () => {
  it('keys a file by the SHA-256 of its bytes, so a renamed copy finds its marks and an edited one does not', async () => {
    const b = bytes();
    expect(await contentHash(b)).toBe(`sha256-${createHash('sha256').update(b).digest('hex')}`);
    const edited = b.slice();
    edited[edited.length - 30] ^= 1;
    expect(await contentHash(edited)).not.toBe(await contentHash(b));
  });

  it('saves the host ReviewMark list under the hash, reads it back, and removes the entry when empty', async () => {
    const s = storage();
    const f = { sheet: 'Sheet1', cell: 'H5', code: 'score-mismatch' } as const;
    const marks = withMark([], f as never, 'reviewed', '已电话核实', new Date('2026-12-01T08:00:00Z'));
    expect(marks).toEqual([{ key: 'Sheet1!H5!score-mismatch', status: 'reviewed', note: '已电话核实', at: '2026-12-01T08:00:00.000Z' }]);
    await localMarks('sha256-ab', s).saveReviewMarks(marks);
    expect([...s.items.keys()]).toEqual([`${MARKS_KEY_PREFIX}sha256-ab`]);
    expect(await localMarks('sha256-ab', s).loadReviewMarks()).toEqual(marks);
    expect(await localMarks('sha256-cd', s).loadReviewMarks()).toEqual([]);
    // replaced, not stacked; then removed
    const ignored = withMark(marks, f as never, 'ignored');
    expect(ignored.map((m) => [m.status, m.note])).toEqual([['ignored', undefined]]);
    await localMarks('sha256-ab', s).saveReviewMarks(withMark(ignored, f as never, null));
    expect(s.items.size).toBe(0);
  });

  it('reads nothing from a damaged entry, and works (unsaved) without storage', async () => {
    const s = storage();
    s.setItem(`${MARKS_KEY_PREFIX}x`, '{not json');
    expect(await localMarks('x', s).loadReviewMarks()).toEqual([]);
    s.setItem(`${MARKS_KEY_PREFIX}x`, JSON.stringify([{ key: 'a', status: 'other', at: '' }, { key: 'S!A1!c', status: 'ignored', at: 't' }]));
    expect((await localMarks('x', s).loadReviewMarks()).map((m) => m.key)).toEqual(['S!A1!c']);
    await expect(localMarks('x', null).saveReviewMarks([])).resolves.toBeUndefined();
    const full = storage();
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    await expect(localMarks('x', full).saveReviewMarks([{ key: 'k', status: 'ignored', at: 't' }])).rejects.toThrow(/本地存储/);
  });
});

describe('marks in counts, 结论 and downloads (seed 002)', () => {
  const markBoth = async () => {
    const check = await checkFile(bytes(), 'national');
    const all = check.forms.flatMap((f) => f.findings);
    const errors = all.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.cell)).toEqual(['H5', 'F27']);
    let marks: ReviewMark[] = withMark([], errors[0], 'ignored');
    marks = withMark(marks, errors[1], 'reviewed', '权重按文件');
    return { check, all, marks };
  };

  it('marked errors leave the counts and the 结论 (退回修改 → 需复核)', async () => {
    const { check, all, marks } = await markBoth();
    const index = markIndex(marks);
    expect(fileVerdict(check)).toBe('退回修改');
    expect(fileVerdict(check, index)).toBe('需复核');
    expect(countBy(all, index)).toEqual({ error: 0, warning: 3, info: 0 });
    expect(unmarked(all, index)).toHaveLength(3);
  });

  it('annotated copy: a marked cell gets no fill or comment; 核分审核意见 lists every finding with its mark', async () => {
    const { all, marks } = await markBoth();
    const wb = await load(await annotatedDownload(bytes(), all, ['error', 'warning'], marks));
    const ws = wb.getWorksheet('Sheet1')!;
    const fill = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill('H5')).not.toBe('FFFFC7CE');
    expect(ws.getCell('H5').note).toBeUndefined();
    expect(fill('E15')).toBe('FFFFEB9C');
    const sheet = wb.getWorksheet('核分审核意见')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.at(-1)).toBe('复核标记');
    const markCol = header.length;
    const rows = new Map<string, unknown>();
    sheet.eachRow((row, n) => n > 1 && rows.set(String((row.getCell(2).value as { result?: string })?.result ?? row.getCell(2).value), row.getCell(markCol).value));
    expect(rows.size).toBe(all.length);
    expect(rows.get('H5')).toBe('忽略');
    expect(rows.get('F27')).toBe('已复核：权重按文件');
    expect(rows.get('E15') ?? null).toBe(null);
  });

  it('review workbook: the marks are in 审核意见, and 一览 counts and 结论 leave them out', async () => {
    const { check, marks } = await markBoth();
    const wb = await load(await reviewDownload([{ file: 'a.xlsx', reports: check.reports, marks }], 'national'));
    const overview = wb.getWorksheet('一览')!;
    const head = overview.getRow(1).values as unknown[];
    expect(overview.getRow(2).getCell(head.indexOf('结论')).value).toBe('需复核');
    expect(overview.getRow(2).getCell(head.indexOf('错误数')).value).toBe(0);
    const list = wb.getWorksheet('审核意见')!;
    const lh = list.getRow(1).values as unknown[];
    const byCell = new Map<string, unknown>();
    list.eachRow((row, n) => n > 1 && byCell.set(String(row.getCell(lh.indexOf('单元格')).value), row.getCell(lh.indexOf('复核标记')).value));
    expect(byCell.get('H5')).toBe('忽略');
    expect(byCell.get('F27')).toBe('已复核：权重按文件');
    expect(byCell.get('G5') ?? null).toBe(null);
    expect(reviewKey({ sheet: 'Sheet1', cell: 'H5', code: 'score-mismatch' })).toBe(marks[0].key);
  });
});

/** seed 002 declared macro-enabled, as Excel saves an .xlsm (the content type and a vbaProject part). */
function asXlsm(b: Uint8Array): Uint8Array {
  const parts = unzipSync(b);
  const types = strFromU8(parts['[Content_Types].xml']);
  parts['[Content_Types].xml'] = strToU8(
    types
      .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
      .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
  );
  parts['xl/vbaProject.bin'] = new Uint8Array([1, 2, 3, 4]);
  return zipSync(parts);
}

describe('copies of a macro-enabled workbook', () => {
  it('keep the macro content type and vbaProject.bin, so they are named .xlsm', async () => {
    const xlsm = asXlsm(bytes());
    const check = await checkFile(xlsm, 'national');
    expect(check.format).toBe('xlsm');
    const all = check.forms.flatMap((f) => f.findings);
    const annotated = await annotatedDownload(xlsm, all, ['error']);
    const written = await writeBackDownload(xlsm, [{ sheet: 'Sheet1', cell: 'H5', value: 4.66, numberFormat: null, replacesFormula: false }]);
    for (const out of [annotated, written]) {
      expect(readWorkbook(out).format).toBe('xlsm');
      const parts = unzipSync(out);
      expect(strFromU8(parts['[Content_Types].xml'])).toContain('macroEnabled.main+xml');
      expect([...parts['xl/vbaProject.bin']]).toEqual([1, 2, 3, 4]);
    }
    expect(copyName('自评表.xlsm', '核分标注', check.format)).toBe('自评表（核分标注）.xlsm');
    // named by the bytes: a macro package misnamed .xlsx gets .xlsm; an .xlsm that is a plain package gets .xlsx
    expect(copyName('自评表.xlsx', '写回合计', 'xlsm')).toBe('自评表（写回合计）.xlsm');
    expect(copyName('自评表.xlsm', '写回合计', 'xlsx')).toBe('自评表（写回合计）.xlsx');
    expect(copyName('自评表.et', '核分标注', 'et')).toBe('自评表（核分标注）.xlsx');
  });
});
