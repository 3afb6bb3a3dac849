/**
 * The task pane. It gets everything through a Host (Excel, or a fake in tests) and checks as soon
 * as it opens: the ribbon's 检查得分 button opens it.
 */
import { FluentProvider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { FindingsList } from './components/FindingsList.js';
import { Notice } from './components/Notice.js';
import { Settings } from './components/Settings.js';
import { Summary } from './components/Summary.js';
import { Toolbar } from './components/Toolbar.js';
import { orderFindings } from './findings.js';
import { DEFAULT_SETTINGS, HostError, type CheckResult, type Host, type Settings as PaneSettings } from './host.js';
import { StringsContext, stringsFor, type Strings } from './i18n.js';
import { paneTheme } from './theme.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
});

export interface AppProps {
  host: Host;
}

function describe(problem: unknown, t: Strings): string {
  if (problem instanceof HostError) {
    const detail = problem.cause instanceof Error ? problem.cause.message : '';
    return detail ? `${t.errors[problem.code]}（${detail}）` : t.errors[problem.code];
  }
  return t.errors.unknown + (problem instanceof Error ? problem.message : String(problem));
}

export function App({ host }: AppProps) {
  const t = stringsFor(host.locale);
  const styles = useStyles();
  const theme = useMemo(() => paneTheme(host.theme), [host.theme]);

  const [settings, setSettings] = useState<PaneSettings>(DEFAULT_SETTINGS);
  const [busy, setBusy] = useState<'check' | 'clear' | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [current, setCurrent] = useState(-1);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const findings = useMemo(() => orderFindings(result?.reports.flatMap((r) => r.findings) ?? []), [result]);

  const runCheck = useCallback(
    async (s: PaneSettings) => {
      setBusy('check');
      setProblem(null);
      setNotice(null);
      try {
        const r = await host.check(s);
        setResult(r);
        setCurrent(-1);
        setNotice(stringsFor(host.locale).highlighted(r.highlighted));
      } catch (e) {
        setProblem(e);
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
      (e: unknown) => live && setProblem(e),
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
      setProblem(e);
      return;
    }
    await runCheck(next);
  };

  const go = (index: number) => {
    const f = findings[index];
    if (!f) return;
    setCurrent(index);
    host.select(f.sheet, f.cell).catch(setProblem);
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
      setProblem(e);
    } finally {
      setBusy(null);
    }
  };

  const formsFound = result?.reports.some((r) => r.forms.length > 0) ?? false;

  return (
    <StringsContext.Provider value={t}>
      <FluentProvider theme={theme} className={styles.root} lang={host.locale}>
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
        <Text size={200} aria-live="polite">
          {busy === 'check' ? t.checking : busy === 'clear' ? t.clearing : notice}
        </Text>
        {problem ? <Notice intent="error">{describe(problem, t)}</Notice> : null}
        {result?.warnings?.map((w) => (
          <Notice key={w} intent="warning">
            {t.warnings[w]}
          </Notice>
        ))}
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
          />
        ) : formsFound ? (
          <Text>{t.noFindings}</Text>
        ) : null}
      </FluentProvider>
    </StringsContext.Provider>
  );
}
