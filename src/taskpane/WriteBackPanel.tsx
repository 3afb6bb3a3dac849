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
import type { SheetReport } from '../core/report.js';
import { suggestionFor, type PlannedWrite } from '../core/writeback-plan.js';
import { PlainButton, PlainCheckbox } from './components/Controls.js';
import { Notice } from './components/Notice.js';
import type { HostExtras, Locale, UndoOutcome, WriteOutcome } from '../host/index.js';
import { describeFailure, stringsFor, type PaneAction } from './i18n.js';

const STRINGS = {
  'zh-CN': {
    title: '写回合计',
    intro: '以下单元格的填报值与按规则重算的结果不一致。勾选要写回的单元格；含公式的单元格默认不勾选，勾选后才会覆盖公式。',
    none: '小计、总分、执行率及其得分、评价等级均与规则一致，无需写回。',
    empty: '（空）',
    item: (where: string, from: string, to: string, role: string) => `${where}: ${from} → ${to}（${role}）`,
    formula: (f: string) => `含公式 ${f}，勾选后将以数值覆盖`,
    apply: (n: number) => `写回合计（${n}）`,
    applying: '正在写回…',
    written: (o: WriteOutcome) =>
      `已写回 ${o.written.length} 个单元格` +
      (o.unchanged.length ? `，${o.unchanged.length} 个单元格已是该值` : '') +
      '。可用“撤销写回”恢复原值。',
    skipped: (cells: string) => `以下单元格在检查后改为了公式，未写入：${cells}。`,
    undo: '撤销写回',
    undoing: '正在撤销…',
    undone: (o: UndoOutcome) => `已撤销：${o.restored.length} 个单元格恢复为写回前的值或公式。`,
    changedSince: (cells: string) => `以下单元格在写回后被修改过，保持不变：${cells}。`,
    nothingToUndo: '没有可撤销的写回。',
    suggested: (n: number) =>
      `另有 ${n} 个指标的得分与计分规则不符。合计按表中现有得分相加，采用建议值后会随之改变：建议先在“检查结果”中对这些问题单击“采用建议值”，再写回合计。`,
    showFindings: '转到检查结果',
  },
  'en-US': {
    title: 'Write back totals',
    intro: 'These cells differ from what the rules give. Tick the cells to write; cells holding a formula start unticked and are overwritten only when ticked.',
    none: 'Subtotals, total, execution rate and score and grade all agree with the rules: nothing to write.',
    empty: '(empty)',
    item: (where: string, from: string, to: string, role: string) => `${where}: ${from} → ${to} (${role})`,
    formula: (f: string) => `holds the formula ${f}; ticking replaces it with the value`,
    apply: (n: number) => `Write back totals (${n})`,
    applying: 'Writing…',
    written: (o: WriteOutcome) =>
      `Wrote ${o.written.length} cell(s)` +
      (o.unchanged.length ? `; ${o.unchanged.length} already held the value` : '') +
      '. Use “Undo write-back” to restore them.',
    skipped: (cells: string) => `These cells became formulas after the check and were not written: ${cells}.`,
    undo: 'Undo write-back',
    undoing: 'Undoing…',
    undone: (o: UndoOutcome) => `Undone: ${o.restored.length} cell(s) restored to their values or formulas.`,
    changedSince: (cells: string) => `These cells were edited after the write-back and were left as they are: ${cells}.`,
    nothingToUndo: 'There is no write-back to undo.',
    suggested: (n: number) =>
      `${n === 1 ? 'One indicator score differs' : `${n} indicator scores differ`} from the scoring rules. ` +
      'The totals add up the scores as they stand and change when a suggested score is used: ' +
      'use “Use suggested score” on those findings under “Results” first, then write back the totals.',
    showFindings: 'Go to Results',
  },
} as const;

type Strings = (typeof STRINGS)['zh-CN'] | (typeof STRINGS)['en-US'];

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

