/**
 * Two tiny stand-ins for Fluent's MessageBar and CounterBadge, which would add ~25 KiB (motion,
 * badge, a dismiss button) to a pane that only needs a coloured line and a number.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  notice: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  error: {
    borderLeftColor: tokens.colorStatusDangerBorderActive,
    backgroundColor: tokens.colorStatusDangerBackground1,
  },
  warning: {
    borderLeftColor: tokens.colorStatusWarningBorderActive,
    backgroundColor: tokens.colorStatusWarningBackground1,
  },
  success: {
    borderLeftColor: tokens.colorStatusSuccessBorderActive,
    backgroundColor: tokens.colorStatusSuccessBackground1,
  },
  info: {},
  count: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: '20px',
    height: '20px',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
    // Background5 is near black in Office's dark theme: the badge vanished on dark surfaces
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1,
  },
  countError: { backgroundColor: tokens.colorPaletteRedBackground3, color: tokens.colorNeutralForegroundOnBrand },
  countWarning: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3, color: tokens.colorNeutralForegroundOnBrand },
});

export type NoticeIntent = 'error' | 'warning' | 'success' | 'info';

/** A coloured line: an alert for errors, a polite status for the rest. */
export function Notice({ intent, children }: { intent: NoticeIntent; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div role={intent === 'error' ? 'alert' : 'status'} className={mergeClasses(styles.notice, styles[intent])}>
      {children}
    </div>
  );
}

export function Count({ n, tone }: { n: number; tone?: 'error' | 'warning' }) {
  const styles = useStyles();
  return (
    <span
      className={mergeClasses(styles.count, tone === 'error' && styles.countError, tone === 'warning' && styles.countWarning)}
    >
      {n}
    </span>
  );
}
