/**
 * STAND-IN for the browser side of the template download: a workbook with one blank template
 * sheet, made with the CLI's addTemplateSheet (src/cli/template-xlsx.ts). That module also
 * imports node:fs/promises for the CLI's file check, which the web build maps to an empty module
 * (webpack.config.js, createWebConfig); the host part is moving the ExcelJS code to src/xlsx/,
 * after which src/web/modules.ts should import from there and the alias can go.
 */
import ExcelJS from 'exceljs';
import { addTemplateSheet } from '../../cli/template-xlsx.js';
import { buildTemplate, type TemplateKind } from '../../core/template.js';
import type { RulePackName } from '../../core/index.js';

export async function templateWorkbook(kind: TemplateKind, rules: RulePackName): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '核分 Hefen';
  wb.calcProperties.fullCalcOnLoad = true;
  addTemplateSheet(wb, buildTemplate({ kind, rules }));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