const ROLE_EN: Record<PlannedWrite['role'], string> = {
  'level-score': 'subtotal',
  'level-weight': 'weight subtotal',
  'total-score': 'total',
  'total-weight': 'total weight',
  'execution-rate': 'execution rate',
  'execution-score': 'execution score',
  'funds-total-score': 'total on the funds row',
  grade: 'grade',
};

/** The engine labels cells in Chinese (“产出指标 小计得分”); in English the role says it. */
function roleLabel(p: PlannedWrite, locale: Locale): string {
  if (locale !== 'en-US') return p.label;
  const name = p.role === 'level-score' || p.role === 'level-weight' ? p.label.split(' ')[0] : '';
  return name ? `${name} ${ROLE_EN[p.role]}` : ROLE_EN[p.role];
}

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
  /** Show 检查结果, where the findings offer 采用建议值. */
  onShowFindings?(): void;
}

export function WriteBackPanel({ host, reports, busy: paneBusy = false, onChanged, onShowFindings }: WriteBackPanelProps) {
  const t: Strings = STRINGS[host.locale as Locale] ?? STRINGS['zh-CN'];
  const styles = useStyles();
  const noteId = useId();
  const preview = useMemo(() => host.previewWriteBack(reports), [host, reports]);
  const suggested = useMemo(() => cellsWithSuggestion(reports).length, [reports]);
  const manySheets = new Set(preview.map((p) => p.sheet)).size > 1;
  // The user's ticks; a cell not ticked or unticked by hand keeps the preview's default.
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const [running, setRunning] = useState<'apply' | 'undo' | null>(null);
  const [depth, setDepth] = useState(0);
  const [notice, setNotice] = useState<{ intent: Intent; lines: string[] } | null>(null);
  const busy = paneBusy || running !== null;

  useEffect(() => setOverrides({}), [preview]);
  const isTicked = (p: PlannedWrite) => overrides[keyOf(p)] ?? p.overwrite;
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

  const count = preview.filter(isTicked).length;

  async function run<T>(kind: 'apply' | 'undo', action: () => Promise<T>, report: (r: T) => { intent: Intent; lines: string[] }) {
    setRunning(kind);
    setNotice(null);
    try {
      const r = await action();
      setNotice(report(r));
      onChanged?.();
    } catch (e) {
      const during: PaneAction = kind === 'apply' ? 'write-back' : 'undo';
      setNotice({ intent: 'error', lines: [describeFailure(stringsFor(host.locale), e, during)] });
    } finally {
      setRunning(null);
    }
  }

  const apply = () =>
    run(
      'apply',
      () => host.applyWriteBack(preview.map((p): PlannedWrite => ({ ...p, overwrite: isTicked(p) }))),
      (o) => {
        setDepth(o.undoDepth);
        const lines = [t.written(o)];
        if (o.skipped.length) lines.push(t.skipped(cells(o.skipped, manySheets)));
        return { intent: o.skipped.length ? 'warning' : 'success', lines };
      },
    );

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
      {preview.length === 0 ? (
        <p className={styles.text}>{t.none}</p>
      ) : (
        <>
          <p className={mergeClasses(styles.text, styles.small)}>{t.intro}</p>
          <ul className={styles.list}>
            {preview.map((p, i) => {
              const k = keyOf(p);
              const where = manySheets ? k : p.cell;
              return (
                <li key={k}>
                  <PlainCheckbox
                    checked={isTicked(p)}
                    disabled={busy}
                    describedBy={p.formula ? `${noteId}-${i}` : undefined}
                    onChange={(on) => setOverrides((s) => ({ ...s, [k]: on }))}
                    label={t.item(where, p.displayOld ?? t.empty, p.display, roleLabel(p, host.locale))}
                  />
                  {p.formula && (
                    <p id={`${noteId}-${i}`} className={mergeClasses(styles.note, styles.small)}>
                      {t.formula(p.formula)}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className={styles.buttons}>
        <PlainButton appearance="primary" disabled={count === 0 || busy} onClick={apply}>
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
