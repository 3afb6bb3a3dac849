import { useEffect, useRef, useState } from 'react';
import type { Finding } from '../../core/index.js';
import { markText, type ReviewMark } from '../../host/index.js';

/**
 * 忽略 / 已复核 for the current finding (the one 上一个/下一个 and the sheet view show), with an
 * optional note, in the pane's words. Kept outside the findings listbox so its options hold no
 * buttons; a marked finding shows its mark and 取消标记.
 */
export function MarkBar({
  finding,
  mark,
  onMark,
}: {
  finding: Finding;
  mark: ReviewMark | undefined;
  onMark(status: ReviewMark['status'] | null, note?: string): void;
}) {
  const [marking, setMarking] = useState<ReviewMark['status'] | null>(null);
  const [note, setNote] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const where = `${finding.sheet}!${finding.cell}`;
  useEffect(() => {
    setMarking(null);
    setNote('');
  }, [where, finding.code]);
  useEffect(() => {
    if (marking) input.current?.focus();
  }, [marking]);

  const confirm = () => {
    onMark(marking, note.trim() || undefined);
    setMarking(null);
    setNote('');
  };

  if (mark) {
    return (
      <div className="mark-bar" role="group" aria-label={`复核标记：${finding.cell}`}>
        <span className="mark-said" data-mark={mark.status}>
          {finding.cell}：{markText(mark)}
        </span>
        <button type="button" className="btn small-btn" onClick={() => onMark(null)}>
          取消标记
        </button>
      </div>
    );
  }
  if (marking) {
    return (
      <form
        className="mark-bar"
        aria-label={`${marking === 'ignored' ? '忽略' : '已复核'}：${finding.cell}`}
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <label className="field mark-note">
          <span>备注（可不填）</span>
          <input
            ref={input}
            type="text"
            value={note}
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMarking(null);
            }}
          />
        </label>
        <button type="submit" className="btn primary small-btn">
          确定
        </button>
        <button type="button" className="btn small-btn" onClick={() => setMarking(null)}>
          取消
        </button>
      </form>
    );
  }
  return (
    <div className="mark-bar" role="group" aria-label={`复核标记：${finding.cell}`}>
      <span className="muted small">当前问题 {finding.cell}：</span>
      <button type="button" className="btn small-btn" onClick={() => setMarking('ignored')}>
        忽略
      </button>
      <button type="button" className="btn small-btn" onClick={() => setMarking('reviewed')}>
        已复核
      </button>
    </div>
  );
}
