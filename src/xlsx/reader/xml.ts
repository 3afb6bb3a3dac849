/**
 * A small pull scanner over one XML part held as a string: tags with their local names (namespace
 * prefixes such as `x:` dropped), the text between them, and attributes on demand. It checks what
 * a lenient scanner would let through — tags nest and close in order, one root, attributes are
 * well formed, entities are known, no DOCTYPE — so a corrupt part is reported, not read as garbage.
 */
import { corrupt } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeXml(bytes: Uint8Array, part: string): string {
  let s: string;
  try {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      s = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2));
    } else {
      s = utf8.decode(bytes);
    }
  } catch {
    throw corrupt(`${part} 不是有效的文本`);
  }
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

export const enum Tok {
  End = 0,
  Open = 1,
  Close = 2,
  /** `<a/>`: reported once, as an open immediately closed. */
  Empty = 3,
}

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes entities and XML line ends (\r\n and lone \r become \n) in s[start, end). */
export function unescapeXml(src: string, start: number, end: number, part: string): string {
  // Searched within the slice only: an indexOf over the rest of the document per call is quadratic.
  const s = src.slice(start, end);
  let amp = s.indexOf('&');
  let cr = s.indexOf('\r');
  if (amp < 0 && cr < 0) return s;
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const ch = s.charCodeAt(i);
    if (ch === 38 /* & */) {
      const semi = s.indexOf(';', i + 1);
      if (semi < 0 || semi - i > 12) throw corrupt(`${part} 中有无效的实体`);
      const name = s.slice(i + 1, semi);
      let rep: string | undefined;
      if (name.charCodeAt(0) === 35 /* # */) {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        if (!(code >= 0 && code <= 0x10ffff) || !/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(name)) throw corrupt(`${part} 中有无效的字符引用`);
        rep = String.fromCodePoint(code);
      } else {
        rep = ENTITY[name];
        if (rep === undefined) throw corrupt(`${part} 中有未知的实体 &${name};`);
      }
      out += rep;
      i = semi + 1;
      continue;
    }
    if (ch === 13 /* \r */) {
      out += '\n';
      i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
      continue;
    }
    // Copy a run up to the next special character.
    if (amp >= 0 && amp < i) amp = s.indexOf('&', i);
    if (cr >= 0 && cr < i) cr = s.indexOf('\r', i);
    let next = n;
    if (amp >= 0 && amp < next) next = amp;
    if (cr >= 0 && cr < next) next = cr;
    out += s.slice(i, next);
    i = next;
  }
  return out;
}

