import ExcelJS from 'exceljs';
import { checkSheet } from '../../src/core/check.js';
import type { Finding, FormReport, SheetReport } from '../../src/core/report.js';
import type { RulePackName } from '../../src/core/rules/packs.js';
import { workbookToSnapshots } from '../../src/cli/xlsx-snapshot.js';

/** Save the workbook to .xlsx bytes and read it back, as the CLI would see the file. */
export async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const buf = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf);
  return back;
}

export interface Checked {
  sheets: SheetReport[];
  forms: FormReport[];
  findings: Finding[];
  errors: Finding[];
}

export async function checkWorkbook(wb: ExcelJS.Workbook, rules?: RulePackName): Promise<Checked> {
  const back = await roundTrip(wb);
  const sheets = workbookToSnapshots(back).map((s) => checkSheet(s, { rules }));
  const findings = sheets.flatMap((s) => s.findings);
  return { sheets, forms: sheets.flatMap((s) => s.forms), findings, errors: findings.filter((f) => f.severity === 'error') };
}

export const tag = (f: Finding) => `${f.code}@${f.cell}`;
