/**
 * The file extension a package's bytes call for. Excel opens a workbook only when its name
 * matches the content type of the main part: a macro-enabled package named .xlsx is refused
 * ("文件格式或文件扩展名无效"), and so is the reverse. A patched copy keeps the input's content
 * types and vbaProject.bin, so its name follows the input's package, not a fixed ".xlsx".
 */
import { WorkbookReadError } from '../reader/errors.js';
import { parseRels, readPart, resolveTarget } from '../reader/ooxml.js';
import { InflateBudget, openZip } from '../reader/zip.js';

export type PackageExtension = '.xlsx' | '.xlsm' | '.xltx' | '.xltm';

const BY_TYPE: Record<string, PackageExtension> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml': '.xlsx',
  'application/vnd.ms-excel.sheet.macroenabled.main+xml': '.xlsm',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml': '.xltx',
  'application/vnd.ms-excel.template.macroenabled.main+xml': '.xltm',
};

/** Reading two small parts: bounded well below the reader's own limit. */
const BUDGET = 64 << 20;

/** From [Content_Types].xml's entry for the workbook part; .xlsx when the bytes are no package. */
export function packageExtension(bytes: Uint8Array): PackageExtension {
  try {
    const zip = openZip(bytes);
    const pkg = { zip, budget: new InflateBudget(BUDGET, () => new WorkbookReadError('too-large', '文件过大')) };
    const main = parseRels(readPart(pkg, '_rels/.rels'), '_rels/.rels').find((r) => /\/officeDocument$/.test(r.type) && !r.external);
    const part = `/${resolveTarget('', main?.target ?? 'xl/workbook.xml')}`.toLowerCase();
    const types = readPart(pkg, '[Content_Types].xml') ?? '';
    for (const m of types.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
      const name = /\sPartName\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1];
      const type = /\sContentType\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1];
      if (name && type && name.toLowerCase() === part) return BY_TYPE[type.trim().toLowerCase()] ?? '.xlsx';
    }
  } catch {
    // Not a package we can read: the writers produced it as .xlsx.
  }
  return '.xlsx';
}

/** `file` with its extension replaced by `ext` (kept when it already is that, in any case). */
export function withExtension(file: string, ext: PackageExtension): string {
  const m = /\.[^./\\]*$/.exec(file);
  if (m && m[0].toLowerCase() === ext) return file;
  return `${m ? file.slice(0, m.index) : file}${ext}`;
}
