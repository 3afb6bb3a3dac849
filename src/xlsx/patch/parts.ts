/**
 * Edits to the package's bookkeeping parts — relationships and [Content_Types].xml — and new parts,
 * for the patch writer. Each edit inserts text into the part as written (nothing is re-serialised),
 * so a part the patch did not need to change keeps its bytes.
 */
import { parseRels, readPart, relsPathOf, resolveTarget, type Rel } from '../reader/ooxml.js';
import type { InflateBudget, ZipPackage } from '../reader/zip.js';
import { escapeAttr, PatchError } from './xml-out.js';

export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const REL_TYPE = {
  worksheet: `${REL}/worksheet`,
  comments: `${REL}/comments`,
  vmlDrawing: `${REL}/vmlDrawing`,
} as const;
export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
} as const;
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPES = '[Content_Types].xml';

export class PackageEditor {
  /** Changed and new parts, by path, as text. */
  private readonly texts = new Map<string, string>();
  private readonly created = new Set<string>();

  constructor(private readonly pkg: { zip: ZipPackage; budget: InflateBudget }) {}

  read(path: string): string | null {
    return this.texts.get(path) ?? readPart(this.pkg, path);
  }

  write(path: string, xml: string): void {
    if (!this.pkg.zip.byName.has(path)) this.created.add(path);
    this.texts.set(path, xml);
  }

  exists(path: string): boolean {
    return this.texts.has(path) || this.pkg.zip.byName.has(path);
  }

  /** The first free path made by `name(n)`, n = 1, 2, … (case-insensitive, as ZIP readers compare). */
  freePath(name: (n: number) => string): string {
    const taken = new Set([...this.pkg.zip.byName.keys(), ...this.texts.keys()].map((p) => p.toLowerCase()));
    for (let n = 1; ; n++) if (!taken.has(name(n).toLowerCase())) return name(n);
  }

  /** Every part's path, the new ones included. */
  paths(): string[] {
    return [...new Set([...this.pkg.zip.byName.keys(), ...this.texts.keys()])];
  }

  rels(part: string): Rel[] {
    const path = relsPathOf(part);
    return parseRels(this.read(path), path);
  }

  /** The part a relationship of `part` points to. */
  targetOf(part: string, rel: Rel): string {
    return resolveTarget(part, rel.target);
  }

  /** Adds a relationship from `part` to `target` (a package path); returns its new id. */
  addRel(part: string, type: string, target: string): string {
    const path = relsPathOf(part);
    const xml = this.read(path);
    const ids = new Set(this.rels(part).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${escapeAttr(type)}" Target="${escapeAttr(relativeTarget(part, target))}"/>`;
    if (xml === null) {
      this.write(path, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELS_NS}">${rel}</Relationships>`);
    } else this.write(path, appendToRoot(xml, rel, path));
    return id;
  }

  /** Declares the content type of a new part in [Content_Types].xml. */
  override(path: string, contentType: string): void {
    const xml = this.read(TYPES);
    if (xml === null) throw new PatchError('工作簿缺少 [Content_Types].xml');
    this.write(TYPES, appendToRoot(xml, `<Override PartName="/${escapeAttr(path)}" ContentType="${contentType}"/>`, TYPES));
  }

  /** Declares a default content type for an extension unless one is there already. */
  defaultFor(ext: string, contentType: string): void {
    const xml = this.read(TYPES);
    if (xml === null) throw new PatchError('工作簿缺少 [Content_Types].xml');
    if (new RegExp(`<(\\w+:)?Default\\s[^>]*Extension\\s*=\\s*["']${ext}["']`, 'i').test(xml)) return;
    this.write(TYPES, appendToRoot(xml, `<Default Extension="${ext}" ContentType="${contentType}"/>`, TYPES));
  }

  /** Changed parts (already in the package) and new parts, encoded. */
  changes(): { replaced: Map<string, Uint8Array>; added: Map<string, Uint8Array> } {
    const enc = new TextEncoder();
    const replaced = new Map<string, Uint8Array>();
    const added = new Map<string, Uint8Array>();
    for (const [path, xml] of this.texts) (this.created.has(path) ? added : replaced).set(path, enc.encode(xml));
    return { replaced, added };
  }
}

/** `target` relative to the folder of `source` ("xl/worksheets/sheet1.xml" → "../comments1.xml"). */
export function relativeTarget(source: string, target: string): string {
  const from = source.split('/').slice(0, -1);
  const to = target.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

/** Inserts `fragment` as the last child of the document's root element. */
export function appendToRoot(xml: string, fragment: string, part: string): string {
  const trimmed = xml.trimEnd();
  if (trimmed.endsWith('/>')) {
    // A self-closing root: <Relationships xmlns="…"/>.
    const open = trimmed.lastIndexOf('<');
    const name = /^<([^\s/>]+)/.exec(trimmed.slice(open))?.[1];
    if (name && !trimmed.slice(0, open).includes('<' + name)) {
      return `${trimmed.slice(0, -2).trimEnd()}>${fragment}</${name}>${xml.slice(trimmed.length)}`;
    }
  }
  const close = trimmed.lastIndexOf('</');
  if (close < 0) throw new PatchError(`${part} 的结构无法识别`);
  return xml.slice(0, close) + fragment + xml.slice(close);
}
