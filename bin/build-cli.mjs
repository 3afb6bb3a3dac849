#!/usr/bin/env node
// Bundles the command line with esbuild into dist/cli/: hefen.js (the entry bin/hefen.js loads),
// review-worker.js (the worker threads of `hefen review`, found next to the entry), and chunks
// for what only some commands need (ExcelJS: template, review), loaded on first use. One file to
// parse instead of ~150 modules to resolve is most of the start-up saved. Run by `npm run
// build:cli` and by `prepare` on install; test/cli/bundle.test.ts builds with the same options.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} outdir */
export function cliBuildOptions(outdir = path.join(root, 'dist/cli')) {
  return {
    absWorkingDir: root,
    entryPoints: { hefen: 'src/cli/main.ts', 'review-worker': 'src/cli/review-worker.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Dependencies stay in node_modules (CommonJS ones such as ExcelJS cannot be bundled into ESM
    // without shims); the cost saved is our own module graph.
    packages: 'external',
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await build(cliBuildOptions());
}
