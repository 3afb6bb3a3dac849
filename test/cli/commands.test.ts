import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { seed002, seed001 } from '../fixtures/seeds.js';

function capture() {
  const c = { out: '', err: '' };
  return { c, io: { out: { write: (s: string) => (c.out += s) }, err: { write: (s: string) => (c.err += s) } } };
}

const dir = mkdtempSync(path.join(tmpdir(), 'hefen-cmd-'));
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  await seed002().xlsx.writeFile(file('seed002.xlsx'));
  await seed001().xlsx.writeFile(file('seed001.xlsx'));
});

async function checkJson(f: string) {
  const { c, io } = capture();
  await main(['check', f, '--json'], io);
  return JSON.parse(c.out).files[0];
}

describe('hefen check --write-totals', () => {
  it('writes the recomputed aggregates into a copy, never the original', async () => {
    const before = readFileSync(file('seed002.xlsx'));
    const { c, io } = capture();
    expect(await main(['check', file('seed002.xlsx'), '--write-totals', '--out', file('out.xlsx')], io)).toBe(0);
    // Execution score 7 → 51.91/78 × 7 = 4.66; total = 87.5 + 4.66 = 92.16.
    expect(c.out).toContain('Sheet1!H5: 7 → 4.66');
    expect(c.out).toContain('Sheet1!G27: 94.5 → 92.16');
    expect(readFileSync(file('seed002.xlsx')).equals(before)).toBe(true);
    const after = await checkJson(file('out.xlsx'));
    const codes = after.findings.map((f: { code: string; cell: string }) => `${f.code}@${f.cell}`);
    expect(codes).not.toContain('score-mismatch@H5');
    expect(codes.some((x: string) => x.startsWith('total-mismatch') || x.startsWith('subtotal-mismatch'))).toBe(false);
    expect(after.forms[0].total).toMatchObject({ declared: '92.16', sum: '92.16', recomputed: '92.16' });
  });

  it('writing twice changes nothing the second time', async () => {
    const { c, io } = capture();
    expect(await main(['check', file('out.xlsx'), '--write-totals', '--out', file('out2.xlsx')], io)).toBe(0);
    expect(c.out).toContain('没有需要写回');
  });

  it('--in-place rewrites the file itself', async () => {
    copyFileSync(file('seed002.xlsx'), file('inplace.xlsx'));
    const { io } = capture();
    expect(await main(['check', file('inplace.xlsx'), '--write-totals', '--in-place'], io)).toBe(0);
    expect((await checkJson(file('inplace.xlsx'))).forms[0].total.declared).toBe('92.16');
  });

  it('refuses to write over the input without --in-place', async () => {
    const { c, io } = capture();
    expect(await main(['check', file('seed002.xlsx'), '--write-totals', '--out', file('seed002.xlsx')], io)).toBe(2);
    expect(c.err).toContain('--in-place');
  });

  it('a department form whose totals agree has nothing to write', async () => {
    const { c, io } = capture();
    expect(await main(['check', file('seed001.xlsx'), '--write-totals', '--out', file('s1.xlsx')], io)).toBe(0);
    expect(c.out).toContain('没有需要写回');
  });
});

describe('hefen template', () => {
  it.each(['project', 'department'])('writes a blank %s form that checks without error', async (kind) => {
    const out = file(`${kind}.xlsx`);
    const { c, io } = capture();
    expect(await main(['template', kind, '--out', out, '--rows', '3'], io)).toBe(0);
    expect(c.out).toContain(out);
    const checked = await checkJson(out);
    expect(checked.forms.map((f: { kind: string }) => f.kind)).toEqual([kind]);
    expect(checked.forms[0].weightTotal).toBe('100');
    expect(checked.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('does not overwrite an existing file without --force', async () => {
    const out = file('project.xlsx');
    const first = capture();
    expect(await main(['template', 'project', '--out', out], first.io)).toBe(2);
    expect(first.c.err).toContain('--force');
    expect(await main(['template', 'project', '--out', out, '--force'], capture().io)).toBe(0);
  });
});
