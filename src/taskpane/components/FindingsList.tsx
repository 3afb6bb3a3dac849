import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronUpRegular } from '@fluentui/react-icons';
import { suggestionFor, type Finding, type Suggestion } from '../../core/index.js';
import { groupFindings } from '../findings.js';
import { useStrings } from '../i18n.js';
import { PlainButton } from './Controls.js';
import { FindingItem } from './FindingItem.js';
import { Count } from './Notice.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  nav: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { fontWeight: tokens.fontWeightSemibold },
  position: { marginLeft: 'auto', fontVariantNumeric: 'tabular-nums' },
  heading: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  h3: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  h4: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  ul: { listStyle: 'none', margin: 0, padding: 0 },
});

export interface FindingsListProps {
  /** In display order (orderFindings). */
  findings: readonly Finding[];
  /** Index of the selected finding, -1 for none. */
  current: number;
  showSheet: boolean;
  onSelect(index: number): void;
  onPrev(): void;
  onNext(): void;
  /** 采用建议值 on findings that suggest a score; without it no finding offers one. */
  onAdopt?(finding: Finding, suggestion: Suggestion): void;
  /** Another action is running: 采用建议值 is disabled. */
  busy?: boolean;
}

/** Findings grouped by severity, then by kind, with counts; 上一个/下一个 walk them in this order. */
export function FindingsList({ findings, current, showSheet, onSelect, onPrev, onNext, onAdopt, busy }: FindingsListProps) {
  const t = useStrings();
  const styles = useStyles();
  return (
    <section className={styles.list} aria-label={t.findings(findings.length)}>
      <div className={styles.nav}>
        <span className={styles.title}>{t.findings(findings.length)}</span>
        <span className={styles.position} aria-live="polite">
          {current >= 0 ? t.position(current + 1, findings.length) : ''}
        </span>
        <PlainButton size="small" icon={<ChevronUpRegular />} onClick={onPrev}>
          {t.prev}
        </PlainButton>
        <PlainButton size="small" icon={<ChevronDownRegular />} onClick={onNext}>
          {t.next}
        </PlainButton>
      </div>
      {groupFindings(findings).map((g) => (
        <div key={g.severity} role="group" aria-label={`${t.severity[g.severity]} ${g.count}`}>
          <h3 className={mergeClasses(styles.heading, styles.h3)}>
            {t.severity[g.severity]}
            <Count n={g.count} tone={g.severity === 'info' ? undefined : g.severity} />
          </h3>
          {g.codes.map((c) => (
            <div key={c.code} role="group" aria-label={`${t.codeTitle(c.code)} ${c.items.length}`}>
              <h4 className={mergeClasses(styles.heading, styles.h4)}>
                {t.codeTitle(c.code)}
                <Count n={c.items.length} />
              </h4>
              <ul className={styles.ul}>
                {c.items.map(({ finding, index }) => (
                  <li key={index}>
                    <FindingItem
                      finding={finding}
                      index={index}
                      selected={index === current}
                      showSheet={showSheet}
                      onSelect={onSelect}
                      suggestion={onAdopt ? suggestionFor(finding) : null}
                      onAdopt={onAdopt}
                      busy={busy}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
