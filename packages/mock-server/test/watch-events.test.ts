import { describe, expect, it, vi } from 'vitest';
import { watchEvents } from '../src/cli/watch-events';
import { convContext, createConversation, createWorld, instanceContext, sendText, startTestServer } from './helpers';

// Issue 14 item 8: the README's watcher (`npm run watch`) used a raw socket
// that acknowledged every 15 s, so the server's unacked-events rule closed it
// after a burst; it never reconnected, and it never saw conversations created
// after it started. These run the watcher against the real server on loopback.

/** Collected watcher output. */
function lines() {
  const out: string[] = [];
  return {
    out,
    print: (line: string) => out.push(line),
    /** Texts of the `message.created` frames printed so far, in order. */
    texts: () =>
      out
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { event: string; payload: { content?: Array<{ text?: string }> } })
        .filter((f) => f.event === 'message.created')
        .map((f) => f.payload.content?.[0]?.text),
  };
}

// Reconnect at once after a drop (the backoff's jitter picks 0), so the tests do not wait on it.
const noWait = { random: () => 0 };

describe('watch (npm run watch)', () => {
  it('stays connected through bursts of 100 messages, printing every one and acknowledging them', async () => {
    await using server = await startTestServer();
    const world = await createWorld(server);
    const conversationId = await createConversation(world, 'busy');
    const log = lines();
    const stop = await watchEvents({ url: server.url, user: 'u1', print: log.print, client: noWait });
    try {
      // 100 messages as fast as the server takes them, from 5 senders (each message is 3 events for u1).
      const burst = async (tag: string) => {
        let next = 0;
        const lane = async () => {
          while (next < 100) await sendText(world, world.u1, conversationId, `${tag}-${next++}`);
        };
        await Promise.all(Array.from({ length: 5 }, lane));
      };
      await burst('a');
      await vi.waitFor(() => expect(log.texts().filter((t) => t?.startsWith('a-'))).toHaveLength(100));
      // The server saw every printed event acknowledged, so its rule of 50 unacked events never applies.
      const session = () => server.core.realtime.sessions().find((s) => s.userId === 'u1')!;
      await vi.waitFor(() => expect(session().acked).toBe(session().seq));
      const first = session();
      await burst('b');
      await vi.waitFor(() => expect(log.texts().filter((t) => t?.startsWith('b-'))).toHaveLength(100));
      await vi.waitFor(() => expect(session().acked).toBe(session().seq));
      expect(session()).toBe(first); // the same socket all along
      expect(log.out.some((l) => l.startsWith('socket closed'))).toBe(false);
      expect(new Set(log.texts()).size).toBe(200);
    } finally {
      stop();
    }
  });

  it('follows a conversation created after it started', async () => {
    await using server = await startTestServer();
    const world = await createWorld(server);
    await createConversation(world, 'old');
    const log = lines();
    const stop = await watchEvents({ url: server.url, user: 'u1', print: log.print, client: noWait });
    try {
      const fresh = await createConversation(world, 'new');
      await vi.waitFor(() => expect(log.out).toContain(`following conversation ${fresh}: subscribed ${convContext(fresh)}`));
      await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', convContext(fresh))).toBe(true));
      await sendText(world, world.u1, fresh, 'hello new conversation');
      await vi.waitFor(() => expect(log.texts()).toContain('hello new conversation'));
    } finally {
      stop();
    }
  });

  it('follows a conversation it learns of from activity on the instance context (no conversation.created for it)', async () => {
    await using server = await startTestServer();
    const world = await createWorld(server);
    await createConversation(world, 'old');
    const log = lines();
    const stop = await watchEvents({ url: server.url, user: 'u1', print: log.print, client: noWait });
    try {
      // Seeded: no event announces it; u2's first message is what u1 hears of it.
      const shared = server.core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'], title: 'shared' });
      await sendText(world, world.u2, shared, 'first');
      await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', convContext(shared))).toBe(true));
      await sendText(world, world.u2, shared, 'second');
      await vi.waitFor(() => expect(log.texts()).toContain('second'));
    } finally {
      stop();
    }
  });

  it('survives a dropped socket: reports it, reconnects, restores every subscription and keeps printing', async () => {
    await using server = await startTestServer();
    const world = await createWorld(server);
    const conversationId = await createConversation(world, 'flaky');
    const log = lines();
    const stop = await watchEvents({ url: server.url, user: 'u1', print: log.print, client: noWait });
    try {
      await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', convContext(conversationId))).toBe(true));
      server.faults.dropAllSockets();
      await vi.waitFor(() => expect(log.out.some((l) => l.startsWith('reconnected'))).toBe(true));
      expect(log.out.some((l) => l.startsWith('socket closed (1006'))).toBe(true);
      expect(log.out.some((l) => l.startsWith('resync'))).toBe(true);
      await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', convContext(conversationId))).toBe(true));
      expect(server.core.realtime.isUserInContext('u1', instanceContext())).toBe(true);
      await sendText(world, world.u1, conversationId, 'after the drop');
      await vi.waitFor(() => expect(log.texts()).toContain('after the drop'));
    } finally {
      stop();
    }
  });

  it('finds, after a reconnect, a conversation created while it was disconnected', async () => {
    await using server = await startTestServer();
    const world = await createWorld(server);
    await createConversation(world, 'old');
    const log = lines();
    const stop = await watchEvents({ url: server.url, user: 'u1', print: log.print, client: noWait });
    try {
      server.faults.refuseUpgrades(1);
      server.faults.dropAllSockets();
      // Created while the watcher has no socket: its conversation.created is lost.
      const missed = await createConversation(world, 'while away');
      await vi.waitFor(() => expect(server.core.realtime.isUserInContext('u1', convContext(missed))).toBe(true));
      await sendText(world, world.u1, missed, 'found it');
      await vi.waitFor(() => expect(log.texts()).toContain('found it'));
    } finally {
      stop();
    }
  });

  it('a refused --token is reported at once with a typed error, not retried forever', async () => {
    await using server = await startTestServer();
    await expect(watchEvents({ url: server.url, token: 'not-a-jwt', contexts: [instanceContext()], client: noWait })).rejects.toMatchObject({
      name: 'WatchRequestError',
      code: 'http_error',
      status: 401,
    });
  });
});
