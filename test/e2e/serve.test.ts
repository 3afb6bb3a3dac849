/**
 * The https server behind `npm start` and its locally generated certificate: the certificate
 * chain verifies against the local CA for localhost and 127.0.0.1, is reused on the next start and
 * renewed (under the same CA) when it is about to expire; the server serves the build and nothing
 * outside it.
 */
import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCertificate, type LocalCertificate } from '../../scripts/cert.js';
import { createStaticServer, listen } from '../../scripts/serve.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, ca: string, host = 'localhost', method = 'GET'): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = https.request({ host: '127.0.0.1', servername: host === '127.0.0.1' ? undefined : host, port, path, method, ca, headers: { Host: `${host}:${port}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('local certificate and static https server', () => {
  let tmp = '';
  let cert: LocalCertificate;
  let ca = '';
  let server: Server;
  let port = 0;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'hefen-serve-'));
    const site = join(tmp, 'site');
    mkdirSync(join(site, 'assets'), { recursive: true });
    writeFileSync(join(site, 'taskpane.html'), '<!doctype html><title>核分</title>');
    writeFileSync(join(site, 'taskpane.0123abcd.js'), 'console.log(1);');
    writeFileSync(join(site, 'assets', 'icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(tmp, 'secret.txt'), 'outside the site');
    cert = await ensureCertificate(join(tmp, 'certs'));
    ca = readFileSync(cert.caPath, 'utf8');
    server = createStaticServer(site, cert);
    port = await listen(server, 0, '127.0.0.1');
  });

  afterAll(async () => {
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('creates a CA and a localhost certificate it signed, with the key kept private', () => {
    expect(cert.created).toEqual({ ca: true, server: true });
    const leaf = new X509Certificate(cert.cert);
    expect(leaf.checkIssued(new X509Certificate(ca))).toBe(true);
    expect(leaf.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(leaf.ca).toBe(false);
    expect(new X509Certificate(ca).ca).toBe(true);
    const days = (Date.parse(leaf.validTo) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(300);
    expect(days).toBeLessThanOrEqual(398); // browsers refuse longer-lived server certificates
    if (process.platform !== 'win32') {
      for (const key of ['localhost.key', 'ca.key']) expect(statSync(join(tmp, 'certs', key)).mode & 0o777, key).toBe(0o600);
    }
  });

  it('reuses the certificate on the next start and renews it under the same CA near expiry', async () => {
    const again = await ensureCertificate(join(tmp, 'certs'));
    expect(again.created).toEqual({ ca: false, server: false });
    expect(again.cert).toBe(cert.cert);
    const inElevenMonths = new Date(Date.now() + 350 * 86_400_000); // < 30 days left by then
    const renewed = await ensureCertificate(join(tmp, 'certs'), inElevenMonths);
    expect(renewed.created).toEqual({ ca: false, server: true });
    expect(renewed.caFingerprint).toBe(cert.caFingerprint);
    expect(new X509Certificate(renewed.cert).checkIssued(new X509Certificate(ca))).toBe(true);
  });

  it('TLS verifies against the local CA for localhost and 127.0.0.1', async () => {
    for (const host of ['localhost', '127.0.0.1']) {
      const r = await get(port, '/taskpane.html', ca, host);
      expect(r.status).toBe(200);
      expect(r.body).toBe('<!doctype html><title>核分</title>');
    }
  });

  it('serves the page uncached, hashed bundles immutable, with the right types', async () => {
    const html = await get(port, '/', ca);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['cache-control']).toBe('no-cache');
    const js = await get(port, '/taskpane.0123abcd.js', ca);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const png = await get(port, '/assets/icon-16.png', ca, 'localhost', 'HEAD');
    expect([png.status, png.headers['content-type'], png.headers['content-length'], png.body]).toEqual([200, 'image/png', '4', '']);
  });

  it('refuses paths outside the build, unknown files and writes', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/nope.js', '/assets']) {
      expect((await get(port, path, ca)).status, path).toBe(404);
    }
    expect((await get(port, '/taskpane.html', ca, 'localhost', 'POST')).status).toBe(405);
  });
});
