// @vitest-environment happy-dom
/**
 * The pane's three parts below the toolbar — 检查结果 / 写回合计 / 插入空白模板 — and 采用建议值 on
 * a finding, on the real engine's report of seed 002: the write-back preview comes from the last
 * check, and every write or undo is followed by a fresh check.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import type { SheetReport } from '../../src/core/report.js';
import { App } from '../../src/taskpane/App.js';
import { HostError, type CheckResult } from '../../src/host/index.js';
import { seed002Snapshot } from '../support/seed002-snap.js';
import { fakeHost, type FakeHostOptions } from './fake-host.js';

afterEach(cleanup);

/** Seed 002 through the engine: H5 7 → 4.66, G27 94.5 → 92.16 to write back; five findings. */
function seed002(edit?: (s: ReturnType<typeof seed002Snapshot>) => void): SheetReport {
  const snap = seed002Snapshot();
  edit?.(snap);
  return checkSheet(snap);
}

/** Seed 002 after 写回合计: execution score and total as the rules give them. */
const written = () =>
  seed002((s) => {
    s.values[4][7] = 4.66;
    s.text![4][7] = '4.66';
    s.values[26][6] = 92.16;
    s.text![26][6] = '92.16';
  });

const checked = (reports: SheetReport[]): CheckResult => ({ reports, highlighted: 3, sheetsWithoutForm: [] });

async function open(reports: SheetReport[] = [seed002()], opts: FakeHostOptions = {}) {
  const host = fakeHost(reports, opts);
  render(<App host={host} />);
  await waitFor(() => expect(host.check).toHaveBeenCalledTimes(1));
  await waitFor(() => expect(screen.queryByText(opts.locale === 'en-US' ? 'Checking…' : '正在检查…')).toBeNull());
  return host;
}

const tab = (name: string | RegExp) => screen.getByRole('tab', { name });
const panelOf = (t: HTMLElement) => document.getElementById(t.getAttribute('aria-controls')!)!;

