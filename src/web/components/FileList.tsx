import { memo } from 'react';
import type { FileEntry } from '../state.js';
import { countBy, allFindings, countsText, fileVerdict, VERDICT_CLASS, type FileVerdict } from '../labels.js';
import { NO_MARKS, type MarkIndex } from '../marks.js';
import { rovingKeyDown } from './roving.js';

function verdictOfEntry(f: FileEntry, marks: MarkIndex): FileVerdict {
  if (f.status === 'failed') return '无法读取';
  if (f.status !== 'done' || !f.check) return f.status === 'checking' ? '检查中' : '等待';
  return fileVerdict(f.check, marks);
}

const OTHER_CLASS: Record<string, string> = { 无法读取: 'v-fail', 未找到自评表: 'v-none', 检查中: 'v-wait', 等待: 'v-wait' };

export function FileList({
  files,
  selected,
  onSelect,
  marksOf = () => NO_MARKS,
}: {
  files: FileEntry[];
  selected: number | null;
  /** Keep it stable (useCallback): the rows are memoised on their props. */
  onSelect(id: number): void;
  /** A file's review marks: its counts and 结论 leave the marked findings out. */
  marksOf?(f: FileEntry): MarkIndex;
}) {
  if (files.length === 0) return null;
  const focusId = selected ?? files[0].id;
  const tally = new Map<FileVerdict, number>();
  for (const f of files) {
    const v = verdictOfEntry(f, marksOf(f));
    tally.set(v, (tally.get(v) ?? 0) + 1);
  }
  const order: FileVerdict[] = ['退回修改', '需复核', '通过', '未找到自评表', '无法读取', '检查中', '等待'];
  return (
    <section className="panel files" aria-labelledby="files-h">
      <h2 id="files-h">
        文件 <span className="muted">（{files.length} 个）</span>
      </h2>
      <p className="tally small" data-tally>
        {order
          .filter((v) => tally.get(v))
          .map((v) => `${v} ${tally.get(v)}`)
          .join(' · ')}
      </p>
      <ul className="file-list" role="listbox" aria-label="已打开的文件" onKeyDown={(e) => rovingKeyDown(e, '[role=option]', (i) => onSelect(files[i].id))}>
        {files.map((f) => (
          <FileItem key={f.id} f={f} selected={f.id === selected} focusable={f.id === focusId} marks={marksOf(f)} onSelect={onSelect} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One row. Memoised: with 100 files, each result that comes back re-renders its own row only
 * (the App replaces just that entry), not all hundred.
 */
const FileItem = memo(function FileItem({
  f,
  selected,
  focusable,
  marks,
  onSelect,
}: {
  f: FileEntry;
  selected: boolean;
  focusable: boolean;
  marks: MarkIndex;
  onSelect(id: number): void;
}) {
  const v = verdictOfEntry(f, marks);
  const cls = (VERDICT_CLASS as Record<string, string>)[v] ?? OTHER_CLASS[v];
  const counts = f.check ? countsText(countBy(allFindings(f.check), marks)) : f.error ?? '';
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={focusable ? 0 : -1}
      data-file={f.path}
      data-status={f.status}
      data-ms={f.elapsed === undefined ? undefined : Math.round(f.elapsed)}
      className={`file-item${selected ? ' selected' : ''}`}
      onClick={() => onSelect(f.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(f.id);
        }
      }}
    >
      <span className="file-name" title={f.path}>
        {f.path}
      </span>
      <span className={`verdict ${cls}`}>{v}</span>
      <span className="file-counts">{counts}</span>
    </li>
  );
});
