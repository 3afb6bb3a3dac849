import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RULE_PACKS, isRulePackName, type Finding, type RulePackName, type Severity } from '../core/index.js';
import type { TemplateKind } from '../core/index.js';
import { copyName, saveBytes, type PickedFile } from './files.js';
import { allFindings, countBy, countsText, fileVerdict, SEVERITIES, SEVERITY_ZH, VERDICT_CLASS } from './labels.js';
import type { WorkerRequest, WorkerResult, WriteItem } from './protocol.js';
import { DEFAULT_SETTINGS, type FileEntry, type Settings } from './state.js';
import { DropZone } from './components/DropZone.js';
import { FileList } from './components/FileList.js';
import { FindingGroups, FormSummary, type FindingRef } from './components/FormResults.js';
import { SheetView } from './components/SheetView.js';
import { WriteBack } from './components/WriteBack.js';
import { MarkBar } from './components/MarkBar.js';
import { localMarks, markIndex, markOf, NO_MARKS, withMark, type MarkIndex, type MarkStore, type ReviewMark } from './marks.js';
import { DownloadIcon, LockIcon } from './icons.js';

export interface Pool {
  run<R extends WorkerRequest>(request: R, transfer?: Transferable[]): Promise<WorkerResult<R>>;
}

/** How often results are committed while many files come back. */
const FLUSH_MS = 150;

interface Batch {
  total: number;
  done: number;
  started: number;
  finished: number | null;
}