/** `_xHHHH_` escapes of ST_Xstring (a control character or a literal `_x…_`). */
const XSTRING_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
export function decodeXstring(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(XSTRING_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ONE_LETTER: string[] = [];
for (let c = 65; c <= 122; c++) ONE_LETTER[c] = String.fromCharCode(c);

/**
 * Tag names seen before, in a small direct-mapped cache by length and first and last character:
 * most tags in a part are a handful of names, so the same name twice is one string, not a new
 * one per tag. A clash only costs a new string.
 */
const NAMES: (string | undefined)[] = new Array(1024).fill(undefined);

function nameAt(s: string, start: number, end: number): string {
  const len = end - start;
  if (len === 1) {
    const one = ONE_LETTER[s.charCodeAt(start)];
    if (one !== undefined) return one;
  }
  const slot = (len * 31 + s.charCodeAt(start) * 7 + s.charCodeAt(end - 1)) & 1023;
  const known = NAMES[slot];
  if (known !== undefined && known.length === len && s.startsWith(known, start)) return known;
  return (NAMES[slot] = s.slice(start, end));
}

/** Room made up front for the attribute spans of one tag (four offsets each); a plain array grows past it. */
const SPAN_ROOM = 16;

export class Scanner {
  /** Kind of the current token. */
  tok: Tok = Tok.End;
  /** Local name of the current tag (its prefix, such as `x:`, dropped). */
  name = '';
  /** Qualified name of the current tag, as written. */
  qname = '';
  /** Start of the text run before the current tag and its end (the tag's `<`). */
  textStart = 0;
  textEnd = 0;
  /** Offsets of the current tag: its `<` and just past its `>`. */
  tagStart = 0;
  tagEnd = 0;
  /** Where scanning goes on: just past the current tag. A fast path that reads ahead moves it. */
  pos = 0;
  /**
   * The current tag's attributes, parsed (and checked) with the tag itself so each is read once:
   * for attribute k, spans[4k..4k+3] = its name's start and end, its value's start and end
   * (inside the quotes, not unescaped).
   */
  attrCount = 0;
  readonly spans: number[] = new Array<number>(4 * SPAN_ROOM).fill(0);
  private readonly stack: string[] = [];
  private rootSeen = false;
  /** Text runs that were CDATA sections inside the current text span. */
  private cdata = false;

  constructor(
    readonly s: string,
    readonly part: string,
  ) {}

  get depth(): number {
    return this.stack.length;
  }

  fail(what: string): never {
    throw corrupt(`${this.part}：${what}`);
  }

  /** Advances to the next tag (skipping declarations, comments, processing instructions). */
  next(): Tok {
    const s = this.s;
    let textStart = this.pos;
    this.cdata = false;
    for (;;) {
      const lt = s.indexOf('<', this.pos);
      if (lt < 0) {
        if (this.stack.length) this.fail(`元素 <${this.stack[this.stack.length - 1]}> 没有结束`);
        if (!this.rootSeen) this.fail('没有内容');
        if (s.slice(this.pos).trim() !== '') this.fail('根元素之后有多余内容');
        this.textStart = this.textEnd = s.length;
        return (this.tok = Tok.End);
      }
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 63 /* ? */) {
        const e = s.indexOf('?>', lt + 2);
        if (e < 0) this.fail('处理指令没有结束');
        this.pos = e + 2;
        if (!this.stack.length) textStart = this.pos;
        continue;
      }
      if (c1 === 33 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const e = s.indexOf('-->', lt + 4);
          if (e < 0) this.fail('注释没有结束');
          this.pos = e + 3;
          if (!this.stack.length) textStart = this.pos;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          if (!this.stack.length) this.fail('根元素之外有 CDATA');
          const e = s.indexOf(']]>', lt + 9);
          if (e < 0) this.fail('CDATA 没有结束');
          this.pos = e + 3;
          this.cdata = true;
          continue;
        }
        // DOCTYPE and entity declarations: never written by Excel or WPS, and the door to entity bombs.
        this.fail('不允许 DOCTYPE 声明');
      }
      this.textStart = textStart;
      this.textEnd = lt;
      if (!this.stack.length && lt > textStart && s.slice(textStart, lt).trim() !== '') this.fail('根元素之外有文本');
      return this.tag(lt, c1 === 47 /* / */);
    }
  }

  /**
   * Reads the opening (or empty) tag at s[lt] as next() would, for a fast path that has read up
   * to it itself: the text before it is taken as empty.
   */
  openTagAt(lt: number): Tok {
    this.cdata = false;
    this.textStart = this.textEnd = lt;
    return this.tag(lt, false);
  }

  /**
   * Takes the tag s[lt, end) as read, for a fast path that has parsed (and checked) it itself:
   * an element `qname` opened, or empty. Its attributes are not kept (attr() finds none).
   */
  enterAt(lt: number, end: number, qname: string, empty: boolean): Tok {
    this.cdata = false;
    this.textStart = this.textEnd = this.tagStart = lt;
    this.pos = this.tagEnd = end;
    this.qname = this.name = qname;
    this.attrCount = 0;
    if (empty) return (this.tok = Tok.Empty);
    this.stack.push(qname);
    return (this.tok = Tok.Open);
  }

  /** Reads the tag at s[lt] (its name, then its attributes or the end of a closing tag). */
  private tag(lt: number, closing: boolean): Tok {
    const s = this.s;
    const n = s.length;
    let i = closing ? lt + 2 : lt + 1;
    const nameStart = i;
    let colon = -1;
    for (; i < n; i++) {
      const ch = s.charCodeAt(i);
      // Letters and most name characters are above '>': one comparison for them.
      if (ch > 62) continue;
      if (ch === 62 || ch === 47 || ch === 32 || ch === 10 || ch === 13 || ch === 9) break;
      if (ch === 58) colon = i;
      else if (ch === 60 || ch === 34 || ch === 39 || ch === 61 || ch < 32) this.fail('标签名无效');
    }
    if (i === nameStart) this.fail('标签名为空');
    const qname = nameAt(s, nameStart, i);
    this.qname = qname;
    this.name = colon < 0 ? qname : nameAt(s, colon + 1, i);
    this.tagStart = lt;
    this.attrCount = 0;
    if (closing) {
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) this.fail('标签没有结束');
      if (s.charCodeAt(i) !== 62) this.fail('结束标签中有内容');
      this.pos = this.tagEnd = i + 1;
      const open = this.stack.pop();
      if (open !== qname) this.fail(open === undefined ? `多余的结束标签 </${qname}>` : `<${open}> 与 </${qname}> 不匹配`);
      return (this.tok = Tok.Close);
    }
    const selfClosing = this.attributes(i);
    if (!this.stack.length) {
      if (this.rootSeen) this.fail('有多个根元素');
      this.rootSeen = true;
    }
    if (selfClosing) return (this.tok = Tok.Empty);
    this.stack.push(qname);
    return (this.tok = Tok.Open);
  }

  /**
   * Parses the attributes from s[i] to the tag's end (`>` or `/>`) into spans, checking them as
   * XML does: name, `=`, a quoted value without `<`, whitespace between. True for `/>`.
   */
  private attributes(i: number): boolean {
    const s = this.s;
    const n = s.length;
    let count = 0;
    for (;;) {
      const gap = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (i >= n) this.fail('标签没有结束');
      const ch = s.charCodeAt(i);
      if (ch === 62 /* > */ || (ch === 47 /* / */ && s.charCodeAt(i + 1) === 62)) {
        this.attrCount = count;
        this.pos = this.tagEnd = ch === 62 ? i + 1 : i + 2;
        return ch === 47;
      }
      if (ch === 60) this.fail('标签没有结束');
      if (i === gap && count > 0) this.fail('属性之间缺少空格');
      const nameStart = i;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 62) continue;
        if (c === 61 /* = */ || isSpace(c)) break;
        if (c === 62 || c === 60 || c === 47 || c === 34 || c === 39 || c < 32) this.fail('属性名无效');
      }
      const nameEnd = i;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== 61) this.fail('属性格式错误');
      i++;
      while (i < n && isSpace(s.charCodeAt(i))) i++;
      const quote = s.charCodeAt(i);
      if (quote !== 34 && quote !== 39) this.fail('属性值缺少引号');
      // Values are short: one pass finds the closing quote and checks for `<` on the way.
      let close = i + 1;
      for (; close < n; close++) {
        const c = s.charCodeAt(close);
        if (c === quote) break;
        if (c === 60) this.fail('属性值中有 <');
      }
      if (close >= n) this.fail('属性值没有结束');
      const o = count * 4;
      const sp = this.spans;
      sp[o] = nameStart;
      sp[o + 1] = nameEnd;
      sp[o + 2] = i + 1;
      sp[o + 3] = close;
      count++;
      i = close + 1;
    }
  }

  /** Index of the current tag's attribute with this local name (any prefix), or −1. */
  attrIndex(local: string): number {
    const s = this.s;
    const sp = this.spans;
    const len = local.length;
    for (let k = 0; k < this.attrCount; k++) {
      const start = sp[4 * k];
      const end = sp[4 * k + 1];
      if (end - start < len || !s.startsWith(local, end - len)) continue;
      if (end - start === len || s.charCodeAt(end - len - 1) === 58) return k;
    }
    return -1;
  }

  /** Attribute k's value, unescaped. */
  attrValue(k: number): string {
    return unescapeXml(this.s, this.spans[4 * k + 2], this.spans[4 * k + 3], this.part);
  }

  /** One attribute's value (unescaped) by local name, or null. */
  attr(local: string): string | null {
    const k = this.attrIndex(local);
    return k < 0 ? null : this.attrValue(k);
  }

  /** The current tag's attributes by local name (namespace declarations by their full name). */
  attrs(): Record<string, string> {
    const out: Record<string, string> = {};
    const s = this.s;
    for (let k = 0; k < this.attrCount; k++) {
      const qn = s.slice(this.spans[4 * k], this.spans[4 * k + 1]);
      const colon = qn.indexOf(':');
      out[colon < 0 || qn.startsWith('xmlns') ? qn : qn.slice(colon + 1)] = this.attrValue(k);
    }
    return out;
  }

  /** The text before the current tag, unescaped (CDATA sections kept as written). */
  text(): string {
    if (this.textEnd <= this.textStart) return '';
    if (this.cdata) return this.cdataText(this.textStart, this.textEnd);
    return unescapeXml(this.s, this.textStart, this.textEnd, this.part);
  }

  /**
   * Closes the current element at `end`, for a fast path that has read its closing tag itself
   * (the caller checked that tag is `</qname>` for the element on top of the stack).
   */
  closeAt(end: number): void {
    this.stack.pop();
    this.pos = this.tagEnd = end;
    this.tok = Tok.Close;
  }

  private cdataText(start: number, end: number): string {
    let out = '';
    let i = start;
    while (i < end) {
      const c = this.s.indexOf('<![CDATA[', i);
      if (c < 0 || c >= end) {
        out += unescapeXml(this.s, i, end, this.part);
        break;
      }
      out += unescapeXml(this.s, i, c, this.part);
      const e = this.s.indexOf(']]>', c + 9);
      out += this.s.slice(c + 9, e).replace(/\r\n?/g, '\n');
      i = e + 3;
    }
    return out;
  }

  /** Skips to the end of the element just opened (the current token must be Open). */
  skipElement(): void {
    if (this.tok !== Tok.Open) return;
    const depth = this.stack.length;
    while (this.next() !== Tok.End) {
      if ((this.tok as Tok) === Tok.Close && this.stack.length < depth) return;
    }
  }
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 13 || ch === 9;
}
