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

/** webpack-cli entry: `webpack` (production) or `webpack --mode development`. */
export default (_env, argv = {}) =>
  createConfig({ mode: argv.mode === 'development' ? 'development' : 'production', baseUrl: baseUrlOrExit() });