export function App({
  pool,
  marksFor = localMarks,
  onReady,
}: {
  pool: Pool;
  /** Where a file's review marks are kept, by its content hash. */
  marksFor?: (hash: string) => MarkStore;
  /** Called once the page has rendered for the first time. */
  onReady?(): void;
}) {
  const [files, setFiles] = useState<FileEntry[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [current, setCurrent] = useState(0);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [batch, setBatch] = useState<Batch | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [writeBackOpen, setWriteBackOpen] = useState(false);
  /** Review marks by file content hash, loaded when a file's check comes back. */
  const [marksByHash, setMarksByHash] = useState<Record<string, ReviewMark[]>>({});
  const marksLoaded = useRef(new Set<string>());
  const nextId = useRef(1);
  const rulesRef = useRef(settings.rules);
  rulesRef.current = settings.rules;

  useEffect(() => {
    document.documentElement.dataset.ready = String(Math.round(performance.now()));
    onReady?.();
  }, []);

  // Results are committed at most every FLUSH_MS while files come back: with 100 files, a commit
  // (and the page's style and layout) per result cost more main-thread time than the checks.
  // The last result of a batch (and a lone file) goes through on the next task.
  const pending = useRef(new Map<number, Partial<FileEntry>>());
  const inFlight = useRef(0);
  const pendingBatch = useRef<Batch | null>(null);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastFlush = useRef(0);
  const flush = useCallback(() => {
    flushTimer.current = null;
    lastFlush.current = performance.now();
    const patches = pending.current;
    pending.current = new Map();
    const now = performance.now();
    if (patches.size) {
      setFiles((fs) =>
        fs.map((f) => {
          const patch = patches.get(f.id);
          if (!patch) return f;
          // From the file given to the page to its results being committed.
          return { ...f, ...patch, ...(patch.status === 'done' ? { elapsed: now - f.given } : {}) };
        }),
      );
    }
    if (pendingBatch.current) setBatch(pendingBatch.current);
    pendingBatch.current = null;
  }, []);
  const schedule = useCallback(() => {
    const wait = inFlight.current > 0 ? Math.max(0, FLUSH_MS - (performance.now() - lastFlush.current)) : 0;
    if (flushTimer.current !== null) {
      if (wait > 0) return;
      clearTimeout(flushTimer.current);
    }
    flushTimer.current = setTimeout(flush, wait);
  }, [flush]);
  useEffect(() => () => void (flushTimer.current !== null && clearTimeout(flushTimer.current)), []);
  const update = useCallback(
    (id: number, patch: Partial<FileEntry>) => {
      pending.current.set(id, { ...pending.current.get(id), ...patch });
      schedule();
    },
    [schedule],
  );
  const showBatch = useCallback(
    (b: Batch) => {
      pendingBatch.current = { ...b };
      schedule();
    },
    [schedule],
  );

  const check = useCallback(
    (entry: Pick<FileEntry, 'id' | 'name' | 'bytes' | 'given'>, rules: RulePackName) => {
      inFlight.current++;
      update(entry.id, { status: 'checking' });
      const copy = entry.bytes.slice(0);
      return pool.run({ type: 'check', name: entry.name, bytes: copy, rules }, [copy]).then(
        (result) => {
          inFlight.current--;
          if (rulesRef.current !== rules) return; // a newer check with other rules is on its way
          update(entry.id, { status: 'done', check: result, error: undefined });
          if (!marksLoaded.current.has(result.hash)) {
            marksLoaded.current.add(result.hash);
            void marksFor(result.hash)
              .loadReviewMarks()
              .then((marks) => marks.length && setMarksByHash((m) => ({ ...m, [result.hash]: marks })));
          }
        },
        (err: Error) => {
          inFlight.current--;
          update(entry.id, { status: 'failed', check: undefined, error: err.message });
        },
      );
    },
    [pool, marksFor, update],
  );

  const runBatch = useCallback(
    (entries: Pick<FileEntry, 'id' | 'name' | 'bytes' | 'given'>[], rules: RulePackName) => {
      const b: Batch = { total: entries.length, done: 0, started: performance.now(), finished: null };
      showBatch(b);
      for (const e of entries) {
        void check(e, rules).finally(() => {
          b.done++;
          if (b.done === b.total) b.finished = performance.now();
          showBatch(b);
        });
      }
    },
    [check, showBatch],
  );

  const addFiles = useCallback(
    async (picked: PickedFile[]) => {
      if (picked.length === 0) {
        setStatus('没有可以检查的工作簿：请选择 .xlsx、.xlsm、.xls 或 .et 文件。');
        return;
      }
      const entries: FileEntry[] = [];
      const given = performance.now();
      for (const p of picked) {
        const bytes = await p.file.arrayBuffer();
        entries.push({ id: nextId.current++, name: p.file.name, path: p.path, bytes, status: 'queued', given });
      }
      setFiles((fs) => [...fs, ...entries]);
      setSelected((s) => s ?? entries[0].id);
      setStatus(`正在检查 ${entries.length} 个文件……`);
      runBatch(entries, rulesRef.current);
    },
    [runBatch],
  );

  const setRules = (rules: RulePackName) => {
    setSettings((s) => ({ ...s, rules }));
    rulesRef.current = rules;
    if (files.length) runBatch(files.map((f) => ({ ...f, given: performance.now() })), rules);
  };

  useEffect(() => {
    if (batch?.finished != null) {
      setStatus(`已检查 ${batch.total} 个文件，用时 ${((batch.finished - batch.started) / 1000).toFixed(1)} 秒。`);
    }
  }, [batch?.finished]);

  const download = async (label: string, name: string, request: WorkerRequest, transfer: Transferable[] = []) => {
    setBusy(label);
    try {
      const bytes = (await pool.run(request, transfer)) as Uint8Array;
      saveBytes(name, bytes);
      setStatus(`已生成“${name}”。`);
    } catch (e) {
      setStatus((e as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const indexes = useMemo(() => {
    const out = new Map<string, MarkIndex>();
    for (const [hash, list] of Object.entries(marksByHash)) out.set(hash, markIndex(list));
    return out;
  }, [marksByHash]);
  const marksOfFile = (f: Pick<FileEntry, 'check'>): MarkIndex => (f.check ? indexes.get(f.check.hash) ?? NO_MARKS : NO_MARKS);
  const marksList = (f: Pick<FileEntry, 'check'>): ReviewMark[] => (f.check ? marksByHash[f.check.hash] ?? [] : []);

  const entry = files.find((f) => f.id === selected) ?? null;
  const checked = entry?.check ?? null;
  const reviewMarks = entry ? marksOfFile(entry) : NO_MARKS;
  const flat = useMemo(() => (checked ? allFindings(checked) : []), [checked]);
  const markedCount = reviewMarks.size ? flat.filter((f) => markOf(reviewMarks, f)).length : 0;
  const cur = flat.length ? Math.min(current, flat.length - 1) : 0;
  const finding = flat[cur] ?? null;
  const viewSheet = finding?.sheet ?? checked?.forms[0]?.form.sheet ?? null;
  const view = checked && viewSheet ? checked.views[viewSheet] : undefined;
  const marks = useMemo(() => {
    const m = new Map<string, Severity>();
    for (const f of flat) {
      // A finding marked 忽略 or 已复核 is left out of the colouring, as the pane leaves it out of highlights.
      if (f.sheet !== viewSheet || !settings.mark.includes(f.severity) || markOf(reviewMarks, f)) continue;
      const had = m.get(f.cell);
      if (!had || SEVERITIES.indexOf(f.severity) < SEVERITIES.indexOf(had)) m.set(f.cell, f.severity);
    }
    return m;
  }, [flat, viewSheet, settings.mark, reviewMarks]);

  const onCell = useCallback(
    (cell: string) => {
      const k = flat.findIndex((f) => f.sheet === viewSheet && f.cell === cell);
      if (k >= 0) setCurrent(k);
    },
    [flat, viewSheet],
  );

  const mark = (f: Finding, status: ReviewMark['status'] | null, note?: string) => {
    const hash = checked?.hash;
    if (!hash) return;
    const next = withMark(marksByHash[hash] ?? [], f, status, note);
    setMarksByHash((m) => ({ ...m, [hash]: next }));
    marksFor(hash)
      .saveReviewMarks(next)
      .then(
        () => setStatus(status ? `已将 ${f.cell} 标记为“${status === 'ignored' ? '忽略' : '已复核'}”，不计入统计；标记保存在本机浏览器中。` : `已取消 ${f.cell} 的标记。`),
        (e: Error) => setStatus(e.message),
      );
  };

  // Stable, so the file list's rows (memoised) do not re-render when another file's results arrive.
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const selectFile = useCallback((id: number) => {
    if (id !== selectedRef.current) {
      setSelected(id);
      setCurrent(0);
      setWriteBackOpen(false);
    }
  }, []);

  const done = files.filter((f) => f.status === 'done' || f.status === 'failed').length;
  const allDone = files.length > 0 && done === files.length;

  let offset = 0;
  const formRefs: FindingRef[][] = (checked?.forms ?? []).map((cf) => {
    const refs = cf.findings.map((finding, k) => ({ finding, index: offset + k }));
    offset += cf.findings.length;
    return refs;
  });

  return (
    <div className="app">
      <header className="top">
        <h1>核分 · 绩效自评表得分核查</h1>
        <p className="privacy">
          <LockIcon /> 文件只在本机浏览器中处理，不会上传：本页面不联网；只有“忽略 / 已复核”标记保存在本机浏览器中。
        </p>
      </header>

      <section className="toolbar" aria-label="打开文件与设置">
        <DropZone onFiles={(p) => void addFiles(p)} />
        <div className="settings" role="group" aria-label="设置">
          <label className="field">
            <span>规则</span>
            <select value={settings.rules} onChange={(e) => isRulePackName(e.target.value) && setRules(e.target.value)}>
              {Object.values(RULE_PACKS).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.title}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field marks">
            <legend>在表格中标出</legend>
            {SEVERITIES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  checked={settings.mark.includes(s)}
                  onChange={(e) =>
                    setSettings((st) => ({ ...st, mark: e.target.checked ? SEVERITIES.filter((x) => x === s || st.mark.includes(x)) : st.mark.filter((x) => x !== s) }))
                  }
                />
                {SEVERITY_ZH[s]}
              </label>
            ))}
          </fieldset>
        </div>
        <div className="downloads" role="group" aria-label="下载">
          <button
            type="button"
            className="btn"
            disabled={!allDone || busy !== null}
            onClick={() =>
              void download('review', '核分审核汇总.xlsx', {
                type: 'review',
                rules: settings.rules,
                files: files.map((f) => ({ file: f.path, format: f.check?.format, reports: f.check?.reports ?? [], error: f.error, marks: marksList(f) })),
              })
            }
          >
            <DownloadIcon /> 导出审核汇总
          </button>
          {(['project', 'department'] as TemplateKind[]).map((kind) => (
            <button
              key={kind}
              type="button"
              className="btn"
              disabled={busy !== null}
              onClick={() =>
                void download('template', `${kind === 'project' ? '项目支出' : '部门整体支出'}绩效自评表（空白模板）.xlsx`, { type: 'template', kind, rules: settings.rules })
              }
            >
              <DownloadIcon /> 空白模板：{kind === 'project' ? '项目支出' : '部门整体支出'}
            </button>
          ))}
        </div>
      </section>

      {batch && (
        <div className="progress" data-progress={`${batch.done}/${batch.total}`}>
          <progress max={batch.total} value={batch.done} aria-label="检查进度" />
          <span>{batch.finished == null ? `正在检查 ${batch.done} / ${batch.total} 个文件` : `${batch.total} 个文件已检查完`}</span>
        </div>
      )}
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>

      {files.length === 0 ? (
        <section className="panel intro">
          <h2>怎么用</h2>
          <ol>
            <li>单击上面的“选择工作簿…”，或把一个或多个自评表（也可以是整个文件夹）拖进来。</li>
            <li>核分找出每张表中的绩效自评表，按规则重算每项得分、小计、总分、预算执行率和等级。</li>
            <li>单击左侧文件看结论和问题；单击一个问题，右侧表格会定位并框出该单元格。</li>
            <li>可下载：标注了问题的副本、写回合计后的副本、全部文件的审核汇总、空白模板。</li>
          </ol>
          <p className="muted">支持项目支出和部门整体支出绩效自评表。文件只在本机处理，不会上传。</p>
        </section>
      ) : (
        <main className="layout">
          <FileList files={files} selected={selected} onSelect={selectFile} marksOf={marksOfFile} />
          <section className="panel results" aria-labelledby="results-h">
            {!entry ? (
              <p className="muted" id="results-h">
                正在检查……
              </p>
            ) : (
              <>
                <div className="results-head">
                  <h2 id="results-h" title={entry.path}>
                    {entry.path}
                  </h2>
                  {checked && (
                    <span className={`verdict big ${(VERDICT_CLASS as Record<string, string>)[fileVerdict(checked, reviewMarks)] ?? 'v-none'}`}>{fileVerdict(checked, reviewMarks)}</span>
                  )}
                </div>
                {entry.status === 'failed' && <p className="error-note">{entry.error}</p>}
                {entry.status !== 'done' && entry.status !== 'failed' && <p className="muted">正在检查……</p>}
                {checked && (
                  <>
                    <div className="file-actions">
                      <button
                        type="button"
                        className="btn"
                        disabled={busy !== null || checked.forms.length === 0}
                        onClick={() => {
                          const copy = entry.bytes.slice(0);
                          void download(
                            'annotate',
                            copyName(entry.name, '核分标注', checked.format),
                            { type: 'annotate', bytes: copy, findings: flat, severities: settings.mark, marks: marksList(entry) },
                            [copy],
                          );
                        }}
                      >
                        <DownloadIcon /> 下载标注副本
                      </button>
                      <button type="button" className="btn" aria-expanded={writeBackOpen} disabled={checked.forms.length === 0} onClick={() => setWriteBackOpen((o) => !o)}>
                        写回合计…
                      </button>
                      <span className="muted small">
                        {checked.forms.length} 张自评表 · {countsText(countBy(flat, reviewMarks))}
                        {markedCount > 0 && ` · ${markedCount} 个已标记的问题不计入统计`} · 用时 {Math.round(checked.millis)} 毫秒
                      </span>
                    </div>
                    {writeBackOpen && (
                      <WriteBack
                        key={entry.id}
                        reports={checked.reports}
                        busy={busy !== null}
                        onDownload={(items: WriteItem[]) => {
                          const copy = entry.bytes.slice(0);
                          void download('write-back', copyName(entry.name, '写回合计', checked.format), { type: 'write-back', bytes: copy, writes: items }, [copy]);
                        }}
                      />
                    )}
                    {checked.forms.length === 0 && (
                      <p className="error-note">没有找到绩效自评表：每个工作表里都没有“一级指标 / 分值 / 得分”这样的表头。</p>
                    )}
                    {checked.sheetsWithoutForm.length > 0 && checked.forms.length > 0 && (
                      <p className="muted small">没有自评表的工作表：{checked.sheetsWithoutForm.join('、')}</p>
                    )}
                    {checked.notes.map((n) => (
                      <p key={n} className="muted small">
                        {n}
                      </p>
                    ))}
                    {checked.forms.length > 0 && (
                      <div className="results-body">
                        <div className="forms">
                          {flat.length > 0 && (
                            <div className="nav" role="group" aria-label="逐个查看问题">
                              <button type="button" className="btn" disabled={cur === 0} onClick={() => setCurrent(cur - 1)}>
                                上一个
                              </button>
                              <button type="button" className="btn" disabled={cur >= flat.length - 1} onClick={() => setCurrent(cur + 1)}>
                                下一个
                              </button>
                              <span className="nav-pos" aria-live="polite">
                                第 {cur + 1} / {flat.length} 个
                                {finding && `：${SEVERITY_ZH[finding.severity]} ${finding.cell}`}
                              </span>
                            </div>
                          )}
                          {finding && <MarkBar finding={finding} mark={markOf(reviewMarks, finding)} onMark={(status, note) => mark(finding, status, note)} />}
                          {checked.forms.map((cf, i) => (
                            <section key={i} className="form" aria-labelledby={`form-${i}-h`}>
                              <FormSummary checked={cf} index={i} marks={reviewMarks} />
                              <FindingGroups items={formRefs[i]} current={cur} onSelect={setCurrent} marks={reviewMarks} />
                            </section>
                          ))}
                        </div>
                        <div className="sheet-pane">
                          <h3 className="sheet-title">
                            工作表“{viewSheet}”{finding ? ` · ${finding.cell}` : ''}
                          </h3>
                          {view && (
                            <SheetView
                              view={view}
                              marks={marks}
                              selectedCell={finding && finding.sheet === viewSheet ? finding.cell : null}
                              onCell={onCell}
                            />
                          )}
                        </div>
                      </div>
                    )}
                  </>
                )}
              </>
            )}
          </section>
        </main>
      )}
      <footer className="foot muted small">核分网页版 · 单个离线文件，可直接在浏览器中打开 · 不联网、不上传、不统计</footer>
    </div>
  );
}
