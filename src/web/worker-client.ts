/**
 * The page's side of the worker: a small pool started from the worker source inlined in the page
 * (a <script type="text/plain"> holding it gzipped and base64-encoded, inflated with the browser's
 * DecompressionStream), through a Blob URL so it works from file:// too. Requests queue and go to
 * the first idle worker; each resolves with its own reply.
 */
import type { WorkerReply, WorkerRequest, WorkerResult } from './protocol.js';

export const WORKER_SOURCE_ID = 'hefen-worker-source';

interface Job {
  id: number;
  request: WorkerRequest;
  transfer: Transferable[];
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private url: string | null = null;
  private loading: Promise<string> | null = null;
  private nextId = 1;
  private started = 0;
  private ready = 0;

  /** `onReady(n)`: n workers have loaded their code and wait for work. */
  constructor(
    private readonly size: number,
    private readonly onReady: (n: number) => void = () => undefined,
  ) {}

  static defaultSize(): number {
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
    return Math.max(1, Math.min(4, cores));
  }

  run<R extends WorkerRequest>(request: R, transfer: Transferable[] = []): Promise<WorkerResult<R>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, transfer, resolve: resolve as (v: unknown) => void, reject });
      this.pump();
    });
  }

  /**
   * Start `count` workers now (each parses the workbook code), so the first file does not wait
   * for it. One is enough for a file dropped on its own; more start when files queue up, rather
   * than all competing with the page for the CPU while it opens.
   */
  warm(count = 1): void {
    if (!this.url) {
      this.load().then(() => this.warm(count), (e: Error) => this.failAll(e));
      return;
    }
    while (this.started < Math.min(count, this.size)) this.idle.push(this.spawn());
  }

  /** The worker's Blob URL, once its inlined source is inflated. */
  private load(): Promise<string> {
    this.loading ??= inflateSource().then((js) => {
      this.url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
      return this.url;
    });
    return this.loading;
  }

  private failAll(e: Error): void {
    for (const job of this.queue.splice(0)) job.reject(e);
  }

  private spawn(): Worker {
    const w = new Worker(this.url as string);
    this.started++;
    w.onmessage = (e: MessageEvent<WorkerReply>) => {
      if ('ready' in e.data) {
        this.onReady(++this.ready);
        return;
      }
      const job = this.busy.get(w);
      if (!job || job.id !== e.data.id) return;
      this.busy.delete(w);
      this.idle.push(w);
      if (e.data.ok) job.resolve(e.data.result);
      else job.reject(new Error(e.data.message));
      this.pump();
    };
    w.onerror = (e) => {
      e.preventDefault();
      const job = this.busy.get(w);
      this.busy.delete(w);
      this.started--;
      w.terminate();
      job?.reject(new Error('检查程序意外停止（文件可能过大）。'));
      this.pump();
    };
    return w;
  }

  private pump(): void {
    if (!this.url) {
      if (this.queue.length) this.load().then(() => this.pump(), (e: Error) => this.failAll(e));
      return;
    }
    while (this.queue.length) {
      let w = this.idle.pop();
      if (!w && this.started < this.size) w = this.spawn();
      if (!w) return;
      const job = this.queue.shift() as Job;
      this.busy.set(w, job);
      w.postMessage({ id: job.id, request: job.request }, job.transfer);
    }
  }
}

const BROKEN_PAGE = '页面不完整：缺少检查程序（请重新下载 hefen.html）。';

async function inflateSource(): Promise<string> {
  const el = document.getElementById(WORKER_SOURCE_ID);
  const text = el?.textContent?.trim();
  if (!text) throw new Error(BROKEN_PAGE);
  if (el?.getAttribute('data-encoding') !== 'gzip-base64') return text;
  if (typeof DecompressionStream === 'undefined') throw new Error('这个浏览器太旧，无法运行核分网页版：请使用新版 Chrome、Edge、360、奇安信或 Firefox。');
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return await new Response(stream).text();
  } catch {
    throw new Error(BROKEN_PAGE);
  }
}
