/**
 * The pane's dark theme is Fluent's light theme with the dark values of only the tokens the pane
 * uses. Every `tokens.x` in src/taskpane that differs between Fluent's light and dark themes must
 * have its dark value, exactly Fluent's.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { DARK_TOKENS, FONT_STACK, paneTheme } from '../../src/taskpane/theme.js';

const PANE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'taskpane');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Tokens the pane's styles read, and FluentProvider's own text and background colours. */
function tokensUsed(): string[] {
  const used = new Set(['colorNeutralForeground1', 'colorNeutralBackground1']);
  for (const file of sources(PANE)) {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '');
    for (const m of code.matchAll(/\btokens\.(\w+)/g)) used.add(m[1]);
  }
  return [...used].sort();
}

describe('pane theme', () => {
  it('finds the tokens the pane uses (the scan works)', () => {
    const used = tokensUsed();
    expect(used).toContain('colorBrandBackground'); // the primary button
    expect(used).toContain('colorStatusDangerBackground1'); // an error notice
    for (const k of used) expect(k in webLightTheme, k).toBe(true);
  });

  it('dark: every token the pane uses has Fluent’s dark value', () => {
    const dark = paneTheme('dark') as unknown as Record<string, unknown>;
    const fluentDark = webDarkTheme as unknown as Record<string, unknown>;
    const wrong = tokensUsed().filter((k) => dark[k] !== fluentDark[k]);
    expect(wrong).toEqual([]);
  });

  it('dark: carries no more than that (nothing stale)', () => {
    const used = new Set(tokensUsed());
    const light = webLightTheme as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(DARK_TOKENS)) {
      expect(used.has(k), `${k} is not used`).toBe(true);
      expect(v, k).not.toBe(light[k]);
    }
  });

  it('light: Fluent’s web light theme with a font that has CJK glyphs', () => {
    expect(paneTheme('light')).toEqual({ ...webLightTheme, fontFamilyBase: FONT_STACK } satisfies Theme);
    expect(paneTheme('dark').fontFamilyBase).toBe(FONT_STACK);
  });
});
