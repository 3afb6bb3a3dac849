/**
 * `hefen review PATH... --out 审核汇总.xlsx [--annotate DIR] [--json] [--rules NAME|auto] [--jobs N] [--force]`:
 * every form in every workbook under the paths, checked in parallel, one line per file as the
 * files finish (in path order), then the review workbook.
 *
 * Exit codes as `check`: 0 no error finding, 1 an error finding, 2 a file could not be read or
 * the arguments are wrong. An unreadable file wins over error findings: the review is incomplete,
 * and a script must not take "1" for "every file was checked".
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { isRulePackName, RULE_PACKS, type Finding, type RulePackName } from '../core/index.js';
import { buildReviewWorkbook, formItems, summarize, type ReviewedFile } from '../xlsx/review/index.js';
import { annotatedTargets, collectInputs, freeName, isWithin, type InputFile } from './review-files.js';
import { slim, type JobResult, type ReviewJob } from './review-job.js';
import { defaultJobs, runJobs } from './review-pool.js';
import { Progress, type ProgressStream } from './review-progress.js';
import { REVIEW_USAGE } from './args.js';
import { writeJsonAt } from './json-output.js';

export { REVIEW_USAGE };

export interface ReviewIO {
  out: { write(s: string): unknown };
  err: ProgressStream;
  /** For bench/review.ts: how long the phases took, in ms. */
  timings?: (phase: 'files' | 'workbook', ms: number) => void;
}

export class ReviewUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewUsageError';
  }
}


export interface ReviewArgs {
  paths: string[];
  out: string | null;
  annotate: string | null;
  json: boolean;
  rules: RulePackName | 'auto';
  jobs: number;
  force: boolean;
}

export function parseReviewArgs(argv: string[]): ReviewArgs {
  const a: ReviewArgs = { paths: [], out: null, annotate: null, json: false, rules: 'national', jobs: defaultJobs(), force: false };
  let rules = 'national';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new ReviewUsageError(`${arg} 后面需要一个值`);
      return v;
    };
    const eq = /^(--[a-z]+)=(.*)$/.exec(arg);
    const [name, inline] = eq ? [eq[1], eq[2]] : [arg, null];
    const val = () => inline ?? value();
    if (name === '--json') a.json = true;
    else if (name === '--force') a.force = true;
    else if (name === '--out' || name === '-o') a.out = val();
    else if (name === '--annotate') a.annotate = val();
    else if (name === '--rules') rules = val();
    else if (name === '--jobs' || name === '-j') {
      const v = val();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 256) throw new ReviewUsageError(`--jobs 须为 1–256 的整数（收到 ${v}）`);
      a.jobs = n;
    } else if (arg.startsWith('-') && arg !== '-') throw new ReviewUsageError(`不认识的选项：${arg}`);
    else a.paths.push(arg);
  }
  if (rules !== 'auto' && !isRulePackName(rules)) {
    throw new ReviewUsageError(`未知的规则包：${rules}（可用：${Object.keys(RULE_PACKS).join('、')}、auto）`);
  }
  a.rules = rules as RulePackName | 'auto';
  if (a.paths.length === 0) throw new ReviewUsageError('请给出要审核的文件或文件夹');
  if (!a.out && !a.json) throw new ReviewUsageError('请用 --out 指定审核汇总文件（.xlsx），或用 --json 输出到屏幕');
  if (a.out && path.extname(a.out).toLowerCase() !== '.xlsx') throw new ReviewUsageError(`--out 须为 .xlsx 文件：${a.out}`);
  return a;
}

const KIND = { project: '项目支出', department: '部门整体支出' } as const;

/** The results that arrived, handed on in index order as soon as the prefix is complete. */
class InOrder<T> {
  private readonly slots: (T | undefined)[];
  private nextIndex = 0;
  constructor(
    size: number,
    private readonly emit: (index: number, item: T) => void,
  ) {
    this.slots = new Array(size);
  }
  put(index: number, item: T): void {
    this.slots[index] = item;
    while (this.nextIndex < this.slots.length && this.slots[this.nextIndex] !== undefined) {
      const i = this.nextIndex++;
      this.emit(i, this.slots[i]!);
      this.slots[i] = undefined;
    }
  }
}

