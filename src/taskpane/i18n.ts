/**
 * Every string the pane shows, in Simplified Chinese and in English (Excel in English).
 * Finding explanations come from the core (Finding.message / messageEn); failures of the host are
 * put into words by describeFailure() below.
 */
import { createContext, useContext } from 'react';
import type { Finding, FindingCode, FormKind, Severity } from '../core/report.js';
import { HostError, type HostErrorCode, type HostWarning, type Locale } from '../host/index.js';

/** What the pane was doing when something failed. */
export type PaneAction = 'check' | 'clear' | 'select' | 'settings' | 'adopt' | 'write-back' | 'undo' | 'template';

export interface Strings {
  locale: Locale;
  appName: string;
  check: string;
  checking: string;
  clearing: string;
  wholeWorkbook: string;
  clear: string;
  settings: string;
  rulePack: string;
  highlightIn: string;
  settingsRemembered: string;
  severity: Record<Severity, string>;
  formKind: Record<FormKind, string>;
  total: string;
  declared: string;
  summed: string;
  recomputed: string;
  computed: string;
  executionRate: string;
  executionScore: string;
  weight: string;
  grade: string;
  weightTotal: string;
  rules: string;
  empty: string;
  noForm(sheet: string): string;
  noFindings: string;
  findings(n: number): string;
  prev: string;
  next: string;
  position(i: number, n: number): string;
  highlighted(n: number): string;
  cleared(n: number): string;
  codes: Record<FindingCode, string>;
  /** “Could not …: ”, by what the pane was doing; the reason follows. */
  failed: Record<PaneAction, string>;
  /** The reason, by HostError.code. */
  errors: Record<HostErrorCode, string>;
  /** Whole messages where an action gives a code a more precise meaning than failed + errors. */
  errorsDuring: Partial<Record<PaneAction, Partial<Record<HostErrorCode, string>>>>;
  /** Excel's own words about a failure, after the message. */
  detail(excel: string): string;
  warnings: Record<HostWarning, string>;
  message(f: Finding): string;
  /** The three parts below the toolbar. */
  sections: string;
  sectionResults: string;
  sectionWriteBack: string;
  sectionTemplate: string;
  /** A tab's accessible name while it shows a count. */
  withCount(label: string, n: number): string;
  /** 写回合计 before any check has run. */
  checkFirst: string;
  /** 采用建议值 on a finding. */
  adopt: string;
  adoptLabel(cell: string, value: number): string;
  adopting: string;
  adopted(cell: string, value: number): string;
  adoptSkipped(cell: string): string;
}

