/**
 * Printing `hefen check FILE --write-totals …`: what was written, in Chinese, or with --json the
 * same as a JSON report. A refusal (nothing written) is exit 2 with its reason; with --json the
 * reason is the report's `error`.
 */
import path from 'node:path';
import type { CheckArgs, IO } from './args.js';
import { InputError } from './read-workbook.js';
import { WriteTotalsError, writeTotals, type WriteTotalsOutcome } from './write-totals.js';

/** The written file's format, as its extension names it (the extension follows its bytes). */
const outputFormat = (file: string) => path.extname(file).slice(1).toLowerCase() || 'xlsx';

const SKIP_REASON = { formula: '单元格含公式（需 --overwrite-formulas）', unticked: '未选择' } as const;

function text(o: WriteTotalsOutcome): string {
  const lines: string[] = [];
  if (o.converted) lines.push(`输入文件是 .${o.format} 格式：已另存为 .xlsx 后写回（只保留数值、公式、合并单元格和数字格式），原文件未改动。`);
  if (o.renamed && !o.converted && o.output) {
    const macro = /m$/i.test(path.extname(o.output));
    lines.push(`${macro ? '输入文件含宏：副本保留宏，' : ''}文件名改为 ${o.output}（扩展名须与文件内容一致，否则 Excel 拒绝打开）。`);
  }
  for (const n of o.notes) lines.push(`注意：${n}`);
  if (o.written.length === 0 && o.skipped.length === 0) {
    lines.push(o.output ? `合计与规则一致，没有需要写回的单元格。已保存副本 → ${o.output}` : '合计与规则一致，没有需要写回的单元格。');
    return lines.join('\n');
  }
  lines.push(o.output ? `写回 ${o.written.length} 个单元格 → ${o.output}` : '没有写回任何单元格，文件未改动。');
  for (const w of o.written) lines.push(`  ${w.sheet}!${w.cell}: ${w.old ?? '（空）'} → ${w.new}`);
  for (const s of o.skipped) lines.push(`  未写入 ${s.sheet}!${s.cell}：${SKIP_REASON[s.reason]}`);
  return lines.join('\n');
}

export async function runWriteTotals(args: CheckArgs, io: IO): Promise<number> {
  const file = args.files[0];
  try {
    const o = await writeTotals({ input: file, out: args.out, inPlace: args.inPlace, force: args.force, rules: args.rules, overwriteFormulas: args.overwriteFormulas });
    if (args.json) {
      const { file: f, format, output, converted, written, skipped, notes } = o;
      io.out.write(`${JSON.stringify({ rules: args.rules, file: f, format, output, outputFormat: output ? outputFormat(output) : null, converted, written, skipped, ...(notes.length ? { notes } : {}) }, null, 2)}\n`);
    } else io.out.write(`${text(o)}\n`);
    return 0;
  } catch (e) {
    const message =
      e instanceof WriteTotalsError || e instanceof InputError ? e.message : `写回时出现意外错误，文件未改动：${e instanceof Error ? e.message : String(e)}`;
    if (args.json) io.out.write(`${JSON.stringify({ rules: args.rules, file, error: message, output: null, written: [], skipped: [] }, null, 2)}\n`);
    else io.err.write(`${message}\n`);
    return 2;
  }
}
