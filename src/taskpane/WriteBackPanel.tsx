/**
 * 写回合计: the preview of every aggregate cell a write-back would change (`cell: old → new`), each
 * with a checkbox — formula cells listed but unticked — then one click to write, and 撤销写回 to put
 * everything back. 采用建议值 writes the rules' score for a finding into its score cell.
 * After any write the pane should check again (`onChanged`), which refreshes the preview.
 */
import {
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { Finding, SheetReport } from '../core/report.js';
import { suggestionFor, type PlannedWrite, type Suggestion } from '../core/writeback-plan.js';
import type { HostExtras, UndoOutcome, WriteOutcome } from './host-extras.js';
import type { Locale } from './host.js';

const STRINGS = {
  'zh-CN': {
    title: '写回合计',
    intro: '以下单元格的填报值与按规则重算的结果不一致。勾选要写回的单元格；含公式的单元格默认不勾选，勾选后才会覆盖公式。',
    none: '小计、总分、执行率及其得分、评价等级均与规则一致，无需写回。',
    empty: '（空）',
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
    suggestions: '建议值',
    suggestionsIntro: '按计分规则，下列指标的得分应调整为建议值：',
    adopt: '采用建议值',
    adopted: (cell: string, value: number) => `已采用建议值：${cell} = ${value}。重新检查后可再次写回合计。`,
    failed: '操作失败：',
  },
  'en-US': {
    title: 'Write back totals',
    intro: 'These cells differ from what the rules give. Tick the cells to write; cells holding a formula start unticked and are overwritten only when ticked.',
    none: 'Subtotals, total, execution rate and score and grade all agree with the rules: nothing to write.',
    empty: '(empty)',
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
    suggestions: 'Suggested scores',
    suggestionsIntro: 'By the scoring rules these indicators should have the suggested score:',
    adopt: 'Use suggested score',
    adopted: (cell: string, value: number) => `Used the suggested score: ${cell} = ${value}. Check again to write the totals.`,
    failed: 'Failed: ',
  },
} as const;

type Strings = (typeof STRINGS)['zh-CN'] | (typeof STRINGS)['en-US'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  note: { color: tokens.colorNeutralForeground3, marginLeft: '32px' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  suggestion: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, justifyContent: 'space-between' },
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

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export interface WriteBackPanelProps {
  host: HostExtras;
  /** The last check's reports. */
  reports: readonly SheetReport[];
  /** Called after anything was written or undone: the pane should check again. */
  onChanged?(): void;
}

export function WriteBackPanel({ host, reports, onChanged }: WriteBackPanelProps) {
  const t: Strings = STRINGS[host.locale as Locale] ?? STRINGS['zh-CN'];
  const styles = useStyles();
  const preview = useMemo(() => host.previewWriteBack(reports), [host, reports]);
  const manySheets = new Set(preview.map((p) => p.sheet)).size > 1;
  // The user's ticks; a cell not ticked or unticked by hand keeps the preview's default.
  const [overrides, setOverrides] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState<'apply' | 'undo' | 'adopt' | null>(null);
  const [depth, setDepth] = useState(0);
  const [notice, setNotice] = useState<{ intent: 'success' | 'warning' | 'error'; lines: string[] } | null>(null);

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

  const suggestions = useMemo(() => {
    // A score that is itself an aggregate (the execution score) is written back with the totals.
    const aggregates = new Set(reports.flatMap((r) => r.forms.flatMap((form) => form.aggregates.map((a) => `${r.sheet}!${a.cell}`))));
    return reports
      .flatMap((r) => r.findings)
      .filter((f) => !aggregates.has(keyOf(f)))
      .map((f) => ({ f, s: suggestionFor(f) }))
      .filter((x): x is { f: Finding; s: Suggestion } => x.s !== null);
  }, [reports]);
  const count = preview.filter(isTicked).length;

  async function run<T>(kind: 'apply' | 'undo' | 'adopt', action: () => Promise<T>, report: (r: T) => { intent: 'success' | 'warning'; lines: string[] }) {
    setBusy(kind);
    setNotice(null);
    try {
      const r = await action();
      setNotice(report(r));
      onChanged?.();
    } catch (e) {
      setNotice({ intent: 'error', lines: [t.failed + messageOf(e)] });
    } finally {
      setBusy(null);
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

  const adopt = (f: Finding, value: number) =>
    run('adopt', () => host.applySuggestion(f), (o) => {
      setDepth(o.undoDepth);
      const lines = [t.adopted(f.cell, value)];
      if (o.skipped.length) lines.push(t.skipped(cells(o.skipped, manySheets)));
      return { intent: o.skipped.length ? 'warning' : 'success', lines };
    });

  return (
    <section className={styles.root} aria-label={t.title}>
      <Text as="h2" weight="semibold">
        {t.title}
      </Text>
      {preview.length === 0 ? (
        <Text>{t.none}</Text>
      ) : (
        <>
          <Text size={200}>{t.intro}</Text>
          <ul className={styles.list}>
            {preview.map((p) => {
              const k = keyOf(p);
              const where = manySheets ? k : p.cell;
              return (
                <li key={k}>
                  <Checkbox
                    checked={isTicked(p)}
                    disabled={busy !== null}
                    onChange={(_, d) => setOverrides((s) => ({ ...s, [k]: d.checked === true }))}
                    label={`${where}: ${p.displayOld ?? t.empty} → ${p.display}（${roleLabel(p, host.locale)}）`}
                  />
                  {p.formula && (
                    <Text as="p" size={200} className={styles.note}>
                      {t.formula(p.formula)}
                    </Text>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={count === 0 || busy !== null} onClick={apply}>
          {busy === 'apply' ? t.applying : t.apply(count)}
        </Button>
        <Button disabled={depth === 0 || busy !== null} onClick={undo}>
          {busy === 'undo' ? t.undoing : t.undo}
        </Button>
      </div>
      {notice && (
        <MessageBar intent={notice.intent}>
          <MessageBarBody>
            {notice.lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {suggestions.length > 0 && (
        <>
          <Text as="h3" weight="semibold">
            {t.suggestions}
          </Text>
          <Text size={200}>{t.suggestionsIntro}</Text>
          <ul className={styles.list}>
            {suggestions.map(({ f, s }) => (
              <li key={`${f.sheet}!${f.cell}!${f.code}`} className={styles.suggestion}>
                <Text>{`${f.path.at(-1) ?? f.cell} ${manySheets ? keyOf(f) : f.cell}: ${f.declared ?? t.empty} → ${s.value}`}</Text>
                <Button size="small" disabled={busy !== null} onClick={() => adopt(f, s.value)}>
                  {t.adopt}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
