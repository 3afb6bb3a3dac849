/**
 * Writes the four seed forms as .xlsx files under examples/ (npx tsx scripts/make-examples.ts).
 *
 * Reruns give byte-identical files: the builders fix the workbook's creator and dates, and the zip
 * entries' timestamps (which ExcelJS/JSZip stamp with the current time) are set to a fixed date.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ExcelJS from 'exceljs';
import { seed001, seed002, seed003, seed004 } from '../test/fixtures/seeds.js';

const EXAMPLES: [string, () => ExcelJS.Workbook][] = [
  ['seed-001-department-rubric.xlsx', seed001],
  ['seed-002-project-national.xlsx', seed002],
  ['seed-003-project-label-weights.xlsx', seed003],
  ['seed-004-department-score-sheet.xlsx', seed004],
];

/** 2024-01-01 00:00:00 in MS-DOS date/time form. */
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;

/** Sets every local and central-directory entry's modification time in a zip to DOS_DATE/DOS_TIME. */
export function fixZipTimestamps(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  // End of central directory: signature 0x06054b50, searched from the end (comment ≤ 65535 bytes).
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('不是有效的 zip 文件：找不到中央目录结尾');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('不是有效的 zip 文件：中央目录损坏');
    out.writeUInt16LE(DOS_TIME, p + 12);
    out.writeUInt16LE(DOS_DATE, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('不是有效的 zip 文件：本地文件头损坏');
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

export async function makeExamples(dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, build] of EXAMPLES) {
    const buf = Buffer.from(await build().xlsx.writeBuffer());
    const file = join(dir, name);
    await writeFile(file, fixZipTimestamps(buf));
    written.push(file);
  }
  return written;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const files = await makeExamples(join(root, 'examples'));
  for (const f of files) console.log(f);
}
