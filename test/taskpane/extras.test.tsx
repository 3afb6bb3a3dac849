// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkSheet, suggestionFor, type SheetReport } from '../../src/core/index.js';
import { HostError, type UndoOutcome } from '../../src/host/index.js';
import { TemplatePanel } from '../../src/taskpane/TemplatePanel.js';
import { WriteBackPanel } from '../../src/taskpane/WriteBackPanel.js';
import { projectForm, type Row } from '../support/forms.js';
import { seed002Snapshot } from '../support/seed002-snap.js';
import { fakeHost, type FakeHostOptions } from './fake-host.js';

afterEach(cleanup);

/** The pane's fake host, with 撤销写回 restoring seed 002's two cells. */
function extrasHost(reports: SheetReport[], opts: FakeHostOptions = {}) {
  const host = fakeHost(reports, { insert: async () => ({ sheet: '自评表 (2)', range: 'A1:H47', kind: 'project', warnings: [] }), ...opts });
  host.undoWriteBack.mockImplementation(async (): Promise<UndoOutcome> => {
    const depth = Math.max(0, (await host.undoDepth()) - 1);
    host.undoDepth.mockResolvedValue(depth);
    return { restored: [{ sheet: 'Sheet1', cell: 'H5' }, { sheet: 'Sheet1', cell: 'G27' }], changedSince: [], undoDepth: depth };
  });
  return host;
}

function seed002Report(edit?: (s: ReturnType<typeof seed002Snapshot>) => void): SheetReport {
  const snap = seed002Snapshot();
  edit?.(snap);
  return checkSheet(snap);
}

const checkboxes = () => screen.getAllByRole('checkbox') as HTMLInputElement[];

