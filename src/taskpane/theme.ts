import { webLightTheme, type Theme } from '@fluentui/react-components';

export const FONT_STACK = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

/**
 * Fluent's webDarkTheme values of the tokens the pane uses that differ from the light theme — and
 * only those: the whole dark theme would add ~9 KiB to the bundle for ~400 tokens nothing here
 * reads. The pane draws everything itself from `tokens` (components/Controls.tsx, Notice.tsx), plus
 * FluentProvider's own colorNeutralForeground1 and colorNeutralBackground1.
 * test/taskpane/theme.test.ts checks every `tokens.x` in src/taskpane has its dark value here,
 * equal to Fluent's; a token added to a component must be added here too.
 */
export const DARK_TOKENS = {
  colorBrandBackground: '#115ea3',
  colorBrandBackgroundHover: '#0f6cbd',
  colorBrandForegroundLink: '#479ef5',
  colorBrandForegroundLinkHover: '#62abf5',
  colorBrandStroke1: '#479ef5',
  colorCompoundBrandBackground: '#479ef5',
  colorCompoundBrandForeground1: '#479ef5',
  colorCompoundBrandStroke: '#479ef5',
  colorNeutralBackground1: '#292929',
  colorNeutralBackground1Hover: '#3d3d3d',
  colorNeutralBackground1Selected: '#383838',
  colorNeutralBackground1Pressed: '#1f1f1f',
  colorNeutralBackground2: '#1f1f1f',
  colorNeutralBackground3: '#141414',
  colorNeutralBackgroundDisabled: '#141414',
  colorNeutralForeground1: '#ffffff',
  colorNeutralForeground1Hover: '#ffffff',
  colorNeutralForeground2: '#d6d6d6',
  colorNeutralForeground2Hover: '#ffffff',
  colorNeutralForeground3: '#adadad',
  colorNeutralForegroundDisabled: '#5c5c5c',
  colorNeutralForegroundInverted: '#242424',
  colorNeutralStroke1: '#666666',
  colorNeutralStroke1Hover: '#757575',
  colorNeutralStroke1Pressed: '#6b6b6b',
  colorNeutralStroke2: '#525252',
  colorNeutralStrokeAccessible: '#adadad',
  colorNeutralStrokeAccessibleHover: '#bdbdbd',
  colorNeutralStrokeDisabled: '#424242',
  colorPaletteDarkOrangeForeground1: '#e9835e',
  colorPaletteRedBorder2: '#e37d80',
  colorPaletteRedForeground1: '#e37d80',
  colorStatusDangerBackground1: '#3b0509',
  colorStatusDangerBorderActive: '#dc626d',
  colorStatusSuccessBackground1: '#052505',
  colorStatusSuccessBorderActive: '#54b054',
  colorStatusWarningBackground1: '#4a1e04',
  colorStatusWarningBorderActive: '#faa06b',
  colorStrokeFocus2: '#ffffff',
  colorSubtleBackgroundHover: '#383838',
  colorSubtleBackgroundPressed: '#2e2e2e',
  colorSubtleBackgroundSelected: '#333333',
  shadow2: '0 0 2px rgba(0,0,0,0.24), 0 1px 2px rgba(0,0,0,0.28)',
} satisfies Partial<Theme>;

/**
 * Fluent's web theme matching Office's (light, or light with the dark values above), with a font
 * stack that has CJK glyphs.
 */
export function paneTheme(kind: 'light' | 'dark' = 'light'): Theme {
  return { ...webLightTheme, ...(kind === 'dark' ? DARK_TOKENS : {}), fontFamilyBase: FONT_STACK };
}
