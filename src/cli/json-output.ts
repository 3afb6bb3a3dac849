/**
 * The JSON document of `check --json` (and each file of `review --json`), written in pieces. On a
 * big workbook it runs to megabytes (20 sheets × 500 rows: 19,840 findings and 10,000 indicators);
 * stringified with indentation as one string it was 22 MB, most of it indentation, built at once
 * and then copied again as UTF-8.
 *
 * The layout is JSON.stringify(value, null, 2) except for the long lists: each element of
 * `findings`, `indicators` and `aggregates` is one line of compact JSON (no spaces), so a finding
 * reads as one line and the document is about half the size. JSON.parse gives the same value.
 *
 *   {
 *     "rules": "national",
 *     "files": [
 *       {
 *         "file": "a.xlsx",
 *         "format": "xlsx",
 *         "forms": [
 *           {
 *             "sheet": "Sheet1",
 *             …
 *             "indicators": [
 *               {"path":["产出指标","数量指标","印刷页数"],"weight":"5",…},
 *               …
 *             ],
 *         …
 *         "findings": [
 *           {"code":"score-mismatch","severity":"error","sheet":"Sheet1","cell":"H5",…},
 *
 * For plain data, as the reports are (objects, arrays, strings, numbers, booleans, null;
 * undefined is left out of objects and is null in arrays, as JSON.stringify does).
 */

export interface TextSink {
  write(s: string): unknown;
}

/** Arrays whose elements are one compact line each. */
const ONE_LINE = new Set(['findings', 'indicators', 'aggregates']);
/** Arrays whose elements are laid out by hand (they hold the arrays above). */
const THROUGH = new Set(['files', 'forms']);
/** Characters gathered before one write. */
const FLUSH_AT = 1 << 20;

/** Writes the document `value` and a newline to `out`, in the layout above. */
export function writeJson(out: TextSink, value: unknown): void {
  const w = new Writer(out);
  w.value(value, 0, true);
  w.put('\n');
  w.flush();
}

/**
 * Writes `value` as it reads nested `depth` levels deep in a document of this layout (e.g. one
 * file of `review --json` at depth 2), its first line's indentation included, no newline after.
 */
export function writeJsonAt(out: TextSink, value: unknown, depth: number): void {
  const w = new Writer(out);
  w.put(indent(depth));
  w.value(value, depth, true);
  w.flush();
}

class Writer {
  private pieces: string[] = [];
  private size = 0;
  constructor(private readonly out: TextSink) {}

  put(s: string): void {
    this.pieces.push(s);
    this.size += s.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.pieces.length === 0) return;
    this.out.write(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''));
    this.pieces = [];
    this.size = 0;
  }

  /** `value` at `depth` (its first line's indentation already written); `walk`: laid out here, not stringified. */
  value(value: unknown, depth: number, walk: boolean): void {
    if (!walk || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      this.put(pretty(value, depth) ?? 'null');
    } else if (Array.isArray(value)) {
      this.array(value, depth);
    } else {
      this.object(value as Record<string, unknown>, depth);
    }
  }

  private object(obj: Record<string, unknown>, depth: number): void {
    const pad = indent(depth + 1);
    let first = true;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      this.put(`${first ? '{\n' : ',\n'}${pad}${JSON.stringify(key)}: `);
      first = false;
      if (ONE_LINE.has(key) && Array.isArray(v)) this.lines(v, depth + 1);
      else this.value(v, depth + 1, THROUGH.has(key));
    }
    this.put(first ? '{}' : `\n${indent(depth)}}`);
  }

  private array(arr: unknown[], depth: number): void {
    if (arr.length === 0) {
      this.put('[]');
      return;
    }
    const pad = indent(depth + 1);
    for (let i = 0; i < arr.length; i++) {
      this.put(i ? `,\n${pad}` : `[\n${pad}`);
      this.value(arr[i], depth + 1, true);
    }
    this.put(`\n${indent(depth)}]`);
  }

  private lines(arr: unknown[], depth: number): void {
    if (arr.length === 0) {
      this.put('[]');
      return;
    }
    const pad = indent(depth + 1);
    for (let i = 0; i < arr.length; i++) this.put(`${i ? ',\n' : '[\n'}${pad}${JSON.stringify(arr[i]) ?? 'null'}`);
    this.put(`\n${indent(depth)}]`);
  }
}

const indent = (depth: number) => '  '.repeat(depth);

/**
 * JSON.stringify(value, null, 2) as it reads nested `depth` levels deep, without the first line's
 * indentation (undefined where JSON.stringify gives undefined): stringified inside `depth`
 * one-element arrays, whose brackets and indentation are then cut off.
 */
function pretty(value: unknown, depth: number): string | undefined {
  if (depth === 0 || value === null || typeof value !== 'object') return JSON.stringify(value, null, 2);
  let wrapped: unknown = value;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const s = JSON.stringify(wrapped, null, 2);
  // `depth` lines "[\n" indented 0, 2, …, then the value's indentation; as many closing lines.
  const cut = depth * (depth + 1);
  return s.slice(cut + 2 * depth, s.length - cut);
}
