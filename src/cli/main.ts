/**
 * `hefen` — the command line. Exit codes: 0 no error finding, 1 an error finding, 2 a file could
 * not be read or the arguments are wrong.
 */
import { getPack, type RulePackName } from '../core/index.js';
import { checkSnapshots } from '../host/index.js';
import { WorkbookLoadError } from '../xlsx/index.js';
import { USAGE, UsageError, parseArgs, type IO } from './args.js';
import { runTemplate, runWriteTotals } from './commands.js';
import { readSnapshots } from './read-workbook.js';
import { reportText, type FileResult } from './report-text.js';
import { runReview } from './review.js';


export async function checkFiles(files: string[], rules: RulePackName): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) {
    try {
      const { reports } = checkSnapshots(await readSnapshots(file), { rules });
      results.push({ file, sheets: reports });
    } catch (e) {
      if (e instanceof WorkbookLoadError) results.push({ file, sheets: [], error: e.message });
      else throw e;
    }
  }
  return results;
}

export function toJson(rules: RulePackName, results: FileResult[]): unknown {
  return {
    rules,
    files: results.map((r) =>
      r.error
        ? { file: r.file, error: r.error, forms: [], findings: [] }
        : {
            file: r.file,
            forms: r.sheets.flatMap((s) => s.forms),
            findings: r.sheets.flatMap((s) => s.findings),
          },
    ),
  };
}

export function exitCodeOf(results: FileResult[]): number {
  if (results.some((r) => r.error)) return 2;
  return results.some((r) => r.sheets.some((s) => s.findings.some((f) => f.severity === 'error'))) ? 1 : 0;
}

export async function main(argv: string[], io: IO = { out: process.stdout, err: process.stderr }): Promise<number> {
  if (argv[0] === 'review') return runReview(argv.slice(1), io);
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.out.write(`核分（Hefen）：检查绩效自评表的得分\n\n${USAGE}\n`);
    return 0;
  }
  if (args.command === 'template') return runTemplate(args, io);
  if (args.writeTotals) return runWriteTotals(args, io);
  const results = await checkFiles(args.files, args.rules);
  if (args.json) io.out.write(`${JSON.stringify(toJson(args.rules, results), null, 2)}\n`);
  else {
    io.out.write(`${reportText(getPack(args.rules), results)}\n`);
    for (const r of results) if (r.error) io.err.write(`${r.error}\n`);
  }
  return exitCodeOf(results);
}

const isEntry = process.argv[1] && /(?:hefen(?:\.js)?|main\.[jt]s)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`核分内部错误：${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
