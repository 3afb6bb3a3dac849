/**
 * The task pane. It gets everything through a HostExtras (Excel, or a fake in tests) and checks as
 * soon as it opens: the ribbon's 检查得分 button opens it.
 *
 * Layout: the toolbar (检查得分, 清除标记, settings, 整个工作簿), one status line, then a segmented
 * switch between 检查结果 (summary and findings — per form in whole-workbook mode — with
 * 采用建议值, 忽略 / 已复核, 导出审核意见 and 导出审核汇总), 写回合计 (the preview of exactly the ticked cells,
 * written only if the sheet still is as checked) and 插入空白模板. Anything that writes to the sheet
 * is followed by a fresh check. Edits in the workbook mark the results out of date at once and
 * check again shortly after when they touch a form; switching sheets checks the new one when the
 * settings say so. The pane's own writes go through quietWrites (./quiet.ts), so the sheets it
 * opens itself are not taken for the user switching.
 */
import { FluentProvider, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Finding, Severity, SheetReport, Suggestion } from '../core/index.js';
import { PlainButton } from './components/Controls.js';
import { FindingsList, NAV_HEIGHT, type ListedGroup } from './components/FindingsList.js';
import { Notice } from './components/Notice.js';
import { Sections } from './components/Sections.js';
import { Settings } from './components/Settings.js';
import { Summary } from './components/Summary.js';
import { Toolbar } from './components/Toolbar.js';
import { orderFindings, SEVERITIES } from './findings.js';
import {
  DEFAULT_SETTINGS,
  reviewKey,
  type CheckResult,
  type HostChange,
  type HostExtras,
  type ReviewMark,
  type Settings as PaneSettings,
} from '../host/index.js';
import { StringsContext, describeFailure, stringsFor, type PaneAction } from './i18n.js';
import { formGroups, marksByKey, touchesForm } from './model.js';
import { TemplatePanel } from './TemplatePanel.js';
import { paneTheme } from './theme.js';
import { hushed, quietWrites, type Quiet } from './quiet.js';
import { WriteBackPanel } from './WriteBackPanel.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  // room for the 上一个/下一个 bar pinned to the bottom
  withNav: { paddingBottom: `${NAV_HEIGHT + 12}px` },
  status: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, minHeight: tokens.lineHeightBase200 },
  plain: { margin: 0 },
  stale: { opacity: 0.55 },
  results: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  small: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  // the browser's own link blue is unreadable on Office's dark background
  link: {
    color: tokens.colorBrandForegroundLink,
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`, borderRadius: tokens.borderRadiusSmall },
  },
});

/** How long after the last edit of a form cell the pane checks again. */
export const RECHECK_DELAY_MS = 800;

/** Settings that change what a check finds or highlights; the others need no new check. */
const checkChanged = (a: PaneSettings, b: PaneSettings) =>
  a.rules !== b.rules || a.wholeWorkbook !== b.wholeWorkbook || a.highlight.join() !== b.highlight.join();

export interface AppProps {
  host: HostExtras;
}

export type PaneSection = 'results' | 'write-back' | 'template';

/** A failure to show, and what the pane was doing when it happened. */
interface Problem {
  error: unknown;
  during: PaneAction;
}

type Busy = 'check' | 'clear' | 'adopt' | 'export' | 'review';

/** A review workbook the host could not open, offered as a download. */
interface ReviewDownload {
  url: string;
  fileName: string;
  text: string;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function App({ host: given }: AppProps) {
  // every write goes through `host`, so the listener can tell the pane's own sheet switches
  const quiet = useRef<Quiet>({ running: 0, until: 0 });
  const host = useMemo(() => quietWrites(given, quiet.current), [given]);
  const t = stringsFor(host.locale);
  const styles = useStyles();
  const theme = useMemo(() => paneTheme(host.theme), [host.theme]);

  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_SETTINGS);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState(-1);
  const [keyboard, setKeyboard] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [section, setSection] = useState<PaneSection>('results');
  const [stale, setStale] = useState(false);
  const [shown, setShown] = useState<ReadonlySet<Severity>>(new Set(SEVERITIES));
  const [marks, setMarks] = useState<ReviewMark[]>([]);
  const [exported, setExported] = useState<string | null>(null);
  const [download, setDownload] = useState<ReviewDownload | null>(null);
  // a replaced or abandoned download gives its memory back
  useEffect(() => (download ? () => URL.revokeObjectURL(download.url) : undefined), [download]);
  // the link appears below the buttons, often below the fold: bring it into view (above the pinned bar)
  const downloadRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (download) downloadRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [download]);

  const markMap = useMemo(() => marksByKey(marks), [marks]);
  const reports = result?.reports;
  const all = useMemo(() => reports?.flatMap((r) => r.findings) ?? [], [reports]);
  const forms = useMemo(() => reports?.flatMap((r) => r.forms) ?? [], [reports]);
  const perForm = settings.wholeWorkbook || forms.length > 1;
  const groups = useMemo(() => formGroups(reports ?? [], markMap), [reports, markMap]);
  // The navigation order is the listed order: per form, or the whole check as one list.
  const { findings, listed } = useMemo(() => {
    const out: Finding[] = [];
    const source = perForm ? groups : [{ key: 'all', sheet: '', form: null, verdict: null, findings: orderFindings(all) }];
    const listed: ListedGroup[] = source.map((group) => ({
      group,
      items: group.findings.filter((f) => shown.has(f.severity)).map((finding) => ({ finding, index: out.push(finding) - 1 })),
    }));
    return { findings: out, listed };
  }, [groups, perForm, all, shown]);
  const writes = useMemo(() => (reports ? host.previewWriteBack(reports).length : 0), [host, reports]);

  // Edits that came after the check that is showing, and the check running now.
  const lastEdit = useRef(0);
  const checkStarted = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Sheets 核分 wrote itself (导出审核意见): Excel reports edits of them like the user's (below
  // ExcelApi 1.14), but they hold no form and change no result.
  const ownSheets = useRef(new Set<string>());

  /** Check with `s`; `before` is put in front of the check's own notice (what led to the check). */
  const runCheck = useCallback(
    async (s: PaneSettings, before?: string) => {
      setBusy('check');
      setProblem(null);
      setNotice(before ?? null);
      checkStarted.current = Date.now();
      const started = checkStarted.current;
      try {
        const r = await host.check(s);
        setResult(r);
        setCurrent(-1);
        if (lastEdit.current < started) setStale(false);
        const highlighted = stringsFor(host.locale).highlighted(r.highlighted);
        setNotice(before ? `${before} ${highlighted}` : highlighted);
      } catch (e) {
        setProblem({ error: e, during: 'check' });
      } finally {
        setBusy(null);
      }
    },
    [host],
  );

  // Opening the pane checks at once, with the settings and review marks this workbook remembers.
  useEffect(() => {
    let live = true;
    host.loadReviewMarks().then(
      (m) => live && setMarks(m),
      () => undefined,
    );
    host.loadSettings().then(
      (s) => {
        if (!live) return;
        setSettings(s);
        return runCheck(s);
      },
      (e: unknown) => live && setProblem({ error: e, during: 'check' }),
    );
    return () => {
      live = false;
    };
  }, [host, runCheck]);

  // Live results: the latest values the listener needs, without resubscribing on every render.
  const latest = useRef({ settings, reports });
  latest.current = { settings, reports };
  useEffect(() => {
    if (!host.onChange) return;
    const schedule = () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        // an edit the running or last check already saw needs no other check
        if (lastEdit.current < checkStarted.current) return;
        void runCheck(latest.current.settings);
      }, RECHECK_DELAY_MS);
    };
    const stop = host.onChange((change: HostChange) => {
      const { settings: s, reports: r = [] } = latest.current;
      if (ownSheets.current.has(change.sheet) || (change.kind === 'activate' && hushed(quiet.current))) return;
      if (change.kind === 'edit') {
        lastEdit.current = Date.now();
        const checked = r.some((x) => x.sheet === change.sheet);
        if (!checked && !s.wholeWorkbook) return;
        setStale(true);
        if (!checked || touchesForm(r, change.sheet, change.address)) schedule();
      } else if (!s.wholeWorkbook && !(r.length === 1 && r[0].sheet === change.sheet)) {
        lastEdit.current = Date.now();
        setStale(true);
        if (s.recheckOnActivate) schedule();
      }
    });
    return () => {
      stop();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [host, runCheck]);

  const changeSettings = async (next: PaneSettings) => {
    const before = settings;
    setSettings(next);
    try {
      await host.saveSettings(next);
    } catch (e) {
      setProblem({ error: e, during: 'settings' });
      return;
    }
    if (checkChanged(before, next)) await runCheck(next);
  };

  const go = (index: number, byKeyboard = false) => {
    const f = findings[index];
    if (!f) return;
    setCurrent(index);
    setKeyboard(byKeyboard);
    host.select(f.sheet, f.cell).catch((e: unknown) => setProblem({ error: e, during: 'select' }));
  };
  const n = findings.length;
  const prev = (k?: boolean) => n && go(current <= 0 ? n - 1 : current - 1, k);
  const next = (k?: boolean) => n && go(current < 0 || current >= n - 1 ? 0 : current + 1, k);

  const clear = async () => {
    setBusy('clear');
    setProblem(null);
    setNotice(null);
    try {
      setNotice(t.cleared(await host.clearHighlights()));
      setResult((r) => r && { ...r, highlighted: 0 });
    } catch (e) {
      setProblem({ error: e, during: 'clear' });
    } finally {
      setBusy(null);
    }
  };

  /** 采用建议值: write the rules' score into the finding's cell, then check again. */
  const adopt = async (f: Finding, s: Suggestion) => {
    setBusy('adopt');
    setProblem(null);
    setNotice(null);
    let done: string;
    try {
      const o = await host.applySuggestion(f);
      if (o.status === 'stale') {
        setBusy(null);
        if (o.reports) setResult((r) => r && { ...r, reports: o.reports! });
        setNotice(t.writeBack.stale);
        return;
      }
      const where = (result?.reports.length ?? 0) > 1 ? `${f.sheet}!${f.cell}` : f.cell;
      done = o.skipped.length ? t.adoptSkipped(where) : t.adopted(where, s.value);
    } catch (e) {
      setProblem({ error: e, during: 'adopt' });
      setBusy(null);
      return;
    }
    await runCheck(settings, done);
  };

  /** 忽略 / 已复核 (status) or take the mark off (null); saved in the workbook at once. */
  const mark = async (f: Finding, status: ReviewMark['status'] | null, note?: string) => {
    const key = reviewKey(f);
    const next = marks.filter((m) => m.key !== key);
    if (status) next.push({ key, status, ...(note ? { note } : {}), at: new Date().toISOString() });
    const before = marks;
    setMarks(next);
    try {
      await host.saveReviewMarks(next);
    } catch (e) {
      setMarks(before);
      setProblem({ error: e, during: 'marks' });
    }
  };

  const exportNotes = async () => {
    if (!result) return;
    setBusy('export');
    setProblem(null);
    setNotice(null);
    try {
      const { sheet } = await host.exportFindings(result.reports, marks);
      ownSheets.current.add(sheet);
      setExported(sheet);
      setNotice(t.exported(sheet));
    } catch (e) {
      setProblem({ error: e, during: 'export' });
    } finally {
      setBusy(null);
    }
  };

  /** 导出审核汇总: the review workbook of every sheet, opened by Excel or offered as a file. */
  const exportReview = async () => {
    if (!host.exportReviewWorkbook) return;
    setBusy('review');
    setProblem(null);
    setNotice(null);
    setDownload(null);
    try {
      const r = await host.exportReviewWorkbook(settings, marks);
      if (r.delivery === 'opened') {
        setNotice(t.reviewOpened(r.forms, r.marked));
      } else {
        const url = URL.createObjectURL(new Blob([r.bytes as BlobPart], { type: XLSX_TYPE }));
        setDownload({ url, fileName: r.fileName, text: t.reviewAsFile(r.reason, r.forms, r.marked) });
      }
    } catch (e) {
      setProblem({ error: e, during: 'review' });
    } finally {
      setBusy(null);
    }
  };

  const removeExport = async () => {
    setBusy('export');
    setProblem(null);
    try {
      const removed = await host.removeExport();
      setExported(null);
      setNotice(t.removedExport(removed));
    } catch (e) {
      setProblem({ error: e, during: 'export' });
    } finally {
      setBusy(null);
    }
  };

  /** A stale write-back: the host checked again; show its reports as the pane's. */
  const replaceReports = (r: readonly SheetReport[]) => {
    setResult((old) => ({ highlighted: old?.highlighted ?? 0, sheetsWithoutForm: r.filter((x) => x.forms.length === 0).map((x) => x.sheet), ...(old?.warnings ? { warnings: old.warnings } : {}), reports: [...r] }));
    setCurrent(-1);
    setStale(false);
  };

  const counted = all.filter((f) => !markMap.has(reviewKey(f)));
  const marked = all.length - counted.length;
  const formsFound = forms.length > 0;
  const worst = counted.some((f) => f.severity === 'error') ? 'error' : counted.some((f) => f.severity === 'warning') ? 'warning' : undefined;
  const status =
    busy === 'check'
      ? stale
        ? t.staleRechecking
        : t.checking
      : busy === 'clear'
        ? t.clearing
        : busy === 'adopt'
          ? t.adopting
          : busy === 'export'
            ? t.exporting
            : busy === 'review'
              ? t.exportingReview
              : notice;

  const summaryOf = (form: (typeof forms)[number]) => (
    <Summary key={`${form.sheet}!${form.range}`} form={form} findings={reports?.find((r) => r.sheet === form.sheet)?.findings ?? []} />
  );

  const results = (
    <div className={styles.results}>
      {stale ? (
        <Notice intent="warning">
          <div className={styles.row}>
            <span>{t.stale}</span>
            <PlainButton size="small" disabled={busy !== null} onClick={() => void runCheck(settings)}>
              {t.recheck}
            </PlainButton>
          </div>
        </Notice>
      ) : null}
      <div className={stale ? styles.stale : undefined} aria-busy={stale || undefined}>
        <div className={styles.results}>
          {perForm
            ? null
            : result?.reports.map((r) =>
                r.forms.length === 0 ? (
                  <Notice key={r.sheet} intent="info">
                    {t.noForm(r.sheet)}
                  </Notice>
                ) : (
                  r.forms.map(summaryOf)
                ),
              )}
          {all.length > 0 || (perForm && groups.length > 0) ? (
            <FindingsList
              findings={findings}
              all={all}
              groups={listed}
              perForm={perForm}
              forms={forms}
              summary={summaryOf}
              current={current}
              keyboard={keyboard}
              showSheet={(result?.reports.length ?? 0) > 1}
              shown={shown}
              onShown={setShown}
              marks={markMap}
              onMark={(f, s, note) => void mark(f, s, note)}
              onSelect={go}
              onPrev={prev}
              onNext={next}
              onAdopt={(f, s) => void adopt(f, s)}
              busy={busy !== null}
            />
          ) : formsFound ? (
            <p className={styles.plain}>{t.noFindings}</p>
          ) : null}
          {marked > 0 ? <p className={styles.small}>{t.markedCount(marked)}</p> : null}
          {formsFound || (result && host.exportReviewWorkbook) ? (
            <div className={styles.row}>
              {formsFound ? (
                <PlainButton disabled={busy !== null} onClick={() => void exportNotes()}>
                  {t.exportFindings}
                </PlainButton>
              ) : null}
              {host.exportReviewWorkbook ? (
                <PlainButton disabled={busy !== null} onClick={() => void exportReview()}>
                  {t.exportReview}
                </PlainButton>
              ) : null}
              {exported ? (
                <PlainButton appearance="subtle" disabled={busy !== null} onClick={() => void removeExport()}>
                  {t.removeExport}
                </PlainButton>
              ) : null}
            </div>
          ) : null}
          {download ? (
            <div ref={downloadRef}>
              <Notice intent="info">
                {download.text}{' '}
                <a className={styles.link} href={download.url} download={download.fileName}>
                  {t.reviewDownload(download.fileName)}
                </a>
              </Notice>
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );

  return (
    <StringsContext.Provider value={t}>
      {/* color-scheme: native parts (select lists, scroll bars) follow Office's theme too */}
      <FluentProvider theme={theme} className={mergeClasses(styles.root, section === 'results' && all.length > 0 && styles.withNav)} lang={host.locale} style={{ colorScheme: host.theme === 'dark' ? 'dark' : 'light' }}>
        <Toolbar
          busy={busy !== null}
          wholeWorkbook={settings.wholeWorkbook}
          settingsOpen={settingsOpen}
          onCheck={() => void runCheck(settings)}
          onClear={() => void clear()}
          onWholeWorkbook={(on) => void changeSettings({ ...settings, wholeWorkbook: on })}
          onToggleSettings={() => setSettingsOpen((o) => !o)}
        />
        {settingsOpen ? (
          <Settings settings={settings} live={!!host.onChange} disabled={busy !== null} onChange={(s) => void changeSettings(s)} />
        ) : null}
        <div className={styles.status} aria-live="polite">
          {status}
        </div>
        {problem ? <Notice intent="error">{describeFailure(t, problem.error, problem.during)}</Notice> : null}
        {result?.warnings?.map((w) => (
          <Notice key={w} intent="warning">
            {t.warnings[w]}
          </Notice>
        ))}
        <Sections<PaneSection>
          label={t.sections}
          current={section}
          onChange={setSection}
          sections={[
            {
              key: 'results',
              label: t.sectionResults,
              count: counted.length,
              tone: worst,
              countLabel: t.withCount(t.sectionResults, counted.length),
              content: results,
            },
            {
              key: 'write-back',
              label: t.sectionWriteBack,
              count: writes,
              countLabel: t.withCount(t.sectionWriteBack, writes),
              content: result ? (
                <WriteBackPanel
                  host={host}
                  reports={result.reports}
                  busy={busy !== null}
                  onChanged={() => void runCheck(settings)}
                  onReports={replaceReports}
                  onShowFindings={() => setSection('results')}
                />
              ) : (
                <p className={styles.plain}>{t.checkFirst}</p>
              ),
            },
            {
              key: 'template',
              label: t.sectionTemplate,
              content: <TemplatePanel host={host} rules={settings.rules} busy={busy !== null} />,
            },
          ]}
        />
      </FluentProvider>
    </StringsContext.Provider>
  );
}
