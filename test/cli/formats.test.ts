/**
 * `hefen check` reads every input with the shared reader: the format comes from the bytes (a
 * real .xlsx named .et is read as .xlsx, an .xls named .xlsx as .xls), legacy files are checked
 * like .xlsx, an encrypted workbook gets its sentence, and one bad file never takes the others
 * down: each gets its own `error`, the JSON is whole, the exit code is 2.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CFB } from '@e965/xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { seed002, seed004 } from '../fixtures/seeds.js';
import { toXls, xlsxBytes } from '../xlsx/support.js';
import { capture } from './support.js';

const dir = mkdtempSync(path.join(tmpdir(), 'hefen-formats-'));
const file = (name: string) => path.join(dir, name);

async function checkJson(...files: string[]) {
  const c = capture();
  const code = await main(['check', ...files, '--json'], c.io);
  return { code, json: JSON.parse(c.out), err: c.err };
}

/** What a check says about a form, without the file name. */
const gist = (f: { forms: unknown[]; findings: unknown[] }) => ({ forms: f.forms, findings: f.findings });

let xlsx002: Uint8Array;
beforeAll(async () => {
  xlsx002 = await xlsxBytes(seed002());
  const xls002 = toXls(xlsx002);
  writeFileSync(file('seed002.xlsx'), xlsx002);
  writeFileSync(file('seed002.xls'), xls002);
  writeFileSync(file('seed002.et'), xls002);
  writeFileSync(file('really-xlsx.et'), xlsx002);
  writeFileSync(file('really-xls.xlsx'), xls002);
  writeFileSync(file('seed004.xls'), toXls(await xlsxBytes(seed004())));
  writeFileSync(file('seed004.xlsx'), await xlsxBytes(seed004()));
  const enc = CFB.utils.cfb_new();
  CFB.utils.cfb_add(enc, 'EncryptionInfo', new Uint8Array(64).fill(4));
  CFB.utils.cfb_add(enc, 'EncryptedPackage', new Uint8Array(4096).fill(9));
  writeFileSync(file('locked.xlsx'), new Uint8Array(CFB.write(enc, { type: 'array' }) as ArrayBuffer));
  writeFileSync(file('truncated.xlsx'), xlsx002.slice(0, Math.floor(xlsx002.length / 2)));
  writeFileSync(file('noise.xlsx'), new Uint8Array(5000).map((_, i) => (i * 7919) % 251));
});

describe('the format comes from the bytes', () => {
  it.each([
    ['seed002.xls', 'xls'],
    ['seed002.et', 'xls'],
    ['really-xlsx.et', 'xlsx'],
    ['really-xls.xlsx', 'xls'],
  ])('%s is read as %s and gives the same forms and findings as the .xlsx', async (name, format) => {
    const { code, json } = await checkJson(file('seed002.xlsx'), file(name));
    expect(code).toBe(1);
    const [ref, other] = json.files;
    expect(ref.format).toBe('xlsx');
    expect(other.format).toBe(format);
    expect(other.error).toBeUndefined();
    expect(other.forms).toHaveLength(1);
    expect(gist(other)).toEqual(gist(ref));
  });

  it('a department form from .xls checks like its .xlsx', async () => {
    const { json } = await checkJson(file('seed004.xlsx'), file('seed004.xls'));
    expect(gist(json.files[1])).toEqual(gist(json.files[0]));
    expect(json.files[1].forms[0].kind).toBe('department');
  });

  it('the readable report names a legacy format', async () => {
    const c = capture();
    await main(['check', file('seed002.et')], c.io);
    expect(c.out).toContain('格式：.xls（旧版 Excel）');
    expect(c.out).toContain('按规则重算 92.16');
  });
});

describe('one bad file never takes the others down', () => {
  it('an encrypted workbook: 文件已加密，请先取消密码, exit 2, the others reported', async () => {
    const { code, json } = await checkJson(file('seed002.xlsx'), file('locked.xlsx'), file('seed004.xls'));
    expect(code).toBe(2);
    expect(json.files.map((f: { file: string }) => f.file)).toEqual([file('seed002.xlsx'), file('locked.xlsx'), file('seed004.xls')]);
    expect(json.files[1]).toEqual({ file: file('locked.xlsx'), error: '文件已加密，请先取消密码', forms: [], findings: [] });
    expect(json.files[0].forms).toHaveLength(1);
    expect(json.files[2].forms).toHaveLength(1);
  });

  it('truncated and random files among good ones: each its own Chinese error, the good ones checked', async () => {
    const { code, json } = await checkJson(file('truncated.xlsx'), file('seed002.xls'), file('noise.xlsx'), file('missing.xlsx'), file('seed004.xlsx'));
    expect(code).toBe(2);
    expect(json.files).toHaveLength(5);
    const errors = json.files.map((f: { error?: string }) => f.error ?? null);
    expect(errors[1]).toBeNull();
    expect(errors[4]).toBeNull();
    for (const i of [0, 2, 3]) expect(errors[i]).toMatch(/[\u4e00-\u9fff]/);
    expect(errors[3]).toContain('找不到文件');
    expect(json.files[1].forms[0].total.recomputed).toBe('92.16');
    expect(json.files[4].forms[0].kind).toBe('department');
  });

  it('the readable report prints the good files and names the bad one on stderr', async () => {
    const c = capture();
    expect(await main(['check', file('locked.xlsx'), file('seed002.xlsx')], c.io)).toBe(2);
    expect(c.out).toContain('无法检查：文件已加密，请先取消密码');
    expect(c.out).toContain('按规则重算 92.16');
    expect(c.err).toContain(`${file('locked.xlsx')}：文件已加密，请先取消密码`);
  });

  it('the input files are only read', () => {
    expect(readFileSync(file('seed002.xlsx')).equals(Buffer.from(xlsx002))).toBe(true);
  });
});
