/**
 * 写回合计: the preview of every aggregate cell a write-back would change (`cell: old → new`), each
 * with a checkbox — formula cells listed but unticked — then one click to write, and 撤销写回 to put
 * everything back. After any write the pane checks again (`onChanged`), which refreshes the preview;
 * while it does (or does anything else, `busy`), nothing here can be clicked.
 *
 * Only totals: a suggested score for an indicator (采用建议值) is offered on its finding under
 * 检查结果. This panel only says how many indicators have one, because the totals it writes add up
 * the rows' scores as they stand: adopting a suggestion changes them, so it comes first. Scores
 * that are aggregates themselves (the execution score, from the rules' rate × weight) are not
 * counted: they are in the list here and written with the totals.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import { suggestionFor, type PlannedWrite, type SheetReport } from '../core/index.js';
import { PlainButton, PlainCheckbox } from './components/Controls.js';
import { Notice } from './components/Notice.js';
import type { HostExtras } from '../host/index.js';
import { describeFailure, stringsFor } from './i18n.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  text: { margin: 0 },
  small: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  note: { margin: 0, color: tokens.colorNeutralForeground3, marginLeft: '28px' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  suggested: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

/**
 * The level each level aggregate belongs to, from the findings about that cell (subtotal and weight
 * findings carry the level's path): the English label names the level without cutting it out of the
 * engine's Chinese label.
 */
function levelNames(reports: readonly SheetReport[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const f of reports.flatMap((r) => r.findings)) {
    if ((f.code === 'subtotal-mismatch' || f.code === 'weight-subtotal-mismatch') && f.path.length) {
      names.set(keyOf(f), f.path[f.path.length - 1]);
    }
  }
  return names;
}

const LEVEL_ROLES: ReadonlySet<PlannedWrite['role']> = new Set(['level-score', 'level-weight']);

const keyOf = (p: { sheet: string; cell: string }) => `${p.sheet}!${p.cell}`;

function cells(list: readonly { sheet: string; cell: string }[], manySheets: boolean): string {
  return list.map((c) => (manySheets ? keyOf(c) : c.cell)).join('、');
}

/**
 * Cells of indicators with a suggested score (采用建议值 on their finding), leaving out cells that
 * are aggregates themselves: the execution score is written back with the totals.
 */
export function cellsWithSuggestion(reports: readonly SheetReport[]): string[] {
  const aggregates = new Set(reports.flatMap((r) => r.forms.flatMap((form) => form.aggregates.map((a) => `${r.sheet}!${a.cell}`))));
  const out = new Set<string>();
  for (const f of reports.flatMap((r) => r.findings)) {
    const k = keyOf(f);
    if (!aggregates.has(k) && suggestionFor(f) !== null) out.add(k);
  }
  return [...out];
}

type Intent = 'success' | 'warning' | 'error';

export interface WriteBackPanelProps {
  host: HostExtras;
  /** The last check's reports. */
  reports: readonly SheetReport[];
  /** The pane is doing something else (checking again after a write, say): nothing here can be clicked. */
  busy?: boolean;
  /** Called after anything was written or undone: the pane should check again. */
  onChanged?(): void;
  /** A stale write-back wrote nothing and the host checked again: these are the sheets as they are now. */
  onReports?(reports: readonly SheetReport[]): void;
  /** Show 检查结果, where the findings offer 采用建议值. */
  onShowFindings?(): void;
}

