/**
 * The add-in manifest for a given server: manifest.xml names https://localhost:3000 (what
 * `npm start` serves); `HEFEN_BASE_URL=https://… npm run build` rewrites every address in it to
 * that base, so dist/addin/ can be copied as it is to an intranet HTTPS server.
 *
 * Plain ESM (typed by build-manifest.d.ts) because webpack-cli loads webpack.config.js, which uses
 * it, without a TypeScript loader.
 */

/** Where every address in manifest.xml points: the developer's `npm start` server. */
export const DEV_BASE_URL = 'https://localhost:3000';

/** A base address Office cannot load an add-in from; the message is Chinese, for the person building. */
export class BaseUrlError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'BaseUrlError';
  }
}

/**
 * `https://host[:port][/path]` with no trailing slash, or a BaseUrlError saying what is wrong.
 * @param {string} raw
 * @returns {string}
 */
export function normaliseBaseUrl(raw) {
  const text = String(raw ?? '').trim();
  const hint = '例如 HEFEN_BASE_URL=https://addins.example.gov.cn/hefen npm run build';
  if (text === '') throw new BaseUrlError(`HEFEN_BASE_URL 是空的：请给出加载项所在的 HTTPS 地址，${hint}。`);
  if (!/^https:\/\//i.test(text)) {
    throw new BaseUrlError(
      `HEFEN_BASE_URL 必须以 https:// 开头（Office 只从 HTTPS 地址加载加载项，http:// 或不带协议的地址都不行）：收到“${text}”。${hint}。`,
    );
  }
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new BaseUrlError(`HEFEN_BASE_URL 不是有效的网址：“${text}”。${hint}。`);
  }
  if (url.username || url.password) throw new BaseUrlError(`HEFEN_BASE_URL 不能包含用户名或密码：“${text}”。`);
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    throw new BaseUrlError(`HEFEN_BASE_URL 只能是服务器地址和目录，不能带 ? 或 # 后面的部分：“${text}”。`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** @param {string} s */
function escapeXml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** @param {string} s */
function unescapeXml(s) {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]);
}

/** Namespace and schema URIs are names, not addresses Office fetches. */
const NAMESPACE = /^https?:\/\/schemas\.microsoft\.com\/|^https?:\/\/www\.w3\.org\//;

/**
 * Every address in the manifest, unescaped: attribute values and element text that start with
 * http(s):// (comments and namespace URIs left out).
 * @param {string} xml
 * @returns {string[]}
 */
export function manifestUrls(xml) {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  const urls = [];
  for (const m of body.matchAll(/=\s*"(https?:\/\/[^"]*)"|=\s*'(https?:\/\/[^']*)'|>\s*(https?:\/\/[^<\s]*)\s*</gi)) {
    const url = unescapeXml(m[1] ?? m[2] ?? m[3]);
    if (!NAMESPACE.test(url)) urls.push(url);
  }
  return urls;
}

/**
 * `template` (manifest.xml) with every address moved from DEV_BASE_URL to `base`. With the
 * development base the template comes back unchanged. Throws a BaseUrlError when the base is not
 * https, and an Error when the template holds an address outside DEV_BASE_URL (it could not be
 * moved, and the manifest would send Office elsewhere).
 * @param {string} template
 * @param {string} base
 * @returns {string}
 */
export function buildManifest(template, base) {
  const target = normaliseBaseUrl(base);
  const stray = manifestUrls(template).filter((u) => u !== DEV_BASE_URL && !u.startsWith(`${DEV_BASE_URL}/`));
  if (stray.length) throw new Error(`manifest.xml 中有不在 ${DEV_BASE_URL} 下的地址，无法改写：${stray.join('、')}`);
  if (target === DEV_BASE_URL) return template;

  const dev = new RegExp(`${DEV_BASE_URL.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?=[/"'<\\s]|$)`, 'g');
  // "--" may not appear inside an XML comment
  const shown = target.includes('--') ? '该地址' : target;
  const note = [
    '<!--',
    `  核分（Hefen）加载项清单，由 npm run build 按 HEFEN_BASE_URL=${shown} 生成：`,
    `  所有网址指向 ${shown}。把 dist/addin/ 整个目录复制到该地址，再把本文件交给 Microsoft 365`,
    '  管理中心的“集中部署”或共享文件夹目录（见 README“部署到单位的电脑”）。要换地址请重新构建，不要手改。',
    '-->',
  ].join('\n');
  let out = template.replace(/<!--[\s\S]*?-->/, note);
  const comments = [];
  // Addresses outside comments only; the generated note above already names the base.
  out = out.replace(/<!--[\s\S]*?-->/g, (c) => {
    comments.push(c);
    return `\u0000${comments.length - 1}\u0000`;
  });
  out = out.replace(dev, escapeXml(target));
  out = out.replace(/\u0000(\d+)\u0000/g, (_m, i) => comments[Number(i)]);

  const left = manifestUrls(out).filter((u) => !u.startsWith(`${target}/`) && u !== target);
  if (left.length) throw new Error(`生成的清单里仍有不在 ${target} 下的地址：${left.join('、')}`);
  return out;
}

/**
 * The base the production build writes into the manifest: HEFEN_BASE_URL when set (normalised,
 * or a BaseUrlError), else DEV_BASE_URL.
 * @param {Record<string, string | undefined>} env
 * @returns {string}
 */
export function baseUrlFromEnv(env) {
  const raw = env.HEFEN_BASE_URL;
  return raw === undefined ? DEV_BASE_URL : normaliseBaseUrl(raw);
}
