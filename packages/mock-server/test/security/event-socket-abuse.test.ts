import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index';
import { MAX_CLIENT_FRAME_BYTES, SEND_BUFFER_LIMIT_BYTES, SLOW_CONSUMER_CLOSE_CODE } from '../../src/index';
import { createWorld, openSocket, startTestServer, type World } from '../helpers';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('event socket abuse', () => {
  let server: MockServer;
  let world: World;
  const push = (userId: string, context: string, n = 1, payload: unknown = {}) => {
    for (let i = 0; i < n; i += 1) server.core.realtime.pushEvent(userId, context, 'test.event', payload);
  };

  beforeAll(async () => {
    server = await startTestServer();
    world = await createWorld(server);
  });
  afterAll(() => server.close());

  it('an ack of a seq never sent (2^53 - 1) does not defeat the 4002 zombie rule', async () => {
    const s = await openSocket(server, world.u1, ['/ack-ahead']);
    push('u1', '/ack-ahead', 3);
    await s.waitFor(() => s.events().length === 3);
    s.send({ type: 'ack', seq: Number.MAX_SAFE_INTEGER });
    await s.roundTrip();
    // Counted as an ack of seq 3: 50 more are still allowed, the 51st closes.
    push('u1', '/ack-ahead', 50);
    await s.roundTrip();
    expect(s.closeCode).toBeNull();
    push('u1', '/ack-ahead', 1);
    expect(await s.closed()).toBe(4002);
  });

  it(`a socket that stops reading is closed with ${SLOW_CONSUMER_CLOSE_CODE} once its send buffer passes the limit`, async () => {
    const s = await openSocket(server, world.u2, ['/slow']);
    const session = server.core.realtime.sessions().find((x) => x.userId === 'u2')!;
    s.ws.pause();
    const big = { blob: 'x'.repeat(64 * 1024) };
    // Far more than the limit plus whatever the kernel's socket buffers absorb.
    for (let batch = 0; batch < 40 && session.open; batch += 1) {
      push('u2', '/slow', 10, big);
      await nextTurn();
    }
    expect(session.open).toBe(false);
    expect(session.seq * 64 * 1024).toBeGreaterThan(SEND_BUFFER_LIMIT_BYTES);
    s.ws.resume();
    expect(await s.closed()).toBe(SLOW_CONSUMER_CLOSE_CODE);
  }, 20_000);

  it('a 1 MB client frame closes the socket with 1009 instead of being buffered', async () => {
    const s = await openSocket(server, world.u3, []);
    s.send(JSON.stringify({ type: 'context.subscribe', contexts: ['x'.repeat(1_000_000)] }));
    expect(await s.closed()).toBe(1009);
  });

  it('the largest valid client frame (200 contexts of 256 escaped code units) is still read', async () => {
    const s = await openSocket(server, world.u3, []);
    const contexts = Array.from({ length: 200 }, (_, i) => `/${String(i).padStart(3, '0')}${'\u0001'.repeat(252)}`);
    const frame = JSON.stringify({ type: 'context.subscribe', contexts });
    expect(Buffer.byteLength(frame)).toBeGreaterThan(300_000);
    expect(Buffer.byteLength(frame)).toBeLessThanOrEqual(MAX_CLIENT_FRAME_BYTES);
    s.send(frame);
    await s.roundTrip();
    expect(s.closeCode).toBeNull();
    const session = server.core.realtime.sessions().filter((x) => x.userId === 'u3').at(-1)!;
    expect(session.contexts.size).toBe(200);
    s.close();
  });
});
