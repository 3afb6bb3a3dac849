/**
 * The readable Chinese report the CLI prints without --json.
 */
import { CODE_TITLES, type Finding, type FormReport, type RulePack, type SheetReport } from '../core/index.js';

const KIND = { project: '项目支出绩效自评表', department: '部门整体支出绩效自评表' } as const;
const MARK = { error: '✖ 错误', warning: '▲ 警告', info: '· 提示' } as const;

function pct(s: string | null): string {
  if (s === null) return '—';
  const n = Number(s) * 100;
  return `${Number(n.toFixed(2))}%`;
}

function v(s: string | null): string {
  return s ?? '—';
}

export interface FileResult {
  file: string;
  sheets: SheetReport[];
  /** The format the reader found in the bytes (xlsx, xlsm, xls, et). */
  format?: string;
  /** The reader's notes (a sheet trimmed to its form area, …). */
  notes?: string[];
  error?: string;
}

const FORMAT_NAME: Record<string, string> = { xls: '.xls（旧版 Excel）', et: '.et（WPS 表格）', xlsm: '.xlsm（含宏）' };

export function formText(f: FormReport): string[] {
  const lines: string[] = [];
  lines.push(`  工作表「${f.sheet}」 ${KIND[f.kind]}${f.title && f.title !== KIND[f.kind] ? `（${f.title}）` : ''}  区域 ${f.range}`);
  lines.push(`    总分：填报 ${v(f.total.declared)} ｜ 各项之和 ${f.total.sum} ｜ 按规则重算 ${f.total.recomputed}`);
  lines.push(`    分值合计：${f.weightTotal}`);
  const r = f.executionRate;
  if (r.cell || r.computed) {
    let line = `    预算执行率：填报 ${pct(r.declared)} ｜ 计算 ${pct(r.computed)}`;
    if (r.budget && r.executed) line += `（执行数 ${r.executed} ÷ 预算数 ${r.budget}）`;
    if (r.score.weight) line += `；得分 填报 ${v(r.score.declared)} ｜ 应为 ${v(r.score.computed)}（分值 ${r.score.weight}）`;
    lines.push(line);
  }
  const scored = f.indicators.some((i) => i.declared !== null);
  lines.push(
    scored
      ? `    等级：填报 ${v(f.grade.declared)} ｜ 按重算总分 ${f.grade.computed}（${f.grade.scheme}）`
      : '    等级：尚未填写得分',
  );
  lines.push(`    指标 ${f.indicators.length} 项`);
  return lines;
}

export function findingLine(x: Finding): string {
  const arrow = x.declared !== null || x.expected !== null ? `  [${v(x.declared)} → ${v(x.expected)}]` : '';
  return `    ${MARK[x.severity]} ${x.cell.padEnd(5)} ${CODE_TITLES[x.code].zh}（${x.code}）${x.path.length ? ` ${x.path.join(' / ')}` : ''}\n        ${x.message}${arrow}`;
}

export function fileText(res: FileResult): string {
  const out: string[] = [`文件：${res.file}`];
  if (res.error) {
    out.push(`  无法检查：${res.error}`);
    return out.join('\n');
  }
  if (res.format && FORMAT_NAME[res.format]) out.push(`  格式：${FORMAT_NAME[res.format]}`);
  for (const n of res.notes ?? []) out.push(`  注意：${n}`);
  const forms = res.sheets.flatMap((s) => s.forms);
  if (forms.length === 0) {
    out.push('  没有找到绩效自评表（各工作表中没有“一级指标/三级指标 … 得分”这样的指标表）。');
    return out.join('\n');
  }
  for (const s of res.sheets) {
    for (const f of s.forms) out.push(...formText(f));
    if (s.forms.length === 0) continue;
    const e = s.findings.filter((x) => x.severity === 'error').length;
    const w = s.findings.filter((x) => x.severity === 'warning').length;
    const i = s.findings.filter((x) => x.severity === 'info').length;
    out.push(s.findings.length ? `    发现 ${e} 个错误、${w} 个警告、${i} 条提示：` : '    未发现问题。');
    for (const x of s.findings) out.push(findingLine(x));
  }
  return out.join('\n');
}

export function reportText(pack: RulePack, results: FileResult[]): string {
  const head = `核分 · 绩效自评表得分检查    规则包：${pack.name}（${pack.title}）`;
  return [head, '', ...results.map(fileText).join('\n\n').split('\n')].join('\n');
}