const zhCN: Strings = {
  locale: 'zh-CN',
  appName: '核分',
  check: '检查得分',
  checking: '正在检查…',
  clearing: '正在清除标记…',
  wholeWorkbook: '整个工作簿',
  clear: '清除标记',
  settings: '设置',
  rulePack: '规则包',
  highlightIn: '在表格中标记',
  settingsRemembered: '设置随本工作簿保存。',
  severity: { error: '错误', warning: '警告', info: '提示' },
  formKind: { project: '项目支出绩效自评表', department: '部门整体支出绩效自评表' },
  total: '总分',
  declared: '填报',
  summed: '加总',
  recomputed: '复算',
  computed: '计算',
  executionRate: '预算执行率',
  executionScore: '执行率得分',
  weight: '分值',
  grade: '评价等级',
  weightTotal: '分值合计',
  rules: '规则包',
  empty: '（空）',
  noForm: (sheet) => `工作表“${sheet}”中没有找到绩效自评表。`,
  noFindings: '没有发现问题。',
  findings: (n) => `发现 ${n} 个问题`,
  prev: '上一个',
  next: '下一个',
  position: (i, n) => `第 ${i} / ${n} 个`,
  highlighted: (n) => (n ? `已在表格中标记 ${n} 个单元格。` : '表格中没有需要标记的单元格。'),
  cleared: (n) => (n ? `已清除 ${n} 处标记。` : '没有需要清除的标记。'),
  codes: {
    'score-exceeds-weight': '得分超过分值',
    'score-negative': '得分为负数',
    'score-mismatch': '得分与复算不符',
    'score-out-of-tier': '得分不在应得档次内',
    'score-not-allowed-by-criteria': '得分不符合评价标准',
    'subtotal-mismatch': '小计与明细之和不符',
    'weight-subtotal-mismatch': '分值小计与明细之和不符',
    'weight-label-mismatch': '标注的分值与明细之和不符',
    'total-mismatch': '总分与复算不符',
    'weight-total-not-100': '分值合计不是 100',
    'execution-rate-mismatch': '预算执行率算错',
    'grade-mismatch': '评价等级与得分不符',
    'missing-deviation-reason': '缺少偏差原因',
    'nonstandard-level1-weights': '一级指标分值不合规范',
    'over-achievement': '大幅超额完成，请复核目标',
    'approximate-value-mismatch': '约数与目标不符',
    'value-not-scoreable': '无法计分',
    'number-not-readable': '数字无法识别',
  },
  failed: {
    check: '检查失败：',
    clear: '清除标记失败：',
    select: '无法定位到这个单元格：',
    settings: '保存设置失败：',
    adopt: '采用建议值失败：',
    'write-back': '写回合计失败：',
    undo: '撤销写回失败：',
    template: '插入模板失败：',
  },
  // Only when a HostError comes without its Chinese message: the host's own message names the cell.
  errors: {
    'read-failed': '无法读取工作表。',
    'write-failed': '无法写入工作表（工作表可能受保护或已被删除）。',
    'settings-failed': '无法保存到工作簿的设置中。',
    'select-failed': '无法选中该单元格。',
  },
  errorsDuring: {},
  detail: (excel) => `（${excel}）`,
  warnings: {
    'merges-unavailable': '未能读取合并单元格（Excel 版本较旧或合并区域过多），识别结果可能不完整。',
    'record-not-saved': '标记已添加，但未能记入工作簿设置；关闭再打开后，清除标记前请先重新检查。',
  },
  message: (f) => f.message,
  sections: '核分功能',
  sectionResults: '检查结果',
  sectionWriteBack: '写回合计',
  sectionTemplate: '插入空白模板',
  withCount: (label, n) => `${label}（${n}）`,
  checkFirst: '请先单击“检查得分”：写回合计按最近一次检查的结果列出要改的单元格。',
  adopt: '采用建议值',
  adoptLabel: (cell, value) => `采用建议值：${cell} 改为 ${value}`,
  adopting: '正在写入建议值…',
  adopted: (cell, value) => `已采用建议值：${cell} 改为 ${value}（可在“写回合计”中撤销）。`,
  adoptSkipped: (cell) => `${cell} 含公式，未改写。`,
};

