import type { BuildOptions } from 'esbuild';
/** The esbuild options that bundle the CLI into `outdir` (default dist/cli). */
export function cliBuildOptions(outdir?: string): BuildOptions & { metafile: true };
