#!/usr/bin/env node
// Bundles the command line with esbuild into dist/cli/: hefen.js (the entry bin/hefen.js loads),
// review-worker.js (the worker threads of `hefen review`, found next to the entry), and chunks
// for what only some commands need (ExcelJS: template, review), loaded on first use. One file to
// parse instead of ~150 modules to resolve is most of the start-up saved. SheetJS, and fflate for
// reading, are loaded only for the files that need them (src/cli/lazy-*.ts). Run by `npm run build:cli` and by
// `prepare` on install; test/cli/bundle.test.ts and bench/reader.ts build with the same options.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAZY_SHEETJS = path.join(root, 'src', 'cli', 'lazy-sheetjs.ts');
const LAZY_FFLATE = path.join(root, 'src', 'cli', 'lazy-fflate.ts');
const READER_ZIP = path.join(root, 'src', 'xlsx', 'reader', 'zip.ts');

/**
 * Packages `check` needs only for some files, loaded when they do (src/cli/lazy-*.ts): every
 * import of '@e965/xlsx' resolves to the CLI's lazy stand-in, except the stand-in's own, which
 * stays the external package; so does the reader's import of 'fflate' (Node's zlib inflates, fflate
 * only retries what zlib refuses). Other importers of fflate (the writers) keep the package.
 * @type {import('esbuild').Plugin}
 */
const lazyPackages = {
  name: 'lazy-packages',
  setup(b) {
    b.onResolve({ filter: /^@e965\/xlsx$/ }, (args) =>
      path.resolve(args.importer) === LAZY_SHEETJS ? { path: args.path, external: true } : { path: LAZY_SHEETJS },
    );
    b.onResolve({ filter: /^fflate$/ }, (args) => (path.resolve(args.importer) === READER_ZIP ? { path: LAZY_FFLATE } : undefined));
  },
};

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
    plugins: [lazyPackages],
    chunkNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  };
}

/**
 * The bundle, built into an outdir emptied of earlier builds' scripts first: chunk names carry a
 * hash, so without this every build would leave the last one's chunks beside the new ones. Only
 * the .js files directly in outdir are removed (nothing else there is ours).
 * @param {string} [outdir]
 */
export async function buildCli(outdir) {
  const options = cliBuildOptions(outdir);
  let names = [];
  try {
    names = readdirSync(options.outdir);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  for (const name of names) if (name.endsWith('.js')) rmSync(path.join(options.outdir, name), { force: true });
  return build(options);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli();
}
