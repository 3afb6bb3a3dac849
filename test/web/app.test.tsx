// @vitest-environment happy-dom
/**
 * The web checker's page with a pool that runs the worker's tasks in-process: picked files are
 * listed with their 结论, arrows move through files and findings, the selected finding's cell is
 * outlined in the sheet view, 写回合计 sends exactly the ticked cells, another rule pack re-checks,
 * 忽略 / 已复核 marks dim a finding, leave the counts and 结论, and come back when the same file is
 * opened again.
 */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type Pool } from '../../src/web/App.js';
import type { WorkerRequest } from '../../src/web/protocol.js';
import { checkFile } from '../../src/web/tasks.js';
import { localMarks, type MarkStore } from '../../src/web/marks.js';

afterEach(cleanup);

const SEEDS = ['examples/seed-002-project-national.xlsx', 'examples/seed-003-project-label-weights.xlsx'];

function fakePool() {
  const calls: WorkerRequest[] = [];
  const pool: Pool = {
    run: (async (request: WorkerRequest) => {
      calls.push(request);
      if (request.type === 'check') return checkFile(new Uint8Array(request.bytes), request.rules);
      return new Uint8Array([1, 2, 3]);
    }) as Pool['run'],
  };
  return { pool, calls };
}

async function openWith(files: string[], marksFor?: (hash: string) => MarkStore) {
  const fake = fakePool();
  render(<App pool={fake.pool} marksFor={marksFor} />);
  const input = document.querySelector('[data-testid=file-input]') as HTMLInputElement;
  const list = files.map((f) => new File([readFileSync(f)], f.split('/').pop() as string));
  Object.defineProperty(input, 'files', { value: list, configurable: true });
  fireEvent.change(input);
  await waitFor(() => expect(document.querySelectorAll('.file-item[data-status=done]')).toHaveLength(files.length), { timeout: 10_000 });
  // The batch's last commit (its 已检查 line) may still re-render the results: wait for it, so a
  // click in the test does not land in a tree that is about to be replaced.
  await screen.findByText(new RegExp(`已检查 ${files.length} 个文件`), undefined, { timeout: 10_000 });
  return fake;
}

const options = (label: string) => screen.getByRole('listbox', { name: label }).querySelectorAll<HTMLElement>('[role=option]');

