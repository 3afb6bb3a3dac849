import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

export const FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/** Fluent's web theme matching Office's (light or dark), with a font stack that has CJK glyphs. */
export function paneTheme(kind: 'light' | 'dark' = 'light'): Theme {
  return { ...(kind === 'dark' ? webDarkTheme : webLightTheme), fontFamilyBase: FONT_STACK };
}
