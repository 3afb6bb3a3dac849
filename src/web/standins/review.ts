/**
 * STAND-IN for src/xlsx/review (issue 10), same names as CONTRACTS.md: a minimal review workbook
 * (一览, 审核意见, 无法读取) with ExcelJS, and the contract's verdict rule. The integrator deletes
 * this file and points src/web/modules.ts at the real builder.
 */
import ExcelJS from 'exceljs';
import { CODE_TITLES } from '../../core/findings.js';
import type { Finding, FormReport, SheetReport } from '../../core/index.js';

export interface ReviewedFile {
  file: string;
  link?: string;
  format?: string;
  reports: SheetReport[];
  error?: string;
}

export type Verdict = '通过' | '需复核' | '退回修改';

export function verdictOf(_form: FormReport, findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error')) return '退回修改';
  if (findings.some((f) => f.severity === 'warning')) return '需复核';
  return '通过';
}

const SEVERITY_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

export async function buildReviewWorkbook(files: ReviewedFile[], options: { rules: string; generatedAt?: Date }): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '核分 Hefen';
  wb.created = options.generatedAt ?? new Date();
  const list = wb.addWorksheet('一览', { views: [{ state: 'frozen', ySplit: 1 }] });
  list.addRow(['文件', '工作表', '项目名称', '类型', '填报总分', '加总', '复算', '填报等级', '复算等级', '执行率（填报）', '执行率（计算）', '错误数', '警告数', '结论']);
  const opinions = wb.addWorksheet('审核意见', { views: [{ state: 'frozen', ySplit: 1 }] });
  opinions.addRow(['文件', '工作表', '单元格', '指标', '审核要点', '审核内容', '是否通过', '填报', '应为', '审核标准', '严重程度']);
  const unreadable = wb.addWorksheet('无法读取');
  unreadable.addRow(['文件', '原因']);
  for (const file of files) {
    if (file.error) unreadable.addRow([file.file, file.error]);
    for (const report of file.reports) {
      for (const form of report.forms) {
        const findings = report.findings.filter((f) => f.sheet === form.sheet);
        list.addRow([
          file.file,
          report.sheet,
          form.title ?? '',
          form.kind === 'project' ? '项目支出' : '部门整体支出',
          form.total.declared ?? '',
          form.total.sum,
          form.total.recomputed,
          form.grade.declared ?? '',
          form.grade.computed,
          form.executionRate.declared ?? '',
          form.executionRate.computed ?? '',
          findings.filter((f) => f.severity === 'error').length,
          findings.filter((f) => f.severity === 'warning').length,
          verdictOf(form, findings),
        ]);
      }
      for (const f of report.findings) {
        opinions.addRow([
          file.file,
          f.sheet,
          f.cell,
          f.path.join(' / '),
          CODE_TITLES[f.code].zh,
          f.message,
          f.severity === 'error' ? '否' : '待复核',
          f.declared ?? '',
          f.expected ?? '',
          `${f.rule}（${options.rules}）`,
          SEVERITY_ZH[f.severity],
        ]);
      }
    }
  }
  for (const ws of [list, opinions, unreadable]) ws.getRow(1).font = { bold: true };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
