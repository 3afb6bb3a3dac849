/**
 * The JSON layout of `check --json` and `review --json` (src/cli/json-output.ts): the value
 * JSON.parse gives back is the one written, whatever it holds; the text is JSON.stringify(v,
 * null, 2) except that each element of `findings`, `indicators` and `aggregates` is one compact
 * line; the document goes out in writes of about a megabyte.
 */
import { describe, expect, it } from 'vitest';
import { writeJson, writeJsonAt } from '../../src/cli/json-output.js';

function written(value: unknown): { text: string; writes: string[] } {
  const writes: string[] = [];
  writeJson({ write: (s: string) => writes.push(s) }, value);
  return { text: writes.join(''), writes };
}

const finding = (i: number) => ({
  code: 'score-mismatch',
  cell: `G${i}`,
  message: `第 ${i} 行 "引号" \\ 反斜杠\n换行\t制表 \u2028`,
  path: ['产出指标', `指标${i}`],
  inputs: { weight: '5', target: undefined, actual: i % 2 ? null : '50%' },
  causedBy: null,
  skipped: undefined,
  fn: () => 1,
});

const indicator = (i: number) => ({ path: [`指标${i}`], weight: String(i), cells: { name: `C${i}`, criteria: null } });

function document(n: number) {
  return {
    rules: 'national',
    files: [
      { file: 'a.xlsx', format: 'xlsx', notes: undefined, forms: [], findings: Array.from({ length: n }, (_, i) => finding(i)) },
      { file: 'b.xlsx', error: '找不到文件', forms: [], findings: [] },
      {
        file: 'c.xlsx',
        format: 'xls',
        notes: ['工作表“表1”只读取了表格所在区域 A1:H30'],
        forms: [
          { sheet: '表1', total: { cell: 'H30', sum: '1' }, indicators: Array.from({ length: n }, (_, i) => indicator(i)), aggregates: [], suggestedRules: null },
          { sheet: '表2', indicators: [indicator(0), undefined], aggregates: [{ cell: 'H5', formula: null }] },
        ],
        findings: [finding(1)],
      },
      undefined,
    ],
  };
}

describe('writeJson', () => {
  it.each([0, 1, 2, 300])('JSON.parse gives back the document with %i findings and indicators', (n) => {
    const doc = document(n);
    expect(JSON.parse(written(doc).text)).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('is JSON.stringify(v, null, 2) where no findings, indicators or aggregates are listed', () => {
    const values: unknown[] = [
      null, 0, -1.5, 'x', true, [], {}, [[]], [{}], { a: {} }, { a: [] }, { a: undefined }, [undefined, () => 1],
      { d: new Date(0), n: { toJSON: () => 'N' } },
      { rules: 'national', files: [{ file: 'b.xlsx', error: '找不到文件', forms: [], findings: [] }] },
      { files: [{ forms: [{ sheet: 'S', total: { cell: 'H5', declared: null }, indicators: [], grade: { scheme: '优' } }], notes: ['a', 'b'] }] },
      { nested: { files: [[{ forms: { deep: [1, [2, { x: 3 }]] } }]] } },
    ];
    for (const v of values) expect(written(v).text).toBe(`${JSON.stringify(v, null, 2)}\n`);
  });

  it('puts each finding, indicator and aggregate on one compact line, the rest indented as before', () => {
    const doc = document(2);
    const lines = written(doc).text.split('\n');
    const a = doc.files[0]!;
    expect(lines.slice(0, 8)).toEqual(['{', '  "rules": "national",', '  "files": [', '    {', '      "file": "a.xlsx",', '      "format": "xlsx",', '      "forms": [],', '      "findings": [']);
    expect(lines[8]).toBe(`        ${JSON.stringify(a.findings[0])},`);
    expect(lines[9]).toBe(`        ${JSON.stringify(a.findings[1])}`);
    expect(lines[10]).toBe('      ]');
    const form = lines.indexOf('          "indicators": [');
    expect(lines.slice(form - 5, form + 8)).toEqual([
      '          "sheet": "表1",',
      '          "total": {',
      '            "cell": "H30",',
      '            "sum": "1"',
      '          },',
      '          "indicators": [',
      `            ${JSON.stringify(indicator(0))},`,
      `            ${JSON.stringify(indicator(1))}`,
      '          ],',
      '          "aggregates": [],',
      '          "suggestedRules": null',
      '        },',
      '        {',
    ]);
    expect(lines).toContain('            null');
    expect(lines.slice(-4)).toEqual(['    null', '  ]', '}', '']);
  });

  it('writes a big document in pieces of about a megabyte, not as one string', () => {
    const { text, writes } = written(document(20_000));
    expect(writes.length).toBeGreaterThan(5);
    expect(Math.max(...writes.map((w) => w.length))).toBeLessThan(1.1 * 2 ** 20);
    expect(JSON.parse(text).files[0].findings).toHaveLength(20_000);
  });

  it('writeJsonAt lays a value out as it reads nested in a document', () => {
    const file = document(3).files[2];
    const parts: string[] = [];
    writeJsonAt({ write: (s: string) => parts.push(s) }, file, 2);
    const doc = written({ files: [file] }).text.split('\n');
    expect(parts.join('')).toBe(doc.slice(2, -3).join('\n'));
  });
});
