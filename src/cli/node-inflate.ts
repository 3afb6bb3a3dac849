/**
 * The reader's inflater in the CLI: Node's zlib (native, no JIT warm-up: a 2.7 MB sheet inflates
 * in about a tenth of fflate's cold time). zlib stops at maxOutputLength, so a stream that lies
 * about its size costs no more than the size it declared; anything zlib refuses is left to the
 * reader's fflate path (null), which words the error.
 */
import { inflateRawSync } from 'node:zlib';
import type { RawInflate } from '../xlsx/reader/index.js';

export const nodeInflateRaw: RawInflate = (data, max) => {
  try {
    // One output chunk of the declared size: zlib's default 16 KB chunks are joined by a copy at the end.
    return inflateRawSync(data, { maxOutputLength: Math.max(1, max), chunkSize: Math.max(64, max) });
  } catch {
    return null;
  }
};
