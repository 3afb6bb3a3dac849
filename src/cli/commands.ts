/**
 * `hefen template`: the blank template rendered by src/xlsx with ExcelJS. main.ts loads this module
 * only for that command, so `hefen check` never pays for loading ExcelJS.
 */
import type { IO, TemplateArgs } from './args.js';
import { OutputExistsError, writeTemplateXlsx } from './template-file.js';

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
