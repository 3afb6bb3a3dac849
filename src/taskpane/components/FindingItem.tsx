import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { Finding } from '../../core/report.js';
import { useStrings } from '../i18n.js';

const useStyles = makeStyles({
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
});

export interface FindingItemProps {
  finding: Finding;
  index: number;
  selected: boolean;
  /** Prefix the cell with its sheet (when the check covered several sheets). */
  showSheet: boolean;
  onSelect(index: number): void;
}

export function FindingItem({ finding: f, index, selected, showSheet, onSelect }: FindingItemProps) {
  const t = useStrings();
  const styles = useStyles();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);
  return (
    <button
      ref={ref}
      type="button"
      className={mergeClasses(styles.item, selected && styles.selected)}
      aria-current={selected ? 'true' : undefined}
      onClick={() => onSelect(index)}
    >
      <span className={styles.head}>
        <span className={styles.cell}>{showSheet ? `${f.sheet}!${f.cell}` : f.cell}</span>
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
  );
}
