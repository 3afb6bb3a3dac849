import ExcelJS from 'exceljs';
import type { Finding, FormReport, RulePackName, SheetReport } from '../../src/core/index.js';
import { checkSnapshots } from '../../src/host/index.js';
import { workbookToSnapshots } from '../../src/xlsx/index.js';

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
  const { reports: sheets } = checkSnapshots(workbookToSnapshots(back), { rules });
  const findings = sheets.flatMap((s) => s.findings);
  return { sheets, forms: sheets.flatMap((s) => s.forms), findings, errors: findings.filter((f) => f.severity === 'error') };
}

export const tag = (f: Finding) => `${f.code}@${f.cell}`;
