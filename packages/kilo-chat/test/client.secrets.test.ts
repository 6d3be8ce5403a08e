/**
 * Tokens travel only in the Authorization header: never in a URL, a log line
 * or an error. Also covers arguments the engine refuses before sending.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KiloChatBotClient, KiloChatClient, KiloChatError } from '../src/index';
import {
  ATTACHMENT_ID,
  CONVERSATION_ID,
  GATEWAY_TOKEN,
  MESSAGE_ID,
  SANDBOX_ID,
  TOKEN,
  fakeEventChannel,
} from './support/fixtures';
import { startLoopbackServer } from './support/loopback-server';
import type { LoopbackServer } from './support/loopback-server';

describe('tokens stay secret', () => {
  let server: LoopbackServer;
  const logs: unknown[] = [];
  const logger = {
    debug: (...args: unknown[]) => logs.push(args),
    warn: (...args: unknown[]) => logs.push(args),
    error: (...args: unknown[]) => logs.push(args),
  };

  beforeEach(async () => {
    logs.length = 0;
    server = await startLoopbackServer();
  });
  afterEach(async () => {
    await server.close();
  });

  function describeError(error: unknown): string {
    const e = error as Error & Record<string, unknown>;
    return `${e.name} ${e.message} ${e.stack ?? ''} ${JSON.stringify({ ...e, body: e.body, issues: e.issues })}`;
  }

  it('keeps the user token out of URLs, logs and errors across failures and retries', async () => {
    const client = new KiloChatClient({
      eventService: fakeEventChannel(),
      baseUrl: server.url,
      getToken: () => TOKEN,
      onUnauthorized: () => 'retry',
      logger,
    });
    server.respond(
      { status: 401, json: { error: 'Unauthorized' } },
      { status: 401, json: { error: 'Unauthorized' } },
      { status: 400, json: { error: 'Invalid request', issues: [{ code: 'too_big', path: ['title'] }] } },
      { json: { conversations: 'broken' } },
      { rawBody: 'not json' },
      { status: 500 },
    );

    const errors = [
      await client.getConversation(CONVERSATION_ID).catch((e: unknown) => e),
      await client.renameConversation(CONVERSATION_ID, { title: 'x' }).catch((e: unknown) => e),
      await client.listConversations({ sandboxId: SANDBOX_ID }).catch((e: unknown) => e),
      await client.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID }).catch((e: unknown) => e),
      await client.deleteMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID }).catch((e: unknown) => e),
    ];

    expect(server.requests).toHaveLength(6);
    for (const request of server.requests) {
      expect(request.url).not.toContain(TOKEN);
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    }
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    for (const error of errors) expect(describeError(error)).not.toContain(TOKEN);
    expect(logs.length).toBeGreaterThan(0);
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    client.dispose();
  });

  it('keeps the gateway token out of URLs and errors', async () => {
    const bot = new KiloChatBotClient({ baseUrl: server.url, sandboxId: SANDBOX_ID, getToken: () => GATEWAY_TOKEN, logger });
    server.respond({ status: 401, json: { error: 'Unauthorized' } }, { json: { members: 'broken' } });

    const errors = [
      await bot.listConversations().catch((e: unknown) => e),
      await bot.getMembers(CONVERSATION_ID).catch((e: unknown) => e),
    ];

    for (const request of server.requests) expect(request.url).not.toContain(GATEWAY_TOKEN);
    for (const error of errors) expect(describeError(error)).not.toContain(GATEWAY_TOKEN);
    expect(JSON.stringify(logs)).not.toContain(GATEWAY_TOKEN);
  });

  it.each([
    ['contains a newline', `${TOKEN}\nX-Evil: 1`],
    ['is empty', ''],
  ])('refuses a token that %s without echoing it', async (_label, token) => {
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: server.url, getToken: () => token });

    const error = (await client.listConversations().catch((e: unknown) => e)) as KiloChatError;

    expect(error).toBeInstanceOf(KiloChatError);
    expect(error.code).toBe('invalid_argument');
    if (token !== '') expect(describeError(error)).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(0);
  });

  it('passes an error thrown by getToken through untouched', async () => {
    const failure = new Error('session expired');
    const client = new KiloChatClient({
      eventService: fakeEventChannel(),
      baseUrl: server.url,
      getToken: () => Promise.reject(failure),
    });
    await expect(client.listConversations()).rejects.toBe(failure);
    expect(server.requests).toHaveLength(0);
  });

  it('calls getToken before every attempt', async () => {
    const getToken = vi.fn(() => TOKEN);
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: server.url, getToken });
    server.respond({ json: { status: null } }, { json: { status: null } });

    await client.getBotStatus(SANDBOX_ID);
    await client.getConversationStatus(CONVERSATION_ID);

    expect(getToken).toHaveBeenCalledTimes(2);
  });
});

describe('path ids', () => {
  it.each(['', '.', '..'])('refuses the id %j before sending', async (id) => {
    const fetch = vi.fn();
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch });

    const error = (await client.getConversation(id).catch((e: unknown) => e)) as KiloChatError;

    expect(error).toBeInstanceOf(KiloChatError);
    expect(error.code).toBe('invalid_argument');
    expect(error.message).toContain('conversationId');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('encodes ids so they cannot change the route', async () => {
    const fetch = vi.fn(async () => ({ ok: true, status: 200, json: async () => ({ ok: true }) }));
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch });

    await client.sendTyping('../../admin?x=1#y');

    expect(fetch).toHaveBeenCalledWith(
      'https://chat.test/v1/conversations/..%2F..%2Fadmin%3Fx%3D1%23y/typing',
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('passes exactly { method, headers, signal } to fetch for a call without a body', async () => {
    const fetch = vi.fn(async () => ({ ok: true, status: 200, json: async () => ({ status: null }) }));
    const client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: 'https://chat.test', getToken: () => TOKEN, fetch });

    await client.getBotStatus(SANDBOX_ID);

    const [, init] = fetch.mock.calls[0]! as unknown as [string, Record<string, unknown>];
    expect(Object.keys(init).sort()).toEqual(['headers', 'method', 'signal']);
    expect(init.method).toBe('GET');
    expect(init.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });
});
