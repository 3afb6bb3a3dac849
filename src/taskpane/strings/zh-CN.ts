/**
 * Every string the pane shows in Simplified Chinese. This pack is the reference: its type is
 * `Strings`, and en-US.ts must satisfy it, so a string missing in English is a type error (the
 * TypeScript check is the completeness check). Finding titles are not here: they come from the
 * core's registry (CODE_TITLES), explanations from the findings themselves.
 */
import {
  CODE_TITLES,
  MAX_TEMPLATE_ROWS,
  type Finding,
  type FindingCode,
  type FormKind,
  type PlannedWrite,
  type Severity,
} from '../../core/index.js';
import type {
  HostErrorCode,
  HostWarning,
  InsertedTemplate,
  Locale,
  TemplateWarning,
  UndoOutcome,
  WriteOutcome,
} from '../../host/index.js';

/** What the pane was doing when something failed. */
export type PaneAction = 'check' | 'clear' | 'select' | 'settings' | 'adopt' | 'write-back' | 'undo' | 'template';

export const zhCN = {
  locale: 'zh-CN' as Locale,
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
  severity: { error: '错误', warning: '警告', info: '提示' } satisfies Record<Severity, string>,
  formKind: { project: '项目支出绩效自评表', department: '部门整体支出绩效自评表' } satisfies Record<FormKind, string>,
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
  noForm: (sheet: string) => `工作表“${sheet}”中没有找到绩效自评表。`,
  noFindings: '没有发现问题。',
  findings: (n: number) => `发现 ${n} 个问题`,
  prev: '上一个',
  next: '下一个',
  position: (i: number, n: number) => `第 ${i} / ${n} 个`,
  highlighted: (n: number) => (n ? `已在表格中标记 ${n} 个单元格。` : '表格中没有需要标记的单元格。'),
  cleared: (n: number) => (n ? `已清除 ${n} 处标记。` : '没有需要清除的标记。'),
  failed: {
    check: '检查失败：',
    clear: '清除标记失败：',
    select: '无法定位到这个单元格：',
    settings: '保存设置失败：',
    adopt: '采用建议值失败：',
    'write-back': '写回合计失败：',
    undo: '撤销写回失败：',
    template: '插入模板失败：',
  } satisfies Record<PaneAction, string>,
  // Only when a HostError comes without its Chinese message: the host's own message names the cell.
  errors: {
    'read-failed': '无法读取工作表。',
    'write-failed': '无法写入工作表（工作表可能受保护或已被删除）。',
    'settings-failed': '无法保存到工作簿的设置中。',
    'select-failed': '无法选中该单元格。',
  } satisfies Record<HostErrorCode, string>,
  errorsDuring: {} as Partial<Record<PaneAction, Partial<Record<HostErrorCode, string>>>>,
  detail: (excel: string) => `（${excel}）`,
  warnings: {
    'merges-unavailable': '未能读取合并单元格（Excel 版本较旧或合并区域过多），识别结果可能不完整。',
    'record-not-saved': '标记已添加，但未能记入工作簿设置；关闭再打开后，清除标记前请先重新检查。',
  } satisfies Record<HostWarning, string>,
  /** A finding code's title, from the core's registry. */
  codeTitle: (code: FindingCode): string => CODE_TITLES[code].zh,
  message: (f: Finding): string => f.message,
  sections: '核分功能',
  sectionResults: '检查结果',
  sectionWriteBack: '写回合计',
  sectionTemplate: '插入空白模板',
  withCount: (label: string, n: number) => `${label}（${n}）`,
  checkFirst: '请先单击“检查得分”：写回合计按最近一次检查的结果列出要改的单元格。',
  adopt: '采用建议值',
  adoptLabel: (cell: string, value: number) => `采用建议值：${cell} 改为 ${value}`,
  adopting: '正在写入建议值…',
  adopted: (cell: string, value: number) => `已采用建议值：${cell} 改为 ${value}（可在“写回合计”中撤销）。`,
  adoptSkipped: (cell: string) => `${cell} 含公式，未改写。`,
  /** 写回合计 (WriteBackPanel). */
  writeBack: {
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
    /** What a planned cell is: the engine's own Chinese label (“产出指标 小计得分”). */
    role: (p: PlannedWrite, _level: string | null): string => p.label,
  },
  /** 插入空白模板 (TemplatePanel). */
  template: {
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
  },
};

export type Strings = typeof zhCN;
