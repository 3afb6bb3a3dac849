/**
 * The findings: a navigation bar (上一个/下一个 and the position, which never moves the buttons),
 * the severity filter, then either every finding grouped by severity and kind, or — in whole-
 * workbook mode — one collapsible section per form with its verdict, summary and findings.
 * Arrow keys move through the findings; each move is announced with the finding itself.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { createElement, useEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import { suggestionFor, type Finding, type FormReport, type Severity, type Suggestion } from '../../core/index.js';
import type { ReviewMark } from '../../host/index.js';
import { groupFindings, SEVERITIES } from '../findings.js';
import { useStrings } from '../i18n.js';
import { consequencesOf, countBySeverity, markOf, shownValues, type FormGroup, type SeverityCounts } from '../model.js';
import { PlainButton } from './Controls.js';
import { FindingItem, SeverityTag } from './FindingItem.js';
import { Count } from './Notice.js';

/** Height of the 上一个/下一个 bar; the pane leaves this much room below its content. */
export const NAV_HEIGHT = 48;

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  navTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  // Pinned to the bottom of the pane: selecting a finding scrolls the list, never the buttons, so
  // a second click in the same spot is the next finding, at any width.
  nav: {
    position: 'fixed',
    left: 0,
    right: 0,
    bottom: 0,
    zIndex: 1,
    boxSizing: 'border-box',
    height: `${NAV_HEIGHT}px`,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'nowrap',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // after the buttons and of one height: a growing count never moves 上一个/下一个
  position: {
    minWidth: '7.5em',
    height: tokens.lineHeightBase200,
    lineHeight: tokens.lineHeightBase200,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    fontSize: tokens.fontSizeBase200,
  },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  level1: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  level2: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  ul: { listStyle: 'none', margin: 0, padding: 0 },
  filter: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalS,
  },
  formHeading: { margin: 0, fontSize: tokens.fontSizeBase300 },
  formToggle: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    width: '100%',
    padding: `${tokens.spacingVerticalXS} 0`,
    border: 'none',
    background: 'none',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'start',
    cursor: 'pointer',
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  verdict: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
});

export interface ListedGroup {
  group: FormGroup;
  /** The group's findings that pass the filter, with their place in the navigation order. */
  items: { finding: Finding; index: number }[];
}

export interface FindingsListProps {
  /** The navigation order: every listed finding, filtered. */
  findings: readonly Finding[];
  /** Every finding of the check, for the counts and the consequence lines. */
  all: readonly Finding[];
  groups: readonly ListedGroup[];
  /** One section per form (whole workbook), else one list. */
  perForm: boolean;
  forms: readonly FormReport[];
  /** The summary card of a form, shown inside its section. */
  summary?(form: FormReport): ReactNode;
  current: number;
  /** The last move came from the keyboard: focus follows the selection. */
  keyboard?: boolean;
  showSheet: boolean;
  shown: ReadonlySet<Severity>;
  onShown(next: Set<Severity>): void;
  marks: ReadonlyMap<string, ReviewMark>;
  onMark?(finding: Finding, status: ReviewMark['status'] | null, note?: string): void;
  onSelect(index: number, keyboard?: boolean): void;
  onPrev(keyboard?: boolean): void;
  onNext(keyboard?: boolean): void;
  onAdopt?(finding: Finding, suggestion: Suggestion): void;
  busy?: boolean;
}

function Heading({ level, className, children }: { level: number; className?: string; children: ReactNode }) {
  return createElement(`h${Math.min(level, 6)}`, { className }, children);
}

