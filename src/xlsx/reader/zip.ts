/**
 * A ZIP package read from its central directory, inflating only the entries asked for and never
 * past a byte budget. fflate does the inflating; the directory is parsed here so the declared
 * sizes can be checked before anything is inflated, and so the patch writer can copy untouched
 * entries' compressed bytes as they are.
 */
import { Inflate, inflateSync } from 'fflate';
import { WorkbookReadError, corrupt } from './errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  localOffset: number;
  /** Offset of the compressed data (after the local header). */
  dataOffset: number;
  /** The central directory record, as stored (for re-zipping untouched entries). */
  central: Uint8Array;
}

export interface ZipPackage {
  bytes: Uint8Array;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
  /** Bytes between the last entry's data and the central directory (normally none). */
  comment: Uint8Array;
  /** The host's inflater, tried before fflate (see RawInflate). */
  inflateRaw?: RawInflate;
}

/**
 * A raw-DEFLATE inflater a host may bring: the CLI brings Node's zlib, native code several times
 * faster than fflate and with no JIT warm-up. It returns the inflated bytes, or null when it cannot
 * (a corrupt stream, or more than `max` bytes: it must stop there, so that a lying stream costs no
 * more than its declared size). Whatever it does not return as exactly the declared size is
 * inflated again by fflate, so every message and limit is the reader's own either way.
 */
export type RawInflate = (data: Uint8Array, max: number) => Uint8Array | null;

/** Deflate cannot expand more than about 1032:1; above this, inflate in bounded chunks. */
const MAX_RATIO = 1032;
const CHUNK = 64 * 1024;
/**
 * Bytes a single-call inflate may end up decoding (a lying stream is decoded to its end even
 * though nothing past the buffer is kept): about half a second at worst.
 */
const SYNC_WORST = 128 * 1024 * 1024;

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

const utf8 = new TextDecoder('utf-8');
let latin: InstanceType<typeof TextDecoder> | null = null;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Parses the central directory; throws `corrupt` for a truncated or inconsistent archive. */
export function openZip(bytes: Uint8Array, inflateRaw?: RawInflate): ZipPackage {
  // End of central directory: 22 bytes + up to 64 KiB of comment, searched from the end.
  let eocd = -1;
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('压缩包目录缺失，文件可能不完整');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits right before the EOCD record.
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== 0x07064b50) throw corrupt('压缩包目录无效');
    const z = u32(bytes, loc + 8);
    if (z + 56 > bytes.length || u32(bytes, z) !== 0x06064b50) throw corrupt('压缩包目录无效');
    count = u32(bytes, z + 32);
    cdSize = u32(bytes, z + 40);
    cdOffset = u32(bytes, z + 48);
  }
  if (cdOffset + cdSize > bytes.length) throw corrupt('压缩包目录越界，文件可能被截断');
  const entries: ZipEntry[] = [];
  const byName = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt('压缩包目录损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > bytes.length) throw corrupt('压缩包目录损坏');
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const name = flags & 0x800 ? utf8.decode(rawName) : (latin ??= new TextDecoder('latin1')).decode(rawName);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extra field: the 64-bit values present are those whose 32-bit field is saturated.
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 1) {
          let q = e + 4;
          const big = () => {
            const v = u32(bytes, q) + u32(bytes, q + 4) * 0x100000000;
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = big();
          if (compressedSize === 0xffffffff) compressedSize = big();
          if (localOffset === 0xffffffff) localOffset = big();
          break;
        }
        e += 4 + len;
      }
    }
    if (localOffset + 30 > bytes.length || u32(bytes, localOffset) !== 0x04034b50) throw corrupt('压缩包内容损坏');
    const dataOffset = localOffset + 30 + u16(bytes, localOffset + 26) + u16(bytes, localOffset + 28);
    if (dataOffset + compressedSize > bytes.length) throw corrupt('压缩包内容被截断');
    const entry: ZipEntry = { name, method, flags, crc, compressedSize, size, localOffset, dataOffset, central: bytes.subarray(p, end) };
    entries.push(entry);
    byName.set(name, entry);
    p = end;
  }
  const comment = bytes.subarray(eocd + 20 + 2, eocd + 22 + u16(bytes, eocd + 20));
  return { bytes, entries, byName, comment, inflateRaw };
}

/** Tracks the bytes inflated so far against the budget. */
export class InflateBudget {
  used = 0;
  constructor(
    readonly max: number,
    private readonly tooLarge: () => WorkbookReadError,
  ) {}
  take(n: number): void {
    this.used += n;
    if (this.used > this.max) throw this.tooLarge();
  }
}

/**
 * The uncompressed bytes of one entry. The declared size is checked against the budget first;
 * an entry that could inflate past it (a lying size) is inflated in chunks and stopped the moment
 * it crosses the budget. A size that disagrees with the declared one is corruption.
 */
export function inflateEntry(zip: ZipPackage, e: ZipEntry, budget: InflateBudget): Uint8Array {
  if (e.flags & 1) throw new WorkbookReadError('encrypted', '文件已加密，请先取消密码');
  const data = zip.bytes.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw corrupt('压缩包条目大小不符');
    budget.take(e.size);
    return data;
  }
  if (e.method !== 8) throw corrupt(`不支持的压缩方式 ${e.method}`);
  budget.take(e.size);
  if (zip.inflateRaw) {
    let fast: Uint8Array | null = null;
    try {
      fast = zip.inflateRaw(data, e.size);
    } catch {
      // The host's failure is no verdict: fflate below gives the reader's own.
    }
    if (fast && fast.length === e.size) return fast;
  }
  let out: Uint8Array;
  try {
    if (e.compressedSize * MAX_RATIO <= Math.max(2 * e.size, SYNC_WORST)) {
      // Even a lying stream cannot inflate far past its declared size: one call into a buffer of
      // that size (+1 to tell a longer stream from an exact one; fflate stops writing at its end).
      out = inflateSync(data, { out: new Uint8Array(e.size + 1) });
    } else {
      // Could expand far past what it declares (a bomb): inflate in chunks, stop at the size.
      out = inflateChunked(data, e.size);
    }
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    throw corrupt('压缩数据损坏');
  }
  if (out.length !== e.size) throw sizeMismatch();
  return out;
}

const sizeMismatch = () => corrupt('压缩包条目的实际大小与声明不符，可能是异常或恶意文件');

function inflateChunked(data: Uint8Array, cap: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const inf = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) throw sizeMismatch();
    parts.push(chunk);
  });
  for (let i = 0; i < data.length; i += CHUNK) inf.push(data.subarray(i, i + CHUNK), i + CHUNK >= data.length);
  if (data.length === 0) inf.push(new Uint8Array(0), true);
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
