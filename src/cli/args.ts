/**
 * The command line's arguments: what `hefen …` was asked to do, parsed and validated, with the
 * usage text. Shared by main.ts and commands.ts, which is why it is a module of its own.
 */
import {
  DEFAULT_TEMPLATE_ROWS,
  MAX_TEMPLATE_ROWS,
  RULE_PACKS,
  isRulePackName,
  type RulePackName,
} from '../core/index.js';

/** Where the CLI writes; a test passes string collectors. */
export interface IO {
  out: { write(s: string): unknown };
  err: { write(s: string): unknown };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const REVIEW_USAGE =
  '  hefen review 文件或文件夹… --out 审核汇总.xlsx [--annotate 目录] [--json] [--rules 规则包|auto] [--jobs N] [--force]';

export const USAGE = `用法：
  hefen check 文件.xlsx… [--json] [--rules 规则包]
  hefen check 文件.xlsx --write-totals --out 输出.xlsx [--overwrite-formulas] [--rules 规则包]
  hefen check 文件.xlsx --write-totals --in-place
  hefen template project|department --out 文件.xlsx [--rows N] [--rules 规则包] [--force]
${REVIEW_USAGE}

规则包：${Object.values(RULE_PACKS).map((p) => `${p.name}（${p.title}）`).join('、')}；默认 national。
退出码：0 未发现错误；1 发现错误；2 文件无法读取或参数有误。`;

export interface CheckArgs {
  command: 'check';
  files: string[];
  json: boolean;
  rules: RulePackName;
  writeTotals: boolean;
  out: string | null;
  inPlace: boolean;
  overwriteFormulas: boolean;
}

export interface TemplateArgs {
  command: 'template';
  kind: 'project' | 'department';
  out: string;
  rows: number;
  rules: RulePackName;
  force: boolean;
}

export function parseArgs(argv: string[]): CheckArgs | TemplateArgs | { command: 'help' } {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  let rules: string = 'national';
  let json = false;
  let writeTotals = false;
  let inPlace = false;
  let out: string | null = null;
  let rows = DEFAULT_TEMPLATE_ROWS;
  let force = false;
  let overwriteFormulas = false;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} 后面需要一个值`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--rules') rules = value();
    else if (a.startsWith('--rules=')) rules = a.slice(8);
    else if (a === '--write-totals') writeTotals = true;
    else if (a === '--in-place') inPlace = true;
    else if (a === '--overwrite-formulas') overwriteFormulas = true;
    else if (a === '--force') force = true;
    else if (a === '--out' || a === '-o') out = value();
    else if (a === '--rows') rows = Number(value());
    else if (a.startsWith('--')) throw new UsageError(`不认识的选项：${a}`);
    else positional.push(a);
  }
  if (!isRulePackName(rules)) {
    throw new UsageError(`未知的规则包：${rules}（可用：${Object.keys(RULE_PACKS).join('、')}）`);
  }
  if (command === 'check') {
    if (positional.length === 0) throw new UsageError('请给出要检查的 .xlsx 文件');
    if (writeTotals) {
      if (positional.length !== 1) throw new UsageError('--write-totals 一次只处理一个文件');
      if (!out && !inPlace) throw new UsageError('--write-totals 需要 --out 输出.xlsx（或明确给出 --in-place 覆盖原文件）');
      if (out && inPlace) throw new UsageError('--out 与 --in-place 只能选一个');
    } else if (out || inPlace) {
      throw new UsageError('--out / --in-place 只与 --write-totals 一起使用');
    }
    return { command, files: positional, json, rules, writeTotals, out, inPlace, overwriteFormulas };
  }
  if (command === 'template') {
    const kind = positional[0];
    if (kind !== 'project' && kind !== 'department') throw new UsageError('模板类型须为 project（项目支出）或 department（部门整体支出）');
    if (!out) throw new UsageError('请用 --out 指定输出文件');
    if (!Number.isInteger(rows) || rows < 1 || rows > MAX_TEMPLATE_ROWS) {
      throw new UsageError(`--rows 须为 1–${MAX_TEMPLATE_ROWS} 的整数`);
    }
    return { command, kind, out, rows, rules, force };
  }
  throw new UsageError(`不认识的命令：${command}`);
}
