import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WriteTotalsError, writeTotalsToCopy } from '../../src/cli/write-totals.js';
import { workbookToSnapshots } from '../../src/xlsx/index.js';
import { checkSheet } from '../../src/core/check.js';
import { planWriteBack } from '../../src/core/writeback-plan.js';
import { seed002 } from '../fixtures/seeds.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hefen-totals-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function check(path: string) {
  return workbookToSnapshots(await load(path)).map((s) => checkSheet(s));
}

/** Every cell of every sheet: value (formula and cached result included) and full style; merges. */
async function describeWorkbook(path: string) {
  const wb = await load(path);
  const cells: Record<string, unknown> = {};
  const merges: Record<string, unknown> = {};
  wb.eachSheet((ws) => {
    merges[ws.name] = [...((ws.model as { merges?: string[] }).merges ?? [])].sort();
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[`${ws.name}!${ws.getCell(r, c).address}`] = { value: cell.value, type: cell.type, style: cell.style, numFmt: cell.numFmt };
      });
    });
  });
  return { cells, merges };
}

describe('hefen check FILE --write-totals --out OUT.xlsx on seed 002', () => {
  let input: string;
  beforeAll(async () => {
    input = await save(seed002(), 'seed002.xlsx');
  });

  it('writes the execution score and the total into the copy and nothing else; the original stays as it was', async () => {
    const original = await readFile(input);
    const plan = planWriteBack(await check(input));
    expect(plan.map((p) => `${p.cell} ${p.displayOld}→${p.display}`)).toEqual(['H5 7→4.66', 'G27 94.5→92.16']);
    const out = join(dir, 'seed002-totals.xlsx');
    const r = await writeTotalsToCopy(input, out, plan);
    expect(r).toEqual({
      path: out,
      written: [
        { sheet: 'Sheet1', cell: 'H5', old: '7', new: '4.66' },
        { sheet: 'Sheet1', cell: 'G27', old: '94.5', new: '92.16' },
      ],
      skipped: [],
    });
    expect(await readFile(input)).toEqual(original);

    const a = await describeWorkbook(input);
    const b = await describeWorkbook(out);
    expect(b.merges).toEqual(a.merges);
    expect(Object.keys(b.cells).sort()).toEqual(Object.keys(a.cells).sort());
    for (const key of Object.keys(a.cells)) {
      if (key === 'Sheet1!H5' || key === 'Sheet1!G27') continue;
      expect(b.cells[key], key).toEqual(a.cells[key]);
    }
    expect(b.cells['Sheet1!H5']).toEqual({ ...(a.cells['Sheet1!H5'] as object), value: 4.66 });
    expect(b.cells['Sheet1!G27']).toEqual({ ...(a.cells['Sheet1!G27'] as object), value: 92.16 });
  });

  it('re-checking the copy leaves no total or subtotal mismatch, and a second write-back finds nothing to do', async () => {
    const out = join(dir, 'seed002-recheck.xlsx');
    await writeTotalsToCopy(input, out, planWriteBack(await check(input)));
    const again = await check(out);
    const codes = again.flatMap((s) => s.findings.map((f) => f.code));
    expect(codes).not.toContain('total-mismatch');
    expect(codes).not.toContain('subtotal-mismatch');
    expect(planWriteBack(again)).toEqual([]);
  });

  it('never writes the original unless --in-place is given', async () => {
    const plan = planWriteBack(await check(input));
    await expect(writeTotalsToCopy(input, input, plan)).rejects.toBeInstanceOf(WriteTotalsError);
    await expect(writeTotalsToCopy(input, join(dir, '.', 'seed002.xlsx'), plan)).rejects.toThrow(/--in-place/);
    await expect(writeTotalsToCopy(input, null, plan)).rejects.toThrow(/--out/);

    const copy = await save(await load(input), 'in-place.xlsx');
    const r = await writeTotalsToCopy(copy, null, plan, { inPlace: true });
    expect(r.path).toBe(copy);
    expect((await load(copy)).getWorksheet('Sheet1')!.getCell('G27').value).toBe(92.16);
    // in place with nothing left to change: the file is not rewritten at all
    const before = await stat(copy);
    const none = await writeTotalsToCopy(copy, null, planWriteBack(await check(copy)), { inPlace: true });
    expect(none.written).toEqual([]);
    expect((await stat(copy)).mtimeMs).toBe(before.mtimeMs);
  });
});

describe('formulas in the copy', () => {
  let input: string;
  beforeAll(async () => {
    const wb = seed002();
    wb.getWorksheet('Sheet1')!.getCell('G27').value = { formula: 'SUM(G13:G26)+H5', result: 94.5 };
    input = await save(wb, 'seed002-formula.xlsx');
  });

  it('skips a formula cell unless its item is ticked, and then writes over it', async () => {
    const plan = planWriteBack(await check(input));
    expect(plan.find((p) => p.cell === 'G27')).toMatchObject({ formula: '=SUM(G13:G26)+H5', overwrite: false });

    const kept = join(dir, 'formula-kept.xlsx');
    const r = await writeTotalsToCopy(input, kept, plan);
    expect(r.written.map((w) => w.cell)).toEqual(['H5']);
    expect(r.skipped).toEqual([{ sheet: 'Sheet1', cell: 'G27', reason: 'unticked' }]);
    expect((await load(kept)).getWorksheet('Sheet1')!.getCell('G27').formula).toBe('SUM(G13:G26)+H5');

    const over = join(dir, 'formula-over.xlsx');
    const r2 = await writeTotalsToCopy(input, over, plan.map((p) => ({ ...p, overwrite: true })));
    expect(r2.written.find((w) => w.cell === 'G27')).toEqual({ sheet: 'Sheet1', cell: 'G27', old: '=SUM(G13:G26)+H5', new: '92.16' });
    const cell = (await load(over)).getWorksheet('Sheet1')!.getCell('G27');
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(92.16);
  });

  it('never writes over a formula the plan did not know about', async () => {
    const r = await writeTotalsToCopy(input, join(dir, 'formula-unknown.xlsx'), [
      { sheet: 'Sheet1', cell: 'G27', role: 'total-score', value: 1, numberFormat: null, overwrite: true, formula: null },
    ]);
    expect(r).toMatchObject({ written: [], skipped: [{ sheet: 'Sheet1', cell: 'G27', reason: 'formula' }] });
  });

  it('sets the percent format along with a rewritten execution rate', async () => {
    const wb = seed002();
    wb.getWorksheet('Sheet1')!.getCell('F5').value = '80%';
    const path = await save(wb, 'seed002-rate.xlsx');
    const plan = planWriteBack(await check(path)).filter((p) => p.role === 'execution-rate');
    const out = join(dir, 'seed002-rate-out.xlsx');
    const r = await writeTotalsToCopy(path, out, plan);
    expect(r.written).toEqual([{ sheet: 'Sheet1', cell: 'F5', old: '80%', new: '66.55%' }]);
    const cell = (await load(out)).getWorksheet('Sheet1')!.getCell('F5');
    expect(cell.value).toBe(0.6655);
    expect(cell.numFmt).toBe('0.00%');
  });
});
