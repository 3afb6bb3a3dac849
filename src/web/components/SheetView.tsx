import { useEffect, useMemo, useRef, memo } from 'react';
import { columnName, toA1, type Severity } from '../../core/index.js';
import type { SheetView as View } from '../protocol.js';
import { SEVERITY_ZH } from '../labels.js';

const MARKER: Record<Severity, string> = { error: '✖', warning: '▲', info: 'ⓘ' };

/** Width in px from the longest text of a column (CJK characters count double), within bounds. */
function columnWidths(view: View, covered: Set<string>, spans: Map<string, { rows: number; cols: number }>): number[] {
  const n = view.text[0]?.length ?? 0;
  const widths = new Array<number>(n).fill(48);
  view.text.forEach((row, r) => {
    row.forEach((t, c) => {
      // Text merged across columns has the merge's width; it does not widen its first column.
      if (!t || covered.has(`${r},${c}`) || (spans.get(`${r},${c}`)?.cols ?? 1) > 1) return;
      let units = 0;
      for (const ch of t) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
      widths[c] = Math.max(widths[c], Math.min(200, units * 7 + 14));
    });
  });
  return widths;
}

const ROW_HEAD = 40;
const NUMERIC = /^[-+]?[\d,.]+%?$/;
/** A frozen column is at most this wide (longer names end in “…”, the full text in the tooltip). */
const FROZEN_COL_PX = 96;
/**
 * Empty columns after the form, lettered as in the sheet (Excel shows them too): room to scroll
 * any column of the form up to the frozen ones, so the column beside them is never a cut-off sliver.
 */
const FILLER_COLS = 8;
const FILLER_PX = 64;

/**
 * How many leading columns to freeze, as Excel's 冻结窗格 would: the text columns that name the
 * indicators (fewer numbers than words in them), at most three — the 一级/二级/三级 names — so a
 * flagged cell far to the right is seen beside its indicator's name.
 */
export function frozenColumns(view: View, widths: number[]): number {
  let n = 0;
  for (let c = 0; c < Math.min(3, widths.length - 1); c++) {
    let words = 0;
    let numbers = 0;
    for (const row of view.text) {
      const t = row[c];
      if (!t) continue;
      if (NUMERIC.test(t)) numbers++;
      else words++;
    }
    if (words === 0 || numbers >= words) break;
    n++;
  }
  return n;
}

/**
 * A read-only grid of the form's sheet: column letters, row numbers, merged cells and the text as
 * displayed; flagged cells filled and marked (✖ error, ▲ warning), the selected finding's cell
 * outlined and scrolled into the middle of the view.
 */
