import { afterEach, describe, expect, it } from 'vitest';
import { ConformanceError, WebhookReceiver } from '@kilocode/kilo-chat-conformance';

let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('WebhookReceiver', () => {
  it('records each request with its headers and parsed body, and answers what the responder decides', async () => {
    receiver = await WebhookReceiver.start();
    expect(receiver.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook$/);
    receiver.respondWith((r) => (r.body?.text === 'fail' ? 500 : 200));
    expect((await post(receiver.url, JSON.stringify({ text: 'fail' }), { authorization: 'Bearer abc' })).status).toBe(500);
    expect((await post(receiver.url, JSON.stringify({ text: 'ok' }))).status).toBe(200);
    expect((await post(receiver.url, 'not json')).status).toBe(200);
    expect(receiver.received.map((r) => [r.index, r.status, r.body])).toEqual([
      [0, 500, { text: 'fail' }],
      [1, 200, { text: 'ok' }],
      [2, 200, null],
    ]);
    expect(receiver.received[0]?.headers.authorization).toBe('Bearer abc');
    receiver.respondWith(undefined);
    expect((await post(receiver.url, JSON.stringify({ text: 'fail' }))).status).toBe(200);
  });

  it('waits for requests with a deadline, naming what it waited for', async () => {
    receiver = await WebhookReceiver.start({ timeoutMs: 50 });
    const two = receiver.waitForCount('two hooks', (r) => r.body?.n !== undefined, 2, 5_000);
    await post(receiver.url, JSON.stringify({ n: 1 }));
    await post(receiver.url, JSON.stringify({ n: 2 }));
    expect((await two).map((r) => r.body?.n)).toEqual([1, 2]);
    const error = await receiver.waitFor('a third hook', (r) => r.body?.n === 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConformanceError);
    expect(error).toMatchObject({ code: 'timeout', message: '0 of 1 a third hook within 50 ms' });
  });

  it('refuses a body over 1 MiB with 413 without recording it, and rejects a malformed listen address', async () => {
    receiver = await WebhookReceiver.start();
    expect((await post(receiver.url, 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect(receiver.received).toEqual([]);
    await expect(WebhookReceiver.start({ listen: 'nope' })).rejects.toMatchObject({ code: 'invalid_target' });
  });
});
