/**
 * Subcommands that write files: the blank template and totals written back to a copy.
 * (Bodies are wired to src/cli/template-xlsx.ts and src/cli/write-totals.ts.)
 */
import type { CheckArgs, IO, TemplateArgs } from './main.js';

export async function runTemplate(_args: TemplateArgs, io: IO): Promise<number> {
  io.err.write('模板功能尚未接入\n');
  return 2;
}

export async function runWriteTotals(_args: CheckArgs, io: IO): Promise<number> {
  io.err.write('写回功能尚未接入\n');
  return 2;
}
