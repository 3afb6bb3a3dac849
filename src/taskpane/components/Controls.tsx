/**
 * Light stand-ins for Fluent's Switch and Select (~12 KiB minified each, mostly style rules for
 * states this pane never shows), in the spirit of Notice.tsx: native inputs with Fluent's tokens,
 * so they follow the light and dark themes and keep the browser's own keyboard and accessibility.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** Griffel takes no `borderColor` shorthand. */
const borderColor = (c: string) => ({ borderTopColor: c, borderRightColor: c, borderBottomColor: c, borderLeftColor: c });

const useStyles = makeStyles({
  switchLabel: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    userSelect: 'none',
  },
  switchLabelDisabled: { color: tokens.colorNeutralForegroundDisabled, cursor: 'default' },
  switch: {
    appearance: 'none',
    position: 'relative',
    flexShrink: 0,
    width: '40px',
    height: '20px',
    margin: 0,
    boxSizing: 'border-box',
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    backgroundColor: 'transparent',
    cursor: 'inherit',
    '::after': {
      content: '""',
      position: 'absolute',
      top: '3px',
      left: '3px',
      width: '12px',
      height: '12px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorNeutralForeground3,
      transitionProperty: 'left',
      transitionDuration: tokens.durationNormal,
    },
    ':checked': {
      backgroundColor: tokens.colorCompoundBrandBackground,
      border: `${tokens.strokeWidthThin} solid transparent`,
    },
    ':checked::after': { left: '23px', backgroundColor: tokens.colorNeutralForegroundInverted },
    ':disabled': { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeDisabled}`, backgroundColor: 'transparent' },
    ':disabled::after': { backgroundColor: tokens.colorNeutralForegroundDisabled },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  select: {
    minHeight: '32px',
    width: '100%',
    boxSizing: 'border-box',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    cursor: 'pointer',
    ':hover': { ...borderColor(tokens.colorNeutralStroke1Hover), borderBottomColor: tokens.colorNeutralStrokeAccessibleHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    ':disabled': { color: tokens.colorNeutralForegroundDisabled, ...borderColor(tokens.colorNeutralStrokeDisabled), cursor: 'default' },
  },
});

export interface PlainSwitchProps {
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange(checked: boolean): void;
}

/** A checkbox shown as a switch (role="switch"); Space toggles it. */
export function PlainSwitch({ label, checked, disabled, onChange }: PlainSwitchProps) {
  const styles = useStyles();
  return (
    <label className={mergeClasses(styles.switchLabel, disabled && styles.switchLabelDisabled)}>
      <input
        type="checkbox"
        role="switch"
        className={styles.switch}
        checked={checked}
        aria-checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
}

export interface PlainSelectProps {
  id?: string;
  value: string;
  disabled?: boolean;
  onChange(value: string): void;
  children: ReactNode;
}

export function PlainSelect({ id, value, disabled, onChange, children }: PlainSelectProps) {
  const styles = useStyles();
  return (
    <select id={id} className={styles.select} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value)}>
      {children}
    </select>
  );
}
