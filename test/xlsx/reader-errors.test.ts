import { CFB, read as sheetjsRead, write as sheetjsWrite, utils } from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat, readWorkbook, WorkbookReadError, DEFAULT_LIMITS } from '../../src/xlsx/reader/index.js';
import { openZip } from '../../src/xlsx/reader/zip.js';
import { writeZip, type OutEntry } from '../../src/xlsx/patch/zip-write.js';
import { rawXlsx, toXls } from './support.js';

function failure(bytes: Uint8Array, limits?: Parameters<typeof readWorkbook>[1]): WorkbookReadError {
  try {
    readWorkbook(bytes, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbookReadError);
    const err = e as WorkbookReadError;
    expect(err.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese sentence for the user
    return err;
  }
  throw new Error('read did not fail');
}

const small = () => rawXlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });

/** The package with one entry's stored bytes and declared size replaced. */
function withEntry(pkg: Uint8Array, name: string, data: Uint8Array, size: number, method = 8): Uint8Array {
  const zip = openZip(pkg);
  const out: OutEntry[] = zip.entries.map((e) =>
    e.name === name
      ? { name, method, crc: 0, compressedSize: data.length, size, data }
      : { name: e.name, method: e.method, crc: e.crc, compressedSize: e.compressedSize, size: e.size, data: pkg.subarray(e.dataOffset, e.dataOffset + e.compressedSize) },
  );
  return writeZip(out);
}

/** Raw DEFLATE (fixed Huffman) of `n` zero bytes: one literal, then <258, distance 1> repeated. */
function zerosDeflate(n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(((n / 258) * 13 + 64) / 8) + 8);
  let bit = 0;
  const put = (v: number, len: number) => {
    for (let i = 0; i < len; i++) {
      if ((v >> i) & 1) out[bit >> 3] |= 1 << (bit & 7);
      bit++;
    }
  };
  const code = (v: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) put((v >> i) & 1, 1); // Huffman codes go MSB first
  };
  put(1, 1); // BFINAL
  put(1, 2); // fixed Huffman
  code(0x30, 8); // literal 0
  for (let done = 1; done + 258 <= n; done += 258) {
    code(0b11000101, 8); // length 258
    code(0, 5); // distance 1
  }
  code(0, 7); // end of block
  return out.subarray(0, (bit >> 3) + 1);
}

describe('reader: bad files get a code and a Chinese message', () => {
  it('random bytes, text, an empty file', () => {
    let seed = 7;
    const rnd = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    expect(failure(rnd).code).toBe('not-a-workbook');
    expect(failure(strToU8('项目名称,分值\n')).code).toBe('not-a-workbook');
    expect(failure(new Uint8Array(0)).code).toBe('not-a-workbook');
    expect(detectFormat(rnd)).toBeNull();
  });

  it('a truncated zip, a zip that is not a workbook, a damaged entry', () => {
    const ok = small();
    for (const n of [10, 100, ok.length >> 1, ok.length - 10]) expect(failure(ok.subarray(0, n)).code, `cut at ${n}`).toBe('corrupt');
    const notWb = zipSync({ 'word/document.xml': strToU8('<w:document/>'), 'a.txt': strToU8('hello') });
    expect(failure(notWb)).toMatchObject({ code: 'not-a-workbook' });
    expect(detectFormat(notWb)).toBeNull();
    const damaged = withEntry(ok, 'xl/worksheets/sheet1.xml', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), 300);
    expect(failure(damaged).code).toBe('corrupt');
  });

  it('a workbook with nothing in it', () => {
    expect(failure(rawXlsx({ sheets: [] }))).toMatchObject({ code: 'empty' });
    expect(failure(rawXlsx({ sheets: [{ name: 'a', xml: '' }, { name: 'b', xml: '<row r="3"/>' }] }))).toMatchObject({ code: 'empty' });
  });

  it('encrypted OOXML, an .xls with a password, a Word file: told apart from the bytes', () => {
    const enc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(enc, 'EncryptionInfo', new Uint8Array(64).fill(4));
    CFB.utils.cfb_add(enc, 'EncryptedPackage', new Uint8Array(4096).fill(9));
    const encrypted = new Uint8Array(CFB.write(enc, { type: 'array' }) as ArrayBuffer);
    expect(detectFormat(encrypted)).toBe('encrypted');
    expect(failure(encrypted)).toMatchObject({ code: 'encrypted', message: '文件已加密，请先取消密码' });

    // FILEPASS right after the globals' BOF, as Excel writes a password-protected .xls.
    const xls = toXls(small());
    const cfb = CFB.read(xls, { type: 'array' });
    const entry = CFB.find(cfb, 'Workbook');
    const stream = Uint8Array.from(entry.content as ArrayLike<number>);
    const bofLen = stream[2] | (stream[3] << 8);
    const filepass = new Uint8Array([0x2f, 0x00, 0x06, 0x00, 0, 0, 1, 2, 3, 4]);
    const patched = new Uint8Array(stream.length + filepass.length);
    patched.set(stream.subarray(0, 4 + bofLen));
    patched.set(filepass, 4 + bofLen);
    patched.set(stream.subarray(4 + bofLen), 4 + bofLen + filepass.length);
    entry.content = patched;
    const locked = new Uint8Array(CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
    expect(detectFormat(locked)).toBe('encrypted');
    expect(failure(locked)).toMatchObject({ code: 'encrypted' });

    const doc = CFB.utils.cfb_new();
    CFB.utils.cfb_add(doc, 'WordDocument', new Uint8Array(1024).fill(1));
    expect(failure(new Uint8Array(CFB.write(doc, { type: 'array' }) as ArrayBuffer)).code).toBe('not-a-workbook');
  });

  it('detects the format from the bytes whatever the name says', () => {
    const xlsx = small();
    expect(detectFormat(xlsx)).toBe('xlsx');
    expect(detectFormat(toXls(xlsx))).toBe('xls');
    const wb = utils.book_new();
    utils.book_append_sheet(wb, utils.aoa_to_sheet([[1]]), 'S');
    const xlsm = new Uint8Array(sheetjsWrite(wb, { type: 'array', bookType: 'xlsm' }) as ArrayBuffer);
    expect(detectFormat(xlsm)).toBe('xlsm');
    expect(readWorkbook(xlsm).format).toBe('xlsm');
    expect(sheetjsRead(xlsm, { type: 'array' }).SheetNames).toEqual(['S']);
  });
});

