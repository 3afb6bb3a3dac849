/**
 * `hefen` — the command line. Exit codes: 0 no error finding, 1 an error finding, 2 a file could
 * not be read or the arguments are wrong.
 *
 * Start-up matters (a reviewer runs this over hundreds of files from scripts): this module loads
 * only what `check` needs — the reader, the core — and each other command's modules are imported
 * when that command runs (ExcelJS only for `template` and `review`).
 */
import { readFileSync } from 'node:fs';
import { getPack, type RulePackName } from '../core/index.js';
import { checkSnapshots } from '../host/index.js';
import { CHECK_HELP, TEMPLATE_HELP, USAGE, UsageError, parseArgs, type IO } from './args.js';
import { writeJson } from './json-output.js';
import { readInput, unexpected } from './read-workbook.js';
import { reportText, type FileResult } from './report-text.js';

/** Check each file on its own: whatever goes wrong with one is that file's `error`, and the rest go on. */
export async function checkFiles(files: string[], rules: RulePackName): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) {
    try {
      const { read } = await readInput(file);
      const { reports } = checkSnapshots(read.sheets, { rules });
      results.push({ file, format: read.format, notes: read.notes, sheets: reports });
    } catch (e) {
      results.push({ file, sheets: [], error: unexpected(e) });
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
            format: r.format,
            ...(r.notes?.length ? { notes: r.notes } : {}),
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

/** The version in package.json (two folders up from src/cli/ and from dist/cli/ alike). */
export function version(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * A stream of the process that may be a pipe whose reader has gone (`hefen check --json … | head`):
 * Node then reports EPIPE as an 'error' event, which unhandled ends the process with a stack
 * trace. The reader wants no more output, so the rest is dropped and the command finishes with its
 * own exit code; any other failure to write (a full disk) is said once, and the exit code is 2.
 */
function guarded<S extends NodeJS.WriteStream>(stream: S): S {
  if (!guardedStreams.has(stream)) {
    guardedStreams.add(stream);
    let said = false;
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || said) return;
      said = true;
      process.exitCode = 2;
      if ((stream as NodeJS.WriteStream) !== process.stderr) process.stderr.write(`核分：无法写出结果（${e.code ?? e.message}）\n`);
    });
  }
  return stream;
}
const guardedStreams = new WeakSet<NodeJS.WriteStream>();

/** The process's streams, each made on first use (a `check --json` that reports no error never makes stderr). */
const PROCESS_IO: IO = {
  get out() {
    return guarded(process.stdout);
  },
  get err() {
    return guarded(process.stderr);
  },
};

export async function main(argv: string[], io: IO = PROCESS_IO): Promise<number> {
  if (argv[0] === 'review') return (await import('./review.js')).runReview(argv.slice(1), io);
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
  if (args.command === 'version') {
    io.out.write(`hefen ${version()}\n`);
    return 0;
  }
  if (args.command === 'help') {
    const text = { all: `核分（Hefen）${version()}：检查绩效自评表的得分\n\n${USAGE}`, check: CHECK_HELP, template: TEMPLATE_HELP }[args.topic];
    io.out.write(`${text}\n`);
    return 0;
  }
  if (args.command === 'template') return (await import('./commands.js')).runTemplate(args, io);
  if (args.writeTotals) return (await import('./write-totals-command.js')).runWriteTotals(args, io);
  const results = await checkFiles(args.files, args.rules);
  if (args.json) writeJson(io.out, toJson(args.rules, results));
  else {
    io.out.write(`${reportText(getPack(args.rules), results)}\n`);
    for (const r of results) if (r.error) io.err.write(`${r.file}：${r.error}\n`);
  }
  return exitCodeOf(results);
}

const isEntry = process.argv[1] && /(?:hefen(?:\.js)?|main\.[jt]s)$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      // A failed write (guarded above) has set 2 already: it stays.
      process.exitCode = Math.max(Number(process.exitCode ?? 0), code);
    },
    (e: unknown) => {
      process.stderr.write(`核分内部错误：${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
