/**
 * Subcommands that write files: the blank template, and recomputed totals written back to a copy.
 */
import { planWriteBack } from '../core/index.js';
import { checkSnapshots } from '../host/index.js';
import { WorkbookLoadError, applyWrites, workbookToSnapshots } from '../xlsx/index.js';
import type { CheckArgs, IO, TemplateArgs } from './args.js';
import { loadWorkbook } from './read-workbook.js';
import { OutputExistsError, writeTemplateXlsx } from './template-file.js';
import { saveWrites, writeTarget, WriteTotalsError } from './write-totals.js';

const KIND = { project: '项目支出绩效自评表', department: '部门整体支出绩效自评表' } as const;

export async function runTemplate(args: TemplateArgs, io: IO): Promise<number> {
  try {
    const r = await writeTemplateXlsx(args.kind, args.out, { rows: args.rows, rules: args.rules, overwrite: args.force });
    io.out.write(`已生成空白${KIND[args.kind]}：${r.path}（工作表「${r.sheet}」，规则包 ${args.rules}）\n`);
    return 0;
  } catch (e) {
    if (e instanceof OutputExistsError) {
      io.err.write(`${e.message}\n如需覆盖，请加 --force。\n`);
      return 2;
    }
    if (e instanceof RangeError || (e as NodeJS.ErrnoException).code) {
      io.err.write(`无法写入模板：${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

/** Check one file, then write the aggregates the rules recompute into a copy (or in place). */
export async function runWriteTotals(args: CheckArgs, io: IO): Promise<number> {
  const file = args.files[0];
  try {
    const target = writeTarget(file, args.out, { inPlace: args.inPlace });
    const wb = await loadWorkbook(file);
    const { reports, sheetsWithoutForm } = checkSnapshots(workbookToSnapshots(wb), { rules: args.rules });
    if (sheetsWithoutForm.length === reports.length) {
      io.err.write(`${file} 中没有找到绩效自评表，没有可写回的合计。\n`);
      return 2;
    }
    const plan = planWriteBack(reports).map((p) => (args.overwriteFormulas && p.formula ? { ...p, overwrite: true } : p));
    const result = await saveWrites(wb, target, applyWrites(wb, plan), { inPlace: args.inPlace });
    if (result.written.length === 0 && result.skipped.length === 0) {
      io.out.write('合计与规则一致，没有需要写回的单元格。\n');
      return 0;
    }
    io.out.write(`写回 ${result.written.length} 个单元格 → ${result.path}\n`);
    for (const w of result.written) io.out.write(`  ${w.sheet}!${w.cell}: ${w.old ?? '（空）'} → ${w.new}\n`);
    for (const s of result.skipped) {
      io.out.write(`  未写入 ${s.sheet}!${s.cell}：${s.reason === 'formula' ? '单元格含公式（需 --overwrite-formulas）' : '未选择'}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof WorkbookLoadError || e instanceof WriteTotalsError) {
      io.err.write(`${e.message}\n`);
      return 2;
    }
    if ((e as NodeJS.ErrnoException).code) {
      io.err.write(`无法写入：${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
