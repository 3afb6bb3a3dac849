import { describe, expect, it } from 'vitest';
import { normalizeLabel, normalizeText, splitLabelWeight } from '../../src/core/text.js';

/**
 * The one-pass fold in text.ts must give exactly what RULES.md §2.1's definition gives: NFKC, then
 * the hand mappings. This is that definition, written out once more the slow way.
 */
function byDefinition(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/≦/g, '≤')
    .replace(/≧/g, '≥')
    .replace(/═/g, '=')
    .replace(/>=/g, '≥')
    .replace(/<=/g, '≤')
    .replace(/[‐‑‒–—―－~～]/g, (c) => (c === '~' || c === '～' ? '~' : '-'))
    .replace(/\u00a0/g, ' ');
}

function labelByDefinition(s: string): string {
  return byDefinition(s)
    .replace(/\s+/g, '')
    .replace(/^指标\d+[:：]/, '')
    .replace(/^\d+[、.．](?!\d)/, '');
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible text. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters of real forms, the ones the fast path hands back to NFKC, and the neighbours that
// make NFKC look past one character: combining marks, Hangul jamo, “=” after “<”/“>”.
const ALPHABET = [
  ...'指标1：第2项工作（分）分值(权重)≥≤≦≧%％＞＜＝<>=═~～－—–‐‑ 　\u00a0\t\n\r、。．.,，;；:“”‘’…⋯·①⑨⑩℃㎡ⅡＡａ１２３￥¥°±×÷※→■○★',
  '\u0301', '\u0308', '\u302a', '\u302b', '\u3099', 'e', 'A', '\u1100', '\u1161', '\uac00', '\u11a8', '\uf900', '\u2f00', '\ufeff', '\u2028',
];

describe('folding text in one pass equals NFKC and the hand mappings (RULES.md §2.1)', () => {
  it('every character of the Basic Multilingual Plane, alone and between ideographs', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, `第${ch}项`, `a${ch}>`]) {
        if (normalizeText(s) !== byDefinition(s)) wrong.push(`${c.toString(16)} in ${JSON.stringify(s)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('random texts over the characters of forms and their tricky neighbours', () => {
    const next = random(20261202);
    const wrong: string[] = [];
    for (let n = 0; n < 30_000; n++) {
      const len = Math.floor(next() * 14);
      let s = '';
      for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
      if (normalizeText(s) !== byDefinition(s)) wrong.push(`text ${JSON.stringify(s)}`);
      if (normalizeLabel(s) !== labelByDefinition(s)) wrong.push(`label ${JSON.stringify(s)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('labels numbered the ways forms number them, as typed and folded', () => {
    const next = random(8);
    const pick = (xs: string[]) => xs[Math.floor(next() * xs.length)];
    const wrong: string[] = [];
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const parts = Math.floor(next() * 6);
      for (let i = 0; i < parts; i++) s += pick(['指标', '指', '标', '1', '23', '１', ' ', '　', '\n', '：', ':', '、', '.', '．', '2.5', '第', '项', '（', '≥', '=', '…']);
      if (normalizeLabel(s) !== labelByDefinition(s)) wrong.push(JSON.stringify(s));
    }
    expect(wrong).toEqual([]);
  });

  it('folds no character but 分 itself into 分 (the score-header shortcut in header.ts rests on it)', () => {
    const into: string[] = [];
    for (let c = 0; c < 0x110000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCodePoint(c);
      if (ch !== '分' && normalizeLabel(ch).includes('分')) into.push(c.toString(16));
    }
    expect(into).toEqual([]);
  });

  it('keeps the text itself when nothing changes, and folds what a label typically holds', () => {
    const plain = '年度资金总额';
    expect(normalizeText(plain)).toBe(plain);
    expect(normalizeText('指标12：第３项（≧95％）')).toBe('指标12:第3项(≥95%)');
    expect(normalizeText('＞＝90%，≦5')).toBe('≥90%,≤5');
    expect(normalizeLabel(' 指标 12： 第3项\n工作 ')).toBe('第3项工作');
    expect(normalizeLabel('2．质量　指标')).toBe('质量指标');
    expect(normalizeLabel('2.5分')).toBe('2.5分');
    expect(splitLabelWeight('数量指标（３０分）')).toMatchObject({ name: '数量指标' });
    expect(splitLabelWeight('数量指标（３０分）').weight?.toString()).toBe('30');
  });
});
