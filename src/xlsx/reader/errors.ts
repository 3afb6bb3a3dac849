/** Why a workbook could not be read, with the Chinese sentence the user sees. */
export type WorkbookReadErrorCode =
  | 'encrypted'
  | 'not-a-workbook'
  | 'corrupt'
  | 'too-large'
  | 'too-many-cells'
  | 'too-many-sheets'
  | 'timeout'
  | 'empty';

export class WorkbookReadError extends Error {
  constructor(
    readonly code: WorkbookReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

export const MESSAGES = {
  encrypted: '文件已加密，请先取消密码',
  notAWorkbook: '这不是 Excel/WPS 工作簿（无法识别的文件内容）',
  corrupt: '文件已损坏或不完整，无法读取',
  empty: '工作簿是空的：所有工作表都没有内容',
  noSheets: '工作簿中没有工作表',
} as const;

export function corrupt(detail?: string): WorkbookReadError {
  return new WorkbookReadError('corrupt', detail ? `${MESSAGES.corrupt}（${detail}）` : MESSAGES.corrupt);
}
