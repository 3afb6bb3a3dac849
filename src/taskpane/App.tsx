/**
 * The task pane. It gets everything through a HostExtras (Excel, or a fake in tests) and checks as
 * soon as it opens: the ribbon's 检查得分 button opens it.
 *
 * Layout: the toolbar (检查得分, 清除标记, settings, 整个工作簿), one status line, then a segmented
 * switch between 检查结果 (summary and findings, with 采用建议值 on score findings — the one place
 * a suggested score is offered), 写回合计 (the totals preview from the last check's reports, write
 * and undo) and 插入空白模板. Anything that writes to the sheet is followed by a fresh check, so
 * findings, highlights and the preview match the sheet; while the pane is busy nothing else writes.
 */
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Finding, Suggestion } from '../core/index.js';
import { FindingsList } from './components/FindingsList.js';
import { Notice } from './components/Notice.js';
import { Sections } from './components/Sections.js';
import { Settings } from './components/Settings.js';
import { Summary } from './components/Summary.js';
import { Toolbar } from './components/Toolbar.js';
import { orderFindings } from './findings.js';
import { DEFAULT_SETTINGS, type CheckResult, type HostExtras, type Settings as PaneSettings } from '../host/index.js';
import { StringsContext, describeFailure, stringsFor, type PaneAction } from './i18n.js';
import { TemplatePanel } from './TemplatePanel.js';
import { paneTheme } from './theme.js';
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
  status: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, minHeight: tokens.lineHeightBase200 },
  plain: { margin: 0 },
});

export interface AppProps {
  host: HostExtras;
}

export type PaneSection = 'results' | 'write-back' | 'template';

/** A failure to show, and what the pane was doing when it happened. */
interface Problem {
  error: unknown;
  during: PaneAction;
}

type Busy = 'check' | 'clear' | 'adopt';

export function App({ host }: AppProps) {
  const t = stringsFor(host.locale);
  const styles = useStyles();
  const theme = useMemo(() => paneTheme(host.theme), [host.theme]);

  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_SETTINGS);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState(-1);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [section, setSection] = useState<PaneSection>('results');

  const findings = useMemo(() => orderFindings(result?.reports.flatMap((r) => r.findings) ?? []), [result]);
  const reports = result?.reports;
  const writes = useMemo(() => (reports ? host.previewWriteBack(reports).length : 0), [host, reports]);

  /** Check with `s`; `before` is put in front of the check's own notice (what led to the check). */
  const runCheck = useCallback(
    async (s: PaneSettings, before?: string) => {
      setBusy('check');
      setProblem(null);
      setNotice(before ?? null);
      try {
        const r = await host.check(s);
        setResult(r);
        setCurrent(-1);
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

  // Opening the pane checks at once, with the settings this workbook remembers.
  useEffect(() => {
    let live = true;
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

  const changeSettings = async (next: PaneSettings) => {
    setSettings(next);
    try {
      await host.saveSettings(next);
    } catch (e) {
      setProblem({ error: e, during: 'settings' });
      return;
    }
    await runCheck(next);
  };

  const go = (index: number) => {
    const f = findings[index];
    if (!f) return;
    setCurrent(index);
    host.select(f.sheet, f.cell).catch((e: unknown) => setProblem({ error: e, during: 'select' }));
  };
  const n = findings.length;
  const prev = () => n && go(current <= 0 ? n - 1 : current - 1);
  const next = () => n && go(current < 0 || current >= n - 1 ? 0 : current + 1);

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
      const where = (result?.reports.length ?? 0) > 1 ? `${f.sheet}!${f.cell}` : f.cell;
      done = o.skipped.length ? t.adoptSkipped(where) : t.adopted(where, s.value);
    } catch (e) {
      setProblem({ error: e, during: 'adopt' });
      setBusy(null);
      return;
    }
    await runCheck(settings, done);
  };

  const formsFound = result?.reports.some((r) => r.forms.length > 0) ?? false;
  const worst = findings.some((f) => f.severity === 'error') ? 'error' : findings.some((f) => f.severity === 'warning') ? 'warning' : undefined;
  const status = busy === 'check' ? t.checking : busy === 'clear' ? t.clearing : busy === 'adopt' ? t.adopting : notice;

  const results = (
    <>
      {result?.reports.map((r) =>
        r.forms.length === 0 ? (
          <Notice key={r.sheet} intent="info">
            {t.noForm(r.sheet)}
          </Notice>
        ) : (
          r.forms.map((form) => <Summary key={`${r.sheet}!${form.range}`} form={form} findings={r.findings} />)
        ),
      )}
      {n > 0 ? (
        <FindingsList
          findings={findings}
          current={current}
          showSheet={(result?.reports.length ?? 0) > 1}
          onSelect={go}
          onPrev={prev}
          onNext={next}
          onAdopt={(f, s) => void adopt(f, s)}
          busy={busy !== null}
        />
      ) : formsFound ? (
        <p className={styles.plain}>{t.noFindings}</p>
      ) : null}
    </>
  );

  return (
    <StringsContext.Provider value={t}>
      {/* color-scheme: native parts (select lists, scroll bars) follow Office's theme too */}
      <FluentProvider theme={theme} className={styles.root} lang={host.locale} style={{ colorScheme: host.theme === 'dark' ? 'dark' : 'light' }}>
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
          <Settings settings={settings} disabled={busy !== null} onChange={(s) => void changeSettings(s)} />
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
              count: n,
              tone: worst,
              countLabel: t.withCount(t.sectionResults, n),
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
