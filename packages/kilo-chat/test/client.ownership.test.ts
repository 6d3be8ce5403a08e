/**
 * Ownership (`canPublish`, `assertOwner`), operations (`captureOperation`,
 * `canStartOperation`) and the admission hook.
 */
import { describe, expect, it, vi } from 'vitest';
import { INVALID_OPERATION_MESSAGE, KiloChatClient, OWNER_INACTIVE_MESSAGE } from '../src/index';
import type { KiloChatClientConfig, KiloChatOperation } from '../src/index';
import { controlledFetch, flush } from './support/controlled-fetch';
import { ATTACHMENT_ID, CONVERSATION_ID, MESSAGE_ID, SANDBOX_ID, TOKEN, fakeEventChannel, jsonResponse, message } from './support/fixtures';

const created = { messageId: message.id, message };
const sendReq = { conversationId: CONVERSATION_ID, content: [{ type: 'text' as const, text: 'hi' }] };

/** A fetch that answers every call with the body the route needs. */
function answeringFetch() {
  return vi.fn(async (url: string, init: { method: string }) => {
    if (url.includes('/attachments/') && url.includes('/url')) {
      return jsonResponse(200, { url: 'https://r2/x', mimeType: 'image/png', size: 1, filename: 'a.png', expiresAt: 1 });
    }
    if (url.endsWith('/request-bot-status')) return jsonResponse(200, { ok: true, cached: null });
    if (url.includes('/v1/conversations?') || url.endsWith('/v1/conversations')) {
      return init.method === 'GET'
        ? jsonResponse(200, { conversations: [], hasMore: false, nextCursor: null })
        : jsonResponse(500, { error: 'unexpected' });
    }
    if (url.endsWith('/v1/messages')) return jsonResponse(201, created);
    if (url.endsWith('/mark-read')) return jsonResponse(200, { ok: true, applied: false, lastReadAt: 0, badgeClear: null });
    return jsonResponse(200, { ok: true });
  });
}

function makeClient(overrides: Partial<KiloChatClientConfig> = {}) {
  const fetch = answeringFetch();
  const client = new KiloChatClient({
    eventService: fakeEventChannel(),
    baseUrl: 'https://chat.test',
    getToken: () => TOKEN,
    fetch,
    ...overrides,
  });
  return { client, fetch };
}