describe('reader: bounds', () => {
  it('documents its defaults', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxUncompressedBytes: 100 * 1024 * 1024, maxCellsPerSheet: 1_000_000, maxSheets: 500, maxMillis: 20_000 });
  });

  it('refuses a decompression bomb by its declared size before inflating', () => {
    const bomb = withEntry(small(), 'xl/worksheets/sheet1.xml', zerosDeflate(1 << 20), 1 << 30);
    const t0 = performance.now();
    expect(failure(bomb).code).toBe('too-large');
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('stops a bomb that lies about its size within 2 s and 300 MB', () => {
    const data = zerosDeflate(1 << 30); // 1 GiB of zeros in about 6.5 MB
    for (const declared of [2000, 60 << 20]) {
      const bomb = withEntry(small(), 'xl/worksheets/sheet1.xml', data, declared);
      const before = process.memoryUsage().arrayBuffers;
      // CPU time: the shared test machine stretches wall-clock time, not the work done.
      const c0 = process.cpuUsage();
      const err = failure(bomb);
      const c = process.cpuUsage(c0);
      expect(err.code).toBe('corrupt');
      expect((c.user + c.system) / 1000, `declared ${declared}`).toBeLessThan(2000);
      expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(300 * 1024 * 1024);
    }
  });

  it('too many sheets, too many cells, out of time', () => {
    const sheets = Array.from({ length: 6 }, (_, i) => ({ name: `S${i}`, xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }));
    expect(failure(rawXlsx({ sheets }), { limits: { maxSheets: 5 } }).code).toBe('too-many-sheets');
    const row = (r: number) => `<row r="${r}">${Array.from({ length: 10 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${c}</v></c>`).join('')}</row>`;
    const big = rawXlsx({ sheets: [{ name: 'S', xml: Array.from({ length: 200 }, (_, i) => row(i + 1)).join('') }] });
    expect(readWorkbook(big).sheets[0].values.length).toBe(200);
    expect(failure(big, { limits: { maxCellsPerSheet: 1000 } }).code).toBe('too-many-cells');
    const huge = rawXlsx({ sheets: [{ name: 'S', xml: Array.from({ length: 20_000 }, (_, i) => row(i + 1)).join('') }] });
    expect(failure(huge, { limits: { maxMillis: 1 } }).code).toBe('timeout');
  });

  it('a stray value far from the form costs nothing and is noted', () => {
    const form = Array.from({ length: 30 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${r}</v></c><c r="H${r + 1}"><v>1</v></c></row>`).join('');
    for (const far of ['XFD1048576', 'XFD10000', 'A1048576', 'ZZ40']) {
      const rowNo = Number(/\d+$/.exec(far)![0]);
      const xml = `${form}<row r="${rowNo}"><c r="${far}" t="inlineStr"><is><t>x</t></is></c></row>`;
      const t0 = performance.now();
      const r = readWorkbook(rawXlsx({ sheets: [{ name: '表', xml }] }));
      expect(performance.now() - t0, far).toBeLessThan(500);
      const s = r.sheets[0];
      if (far === 'ZZ40') {
        // Close enough to stay: the rectangle is small anyway, exactly as ExcelJS draws it.
        expect([s.values.length, s.values[0].length]).toEqual([40, 702]);
        expect(r.notes).toEqual([]);
      } else {
        expect([s.top, s.left, s.values.length, s.values[0].length], far).toEqual([0, 0, 30, 8]);
        expect(r.notes).toEqual([`工作表“表”只读取了表格所在区域 A1:H30：远离表格的 1 个单元格（如 ${far}）未读取`]);
      }
    }
  });

  it('a huge merge is clipped to the rectangle', () => {
    const xml = `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>`;
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xml}</sheetData><mergeCells><mergeCell ref="B2:XFD1048576"/></mergeCells></worksheet>`;
    const r = readWorkbook(rawXlsx({ sheets: [{ name: 'S', xml: sheet }] }));
    expect(r.sheets[0].values.length).toBe(2);
    expect(r.sheets[0].merges).toEqual([]);
  });
});
