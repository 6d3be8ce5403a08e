/**
 * Older response shapes that servers still send are read into the newest
 * shape, and malformed 2xx bodies fail with a typed error. All over a real
 * loopback server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KiloChatBotClient, KiloChatClient, KiloChatResponseError } from '../src/index';
import {
  ATTACHMENT_ID,
  CONVERSATION_ID,
  GATEWAY_TOKEN,
  MESSAGE_ID,
  SANDBOX_ID,
  TOKEN,
  botStatusRecord,
  fakeEventChannel,
  listItem,
  message,
} from './support/fixtures';
import { startLoopbackServer } from './support/loopback-server';
import type { LoopbackServer, ScriptedResponse } from './support/loopback-server';

describe('older response shapes', () => {
  let server: LoopbackServer;
  let client: KiloChatClient;
  let bot: KiloChatBotClient;

  beforeEach(async () => {
    server = await startLoopbackServer();
    client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: server.url, getToken: () => TOKEN });
    bot = new KiloChatBotClient({ baseUrl: server.url, sandboxId: SANDBOX_ID, getToken: () => GATEWAY_TOKEN });
  });
  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  const acks: [string, ScriptedResponse][] = [
    ['204 with no body', { status: 204 }],
    ['200 { ok: true }', { status: 200, json: { ok: true } }],
    ['200 {}', { status: 200, json: {} }],
    ['200 with an empty body', { status: 200 }],
    ['202 with no body', { status: 202 }],
  ];

  describe.each(acks)('an acknowledgement as %s', (_label, response) => {
    it('is accepted by deleteMessage, leaveConversation, sendTyping and sendTypingStop', async () => {
      server.respond(response, response, response, response);

      await expect(client.deleteMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID })).resolves.toBeUndefined();
      await expect(client.leaveConversation(CONVERSATION_ID)).resolves.toBeUndefined();
      await expect(client.sendTyping(CONVERSATION_ID)).resolves.toBeUndefined();
      await expect(client.sendTypingStop(CONVERSATION_ID)).resolves.toBeUndefined();
    });

    it('is accepted by the bot acknowledgement routes', async () => {
      server.respond(response, response, response, response);

      await expect(bot.deleteMessage(MESSAGE_ID, { conversationId: CONVERSATION_ID })).resolves.toBeUndefined();
      await expect(bot.sendTyping(CONVERSATION_ID)).resolves.toBeUndefined();
      await expect(bot.reportMessageDeliveryFailed({ conversationId: CONVERSATION_ID, messageId: MESSAGE_ID })).resolves.toBeUndefined();
      await expect(
        bot.reportActionDeliveryFailed({ conversationId: CONVERSATION_ID, messageId: MESSAGE_ID, groupId: 'g' }),
      ).resolves.toBeUndefined();
    });
  });

  it('rejects an acknowledgement that says { ok: false }', async () => {
    server.respond({ json: { ok: false } });
    await expect(client.leaveConversation(CONVERSATION_ID)).rejects.toBeInstanceOf(KiloChatResponseError);
  });

  it('reads `conversationListItem` as `conversation` on create-conversation (human and bot)', async () => {
    server.respond(
      { status: 201, json: { conversationId: CONVERSATION_ID, conversationListItem: listItem } },
      { status: 201, json: { conversationId: CONVERSATION_ID, conversationListItem: listItem } },
    );

    const expected = { conversationId: CONVERSATION_ID, conversation: listItem };
    await expect(client.createConversation({ sandboxId: SANDBOX_ID })).resolves.toEqual(expected);
    await expect(bot.createConversation()).resolves.toEqual(expected);
  });

  it('reads attachment times in milliseconds as seconds', async () => {
    const putUrl = 'https://acct.r2.cloudflarestorage.com/k?X-Amz-Expires=900';
    server.respond(
      { json: { attachmentId: ATTACHMENT_ID, putUrl, putHeaders: {}, putUrlExpiresAt: 1_700_000_900_123 } },
      { json: { url: 'https://r2/get', mimeType: 'image/png', size: 1, filename: 'a.png', expiresAt: 1_700_003_600_999 } },
      { json: { url: 'https://r2/get', mimeType: 'image/png', size: 1, filename: 'a.png', expiresAt: 1_700_003_600 } },
      { json: { attachmentId: ATTACHMENT_ID, putUrl, putHeaders: {}, putUrlExpiresAt: 1_700_000_900_000 } },
    );

    const init = await client.initAttachment({ conversationId: CONVERSATION_ID, mimeType: 'image/png', size: 1, filename: 'a.png' });
    expect(init.putUrlExpiresAt).toBe(1_700_000_900);
    const url = await client.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID });
    expect(url.expiresAt).toBe(1_700_003_600);
    const seconds = await bot.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID });
    expect(seconds.expiresAt).toBe(1_700_003_600);
    const botInit = await bot.initAttachment({ conversationId: CONVERSATION_ID, mimeType: 'image/png', size: 1, filename: 'a.png' });
    expect(botInit.putUrlExpiresAt).toBe(1_700_000_900);
  });

  it.each<[string, ScriptedResponse]>([
    ['202 with no body', { status: 202 }],
    ['200 { ok: true }', { json: { ok: true } }],
    ['200 { ok: true, dedupe: "fresh" }', { json: { ok: true, dedupe: 'fresh' } }],
  ])('reads request-bot-status %s as { ok: true, cached: null }', async (_label, response) => {
    server.respond(response);
    await expect(client.requestBotStatus(SANDBOX_ID)).resolves.toEqual({ ok: true, cached: null });
  });

  it('keeps a cached record from the newest request-bot-status', async () => {
    server.respond({ json: { ok: true, cached: botStatusRecord } });
    await expect(client.requestBotStatus(SANDBOX_ID)).resolves.toEqual({ ok: true, cached: botStatusRecord });
  });

  it.each<[string, ScriptedResponse]>([
    ['{}', { json: {} }],
    ['204', { status: 204 }],
  ])('reads an edit answered with %s as a response without messageId', async (_label, response) => {
    server.respond(response, response);
    const edit = { conversationId: CONVERSATION_ID, content: [{ type: 'text' as const, text: 'x' }], timestamp: 2 };

    await expect(client.editMessage(MESSAGE_ID, edit)).resolves.toEqual({});
    await expect(bot.editMessage(MESSAGE_ID, edit)).resolves.toEqual({});
  });

  it('reads a message list without hasMore / nextCursor as a single page', async () => {
    server.respond({ json: { messages: [message] } }, { json: { messages: [message] } }, { json: { messages: [] } });

    await expect(client.listMessagesPage(CONVERSATION_ID)).resolves.toEqual({ messages: [message], hasMore: false, nextCursor: null });
    await expect(bot.listMessagesPage(CONVERSATION_ID)).resolves.toEqual({ messages: [message], hasMore: false, nextCursor: null });
    await expect(client.listMessages(CONVERSATION_ID)).resolves.toEqual([]);
  });

  it('accepts a create-message response without clientId', async () => {
    server.respond({ status: 201, json: { messageId: MESSAGE_ID, message } });
    const response = await client.sendMessage({ conversationId: CONVERSATION_ID, content: [{ type: 'text', text: 'x' }] });
    expect(response).toEqual({ messageId: MESSAGE_ID, message });
    expect('clientId' in response).toBe(false);
  });
});

describe('malformed 2xx bodies', () => {
  let server: LoopbackServer;
  let client: KiloChatClient;
  const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };

  beforeEach(async () => {
    server = await startLoopbackServer();
    client = new KiloChatClient({ eventService: fakeEventChannel(), baseUrl: server.url, getToken: () => TOKEN, logger });
  });
  afterEach(async () => {
    client.dispose();
    await server.close();
  });

  it('throws invalid_response with the failing paths', async () => {
    server.respond({ status: 201, json: { messageId: MESSAGE_ID, message: { ...message, content: 'nope' } } });

    const error = (await client
      .sendMessage({ conversationId: CONVERSATION_ID, content: [{ type: 'text', text: 'x' }] })
      .catch((e: unknown) => e)) as KiloChatResponseError;

    expect(error).toBeInstanceOf(KiloChatResponseError);
    expect(error.code).toBe('invalid_response');
    expect(error.routeId).toBe('H7');
    expect(error.status).toBe(201);
    expect(error.issues.map((issue) => issue.path)).toContainEqual(['message', 'content']);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('did not match'), expect.objectContaining({ route: 'H7' }));
  });

  it('throws invalid_response for a body that is not JSON', async () => {
    server.respond({ rawBody: '<html>ok</html>' });

    const error = (await client.listConversations().catch((e: unknown) => e)) as KiloChatResponseError;

    expect(error).toBeInstanceOf(KiloChatResponseError);
    expect(error.issues).toEqual([]);
    expect(error.message).toContain('not JSON');
  });

  it('throws invalid_response for a 204 where a body is required', async () => {
    server.respond({ status: 204 });
    await expect(client.getConversation(CONVERSATION_ID)).rejects.toBeInstanceOf(KiloChatResponseError);
  });

  it('does not treat a legacy shape as valid when the rest is wrong', async () => {
    server.respond({ json: { attachmentId: ATTACHMENT_ID, putUrl: 'not a url', putHeaders: {}, putUrlExpiresAt: 1_700_000_900_000 } });
    const error = (await client
      .initAttachment({ conversationId: CONVERSATION_ID, mimeType: 'a/b', size: 1, filename: 'f' })
      .catch((e: unknown) => e)) as KiloChatResponseError;
    expect(error.issues.map((issue) => issue.path)).toEqual([['putUrl']]);
  });
});
