import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ErrorCircleFilled, InfoFilled, WarningFilled } from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import type { Finding, Severity, Suggestion } from '../../core/index.js';
import type { ReviewMark } from '../../host/index.js';
import type { ShownValues } from '../model.js';
import { codeFix } from '../strings/glossary.js';
import { useStrings } from '../i18n.js';
import { PlainButton, TextField } from './Controls.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start' },
  marked: { opacity: 0.6 },
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
    // scrolled to above the pinned 上一个/下一个 bar
    scrollMarginBottom: '64px',
    scrollMarginTop: tokens.spacingVerticalS,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    backgroundColor: tokens.colorSubtleBackgroundSelected,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', fontSize: tokens.fontSizeBase200 },
  severity: { display: 'inline-flex', alignItems: 'center', gap: '2px', fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground2 },
  cell: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  path: { color: tokens.colorNeutralForeground3 },
  values: { fontVariantNumeric: 'tabular-nums', fontSize: tokens.fontSizeBase200 },
  fix: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  markLine: { fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, marginLeft: tokens.spacingHorizontalS, marginBottom: tokens.spacingVerticalXS },
  consequences: { margin: 0, paddingLeft: tokens.spacingHorizontalXXL, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  noteForm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginLeft: tokens.spacingHorizontalS, width: 'calc(100% - 8px)' },
});

const ICONS = { error: ErrorCircleFilled, warning: WarningFilled, info: InfoFilled } as const;

/** Severity as an icon and a word, never colour alone. */
export function SeverityTag({ severity }: { severity: Severity }) {
  const t = useStrings();
  const styles = useStyles();
  const Icon = ICONS[severity];
  return (
    <span className={mergeClasses(styles.severity, styles[severity])}>
      <Icon aria-hidden="true" />
      {t.severityOne[severity]}
    </span>
  );
}

export interface FindingItemProps {
  finding: Finding;
  index: number;
  selected: boolean;
  /** Move the keyboard focus here when selected (arrow keys). */
  focusWhenSelected?: boolean;
  /** Prefix the cell with its sheet (when the check covered several sheets). */
  showSheet: boolean;
  onSelect(index: number): void;
  /** The cell's figures as the line prints them (model.shownValues). */
  values: ShownValues | null;
  /** The score 采用建议值 would write (score findings with a numeric expected); none → no button. */
  suggestion?: Suggestion | null;
  onAdopt?(finding: Finding, suggestion: Suggestion): void;
  mark?: ReviewMark;
  onMark?(finding: Finding, status: ReviewMark['status'] | null, note?: string): void;
  /** Findings whose causedBy points at this one. */
  consequences?: readonly Finding[];
  /** Another action is running. */
  busy?: boolean;
}

export function FindingItem(p: FindingItemProps) {
  const { finding: f, index, selected, showSheet, onSelect, values, suggestion, onAdopt, mark, onMark, busy } = p;
  const t = useStrings();
  const styles = useStyles();
  const ref = useRef<HTMLButtonElement>(null);
  const [marking, setMarking] = useState<ReviewMark['status'] | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (!selected) return;
    ref.current?.scrollIntoView?.({ block: 'nearest' });
    if (p.focusWhenSelected) ref.current?.focus();
  }, [selected, p.focusWhenSelected]);
  const where = showSheet ? `${f.sheet}!${f.cell}` : f.cell;
  const fix = codeFix(f.code, t.locale);
  const empty = (v: string | null) => v ?? t.empty;
  const markText = mark ? t.markShown(mark.status, mark.note) : '';
  const where2 = (x: Finding) => (showSheet ? `${x.sheet}!${x.cell}` : x.cell);
  return (
    <div className={mergeClasses(styles.root, mark && styles.marked)} data-mark={mark?.status}>
      <button
        ref={ref}
        type="button"
        className={mergeClasses(styles.item, selected && styles.selected)}
        aria-current={selected ? 'true' : undefined}
        aria-label={`${t.itemName(t.severityOne[f.severity], where, t.codeTitle(f.code), markText)}。${t.message(f)}`}
        data-index={index}
        onClick={() => onSelect(index)}
      >
        <span className={styles.head}>
          <SeverityTag severity={f.severity} />
          <span className={styles.cell} data-cell="">{where}</span>
          {f.path.length ? <span className={styles.path}>{f.path.join(' › ')}</span> : null}
        </span>
        <span>{t.message(f)}</span>
        {values ? (
          <span className={styles.values}>
            {values.to !== null ? `${empty(values.from)} → ${values.to}` : `${t.declared} ${empty(values.from)}`}
          </span>
        ) : null}
        {fix ? <span className={styles.fix}>{t.howToFix(fix)}</span> : null}
        {mark ? <span className={styles.markLine}>{markText}</span> : null}
      </button>
      {p.consequences?.length ? (
        <ul className={styles.consequences}>
          {p.consequences.map((c) => (
            <li key={`${c.cell}!${c.code}`}>{t.consequence(where2(c), t.codeTitle(c.code))}</li>
          ))}
        </ul>
      ) : null}
      {marking ? (
        <div className={styles.noteForm}>
          <TextField label={t.markNote} value={note} onChange={setNote} />
          <div className={styles.actions}>
            <PlainButton
              size="small"
              appearance="primary"
              onClick={() => {
                onMark?.(f, marking, note.trim() || undefined);
                setMarking(null);
                setNote('');
              }}
            >
              {t.markConfirm}
            </PlainButton>
            <PlainButton size="small" onClick={() => setMarking(null)}>
              {t.markCancel}
            </PlainButton>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          {suggestion && onAdopt && !mark ? (
            <PlainButton size="small" disabled={busy} aria-label={t.adoptLabel(where, suggestion.value)} onClick={() => onAdopt(f, suggestion)}>
              {t.adopt}
            </PlainButton>
          ) : null}
          {onMark && !mark ? (
            <>
              <PlainButton size="small" appearance="subtle" disabled={busy} onClick={() => setMarking('ignored')}>
                {t.ignore}
              </PlainButton>
              <PlainButton size="small" appearance="subtle" disabled={busy} onClick={() => setMarking('reviewed')}>
                {t.markReviewed}
              </PlainButton>
            </>
          ) : null}
          {onMark && mark ? (
            <PlainButton size="small" appearance="subtle" disabled={busy} onClick={() => onMark(f, null)}>
              {t.unmark}
            </PlainButton>
          ) : null}
        </div>
      )}
    </div>
  );
}
