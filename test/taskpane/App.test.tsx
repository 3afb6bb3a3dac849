// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CODE_TITLES, type SheetReport } from '../../src/core/index.js';
import { App } from '../../src/taskpane/App.js';
import { HostError } from '../../src/host/index.js';
import { fakeHost } from './fake-host.js';
import { SHEET, seed002Report } from './seed002-report.js';

afterEach(cleanup);

/** Render the pane and wait for the check it runs on opening. */
async function open(host: ReturnType<typeof fakeHost>) {
  render(<App host={host} />);
  await waitFor(() => expect(host.check).toHaveBeenCalled());
  await waitFor(() => expect(screen.queryByText('正在检查…')).toBeNull());
}

function items(): HTMLElement[] {
  return screen.getAllByRole('listitem');
}

/** The finding's own button (the first in its item; 采用建议值 may follow). */
const findingButton = (el: HTMLElement) => within(el).getAllByRole('button')[0];
const cellOf = (el: HTMLElement) => findingButton(el).querySelector('[data-cell]')?.textContent;

describe('task pane, seed 002', () => {
  it('checks the active sheet at once, with the settings this workbook remembers', async () => {
    const settings = { rules: 'hubei' as const, highlight: ['error' as const], wholeWorkbook: false, recheckOnActivate: true };
    const host = fakeHost([seed002Report()], { settings });
    await open(host);
    expect(host.loadSettings).toHaveBeenCalledTimes(1);
    expect(host.check).toHaveBeenCalledTimes(1);
    expect(host.check).toHaveBeenCalledWith(settings);
    expect(screen.getByText('已在表格中标记 4 个单元格。')).toBeTruthy();
  });

  it('summarises declared against recomputed figures', async () => {
    await open(fakeHost([seed002Report()]));
    const summary = screen.getByRole('region', { name: `项目支出绩效自评表 ${SHEET}` });
    const s = within(summary);
    expect(s.getByText(`${SHEET}!A1:H27 · 2023年部门预算项目支出绩效自评表`)).toBeTruthy();
    // total: declared 94.5, summed 94.5, recomputed 92.16
    expect(s.getAllByText('94.5')).toHaveLength(2);
    expect(s.getByText('92.16')).toBeTruthy();
    // rate 0.67 declared → 67%, 0.665513 computed → 66.55%
    expect(s.getByText('67%')).toBeTruthy();
    expect(s.getByText('66.55%')).toBeTruthy();
    // execution score 7 declared (flagged: an error points at H5), 4.66 recomputed, weight 7
    const sevens = s.getAllByText('7');
    expect(sevens).toHaveLength(2);
    expect(sevens.map((e) => e.getAttribute('data-flag'))).toEqual(['error', null]);
    expect(s.getByText('4.66')).toBeTruthy();
    // grade: none declared on the sheet, 优 recomputed; weights total 97; rule pack
    expect(s.getByText('优')).toBeTruthy();
    // 97 is flagged: the weights do not add to 100 (weight-total-not-100 at F27)
    expect(s.getByText('97').getAttribute('data-flag')).toBe('error');
    expect(s.getByText('全国通用（财政部）')).toBeTruthy();
  });

  it('groups findings by severity, then kind, with counts', async () => {
    await open(fakeHost([seed002Report()]));
    expect(screen.getByText('发现 4 个问题', { selector: 'h2' })).toBeTruthy();
    const errors = screen.getByRole('group', { name: '错误 2' });
    const warnings = screen.getByRole('group', { name: '警告 2' });
    expect(errors.compareDocumentPosition(warnings) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(errors).getByRole('group', { name: `${CODE_TITLES['score-mismatch'].zh} 1` })).toBeTruthy();
    expect(within(errors).getByRole('group', { name: `${CODE_TITLES['weight-total-not-100'].zh} 1` })).toBeTruthy();
    expect(within(warnings).getByRole('group', { name: `${CODE_TITLES['missing-deviation-reason'].zh} 1` })).toBeTruthy();
    expect(within(warnings).getByRole('group', { name: `${CODE_TITLES['over-achievement'].zh} 1` })).toBeTruthy();
    expect(items().map(cellOf)).toEqual(['H5', 'F27', 'H16', 'E15']);
  });

  it('counts several findings of one kind together', async () => {
    const report = seed002Report();
    report.findings.push({ ...report.findings[1], cell: 'G16', declared: '2.5', expected: '2.5' });
    await open(fakeHost([report]));
    expect(screen.getByRole('group', { name: '错误 3' })).toBeTruthy();
    expect(screen.getByRole('group', { name: `${CODE_TITLES['score-mismatch'].zh} 2` })).toBeTruthy();
    expect(items().map(cellOf)).toEqual(['H5', 'G16', 'F27', 'H16', 'E15']);
  });

  it('shows cell, indicator path, explanation and declared → expected', async () => {
    await open(fakeHost([seed002Report()]));
    const [h5, , h16] = items();
    expect(h5.textContent).toContain('预算执行率');
    expect(h5.textContent).toContain('预算执行率得分应为 4.66（执行率 66.55% × 分值 7），填报 7');
    expect(h5.textContent).toContain('7 → 4.66');
    expect(h16.textContent).toContain('产出指标 › 数量指标 › 偿还历史欠款');
    expect(h16.textContent).toContain('填报 2.5');
    expect(h16.textContent).not.toContain('→');
  });

  it('clicking a finding selects its cell in its sheet', async () => {
    const host = fakeHost([seed002Report()]);
    await open(host);
    fireEvent.click(findingButton(items()[2]));
    expect(host.select).toHaveBeenCalledWith(SHEET, 'H16');
    expect(findingButton(items()[2]).getAttribute('aria-current')).toBe('true');
    expect(screen.getByText('第 3 / 4 个')).toBeTruthy();
  });

  it('上一个/下一个 walk the findings in the listed order, wrapping round', async () => {
    const host = fakeHost([seed002Report()]);
    await open(host);
    const next = screen.getByRole('button', { name: '下一个' });
    const prev = screen.getByRole('button', { name: '上一个' });
    fireEvent.click(next);
    fireEvent.click(next);
    fireEvent.click(prev);
    fireEvent.click(prev);
    expect(host.select.mock.calls.map((c) => c[1])).toEqual(['H5', 'F27', 'H5', 'E15']);
    expect(screen.getByText('第 4 / 4 个')).toBeTruthy();
    fireEvent.click(next);
    expect(host.select).toHaveBeenLastCalledWith(SHEET, 'H5');
  });

  it('清除标记 asks the host to clear and says how many went', async () => {
    const host = fakeHost([seed002Report()]);
    await open(host);
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    await screen.findByText('已清除 4 处标记。');
    expect(host.clearHighlights).toHaveBeenCalledTimes(1);
    // the findings stay listed
    expect(items()).toHaveLength(4);
  });

  it('settings are saved with the workbook and the check reruns with them', async () => {
    const host = fakeHost([seed002Report()]);
    await open(host);
    fireEvent.click(screen.getByRole('button', { name: '设置' }));
    const panel = screen.getByRole('region', { name: '设置' });

    fireEvent.change(within(panel).getByRole('combobox'), { target: { value: 'hubei' } });
    const hubei = { rules: 'hubei', highlight: ['error', 'warning'], wholeWorkbook: false, recheckOnActivate: true };
    await waitFor(() => expect(host.saveSettings).toHaveBeenLastCalledWith(hubei));
    await waitFor(() => expect(host.check).toHaveBeenLastCalledWith(hubei));

    fireEvent.click(within(panel).getByRole('checkbox', { name: '警告' }));
    await waitFor(() => expect(host.saveSettings).toHaveBeenLastCalledWith({ ...hubei, highlight: ['error'] }));
    fireEvent.click(within(panel).getByRole('checkbox', { name: '提示' }));
    await waitFor(() => expect(host.saveSettings).toHaveBeenLastCalledWith({ ...hubei, highlight: ['error', 'info'] }));

    fireEvent.click(screen.getByRole('switch', { name: '整个工作簿' }));
    const whole = { ...hubei, highlight: ['error', 'info'], wholeWorkbook: true };
    await waitFor(() => expect(host.saveSettings).toHaveBeenLastCalledWith(whole));
    await waitFor(() => expect(host.check).toHaveBeenLastCalledWith(whole));
    expect(await host.loadSettings()).toEqual(whole);
  });

  it('speaks English when Excel does', async () => {
    const host = fakeHost([seed002Report()], { locale: 'en-US' });
    render(<App host={host} />);
    await screen.findByText('Highlighted 4 cells.');
    expect(screen.getByRole('button', { name: 'Check scores' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Clear highlights' })).toBeTruthy();
    const summary = screen.getByRole('region', { name: `Project self-evaluation form ${SHEET}` });
    expect(within(summary).getAllByText('Recomputed')).toHaveLength(3);
    expect(within(summary).getByText('National (Ministry of Finance)')).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Errors 2' })).toBeTruthy();
    expect(screen.getByRole('group', { name: `${CODE_TITLES['score-mismatch'].en} 1` })).toBeTruthy();
    expect(items()[0].textContent).toContain('Execution score should be 4.66 (rate 66.55% × weight 7), declared 7');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('1 of 4')).toBeTruthy();
    // the sheet's own words (indicator paths, quoted targets) stay Chinese; the pane's do not
    for (const zh of ['检查得分', '清除标记', '错误', '警告', '上一个', '下一个', '复算', '规则包']) {
      expect(screen.queryByText(zh, { exact: false })).toBeNull();
    }
  });
});

describe('task pane, other sheets', () => {
  const noForm = (sheet: string): SheetReport => ({ sheet, forms: [], findings: [] });

  it('says plainly when the sheet holds no form', async () => {
    await open(fakeHost([noForm('说明')], { highlighted: 0 }));
    expect(screen.getByText('工作表“说明”中没有找到绩效自评表。')).toBeTruthy();
    expect(screen.queryByText('没有发现问题。')).toBeNull();
    expect(screen.queryByRole('listitem')).toBeNull();
  });

  it('in English too', async () => {
    render(<App host={fakeHost([noForm('Notes')], { locale: 'en-US', highlighted: 0 })} />);
    expect(await screen.findByText('No performance self-evaluation form found on sheet “Notes”.')).toBeTruthy();
  });

  it('a whole-workbook check lists every sheet and names the sheet of each finding', async () => {
    const host = fakeHost([seed002Report(), noForm('说明')]);
    await open(host);
    expect(screen.getByText('工作表“说明”中没有找到绩效自评表。')).toBeTruthy();
    expect(items().map(cellOf)).toEqual([`${SHEET}!H5`, `${SHEET}!F27`, `${SHEET}!H16`, `${SHEET}!E15`]);
  });

  it('a form without findings says so', async () => {
    const report = { ...seed002Report(), findings: [] };
    await open(fakeHost([report], { highlighted: 0 }));
    expect(screen.getByText('没有发现问题。')).toBeTruthy();
    expect(screen.getByText('表格中没有需要标记的单元格。')).toBeTruthy();
  });

  it('shows a host failure in Chinese with Excel’s own detail', async () => {
    const host = fakeHost([seed002Report()]);
    host.check.mockRejectedValueOnce(new HostError('read-failed', '读取工作表失败。', { cause: new Error('RichApi.Error') }));
    await open(host);
    expect(screen.getByText('读取工作表失败。（RichApi.Error）')).toBeTruthy();
    // 检查得分 tries again
    fireEvent.click(screen.getByRole('button', { name: '检查得分' }));
    await screen.findByText('已在表格中标记 4 个单元格。');
    expect(screen.queryByText(/读取工作表失败/)).toBeNull();
  });

  it('shows a host failure in English by its code when Excel speaks English, with Excel’s own detail', async () => {
    const host = fakeHost([seed002Report()], { locale: 'en-US' });
    host.check.mockRejectedValueOnce(new HostError('read-failed', '读取工作表失败。', { cause: new Error('RichApi.Error') }));
    render(<App host={host} />);
    expect((await screen.findByRole('alert')).textContent).toBe('Could not read the worksheet. (RichApi.Error)');
    fireEvent.click(screen.getByRole('button', { name: 'Check scores' }));
    await screen.findByText('Highlighted 4 cells.');
    host.select.mockRejectedValueOnce(new HostError('select-failed', '无法定位到“Sheet1”的 H5。'));
    fireEvent.click(findingButton(items()[0]));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not go to that cell: the cell could not be selected (the sheet may have been deleted or renamed).',
    );
  });

  it('and in Chinese with the host’s own words, which name the cell', async () => {
    const host = fakeHost([seed002Report()]);
    await open(host);
    host.select.mockRejectedValueOnce(new HostError('select-failed', '无法定位到“Sheet1”的 H5。'));
    fireEvent.click(findingButton(items()[0]));
    expect((await screen.findByRole('alert')).textContent).toBe('无法定位到“Sheet1”的 H5。');
  });

  it('follows Office’s dark theme with Fluent’s dark colours', async () => {
    const host = fakeHost([seed002Report()], { theme: 'dark' });
    await open(host);
    const root = screen.getByRole('toolbar').parentElement!;
    expect(root.style.colorScheme).toBe('dark');
    // FluentProvider puts the theme's variables into a style sheet rule for its class
    const css = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');
    expect(css).toMatch(/--colorNeutralBackground1: ?#292929/);
    expect(css).toMatch(/--colorBrandBackground: ?#115ea3/);
  });

  it('shows the host’s warnings', async () => {
    const host = fakeHost([seed002Report()]);
    host.check.mockResolvedValueOnce({
      reports: [seed002Report()],
      highlighted: 4,
      sheetsWithoutForm: [],
      warnings: ['merges-unavailable'],
    });
    await open(host);
    expect(screen.getByText(/未能读取合并单元格/)).toBeTruthy();
  });
});
