/**
 * The CLI reads .xlsx with Node's zlib as the reader's inflater (src/cli/node-inflate.ts): the
 * result is the reader's own whatever the bytes — sheets, notes and format on a good file, the
 * same error code and sentence on a damaged one (zlib refuses a stream, fflate words why) — and a
 * stream that lies about its size costs no more than with fflate alone.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nodeInflateRaw } from '../../src/cli/node-inflate.js';
import { readWorkbook, WorkbookReadError, type RawInflate } from '../../src/xlsx/reader/index.js';
import { openZip } from '../../src/xlsx/reader/zip.js';
import { mutatePackage, prng } from '../fuzz/mutate.js';

const root = path.join(import.meta.dirname, '..', '..');
const examples = readdirSync(path.join(root, 'examples'))
  .filter((n) => n.endsWith('.xlsx'))
  .sort()
  .map((n) => new Uint8Array(readFileSync(path.join(root, 'examples', n))));

function outcome(bytes: Uint8Array, inflateRaw?: RawInflate): unknown {
  try {
    return readWorkbook(bytes, { inflateRaw });
  } catch (e) {
    if (e instanceof WorkbookReadError) return { code: e.code, message: e.message };
    throw e;
  }
}

/** The package with `n` bytes flipped inside the stored data of its entries (the deflate streams). */
function flipInStreams(bytes: Uint8Array, seed: number, n: number): Uint8Array {
  const r = prng(seed);
  const zip = openZip(bytes);
  const streams = zip.entries.filter((e) => e.compressedSize > 0);
  const out = bytes.slice();
  for (let i = 0; i < n; i++) {
    const e = streams[r.int(streams.length)];
    out[e.dataOffset + r.int(e.compressedSize)] ^= 1 + r.int(255);
  }
  return out;
}

describe('the CLI inflater', () => {
  it('reads every example exactly as fflate does', () => {
    for (const bytes of examples) expect(outcome(bytes, nodeInflateRaw)).toEqual(outcome(bytes));
  });

  it('gives the same result as fflate on damaged streams and mutated packages', () => {
    let errors = 0;
    for (let i = 0; i < 160; i++) {
      const src = examples[i % examples.length];
      const bytes = i % 2 ? flipInStreams(src, 7000 + i, 1 + (i % 3)) : mutatePackage(src, prng(9000 + i)).bytes;
      const fast = outcome(bytes, nodeInflateRaw);
      expect(fast, `case ${i}`).toEqual(outcome(bytes));
      if ((fast as { code?: string }).code) errors++;
    }
    // The damage did reach the inflater: many of these files are refused.
    expect(errors).toBeGreaterThan(30);
  });

  it('a host inflater that fails, answers null or the wrong length leaves the reading to fflate', () => {
    const bad: RawInflate[] = [
      () => {
        throw new Error('boom');
      },
      () => null,
      (data, max) => new Uint8Array(max + 1),
      () => new Uint8Array(0),
    ];
    for (const inflateRaw of bad) expect(outcome(examples[1], inflateRaw)).toEqual(outcome(examples[1]));
  });

  it('stops at the declared size: a lying stream is null at once, an honest one is inflated', () => {
    const zeros = deflateRawSync(new Uint8Array(256 << 20)); // 256 MiB of zeros in about 256 KB
    const c0 = process.cpuUsage();
    expect(nodeInflateRaw(zeros, 2000)).toBeNull();
    expect(nodeInflateRaw(zeros, 1 << 20)).toBeNull();
    const c = process.cpuUsage(c0);
    expect((c.user + c.system) / 1000).toBeLessThan(200);
    const text = new TextEncoder().encode('<row r="1"/>'.repeat(1000));
    expect(new Uint8Array(nodeInflateRaw(deflateRawSync(text), text.length)!)).toEqual(text);
    expect(nodeInflateRaw(deflateRawSync(text), text.length - 1)).toBeNull();
    expect(nodeInflateRaw(new Uint8Array([0xff, 0xff, 0xff]), 100)).toBeNull();
    expect(nodeInflateRaw(deflateRawSync(new Uint8Array(0)), 0)).toHaveLength(0);
  });
});