describe('sections below the toolbar', () => {
  it('检查结果 / 写回合计 / 插入空白模板, the results first, with what is waiting counted on the tabs', async () => {
    await open();
    const tabs = within(screen.getByRole('tablist', { name: '核分功能' })).getAllByRole('tab');
    // five findings; two cells to write back; nothing to count for the template
    expect(tabs.map((t) => t.getAttribute('aria-label') ?? t.textContent)).toEqual(['检查结果（5）', '写回合计（2）', '插入空白模板']);
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((t) => panelOf(t).hidden)).toEqual([false, true, true]);
    expect(within(panelOf(tabs[0])).getAllByRole('listitem')).toHaveLength(5);
  });

  it('switches by click and by arrow keys, Home and End, keeping each part as it was', async () => {
    await open();
    fireEvent.click(tab('写回合计（2）'));
    expect(tab('写回合计（2）').getAttribute('aria-selected')).toBe('true');
    expect(panelOf(tab('检查结果（5）')).hidden).toBe(true);
    fireEvent.keyDown(tab('写回合计（2）'), { key: 'ArrowRight' });
    expect(tab('插入空白模板').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('插入空白模板'));
    fireEvent.change(screen.getByLabelText('年度（可留空）'), { target: { value: '2024' } });
    fireEvent.keyDown(tab('插入空白模板'), { key: 'Home' });
    expect(tab('检查结果（5）').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(tab('检查结果（5）'), { key: 'End' });
    expect((screen.getByLabelText('年度（可留空）') as HTMLInputElement).value).toBe('2024');
    fireEvent.keyDown(tab('插入空白模板'), { key: 'ArrowRight' }); // wraps round
    expect(tab('检查结果（5）').getAttribute('aria-selected')).toBe('true');
  });

  it('写回合计 previews from the last check, writes the ticked cells, then checks again; undo checks again too', async () => {
    const host = await open();
    host.check.mockResolvedValueOnce(checked([written()]));
    fireEvent.click(tab('写回合计（2）'));
    const panel = panelOf(tab('写回合计（2）'));
    const boxes = within(panel).getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('li')!.textContent)).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 92.16（总分）']);
    expect(host.previewWriteBack).toHaveBeenCalledWith((await host.check.mock.results[0].value).reports);

    fireEvent.click(within(panel).getByRole('button', { name: '写回合计（2）' }));
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2));
    expect(host.applyWriteBack.mock.calls[0][0].map((p) => `${p.cell}=${p.value} ${p.overwrite}`)).toEqual(['H5=4.66 true', 'G27=92.16 true']);
    // the re-check's reports: nothing left to write, the tab's count is gone, the panel's notice stays
    await within(panel).findByText('小计、总分、执行率及其得分、评价等级均与规则一致，无需写回。');
    expect(within(panel).getByText(/已写回 2 个单元格/)).toBeTruthy();
    expect(screen.getByRole('tab', { name: '写回合计' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText('已在表格中标记 3 个单元格。')).toBeTruthy();

    const undo = within(panel).getByRole('button', { name: '撤销写回' }) as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled).toBe(false));
    fireEvent.click(undo);
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(3));
    expect(host.undoWriteBack).toHaveBeenCalledTimes(1);
    // back to seed 002 as it was: two cells to write again
    await waitFor(() => expect(screen.getByRole('tab', { name: '写回合计（2）' })).toBeTruthy());
  });

  it('写回合计 cannot be clicked while the pane checks again after the write, and is ready when the check is done', async () => {
    const host = await open();
    let finishCheck: (r: CheckResult) => void = () => {};
    host.check.mockReturnValueOnce(new Promise((ok) => (finishCheck = ok)));
    fireEvent.click(tab('写回合计（2）'));
    const panel = panelOf(tab('写回合计（2）'));
    fireEvent.click(within(panel).getByRole('button', { name: '写回合计（2）' }));
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2));
    expect(screen.getByText('正在检查…')).toBeTruthy();
    const buttons = () => within(panel).getAllByRole('button') as HTMLButtonElement[];
    const boxes = () => within(panel).getAllByRole('checkbox') as HTMLInputElement[];
    expect(buttons().map((b) => `${b.textContent} ${b.disabled}`)).toEqual(['写回合计（2） true', '撤销写回 true']);
    expect(boxes().every((b) => b.disabled)).toBe(true);
    fireEvent.click(buttons()[1]);
    expect(host.undoWriteBack).not.toHaveBeenCalled();

    finishCheck(checked([written()]));
    await within(panel).findByText('小计、总分、执行率及其得分、评价等级均与规则一致，无需写回。');
    await waitFor(() => expect(within(panel).getByRole('button', { name: '撤销写回' }).hasAttribute('disabled')).toBe(false));
  });

  it('写回合计 is about totals only: no heading repeating the tab, no 采用建议值, a pointer to the findings that suggest a score', async () => {
    // 偿还历史欠款 declared 5, the rules give 2.5: a suggestion on its finding (and on H5's)
    const g16 = seed002((s) => {
      s.values[15][6] = 5;
      s.text![15][6] = '5';
    });
    await open([g16]);
    const results = panelOf(tab(/^检查结果/));
    expect(within(results).getAllByRole('button', { name: /^采用建议值/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      '采用建议值：H5 改为 4.66',
      '采用建议值：G16 改为 2.5',
    ]);
    fireEvent.click(tab(/^写回合计/));
    const panel = panelOf(tab(/^写回合计/));
    expect(within(panel).queryByRole('heading')).toBeNull();
    expect(within(panel).queryByRole('button', { name: /采用建议值/ })).toBeNull();
    expect(within(panel).getByText(/^另有 1 个指标的得分与计分规则不符/)).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: '转到检查结果' }));
    expect(tab(/^检查结果/).getAttribute('aria-selected')).toBe('true');
    expect(panelOf(tab(/^检查结果/)).hidden).toBe(false);

    fireEvent.click(tab('插入空白模板'));
    expect(within(panelOf(tab('插入空白模板'))).queryByRole('heading')).toBeNull();
  });

  it('写回合计 before the first check has finished asks for a check', async () => {
    const host = fakeHost([seed002()]);
    host.check.mockReturnValueOnce(new Promise(() => {}));
    render(<App host={host} />);
    fireEvent.click(await screen.findByRole('tab', { name: '写回合计' }));
    expect(screen.getByText('请先单击“检查得分”：写回合计按最近一次检查的结果列出要改的单元格。')).toBeTruthy();
    expect(host.previewWriteBack).not.toHaveBeenCalled();
  });

  it('插入空白模板 follows the pane’s rule pack and says where the template went', async () => {
    const host = await open([seed002()], { settings: { rules: 'hubei', highlight: ['error'], wholeWorkbook: false, recheckOnActivate: true } });
    fireEvent.click(tab('插入空白模板'));
    const panel = panelOf(tab('插入空白模板'));
    expect(within(panel).getByText('规则包：湖北（预算执行率 20 分，定性 80/50）')).toBeTruthy();
    fireEvent.click(within(panel).getByRole('button', { name: '插入空白模板' }));
    await within(panel).findByText('已插入新工作表“自评表”（A1:H47），原有工作表未改动。');
    expect(host.insertTemplate).toHaveBeenCalledWith({ kind: 'project', rules: 'hubei', rows: 2, locale: 'zh-CN' });
    // a blank form is not checked on its own: the findings of the form checked last stay
    expect(host.check).toHaveBeenCalledTimes(1);
  });
});