/** Memoised: a result arriving for another file does not re-render the table. */
export const SheetView = memo(function SheetView({
  view,
  marks,
  selectedCell,
  onCell,
}: {
  view: View;
  marks: Map<string, Severity>;
  selectedCell: string | null;
  onCell(cell: string): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const { spans, covered } = useMemo(() => {
    const spans = new Map<string, { rows: number; cols: number }>();
    const covered = new Set<string>();
    for (const m of view.merges) {
      const r0 = m.top - view.top;
      const c0 = m.left - view.left;
      spans.set(`${r0},${c0}`, { rows: m.bottom - m.top + 1, cols: m.right - m.left + 1 });
      for (let r = r0; r <= m.bottom - view.top; r++) for (let c = c0; c <= m.right - view.left; c++) if (r !== r0 || c !== c0) covered.add(`${r},${c}`);
    }
    return { spans, covered };
  }, [view]);
  const natural = useMemo(() => columnWidths(view, covered, spans), [view, covered, spans]);
  const frozen = useMemo(() => frozenColumns(view, natural), [view, natural]);
  const widths = useMemo(() => natural.map((w, c) => (c < frozen ? Math.min(w, FROZEN_COL_PX) : w)), [natural, frozen]);
  // Left offset of each frozen column (after the row numbers), and the frozen block's width.
  const lefts = useMemo(() => {
    const out = [ROW_HEAD];
    for (let c = 0; c < frozen; c++) out.push(out[c] + widths[c]);
    return out;
  }, [frozen, widths]);
  const frozenWidth = lefts[frozen];

  useEffect(() => {
    if (!selectedCell || !scroller.current) return;
    const el = scroller.current.querySelector<HTMLElement>(`[data-cell="${selectedCell}"]`);
    if (!el) return;
    const box = scroller.current;
    // Scroll the grid only (not the page): the cell to the middle row; sideways only as far as
    // needed, and never under the frozen indicator columns.
    box.scrollTop = Math.max(0, el.offsetTop - box.clientHeight / 2 + el.offsetHeight / 2);
    if (el.classList.contains('frozen')) return;
    const right = el.offsetLeft + el.offsetWidth;
    if (right > box.scrollLeft + box.clientWidth) {
      // Then snapped to a column edge: the first column beside the frozen ones is whole, never a
      // sliver of cut-off figures and a header with no letter.
      const need = right - box.clientWidth + 8 + frozenWidth;
      let edge = ROW_HEAD;
      for (let c = 0; c < widths.length && edge < need; c++) edge += widths[c];
      box.scrollLeft = Math.min(el.offsetLeft, edge) - frozenWidth;
    }
    if (el.offsetLeft - frozenWidth < box.scrollLeft) box.scrollLeft = Math.max(0, el.offsetLeft - frozenWidth);
  }, [selectedCell, view, frozenWidth, widths]);

  const cols = view.text[0]?.length ?? 0;
  return (
    <div className="sheet-wrap">
      <div className="sheet-scroll" ref={scroller} tabIndex={0} role="region" aria-label={`工作表“${view.sheet}”（只读）`}>
        {/* table-layout: fixed needs a set width, else the columns grow with their text. */}
        <table className="sheet" style={{ width: ROW_HEAD + widths.reduce((a, b) => a + b, 0) + FILLER_COLS * FILLER_PX }} data-frozen={frozen}>
          <colgroup>
            <col style={{ width: ROW_HEAD }} />
            {widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
            {Array.from({ length: FILLER_COLS }, (_, i) => (
              <col key={`f${i}`} style={{ width: FILLER_PX }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th className="corner" />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} scope="col" className={c < frozen ? 'col-head frozen' : 'col-head'} style={c < frozen ? { left: lefts[c] } : undefined}>
                  {columnName(view.left + c)}
                </th>
              ))}
              {Array.from({ length: FILLER_COLS }, (_, i) => (
                <th key={`f${i}`} scope="col" className="col-head filler" aria-hidden="true">
                  {columnName(view.left + cols + i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.text.map((row, r) => (
              <tr key={r}>
                <th scope="row" className="row-head">
                  {view.top + r + 1}
                </th>
                {row.map((t, c) => {
                  if (covered.has(`${r},${c}`)) return null;
                  const a1 = toA1(view.top + r, view.left + c);
                  const span = spans.get(`${r},${c}`);
                  const mark = marks.get(a1);
                  const selected = a1 === selectedCell;
                  const cols = span?.cols ?? 1;
                  // A merge that starts in the frozen columns and reaches past them is split at the
                  // frozen edge, as Excel's 冻结窗格 splits it: the frozen part keeps the text (cut
                  // with “…”, whole in the tooltip), the rest scrolls, empty. Otherwise a title row
                  // would slide under the frozen columns and show the middle of its text.
                  const split = c < frozen && c + cols > frozen;
                  const stuck = split || c + cols <= frozen;
                  const cls = [mark ? `mark-${mark}` : '', selected ? 'cell-selected' : '', NUMERIC.test(t) ? 'num' : '', stuck ? 'frozen' : '', stuck && (split || c + cols === frozen) ? 'frozen-edge' : '']
                    .filter(Boolean)
                    .join(' ');
                  const cell = (
                    <td
                      key={c}
                      data-cell={a1}
                      rowSpan={span?.rows}
                      colSpan={split ? frozen - c : span?.cols}
                      className={cls || undefined}
                      style={stuck ? { left: lefts[c] } : undefined}
                      title={mark ? `${a1}：${SEVERITY_ZH[mark]}　${t}` : t || undefined}
                      onClick={mark ? () => onCell(a1) : undefined}
                    >
                      {mark && (
                        <span className={`cell-marker marker-${mark}`} aria-label={SEVERITY_ZH[mark]}>
                          {MARKER[mark]}
                        </span>
                      )}
                      {t}
                    </td>
                  );
                  if (!split) return cell;
                  return [
                    cell,
                    <td key={`${c}+`} className={['merge-rest', mark ? `mark-${mark}` : ''].filter(Boolean).join(' ')} rowSpan={span?.rows} colSpan={c + cols - frozen} aria-hidden="true" />,
                  ];
                })}
                <td className="filler" colSpan={FILLER_COLS} aria-hidden="true" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.truncated && <p className="muted small">表格较大，只显示表单附近的前 400 行、40 列。</p>}
    </div>
  );
});
