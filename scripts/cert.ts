/**
 * A locally generated certificate for serving the task pane over https://localhost.
 *
 * Two certificates, both made on this machine with the `selfsigned` package and kept in .certs/
 * (gitignored): a small certificate authority (ca.crt, trusted once by the user) and a
 * localhost server certificate signed by it (localhost.crt, 127.0.0.1 and ::1 included). The
 * server certificate is renewed automatically before it expires; the CA stays, so the user
 * trusts it only once. Nothing here touches the network or the system's trust store.
 *
 * Run directly (`node --import tsx scripts/cert.ts`) to create the files and print how to trust them.
 */
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CERT_DIR = join(root, '.certs');

const DAY = 24 * 60 * 60 * 1000;
/** Browsers and macOS reject server certificates valid for longer than 398/825 days. */
const SERVER_DAYS = 365;
const CA_DAYS = 5 * 365;
/** Renew the server certificate when it has fewer days left than this. */
const RENEW_DAYS = 30;

export interface LocalCertificate {
  /** PEM private key of the server certificate. */
  key: string;
  /** PEM server certificate (for https.createServer). */
  cert: string;
  /** Path of the CA certificate the user has to trust. */
  caPath: string;
  /** SHA-256 fingerprint of the CA, shown so the user can check what they trust. */
  caFingerprint: string;
  /** What was (re)generated on this call. */
  created: { ca: boolean; server: boolean };
}

export class CertificateError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CertificateError';
  }
}

function writeSecret(path: string, pem: string): void {
  writeFileSync(path, pem, { mode: 0o600 });
  chmodSync(path, 0o600);
}

function stillValid(certPem: string, now: Date, marginDays: number): boolean {
  const x = new X509Certificate(certPem);
  return new Date(x.validTo).getTime() - now.getTime() > marginDays * DAY && new Date(x.validFrom) <= now;
}

async function makeCa(now: Date): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: '核分 Hefen 本机开发证书颁发机构' }, { name: 'organizationName', value: 'Hefen (local)' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY),
    notAfterDate: new Date(now.getTime() + CA_DAYS * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

async function makeServer(ca: { key: string; cert: string }, now: Date): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - DAY),
    notAfterDate: new Date(now.getTime() + SERVER_DAYS * DAY),
    ca,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Returns a usable localhost certificate from `dir`, creating or renewing what is missing,
 * expired or no longer signed by the CA in the same folder.
 */
export async function ensureCertificate(dir: string = DEFAULT_CERT_DIR, now: Date = new Date()): Promise<LocalCertificate> {
  const paths = {
    caKey: join(dir, 'ca.key'),
    caCert: join(dir, 'ca.crt'),
    key: join(dir, 'localhost.key'),
    cert: join(dir, 'localhost.crt'),
  };
  try {
    mkdirSync(dir, { recursive: true });
    const created = { ca: false, server: false };

    let ca: { key: string; cert: string };
    if (existsSync(paths.caKey) && existsSync(paths.caCert) && stillValid(readFileSync(paths.caCert, 'utf8'), now, RENEW_DAYS)) {
      ca = { key: readFileSync(paths.caKey, 'utf8'), cert: readFileSync(paths.caCert, 'utf8') };
    } else {
      ca = await makeCa(now);
      writeSecret(paths.caKey, ca.key);
      writeFileSync(paths.caCert, ca.cert);
      created.ca = true;
    }

    let server: { key: string; cert: string } | null = null;
    if (!created.ca && existsSync(paths.key) && existsSync(paths.cert)) {
      const pem = readFileSync(paths.cert, 'utf8');
      const signedByCa = new X509Certificate(pem).checkIssued(new X509Certificate(ca.cert));
      if (signedByCa && stillValid(pem, now, RENEW_DAYS)) server = { key: readFileSync(paths.key, 'utf8'), cert: pem };
    }
    if (!server) {
      server = await makeServer(ca, now);
      writeSecret(paths.key, server.key);
      writeFileSync(paths.cert, server.cert);
      created.server = true;
    }

    return {
      key: server.key,
      cert: server.cert,
      caPath: paths.caCert,
      caFingerprint: new X509Certificate(ca.cert).fingerprint256,
      created,
    };
  } catch (err) {
    throw new CertificateError(`无法在 ${dir} 生成或读取本机 https 证书：${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/** How to trust the CA, in Chinese, for the console. */
export function trustInstructions(caPath: string, fingerprint: string, origin = 'https://localhost:3000'): string {
  return [
    '信任本机证书（每台电脑只需一次；证书只在本机生成和使用）：',
    `  证书文件：${caPath}`,
    `  SHA-256 指纹：${fingerprint}`,
    '  Windows：双击 ca.crt → “安装证书” → “当前用户” → “将所有的证书都放入下列存储” → 选“受信任的根证书颁发机构”→ 完成；',
    `           或在命令提示符运行：certutil -user -addstore Root "${caPath}"`,
    `  Mac：在终端运行：security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db "${caPath}"`,
    '       （或双击 ca.crt 加入“钥匙串访问”，再把它设为“始终信任”）',
    `  Excel 网页版：先用同一浏览器打开 ${origin}/taskpane.html，确认没有证书警告。`,
    '  信任后请完全退出并重新打开 Excel。',
  ].join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureCertificate()
    .then((c) => {
      console.log(c.created.ca || c.created.server ? '已生成本机证书。' : '本机证书已存在且有效。');
      console.log(trustInstructions(c.caPath, c.caFingerprint));
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
