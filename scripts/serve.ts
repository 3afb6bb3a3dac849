/**
 * `npm start`: builds the web checker (dist/web/hefen.html) and the task pane (dist/addin/), both
 * production, and serves them on https://localhost:3000 with a locally generated certificate: the
 * web checker at the root (its URL printed first), the add-in next to it; then prints how to
 * sideload the add-in and trust the certificate. Never opens a browser, so it works headless too.
 *
 *   node --import tsx scripts/serve.ts [--port 3000] [--no-build] [--no-open]
 *
 * The static server is also used by the end-to-end test (createStaticServer).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, extname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import webpack from 'webpack';
import { ADDIN_OUTPUT_DIR, WEB_HTML, WEB_OUTPUT_DIR, createConfig, createWebConfig } from '../webpack.config.js';
import { ensureCertificate, trustInstructions } from './cert.js';

/** The port manifest.xml points at. */
export const DEFAULT_PORT = 3000;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export class ServeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ServeError';
  }
}

/** The file a URL path names inside `dir`, or null when it escapes `dir` or names no file. */
function fileFor(dir: string, urlPath: string): { path: string; size: number } | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(dir, decoded === '/' ? '/taskpane.html' : decoded));
  const rel = relative(dir, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  const stat = existsSync(path) ? statSync(path) : null;
  return stat?.isFile() ? { path, size: stat.size } : null;
}

/** GET/HEAD of the files under `dir`; nothing else. Logs nothing, sends nothing anywhere. */
export function staticHandler(dir: string): http.RequestListener {
  const base = resolve(dir);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'https://localhost');
    const file = fileFor(base, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    const hashed = /\.[0-9a-f]{8}\.js$/.test(file.path);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': file.size,
      // Bundles carry a content hash and never change; everything else must be re-fetched so a
      // rebuilt pane is picked up by Office's webview.
      'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file.path).pipe(res);
  };
}

/**
 * The add-in's files under `addinDir`, and the web checker at the root: `/` and `/hefen.html`
 * give `webDir`/hefen.html.
 */
export function siteHandler(addinDir: string, webDir: string): http.RequestListener {
  const addin = staticHandler(addinDir);
  const web = staticHandler(webDir);
  return (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'https://localhost');
    if (pathname === '/' || pathname === `/${WEB_HTML}`) {
      req.url = `/${WEB_HTML}`;
      web(req, res);
    } else addin(req, res);
  };
}

/** An https server (or plain http when no key/cert is given, for tests) over `dir`. */
export function createStaticServer(dir: string, tls?: { key: string; cert: string }): http.Server {
  const handler = staticHandler(dir);
  return tls ? https.createServer({ key: tls.key, cert: tls.cert }, handler) : http.createServer(handler);
}