/** The per-file object of `check --json`, with the format found. */
function fileJson(f: ReviewedFile): unknown {
  if (f.error) return { file: f.file, error: f.error, forms: [], findings: [] };
  return {
    file: f.file,
    format: f.format,
    forms: f.reports.flatMap((s) => s.forms),
    findings: f.reports.flatMap((s) => s.findings),
  };
}

function fileLines(f: ReviewedFile): string[] {
  if (f.error) return [`⚠ 无法读取  ${f.file}：${f.error}`];
  const items = formItems([f]);
  if (items.length === 0) return [`· 未找到自评表  ${f.file}`];
  const mark = { 通过: '✔', 需复核: '▲', 退回修改: '✖' } as const;
  return items.map(
    (it) =>
      `${mark[it.verdict]} ${it.verdict}  ${f.file} · ${it.form.sheet}（${KIND[it.form.kind]}，复算 ${it.form.total.recomputed}` +
      `${it.errors || it.warnings ? `，错误 ${it.errors}、警告 ${it.warnings}` : ''}）`,
  );
}

const indent = (s: string, by: string) => s.replace(/\n/g, `\n${by}`);

export async function runReview(argv: string[], io: ReviewIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out.write(`核分（Hefen）批量审核：\n${REVIEW_USAGE}\n`);
    return 0;
  }
  let args: ReviewArgs;
  try {
    args = parseReviewArgs(argv);
  } catch (e) {
    if (e instanceof ReviewUsageError) {
      io.err.write(`${e.message}\n\n用法：\n${REVIEW_USAGE}\n`);
      return 2;
    }
    throw e;
  }
  const refuse = (message: string) => {
    io.err.write(`${message}\n`);
    return 2;
  };

  const { files: inputs, missing, folders } = await collectInputs(args.paths);
  if (inputs.length === 0 && missing.length === 0) {
    return refuse(`在 ${args.paths.join('、')} 中没有找到工作簿（.xlsx / .xlsm / .xls / .et）。`);
  }
  const outAbs = args.out ? path.resolve(args.out) : null;
  if (outAbs && inputs.some((f) => f.absolute === outAbs)) {
    return refuse(`--out 指向要审核的文件：${args.out}。请把审核汇总放在要审核的文件和文件夹之外。`);
  }
  if (outAbs && existsSync(outAbs) && !args.force) return refuse(`${args.out} 已存在。如需覆盖，请加 --force。`);
  let targets: string[] = [];
  if (args.annotate) {
    const dirAbs = path.resolve(args.annotate);
    if (folders.some((d) => isWithin(dirAbs, d))) return refuse(`批注副本目录不能放在要审核的文件夹里：${args.annotate}`);
    targets = annotatedTargets(inputs, args.annotate);
    const clash = targets.find((t) => inputs.some((f) => f.absolute === path.resolve(t)));
    if (clash) return refuse(`批注副本会覆盖要审核的文件：${clash}`);
    if (!args.force) {
      const exists = targets.find((t) => existsSync(t));
      if (exists) return refuse(`${exists} 已存在。如需覆盖，请加 --force。`);
    }
  }

  // A copy whose bytes need another extension than planned (an .xlsx input that is macro-enabled
  // inside, or the reverse) is renamed to match, never onto a planned name or, without --force, a file.
  const taken = new Set(targets.map((t) => t.toLowerCase()));
  const nameForBytes = (planned: string, ext: string): string => {
    if (path.extname(planned).toLowerCase() === ext) return planned;
    const parsed = path.parse(planned);
    const busy = (n: string) => taken.has(n.toLowerCase()) || (!args.force && existsSync(n)) || inputs.some((f) => f.absolute.toLowerCase() === path.resolve(n).toLowerCase());
    const name = freeName(path.join(parsed.dir, parsed.name), ext, busy);
    taken.add(name.toLowerCase());
    return name;
  };

  const linkBase = outAbs ? path.dirname(outAbs) : process.cwd();
  // A relative URI: '/' separators; %, # and spaces escaped so that the link is not cut short.
  const linkTo = (p: string) =>
    path
      .relative(linkBase, path.resolve(p))
      .split(path.sep)
      .join('/')
      .replace(/[% #]/g, (c) => encodeURIComponent(c));

  const reviewed: ReviewedFile[] = new Array(inputs.length);
  const progress = new Progress(io.err, inputs.length);
  let jsonStarted = false;
  const writeOut = (s: string) => {
    progress.clear();
    io.out.write(s);
    progress.redraw();
  };
  if (args.json) {
    io.out.write(`{\n  "rules": ${JSON.stringify(args.rules)},\n  "files": [`);
    jsonStarted = true;
  }
  let jsonCount = 0;
  const order = new InOrder<{ file: ReviewedFile; result: JobResult }>(inputs.length, (i, { file }) => {
    if (args.json) {
      io.out.write(jsonCount++ ? ',\n' : '\n');
      writeJsonAt(io.out, fileJson(file), 2);
    } else {
      writeOut(`${fileLines(file).join('\n')}\n`);
    }
    reviewed[i] = args.json ? { ...file, reports: slim(file.reports) } : file;
  });

  const annotateFailures: string[] = [];
  const jobs: ReviewJob[] = inputs.map((f, index) => ({ index, path: f.absolute, rules: args.rules, annotate: !!args.annotate, detail: args.json }));
  const writes: Promise<void>[] = [];
  const started = performance.now();
  await runJobs(jobs, args.jobs, (r) => {
    const input: InputFile = inputs[r.index];
    let link = linkTo(input.absolute);
    if (r.annotated) {
      const target = nameForBytes(targets[r.index], r.annotatedExt ?? '.xlsx');
      link = linkTo(target);
      writes.push(
        fs
          .mkdir(path.dirname(target), { recursive: true })
          .then(() => fs.writeFile(target, r.annotated!))
          .catch((e: NodeJS.ErrnoException) => {
            annotateFailures.push(`${target}：${e.code ?? e.message}`);
          }),
      );
    } else if (r.annotateError) annotateFailures.push(`${input.display}：${r.annotateError}`);
    const file: ReviewedFile = { file: input.display, link, format: r.format, reports: r.reports, error: r.error, packNotes: r.packNotes };
    if (!r.error) delete file.error;
    if (!r.packNotes) delete file.packNotes;
    const forms = r.reports.reduce((n, s) => n + s.forms.length, 0);
    const errors = r.reports.reduce((n, s) => n + s.findings.filter((x: Finding) => x.severity === 'error').length, 0);
    progress.add(forms, errors, !!r.error);
    order.put(r.index, { file, result: r });
  });
  await Promise.all(writes);
  progress.finish();
  io.timings?.('files', performance.now() - started);

  const all: ReviewedFile[] = [...reviewed, ...missing.map((m) => ({ file: m.display, reports: [], error: m.reason }))];
  const summary = summarize(all, args.rules);
  if (jsonStarted) {
    for (const m of missing) {
      io.out.write(jsonCount++ ? ',\n' : '\n');
      writeJsonAt(io.out, fileJson({ file: m.display, reports: [], error: m.reason }), 2);
    }
    io.out.write(`\n  ],\n  "summary": ${indent(JSON.stringify(summary, null, 2), '  ')}\n}\n`);
  } else {
    for (const m of missing) io.out.write(`⚠ 无法读取  ${m.display}：${m.reason}\n`);
  }

  if (args.out) {
    try {
      const t = performance.now();
      const bytes = await buildReviewWorkbook(all, { rules: args.rules });
      io.timings?.('workbook', performance.now() - t);
      await fs.mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
      await fs.writeFile(args.out, bytes);
    } catch (e) {
      io.err.write(`无法写入审核汇总 ${args.out}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
  }
  const v = summary.verdicts;
  const lines = [
    `共 ${summary.files} 个文件、${summary.forms} 张自评表：退回修改 ${v['退回修改']}，需复核 ${v['需复核']}，通过 ${v['通过']}` +
      `${summary.unreadable ? `；无法读取 ${summary.unreadable} 个文件` : ''}${summary.withoutForm ? `；${summary.withoutForm} 个文件中没有自评表` : ''}。`,
  ];
  if (args.out) lines.push(`审核汇总 → ${args.out}`);
  if (args.annotate) lines.push(`批注副本 → ${args.annotate}${path.sep}`);
  for (const f of annotateFailures) lines.push(`未能生成批注副本：${f}`);
  // With --json stdout holds only the JSON document; the summary goes to stderr.
  (args.json ? io.err : io.out).write(`${lines.join('\n')}\n`);

  if (summary.unreadable > 0) return 2;
  return summary.findings.error > 0 ? 1 : 0;
}
