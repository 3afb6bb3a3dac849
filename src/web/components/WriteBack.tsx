import { useMemo, useState } from 'react';
import { planWriteBack, type PlannedWrite } from '../../core/index.js';
import type { SheetReport } from '../../core/index.js';
import type { WriteItem } from '../protocol.js';

/**
 * 写回合计 for a copy: the core's plan as a preview with a checkbox per cell (formula cells come
 * unticked), then one download of the copy with exactly the ticked cells written.
 */
export function WriteBack({ reports, busy, onDownload }: { reports: SheetReport[]; busy: boolean; onDownload(items: WriteItem[]): void }) {
  const plan = useMemo(() => planWriteBack(reports), [reports]);
  const key = (w: PlannedWrite) => `${w.sheet}!${w.cell}`;
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(plan.filter((w) => w.overwrite).map(key)));
  if (plan.length === 0) return <p className="muted">合计、执行率和等级都与规则一致，没有需要写回的单元格。</p>;
  const chosen = plan.filter((w) => ticked.has(key(w)));
  return (
    <div className="write-back">
      <table className="plan">
        <thead>
          <tr>
            <th scope="col">写回</th>
            <th scope="col">单元格</th>
            <th scope="col">项目</th>
            <th scope="col">原值</th>
            <th scope="col">新值</th>
          </tr>
        </thead>
        <tbody>
          {plan.map((w) => {
            const k = key(w);
            const id = `wb-${k}`;
            return (
              <tr key={k}>
                <td>
                  <input
                    id={id}
                    type="checkbox"
                    checked={ticked.has(k)}
                    onChange={(e) => {
                      const next = new Set(ticked);
                      if (e.target.checked) next.add(k);
                      else next.delete(k);
                      setTicked(next);
                    }}
                  />
                </td>
                <td>
                  <label htmlFor={id}>
                    {w.sheet}!{w.cell}
                  </label>
                </td>
                <td>
                  {w.label}
                  {w.formula && <span className="muted small">（含公式 {w.formula}，勾选后改为数值）</span>}
                </td>
                <td>{w.displayOld ?? '（空）'}</td>
                <td>
                  <b>{w.display}</b>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="btn primary"
        disabled={busy || chosen.length === 0}
        onClick={() =>
          onDownload(chosen.map((w) => ({ sheet: w.sheet, cell: w.cell, value: w.value, numberFormat: w.numberFormat, replacesFormula: w.formula !== null })))
        }
      >
        下载写回后的副本（{chosen.length} 个单元格）
      </button>
      <p className="muted small">原文件不会被修改；副本在 Excel/WPS 中打开时会重新计算公式。</p>
    </div>
  );
}