describe('web checker page', () => {
  it('lists each file with its 结论 and counts, and says files stay on this machine', async () => {
    await openWith(SEEDS);
    const files = options('已打开的文件');
    expect(files[0].textContent).toContain('退回修改');
    expect(files[0].textContent).toContain('错误 2 · 警告 3');
    expect(screen.getByText(/文件只在本机浏览器中处理，不会上传/)).toBeTruthy();
  });

  it('arrow keys move through files and findings; the finding cell is outlined', async () => {
    await openWith(SEEDS);
    const files = options('已打开的文件');
    files[0].focus();
    fireEvent.keyDown(files[0], { key: 'ArrowDown' });
    expect(options('已打开的文件')[1].getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('heading', { level: 2, name: /seed-003/ })).toBeTruthy();
    fireEvent.keyDown(options('已打开的文件')[1], { key: 'ArrowUp' });
    const findings = options('发现的问题');
    expect(findings[0].getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('td.cell-selected')?.getAttribute('data-cell')).toBe(findings[0].dataset.cell);
    findings[0].focus();
    fireEvent.keyDown(findings[0], { key: 'ArrowDown' });
    const now = options('发现的问题')[1];
    expect(now.getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('td.cell-selected')?.getAttribute('data-cell')).toBe(now.dataset.cell);
    expect(screen.getByText(/第 2 \/ 5 个/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '上一个' }));
    expect(screen.getByText(/第 1 \/ 5 个/)).toBeTruthy();
  });

  it('flagged cells carry a marker, not colour alone', async () => {
    await openWith(SEEDS.slice(0, 1));
    const h5 = document.querySelector('td[data-cell=H5]') as HTMLElement;
    expect(h5.className).toContain('mark-error');
    expect(h5.querySelector('.cell-marker')?.getAttribute('aria-label')).toBe('错误');
  });

  it('写回合计 previews the plan and sends exactly the ticked cells', async () => {
    const { calls } = await openWith(SEEDS.slice(0, 1));
    fireEvent.click(screen.getByRole('button', { name: '写回合计…' }));
    const boxes = screen.getAllByRole('checkbox').filter((b) => (b as HTMLInputElement).id.startsWith('wb-'));
    expect(boxes.length).toBeGreaterThan(0);
    const ticked = boxes.filter((b) => (b as HTMLInputElement).checked);
    fireEvent.click(ticked[0]);
    const button = screen.getByRole('button', { name: /下载写回后的副本/ });
    URL.createObjectURL = () => 'blob:x';
    fireEvent.click(button);
    await waitFor(() => expect(calls.some((c) => c.type === 'write-back')).toBe(true));
    const req = calls.find((c) => c.type === 'write-back') as Extract<WorkerRequest, { type: 'write-back' }>;
    expect(req.writes).toHaveLength(ticked.length - 1);
  });

  it('another rule pack checks every open file again with it', async () => {
    const { calls } = await openWith(SEEDS);
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'hubei' } });
    await waitFor(() => expect(calls.filter((c) => c.type === 'check' && c.rules === 'hubei')).toHaveLength(2));
  });

  it('忽略 and 已复核 with a note: dimmed, out of counts and 结论, kept for the same bytes after a reload', async () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
      removeItem: (k: string) => void saved.delete(k),
    } as unknown as Storage;
    const marksFor = (hash: string) => localMarks(hash, storage);
    await openWith(SEEDS.slice(0, 1), marksFor);
    const file = () => options('已打开的文件')[0];
    expect(file().textContent).toContain('退回修改');
    // the first finding (H5, an error) is current: ignore it
    fireEvent.click(screen.getByRole('button', { name: '忽略' }));
    fireEvent.change(screen.getByLabelText('备注（可不填）'), { target: { value: '已与单位核实' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    const h5 = () => document.querySelector('.finding[data-cell=H5]') as HTMLElement;
    expect(h5().dataset.mark).toBe('ignored');
    expect(h5().className).toContain('marked');
    expect(h5().textContent).toContain('忽略：已与单位核实');
    expect(h5().getAttribute('aria-label')).toContain('（忽略：已与单位核实）');
    expect(document.querySelector('td[data-cell=H5]')?.className).not.toContain('mark-error');
    expect(file().textContent).toContain('错误 1 · 警告 3');
    // then mark the other error 已复核 (no note): no error counts, so 需复核
    fireEvent.click(screen.getByRole('button', { name: '下一个' }));
    fireEvent.click(screen.getByRole('button', { name: '已复核' }));
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    expect((document.querySelector('.finding[data-cell=F27]') as HTMLElement).dataset.mark).toBe('reviewed');
    expect(file().textContent).toContain('需复核');
    expect(file().textContent).toContain('警告 3');
    expect(screen.getByText(/2 个已标记的问题不计入统计/)).toBeTruthy();
    await waitFor(() => expect([...saved.values()].map((v) => JSON.parse(v).length)).toEqual([2]));

    // "reload": a fresh page, the same file under another name → the marks are back
    cleanup();
    const fake = fakePool();
    render(<App pool={fake.pool} marksFor={marksFor} />);
    const input = document.querySelector('[data-testid=file-input]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File([readFileSync(SEEDS[0])], '改名后的副本.xlsx')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(h5()?.dataset.mark).toBe('ignored'));
    expect(file().textContent).toContain('需复核');
    // 取消标记 puts H5 back into the counts and the 结论
    fireEvent.click(screen.getByRole('button', { name: '取消标记' }));
    expect(h5().dataset.mark).toBeUndefined();
    expect(file().textContent).toContain('退回修改');
    await waitFor(() => expect([...saved.values()].map((v) => JSON.parse(v).length)).toEqual([1]));
  });

  it("the annotated copy and the review workbook are asked for with the file's marks", async () => {
    const saved = new Map<string, string>();
    const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v), removeItem: () => undefined } as unknown as Storage;
    const { calls } = await openWith(SEEDS.slice(0, 1), (hash) => localMarks(hash, storage));
    fireEvent.click(screen.getByRole('button', { name: '已复核' }));
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    URL.createObjectURL = () => 'blob:x';
    fireEvent.click(screen.getByRole('button', { name: /下载标注副本/ }));
    await waitFor(() => expect(calls.some((c) => c.type === 'annotate')).toBe(true));
    const annotate = calls.find((c) => c.type === 'annotate') as Extract<WorkerRequest, { type: 'annotate' }>;
    expect(annotate.marks?.map((m) => [m.key, m.status])).toEqual([['Sheet1!H5!score-mismatch', 'reviewed']]);
    fireEvent.click(screen.getByRole('button', { name: /导出审核汇总/ }));
    await waitFor(() => expect(calls.some((c) => c.type === 'review')).toBe(true));
    const review = calls.find((c) => c.type === 'review') as Extract<WorkerRequest, { type: 'review' }>;
    expect(review.files[0].marks?.map((m) => m.key)).toEqual(['Sheet1!H5!score-mismatch']);
  });
});
