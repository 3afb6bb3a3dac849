/**
 * Seeded mutations of workbooks for the fuzz test: at the package level (sheet XML, shared strings,
 * the zip itself) and at the snapshot level. Deterministic for a seed: a failure names its seed and
 * mutation so it can be replayed.
 */
import { strToU8, strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { CellValue, SheetSnapshot } from '../../src/core/index.js';

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
  };
}

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
}

const HUGE = () => '产出指标（每项扣1分，'.repeat(6_000);
const ODD_NUMBERS = ['NaN', '1e999', '-1e999', 'Infinity', '-Infinity', '1e308', '-0', '4.9e-324', '', ' ', '1,5', '0x10'];
const ERRORS = ['#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NUM!', '#NAME?', '#NULL!'];

type XmlMutation = (xml: string, r: Rng) => string;

/** Every match of a regex, with indexes. */
function matches(xml: string, re: RegExp): RegExpExecArray[] {
  return [...xml.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))];
}

function replaceOne(xml: string, re: RegExp, r: Rng, f: (m: RegExpExecArray) => string): string {
  const ms = matches(xml, re);
  if (!ms.length) return xml;
  const m = r.pick(ms);
  return xml.slice(0, m.index) + f(m) + xml.slice(m.index + m[0].length);
}

const CELL = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/;
const ROW = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/;

