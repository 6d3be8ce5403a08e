/**
 * Per-conversation send serialisation, caller cancellation and dispose.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KiloChatApiError, KiloChatBotClient, KiloChatClient, KiloChatError, OWNER_INACTIVE_MESSAGE } from '../src/index';
import { controlledFetch, flush } from './support/controlled-fetch';
import { CONVERSATION_ID, CONVERSATION_ID_2, SANDBOX_ID, TOKEN, fakeEventChannel, message } from './support/fixtures';
import { startLoopbackServer } from './support/loopback-server';
import type { LoopbackServer } from './support/loopback-server';

const sendReq = (text: string, conversationId = CONVERSATION_ID) => ({
  conversationId,
  content: [{ type: 'text' as const, text }],
});
const created = { messageId: message.id, message };
const sentText = (init: { body?: string }) => (JSON.parse(init.body!) as ReturnType<typeof sendReq>).content[0]!.text;

function makeClient() {
  const control = controlledFetch();
  const client = new KiloChatClient({
    eventService: fakeEventChannel(),
    baseUrl: 'https://chat.test',
    getToken: () => TOKEN,
    fetch: control.fetch,
  });
  return { client, ...control };
}

describe('sendMessage serialisation', () => {
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('starts a send only after the previous send to the same conversation settled', async () => {
    const { client, calls } = makeClient();
    const a = client.sendMessage(sendReq('a'));
    const b = client.sendMessage(sendReq('b'));
    const c = client.sendMessage(sendReq('c'));
    await flush();
    expect(calls.map((call) => sentText(call.init))).toEqual(['a']);

    calls[0]!.reply(201, created);
    await a;
    await flush();
    expect(calls.map((call) => sentText(call.init))).toEqual(['a', 'b']);

    calls[1]!.reply(201, created);
    await b;
    await flush();
    calls[2]!.reply(201, created);
    await expect(c).resolves.toEqual(created);
    expect(calls.map((call) => sentText(call.init))).toEqual(['a', 'b', 'c']);
  });

  it('lets a failed send release the next one, with no unhandled rejection', async () => {
    const { client, calls } = makeClient();
    const a = client.sendMessage(sendReq('a'));
    const b = client.sendMessage(sendReq('b'));
    const c = client.sendMessage(sendReq('c'));
    await flush();

    calls[0]!.reply(500, { error: 'Conversation not initialized' });
    await expect(a).rejects.toBeInstanceOf(KiloChatApiError);
    await flush();
    calls[1]!.fail(new TypeError('fetch failed'));
    await expect(b).rejects.toThrow('fetch failed');
    await flush();
    calls[2]!.reply(201, created);
    await expect(c).resolves.toEqual(created);

    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(unhandled).toEqual([]);
  });

  it('does not make sends to different conversations wait for each other', async () => {
    const { client, calls } = makeClient();
    const a = client.sendMessage(sendReq('a', CONVERSATION_ID));
    const b = client.sendMessage(sendReq('b', CONVERSATION_ID_2));
    await flush();

    expect(calls.map((call) => sentText(call.init))).toEqual(['a', 'b']);
    calls[1]!.reply(201, created);
    await expect(b).resolves.toEqual(created);
    calls[0]!.reply(201, created);
    await a;
  });

  it('rejects a queued send at once when its signal aborts, and never sends it', async () => {
    const { client, calls } = makeClient();
    const a = client.sendMessage(sendReq('a'));
    const controller = new AbortController();
    const b = client.sendMessage(sendReq('b'), { signal: controller.signal });
    const c = client.sendMessage(sendReq('c'));
    await flush();

    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(b).rejects.toBe(reason);

    calls[0]!.reply(201, created);
    await a;
    await flush();
    expect(calls.map((call) => sentText(call.init))).toEqual(['a', 'c']);
    calls[1]!.reply(201, created);
    await c;
  });

  it('sends nothing for an already-aborted signal', async () => {
    const { client, fetch } = makeClient();
    const reason = new Error('already');
    await expect(client.getConversation(CONVERSATION_ID, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await expect(client.sendMessage(sendReq('x'), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('aborts an in-flight call with the caller reason', async () => {
    const { client, calls } = makeClient();
    const controller = new AbortController();
    const result = client.editMessage(message.id, { conversationId: CONVERSATION_ID, content: [{ type: 'text', text: 'x' }], timestamp: 1 }, {
      signal: controller.signal,
    });
    await flush();
    const reason = new Error('stop');
    controller.abort(reason);

    await expect(result).rejects.toBe(reason);
    expect(calls[0]!.init.signal.aborted).toBe(true);
  });

  it('serialises the bot client sends too', async () => {
    const control = controlledFetch();
    const bot = new KiloChatBotClient({ baseUrl: 'https://chat.test', sandboxId: SANDBOX_ID, getToken: () => 'gw', fetch: control.fetch });
    const a = bot.sendMessage(sendReq('a'));
    const b = bot.sendMessage(sendReq('b'));
    await flush();
    expect(control.calls).toHaveLength(1);
    control.calls[0]!.reply(500, { error: 'boom' });
    await expect(a).rejects.toBeInstanceOf(KiloChatApiError);
    await flush();
    control.calls[1]!.reply(201, created);
    await expect(b).resolves.toEqual(created);
  });
});

describe('sendMessage order on a real server', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopbackServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('delivers five concurrent sends in call order, even when some fail', async () => {
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: server.url, getToken: () => TOKEN });
    server.respond(
      { status: 201, json: created },
      { status: 500, json: { error: 'boom' } },
      { status: 201, json: created },
      { status: 201, json: created },
      { status: 201, json: created },
    );

    const results = await Promise.allSettled(['1', '2', '3', '4', '5'].map((text) => client.sendMessage(sendReq(text))));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(server.requests.map((r) => (r.body as ReturnType<typeof sendReq>).content[0]!.text)).toEqual(['1', '2', '3', '4', '5']);
    client.dispose();
  });
});

describe('dispose', () => {
  it('aborts in-flight calls with code disposed', async () => {
    const { client, calls } = makeClient();
    const read = client.listConversations().catch((e: unknown) => e);
    const write = client.renameConversation(CONVERSATION_ID, { title: 'x' }).catch((e: unknown) => e);
    await flush();

    client.dispose();

    for (const error of [await read, await write]) {
      expect(error).toBeInstanceOf(KiloChatError);
      expect((error as KiloChatError).code).toBe('disposed');
    }
    expect(calls.every((call) => call.init.signal.aborted)).toBe(true);
  });

  it('drops queued sends without sending them', async () => {
    const { client, calls, fetch } = makeClient();
    const a = client.sendMessage(sendReq('a')).catch((e: unknown) => e);
    const b = client.sendMessage(sendReq('b')).catch((e: unknown) => e);
    await flush();
    expect(calls).toHaveLength(1);

    client.dispose();

    expect(((await a) as KiloChatError).code).toBe('disposed');
    expect(((await b) as KiloChatError).code).toBe('disposed');
    await flush();
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('makes later calls reject as owner-inactive without sending', async () => {
    const { client, fetch } = makeClient();
    client.dispose();
    client.dispose();

    expect(client.canPublish()).toBe(false);
    await expect(client.getConversation(CONVERSATION_ID)).rejects.toThrow(OWNER_INACTIVE_MESSAGE);
    await expect(client.sendMessage(sendReq('a'))).rejects.toMatchObject({ code: 'not_owner' });
    await expect(client.sendTypingStop(CONVERSATION_ID)).rejects.toMatchObject({ code: 'not_owner' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('removes every event subscription and delivers nothing afterwards', () => {
    const channel = fakeEventChannel();
    const client = new KiloChatClient({ eventService: channel, baseUrl: 'https://chat.test', getToken: () => TOKEN });
    const handler = vi.fn();
    client.onTyping(handler);
    client.onTypingStop(handler);
    expect(channel.count('typing')).toBe(1);

    client.dispose();

    expect(channel.count('typing')).toBe(0);
    expect(channel.count('typing.stop')).toBe(0);
    channel.emit('typing', '/kiloclaw/s/c', { memberId: 'user-1' });
    const late = client.onTyping(handler);
    expect(channel.count('typing')).toBe(0);
    late();
    expect(handler).not.toHaveBeenCalled();
  });
});
