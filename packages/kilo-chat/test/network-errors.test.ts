/**
 * A request that gets no response at all (server down) is a typed
 * `KiloChatError` with code `network` and the original error as `cause`
 * (issue 13, item 2).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { KiloChatApiError, KiloChatBotClient, KiloChatClient, KiloChatError } from '../src/index';
import { SANDBOX_ID, TOKEN, fakeEventChannel } from './support/fixtures';

/** A loopback URL on which nothing listens: a port that was just released. */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe('network failures', () => {
  it('listConversations() against a server that is down rejects with KiloChatError code network, cause kept', async () => {
    const baseUrl = await deadUrl();
    const chat = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl, getToken: () => TOKEN });
    const error = await chat.listConversations().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KiloChatError);
    expect(error).not.toBeInstanceOf(KiloChatApiError);
    const typed = error as KiloChatError;
    expect(typed.code).toBe('network');
    expect(typed.name).toBe('KiloChatError');
    expect(typed.cause).toBeInstanceOf(TypeError);
    expect((typed.cause as Error).message).toBe('fetch failed');
    expect(typed.message).toMatch(/^Request failed before a response arrived: fetch failed: .*ECONNREFUSED/);
    expect(typed.message).not.toContain(TOKEN);
    chat.dispose();
  });

  it('the bot client reports the same code', async () => {
    const bot = new KiloChatBotClient({ baseUrl: await deadUrl(), sandboxId: SANDBOX_ID, getToken: () => 'a'.repeat(64) });
    await expect(bot.listConversations()).rejects.toMatchObject({ name: 'KiloChatError', code: 'network' });
  });

  it('never puts the token in the message, even when a custom fetch echoes it', async () => {
    const echoing = (_url: string, init: { headers: Record<string, string> }) =>
      Promise.reject(new TypeError(`could not send ${init.headers.Authorization}`));
    const chat = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch: echoing });
    const error = (await chat.listConversations().catch((e: unknown) => e)) as KiloChatError;
    expect(error.code).toBe('network');
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('[redacted]');
    chat.dispose();
  });

  it('a caller abort still rejects with the caller reason, not a network error', async () => {
    const hanging = (_url: string, init: { signal: AbortSignal }) =>
      new Promise<never>((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new TypeError('fetch failed'))));
    const chat = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch: hanging });
    const controller = new AbortController();
    const pending = chat.listConversations({}, { signal: controller.signal });
    const reason = new Error('user left');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    chat.dispose();
  });
});
