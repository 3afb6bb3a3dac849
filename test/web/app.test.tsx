// @vitest-environment happy-dom
/**
 * The web checker's page with a pool that runs the worker's tasks in-process: picked files are
 * listed with their 结论, arrows move through files and findings, the selected finding's cell is
 * outlined in the sheet view, 写回合计 sends exactly the ticked cells, another rule pack re-checks.
 */
import { readFileSync } from 'node:fs';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { App, type Pool } from '../../src/web/App.js';
import type { WorkerRequest } from '../../src/web/protocol.js';
import { checkFile } from '../../src/web/tasks.js';

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

async function openWith(files: string[]) {
  const fake = fakePool();
  render(<App pool={fake.pool} />);
  const input = document.querySelector('[data-testid=file-input]') as HTMLInputElement;
  const list = files.map((f) => new File([readFileSync(f)], f.split('/').pop() as string));
  Object.defineProperty(input, 'files', { value: list, configurable: true });
  fireEvent.change(input);
  await waitFor(() => expect(document.querySelectorAll('.file-item[data-status=done]')).toHaveLength(files.length), { timeout: 10_000 });
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
});
