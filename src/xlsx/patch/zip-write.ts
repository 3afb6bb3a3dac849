/**
 * Writes a ZIP archive from entries that are either copied as stored in another archive (their
 * compressed bytes, CRC and sizes untouched) or new contents deflated here.
 */
import { crc32Of } from './crc32.js';
import { deflateSync } from 'fflate';

export interface OutEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** The compressed bytes. */
  data: Uint8Array;
  /** General-purpose flags (bit 11: UTF-8 name); the data-descriptor bit is never written. */
  flags?: number;
  /** DOS time and date of the original entry. */
  time?: number;
  date?: number;
}

const enc = new TextEncoder();

export function deflatedEntry(name: string, content: Uint8Array, like?: { time?: number; date?: number; flags?: number }): OutEntry {
  const data = deflateSync(content, { level: 6 });
  return { name, method: 8, crc: crc32Of(content), compressedSize: data.length, size: content.length, data, flags: like?.flags, time: like?.time, date: like?.date };
}

export function writeZip(entries: OutEntry[]): Uint8Array {
  const names = entries.map((e) => enc.encode(e.name));
  let localSize = 0;
  let centralSize = 0;
  entries.forEach((e, i) => {
    localSize += 30 + names[i].length + e.data.length;
    centralSize += 46 + names[i].length;
  });
  if (localSize + centralSize > 0xffffffff || entries.length > 0xffff) throw new RangeError('archive too large for ZIP32');
  const out = new Uint8Array(localSize + centralSize + 22);
  const dv = new DataView(out.buffer);
  let p = 0;
  const offsets: number[] = [];
  entries.forEach((e, i) => {
    const name = names[i];
    const flags = ((e.flags ?? 0) & ~0x8) | (/[^\x20-\x7e]/.test(e.name) ? 0x800 : 0);
    offsets.push(p);
    dv.setUint32(p, 0x04034b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, flags, true);
    dv.setUint16(p + 8, e.method, true);
    dv.setUint16(p + 10, e.time ?? 0, true);
    dv.setUint16(p + 12, e.date ?? 0x21, true);
    dv.setUint32(p + 14, e.crc >>> 0, true);
    dv.setUint32(p + 18, e.compressedSize, true);
    dv.setUint32(p + 22, e.size, true);
    dv.setUint16(p + 26, name.length, true);
    dv.setUint16(p + 28, 0, true);
    out.set(name, p + 30);
    out.set(e.data, p + 30 + name.length);
    p += 30 + name.length + e.data.length;
  });
  const cd = p;
  entries.forEach((e, i) => {
    const name = names[i];
    const flags = ((e.flags ?? 0) & ~0x8) | (/[^\x20-\x7e]/.test(e.name) ? 0x800 : 0);
    dv.setUint32(p, 0x02014b50, true);
    dv.setUint16(p + 4, 20, true);
    dv.setUint16(p + 6, 20, true);
    dv.setUint16(p + 8, flags, true);
    dv.setUint16(p + 10, e.method, true);
    dv.setUint16(p + 12, e.time ?? 0, true);
    dv.setUint16(p + 14, e.date ?? 0x21, true);
    dv.setUint32(p + 16, e.crc >>> 0, true);
    dv.setUint32(p + 20, e.compressedSize, true);
    dv.setUint32(p + 24, e.size, true);
    dv.setUint16(p + 28, name.length, true);
    dv.setUint32(p + 42, offsets[i], true);
    out.set(name, p + 46);
    p += 46 + name.length;
  });
  dv.setUint32(p, 0x06054b50, true);
  dv.setUint16(p + 8, entries.length, true);
  dv.setUint16(p + 10, entries.length, true);
  dv.setUint32(p + 12, p - cd, true);
  dv.setUint32(p + 16, cd, true);
  return out;
}