export function WriteBackPanel({ host, reports, busy: paneBusy = false, onChanged, onReports, onShowFindings }: WriteBackPanelProps) {
  const t = stringsFor(host.locale).writeBack;
  const styles = useStyles();
  const noteId = useId();
  // The rows: every cell the last check would change; their default ticks (formula cells unticked).
  const rows = useMemo(() => host.previewWriteBack(reports), [host, reports]);
  const suggested = useMemo(() => cellsWithSuggestion(reports).length, [reports]);
  const levels = useMemo(() => levelNames(reports), [reports]);
  const manySheets = new Set(rows.map((p) => p.sheet)).size > 1;
  // The user's ticks; a cell not ticked or unticked by hand keeps the preview's default.
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const [running, setRunning] = useState<'apply' | 'undo' | null>(null);
  const [depth, setDepth] = useState(0);
  const [notice, setNotice] = useState<{ intent: Intent; lines: string[] } | null>(null);
  const busy = paneBusy || running !== null;

  useEffect(() => setOverrides({}), [rows]);
  const isTicked = (p: PlannedWrite) => overrides[keyOf(p)] ?? p.overwrite;
  const ticked = useMemo(() => new Set(rows.filter(isTicked).map(keyOf)), [rows, overrides]); // eslint-disable-line react-hooks/exhaustive-deps
  // What the sheet will hold after writing exactly the ticked cells (untick the execution score
  // and the total follows the score that stays).
  const planned = useMemo(() => new Map(host.previewWriteBack(reports, ticked).map((p) => [keyOf(p), p])), [host, reports, ticked]);
  useEffect(() => {
    let live = true;
    host.undoDepth().then(
      (n) => live && setDepth(n),
      () => live && setDepth(0),
    );
    return () => {
      live = false;
    };
  }, [host, reports]);

  const hasForm = reports.some((r) => r.forms.length > 0);
  const scored = reports.some((r) => r.forms.some((f) => f.indicators.some((i) => i.declared !== null) || f.executionRate.score.declared !== null));
  // Every row, ticked ones with the value they will hold (unticked ones are left alone by the host).
  const toWrite = rows.map((p): PlannedWrite => ({ ...(planned.get(keyOf(p)) ?? p), overwrite: ticked.has(keyOf(p)) }));
  const count = ticked.size;

  async function run<T>(kind: 'apply' | 'undo', action: () => Promise<T>, report: (r: T) => { intent: Intent; lines: string[] }) {
    setRunning(kind);
    setNotice(null);
    try {
      const r = await action();
      setNotice(report(r));
      onChanged?.();
    } catch (e) {
      setNotice({ intent: 'error', lines: [describeFailure(stringsFor(host.locale), e, kind === 'apply' ? 'write-back' : 'undo')] });
    } finally {
      setRunning(null);
    }
  }

  const apply = async () => {
    setRunning('apply');
    setNotice(null);
    try {
      const o = await host.applyWriteBack(toWrite, reports);
      setDepth(o.undoDepth);
      if (o.status === 'stale') {
        // Nothing was written: show the new check and its preview, and let the user confirm again.
        setNotice({ intent: 'warning', lines: [t.stale] });
        if (o.reports) onReports?.(o.reports);
        else onChanged?.();
        return;
      }
      const lines = [t.written(o)];
      if (o.skipped.length) lines.push(t.skipped(cells(o.skipped, manySheets)));
      setNotice({ intent: o.skipped.length ? 'warning' : 'success', lines });
      onChanged?.();
    } catch (e) {
      setNotice({ intent: 'error', lines: [describeFailure(stringsFor(host.locale), e, 'write-back')] });
    } finally {
      setRunning(null);
    }
  };

  const undo = () =>
    run('undo', () => host.undoWriteBack(), (o) => {
      setDepth(o.undoDepth);
      if (!o.restored.length && !o.changedSince.length) return { intent: 'warning', lines: [t.nothingToUndo] };
      const lines = [t.undone(o)];
      if (o.changedSince.length) lines.push(t.changedSince(cells(o.changedSince, true)));
      return { intent: o.changedSince.length ? 'warning' : 'success', lines };
    });

  return (
    <section className={styles.root} aria-label={t.title}>
      {suggested > 0 && (
        <div className={styles.suggested}>
          <p className={mergeClasses(styles.text, styles.small)}>{t.suggested(suggested)}</p>
          {onShowFindings && (
            <PlainButton size="small" onClick={onShowFindings}>
              {t.showFindings}
            </PlainButton>
          )}
        </div>
      )}
      {rows.length === 0 ? (
        <p className={styles.text}>{!hasForm ? t.noForm : !scored ? t.notScored : t.none}</p>
      ) : (
        <>
          <p className={mergeClasses(styles.text, styles.small)}>{t.intro}</p>
          <ul className={styles.list}>
            {rows.map((row, i) => {
              const k = keyOf(row);
              const where = manySheets ? k : row.cell;
              const on = ticked.has(k);
              const p = planned.get(k) ?? row;
              const to = on ? p.display : t.notWritten;
              return (
                <li key={k}>
                  <PlainCheckbox
                    checked={on}
                    disabled={busy}
                    describedBy={row.formula ? `${noteId}-${i}` : undefined}
                    onChange={(v) => setOverrides((s) => ({ ...s, [k]: v }))}
                    label={t.item(where, row.displayOld ?? t.empty, to, t.role(row, LEVEL_ROLES.has(row.role) ? (levels.get(k) ?? null) : null))}
                  />
                  {row.formula && (
                    <p id={`${noteId}-${i}`} className={mergeClasses(styles.note, styles.small)}>
                      {t.formula(row.formula)}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className={styles.buttons}>
        <PlainButton appearance="primary" disabled={count === 0 || busy} onClick={() => void apply()}>
          {running === 'apply' ? t.applying : t.apply(count)}
        </PlainButton>
        <PlainButton disabled={depth === 0 || busy} onClick={undo}>
          {running === 'undo' ? t.undoing : t.undo}
        </PlainButton>
      </div>
      {notice && (
        <Notice intent={notice.intent}>
          {notice.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </Notice>
      )}
    </section>
  );
}
