/**
 * Writing a file safely: is an output the input under another name (symlink, hard link, a
 * different case on a case-insensitive folder)?, and an atomic write — a temporary file in the
 * same folder, flushed, then renamed over the target — so a failure part-way leaves the target as
 * it was.
 */
import { promises as fs, type BigIntStats } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file-system calls these helpers make; a test substitutes one that fails. */
export interface FileSystem {
  stat(p: string): Promise<BigIntStats>;
  realpath(p: string): Promise<string>;
  open: typeof fs.open;
  rename(from: string, to: string): Promise<void>;
  unlink(p: string): Promise<void>;
  chmod(p: string, mode: number): Promise<void>;
}

export const nodeFs: FileSystem = {
  stat: (p) => fs.stat(p, { bigint: true }),
  realpath: (p) => fs.realpath(p),
  open: fs.open,
  rename: fs.rename,
  unlink: fs.unlink,
  chmod: fs.chmod,
};

async function statOrNull(p: string, fsys: FileSystem): Promise<BigIntStats | null> {
  try {
    return await fsys.stat(p);
  } catch {
    return null;
  }
}

export async function exists(p: string, fsys: FileSystem = nodeFs): Promise<boolean> {
  return (await statOrNull(p, fsys)) !== null;
}

/** The real path of a file that may not exist yet: its folder resolved, its own name kept. */
async function realTarget(p: string, fsys: FileSystem): Promise<string> {
  const abs = path.resolve(p);
  try {
    return await fsys.realpath(abs);
  } catch {
    try {
      return path.join(await fsys.realpath(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

function toggleCase(s: string): string {
  return [...s].map((ch) => (ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

/**
 * Whether names differing only in case are one file in the folder holding `existing` (an existing
 * file): its name with every letter's case flipped leads to the same file (macOS, Windows).
 */
async function caseInsensitiveAt(existing: string, st: BigIntStats, fsys: FileSystem): Promise<boolean> {
  const base = path.basename(existing);
  const flipped = toggleCase(base);
  if (flipped === base) return false;
  const other = await statOrNull(path.join(path.dirname(existing), flipped), fsys);
  return other !== null && other.dev === st.dev && other.ino === st.ino;
}

/** True when writing `candidate` would write `input` itself, by whatever path it is named. */
export async function isSameFile(input: string, candidate: string, fsys: FileSystem = nodeFs): Promise<boolean> {
  const a = await statOrNull(input, fsys);
  const b = await statOrNull(candidate, fsys);
  // Hard links, symlinks, "./x" and "x", and on case-insensitive folders "X.xlsx" for "x.xlsx".
  if (a && b && a.dev === b.dev && a.ino === b.ino && a.ino !== 0n) return true;
  const ra = await realTarget(input, fsys);
  const rb = await realTarget(candidate, fsys);
  if (ra === rb) return true;
  if (a && ra.toLowerCase() === rb.toLowerCase() && (await caseInsensitiveAt(ra, a, fsys))) return true;
  return false;
}

/**
 * Write `bytes` to `target` atomically: into a temporary file next to it (same folder, so the
 * rename cannot cross devices), flushed to disk, then renamed over the target. On any failure the
 * temporary file is removed and the target is untouched. `mode` keeps an in-place file's
 * permissions.
 */
export async function writeFileAtomic(target: string, bytes: Uint8Array, options: { mode?: number; fs?: FileSystem } = {}): Promise<void> {
  const fsys = options.fs ?? nodeFs;
  const dir = path.dirname(path.resolve(target));
  const tmp = path.join(dir, `.${path.basename(target)}.hefen-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    const fh = await fsys.open(tmp, 'wx', options.mode ?? 0o644);
    created = true;
    try {
      let off = 0;
      while (off < bytes.length) {
        const { bytesWritten } = await fh.write(bytes, off, Math.min(1 << 20, bytes.length - off));
        off += bytesWritten;
      }
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (options.mode !== undefined) await fsys.chmod(tmp, options.mode);
    await fsys.rename(tmp, target);
    created = false;
  } finally {
    if (created) await fsys.unlink(tmp).catch(() => undefined);
  }
}
