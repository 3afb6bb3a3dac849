import type { BuildOptions, BuildResult } from 'esbuild';
/** The esbuild options that bundle the CLI into `outdir` (default dist/cli). */
export function cliBuildOptions(outdir?: string): BuildOptions & { metafile: true; outdir: string };
/** Empties `outdir` (default dist/cli) of earlier builds' scripts, then builds the CLI into it. */
export function buildCli(outdir?: string): Promise<BuildResult<BuildOptions & { metafile: true }>>;
