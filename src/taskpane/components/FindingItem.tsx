import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { Finding, Suggestion } from '../../core/index.js';
import { useStrings } from '../i18n.js';
import { PlainButton } from './Controls.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    width: '100%',
    textAlign: 'start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    background: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
  },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', fontSize: tokens.fontSizeBase200 },
  cell: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  path: { color: tokens.colorNeutralForeground3 },
  values: { fontVariantNumeric: 'tabular-nums', fontSize: tokens.fontSizeBase200 },
  adopt: { marginLeft: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalXS },
});

export interface FindingItemProps {
  finding: Finding;
  index: number;
  selected: boolean;
  /** Prefix the cell with its sheet (when the check covered several sheets). */
  showSheet: boolean;
  onSelect(index: number): void;
  /** The score 采用建议值 would write (score findings with a numeric expected); none → no button. */
  suggestion?: Suggestion | null;
  onAdopt?(finding: Finding, suggestion: Suggestion): void;
  /** Another action is running. */
  busy?: boolean;
}

export function FindingItem({ finding: f, index, selected, showSheet, onSelect, suggestion, onAdopt, busy }: FindingItemProps) {
  const t = useStrings();
  const styles = useStyles();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  const where = showSheet ? `${f.sheet}!${f.cell}` : f.cell;
  return (
    <div className={styles.root}>
      <button
        ref={ref}
        type="button"
        className={mergeClasses(styles.item, selected && styles.selected)}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(index)}
      >
        <span className={styles.head}>
          <span className={styles.cell}>{where}</span>
          {f.path.length ? <span className={styles.path}>{f.path.join(' › ')}</span> : null}
        </span>
        <span>{t.message(f)}</span>
        {f.expected !== null ? (
          <span className={styles.values}>
            {f.declared ?? t.empty} → {f.expected}
          </span>
        ) : f.declared !== null ? (
          <span className={styles.values}>
            {t.declared} {f.declared}
          </span>
        ) : null}
      </button>
      {suggestion && onAdopt ? (
        <PlainButton
          className={styles.adopt}
          size="small"
          disabled={busy}
          aria-label={t.adoptLabel(where, suggestion.value)}
          onClick={() => onAdopt(f, suggestion)}
        >
          {t.adopt}
        </PlainButton>
      ) : null}
    </div>
  );
}
