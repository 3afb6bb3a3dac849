import { CODE_TITLES } from '../../core/index.js';
import type { Finding, Severity } from '../../core/index.js';
import type { CheckedForm } from '../protocol.js';
import { markText } from '../../host/index.js';
import { countBy, countsText, formVerdict, kindZh, orDash, percent, SEVERITIES, SEVERITY_ZH, VERDICT_CLASS } from '../labels.js';
import { markOf, NO_MARKS, type MarkIndex } from '../marks.js';
import { SeverityIcon } from '../icons.js';
import { rovingKeyDown } from './roving.js';

export function FormSummary({ checked, index, marks = NO_MARKS }: { checked: CheckedForm; index: number; marks?: MarkIndex }) {
  const { form, findings } = checked;
  const verdict = formVerdict(checked, marks);
  const n = countBy(findings, marks);
  const marked = findings.length - (n.error + n.warning + n.info);
  const rate = form.executionRate;
  return (
    <div className="summary">
      <div className="summary-head">
        <h3 id={`form-${index}-h`}>
          {form.title ?? `${kindZh(form.kind)}绩效自评表`}
          <span className="muted small form-sub">
            {kindZh(form.kind)} · 工作表“{form.sheet}” {form.range}
          </span>
        </h3>
        <span className={`verdict big ${VERDICT_CLASS[verdict]}`} data-verdict={verdict}>
          {verdict}
        </span>
      </div>
      <dl className="figures">
        <div>
          <dt>总分 填报</dt>
          <dd data-figure="declared">{orDash(form.total.declared)}</dd>
        </div>
        <div>
          <dt>各项之和</dt>
          <dd data-figure="sum">{form.total.sum}</dd>
        </div>
        <div>
          <dt>按规则重算</dt>
          <dd data-figure="recomputed">{form.total.recomputed}</dd>
        </div>
        <div>
          <dt>执行率 填报 / 计算</dt>
          <dd>
            {percent(rate.declared)} / {percent(rate.computed)}
          </dd>
        </div>
        <div>
          <dt>等级 填报 / 重算</dt>
          <dd>
            {orDash(form.grade.declared)} / {form.grade.computed}
          </dd>
        </div>
        <div>
          <dt>问题</dt>
          <dd>
            {countsText(n)}
            {marked > 0 && <span className="muted small"> （另 {marked} 个已标记）</span>}
          </dd>
        </div>
      </dl>
    </div>
  );
}

export interface FindingRef {
  finding: Finding;
  /** Position in the file's flat list (上一个/下一个 order). */
  index: number;
}

/** A form's findings, grouped by severity, then by code; each a focusable option. */
export function FindingGroups({
  items,
  current,
  onSelect,
  marks = NO_MARKS,
}: {
  items: FindingRef[];
  current: number;
  onSelect(index: number): void;
  /** Marked findings are shown dimmed with their mark. */
  marks?: MarkIndex;
}) {
  if (items.length === 0) return <p className="ok">没有发现问题：得分、小计、总分、执行率和等级都与规则一致。</p>;
  const groups: { severity: Severity; code: Finding['code']; items: FindingRef[] }[] = [];
  for (const sev of SEVERITIES) {
    for (const ref of items.filter((i) => i.finding.severity === sev)) {
      let g = groups.find((x) => x.severity === sev && x.code === ref.finding.code);
      if (!g) groups.push((g = { severity: sev, code: ref.finding.code, items: [] }));
      g.items.push(ref);
    }
  }
  const focusIndex = items.some((i) => i.index === current) ? current : items[0].index;
  return (
    <div
      className="finding-groups"
      role="listbox"
      aria-label="发现的问题"
      onKeyDown={(e) => rovingKeyDown(e, '[role=option]', (k) => onSelect(Number((e.currentTarget.querySelectorAll('[role=option]')[k] as HTMLElement).dataset.index)))}
    >
      {groups.map((g) => (
        <div key={`${g.severity}-${g.code}`} role="group" aria-label={`${SEVERITY_ZH[g.severity]}：${CODE_TITLES[g.code].zh}`} className={`group group-${g.severity}`}>
          <div className="group-title" aria-hidden>
            <SeverityIcon severity={g.severity} /> {SEVERITY_ZH[g.severity]} · {CODE_TITLES[g.code].zh} <span className="muted">（{g.items.length}）</span>
          </div>
          {g.items.map(({ finding: f, index }) => {
            const mark = markOf(marks, f);
            const said = mark ? markText(mark) : '';
            return (
              <div
                key={index}
                role="option"
                aria-selected={index === current}
                tabIndex={index === focusIndex ? 0 : -1}
                data-index={index}
                data-code={f.code}
                data-cell={f.cell}
                data-sheet={f.sheet}
                data-mark={mark?.status}
                aria-label={`${SEVERITY_ZH[f.severity]}，${f.cell}，${CODE_TITLES[f.code].zh}${said ? `（${said}）` : ''}：${f.message}`}
                className={`finding sev-${f.severity}${index === current ? ' current' : ''}${mark ? ' marked' : ''}`}
                onClick={() => onSelect(index)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(index);
                  }
                }}
              >
                <div className="finding-head">
                  <SeverityIcon severity={f.severity} />
                  <span className="cell-ref">{f.cell}</span>
                  {f.path.length > 0 && <span className="path muted">{f.path.join(' / ')}</span>}
                </div>
                <div className="finding-msg">{f.message}</div>
                {(f.declared !== null || f.expected !== null) && (
                  <div className="finding-fig">
                    填报 <b>{orDash(f.declared)}</b>
                    {f.expected !== null && (
                      <>
                        {' '}
                        → 应为 <b>{f.expected}</b>
                      </>
                    )}
                  </div>
                )}
                {mark && <div className="finding-mark">{said}</div>}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
