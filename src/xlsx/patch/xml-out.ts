/** Writing XML text for patched cells. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * Cell text as ST_Xstring: XML-escaped, a literal "_xHHHH_" protected as "_x005F_xHHHH_", and
 * characters XML 1.0 cannot carry (controls other than tab and newline) as _xHHHH_ escapes.
 */
export function escapeText(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, '_x005F_x$1_')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '_x000D_')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * Replace the spans [at, end) of `xml` with their texts. Offsets refer to the original text; edits
 * at one offset keep the order they were given in (the sort is stable).
 */
export function applyEdits(xml: string, edits: { at: number; end: number; text: string }[]): string {
  edits.sort((a, b) => a.at - b.at);
  let out = '';
  let p = 0;
  for (const e of edits) {
    out += xml.slice(p, e.at) + e.text;
    p = e.end;
  }
  return out + xml.slice(p);
}
