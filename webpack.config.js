/**
 * Builds the task pane into dist/addin/: taskpane.html (from src/taskpane/taskpane.html), the
 * bundle, assets/icon-*.png and manifest.xml. `npm run build` = production (minified, no source
 * maps); `webpack --mode development` gives readable output with inline source maps.
 *
 * Office.js is NOT bundled: taskpane.html loads it from Microsoft's CDN, as Office requires.
 * createConfig() is also used by scripts/serve.ts and the tests (other entry / output folder).
 *
 * `HEFEN_BASE_URL=https://server/path npm run build`: the emitted manifest.xml points every address
 * at that server instead of https://localhost:3000 (scripts/build-manifest.js), so dist/addin/ can
 * be copied to it as it is. Only the webpack-cli entry reads the variable; `npm start` always
 * builds for localhost.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import CopyWebpackPlugin from 'copy-webpack-plugin';
import { BaseUrlError, baseUrlFromEnv, buildManifest, DEV_BASE_URL, normaliseBaseUrl } from './scripts/build-manifest.js';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import compilerWebpack from 'webpack';

const root = path.dirname(fileURLToPath(import.meta.url));

export const ADDIN_OUTPUT_DIR = path.join(root, 'dist', 'addin');
const TASKPANE_ENTRY = path.join(root, 'src', 'taskpane', 'index.tsx');
export const TASKPANE_HTML = 'taskpane.html';

/** @type {import('webpack').ResolveOptions} */
export const RESOLVE = {
  extensions: ['.tsx', '.ts', '.js'],
  // Sources import './x.js' (NodeNext style) for files that are really .ts/.tsx.
  extensionAlias: { '.js': ['.ts', '.tsx', '.js'] },
};

/**
 * TypeScript through ts-loader, transpile only (type checking is `tsc --noEmit`), emitted as
 * ES2020 modules so webpack can tree-shake them.
 * @param {boolean} production
 * @returns {import('webpack').RuleSetRule}
 */
export function typescriptRule(production) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: 'ts-loader',
      options: {
        transpileOnly: true,
        configFile: path.join(root, 'tsconfig.json'),
        compilerOptions: {
          noEmit: false,
          target: 'ES2020',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          sourceMap: !production,
        },
      },
    },
  };
}

/**
 * @param {{ mode?: 'production' | 'development', entry?: string, outDir?: string, baseUrl?: string }} [options]
 * @returns {import('webpack').Configuration}
 */
export function createConfig(options = {}) {
  const mode = options.mode ?? 'production';
  const production = mode === 'production';
  const baseUrl = normaliseBaseUrl(options.baseUrl ?? DEV_BASE_URL); // a bad base fails before compiling
  return {
    mode,
    context: root,
    target: ['web', 'es2020'],
    entry: { taskpane: options.entry ?? TASKPANE_ENTRY },
    output: {
      path: options.outDir ?? ADDIN_OUTPUT_DIR,
      // Hashed names in production: Office's webviews cache add-in files hard.
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: '',
      clean: true,
    },
    devtool: production ? false : 'inline-source-map',
    resolve: RESOLVE,
    module: { rules: [typescriptRule(production)] },
    plugins: [
      new HtmlWebpackPlugin({
        template: path.join(root, 'src', 'taskpane', 'taskpane.html'),
        filename: TASKPANE_HTML,
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        inject: 'head',
        // Not minified (here or by webpack's own HTML minimizer below): the page is 2 KB and the
        // inline ES5 check must reach IE11 exactly as written and tested.
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: path.join(root, 'assets'), to: 'assets', globOptions: { ignore: ['**/.*'] } },
          {
            from: path.join(root, 'manifest.xml'),
            to: 'manifest.xml',
            transform: (content) => buildManifest(content.toString('utf8'), baseUrl),
          },
        ],
      }),
    ],
    performance: {
      hints: production ? 'warning' : false,
      maxEntrypointSize: 500 * 1024,
      maxAssetSize: 500 * 1024,
    },
    optimization: {
      minimize: production,
      minimizeOptions: { html: false },
    },
    stats: 'errors-warnings',
  };
}

