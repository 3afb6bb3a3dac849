export interface ReadLimits {
  /** Bytes inflated from the package, all parts read together (sheets, strings, styles). */
  maxUncompressedBytes: number;
  /** Cells holding a value or formula in one sheet. */
  maxCellsPerSheet: number;
  maxSheets: number;
  /** Wall-clock time for one file. */
  maxMillis: number;
}

/**
 * Defaults, chosen far above any real form (a 10,000-row form is about 5 MB of sheet XML and
 * 80,000 cells) and well below what would hurt a laptop or a browser tab: 200 MB of XML would cost
 * roughly 400 MB as strings; a decompression bomb stops at 100 MB (about 1 s of inflating the worst stream); 1,000,000 cells in
 * one sheet read in a few seconds; 500 sheets; 20 s per file. Override per call.
 */
export const DEFAULT_LIMITS: ReadLimits = Object.freeze({
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxCellsPerSheet: 1_000_000,
  maxSheets: 500,
  maxMillis: 20_000,
});

export function resolveLimits(partial?: Partial<ReadLimits>): ReadLimits {
  const out = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const k of Object.keys(out) as (keyof ReadLimits)[]) {
      const v = partial[k];
      if (typeof v === 'number' && v > 0) out[k] = v;
    }
  }
  return out;
}

export class Deadline {
  private readonly end: number;
  constructor(
    maxMillis: number,
    private readonly onTimeout: () => Error,
  ) {
    this.end = Date.now() + maxMillis;
  }
  check(): void {
    if (Date.now() > this.end) throw this.onTimeout();
  }
}
