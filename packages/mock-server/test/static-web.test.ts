import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '@kilocode/kilo-chat-mock-server';

/** A GET with the path sent byte for byte (fetch would normalise `..` away). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startMockServer({ staticDir }) serves a built web app on its own origin', () => {
  let dir: string;
  let server: MockServer;

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'kilo-static-'));
    writeFileSync(join(parent, 'secret.txt'), 'outside the web root');
    dir = join(parent, 'dist');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(dir, 'assets', 'index-abc123.css'), 'body{margin:0}');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    server = await startMockServer({ port: 0, seed: 'demo', staticDir: dir });
  });

  afterAll(async () => {
    await server.close();
    rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('answers / with index.html, revalidated on each load', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<div id="root">');
  });

  it('answers assets with their content types, hashed ones cacheable', async () => {
    const js = await fetch(`${server.url}/assets/index-abc123.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log("app")');
    const css = await fetch(`${server.url}/assets/index-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const svg = await fetch(`${server.url}/favicon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers a client-side route (with a query) with index.html, so a reload keeps working', async () => {
    const response = await fetch(`${server.url}/conversations/01HZZZZZZZZZZZZZZZZZZZZZZZ?as=alice`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });

  it('answers a missing file with a 404, not the page', async () => {
    const response = await fetch(`${server.url}/assets/missing.js`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
  });

  it('never serves a file outside the folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const response = await rawGet(server.url, path);
      expect(response.body).not.toContain('outside the web root');
    }
  });

  it('leaves every server route to the server', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true });
    const api = await fetch(`${server.url}/v1/conversations`);
    expect(api.status).toBe(401);
    const unknownApi = await fetch(`${server.url}/v1/no-such-route`, {
      headers: { authorization: `Bearer ${await server.mintUserToken('alice')}` },
    });
    expect(unknownApi.status).toBe(404);
    expect(unknownApi.headers.get('content-type')).toContain('application/json');
    const token = await fetch(`${server.url}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'bob' }),
    });
    expect(token.status).toBe(200);
  });

  it('serves nothing extra without staticDir', async () => {
    await using plain = await startMockServer({ port: 0 });
    const response = await fetch(`${plain.url}/`);
    expect(response.status).toBe(404);
  });
});
