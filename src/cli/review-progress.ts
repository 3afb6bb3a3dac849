/**
 * The one updating progress line `hefen review` keeps on stderr when stderr is a terminal:
 * files done / total, forms, errors so far, unreadable files, rate and time left.
 */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export class Progress {
  private done = 0;
  private forms = 0;
  private errors = 0;
  private unreadable = 0;
  private lastDraw = 0;
  private shown = false;
  private readonly started = Date.now();

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    private readonly enabled = !!stream.isTTY,
  ) {}

  add(forms: number, errors: number, unreadable: boolean): void {
    this.done++;
    this.forms += forms;
    this.errors += errors;
    if (unreadable) this.unreadable++;
    const now = Date.now();
    if (this.done === this.total || now - this.lastDraw >= 100) this.draw(now);
  }

  line(now = Date.now()): string {
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done / secs;
    const left = rate > 0 ? Math.ceil((this.total - this.done) / rate) : 0;
    const parts = [`审核中 ${this.done}/${this.total} 个文件`, `${this.forms} 张表`, `发现错误 ${this.errors} 个`];
    if (this.unreadable) parts.push(`无法读取 ${this.unreadable} 个`);
    parts.push(`${rate.toFixed(rate < 10 ? 1 : 0)} 个/秒`);
    if (this.done < this.total) parts.push(`剩余约 ${formatSeconds(left)}`);
    return parts.join(' · ');
  }

  private draw(now: number): void {
    if (!this.enabled) return;
    this.lastDraw = now;
    this.shown = true;
    this.stream.write(`\r${this.line(now)}\x1b[K`);
  }

  /** Draws the line again now (after other output was written below a cleared line). */
  redraw(): void {
    this.draw(Date.now());
  }

  /** Wipes the line so that other output starts on a clean line; the next add redraws it. */
  clear(): void {
    if (this.enabled && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  finish(): void {
    if (!this.enabled) return;
    this.draw(Date.now());
    this.stream.write('\n');
    this.shown = false;
  }
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${s} 秒`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} 分 ${s % 60} 秒` : `${Math.floor(m / 60)} 小时 ${m % 60} 分`;
}
