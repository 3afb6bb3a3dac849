/** `npm start`'s site: the web checker at the root, the add-in's files next to it. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, siteHandler } from '../../scripts/serve.js';

describe('siteHandler', () => {
  let dir: string;
  let server: http.Server;
  let origin: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hefen-site-'));
    mkdirSync(join(dir, 'addin'));
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'addin', 'taskpane.html'), 'PANE');
    writeFileSync(join(dir, 'web', 'hefen.html'), 'WEB');
    server = http.createServer(siteHandler(join(dir, 'addin'), join(dir, 'web')));
    origin = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = async (path: string) => {
    const r = await fetch(origin + path);
    return { status: r.status, body: await r.text(), type: r.headers.get('content-type') };
  };

  it('serves the web checker at / and /hefen.html, the add-in beside it', async () => {
    expect(await get('/')).toMatchObject({ status: 200, body: 'WEB', type: 'text/html; charset=utf-8' });
    expect(await get('/hefen.html')).toMatchObject({ status: 200, body: 'WEB' });
    expect(await get('/taskpane.html')).toMatchObject({ status: 200, body: 'PANE' });
    expect((await get('/%2e%2e/web/hefen.html')).status).toBe(404);
    expect((await get('/nothing.js')).status).toBe(404);
  });
});
