/**
 * A bug anywhere in checking one file (here the check loop made to throw a TypeError for one
 * sheet name, the way the recogniser once crashed on real forms) is that file's entry, with a
 * Chinese sentence; the other files are reported and the JSON is whole.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { seed002 } from '../fixtures/seeds.js';
import { xlsxBytes } from '../xlsx/support.js';
import { capture } from './support.js';

vi.mock('../../src/host/index.js', async (original) => {
  const real = await original<typeof import('../../src/host/index.js')>();
  return {
    ...real,
    checkSnapshots: (snaps: { sheet: string }[], options: object) => {
      if (snaps.some((s) => s.sheet === 'Boom')) throw new TypeError('l.children is not iterable');
      return real.checkSnapshots(snaps as never, options);
    },
  };
});

const { main } = await import('../../src/cli/main.js');

describe('an unexpected exception in one file', () => {
  it('becomes that file’s error; the others are checked; exit 2; never 核分内部错误 for the run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hefen-isolate-'));
    const good = path.join(dir, 'good.xlsx');
    const bad = path.join(dir, 'bad.xlsx');
    writeFileSync(good, await xlsxBytes(seed002()));
    const wb = seed002();
    wb.getWorksheet('Sheet1')!.name = 'Boom';
    writeFileSync(bad, await xlsxBytes(wb));

    const c = capture();
    expect(await main(['check', bad, good, '--json'], c.io)).toBe(2);
    const json = JSON.parse(c.out);
    expect(json.files[0].file).toBe(bad);
    expect(json.files[0].error).toMatch(/^检查此文件时出现意外错误，已跳过：l\.children is not iterable$/);
    expect(json.files[1].forms[0].total.recomputed).toBe('92.16');
    expect(c.out + c.err).not.toContain('核分内部错误');
  });
});
