/**
 * `hefen template project|department --out FILE.xlsx [--rows N] [--rules NAME]`: the blank template
 * rendered by src/xlsx, saved to a file that is never silently replaced.
 */
import { access } from 'node:fs/promises';
import { buildTemplate, type TemplateDescription, type TemplateOptions } from '../core/index.js';
import { templateWorkbook } from '../xlsx/index.js';

export class OutputExistsError extends Error {
  constructor(readonly path: string) {
    super(`输出文件已存在，未覆盖：${path}（请换一个文件名，或先删除该文件）`);
    this.name = 'OutputExistsError';
  }
}

export interface WriteTemplateOptions extends Omit<TemplateOptions, 'kind'> {
  /** Replace an existing file (default: refuse with OutputExistsError). */
  overwrite?: boolean;
}

/** Write a workbook holding one blank template sheet to `outPath`. */
export async function writeTemplateXlsx(
  kind: TemplateOptions['kind'],
  outPath: string,
  options: WriteTemplateOptions = {},
): Promise<{ path: string; sheet: string; template: TemplateDescription }> {
  const { overwrite = false, ...templateOptions } = options;
  const template = buildTemplate({ ...templateOptions, kind });
  if (!overwrite && (await exists(outPath))) throw new OutputExistsError(outPath);
  const { workbook, sheet } = templateWorkbook(template);
  await workbook.xlsx.writeFile(outPath);
  return { path: outPath, sheet, template };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