const enUS: Strings = {
  locale: 'en-US',
  appName: 'Hefen',
  check: 'Check scores',
  checking: 'Checking…',
  clearing: 'Clearing highlights…',
  wholeWorkbook: 'Whole workbook',
  clear: 'Clear highlights',
  settings: 'Settings',
  rulePack: 'Rule pack',
  highlightIn: 'Highlight in the sheet',
  settingsRemembered: 'Settings are saved with this workbook.',
  severity: { error: 'Errors', warning: 'Warnings', info: 'Notes' },
  formKind: { project: 'Project self-evaluation form', department: 'Department self-evaluation form' },
  total: 'Total',
  declared: 'Declared',
  summed: 'Summed',
  recomputed: 'Recomputed',
  computed: 'Computed',
  executionRate: 'Budget execution rate',
  executionScore: 'Execution score',
  weight: 'Weight',
  grade: 'Grade',
  weightTotal: 'Weights total',
  rules: 'Rule pack',
  empty: '(empty)',
  noForm: (sheet) => `No performance self-evaluation form found on sheet “${sheet}”.`,
  noFindings: 'No problems found.',
  findings: (n) => (n === 1 ? '1 problem found' : `${n} problems found`),
  prev: 'Previous',
  next: 'Next',
  position: (i, n) => `${i} of ${n}`,
  highlighted: (n) => (n === 1 ? 'Highlighted 1 cell.' : n ? `Highlighted ${n} cells.` : 'Nothing to highlight.'),
  cleared: (n) => (n === 1 ? 'Removed 1 highlight.' : n ? `Removed ${n} highlights.` : 'No highlights to remove.'),
  codes: {
    'score-exceeds-weight': 'Score above its weight',
    'score-negative': 'Negative score',
    'score-mismatch': 'Score differs from the recomputed one',
    'score-out-of-tier': 'Score outside the tier the result implies',
    'score-not-allowed-by-criteria': 'Score not allowed by the criteria',
    'subtotal-mismatch': 'Subtotal differs from its items',
    'weight-subtotal-mismatch': 'Weight subtotal differs from its items',
    'weight-label-mismatch': 'Weight in the label differs from its items',
    'total-mismatch': 'Total differs from the recomputed one',
    'weight-total-not-100': 'Weights do not add up to 100',
    'execution-rate-mismatch': 'Execution rate miscalculated',
    'grade-mismatch': 'Grade does not match the score',
    'missing-deviation-reason': 'Deviation reason missing',
    'nonstandard-level1-weights': 'Non-standard level-1 weights',
    'over-achievement': 'Far above target: review the target',
    'approximate-value-mismatch': 'Approximate value misses the target',
    'value-not-scoreable': 'Cannot be scored',
    'number-not-readable': 'Number cannot be read',
  },
  failed: {
    check: 'Could not check the sheet: ',
    clear: 'Could not clear the highlights: ',
    select: 'Could not go to that cell: ',
    settings: 'Could not save the settings: ',
    adopt: 'Could not use the suggested score: ',
    'write-back': 'Could not write back the totals: ',
    undo: 'Could not undo the write-back: ',
    template: 'Could not insert the template: ',
  },
  errors: {
    'read-failed': 'the workbook could not be read.',
    'write-failed': 'the cells could not be written (the sheet may be protected or deleted).',
    'settings-failed': 'the workbook’s settings could not be saved.',
    'select-failed': 'the cell could not be selected (the sheet may have been deleted or renamed).',
  },
  errorsDuring: {
    check: {
      'read-failed': 'Could not read the worksheet.',
      'write-failed': 'Could not add or remove highlights; the sheet may be protected.',
    },
    clear: { 'write-failed': 'Could not remove the highlights; the sheet may be protected.' },
    settings: { 'settings-failed': 'Could not save the settings into the workbook.' },
    // The host puts the cells back when it cannot record how to undo the write.
    adopt: {
      'write-failed': 'Could not use the suggested score: the cell could not be written (the sheet may be protected or deleted).',
      'settings-failed': 'Nothing was written: the undo record could not be saved in the workbook.',
    },
    'write-back': { 'settings-failed': 'Nothing was written: the undo record could not be saved in the workbook.' },
    undo: { 'settings-failed': 'The cells were restored, but the undo record in the workbook could not be updated.' },
    template: {
      'read-failed': 'Could not insert the template: the list of sheets could not be read.',
      'write-failed': 'Could not insert the template: the new sheet could not be written (the workbook may be protected).',
    },
  },
  detail: (excel) => ` (${excel})`,
  warnings: {
    'merges-unavailable':
      'Merged cells could not be read (older Excel or too many merged areas); recognition may be incomplete.',
    'record-not-saved':
      'The highlights are in place but could not be recorded in the workbook; after reopening, check again before clearing.',
  },
  message: (f) => f.messageEn || f.message,
  sections: 'Hefen',
  sectionResults: 'Results',
  sectionWriteBack: 'Write back',
  sectionTemplate: 'Blank template',
  withCount: (label, n) => `${label} (${n})`,
  checkFirst: 'Click “Check scores” first: the write-back lists the cells to change from the last check.',
  adopt: 'Use suggested score',
  adoptLabel: (cell, value) => `Use the suggested score: set ${cell} to ${value}`,
  adopting: 'Writing the suggested score…',
  adopted: (cell, value) => `Used the suggested score: ${cell} set to ${value} (undo it under “Write back”).`,
  adoptSkipped: (cell) => `${cell} holds a formula and was left as it is.`,
};

/** Shown before Office says which language it speaks, so in both. */
export const STARTUP_PROBLEMS = {
  elsewhere: '请在 Excel 中打开核分。 Open Hefen from Excel.',
  'no-office':
    '无法加载 Office.js：请检查网络，或请管理员放行 appsforoffice.microsoft.com。 Office.js could not be loaded: check the network, or ask for appsforoffice.microsoft.com to be allowed.',
} as const;

/**
 * A failure in words, with Excel's own detail when it gave one. A HostError's message is Chinese
 * and precise (which cell, which sheet, what was put back): the Chinese pane shows it as it is; the
 * English pane says it by the error's code and what the pane was doing. Anything else is a bug and
 * shows its own message after “could not …”.
 */
export function describeFailure(t: Strings, error: unknown, during: PaneAction): string {
  if (error instanceof HostError) {
    const excel = error.cause instanceof Error && error.cause.message ? t.detail(error.cause.message) : '';
    const text =
      t.locale === 'zh-CN' && error.message
        ? error.message
        : (t.errorsDuring[during]?.[error.code] ?? t.failed[during] + t.errors[error.code]);
    return text + excel;
  }
  return t.failed[during] + (error instanceof Error ? error.message : String(error));
}

export function stringsFor(locale: Locale): Strings {
  return locale === 'en-US' ? enUS : zhCN;
}

export const StringsContext = createContext<Strings>(zhCN);

export function useStrings(): Strings {
  return useContext(StringsContext);
}
