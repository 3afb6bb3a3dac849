/**
 * Files from the picker, a folder picker or a drop (files and whole folders, walked with
 * webkitGetAsEntry), kept to the workbook types the checker reads.
 */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm', '.xls', '.et'];
export const ACCEPT = WORKBOOK_EXTENSIONS.join(',');

export interface PickedFile {
  file: File;
  /** Path inside a dropped or picked folder, else the file name. */
  path: string;
}

export function isWorkbookName(name: string): boolean {
  const lower = name.toLowerCase();
  // Excel's lock files (~$name.xlsx) are not workbooks.
  return !lower.startsWith('~$') && WORKBOOK_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function fromFileList(list: FileList | File[]): PickedFile[] {
  return [...list]
    .map((file) => ({ file, path: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name }))
    .filter((p) => isWorkbookName(p.file.name));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: PickedFile[], depth = 0): Promise<void> {
  if (entry.isFile) {
    if (!isWorkbookName(entry.name)) return;
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ file, path: entry.fullPath.replace(/^\//, '') || file.name });
  } else if (entry.isDirectory && depth < 32) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries returns at most ~100 entries per call; read until it returns none.
    for (;;) {
      const batch = await readEntries(reader);
      if (!batch.length) break;
      for (const e of batch) await walk(e, out, depth + 1);
    }
  }
}

/** Everything dropped: files, and the workbooks inside dropped folders, in path order. */
export async function fromDataTransfer(dt: DataTransfer): Promise<PickedFile[]> {
  const entries = [...dt.items]
    .filter((i) => i.kind === 'file')
    .map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((e) => e === null)) return fromFileList(dt.files);
  const out: PickedFile[] = [];
  for (const e of entries) await walk(e as FileSystemEntry, out);
  return out.sort((a, b) => a.path.localeCompare(b.path, 'zh-CN'));
}

/** Save bytes made in the browser as a download. */
export function saveBytes(name: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as BlobPart], { type: /\.xlsm$/i.test(name) ? MIME.xlsm : MIME.xlsx });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * "报表.xlsx" → "报表（核分标注）.xlsx". The extension says what the copy's bytes are: the patch
 * writer keeps a macro-enabled package's content types (and its vbaProject.bin), so a copy of an
 * xlsm (by content, whatever the input's name) stays .xlsm — Excel refuses a macro-enabled
 * package named .xlsx. Everything else is .xlsx (an .xls/.et copy is rebuilt as .xlsx).
 * `format`: the reader's, from the bytes; without it the input's extension decides.
 */
export function copyName(name: string, tag: string, format?: string): string {
  const base = name.replace(/\.(xlsx|xlsm|xls|et)$/i, '');
  const macro = format ? format === 'xlsm' : /\.xlsm$/i.test(name);
  return `${base}（${tag}）${macro ? '.xlsm' : '.xlsx'}`;
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.12',
};
