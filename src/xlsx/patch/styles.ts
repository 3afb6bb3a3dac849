/**
 * New cell formats for patched cells: each is a copy of the cell's own cellXfs record with its
 * number format, fill or font replaced, appended to cellXfs, so no other cell that shared the
 * original record changes. Only the numFmts, fonts, fills and cellXfs collections of styles.xml
 * are touched, and only by appending.
 */
import { Scanner, Tok } from '../reader/xml.js';
import { escapeAttr, PatchError } from './xml-out.js';

/** A font change: a copy of the cell's font with these set. */
export interface FontPatch {
  bold?: boolean;
  underline?: boolean;
  /** ARGB. */
  color?: string;
}

type Name = 'numFmts' | 'fonts' | 'fills' | 'cellXfs';

interface Collection {
  /** Offsets of the collection's open tag and of its close tag (or of a self-closing tag). */
  openStart: number;
  openEnd: number;
  closeStart: number;
  selfClosing: boolean;
  items: { start: number; end: number }[];
}

const BUILTIN_IDS: Record<string, number> = {
  General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49,
};

export class StyleSheet {
  private readonly numFmts = new Map<string, number>();
  private maxNumFmtId = 163;
  private readonly cols: Record<Name, Collection | null> = { numFmts: null, fonts: null, fills: null, cellXfs: null };
  private readonly addedNumFmts: string[] = [];
  private readonly addedFonts: string[] = [];
  private readonly fontMade = new Map<string, number>();
  private readonly addedFills: string[] = [];
  private readonly addedXfs: string[] = [];
  private readonly made = new Map<string, number>();
  private readonly fillMade = new Map<string, number>();

  constructor(private readonly xml: string) {
    const sc = new Scanner(xml, 'styles.xml');
    const ITEM = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', cellXfs: 'xf' } as const;
    let current: Collection | null = null;
    let currentName: keyof typeof ITEM = 'cellXfs';
    let colDepth = 0;
    let itemStart = 0;
    while (sc.next() !== Tok.End) {
      const name = sc.name;
      if (current) {
        const item: string = ITEM[currentName];
        if (sc.tok === Tok.Close) {
          if (name === item && sc.depth === colDepth) current.items.push({ start: itemStart, end: sc.tagEnd });
          else if (name === currentName && sc.depth === colDepth - 1) {
            current.closeStart = sc.tagStart;
            current = null;
          }
          continue;
        }
        if (name === item && sc.tok === Tok.Open && sc.depth === colDepth + 1) itemStart = sc.tagStart;
        else if (name === item && sc.tok === Tok.Empty && sc.depth === colDepth) current.items.push({ start: sc.tagStart, end: sc.tagEnd });
        if (name === 'numFmt' && currentName === 'numFmts') {
          const id = Number(sc.attr('numFmtId'));
          const code = sc.attr('formatCode');
          if (Number.isInteger(id)) {
            if (code !== null && !this.numFmts.has(code)) this.numFmts.set(code, id);
            this.maxNumFmtId = Math.max(this.maxNumFmtId, id);
          }
        }
        continue;
      }
      if (sc.tok !== Tok.Close && (name === 'numFmts' || name === 'fonts' || name === 'fills' || name === 'cellXfs') && sc.depth <= 2) {
        const c: Collection = { openStart: sc.tagStart, openEnd: sc.tagEnd, closeStart: -1, selfClosing: sc.tok === Tok.Empty, items: [] };
        this.cols[name] = c;
        if (sc.tok === Tok.Open) {
          current = c;
          currentName = name;
          colDepth = sc.depth;
        }
      }
    }
    if (!this.cols.cellXfs || !this.cols.cellXfs.items.length) throw new PatchError('styles.xml 中没有单元格格式（cellXfs），无法写入格式');
  }

  /**
   * Index of a new cellXfs record: a copy of `base` with the format, fill or font replaced, and with
   * `wrap`, its text wrapped and top-aligned.
   */
  derive(base: number, numberFormat: string | undefined, fill: string | undefined, font?: FontPatch, wrap = false): number {
    const key = `${base}\u0000${numberFormat ?? ''}\u0000${fill ?? ''}\u0000${font ? JSON.stringify(font) : ''}\u0000${wrap}`;
    const done = this.made.get(key);
    if (done !== undefined) return done;
    const xfs = this.cols.cellXfs!;
    const src = xfs.items[base] ?? xfs.items[0];
    let xf = this.xml.slice(src.start, src.end);
    if (numberFormat !== undefined) {
      xf = setAttr(xf, 'numFmtId', String(this.numFmtId(numberFormat)));
      xf = setAttr(xf, 'applyNumberFormat', '1');
    }
    if (fill !== undefined) {
      xf = setAttr(xf, 'fillId', String(this.fillId(fill)));
      xf = setAttr(xf, 'applyFill', '1');
    }
    if (font !== undefined) {
      const from = Number(/\sfontId\s*=\s*"(\d+)"/.exec(xf.slice(0, xf.indexOf('>')))?.[1] ?? 0);
      xf = setAttr(xf, 'fontId', String(this.fontId(from, font)));
      xf = setAttr(xf, 'applyFont', '1');
    }
    if (wrap) xf = setAttr(wrapped(xf), 'applyAlignment', '1');
    const index = xfs.items.length + this.addedXfs.length;
    this.addedXfs.push(xf);
    this.made.set(key, index);
    return index;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_IDS[code];
    if (builtin !== undefined) return builtin;
    const known = this.numFmts.get(code);
    if (known !== undefined) return known;
    const id = ++this.maxNumFmtId;
    this.numFmts.set(code, id);
    this.addedNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return id;
  }