describe('插入空白模板 panel', () => {
  it('inserts a project template with the chosen rows and the pane’s rule pack, and names the new sheet', async () => {
    const host = extrasHost([]);
    const onInserted = vi.fn();
    render(<TemplatePanel host={host} rules="hubei" onInserted={onInserted} />);
    expect(screen.getByText('规则包：湖北（预算执行率 20 分，定性 80/50）')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('每个二级指标的空白行数'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('年度（可留空）'), { target: { value: '2024' } });
    fireEvent.click(screen.getByRole('button', { name: '插入空白模板' }));
    await screen.findByText('已插入新工作表“自评表 (2)”（A1:H47），原有工作表未改动。');
    expect(host.insertTemplate).toHaveBeenCalledWith({ kind: 'project', rules: 'hubei', rows: 3, year: 2024, locale: 'zh-CN' });
    expect(onInserted).toHaveBeenCalledWith(expect.objectContaining({ sheet: '自评表 (2)' }));
  });

  it('offers the department form without a row count', async () => {
    const host = extrasHost([], { insert: async () => ({ sheet: '自评表', range: 'A1:F45', kind: 'department', warnings: [] }) });
    render(<TemplatePanel host={host} rules="national" />);
    fireEvent.click(screen.getByLabelText('部门整体支出绩效自评表（共性指标框架）'));
    expect(screen.queryByLabelText('每个二级指标的空白行数')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '插入空白模板' }));
    await screen.findByText(/已插入新工作表“自评表”/);
    expect(host.insertTemplate).toHaveBeenCalledWith({ kind: 'department', rules: 'national', locale: 'zh-CN' });
  });

  it('refuses a row count outside 1–50 and a malformed year', () => {
    render(<TemplatePanel host={extrasHost([])} rules="national" />);
    const button = screen.getByRole('button', { name: '插入空白模板' }) as HTMLButtonElement;
    fireEvent.change(screen.getByLabelText('每个二级指标的空白行数'), { target: { value: '51' } });
    expect(screen.getByText('请输入 1 到 50 之间的整数。')).toBeTruthy();
    expect(button.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('每个二级指标的空白行数'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('年度（可留空）'), { target: { value: '24' } });
    expect(screen.getByText('请输入四位年份，或留空。')).toBeTruthy();
    expect(button.disabled).toBe(true);
  });

  it('shows what an older Excel could not add, and failures: the host’s Chinese message, or English by its code', async () => {
    const host = extrasHost([], { insert: async () => ({ sheet: '自评表', range: 'A1:H47', kind: 'project', warnings: ['page-layout-unavailable'] }) });
    render(<TemplatePanel host={host} rules="national" />);
    fireEvent.click(screen.getByRole('button', { name: '插入空白模板' }));
    expect((await screen.findByRole('status')).textContent).toContain('此版本的 Excel 不支持页面设置，请手动设为 A4 纵向、调整为一页宽。');
    cleanup();
    const failing = (locale: 'zh-CN' | 'en-US') =>
      extrasHost([], {
        locale,
        insert: async () => {
          throw new HostError('write-failed', '插入模板失败：无法写入新工作表“自评表”。', { cause: new Error('AccessDenied') });
        },
      });
    render(<TemplatePanel host={failing('zh-CN')} rules="national" />);
    fireEvent.click(screen.getByRole('button', { name: '插入空白模板' }));
    expect((await screen.findByRole('alert')).textContent).toBe('插入模板失败：无法写入新工作表“自评表”。（AccessDenied）');
    cleanup();
    render(<TemplatePanel host={failing('en-US')} rules="national" />);
    fireEvent.click(screen.getByRole('button', { name: 'Insert blank template' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not insert the template: the new sheet could not be written (the workbook may be protected). (AccessDenied)',
    );
  });

  it('uses native, labelled controls: a radio group under its legend, fields described by their hint or error', () => {
    render(<TemplatePanel host={extrasHost([])} rules="national" />);
    const group = screen.getByRole('group', { name: '表格类型' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.checked)).toEqual([true, false]);
    expect(new Set(radios.map((r) => r.name)).size).toBe(1); // one group: one tab stop, arrow keys move
    const rows = screen.getByLabelText('每个二级指标的空白行数') as HTMLInputElement;
    expect(document.getElementById(rows.getAttribute('aria-describedby')!)!.textContent).toMatch(/^1 到 50 行；/);
    expect(rows.getAttribute('aria-invalid')).toBeNull();
    fireEvent.change(rows, { target: { value: '0' } });
    expect(rows.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(rows.getAttribute('aria-describedby')!)!.textContent).toBe('请输入 1 到 50 之间的整数。');
    // the tab above names the panel: no heading repeating it
    expect(screen.queryByRole('heading')).toBeNull();
  });

  it('waits while the pane is busy', () => {
    render(<TemplatePanel host={extrasHost([])} rules="national" busy />);
    expect((screen.getByRole('button', { name: '插入空白模板' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('speaks English when Excel does', async () => {
    const host = extrasHost([], { locale: 'en-US' });
    render(<TemplatePanel host={host} rules="national" />);
    expect(screen.getByText('Rule pack: National (Ministry of Finance)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Insert blank template' }));
    await screen.findByText('Inserted the new sheet “自评表 (2)” (A1:H47); existing sheets are unchanged.');
    expect(host.insertTemplate).toHaveBeenCalledWith(expect.objectContaining({ locale: 'en-US' }));
  });
});

describe('写回合计 panel (seed 002)', () => {
  it('previews every cell it would change as “cell: old → new”, ticked', () => {
    const host = extrasHost([seed002Report()]);
    render(<WriteBackPanel host={host} reports={[seed002Report()]} />);
    const boxes = checkboxes();
    expect(boxes.map((b) => b.closest('li')!.textContent)).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 92.16（总分）']);
    expect(boxes.every((b) => b.checked)).toBe(true);
    expect(screen.getByRole('button', { name: '写回合计（2）' })).toBeTruthy();
  });

  it('lists a formula cell unticked with its formula, writes only what is ticked, then asks for a re-check', async () => {
    const report = seed002Report((s) => {
      s.formulas![26][6] = '=SUM(G13:G26)+H5';
    });
    const host = extrasHost([report]);
    const onChanged = vi.fn();
    render(<WriteBackPanel host={host} reports={[report]} onChanged={onChanged} />);
    const [exec, total] = checkboxes();
    expect([exec.checked, total.checked]).toEqual([true, false]);
    expect(screen.getByText('含公式 =SUM(G13:G26)+H5，勾选后将以数值覆盖')).toBeTruthy();
    fireEvent.click(exec); // untick the execution score
    fireEvent.click(total); // tick the formula cell on purpose
    fireEvent.click(screen.getByRole('button', { name: '写回合计（1）' }));
    await screen.findByText(/已写回 1 个单元格/);
    const items = host.applyWriteBack.mock.calls[0][0];
    expect(items.map((i) => `${i.cell} ${i.overwrite}`)).toEqual(['H5 false', 'G27 true']);
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('says when there is nothing to write', () => {
    const clean = seed002Report((s) => {
      s.values[4][7] = 4.66;
      s.text![4][7] = '4.66';
      s.values[26][6] = 92.16;
      s.text![26][6] = '92.16';
    });
    render(<WriteBackPanel host={extrasHost([clean])} reports={[clean]} />);
    expect(screen.getByText('小计、总分、执行率及其得分、评价等级均与规则一致，无需写回。')).toBeTruthy();
    expect((screen.getByRole('button', { name: '写回合计（0）' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('undoes the last write-back, enabled only while there is one (also after reopening)', async () => {
    const report = seed002Report();
    const host = extrasHost([report], { depth: 1 });
    render(<WriteBackPanel host={host} reports={[report]} />);
    const undo = screen.getByRole('button', { name: '撤销写回' }) as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled).toBe(false));
    fireEvent.click(undo);
    await screen.findByText('已撤销：2 个单元格恢复为写回前的值或公式。');
    expect(host.undoWriteBack).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(undo.disabled).toBe(true));
  });

  it('is only about totals: suggested scores stay on their findings, and it says how many there are besides the execution score', () => {
    // 偿还历史欠款 declared 5: the rules give 2.5 (G16); the execution score H5 7 → 4.66 suggests a score too
    const report = seed002Report((s) => {
      s.values[15][6] = 5;
      s.text![15][6] = '5';
    });
    const findingsWithSuggestion = report.findings.filter((f) => suggestionFor(f)).map((f) => f.cell);
    expect(findingsWithSuggestion.sort()).toEqual(['G16', 'H5']);
    const onShowFindings = vi.fn();
    render(<WriteBackPanel host={extrasHost([report])} reports={[report]} onShowFindings={onShowFindings} />);
    expect(screen.queryByRole('button', { name: /采用建议值/ })).toBeNull();
    // H5 is one of the totals listed here: only G16 is counted
    expect(screen.getByText(/^另有 1 个指标的得分与计分规则不符/)).toBeTruthy();
    // the total adds up the rows as they stand (G16 at 5, not 2.5): adopting first changes what to write
    expect(checkboxes().map((b) => b.closest('li')!.textContent)).toEqual(['H5: 7 → 4.66（预算执行率得分）', 'G27: 94.5 → 94.66（总分）']);
    fireEvent.click(screen.getByRole('button', { name: '转到检查结果' }));
    expect(onShowFindings).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('heading')).toBeNull();
    cleanup();
    render(<WriteBackPanel host={extrasHost([report], { locale: 'en-US' })} reports={[report]} onShowFindings={onShowFindings} />);
    expect(screen.getByText(/^One indicator score differs from the scoring rules\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Go to Results' })).toBeTruthy();
  });

  it('says nothing about suggested scores when the only one is the execution score it writes itself', () => {
    const report = seed002Report();
    render(<WriteBackPanel host={extrasHost([report])} reports={[report]} onShowFindings={() => {}} />);
    expect(screen.queryByText(/采用建议值/)).toBeNull();
    expect(screen.queryByRole('button', { name: '转到检查结果' })).toBeNull();
  });

  it('can be clicked nowhere while the pane is busy (checking again after a write)', async () => {
    const report = seed002Report();
    const host = extrasHost([report], { depth: 1 });
    const { rerender } = render(<WriteBackPanel host={host} reports={[report]} busy />);
    await waitFor(() => expect(host.undoDepth).toHaveBeenCalled());
    const write = () => screen.getByRole('button', { name: '写回合计（2）' }) as HTMLButtonElement;
    const undo = () => screen.getByRole('button', { name: '撤销写回' }) as HTMLButtonElement;
    expect([write().disabled, undo().disabled, ...checkboxes().map((b) => b.disabled)]).toEqual([true, true, true, true]);
    fireEvent.click(write());
    expect(host.applyWriteBack).not.toHaveBeenCalled();
    rerender(<WriteBackPanel host={host} reports={[report]} busy={false} />);
    await waitFor(() => expect(undo().disabled).toBe(false));
    expect([write().disabled, ...checkboxes().map((b) => b.disabled)]).toEqual([false, false, false]);
  });

  it('reports failures in English by the error’s code, and speaks English', async () => {
    const report = seed002Report();
    const host = extrasHost([report], { locale: 'en-US', depth: 1 });
    host.applyWriteBack.mockRejectedValueOnce(new HostError('write-failed', '写回失败：无法写入单元格（工作表可能受保护或已被删除）。'));
    host.undoWriteBack.mockRejectedValueOnce(new HostError('settings-failed', '已撤销写回（2 个单元格），但无法更新工作簿中的撤销记录。'));
    render(<WriteBackPanel host={host} reports={[report]} />);
    expect(checkboxes().map((b) => b.closest('li')!.textContent)).toEqual(['H5: 7 → 4.66 (execution score)', 'G27: 94.5 → 92.16 (total)']);
    fireEvent.click(screen.getByRole('button', { name: 'Write back totals (2)' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not write back the totals: the cells could not be written (the sheet may be protected or deleted).',
    );
    const undo = screen.getByRole('button', { name: 'Undo write-back' }) as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled).toBe(false));
    fireEvent.click(undo);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('The cells were restored, but the undo record in the workbook could not be updated.'),
    );
  });

  it('names a level subtotal by its level in English, from the report, not from the Chinese label', () => {
    const rows: Row[] = [
      ['产出指标', null, null, null, null, 50, 48],
      [null, '数量指标', '培训人数', '≥100人', '110人', 20, 20],
      [null, '质量指标', '合格率', '≥95%', '96%', 20, 20],
      [null, '成本指标', '人均成本', '≤500元', '480元', 10, 10],
      ['效益指标', '社会效益指标', '政策知晓率', '≥90%', '92%', 30, 30],
      ['满意度指标', '服务对象满意度指标', '学员满意度', '满意', '满意', 10, 10],
    ];
    const report = checkSheet(projectForm(rows, { total: 100 }));
    render(<WriteBackPanel host={extrasHost([report], { locale: 'en-US' })} reports={[report]} />);
    expect(checkboxes()[0].closest('li')!.textContent).toBe('G7: 48 → 50 (产出指标 subtotal)');
    cleanup();
    render(<WriteBackPanel host={extrasHost([report])} reports={[report]} />);
    expect(checkboxes()[0].closest('li')!.textContent).toBe('G7: 48 → 50（产出指标 小计得分）');
  });

  it('reports failures in the host’s own Chinese words', async () => {
    const report = seed002Report();
    const host = extrasHost([report]);
    host.applyWriteBack.mockRejectedValueOnce(new HostError('write-failed', '写回失败：无法写入单元格（工作表可能受保护或已被删除）。'));
    render(<WriteBackPanel host={host} reports={[report]} />);
    fireEvent.click(screen.getByRole('button', { name: '写回合计（2）' }));
    expect((await screen.findByRole('alert')).textContent).toBe('写回失败：无法写入单元格（工作表可能受保护或已被删除）。');
  });
});
