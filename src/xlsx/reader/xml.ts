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

export class Scanner {
  /** Kind of the current token. */
  tok: Tok = Tok.End;
  /** Local name of the current tag. */
  name = '';
  /** Start of the text run before the current tag and its end (the tag's `<`). */
  textStart = 0;
  textEnd = 0;
  /** Offsets of the current tag: its `<` and just past its `>`. */
  tagStart = 0;
  tagEnd = 0;
  /** Attribute span of the current tag. */
  attrStart = 0;
  attrEnd = 0;
  private pos = 0;
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
      // Find the tag's end, skipping quoted attribute values (which may hold '>').
      let i = lt + 1;
      const closing = c1 === 47; /* / */
      if (closing) i++;
      const nameStart = i;
      let colon = -1;
      for (; i < s.length; i++) {
        const ch = s.charCodeAt(i);
        if (ch === 62 || ch === 47 || ch === 32 || ch === 10 || ch === 13 || ch === 9) break;
        if (ch === 58) colon = i;
        else if (ch === 60 || ch === 34 || ch === 39 || ch === 61) this.fail('标签名无效');
      }
      if (i === nameStart) this.fail('标签名为空');
      // One-letter names (c, v, f, t, r) are most tags in a sheet: no new string for them.
      const qname = i - nameStart === 1 ? ONE_LETTER[s.charCodeAt(nameStart)] ?? s[nameStart] : s.slice(nameStart, i);
      this.name = colon < 0 ? qname : s.slice(colon + 1, i);
      const attrStart = i;
      let q = 0;
      for (; i < s.length; i++) {
        const ch = s.charCodeAt(i);
        if (q) {
          if (ch === q) q = 0;
          else if (ch === 60) this.fail('属性值中有 <');
        } else if (ch === 34 || ch === 39) q = ch;
        else if (ch === 62) break;
        else if (ch === 60) this.fail('标签没有结束');
      }
      if (i >= s.length) this.fail('标签没有结束');
      const selfClosing = !closing && s.charCodeAt(i - 1) === 47;
      this.attrStart = attrStart;
      this.attrEnd = selfClosing ? i - 1 : i;
      this.pos = i + 1;
      this.tagStart = lt;
      this.tagEnd = i + 1;
      if (closing) {
        const open = this.stack.pop();
        if (open !== qname) this.fail(open === undefined ? `多余的结束标签 </${qname}>` : `<${open}> 与 </${qname}> 不匹配`);
        if (s.slice(attrStart, i).trim() !== '') this.fail('结束标签中有内容');
        return (this.tok = Tok.Close);
      }
      if (!this.stack.length) {
        if (this.rootSeen) this.fail('有多个根元素');
        this.rootSeen = true;
      }
      if (selfClosing) return (this.tok = Tok.Empty);
      this.stack.push(qname);
      return (this.tok = Tok.Open);
    }
  }

  /** The current tag's attributes (values unescaped); checked for well-formedness. */
  attrs(): Record<string, string> {
    const out: Record<string, string> = {};
    const s = this.s;
    let i = this.attrStart;
    const end = this.attrEnd;
    for (;;) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return out;
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) this.fail('属性格式错误');
      let nameEnd = eq;
      while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      const qn = s.slice(i, nameEnd);
      if (!qn || /[\s"'<>]/.test(qn)) this.fail('属性名无效');
      let v = eq + 1;
      while (v < end && isSpace(s.charCodeAt(v))) v++;
      const quote = s.charCodeAt(v);
      if (quote !== 34 && quote !== 39) this.fail('属性值缺少引号');
      const close = s.indexOf(quote === 34 ? '"' : "'", v + 1);
      if (close < 0 || close >= end) this.fail('属性值没有结束');
      const colon = qn.indexOf(':');
      const local = colon < 0 || qn.startsWith('xmlns') ? qn : qn.slice(colon + 1);
      out[local] = unescapeXml(s, v + 1, close, this.part);
      i = close + 1;
      if (i < end && !isSpace(s.charCodeAt(i))) this.fail('属性之间缺少空格');
    }
  }

  /** Values of up to three attributes in one pass over the tag (null when absent), into a1..a3. */
  a1: string | null = null;
  a2: string | null = null;
  a3: string | null = null;
  attrs3(n1: string, n2: string, n3: string): void {
    this.a1 = this.a2 = this.a3 = null;
    const s = this.s;
    const end = this.attrEnd;
    let i = this.attrStart;
    for (;;) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return;
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) this.fail('属性格式错误');
      let nameEnd = eq;
      while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      let v = eq + 1;
      while (v < end && isSpace(s.charCodeAt(v))) v++;
      const quote = s.charCodeAt(v);
      if (quote !== 34 && quote !== 39) this.fail('属性值缺少引号');
      const close = s.indexOf(quote === 34 ? '"' : "'", v + 1);
      if (close < 0 || close >= end) this.fail('属性值没有结束');
      const len = nameEnd - i;
      if (len === n1.length && s.startsWith(n1, i)) this.a1 = unescapeXml(s, v + 1, close, this.part);
      else if (len === n2.length && s.startsWith(n2, i)) this.a2 = unescapeXml(s, v + 1, close, this.part);
      else if (len === n3.length && s.startsWith(n3, i)) this.a3 = unescapeXml(s, v + 1, close, this.part);
      i = close + 1;
      if (i < end && !isSpace(s.charCodeAt(i))) this.fail('属性之间缺少空格');
    }
  }

  /** One attribute's value (unescaped) by local name, or null; no object per tag on hot paths. */
  attr(name: string): string | null {
    const s = this.s;
    const end = this.attrEnd;
    let i = this.attrStart;
    for (;;) {
      while (i < end && isSpace(s.charCodeAt(i))) i++;
      if (i >= end) return null;
      const eq = s.indexOf('=', i);
      if (eq < 0 || eq >= end) this.fail('属性格式错误');
      let nameEnd = eq;
      while (nameEnd > i && isSpace(s.charCodeAt(nameEnd - 1))) nameEnd--;
      let v = eq + 1;
      while (v < end && isSpace(s.charCodeAt(v))) v++;
      const quote = s.charCodeAt(v);
      if (quote !== 34 && quote !== 39) this.fail('属性值缺少引号');
      const close = s.indexOf(quote === 34 ? '"' : "'", v + 1);
      if (close < 0 || close >= end) this.fail('属性值没有结束');
      const len = name.length;
      if (nameEnd - i >= len && s.startsWith(name, nameEnd - len) && (nameEnd - i === len || s.charCodeAt(nameEnd - len - 1) === 58)) {
        return unescapeXml(s, v + 1, close, this.part);
      }
      i = close + 1;
    }
  }

  /** The text before the current tag, unescaped (CDATA sections kept as written). */
  text(): string {
    if (this.textEnd <= this.textStart) return '';
    if (this.cdata) return this.cdataText(this.textStart, this.textEnd);
    return unescapeXml(this.s, this.textStart, this.textEnd, this.part);
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