export function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      reject(
        new ServeError(
          err.code === 'EADDRINUSE'
            ? `端口 ${port} 已被占用（${host}）：请关闭占用它的程序（可能是另一个 npm start）后重试。`
            : `无法在 ${host}:${port} 上启动服务器：${err.message}`,
          { cause: err },
        ),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolveListen((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Production build of the web checker into `outDir` (dist/web by default). */
export function buildWeb(outDir: string = WEB_OUTPUT_DIR): Promise<webpack.Stats> {
  return new Promise((resolveBuild, reject) => {
    const compiler = webpack(createWebConfig({ mode: 'production', outDir }));
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(new ServeError(`构建网页版失败：${err.message}`, { cause: err }));
      if (!stats || stats.hasErrors()) {
        return reject(new ServeError(`构建网页版失败：\n${stats?.toString({ all: false, errors: true, colors: false }) ?? ''}`));
      }
      resolveBuild(stats);
    });
  });
}

/** Production build of the pane into `outDir` (dist/addin by default). */
export function buildAddin(outDir: string = ADDIN_OUTPUT_DIR, entry?: string): Promise<webpack.Stats> {
  return new Promise((resolveBuild, reject) => {
    const compiler = webpack(createConfig({ mode: 'production', outDir, entry }));
    compiler.run((err, stats) => {
      compiler.close(() => undefined);
      if (err) return reject(new ServeError(`构建加载项失败：${err.message}`, { cause: err }));
      if (!stats || stats.hasErrors()) {
        const text = stats?.toString({ all: false, errors: true, colors: false }) ?? '';
        return reject(new ServeError(`构建加载项失败：\n${text}`));
      }
      resolveBuild(stats);
    });
  });
}

function sideloadInstructions(origin: string): string {
  const manifest = join(root, 'manifest.xml');
  return [
    `核分加载项已在 ${origin}/taskpane.html 提供（按 Ctrl+C 停止）。`,
    `清单文件：${manifest}（也可从 ${origin}/manifest.xml 下载）`,
    '',
    '旁加载（sideload）到 Excel：',
    '  Windows（Excel 2021/2024、Microsoft 365）：',
    '    1. 新建一个文件夹（例如 C:\\hefen-manifest），右键 → 属性 → 共享，把它共享出来，记下网络路径（例如 \\\\电脑名\\hefen-manifest）；',
    '    2. 把 manifest.xml 复制进这个文件夹；',
    '    3. Excel：文件 → 选项 → 信任中心 → 信任中心设置 → 受信任的加载项目录，在“目录 URL”中填网络路径，单击“添加目录”，勾选“显示在菜单中”，确定后重启 Excel；',
    '    4. 开始 → 加载项（或 插入 → 我的加载项）→ 共享文件夹 → 选“核分”→ 添加。“开始”选项卡上会出现“核分”组和“检查得分”按钮。',
    '  Mac（Microsoft 365、Excel 2021/2024）：',
    '    1. 把 manifest.xml 复制到 ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef（没有 wef 文件夹就新建）；',
    '    2. 重新打开 Excel，开始 → 加载项（或 插入 → 我的加载项），在“开发人员加载项”下选“核分”。',
    '  Excel 网页版：',
    '    打开一个工作簿 → 插入 → 加载项（或 开始 → 加载项 → 更多加载项）→ 上传我的加载项 → 选 manifest.xml → 上传。',
    '',
    '只要 Excel 打开核分，本服务器就必须在运行。Office.js 从 Microsoft 的 CDN（appsforoffice.microsoft.com）加载；',
    '其余一切都在本机，表格内容不会发送到任何地方。',
  ].join('\n');
}

function parseArgs(argv: string[]): { port: number; build: boolean } {
  let port = DEFAULT_PORT;
  let build = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-build') build = false;
    else if (a === '--no-open') continue; // never opens a browser anyway
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      port = Number(v);
      if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ServeError(`端口无效：${v}`);
    } else throw new ServeError(`不认识的参数：${a}（可用：--port N、--no-build、--no-open）`);
  }
  return { port, build };
}

async function main(): Promise<void> {
  const { port, build } = parseArgs(process.argv.slice(2));
  const webFile = join(WEB_OUTPUT_DIR, WEB_HTML);
  const webUrl = `https://localhost:${port}/`;
  if (build) {
    console.log('正在构建网页版和加载项（生产模式）……');
    const [web, addin] = await Promise.all([buildWeb(), buildAddin()]);
    const secs = (s: webpack.Stats) => ((s.endTime - s.startTime) / 1000).toFixed(1);
    console.log(`构建完成：网页版 ${secs(web)} 秒（${webFile}），加载项 ${secs(addin)} 秒（${ADDIN_OUTPUT_DIR}）`);
  } else if (!existsSync(join(ADDIN_OUTPUT_DIR, 'taskpane.html')) || !existsSync(webFile)) {
    throw new ServeError(`dist/ 里还没有构建结果：请先运行 npm run build，或去掉 --no-build。`);
  }
  const cert = await ensureCertificate();
  if (cert.created.ca) console.log('已在 .certs/ 生成本机证书颁发机构和 localhost 证书。');
  else if (cert.created.server) console.log('已续期 .certs/ 中的 localhost 证书（证书颁发机构不变，无需重新信任）。');

  // Both loopback addresses: Office may resolve "localhost" to either. Never on other interfaces.
  const servers: http.Server[] = [];
  for (const host of ['127.0.0.1', '::1']) {
    const server = https.createServer({ key: cert.key, cert: cert.cert }, siteHandler(ADDIN_OUTPUT_DIR, WEB_OUTPUT_DIR));
    try {
      await listen(server, port, host);
      servers.push(server);
    } catch (err) {
      const code = (err as { cause?: NodeJS.ErrnoException }).cause?.code;
      if (host === '::1' && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue; // no IPv6 here
      throw err;
    }
  }
  const origin = `https://localhost:${port}`;
  console.log('');
  console.log(`核分网页版：${webUrl}`);
  console.log(`  （不装证书也可以直接用浏览器打开 ${webFile}；文件只在本机浏览器中处理，不会上传）`);
  console.log('');
  console.log(sideloadInstructions(origin));
  if (port !== DEFAULT_PORT) console.log(`\n注意：manifest.xml 里的地址是 https://localhost:${DEFAULT_PORT}，用其他端口时要一并修改清单。`);
  console.log('');
  console.log(trustInstructions(cert.caPath, cert.caFingerprint, origin));

  const stop = (): void => {
    for (const s of servers) s.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