export function FindingsList(p: FindingsListProps) {
  const t = useStrings();
  const styles = useStyles();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const counts: SeverityCounts = countBySeverity(p.all, p.marks);
  const cur = p.findings[p.current];
  const total = p.findings.length;
  const where = (f: Finding) => (p.showSheet ? `${f.sheet}!${f.cell}` : f.cell);
  // 上一个/下一个 into a collapsed form opens it
  const curGroup = cur ? p.groups.find((g) => g.items.some((x) => x.index === p.current))?.group.key : undefined;
  useEffect(() => {
    if (curGroup && collapsed.has(curGroup)) setCollapsed((s) => new Set([...s].filter((k) => k !== curGroup)));
  }, [curGroup]); // eslint-disable-line react-hooks/exhaustive-deps

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    if (e.key === 'ArrowDown') p.onNext(true);
    else if (e.key === 'ArrowUp') p.onPrev(true);
    else if (e.key === 'Home' && total) p.onSelect(0, true);
    else if (e.key === 'End' && total) p.onSelect(total - 1, true);
    else return;
    e.preventDefault();
  };

  const severityGroups = (items: ListedGroup['items'], level: number) => {
    const byIndex = new Map(items.map((x) => [x.finding, x.index]));
    return groupFindings(items.map((x) => x.finding)).map((g) => (
      <div key={g.severity} role="group" aria-label={`${t.severity[g.severity]} ${g.count}`}>
        <Heading level={level} className={mergeClasses(styles.heading, styles.level1)}>
          <SeverityTag severity={g.severity} />
          <Count n={g.count} tone={g.severity === 'info' ? undefined : g.severity} />
        </Heading>
        {g.codes.map((c) => (
          <div key={c.code} role="group" aria-label={`${t.codeTitle(c.code)} ${c.items.length}`}>
            <Heading level={level + 1} className={mergeClasses(styles.heading, styles.level2)}>
              {t.codeTitle(c.code)}
              <Count n={c.items.length} />
            </Heading>
            <ul className={styles.ul}>
              {c.items.map(({ finding }) => {
                const index = byIndex.get(finding)!;
                return (
                  <li key={index}>
                    <FindingItem
                      finding={finding}
                      index={index}
                      selected={index === p.current}
                      focusWhenSelected={p.keyboard}
                      showSheet={p.showSheet}
                      onSelect={(i) => p.onSelect(i)}
                      values={shownValues(finding, p.forms)}
                      suggestion={p.onAdopt ? suggestionFor(finding) : null}
                      onAdopt={p.onAdopt}
                      mark={markOf(p.marks, finding)}
                      onMark={p.onMark}
                      consequences={consequencesOf(finding, p.all)}
                      busy={p.busy}
                    />
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    ));
  };

  return (
    <section className={styles.list} aria-label={t.findings(total)} onKeyDown={onKeyDown}>
      <h2 className={styles.navTitle}>{t.findings(counts.error + counts.warning + counts.info)}</h2>
      <div className={styles.nav}>
        <PlainButton size="small" icon={<ChevronUpRegular />} onClick={() => p.onPrev()} disabled={!total}>
          {t.prev}
        </PlainButton>
        <PlainButton size="small" icon={<ChevronDownRegular />} onClick={() => p.onNext()} disabled={!total}>
          {t.next}
        </PlainButton>
        <span className={styles.position} aria-hidden="true" data-testid="position">
          {p.current >= 0 ? t.position(p.current + 1, total) : ''}
        </span>
      </div>
      <div className={styles.srOnly} aria-live="polite" role="status">
        {cur ? t.announce(p.current + 1, total, t.severityOne[cur.severity], where(cur), t.codeTitle(cur.code)) : ''}
      </div>
      <div className={styles.filter} role="group" aria-label={t.filter}>
        {SEVERITIES.map((s) => (
          <PlainButton
            key={s}
            size="small"
            appearance="subtle"
            pressed={p.shown.has(s)}
            aria-pressed={p.shown.has(s)}
            onClick={() => {
              const next = new Set(p.shown);
              if (next.has(s)) next.delete(s);
              else next.add(s);
              p.onShown(next);
            }}
          >
            <SeverityTag severity={s} /> {counts[s]}
          </PlainButton>
        ))}
      </div>
      {p.perForm
        ? p.groups.map(({ group, items }) => {
            const open = !collapsed.has(group.key);
            const c = countBySeverity(group.findings, p.marks);
            const kind = group.form ? t.formKind[group.form.kind] : '';
            return (
              <section key={group.key} className={styles.form} aria-label={`${group.sheet} ${kind}`}>
                <h3 className={styles.formHeading}>
                  <button
                    type="button"
                    className={styles.formToggle}
                    aria-expanded={open}
                    onClick={() => setCollapsed((s) => {
                      const n = new Set(s);
                      if (open) n.add(group.key);
                      else n.delete(group.key);
                      return n;
                    })}
                  >
                    {open ? <ChevronDownRegular aria-hidden="true" /> : <ChevronRightRegular aria-hidden="true" />}
                    <span>
                      {group.verdict ? t.formHeading(kind, group.sheet, t.verdict(group.verdict)) : t.noForm(group.sheet)}
                      {group.form ? <span className={styles.verdict}> · {t.verdictCounts(c.error, c.warning, c.info)}</span> : null}
                    </span>
                  </button>
                </h3>
                {open ? (
                  <>
                    {group.form && p.summary ? p.summary(group.form) : null}
                    {severityGroups(items, 4)}
                  </>
                ) : null}
              </section>
            );
          })
        : severityGroups(p.groups.flatMap((g) => g.items), 3)}
    </section>
  );
}
