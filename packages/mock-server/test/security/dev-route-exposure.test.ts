import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type MockServer, startMockServer } from '../../src/index';
import { call } from '../helpers';

const cliPath = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));

/** A POST with a chosen Host header (fetch cannot set one). */
function postWithHost(url: string, host: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { host, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('dev and control routes under attack', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ port: 0, seed: 'demo' });
  });
  afterAll(() => server.close());

  it('a cross-site text/plain POST to /_dev/token (no preflight) is refused with 415', async () => {
    const res = await fetch(`${server.url}/_dev/token`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"userId":"alice"}' });
    expect(res.status).toBe(415);
  });

  it('a cross-site form POST to /_control/latency is refused with 415 and adds no latency', async () => {
    const res = await fetch(`${server.url}/_control/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '{"ms":2147483647}',
    });
    expect(res.status).toBe(415);
    expect(server.faults.latencyFor('GET', '/health')).toBe(0);
  });

  it('a DNS-rebinding request (Host: attacker.example) to /_dev/token is refused with 403', async () => {
    expect(await postWithHost(`${server.url}/_dev/token`, `attacker.example:${server.port}`, { userId: 'alice' })).toBe(403);
    // Loopback names still work.
    expect(await postWithHost(`${server.url}/_dev/token`, `localhost:${server.port}`, { userId: 'alice' })).toBe(200);
    expect(await postWithHost(`${server.url}/_dev/token`, `127.0.0.1:${server.port}`, { userId: 'alice' })).toBe(200);
  });

  it('bob cannot take over demo-sandbox or point its webhooks at himself through /_dev/sandboxes', async () => {
    const sandboxId = server.demo!.sandboxId;
    const before = { ...server.core.sandboxes.get(sandboxId)! };
    const takeover = await call(server, 'POST', '/_dev/sandboxes', {
      body: { id: sandboxId, ownerId: server.demo!.bob, webhookUrl: 'http://evil.example/hook' },
    });
    expect(takeover.status).toBe(409);
    const hijack = await call(server, 'POST', '/_dev/sandboxes', {
      body: { id: sandboxId, ownerId: before.ownerId, webhookUrl: 'http://evil.example/hook' },
    });
    expect(hijack.status).toBe(409);
    expect(server.core.sandboxes.get(sandboxId)).toEqual(before);
    // The same request again is harmless.
    const again = await call(server, 'POST', '/_dev/sandboxes', { body: { id: sandboxId, ownerId: before.ownerId } });
    expect(again.status).toBe(200);
  });
});

describe('dev routes on a non-loopback bind', () => {
  it('are off by default when bound to every interface', async () => {
    await using server = await startMockServer({ port: 0, host: '0.0.0.0' });
    const res = await fetch(`http://127.0.0.1:${server.port}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"userId":"alice"}',
    });
    expect(res.status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${server.port}/_control/reset`, { method: 'POST' })).status).toBe(404);
  });

  it('warn when turned on there', async () => {
    const warn = vi.fn();
    await using server = await startMockServer({ port: 0, host: '0.0.0.0', devRoutes: true, logger: { debug() {}, warn, error() {} } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('/_dev/*'));
    const res = await fetch(`http://127.0.0.1:${server.port}/_dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"userId":"alice"}',
    });
    expect(res.status).toBe(200);
  });
});

describe('CLI --no-dev-routes', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    child?.kill('SIGTERM');
    child = null;
  });

  it('a server started with --no-dev-routes answers 404 to /_dev/token', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', '--no-dev-routes'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk.toString()));
    child.stderr!.on('data', (chunk) => (out += chunk.toString()));
    await vi.waitFor(() => expect(out).toContain('Press Ctrl+C to stop.'), { timeout: 15_000, interval: 50 });
    const chatUrl = /Chat API\s+(\S+)/.exec(out)![1]!;
    const res = await fetch(`${chatUrl}/_dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"userId":"alice"}' });
    expect(res.status).toBe(404);
  });
});
