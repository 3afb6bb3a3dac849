/**
 * Light stand-ins for Fluent's Button, Switch, Select, Checkbox, RadioGroup and Input + Field
 * (together ~80 KiB minified, mostly style rules for appearances, sizes and states this pane never
 * shows), in the spirit of Notice.tsx: native elements with Fluent's tokens, so they follow the
 * light and dark themes and keep the browser's own keyboard handling and accessibility (a native
 * <button>, <input type="checkbox|radio">, <label for>, <fieldset>/<legend>).
 *
 * Every token used here must have a dark value in theme.ts (test/taskpane/theme.test.ts checks).
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, type ButtonHTMLAttributes, type ReactElement, type ReactNode } from 'react';

/** Griffel takes no `borderColor` shorthand. */
const borderColor = (c: string) => ({ borderTopColor: c, borderRightColor: c, borderBottomColor: c, borderLeftColor: c });

const focusRing = { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' };

/** The box shared by the text field and the drop-down: Fluent's outline look. */
const fieldBox = {
    boxSizing: 'border-box',
    minHeight: '32px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    ':hover': { ...borderColor(tokens.colorNeutralStroke1Hover), borderBottomColor: tokens.colorNeutralStrokeAccessibleHover },
} as const;

const useStyles = makeStyles({
  // Button: Fluent's look (secondary by default), medium and small.
  button: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingHorizontalSNudge,
    boxSizing: 'border-box',
    minHeight: '32px',
    margin: 0,
    padding: `5px ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase300,
    verticalAlign: 'middle',
    cursor: 'pointer',
    ':enabled:hover': {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      ...borderColor(tokens.colorNeutralStroke1Hover),
      color: tokens.colorNeutralForeground1Hover,
    },
    ':enabled:hover:active': { backgroundColor: tokens.colorNeutralBackground1Pressed, ...borderColor(tokens.colorNeutralStroke1Pressed) },
    ':focus-visible': focusRing,
    ':disabled': {
      backgroundColor: tokens.colorNeutralBackgroundDisabled,
      ...borderColor(tokens.colorNeutralStrokeDisabled),
      color: tokens.colorNeutralForegroundDisabled,
      cursor: 'not-allowed',
    },
  },
  primary: {
    backgroundColor: tokens.colorBrandBackground,
    ...borderColor('transparent'),
    color: tokens.colorNeutralForegroundOnBrand,
    ':enabled:hover': { backgroundColor: tokens.colorBrandBackgroundHover, ...borderColor('transparent'), color: tokens.colorNeutralForegroundOnBrand },
    ':enabled:hover:active': { backgroundColor: tokens.colorBrandBackgroundPressed, ...borderColor('transparent') },
  },
  subtle: {
    backgroundColor: 'transparent',
    ...borderColor('transparent'),
    color: tokens.colorNeutralForeground2,
    ':enabled:hover': { backgroundColor: tokens.colorSubtleBackgroundHover, ...borderColor('transparent'), color: tokens.colorNeutralForeground2Hover },
    ':enabled:hover:active': { backgroundColor: tokens.colorSubtleBackgroundPressed, ...borderColor('transparent') },
    ':disabled': { backgroundColor: 'transparent', ...borderColor('transparent') },
  },
  pressed: { backgroundColor: tokens.colorSubtleBackgroundSelected },
  small: {
    minHeight: '24px',
    padding: `1px ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightRegular,
    lineHeight: tokens.lineHeightBase200,
  },
  iconOnly: { minWidth: '32px', padding: '5px' },
  icon: { display: 'inline-flex', flexShrink: 0, fontSize: '20px', width: '20px', height: '20px' },

  // Switch, checkbox and radio: a label holding a native input drawn with tokens.
  choice: {
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
  choiceDisabled: { color: tokens.colorNeutralForegroundDisabled, cursor: 'default' },
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
    ':focus-visible': focusRing,
  },
  box: {
    appearance: 'none',
    position: 'relative',
    flexShrink: 0,
    width: '16px',
    height: '16px',
    margin: 0,
    boxSizing: 'border-box',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    backgroundColor: 'transparent',
    cursor: 'inherit',
    ':focus-visible': focusRing,
    ':disabled': { ...borderColor(tokens.colorNeutralStrokeDisabled) },
  },
  checkbox: {
    borderRadius: tokens.borderRadiusSmall,
    // the tick: two borders of a rotated box
    ':checked': { backgroundColor: tokens.colorCompoundBrandBackground, ...borderColor(tokens.colorCompoundBrandBackground) },
    ':checked::after': {
      content: '""',
      position: 'absolute',
      left: '4.5px',
      top: '1.5px',
      width: '4px',
      height: '8px',
      borderRight: `2px solid ${tokens.colorNeutralForegroundInverted}`,
      borderBottom: `2px solid ${tokens.colorNeutralForegroundInverted}`,
      transform: 'rotate(45deg)',
    },
    ':checked:disabled': { backgroundColor: tokens.colorNeutralBackgroundDisabled, ...borderColor(tokens.colorNeutralStrokeDisabled) },
    ':checked:disabled::after': { ...borderColor(tokens.colorNeutralForegroundDisabled) },
  },
  radio: {
    borderRadius: tokens.borderRadiusCircular,
    ':checked': { ...borderColor(tokens.colorCompoundBrandStroke) },
    ':checked::after': {
      content: '""',
      position: 'absolute',
      top: '3px',
      right: '3px',
      bottom: '3px',
      left: '3px',
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorCompoundBrandForeground1,
    },
  },

  // Fieldset of radios or checkboxes.
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0, display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXXS, fontWeight: tokens.fontWeightSemibold },

  // A labelled text field with its hint or what is wrong with it.
  field: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  fieldLabel: { fontWeight: tokens.fontWeightSemibold },
  input: {
    ...fieldBox,
    ':focus-visible': { outline: 'none', borderBottomColor: tokens.colorCompoundBrandStroke, boxShadow: `inset 0 -1px 0 ${tokens.colorCompoundBrandStroke}` },
  },
  invalid: {
    ...borderColor(tokens.colorPaletteRedBorder2),
    ':hover': { ...borderColor(tokens.colorPaletteRedBorder2) },
  },
  hint: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
  error: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorPaletteRedForeground1 },

  select: {
    ...fieldBox,
    width: '100%',
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
    ':disabled': { color: tokens.colorNeutralForegroundDisabled, ...borderColor(tokens.colorNeutralStrokeDisabled), cursor: 'default' },
  },
});

