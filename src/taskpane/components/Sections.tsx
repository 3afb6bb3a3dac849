/**
 * The pane's three parts below the toolbar — 检查结果 / 写回合计 / 插入空白模板 — as a small
 * segmented switch (an ARIA tablist: arrow keys, Home/End). Every part stays mounted while hidden,
 * so what the clerk typed or just did in one is still there when they come back. Hand-made rather
 * than Fluent's TabList, which brings its own motion and overflow code for three buttons.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { Count } from './Notice.js';

const useStyles = makeStyles({
  list: {
    display: 'flex',
    padding: '2px',
    gap: '2px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  tab: {
    flex: '1 1 0',
    minWidth: 0,
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingHorizontalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    background: 'none',
    color: tokens.colorNeutralForeground2,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    textAlign: 'center',
    // a narrow pane wraps a long label rather than cut it
    overflowWrap: 'anywhere',
    cursor: 'pointer',
    ':hover': { color: tokens.colorNeutralForeground1, backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxShadow: tokens.shadow2,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1 },
  },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // a class setting `display` would override the `hidden` attribute
  hidden: { display: 'none' },
});

export interface Section<K extends string> {
  key: K;
  label: string;
  /** A number shown on the tab (problems found, cells to write); none when undefined. */
  count?: number;
  tone?: 'error' | 'warning';
  /** The tab's accessible name while it shows a count (“写回合计（2）”). */
  countLabel?: string;
  content: ReactNode;
}

export interface SectionsProps<K extends string> {
  label: string;
  sections: readonly Section<K>[];
  current: K;
  onChange(key: K): void;
}

export function Sections<K extends string>({ label, sections, current, onChange }: SectionsProps<K>) {
  const styles = useStyles();
  const base = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const move = (e: KeyboardEvent, i: number) => {
    const n = sections.length;
    const to =
      e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    onChange(sections[to].key);
    tabs.current[to]?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label={label} className={styles.list}>
        {sections.map((s, i) => {
          const selected = s.key === current;
          return (
            <button
              key={s.key}
              ref={(el) => {
                tabs.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${base}-tab-${s.key}`}
              aria-selected={selected}
              aria-label={s.count ? s.countLabel : undefined}
              aria-controls={`${base}-panel-${s.key}`}
              tabIndex={selected ? 0 : -1}
              className={mergeClasses(styles.tab, selected && styles.selected)}
              onClick={() => onChange(s.key)}
              onKeyDown={(e) => move(e, i)}
            >
              {s.label}
              {s.count ? <Count n={s.count} tone={s.tone} /> : null}
            </button>
          );
        })}
      </div>
      {sections.map((s) => (
        <div
          key={s.key}
          role="tabpanel"
          id={`${base}-panel-${s.key}`}
          aria-labelledby={`${base}-tab-${s.key}`}
          hidden={s.key !== current}
          className={s.key === current ? styles.panel : styles.hidden}
        >
          {s.content}
        </div>
      ))}
    </>
  );
}
