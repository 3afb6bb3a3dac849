/**
 * fflate for the reader in the bundled CLI, loaded on first use: the CLI inflates with Node's zlib
 * (node-inflate.ts) and needs the reader's fflate path only for a stream zlib refuses, yet
 * importing fflate costs every start about 12 ms (its tables, and worker_threads). bin/build-cli.mjs
 * points the reader's import of 'fflate' (src/xlsx/reader/zip.ts) here. fflate's CommonJS build is
 * the same code as its ES module (one source, two outputs), so it can be required synchronously.
 * Only the names zip.ts imports are forwarded; the build fails on any other.
 */
import { createRequire } from 'node:module';
import type * as Fflate from 'fflate';

let real: typeof Fflate | null = null;
const fflate = (): typeof Fflate => (real ??= createRequire(import.meta.url)('fflate') as typeof Fflate);

export const inflateSync = ((data: Uint8Array, opts?: Fflate.InflateOptions) => fflate().inflateSync(data, opts)) as typeof Fflate.inflateSync;

/** `new Inflate(…)` builds fflate's own Inflate (a constructor that returns an object gives that object). */
export const Inflate = function Inflate(...args: ConstructorParameters<typeof Fflate.Inflate>) {
  return new (fflate().Inflate)(...args);
} as unknown as typeof Fflate.Inflate;
