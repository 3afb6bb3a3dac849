/**
 * Which files `hefen review` looks at: the files named, and every workbook under the folders
 * named (recursively), in one deterministic order.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Extensions looked for inside folders; the format itself is decided from the bytes. */
export const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.et']);

export interface InputFile {
  /** As shown to the reviewer: the folder given joined with the path inside it, or the file given. */
  display: string;
  absolute: string;
  /** Where its annotated copy goes under --annotate DIR (inside-folder path, or the file name). */
  copyName: string;
}

export interface Collected {
  files: InputFile[];
  /** Paths given that do not exist, with the reason. */
  missing: { display: string; reason: string }[];
  /** Absolute paths of the folders given. */
  folders: string[];
}

/** Code-point order, so the result does not depend on the machine's locale. */
export const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Office lock files (~$名称.xlsx) and hidden files are not workbooks the reviewer sent. */
const skipped = (name: string) => name.startsWith('~$') || name.startsWith('.');

async function walk(dir: string, rel: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (skipped(e.name)) continue;
    const r = rel ? path.join(rel, e.name) : e.name;
    // Symbolic links to folders are not followed (no loops); links to files are.
    if (e.isDirectory()) await walk(dir, r, out);
    else if ((e.isFile() || e.isSymbolicLink()) && WORKBOOK_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(r);
  }
}

export async function collectInputs(paths: string[]): Promise<Collected> {
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const missing: Collected['missing'] = [];
  const folders: string[] = [];
  const add = (f: InputFile) => {
    if (seen.has(f.absolute)) return;
    seen.add(f.absolute);
    files.push(f);
  };
  for (const p of paths) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      missing.push({ display: p, reason: '找不到文件或文件夹' });
      continue;
    }
    if (st.isDirectory()) {
      folders.push(path.resolve(p));
      const found: string[] = [];
      await walk(p, '', found);
      for (const rel of found) add({ display: path.join(p, rel), absolute: path.resolve(p, rel), copyName: rel });
    } else {
      add({ display: p, absolute: path.resolve(p), copyName: path.basename(p) });
    }
  }
  files.sort((a, b) => byPath(a.display, b.display));
  missing.sort((a, b) => byPath(a.display, b.display));
  return { files, missing, folders };
}

/**
 * DIR/name.ext for each input: an .xlsm keeps .xlsm (its patched copy keeps the macro content type
 * and vbaProject.bin, and Excel refuses such a package named .xlsx); .xlsx, .xls and .et copies
 * are .xlsx. Clashes get （2）, （3）…
 */
export function annotatedTargets(files: InputFile[], dir: string): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    const parsed = path.parse(f.copyName);
    const target = freeName(path.join(dir, parsed.dir, parsed.name), parsed.ext.toLowerCase() === '.xlsm' ? '.xlsm' : '.xlsx', (t) => used.has(t.toLowerCase()));
    used.add(target.toLowerCase());
    return target;
  });
}

/** base + ext, or base（2）+ ext, … — the first that is not `taken`. */
export function freeName(base: string, ext: string, taken: (name: string) => boolean): string {
  let target = `${base}${ext}`;
  for (let i = 2; taken(target); i++) target = `${base}（${i}）${ext}`;
  return target;
}

/** `child` is `parent` or inside it. */
export function isWithin(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
