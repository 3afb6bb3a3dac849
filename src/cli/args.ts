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

const CHECK_LINES = `  hefen check 文件.xlsx|.xls|.et… [--json] [--rules 规则包]
  hefen check 文件 --write-totals --out 输出.xlsx [--force] [--overwrite-formulas] [--json] [--rules 规则包]
  hefen check 文件 --write-totals --in-place [--overwrite-formulas] [--json]`;
const TEMPLATE_LINE = '  hefen template project|department --out 文件.xlsx [--rows N] [--rules 规则包] [--force]';

const PACKS_LINE = `规则包：${Object.values(RULE_PACKS).map((p) => `${p.name}（${p.title}）`).join('、')}；默认 national。`;

export const USAGE = `用法：
${CHECK_LINES}
${TEMPLATE_LINE}
${REVIEW_USAGE}
  hefen --version
  hefen 命令 --help

${PACKS_LINE}
退出码：0 未发现错误；1 发现错误；2 文件无法读取或参数有误。`;

export const CHECK_HELP = `hefen check：检查绩效自评表的得分（.xlsx、.xlsm、.xls、WPS .et；格式按文件内容识别，与扩展名无关）

${CHECK_LINES}

  --json                输出 JSON（每个文件一项：file、format、forms、findings，无法读取时为 error）
  --rules 规则包        ${PACKS_LINE}
  --write-totals        把按规则重算的小计、总分、执行率及其得分、等级写回（只改这些单元格）
  --out 输出.xlsx       写到这个新文件；文件已存在时需加 --force
  --in-place            直接改写原文件（先写临时文件再替换，中途失败原文件不变）
  --force               允许覆盖已存在的 --out 文件（绝不允许覆盖输入文件本身）
  --overwrite-formulas  含公式的合计单元格也写入数值（默认保留公式、不写）

输入为 .xls/.et 时写回的结果是 .xlsx 文件（另存时只保留数值、公式、合并单元格和数字格式）。
输入为含宏的 .xlsm 时结果仍是 .xlsm（保留宏；--out 写成 .xlsx 也会改为 .xlsm，否则 Excel 拒绝打开）。
写回数值后，工作簿标记为打开时重算全部公式（引用这些单元格的公式随之更新）。
退出码：0 未发现错误；1 发现错误；2 文件无法读取、无法写回或参数有误。`;

export const TEMPLATE_HELP = `hefen template：生成空白的绩效自评表模板（.xlsx）

${TEMPLATE_LINE}

  project               项目支出绩效自评表
  department            部门整体支出绩效自评表
  --out 文件.xlsx       输出文件（已存在时需加 --force）
  --rows N              每个二级指标下留出的三级指标行数（1–${MAX_TEMPLATE_ROWS}，默认 ${DEFAULT_TEMPLATE_ROWS}）
  --rules 规则包        ${PACKS_LINE}`;

export interface CheckArgs {
  command: 'check';
  files: string[];
  json: boolean;
  rules: RulePackName;
  writeTotals: boolean;
  out: string | null;
  inPlace: boolean;
  overwriteFormulas: boolean;
  force: boolean;
}

export interface TemplateArgs {
  command: 'template';
  kind: 'project' | 'department';
  out: string;
  rows: number;
  rules: RulePackName;
  force: boolean;
}

export type HelpArgs = { command: 'help'; topic: 'all' | 'check' | 'template' };

export function parseArgs(argv: string[]): CheckArgs | TemplateArgs | HelpArgs | { command: 'version' } {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help', topic: 'all' };
  if (command === '--version' || command === '-v' || command === '-V' || command === 'version') return { command: 'version' };
  if ((command === 'check' || command === 'template') && rest.some((a) => a === '--help' || a === '-h')) {
    return { command: 'help', topic: command };
  }
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
    if (force && !writeTotals) throw new UsageError('--force 只与 --write-totals 一起使用');
    return { command, files: positional, json, rules, writeTotals, out, inPlace, overwriteFormulas, force };
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
