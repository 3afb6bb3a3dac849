/**
 * 插入空白模板: choose the form (project, national layout; or department, seed 004 framework), the
 * number of blank rows per level-2 group and optionally the year; the template follows the rule
 * pack in use and goes into a new sheet.
 */
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { DEFAULT_TEMPLATE_ROWS, MAX_TEMPLATE_ROWS, type TemplateKind } from '../core/template.js';
import { RULE_PACKS, type RulePackName } from '../core/rules/packs.js';
import type { HostExtras, InsertedTemplate, TemplateWarning } from './host-extras.js';
import { HostError, type Locale } from './host.js';

const STRINGS = {
  'zh-CN': {
    title: '插入空白模板',
    kind: '表格类型',
    project: '项目支出绩效自评表（全国通用格式）',
    department: '部门整体支出绩效自评表（共性指标框架）',
    rows: '每个二级指标的空白行数',
    rowsHint: `1 到 ${MAX_TEMPLATE_ROWS} 行；空白行预置平均分配的分值（产出、效益、满意度按规则包），可按需调整。`,
    rowsInvalid: `请输入 1 到 ${MAX_TEMPLATE_ROWS} 之间的整数。`,
    year: '年度（可留空）',
    yearInvalid: '请输入四位年份，或留空。',
    rules: (title: string) => `规则包：${title}`,
    insert: '插入空白模板',
    inserting: '正在插入…',
    inserted: (r: InsertedTemplate) => `已插入新工作表“${r.sheet}”（${r.range}），原有工作表未改动。`,
    warnings: {
      'validation-unavailable': '此版本的 Excel 不支持数据验证，得分单元格未设置取值范围。',
      'page-layout-unavailable': '此版本的 Excel 不支持页面设置，请手动设为 A4 纵向、调整为一页宽。',
    } satisfies Record<TemplateWarning, string>,
    failed: '插入模板失败：',
  },
  'en-US': {
    title: 'Insert a blank template',
    kind: 'Form',
    project: 'Project self-evaluation form (national layout)',
    department: 'Department self-evaluation form (common framework)',
    rows: 'Blank rows per level-2 indicator',
    rowsHint: `1 to ${MAX_TEMPLATE_ROWS} rows; blank rows get placeholder weights (output, benefit, satisfaction per the rule pack) to adjust.`,
    rowsInvalid: `Enter a whole number from 1 to ${MAX_TEMPLATE_ROWS}.`,
    year: 'Year (optional)',
    yearInvalid: 'Enter a four-digit year, or leave it empty.',
    rules: (title: string) => `Rule pack: ${title}`,
    insert: 'Insert blank template',
    inserting: 'Inserting…',
    inserted: (r: InsertedTemplate) => `Inserted the new sheet “${r.sheet}” (${r.range}); existing sheets are unchanged.`,
    warnings: {
      'validation-unavailable': 'This Excel has no data validation: score cells have no allowed range.',
      'page-layout-unavailable': 'This Excel has no page setup: set A4 portrait, fit to one page wide by hand.',
    } satisfies Record<TemplateWarning, string>,
    failed: 'Could not insert the template: ',
  },
} as const;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  small: { maxWidth: '10em' },
});

export interface TemplatePanelProps {
  host: HostExtras;
  /** The rule pack the template follows (the pane's current setting). */
  rules: RulePackName;
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

export function TemplatePanel({ host, rules, onInserted }: TemplatePanelProps) {
  const t = STRINGS[host.locale as Locale] ?? STRINGS['zh-CN'];
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
      setError(t.failed + (e instanceof HostError || e instanceof Error ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.root} aria-label={t.title}>
      <Text as="h2" weight="semibold">
        {t.title}
      </Text>
      <Field label={t.kind}>
        <RadioGroup value={kind} onChange={(_, d) => setKind(d.value as TemplateKind)}>
          <Radio value="project" label={t.project} />
          <Radio value="department" label={t.department} />
        </RadioGroup>
      </Field>
      <div className={styles.row}>
        {kind === 'project' && (
          <Field
            label={t.rows}
            hint={rows === null ? undefined : t.rowsHint}
            validationState={rows === null ? 'error' : 'none'}
            validationMessage={rows === null ? t.rowsInvalid : undefined}
          >
            <Input className={styles.small} type="number" min={1} max={MAX_TEMPLATE_ROWS} value={rowsText} onChange={(_, d) => setRowsText(d.value)} />
          </Field>
        )}
        <Field
          label={t.year}
          validationState={year === undefined ? 'error' : 'none'}
          validationMessage={year === undefined ? t.yearInvalid : undefined}
        >
          <Input className={styles.small} inputMode="numeric" value={yearText} onChange={(_, d) => setYearText(d.value)} />
        </Field>
      </div>
      <Text size={200}>{t.rules(host.locale === 'en-US' ? pack.titleEn : pack.title)}</Text>
      <div>
        <Button appearance="primary" disabled={!valid || busy} onClick={insert}>
          {busy ? t.inserting : t.insert}
        </Button>
      </div>
      {result && (
        <MessageBar intent={result.warnings.length ? 'warning' : 'success'}>
          <MessageBarBody>
            {t.inserted(result)}
            {result.warnings.map((w) => (
              <div key={w}>{t.warnings[w]}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
