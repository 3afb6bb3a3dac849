/**
 * interpolate (rules/interpolate.ts) fills templates cut once at their placeholders (a cache by
 * template). For every message of the registry, with data of every kind — plain, {zh, en}, numbers,
 * text with `$&`, braces and placeholders of its own, and data left out — it must give what a
 * plain replace of each placeholder gives.
 */
import { describe, expect, it } from 'vitest';
import { interpolate, placeholders, type Lang, type MessageData } from '../../../src/core/rules/interpolate.js';
import { FINDING_RULES } from '../../../src/core/rules/registry.js';

const PLACEHOLDER = /\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;

function reference(template: string, data: MessageData, lang: Lang): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, key)) return whole;
    const v = data[key];
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

const SAMPLES = ['0.9', 12.5, { zh: '正向指标规则', en: 'positive rule' }, '$& $1 {declared}', '', '≥95%（含）'];

describe('interpolate', () => {
  it('gives every registry message as a placeholder-by-placeholder replace does', () => {
    let checked = 0;
    for (const rule of FINDING_RULES) {
      for (const text of Object.values(rule.meta.messages) as { zh: string; en: string }[]) {
        for (const lang of ['zh', 'en'] as const) {
          const template = text[lang];
          const keys = placeholders(template);
          SAMPLES.forEach((_, shift) => {
            const data: MessageData = {};
            // Every key gets a sample (a different one per round); every third is left out.
            keys.forEach((k, i) => {
              if ((i + shift) % 3 !== 2) data[k] = SAMPLES[(i + shift) % SAMPLES.length];
            });
            expect(interpolate(template, data, lang)).toBe(reference(template, data, lang));
            checked++;
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('keeps a template without placeholders, and placeholders without data, as written', () => {
    expect(interpolate('无占位符')).toBe('无占位符');
    expect(interpolate('得分 { declared } 与 {weight}', { weight: 5 })).toBe('得分 { declared } 与 5');
    expect(interpolate('{a}{a}{b}', { a: { zh: '甲', en: 'A' }, b: 0 }, 'en')).toBe('AA0');
  });
});
