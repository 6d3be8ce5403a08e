import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { UnknownDeviationError, mockDeviations, startMockServer } from '@kilocode/kilo-chat-mock-server';
import type { MockServer } from '@kilocode/kilo-chat-mock-server';

// Deliberately wrong servers exist to test a conformance suite (issue 15:
// "every scenario can fail"); these tests hold the switch itself: names are
// checked, a deviation changes exactly its contract point, and without one
// the server is the correct one.
let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ticketFor(s: MockServer, userId: string): Promise<string> {
  const res = await fetch(`${s.url}/connect-ticket`, { method: 'POST', headers: { authorization: `Bearer ${await s.mintUserToken(userId)}` } });
  return ((await res.json()) as { ticket: string }).ticket;
}

function upgrade(s: MockServer, ticket: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${s.eventsUrl}/connect?ticket=${ticket}`, 'kilo.events.v1');
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    ws.on('error', () => undefined);
  });
}

describe('startMockServer({ deviations })', () => {
  it('refuses an unknown name with a typed error listing the valid ones', async () => {
    const error = await startMockServer({ deviations: ['no-such-bug' as never] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownDeviationError);
    expect((error as UnknownDeviationError).code).toBe('unknown_deviation');
    expect((error as UnknownDeviationError).unknown).toEqual(['no-such-bug']);
    expect((error as Error).message).toContain('reusable-tickets');
  });

  it('catalogues each deviation once, with what is wrong and the contract it breaks', () => {
    const names = mockDeviations.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const d of mockDeviations) {
      expect(d.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(d.description.length).toBeGreaterThan(10);
      expect(d.reference).toMatch(/\.md §/);
    }
  });

  it('reusable-tickets lets a ticket upgrade twice; the correct server refuses the second with 401', async () => {
    server = await startMockServer();
    const ticket = await ticketFor(server, 'alice');
    expect([await upgrade(server, ticket), await upgrade(server, ticket)]).toEqual([101, 401]);
    await server.close();
    server = await startMockServer({ deviations: ['reusable-tickets'] });
    const reused = await ticketFor(server, 'alice');
    expect([await upgrade(server, reused), await upgrade(server, reused)]).toEqual([101, 101]);
  });

  it('an HTTP deviation rewrites only its route: list-ascending reverses the conversation list', async () => {
    server = await startMockServer({ deviations: ['list-ascending'] });
    server.createUser({ id: 'alice', displayName: 'Alice' });
    server.createSandbox({ id: 'sbx', ownerId: 'alice' });
    const first = server.createConversation('alice', 'sbx', 'first');
    await new Promise((r) => setTimeout(r, 5));
    const second = server.createConversation('alice', 'sbx', 'second');
    const token = await server.mintUserToken('alice');
    const res = await fetch(`${server.url}/v1/conversations?sandboxId=sbx`, { headers: { authorization: `Bearer ${token}` } });
    const ids = ((await res.json()) as { conversations: Array<{ conversationId: string }> }).conversations.map((c) => c.conversationId);
    expect(ids).toEqual([first, second]);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ ok: true });
  });
});

describe('the deviation catalogue in spec/mock-server.md', () => {
  it('lists every deviation with its description', async () => {
    const { readFileSync } = await import('node:fs');
    const spec = readFileSync(new URL('../../../spec/mock-server.md', import.meta.url), 'utf8');
    const section = spec.slice(spec.indexOf('## Deviations for conformance testing'));
    for (const d of mockDeviations) expect(section).toContain(`| \`${d.name}\` | ${d.description.replace(/\|/g, '\\|')} |`);
  });
});