describe('ownership', () => {
  it('follows config.canPublish', async () => {
    let active = true;
    const { client, fetch } = makeClient({ canPublish: () => active });
    expect(client.canPublish()).toBe(true);
    expect(() => client.assertOwner()).not.toThrow();

    active = false;

    expect(client.canPublish()).toBe(false);
    expect(() => client.assertOwner()).toThrow(OWNER_INACTIVE_MESSAGE);
    await expect(client.listConversations()).rejects.toMatchObject({ code: 'not_owner', message: OWNER_INACTIVE_MESSAGE });
    await expect(client.sendMessage(sendReq)).rejects.toMatchObject({ code: 'not_owner' });
    await expect(client.requestBotStatus(SANDBOX_ID)).rejects.toMatchObject({ code: 'not_owner' });
    expect(() => client.captureOperation()).toThrow(OWNER_INACTIVE_MESSAGE);
    expect(client.canStartOperation()).toBe(false);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('checks ownership again right before dispatch', async () => {
    let active = true;
    const control = controlledFetch();
    const client = new KiloChatClient({
      eventService: fakeEventChannel(),
      baseUrl: 'https://chat.test',
      getToken: () => TOKEN,
      fetch: control.fetch,
      canPublish: () => active,
    });
    const first = client.sendMessage(sendReq);
    const second = client.sendMessage(sendReq);
    await flush();

    active = false;
    control.calls[0]!.reply(201, created);
    await first;

    await expect(second).rejects.toMatchObject({ code: 'not_owner' });
    expect(control.fetch).toHaveBeenCalledTimes(1);
  });
});

describe('operations', () => {
  it('returns frozen operations that this client recognises', () => {
    const { client } = makeClient();
    const operation = client.captureOperation();

    expect(Object.isFrozen(operation)).toBe(true);
    expect(operation.canPublish()).toBe(true);
    expect(() => operation.assertDispatch()).not.toThrow();
    expect(client.captureOperation(operation)).toBe(operation);
  });

  it('refuses operations it did not create', async () => {
    const { client, fetch } = makeClient();
    const { client: other } = makeClient();
    const foreign = other.captureOperation();
    const forged: KiloChatOperation = Object.freeze({ assertDispatch: () => {}, canPublish: () => true });

    expect(() => client.captureOperation(foreign)).toThrow(INVALID_OPERATION_MESSAGE);
    await expect(client.sendMessage(sendReq, foreign)).rejects.toMatchObject({
      code: 'invalid_operation',
      message: INVALID_OPERATION_MESSAGE,
    });
    await expect(client.sendTyping(CONVERSATION_ID, forged)).rejects.toThrow(INVALID_OPERATION_MESSAGE);
    await expect(client.sendTyping(CONVERSATION_ID, { operation: forged })).rejects.toThrow(INVALID_OPERATION_MESSAGE);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('uses a given operation instead of capturing a new one', async () => {
    const admit = vi.fn();
    const captureOperationAdmission = vi.fn(() => admit);
    const { client, fetch } = makeClient({ captureOperationAdmission });
    const operation = client.captureOperation();
    expect(captureOperationAdmission).toHaveBeenCalledTimes(1);

    await client.sendMessage(sendReq, operation);
    await client.sendTyping(CONVERSATION_ID, { operation });
    await client.markConversationRead(CONVERSATION_ID, { lastSeenMessageId: MESSAGE_ID }, operation);

    expect(captureOperationAdmission).toHaveBeenCalledTimes(1);
    expect(admit).toHaveBeenCalledTimes(3);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('captures one operation per mutation, and none for reads or owner-only calls', async () => {
    const captureOperationAdmission = vi.fn(() => () => {});
    const { client } = makeClient({ captureOperationAdmission });

    await client.sendTyping(CONVERSATION_ID);
    await client.leaveConversation(CONVERSATION_ID);
    expect(captureOperationAdmission).toHaveBeenCalledTimes(2);

    await client.listConversations();
    await client.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID });
    await client.sendTypingStop(CONVERSATION_ID);
    await client.requestBotStatus(SANDBOX_ID);
    expect(captureOperationAdmission).toHaveBeenCalledTimes(2);
  });

  it('makes an operation unusable after dispose', () => {
    const { client } = makeClient();
    const operation = client.captureOperation();
    client.dispose();

    expect(operation.canPublish()).toBe(false);
    expect(() => operation.assertDispatch()).toThrow(OWNER_INACTIVE_MESSAGE);
  });
});

describe('admission hook', () => {
  it('refuses mutations when capture throws, while reads and owner-only calls still work', async () => {
    const locked = new Error('locked');
    const { client, fetch } = makeClient({
      captureOperationAdmission: () => {
        throw locked;
      },
    });

    await expect(
      client.initAttachment({ conversationId: CONVERSATION_ID, mimeType: 'image/png', size: 1, filename: 'a.png' }),
    ).rejects.toBe(locked);
    await expect(client.sendMessage(sendReq)).rejects.toBe(locked);
    expect(fetch).not.toHaveBeenCalled();
    expect(client.canStartOperation()).toBe(false);

    await expect(client.getAttachmentUrl({ attachmentId: ATTACHMENT_ID, conversationId: CONVERSATION_ID })).resolves.toMatchObject({
      url: 'https://r2/x',
    });
    await client.sendTypingStop(CONVERSATION_ID);
    await client.requestBotStatus(SANDBOX_ID);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('refuses the dispatch when the captured check throws later', async () => {
    let stale = false;
    const { client, fetch } = makeClient({
      captureOperationAdmission: () => () => {
        if (stale) throw new Error('stale admission');
      },
    });
    const operation = client.captureOperation();
    expect(client.canStartOperation()).toBe(true);

    stale = true;

    await expect(client.redeliverMessage(CONVERSATION_ID, MESSAGE_ID, operation)).rejects.toThrow('stale admission');
    await expect(client.redeliverMessage(CONVERSATION_ID, MESSAGE_ID)).rejects.toThrow('stale admission');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('checks the operation again before a retry', async () => {
    let allowed = true;
    const fetch = vi.fn(async () => jsonResponse(401, { error: 'Unauthorized' }));
    const client = new KiloChatClient({
      eventService: fakeEventChannel(),
      baseUrl: 'https://chat.test',
      getToken: () => TOKEN,
      fetch,
      onUnauthorized: () => {
        allowed = false;
        return 'retry';
      },
      captureOperationAdmission: () => () => {
        if (!allowed) throw new Error('locked during refresh');
      },
    });

    await expect(client.sendTyping(CONVERSATION_ID)).rejects.toThrow('locked during refresh');
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