  private fontId(base: number, patch: FontPatch): number {
    const key = `${base}\u0000${JSON.stringify(patch)}`;
    const done = this.fontMade.get(key);
    if (done !== undefined) return done;
    const fonts = this.cols.fonts;
    if (!fonts || !fonts.items.length) throw new PatchError('styles.xml 中没有字体（fonts），无法写入字体');
    if (patch.color !== undefined && !/^[0-9A-Fa-f]{8}$/.test(patch.color)) throw new PatchError(`字体颜色无效：${patch.color}`);
    const src = fonts.items[base] ?? fonts.items[0];
    let font = this.xml.slice(src.start, src.end);
    const qname = qnameOf(font);
    const p = qname.includes(':') ? qname.slice(0, qname.indexOf(':') + 1) : '';
    // CT_Font's children are a choice in any order: drop the ones replaced, put the new ones first.
    const drop = (tag: string) => (font = font.replace(new RegExp(`<${p}${tag}\\b[^>]*?(/>|>[^<]*</${p}${tag}>)`, 'g'), ''));
    let head = '';
    if (patch.bold !== undefined) {
      drop('b');
      if (patch.bold) head += `<${p}b/>`;
    }
    if (patch.underline !== undefined) {
      drop('u');
      if (patch.underline) head += `<${p}u/>`;
    }
    if (patch.color !== undefined) {
      drop('color');
      head += `<${p}color rgb="${patch.color.toUpperCase()}"/>`;
    }
    if (font.endsWith('/>')) font = `${font.slice(0, -2).trimEnd()}>${head}</${qname}>`;
    else font = font.replace(/^<[^>]*>/, (open) => open + head);
    const id = fonts.items.length + this.addedFonts.length;
    this.addedFonts.push(font);
    this.fontMade.set(key, id);
    return id;
  }

  private fillId(argb: string): number {
    if (!/^[0-9A-Fa-f]{8}$/.test(argb)) throw new PatchError(`填充颜色无效：${argb}（应为 8 位 ARGB，如 FFFFC7CE）`);
    const rgb = argb.toUpperCase();
    const done = this.fillMade.get(rgb);
    if (done !== undefined) return done;
    const fills = this.cols.fills;
    if (!fills) throw new PatchError('styles.xml 中没有填充（fills），无法写入底色');
    const id = fills.items.length + this.addedFills.length;
    this.addedFills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`);
    this.fillMade.set(rgb, id);
    return id;
  }

  get changed(): boolean {
    return this.addedXfs.length > 0;
  }

  /** styles.xml with the new records appended and the collections' counts updated. */
  serialize(): string {
    const edits: { at: number; end: number; text: string }[] = [];
    const append = (name: Name, added: string[], before: string) => {
      if (!added.length) return;
      const c = this.cols[name];
      if (!c) {
        // Only numFmts can be missing: it goes first in the stylesheet.
        const at = this.xml.indexOf(before);
        const open = this.xml.lastIndexOf('<', at);
        edits.push({ at: open, end: open, text: `<numFmts count="${added.length}">${added.join('')}</numFmts>` });
        return;
      }
      const count = c.items.length + added.length;
      const open = setAttr(this.xml.slice(c.openStart, c.openEnd), 'count', String(count));
      if (c.selfClosing) {
        edits.push({ at: c.openStart, end: c.openEnd, text: `${open.replace(/\s*\/>$/, '>')}${added.join('')}</${qnameOf(open)}>` });
      } else {
        edits.push({ at: c.openStart, end: c.openEnd, text: open });
        edits.push({ at: c.closeStart, end: c.closeStart, text: added.join('') });
      }
    };
    append('numFmts', this.addedNumFmts, this.cols.fonts ? 'fonts' : this.cols.fills ? 'fills' : 'cellXfs');
    append('fonts', this.addedFonts, 'cellXfs');
    append('fills', this.addedFills, 'cellXfs');
    append('cellXfs', this.addedXfs, 'cellXfs');
    edits.sort((a, b) => a.at - b.at);
    let out = '';
    let p = 0;
    for (const e of edits) {
      out += this.xml.slice(p, e.at) + e.text;
      p = e.end;
    }
    return out + this.xml.slice(p);
  }
}

/** An xf record whose <alignment> (its first child in CT_Xf) wraps text and aligns it to the top. */
function wrapped(xf: string): string {
  const qname = qnameOf(xf);
  const p = qname.includes(':') ? qname.slice(0, qname.indexOf(':') + 1) : '';
  const existing = new RegExp(`<${p}alignment\\b[^>]*?/?>`).exec(xf);
  if (existing) {
    const tag = setAttr(setAttr(existing[0], 'wrapText', '1'), 'vertical', 'top');
    return xf.slice(0, existing.index) + tag + xf.slice(existing.index + existing[0].length);
  }
  const alignment = `<${p}alignment vertical="top" wrapText="1"/>`;
  if (xf.endsWith('/>')) return `${xf.slice(0, -2).trimEnd()}>${alignment}</${qname}>`;
  return xf.replace(/^<[^>]*>/, (open) => open + alignment);
}

function qnameOf(tag: string): string {
  return /^<([^\s/>]+)/.exec(tag)![1];
}

/** Sets (or adds) an attribute in the start tag at the beginning of `xml`. */
export function setAttr(xml: string, name: string, value: string): string {
  const end = xml.indexOf('>');
  const head = xml.slice(0, end);
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(head)) return head.replace(re, `$1"${escapeAttr(value)}"`) + xml.slice(end);
  const selfClosing = head.endsWith('/');
  const base = selfClosing ? head.slice(0, -1).trimEnd() : head;
  return `${base} ${name}="${escapeAttr(value)}"${selfClosing ? '/' : ''}${xml.slice(end)}`;
}
