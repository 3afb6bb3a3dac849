// @vitest-environment happy-dom
/**
 * The sheet view's frozen columns: the leading indicator-name columns (words, not numbers) stay
 * put, at most three; a merge that reaches past them is split at the frozen edge (its text stays
 * in view); a sheet of figures freezes nothing.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { frozenColumns, SheetView } from '../../src/web/components/SheetView.js';
import type { SheetView as View } from '../../src/web/protocol.js';

const view = (text: string[][], merges: View['merges'] = []): View => ({ sheet: 'Sheet1', top: 0, left: 0, text, merges, truncated: false });

afterEach(cleanup);

describe('SheetView frozen columns', () => {
  it('freezes the leading text columns, at most three, and stops at the first column of figures', () => {
    const form = view([
      ['产出指标', '数量指标', '印刷页数', '≥95%', '5', '5'],
      ['', '', '完成维修次数', '8次以上', '5', '2.5'],
    ]);
    expect(frozenColumns(form, [80, 80, 100, 60, 48, 48])).toBe(3);
    expect(frozenColumns(view([['名称', '5', '6'], ['x', '7', '8']]), [80, 48, 48])).toBe(1);
    expect(frozenColumns(view([['1', '2'], ['3', '4']]), [48, 48])).toBe(0);
  });

  it('renders the frozen cells sticky at their offsets; a merge past the frozen edge is split there', () => {
    const v = view(
      [
        ['2023年绩效自评表', '', '', ''],
        ['产出指标', '数量指标', '5', '5'],
        ['效益指标', '社会效益指标', '10', '8'],
      ],
      [{ top: 0, left: 0, bottom: 0, right: 3 }],
    );
    const { container } = render(<SheetView view={v} marks={new Map([['D2', 'error']])} selectedCell="D2" onCell={() => undefined} />);
    expect(container.querySelector('table.sheet')?.getAttribute('data-frozen')).toBe('2');
    const a2 = container.querySelector<HTMLElement>('td[data-cell="A2"]')!;
    const b2 = container.querySelector<HTMLElement>('td[data-cell="B2"]')!;
    expect(a2.classList.contains('frozen')).toBe(true);
    expect(a2.style.left).toBe('40px');
    expect(b2.classList.contains('frozen-edge')).toBe(true);
    // The title merge A1:D1 is split at the frozen edge: its text stays in the frozen part, the rest scrolls.
    const a1 = container.querySelector<HTMLTableCellElement>('td[data-cell="A1"]')!;
    expect(a1.classList.contains('frozen')).toBe(true);
    expect(a1.colSpan).toBe(2);
    expect(a1.textContent).toBe('2023年绩效自评表');
    const rest = a1.nextElementSibling as HTMLElement;
    expect(rest.className).toBe('merge-rest');
    expect(rest.getAttribute('colspan')).toBe('2');
    expect(rest.textContent).toBe('');
    expect(container.querySelector('td[data-cell="D2"]')?.classList.contains('frozen')).toBe(false);
  });
});