export const SHEET_MUTATIONS: Record<string, XmlMutation> = {
  'type-swap': (x, r) => replaceOne(x, CELL, r, (m) => m[0].replace(/\s+t="[^"]*"/, '').replace(/^<c\b/, `<c t="${r.pick(['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'zz'])}"`)),
  'value-swap': (x, r) => {
    const vs = matches(x, /<v>([^<]*)<\/v>/);
    if (vs.length < 2) return x;
    const a = r.pick(vs)[1];
    return replaceOne(x, /<v>[^<]*<\/v>/, r, () => `<v>${a}</v>`);
  },
  'odd-number': (x, r) => replaceOne(x, /<c\b[^>]*?>\s*(?:<f[^>]*>[^<]*<\/f>|<f[^>]*\/>)?\s*<v>[^<]*<\/v>/, r, (m) => m[0].replace(/\s+t="[^"]*"/, '').replace(/<v>[^<]*<\/v>/, `<v>${r.pick(ODD_NUMBERS)}</v>`)),
  'error-value': (x, r) => replaceOne(x, CELL, r, (m) => `${m[0].match(/^<c\b[^>]*?(?=\/?>)/)![0].replace(/\s+t="[^"]*"/, '')} t="e"><v>${r.pick(ERRORS)}</v></c>`),
  'row-insert': (x, r) => replaceOne(x, ROW, r, (m) => m[0] + m[0]),
  'row-delete': (x, r) => replaceOne(x, ROW, r, () => ''),
  'row-renumber': (x, r) => replaceOne(x, /<row\b[^>]*\br="\d+"/, r, (m) => m[0].replace(/r="\d+"/, `r="${r.pick([0, 1, 3, 1048576, 1048577, 99999999])}"`)),
  'merges-broken': (x, r) =>
    r.next() < 0.4
      ? x.replace(/<mergeCells\b[\s\S]*?<\/mergeCells>/, '')
      : replaceOne(x, /<mergeCell ref="[^"]*"\/>/, r, () => `<mergeCell ref="${r.pick(['A1:A1', 'B5:A1', 'A1:XFD1048576', 'C3:C40', 'ZZZZ1:A2', '', 'A1', 'A0:B2'])}"/>`),
  'shared-formula': (x, r) =>
    replaceOne(x, /<c\b[^>]*?>(?=\s*<v>)/, r, (m) => `${m[0]}<f t="shared" si="${r.pick([0, 7, 99])}"${r.next() < 0.5 ? ' ref="A1:C3">SUM(A1:B1)</f>' : '/>'}`),
  'formula-text': (x, r) => replaceOne(x, /<c\b[^>]*?>(?=\s*<v>)/, r, (m) => `${m[0]}<f>${r.pick(['1/0', 'A1*', 'SUM(', '"x"&A1', 'XFD1048576+1'])}</f>`),
  'far-cell': (x, r) => x.replace(/<\/sheetData>/, `<row r="${r.pick([10000, 1048576])}"><c r="${r.pick(['XFD', 'A', 'AAA'])}${r.pick([10000, 1048576])}"><v>1</v></c></row></sheetData>`),
  'no-r': (x) => x.replace(/\s+r="[A-Z]+\d+"/g, ''),
  'no-row-r': (x) => x.replace(/(<row\b[^>]*?)\s+r="\d+"/g, '$1'),
  'odd-xml': (x, r) =>
    r.pick<(s: string) => string>([
      (s) => s.replace('<sheetData>', '<sheetData><x:foo xmlns:x="urn:x"/>'),
      (s) => s.replace(/<\/row>/, ''),
      (s) => s.replace(/<v>/, '<v><![CDATA[12]]>'),
      (s) => s.replace(/<v>[^<]*<\/v>/, '<v>&#0;&bogus;&lt;</v>'),
      (s) => s.replace(/<c /, '<c r="A1" r="B2" '),
      (s) => s.slice(0, Math.floor(s.length * 0.7)),
      (s) => s.replace(/<worksheet\b/, '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"').replace(/<\/worksheet>/, '</x:worksheet>'),
    ])(x),
  'huge-inline': (x, r) => replaceOne(x, CELL, r, (m) => `${m[0].match(/^<c\b[^>]*?(?=\/?>)/)![0].replace(/\s+t="[^"]*"/, '')} t="inlineStr"><is><t>${HUGE()}</t></is></c>`),
  'many-parens': (x, r) => replaceOne(x, CELL, r, (m) => `${m[0].match(/^<c\b[^>]*?(?=\/?>)/)![0].replace(/\s+t="[^"]*"/, '')} t="inlineStr"><is><t>${'('.repeat(60_000)}</t></is></c>`),
  'truncate-sheet': (x, r) => x.slice(0, r.int(x.length)),
};

export const STRINGS_MUTATIONS: Record<string, XmlMutation> = {
  'sst-huge': (x, r) => replaceOne(x, /<si>[\s\S]*?<\/si>/, r, () => `<si><t>${HUGE()}</t></si>`),
  'sst-empty': (x, r) => replaceOne(x, /<si>[\s\S]*?<\/si>/, r, () => '<si><t></t></si>'),
  'sst-escape': (x, r) => replaceOne(x, /<si>[\s\S]*?<\/si>/, r, () => '<si><t>_x0000__xD83D_\r\n&#13;</t><rPh><t>ふ</t></rPh></si>'),
  'sst-delete': (x, r) => replaceOne(x, /<si>[\s\S]*?<\/si>/, r, () => ''),
  'sst-criteria': (x, r) => replaceOne(x, /<si>[\s\S]*?<\/si>/, r, () => `<si><t>${'每项扣1分，'.repeat(3000)}</t></si>`),
};

export const ZIP_MUTATIONS: Record<string, (bytes: Uint8Array, r: Rng) => Uint8Array> = {
  truncate: (b, r) => b.slice(0, r.int(b.length)),
  'flip-bytes': (b, r) => {
    const out = b.slice();
    for (let i = 0; i < 1 + r.int(8); i++) out[r.int(out.length)] ^= 1 + r.int(255);
    return out;
  },
  'drop-part': (b, r) => {
    const files = unzipSync(b);
    const names = Object.keys(files).filter((n) => !n.endsWith('/'));
    delete files[r.pick(names)];
    return zipSync(files as Zippable);
  },
};

/** One package-level mutant of an .xlsx: the kind applied and the bytes. */
export function mutatePackage(bytes: Uint8Array, r: Rng): { kind: string; bytes: Uint8Array } {
  const roll = r.next();
  if (roll < 0.12) {
    const kind = r.pick(Object.keys(ZIP_MUTATIONS));
    return { kind, bytes: ZIP_MUTATIONS[kind](bytes, r) };
  }
  const files = unzipSync(bytes);
  const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  const kinds: string[] = [];
  // One to three mutations on one file: combinations find what single ones miss.
  for (let n = 1 + r.int(3); n > 0; n--) {
    if (r.next() < 0.8 || !files['xl/sharedStrings.xml']) {
      const name = r.pick(sheets);
      const kind = r.pick(Object.keys(SHEET_MUTATIONS));
      files[name] = strToU8(SHEET_MUTATIONS[kind](strFromU8(files[name]), r));
      kinds.push(kind);
    } else {
      const kind = r.pick(Object.keys(STRINGS_MUTATIONS));
      files['xl/sharedStrings.xml'] = strToU8(STRINGS_MUTATIONS[kind](strFromU8(files['xl/sharedStrings.xml']), r));
      kinds.push(kind);
    }
  }
  return { kind: kinds.join('+'), bytes: zipSync(files as Zippable) };
}

const ODD_VALUES: CellValue[] = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 0, -5, '', '——', '……', 'NaN', '1e999', true, false, null, '１０分', '≥95%', '产出指标', '总分', '每项扣1分，'.repeat(800), '('.repeat(20_000)];

/** One snapshot-level mutant: values swapped, blanked, odd; rows inserted or deleted; merges broken. */
export function mutateSnapshot(snap: SheetSnapshot, r: Rng): { kind: string; snap: SheetSnapshot } {
  const values = snap.values.map((row) => [...row]);
  const text = snap.text?.map((row) => [...row]);
  const formats = snap.numberFormat?.map((row) => [...row]);
  const formulas = snap.formulas?.map((row) => [...row]);
  let merges = snap.merges.map((m) => ({ ...m }));
  const kinds: string[] = [];
  const rows = () => values.length;
  const cell = () => {
    const row = r.int(Math.max(1, rows()));
    return [row, r.int(Math.max(1, values[row]?.length ?? 1))] as const;
  };
  const set = (row: number, col: number, v: CellValue) => {
    if (!values[row]) return;
    values[row][col] = v;
    if (text?.[row]) text[row][col] = v === null || typeof v === 'number' ? '' : String(v);
  };
  for (let n = 1 + r.int(4); n > 0; n--) {
    const kind = r.pick(['swap', 'blank', 'odd', 'row-insert', 'row-delete', 'merge-drop', 'merge-odd', 'ragged']);
    kinds.push(kind);
    if (kind === 'swap') {
      const [a, b] = cell();
      const [c, d] = cell();
      const t = values[a]?.[b] ?? null;
      set(a, b, values[c]?.[d] ?? null);
      set(c, d, t);
    } else if (kind === 'blank') {
      for (let k = r.int(6); k >= 0; k--) set(...cell(), null);
    } else if (kind === 'odd') {
      for (let k = r.int(4); k >= 0; k--) set(...cell(), r.pick(ODD_VALUES));
    } else if (kind === 'row-insert' || kind === 'row-delete') {
      const at = r.int(Math.max(1, rows()));
      for (const grid of [values, text, formats, formulas] as unknown[][][]) {
        if (!grid) continue;
        if (kind === 'row-insert') grid.splice(at, 0, [...(grid[at] ?? [])]);
        else grid.splice(at, 1);
      }
    } else if (kind === 'merge-drop') {
      merges = merges.filter(() => r.next() < 0.5);
    } else if (kind === 'merge-odd') {
      const top = snap.top + r.int(rows() + 3);
      const left = snap.left + r.int(10);
      merges.push({ top, left, bottom: top + r.int(30) - 5, right: left + r.int(4) - 1 });
    } else if (kind === 'ragged') {
      const row = r.int(Math.max(1, rows()));
      values[row]?.splice(r.int(values[row].length + 1));
    }
  }
  return { kind: kinds.join('+'), snap: { ...snap, values, text, numberFormat: formats, formulas, merges } };
}