/** The add-in's base address for webpack-cli: HEFEN_BASE_URL, or a plain Chinese message and exit. */
function baseUrlOrExit() {
  try {
    const base = baseUrlFromEnv(process.env);
    if (base !== DEV_BASE_URL) console.log(`dist/addin/manifest.xml 中的网址指向 ${base}/`);
    return base;
  } catch (e) {
    if (!(e instanceof BaseUrlError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
}

/** webpack-cli entry: `webpack` (production) or `webpack --mode development`: the add-in and the web checker. */
export default (_env, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  return [createConfig({ mode, baseUrl: baseUrlOrExit() }), createWebConfig({ mode })];
};

// ---------------------------------------------------------------------------------------------
// The web checker: dist/web/hefen.html, ONE self-contained file that works from file:// and served.
// Two entries in one compilation: the page and the worker (which holds the workbook code). After
// minification, inlineWebPage() puts the page script into a <script> (allowed by its sha256 in
// the Content-Security-Policy) and the worker's source, gzipped and base64-encoded, into a <script type="text/plain">, which
// the page starts from a Blob URL (file:// pages cannot load worker scripts from disk in
// Chromium). The .js assets are then dropped: nothing but hefen.html is written.

export const WEB_OUTPUT_DIR = path.join(root, 'dist', 'web');
export const WEB_HTML = 'hefen.html';
const WEB_TEMPLATE = path.join(root, 'src', 'web', 'hefen.html');
const WEB_PAGE_ENTRY = path.join(root, 'src', 'web', 'index.tsx');
const WEB_WORKER_ENTRY = path.join(root, 'src', 'web', 'worker.ts');

/** Script text made safe inside an HTML <script> element, with the same meaning as JavaScript. */
export function scriptSafe(js) {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * The page's HTML from the template: `<!--HEFEN:CSP-->`, `<!--HEFEN:WORKER-->`, `<!--HEFEN:SCRIPT-->`
 * replaced. The policy forbids every network connection; scripts run only by hash.
 * @param {string} template @param {string} pageJs @param {string} workerJs
 */
export function inlineWebPage(template, pageJs, workerJs) {
  const script = scriptSafe(pageJs);
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${hash}'`,
    'worker-src blob:',
    "style-src 'unsafe-inline'",
    'img-src data: blob:',
    'font-src data:',
    "connect-src 'none'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "manifest-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
  const parts = {
    '<!--HEFEN:CSP-->': `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    // gzip + base64: the worker (SheetJS, ExcelJS, fflate, the core) shrinks to about a third; the
    // page inflates it with the browser's own DecompressionStream before starting it.
    '<!--HEFEN:WORKER-->': `<script type="text/plain" id="hefen-worker-source" data-encoding="gzip-base64">${gzipSync(workerJs, { level: 9 }).toString('base64')}</script>`,
    '<!--HEFEN:SCRIPT-->': `<script>${script}</script>`,
  };
  let html = template;
  for (const [marker, text] of Object.entries(parts)) {
    if (!html.includes(marker)) throw new Error(`${WEB_TEMPLATE} 缺少 ${marker}`);
    html = html.replace(marker, () => text);
  }
  return html;
}

class InlineWebPagePlugin {
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('InlineWebPagePlugin', (compilation) => {
      compilation.fileDependencies.add(WEB_TEMPLATE);
      compilation.hooks.processAssets.tap(
        { name: 'InlineWebPagePlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          const source = (name) => {
            const asset = assets[`${name}.js`];
            if (!asset) throw new Error(`缺少 ${name}.js：${Object.keys(assets).join(', ')}`);
            return asset.source().toString();
          };
          let html = inlineWebPage(readFileSync(WEB_TEMPLATE, 'utf8'), source('hefen-page'), source('hefen-worker'));
          // Keep the bundled libraries' licence notices (extracted by the minifier) in the page.
          const licences = Object.keys(assets).filter((n) => n.endsWith('.LICENSE.txt')).map((n) => assets[n].source().toString());
          if (licences.length) html += `<!--\n${[...new Set(licences.join('\n').split('\n'))].join('\n').replace(/--/g, '- -')}\n-->\n`;
          for (const name of Object.keys(assets)) compilation.deleteAsset(name);
          compilation.emitAsset(WEB_HTML, new sources.RawSource(html));
        },
      );
    });
  }
}

/**
 * @param {{ mode?: 'production' | 'development', outDir?: string }} [options]
 * @returns {import('webpack').Configuration}
 */
export function createWebConfig(options = {}) {
  const mode = options.mode ?? 'production';
  const production = mode === 'production';
  return {
    name: 'web',
    mode,
    context: root,
    target: ['web', 'es2020'],
    entry: { 'hefen-page': WEB_PAGE_ENTRY, 'hefen-worker': WEB_WORKER_ENTRY },
    output: { path: options.outDir ?? WEB_OUTPUT_DIR, filename: '[name].js', globalObject: 'self', publicPath: '', clean: true },
    devtool: false,
    resolve: {
      ...RESOLVE,
      alias: {
        // ExcelJS and SheetJS are evaluated on first use, not when a worker starts (src/web/lazy/):
        // only templates, .xls/.et reading and their annotated copies need them.
        exceljs$: path.join(root, 'src', 'web', 'lazy', 'exceljs.js'),
        '@e965/xlsx$': path.join(root, 'src', 'web', 'lazy', 'sheetjs.js'),
        // ExcelJS's prebuilt browser bundle without its polyfills (modern browsers only).
        'hefen-real-exceljs$': path.join(root, 'node_modules', 'exceljs', 'dist', 'exceljs.bare.min.js'),
        'hefen-real-sheetjs$': path.join(root, 'node_modules', '@e965', 'xlsx', 'xlsx.mjs'),
      },
    },
    module: {
      rules: [
        typescriptRule(production),
        { test: /src[\\/]web[\\/]lazy[\\/].*\.js$/, type: 'javascript/auto' },
      ],
      noParse: /exceljs[\\/]dist[\\/]/,
      // A name the lazy stand-ins do not export is a build error, not a silent undefined.
      parser: { javascript: { exportsPresence: 'error' } },
    },
    plugins: [
      new InlineWebPagePlugin(),
    ],
    performance: { hints: false },
    // Scripts are minified before inlining; the page's HTML must not be (its script's hash is in the CSP).
    optimization: { minimize: production, minimizeOptions: { html: false }, splitChunks: false, runtimeChunk: false },
    stats: 'errors-warnings',
  };
}