export interface PlainButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  /** secondary (outlined) unless said otherwise. */
  appearance?: 'primary' | 'secondary' | 'subtle';
  size?: 'small' | 'medium';
  /** A @fluentui/react-icons icon, shown before the label (or alone: then give an aria-label). */
  icon?: ReactElement;
  /** Shown as pressed (a toggle with aria-pressed). */
  pressed?: boolean;
}

/** A native <button type="button"> looking like Fluent's. */
export function PlainButton({ appearance = 'secondary', size = 'medium', icon, pressed, className, children, ...rest }: PlainButtonProps) {
  const styles = useStyles();
  return (
    <button
      type="button"
      className={mergeClasses(
        styles.button,
        appearance === 'primary' && styles.primary,
        appearance === 'subtle' && styles.subtle,
        pressed && styles.pressed,
        size === 'small' && styles.small,
        icon && children == null && styles.iconOnly,
        className,
      )}
      {...rest}
    >
      {icon ? (
        <span className={styles.icon} aria-hidden="true">
          {icon}
        </span>
      ) : null}
      {children}
    </button>
  );
}

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
    <label className={mergeClasses(styles.choice, disabled && styles.choiceDisabled)}>
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

export interface PlainCheckboxProps {
  label: string;
  checked: boolean;
  disabled?: boolean;
  /** Id of an element that says more about this choice. */
  describedBy?: string;
  onChange(checked: boolean): void;
}

export function PlainCheckbox({ label, checked, disabled, describedBy, onChange }: PlainCheckboxProps) {
  const styles = useStyles();
  return (
    <label className={mergeClasses(styles.choice, disabled && styles.choiceDisabled)}>
      <input
        type="checkbox"
        className={mergeClasses(styles.box, styles.checkbox)}
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
}

export interface PlainRadioGroupProps<V extends string> {
  legend: string;
  value: V;
  options: readonly { value: V; label: string }[];
  disabled?: boolean;
  onChange(value: V): void;
}

/** Native radios in a fieldset: one tab stop, arrow keys move between them. */
export function PlainRadioGroup<V extends string>({ legend, value, options, disabled, onChange }: PlainRadioGroupProps<V>) {
  const styles = useStyles();
  const name = useId();
  return (
    <fieldset className={styles.fieldset} disabled={disabled}>
      <legend className={styles.legend}>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={mergeClasses(styles.choice, disabled && styles.choiceDisabled)}>
          <input
            type="radio"
            name={name}
            className={mergeClasses(styles.box, styles.radio)}
            value={o.value}
            checked={o.value === value}
            onChange={() => onChange(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** What is wrong with the value; shown instead of the hint, and the field marked invalid. */
  error?: string | null;
  hint?: string;
  inputMode?: 'numeric' | 'text';
  type?: 'text' | 'number';
  min?: number;
  max?: number;
  disabled?: boolean;
  className?: string;
}

/** A label, a native input and its hint or error, tied together with for/aria-describedby. */
export function TextField({ label, value, onChange, error, hint, inputMode, type = 'text', min, max, disabled, className }: TextFieldProps) {
  const styles = useStyles();
  const id = useId();
  const note = error || hint;
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.fieldLabel}>
        {label}
      </label>
      <input
        id={id}
        className={mergeClasses(styles.input, error ? styles.invalid : undefined, className)}
        type={type}
        inputMode={inputMode}
        min={min}
        max={max}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
      {note ? (
        <span id={`${id}-note`} className={error ? styles.error : styles.hint}>
          {note}
        </span>
      ) : null}
    </div>
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
