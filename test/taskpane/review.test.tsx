// @vitest-environment happy-dom
/**
 * Issue 12 in the pane, on the real engine's report of seed 002 and a fake host: the write-back
 * preview of exactly the ticked cells and a write-back that finds the sheet changed; live results;
 * per-form sections with verdicts and the severity filter; review marks and the export; the
 * figures a finding prints; keyboard and announcements.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSheet } from '../../src/core/check.js';
import type { Finding, SheetReport } from '../../src/core/report.js';
import { findingMeta } from '../../src/core/index.js';
import { App, RECHECK_DELAY_MS } from '../../src/taskpane/App.js';
import { OWN_ECHO_MS } from '../../src/taskpane/quiet.js';
import { shownValues } from '../../src/taskpane/model.js';
import { DEFAULT_SETTINGS, HostError, type ReviewMark } from '../../src/host/index.js';
import { seed002Snapshot } from '../support/seed002-snap.js';
import { fakeHost, type FakeHostOptions } from './fake-host.js';

afterEach(cleanup);

function seed002(edit?: (s: ReturnType<typeof seed002Snapshot>) => void, sheet = 'Sheet1'): SheetReport {
  const snap = seed002Snapshot();
  edit?.(snap);
  const r = checkSheet(snap);
  return {
    sheet,
    forms: r.forms.map((f) => ({ ...f, sheet })),
    findings: r.findings.map((f) => ({ ...f, sheet })),
  };
}

async function open(reports: SheetReport[] = [seed002()], opts: FakeHostOptions = {}) {
  const host = fakeHost(reports, opts);
  const view = render(<App host={host} />);
  await waitFor(() => expect(host.check).toHaveBeenCalledTimes(1));
  await waitFor(() => expect(screen.queryByText('正在检查…')).toBeNull());
  return { host, view };
}

const tab = (name: string | RegExp) => screen.getByRole('tab', { name });
const panelOf = (t: HTMLElement) => document.getElementById(t.getAttribute('aria-controls')!)!;
const findingButtons = () => screen.getAllByRole('button').filter((b) => b.hasAttribute('data-index'));

describe('写回合计: the preview is what the sheet will hold, and a stale write writes nothing', () => {
  it('unticking the execution score: the total follows the score that stays, and only the ticked cell is written', async () => {
    const { host } = await open();
    fireEvent.click(tab('写回合计（2）'));
    const panel = panelOf(tab('写回合计（2）'));
    const [h5] = within(panel).getAllByRole('checkbox');
    fireEvent.click(h5);
    // 87.5 + 7 (H5 kept) = 94.5: the total G27 already holds
    const rows = within(panel).getAllByRole('listitem').map((li) => li.textContent);
    expect(rows).toEqual(['H5: 7 → 不写入（预算执行率得分）', 'G27: 94.5 → 94.5（总分）']);
    expect(host.previewWriteBack).toHaveBeenLastCalledWith(expect.anything(), new Set(['Sheet1!G27']));
    fireEvent.click(within(panel).getByRole('button', { name: '写回合计（1）' }));
    await waitFor(() => expect(host.applyWriteBack).toHaveBeenCalledTimes(1));
    const [items, basis] = host.applyWriteBack.mock.calls[0];
    expect(items.map((p) => `${p.cell}=${p.value} ${p.overwrite}`)).toEqual(['H5=4.66 false', 'G27=94.5 true']);
    expect(basis).toBe((await host.check.mock.results[0].value).reports);
  });

  it('a stale outcome: nothing written, a clear notice, the new check replaces the reports and shows its preview', async () => {
    // G14 edited from 5 to 3 after the check: the total to write is now 90.16
    const edited = seed002((s) => {
      s.values[13][6] = 3;
      s.text![13][6] = '3';
    });
    const { host } = await open([seed002()], { staleWith: [edited] });
    fireEvent.click(tab('写回合计（2）'));
    const panel = panelOf(tab('写回合计（2）'));
    fireEvent.click(within(panel).getByRole('button', { name: '写回合计（2）' }));
    await within(panel).findByText(/^表格在检查后被修改，未写入；已重新检查，请确认新的预览/);
    const rows = within(panel).getAllByRole('listitem').map((li) => li.textContent);
    expect(rows, JSON.stringify(rows)).toContain('G27: 94.5 → 90.16（总分）');
    expect(host.check).toHaveBeenCalledTimes(1); // the host checked again itself
    expect(screen.queryByText(/已写回/)).toBeNull();
  });

  it('a sheet without a form: the tab says there is no form, not that everything agrees', async () => {
    await open([{ sheet: '说明', forms: [], findings: [] }], { highlighted: 0 });
    fireEvent.click(tab('写回合计'));
    expect(screen.getByText('没有找到绩效自评表，没有可写回的合计。')).toBeTruthy();
    expect(screen.queryByText(/均与规则一致/)).toBeNull();
  });

  it('a blank form: grade 尚未填写得分 as the CLI says, and nothing to write', async () => {
    const blank = seed002();
    blank.forms[0] = {
      ...blank.forms[0],
      indicators: blank.forms[0].indicators.map((i) => ({ ...i, declared: null })),
      executionRate: { ...blank.forms[0].executionRate, score: { ...blank.forms[0].executionRate.score, declared: null } },
    };
    await open([blank]);
    const summary = screen.getByRole('region', { name: '项目支出绩效自评表 Sheet1' });
    expect(within(summary).getByText('尚未填写得分')).toBeTruthy();
  });
});

describe('live results', () => {
  it('an edit in the form marks the results out of date at once, then checks again after a pause', async () => {
    const { host } = await open([seed002()], { live: true });
    expect(host.onChange).toHaveBeenCalledTimes(1);
    act(() => host.emit({ kind: 'edit', sheet: 'Sheet1', address: 'H14' }));
    expect(screen.getByText('结果已过期：表格在检查后被修改。')).toBeTruthy();
    expect(host.check).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2), { timeout: RECHECK_DELAY_MS + 2000 });
    await waitFor(() => expect(screen.queryByText('结果已过期：表格在检查后被修改。')).toBeNull());
  });

  it('several quick edits give one check; an edit outside the form only marks the results', async () => {
    const { host } = await open([seed002()], { live: true });
    act(() => {
      host.emit({ kind: 'edit', sheet: 'Sheet1', address: 'H14' });
      host.emit({ kind: 'edit', sheet: 'Sheet1', address: 'H15:H16' });
    });
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2), { timeout: RECHECK_DELAY_MS + 2000 });
    act(() => host.emit({ kind: 'edit', sheet: 'Sheet1', address: 'Z100' }));
    expect(screen.getByText('结果已过期：表格在检查后被修改。')).toBeTruthy();
    await new Promise((ok) => setTimeout(ok, RECHECK_DELAY_MS + 300));
    expect(host.check).toHaveBeenCalledTimes(2);
    fireEvent.click(screen.getByRole('button', { name: '重新检查' }));
    await waitFor(() => expect(screen.queryByText('结果已过期：表格在检查后被修改。')).toBeNull());
    expect(host.check).toHaveBeenCalledTimes(3);
  });

  it('switching to another sheet checks it (the default in single-sheet mode); unmounting stops listening', async () => {
    const { host, view } = await open([seed002()], { live: true });
    act(() => host.emit({ kind: 'activate', sheet: '说明' }));
    expect(screen.getByText('结果已过期：表格在检查后被修改。')).toBeTruthy();
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2), { timeout: RECHECK_DELAY_MS + 2000 });
    expect(host.listeners()).toBe(1);
    view.unmount();
    expect(host.listeners()).toBe(0);
  });

  it('切换工作表时重新检查 is a setting saved with the workbook: turned off, no check, and switching sheets only marks the results', async () => {
    const { host } = await open([seed002()], { live: true });
    fireEvent.click(screen.getByRole('button', { name: '设置' }));
    const panel = screen.getByRole('region', { name: '设置' });
    const onActivate = within(panel).getByRole('switch', { name: '切换工作表时重新检查' });
    expect((onActivate as HTMLInputElement).checked).toBe(true);
    fireEvent.click(onActivate);
    await waitFor(() => expect(host.saveSettings).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, recheckOnActivate: false }));
    expect(await host.loadSettings()).toEqual({ ...DEFAULT_SETTINGS, recheckOnActivate: false });
    await waitFor(() => expect((onActivate as HTMLInputElement).checked).toBe(false));
    expect(host.check).toHaveBeenCalledTimes(1); // a setting that changes no finding needs no check
    act(() => host.emit({ kind: 'activate', sheet: '说明' }));
    expect(screen.getByText('结果已过期：表格在检查后被修改。')).toBeTruthy();
    await new Promise((ok) => setTimeout(ok, RECHECK_DELAY_MS + 300));
    expect(host.check).toHaveBeenCalledTimes(1);
  });

  it('a workbook that remembers 切换工作表时重新检查 off: switching sheets does not check', async () => {
    const { host } = await open([seed002()], { live: true, settings: { ...DEFAULT_SETTINGS, recheckOnActivate: false } });
    act(() => host.emit({ kind: 'activate', sheet: '说明' }));
    await new Promise((ok) => setTimeout(ok, RECHECK_DELAY_MS + 300));
    expect(host.check).toHaveBeenCalledTimes(1);
  });

  it('导出审核意见 activating its new sheet (and writing it) leaves the results as they are', async () => {
    const { host } = await open([seed002()], { live: true });
    host.exportFindings.mockImplementationOnce(async () => {
      host.emit({ kind: 'activate', sheet: '核分审核意见' }); // raised while the export runs
      return { sheet: '核分审核意见' };
    });
    fireEvent.click(screen.getByRole('button', { name: '导出审核意见' }));
    await screen.findByText('已将审核意见导出到新工作表“核分审核意见”。');
    act(() => host.emit({ kind: 'edit', sheet: '核分审核意见', address: 'A1:H6' })); // reported after it
    expect(screen.queryByText('结果已过期：表格在检查后被修改。')).toBeNull();
    await new Promise((ok) => setTimeout(ok, RECHECK_DELAY_MS + 300));
    expect(host.check).toHaveBeenCalledTimes(1);
    expect(findingButtons()).toHaveLength(5);
  });

  it('插入空白模板 opening its new sheet is not the user switching sheets; the user doing so after it is', async () => {
    const { host } = await open([seed002()], { live: true });
    host.insertTemplate.mockImplementationOnce(async () => {
      host.emit({ kind: 'activate', sheet: '自评表' }); // Excel reports the add-in's activate() like a click
      return { sheet: '自评表', range: 'A1:H47', kind: 'project', warnings: [] };
    });
    fireEvent.click(tab('插入空白模板'));
    const panel = panelOf(tab('插入空白模板'));
    fireEvent.click(within(panel).getByRole('button', { name: '插入空白模板' }));
    await within(panel).findByText(/^已插入新工作表“自评表”/);
    act(() => host.emit({ kind: 'activate', sheet: '自评表' })); // the echo, late
    expect(screen.queryByText('结果已过期：表格在检查后被修改。')).toBeNull();
    await new Promise((ok) => setTimeout(ok, OWN_ECHO_MS + 100));
    expect(host.check).toHaveBeenCalledTimes(1);
    act(() => host.emit({ kind: 'activate', sheet: '说明' })); // the user, later
    expect(screen.getByText('结果已过期：表格在检查后被修改。')).toBeTruthy();
    await waitFor(() => expect(host.check).toHaveBeenCalledTimes(2), { timeout: RECHECK_DELAY_MS + 2000 });
  });

  it('edits are never silenced: one made during an own write still marks the results', async () => {
    const { host } = await open([seed002()], { live: true });
    host.insertTemplate.mockImplementationOnce(async () => {
      host.emit({ kind: 'edit', sheet: 'Sheet1', address: 'Z90' });
      return { sheet: '自评表', range: 'A1:H47', kind: 'project', warnings: [] };
    });
    fireEvent.click(tab('插入空白模板'));
    fireEvent.click(within(panelOf(tab('插入空白模板'))).getByRole('button', { name: '插入空白模板' }));
    await screen.findByText('结果已过期：表格在检查后被修改。');
  });

  it('without change events the setting is not offered', async () => {
    await open([seed002()]);
    fireEvent.click(screen.getByRole('button', { name: '设置' }));
    expect(within(screen.getByRole('region', { name: '设置' })).queryByRole('switch')).toBeNull();
  });
});

describe('whole workbook: one section per form', () => {
  const two = () => [seed002(undefined, '项目A'), seed002((s) => {
    s.values[4][7] = 4.66;
    s.text![4][7] = '4.66';
  }, '项目B')];
  const settings = { rules: 'national' as const, highlight: ['error' as const, 'warning' as const], wholeWorkbook: true, recheckOnActivate: true };

  it('each form is a collapsible section with its verdict; 下一个 walks form by form', async () => {
    await open(two(), { settings });
    const a = screen.getByRole('button', { name: /^项目A · 项目支出绩效自评表：退回修改/ });
    expect(a.closest('h3')).toBeTruthy();
    expect(a.getAttribute('aria-expanded')).toBe('true');
    const cells = findingButtons().map((b) => b.querySelector('[data-cell]')!.textContent);
    expect(cells.slice(0, 5).every((c) => c!.startsWith('项目A!'))).toBe(true);
    expect(cells.slice(5).every((c) => c!.startsWith('项目B!'))).toBe(true);
    fireEvent.click(a);
    expect(a.getAttribute('aria-expanded')).toBe('false');
    expect(findingButtons().every((b) => b.querySelector('[data-cell]')!.textContent!.startsWith('项目B!'))).toBe(true);
  });

  it('the severity filter hides a severity and says how many there are', async () => {
    await open([seed002()]);
    const filter = screen.getByRole('group', { name: '按严重程度筛选' });
    const warnings = within(filter).getByRole('button', { name: /警告 3/ });
    fireEvent.click(warnings);
    expect(warnings.getAttribute('aria-pressed')).toBe('false');
    expect(findingButtons()).toHaveLength(2);
    expect(findingButtons().every((b) => b.getAttribute('aria-label')!.startsWith('错误'))).toBe(true);
  });
});

describe('导出审核汇总: the review workbook of the whole workbook', () => {
  it('is offered only by hosts that can build it', async () => {
    await open([seed002()]);
    expect(screen.queryByRole('button', { name: '导出审核汇总' })).toBeNull();
  });

  it('opened by Excel: the host gets the settings and the marks, and the pane says what was opened', async () => {
    const marks: ReviewMark[] = [{ key: 'Sheet1!E15!over-achievement', status: 'reviewed', at: '2026-12-01T08:00:00Z' }];
    const { host } = await open([seed002()], { review: { delivery: 'opened' }, marks });
    await waitFor(() => expect(document.querySelector('[data-mark="reviewed"]')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '导出审核汇总' }));
    await screen.findByText('已在新的 Excel 工作簿中打开审核汇总（1 张自评表；1 个已标记的问题不计入结论，在“审核意见”中注明），请另存为文件。');
    expect(host.exportReviewWorkbook).toHaveBeenCalledWith(DEFAULT_SETTINGS, marks);
    expect(document.querySelector('a[download]')).toBeNull();
    expect(host.check).toHaveBeenCalledTimes(1); // the host checks the workbook itself; the pane's results stay
  });

  it('Excel cannot open it: a download link to the bytes, named for the workbook, replaced by the next export', async () => {
    const made: Blob[] = [];
    const revoked: string[] = [];
    const create = URL.createObjectURL;
    const revoke = URL.revokeObjectURL;
    URL.createObjectURL = (b: Blob) => (made.push(b), `blob:hefen/${made.length}`);
    URL.revokeObjectURL = (u: string) => void revoked.push(u);
    try {
      const { host } = await open([seed002()], { review: { delivery: 'file', reason: 'unsupported' } });
      fireEvent.click(screen.getByRole('button', { name: '导出审核汇总' }));
      const link = await screen.findByRole('link', { name: '下载“表一-审核汇总.xlsx”' });
      expect(link.getAttribute('download')).toBe('表一-审核汇总.xlsx');
      expect(link.getAttribute('href')).toBe('blob:hefen/1');
      expect(screen.getByText(/^此版本的 Excel 不能直接打开新工作簿，请下载审核汇总（1 张自评表）：/)).toBeTruthy();
      expect(made[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(new Uint8Array(await made[0].arrayBuffer())).toEqual(new Uint8Array([0x50, 0x4b, 3, 4]));
      fireEvent.click(screen.getByRole('button', { name: '导出审核汇总' }));
      await waitFor(() => expect(host.exportReviewWorkbook).toHaveBeenCalledTimes(2));
      await screen.findByRole('link', { name: '下载“表一-审核汇总.xlsx”' });
      await waitFor(() => expect(screen.getByRole('link').getAttribute('href')).toBe('blob:hefen/2'));
      expect(revoked).toEqual(['blob:hefen/1']);
    } finally {
      URL.createObjectURL = create;
      URL.revokeObjectURL = revoke;
    }
  });

  it('a failure is shown as one, with the host’s message', async () => {
    const { host } = await open([seed002()], { review: { delivery: 'opened' } });
    host.exportReviewWorkbook!.mockRejectedValueOnce(new HostError('read-failed', '读取工作表列表失败。'));
    fireEvent.click(screen.getByRole('button', { name: '导出审核汇总' }));
    await screen.findByText('读取工作表列表失败。'); // the host's own Chinese message
    expect(document.querySelector('a[download]')).toBeNull();
  });
});

describe('review marks and the export', () => {
  it('忽略 with a note: saved through the host, shown dimmed with the mark, left out of the counts', async () => {
    const { host } = await open();
    expect(tab('检查结果（5）')).toBeTruthy();
    const h16 = findingButtons().find((b) => b.textContent!.includes('H16'))!;
    const item = h16.parentElement!;
    fireEvent.click(within(item).getByRole('button', { name: '忽略' }));
    fireEvent.change(within(item).getByLabelText('备注（可不填）'), { target: { value: '已电话核实' } });
    fireEvent.click(within(item).getByRole('button', { name: '确定' }));
    await waitFor(() => expect(host.saveReviewMarks).toHaveBeenCalledTimes(1));
    const [saved] = host.saveReviewMarks.mock.calls[0][0];
    expect(saved).toMatchObject({ key: 'Sheet1!H16!missing-deviation-reason', status: 'ignored', note: '已电话核实' });
    expect(item.getAttribute('data-mark')).toBe('ignored');
    expect(within(item).getByText('已忽略：已电话核实')).toBeTruthy();
    expect(tab('检查结果（4）')).toBeTruthy();
    fireEvent.click(within(item).getByRole('button', { name: '取消标记' }));
    await waitFor(() => expect(tab('检查结果（5）')).toBeTruthy());
  });

  it('marks saved in the workbook are shown when the pane opens', async () => {
    const marks: ReviewMark[] = [{ key: 'Sheet1!E15!over-achievement', status: 'reviewed', at: '2026-12-01T08:00:00Z' }];
    const { host } = await open([seed002()], { marks });
    expect(host.loadReviewMarks).toHaveBeenCalled();
    await waitFor(() => expect(tab('检查结果（4）')).toBeTruthy());
    expect(document.querySelector('[data-mark="reviewed"]')!.textContent).toContain('E15');
  });

  it('导出审核意见 passes the reports and marks, names the new sheet, and can be taken back', async () => {
    const { host } = await open();
    fireEvent.click(screen.getByRole('button', { name: '导出审核意见' }));
    await screen.findByText('已将审核意见导出到新工作表“核分审核意见”。');
    expect(host.exportFindings).toHaveBeenCalledWith((await host.check.mock.results[0].value).reports, []);
    fireEvent.click(screen.getByRole('button', { name: '删除审核意见表' }));
    await screen.findByText('已删除 1 个审核意见表。');
    expect(host.removeExport).toHaveBeenCalledTimes(1);
  });
});

describe('what a finding prints', () => {
  const base: Finding = {
    code: 'weight-total-not-100',
    severity: 'error',
    sheet: 'Sheet1',
    cell: 'F27',
    message: '',
    messageEn: '',
    declared: null, // the core reports the empty cell, not the sum
    expected: '100',
    path: [],
    inputs: {},
    rule: '',
  };
  it('an empty weights-total cell is 空 → 100, not 97 → 100', () => {
    expect(shownValues(base, [])).toEqual({ from: null, to: '100' });
  });
  it('a weights-total cell holding 97 is 97 → 100', () => {
    expect(shownValues({ ...base, declared: '97' }, [])).toEqual({ from: '97', to: '100' });
  });
  it('a missing execution weight at a cell holding something else prints no figures (not 0 → 10)', () => {
    expect(shownValues({ ...base, code: 'nonstandard-level1-weights', cell: 'F6', declared: null, expected: '10', path: ['预算执行率'] }, [])).toBeNull();
  });
  it('the value to write is the suggestion, so the line and 采用建议值 agree', () => {
    const f: Finding = { ...base, code: 'score-not-allowed-by-criteria', cell: 'H9', declared: '1.5', expected: '1.4', suggestion: { cell: 'H9', value: '1.4' } };
    expect(shownValues(f, [])).toEqual({ from: '1.5', to: '1.4' });
  });
  it('no expected value: no arrow, and a 如何修改 line from the registry; consequences under their root', async () => {
    const report = seed002();
    const h5 = report.findings.find((f) => f.cell === 'H5')!;
    report.findings.push({ ...h5, code: 'total-mismatch', cell: 'G27', causedBy: { cell: 'H5', code: 'score-mismatch' } } as Finding);
    await open([report]);
    const h16 = findingButtons().find((b) => b.textContent!.includes('H16'))!;
    expect(h16.textContent).toContain('填报 2.5');
    expect(h16.textContent).not.toContain('→');
    expect(h16.textContent).toContain(`如何修改：${findingMeta('missing-deviation-reason').fix.zh}`);
    const root = findingButtons().find((b) => b.textContent!.includes('H5'))!.parentElement!;
    expect(within(root).getByText(/^由此导致：G27/)).toBeTruthy();
  });
});

describe('keyboard and announcements', () => {
  it('arrow keys move through the findings; each move announces severity, cell and title', async () => {
    const { host } = await open();
    fireEvent.click(screen.getByRole('button', { name: '下一个' }));
    const status = screen.getAllByRole('status').find((s) => s.textContent!.startsWith('第 1 / 5 个'))!;
    expect(status.textContent).toMatch(/^第 1 \/ 5 个：错误，H5，/);
    fireEvent.keyDown(findingButtons()[0], { key: 'ArrowDown' });
    expect(host.select).toHaveBeenLastCalledWith('Sheet1', findingButtons()[1].querySelector('[data-cell]')!.textContent);
    expect(document.activeElement).toBe(findingButtons()[1]);
    expect(status.textContent).toMatch(/^第 2 \/ 5 个：/);
    fireEvent.keyDown(findingButtons()[1], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(findingButtons()[0]);
  });

  it('each finding’s accessible name starts with its severity; headings start at h2', async () => {
    await open();
    for (const b of findingButtons()) expect(b.getAttribute('aria-label')).toMatch(/^(错误|警告|提示)：/);
    expect(document.querySelector('h1')).toBeNull();
    const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => Number(h.tagName[1]));
    expect(Math.min(...levels)).toBe(2);
  });
});
