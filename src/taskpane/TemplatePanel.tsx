/**
 * 插入空白模板: choose the form (project, national layout; or department, seed 004 framework), the
 * number of blank rows per level-2 group and optionally the year; the template follows the rule
 * pack in use and goes into a new sheet. Native radios and inputs (components/Controls.tsx), the
 * tab above names the panel.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import {
  DEFAULT_TEMPLATE_ROWS,
  MAX_TEMPLATE_ROWS,
  RULE_PACKS,
  type RulePackName,
  type TemplateKind,
} from '../core/index.js';
import { PlainButton, PlainRadioGroup, TextField } from './components/Controls.js';
import { Notice } from './components/Notice.js';
import type { HostExtras, InsertedTemplate } from '../host/index.js';
import { describeFailure, stringsFor } from './i18n.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  narrow: { width: '8em' },
  rules: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
});

export interface TemplatePanelProps {
  host: HostExtras;
  /** The rule pack the template follows (the pane's current setting). */
  rules: RulePackName;
  /** The pane is doing something else: 插入 waits. */
  busy?: boolean;
  onInserted?(result: InsertedTemplate): void;
}

function parseRows(s: string): number | null {
  if (!/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return n >= 1 && n <= MAX_TEMPLATE_ROWS ? n : null;
}

function parseYear(s: string): number | null | undefined {
  if (s.trim() === '') return null;
  return /^\d{4}$/.test(s.trim()) ? Number(s) : undefined;
}

export function TemplatePanel({ host, rules, busy: paneBusy = false, onInserted }: TemplatePanelProps) {
  const t = stringsFor(host.locale).template;
  const styles = useStyles();
  const [kind, setKind] = useState<TemplateKind>('project');
  const [rowsText, setRowsText] = useState(String(DEFAULT_TEMPLATE_ROWS));
  const [yearText, setYearText] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<InsertedTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);

  const rows = parseRows(rowsText);
  const year = parseYear(yearText);
  const valid = (kind === 'department' || rows !== null) && year !== undefined;
  const pack = RULE_PACKS[rules];

  async function insert() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await host.insertTemplate({
        kind,
        rules,
        ...(kind === 'project' ? { rows: rows as number } : {}),
        ...(year ? { year } : {}),
        locale: host.locale,
      });
      setResult(r);
      onInserted?.(r);
    } catch (e) {
      setError(describeFailure(stringsFor(host.locale), e, 'template'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={t.title}>
      <PlainRadioGroup<TemplateKind>
        legend={t.kind}
        value={kind}
        options={[
          { value: 'project', label: t.project },
          { value: 'department', label: t.department },
        ]}
        onChange={setKind}
      />
      {kind === 'project' && (
        <TextField
          label={t.rows}
          className={styles.narrow}
          type="number"
          min={1}
          max={MAX_TEMPLATE_ROWS}
          value={rowsText}
          onChange={setRowsText}
          error={rows === null ? t.rowsInvalid : null}
          hint={t.rowsHint}
        />
      )}
      <TextField
        label={t.year}
        className={styles.narrow}
        inputMode="numeric"
        value={yearText}
        onChange={setYearText}
        error={year === undefined ? t.yearInvalid : null}
      />
      <p className={styles.rules}>{t.rules(host.locale === 'en-US' ? pack.titleEn : pack.title)}</p>
      <div>
        <PlainButton appearance="primary" disabled={!valid || busy || paneBusy} onClick={insert}>
          {busy ? t.inserting : t.insert}
        </PlainButton>
      </div>
      {result && (
        <Notice intent={result.warnings.length ? 'warning' : 'success'}>
          {t.inserted(result)}
          {result.warnings.map((w) => (
            <div key={w}>{t.warnings[w]}</div>
          ))}
        </Notice>
      )}
      {error && <Notice intent="error">{error}</Notice>}
    </section>
  );
}
