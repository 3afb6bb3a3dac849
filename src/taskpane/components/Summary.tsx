import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  RULE_PACKS,
  isRulePackName,
  parseA1,
  parseRangeA1,
  type Finding,
  type FormReport,
  type Severity,
} from '../../core/index.js';
import { percent, severityAt } from '../findings.js';
import { useStrings } from '../i18n.js';
import { SEVERITY_MARKS } from '../strings/glossary.js';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  kind: { fontWeight: tokens.fontWeightSemibold },
  where: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0, display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  label: { color: tokens.colorNeutralForeground3, marginRight: tokens.spacingHorizontalXS },
  value: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: {},
  mark: { fontSize: tokens.fontSizeBase200 },
});

interface FigureProps {
  label: string;
  value: string | null;
  flag?: Severity | null;
}

/** A labelled figure; a dash where the form has none; coloured when a finding points at its cell. */
function Figure({ label, value, flag }: FigureProps) {
  const styles = useStyles();
  const t = useStrings();
  return (
    <span>
      <span className={styles.label}>{label}</span>
      <span className={mergeClasses(styles.value, flag ? styles[flag] : undefined)} data-flag={flag ?? undefined}>
        {value ?? '—'}
      </span>
      {flag ? <span className={mergeClasses(styles.mark, styles[flag])}>{` ${SEVERITY_MARKS[flag]} ${t.severityOne[flag]}`}</span> : null}
    </span>
  );
}

export interface SummaryProps {
  form: FormReport;
  /** The findings of the form's sheet, to mark declared figures that are wrong. */
  findings: readonly Finding[];
}

/** What the form declares against what the rules recompute. */
export function Summary({ form, findings }: SummaryProps) {
  const t = useStrings();
  const styles = useStyles();
  const flag = (cell: string | null) => severityAt(findings, form.sheet, cell);
  const rate = form.executionRate;
  // The weight total has no cell of its own: it is wrong when the form's weights do not add up.
  const weightFlag = findings.some((f) => f.code === 'weight-total-not-100' && inRange(f.sheet, f.cell))
    ? ('error' as const)
    : null;
  function inRange(sheet: string, cell: string): boolean {
    if (sheet !== form.sheet) return false;
    const r = parseRangeA1(form.range);
    const c = parseA1(cell);
    return c.row >= r.top && c.row <= r.bottom && c.col >= r.left && c.col <= r.right;
  }
  // A blank form or template: no grade to speak of yet (the CLI says the same).
  const scored = form.indicators.some((i) => i.declared !== null) || form.executionRate.score.declared !== null;
  const pack = isRulePackName(form.rules) ? RULE_PACKS[form.rules] : null;
  return (
    <section className={styles.card} aria-label={`${t.formKind[form.kind]} ${form.sheet}`}>
      <span className={styles.kind}>{t.formKind[form.kind]}</span>
      <span className={styles.where}>
        {form.sheet}!{form.range}
        {form.title ? ` · ${form.title}` : ''}
      </span>
      <dl className={styles.list}>
        <dt className={styles.term}>{t.total}</dt>
        <dd className={styles.detail}>
          <Figure label={t.declared} value={form.total.declared} flag={flag(form.total.cell)} />
          <Figure label={t.summed} value={form.total.sum} />
          <Figure label={t.recomputed} value={form.total.recomputed} />
        </dd>
        <dt className={styles.term}>{t.executionRate}</dt>
        <dd className={styles.detail}>
          <Figure label={t.declared} value={percent(rate.declared)} flag={flag(rate.cell)} />
          <Figure label={t.computed} value={percent(rate.computed)} />
        </dd>
        <dt className={styles.term}>{t.executionScore}</dt>
        <dd className={styles.detail}>
          <Figure label={t.declared} value={rate.score.declared} flag={flag(rate.score.cell)} />
          <Figure label={t.recomputed} value={rate.score.computed} />
          <Figure label={t.weight} value={rate.score.weight} />
        </dd>
        <dt className={styles.term}>{t.grade}</dt>
        <dd className={styles.detail}>
          {scored ? (
            <>
              <Figure label={t.declared} value={form.grade.declared} flag={flag(form.grade.cell)} />
              <Figure label={t.recomputed} value={form.grade.computed} />
            </>
          ) : (
            <span>{t.notScored}</span>
          )}
        </dd>
        <dt className={styles.term}>{t.weightTotal}</dt>
        <dd className={styles.detail}>
          <span
            className={mergeClasses(styles.value, weightFlag ? styles[weightFlag] : undefined)}
            data-flag={weightFlag ?? undefined}
          >
            {form.weightTotal}
          </span>
          {weightFlag ? <span className={mergeClasses(styles.mark, styles.error)}>{` ${SEVERITY_MARKS.error} ${t.severityOne.error}`}</span> : null}
        </dd>
        <dt className={styles.term}>{t.rules}</dt>
        <dd className={styles.detail}>{pack ? (t.locale === 'en-US' ? pack.titleEn : pack.title) : form.rules}</dd>
      </dl>
    </section>
  );
}