describe('采用建议值 on a finding', () => {
  const adoptButtons = () => screen.queryAllByRole('button', { name: /^采用建议值/ });

  it('is offered on score findings with a numeric expected only, and writes the suggestion, then checks again', async () => {
    const host = await open();
    const results = panelOf(tab('检查结果（5）'));
    // of the five, only the execution score H5 (7 → 4.66) suggests a score
    expect(within(results).queryAllByRole('button', { name: /^采用建议值/ }).map((b) => b.getAttribute('aria-label'))).toEqual(['采用建议值：H5 改为 4.66']);
    const h5 = adoptButtons()[0].closest('li')!;
    expect(h5.textContent).toContain('7 → 4.66');

    host.check.mockResolvedValueOnce(checked([written()]));
    fireEvent.click(adoptButtons()[0]);
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2));
    expect(host.applySuggestion).toHaveBeenCalledWith(expect.objectContaining({ code: 'score-mismatch', cell: 'H5', expected: '4.66' }));
    await screen.findByText('已采用建议值：H5 改为 4.66（可在“写回合计”中撤销）。 已在表格中标记 3 个单元格。');
    expect(adoptButtons()).toHaveLength(0);
    expect(screen.getByRole('tab', { name: '检查结果（4）' })).toBeTruthy();
  });

  it('is disabled while it writes, with the toolbar', async () => {
    const host = await open();
    let finish: (o: Awaited<ReturnType<typeof host.applySuggestion>>) => void = () => {};
    host.applySuggestion.mockReturnValueOnce(new Promise((ok) => (finish = ok)));
    fireEvent.click(adoptButtons()[0]);
    expect(await screen.findByText('正在写入建议值…')).toBeTruthy();
    expect((adoptButtons()[0] as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: '检查得分' }) as HTMLButtonElement).disabled).toBe(true);
    finish({ status: 'written', written: [{ sheet: 'Sheet1', cell: 'H5' }], unchanged: [], skipped: [], undoDepth: 1 });
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2));
  });

  it('says when the cell holds a formula and was left alone', async () => {
    const host = await open();
    host.applySuggestion.mockResolvedValueOnce({ status: 'written', written: [], unchanged: [], skipped: [{ sheet: 'Sheet1', cell: 'H5', reason: 'formula' }], undoDepth: 0 });
    fireEvent.click(adoptButtons()[0]);
    await screen.findByText('H5 含公式，未改写。 已在表格中标记 4 个单元格。');
  });

  it('shows a failure with the host’s own Chinese message, and does not check again', async () => {
    const host = await open();
    host.applySuggestion.mockRejectedValueOnce(new HostError('write-failed', '写回失败：无法写入单元格（工作表可能受保护或已被删除）。'));
    fireEvent.click(adoptButtons()[0]);
    expect((await screen.findByRole('alert')).textContent).toBe('写回失败：无法写入单元格（工作表可能受保护或已被删除）。');
    expect(host.check).toHaveBeenCalledTimes(1);
    expect((adoptButtons()[0] as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('in English', () => {
  it('names the sections and the action in English', async () => {
    const host = await open([seed002()], { locale: 'en-US' });
    const tabs = within(screen.getByRole('tablist', { name: 'Hefen' })).getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('aria-label') ?? t.textContent)).toEqual(['Results (5)', 'Write back (2)', 'Template']);
    expect(screen.getByRole('button', { name: 'Use the suggested score: set H5 to 4.66' }).textContent).toBe('Use suggested score');
    host.applySuggestion.mockRejectedValueOnce(new HostError('write-failed', '写回失败：无法写入单元格（工作表可能受保护或已被删除）。'));
    fireEvent.click(screen.getByRole('button', { name: 'Use the suggested score: set H5 to 4.66' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not use the suggested score: the cell could not be written (the sheet may be protected or deleted).',
    );
  });

  it('says the write-back panel’s things in English, failures too', async () => {
    const host = await open([seed002()], { locale: 'en-US', depth: 1 });
    fireEvent.click(screen.getByRole('tab', { name: 'Write back (2)' }));
    const panel = panelOf(screen.getByRole('tab', { name: 'Write back (2)' }));
    expect(within(panel).getAllByRole('checkbox').map((b) => b.closest('li')!.textContent)).toEqual([
      'H5: 7 → 4.66 (execution score)',
      'G27: 94.5 → 92.16 (total)',
    ]);
    host.applyWriteBack.mockRejectedValueOnce(new HostError('settings-failed', '无法把撤销记录保存到工作簿中，已恢复写回前的内容，未做任何更改。'));
    fireEvent.click(within(panel).getByRole('button', { name: 'Write back totals (2)' }));
    expect((await within(panel).findByRole('alert')).textContent).toBe('Nothing was written: the undo record could not be saved in the workbook.');
    expect(panel.textContent).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
