/**
 * `on` and its wrappers over a fake event channel: validation, dropping,
 * unsubscribe and ownership gating.
 */
import { describe, expect, it, vi } from 'vitest';
import { KiloChatClient } from '../src/index';
import type { KiloChatEventName } from '../src/index';
import { CONVERSATION_ID, MESSAGE_ID, OPERATION_ID, SANDBOX_ID, TOKEN, fakeEventChannel, listItem, messageCreatedPayload } from './support/fixtures';

const CONTEXT = `/kiloclaw/${SANDBOX_ID}/${CONVERSATION_ID}`;

function setup(canPublish?: () => boolean) {
  const channel = fakeEventChannel();
  const logger = { debug: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const client = new KiloChatClient({
    eventService: channel,
    baseUrl: 'https://chat.test',
    getToken: () => TOKEN,
    logger,
    canPublish,
  });
  return { channel, client, logger };
}

type Wrapper = Exclude<
  {
    [K in keyof KiloChatClient]: K extends `on${string}` ? K : never;
  }[keyof KiloChatClient],
  'on'
>;

const wrappers: [Wrapper, KiloChatEventName, unknown][] = [
  [
    'onMessageCreated',
    'message.created',
    messageCreatedPayload(),
  ],
  ['onMessageUpdated', 'message.updated', { messageId: MESSAGE_ID, content: [], clientUpdatedAt: 5 }],
  ['onMessageDeleted', 'message.deleted', { messageId: MESSAGE_ID }],
  ['onMessageDeliveryFailed', 'message.delivery_failed', { messageId: MESSAGE_ID }],
  ['onMessageRedelivered', 'message.redelivered', { messageId: MESSAGE_ID }],
  ['onActionDeliveryFailed', 'action.delivery_failed', { conversationId: CONVERSATION_ID, messageId: MESSAGE_ID, groupId: 'g' }],
  ['onTyping', 'typing', { memberId: `bot:kiloclaw:${SANDBOX_ID}` }],
  ['onTypingStop', 'typing.stop', { memberId: 'user-1' }],
  ['onReactionAdded', 'reaction.added', { messageId: MESSAGE_ID, operationId: OPERATION_ID, memberId: 'u', emoji: '👍' }],
  ['onReactionRemoved', 'reaction.removed', { messageId: MESSAGE_ID, operationId: OPERATION_ID, memberId: 'u', emoji: '👍' }],
  ['onConversationCreated', 'conversation.created', { conversationId: CONVERSATION_ID, conversation: listItem }],
  ['onConversationRenamed', 'conversation.renamed', { conversationId: CONVERSATION_ID, title: 'Renamed' }],
  ['onConversationLeft', 'conversation.left', { conversationId: CONVERSATION_ID }],
  ['onConversationRead', 'conversation.read', { conversationId: CONVERSATION_ID, memberId: 'u', lastReadAt: 5 }],
  ['onConversationActivity', 'conversation.activity', { conversationId: CONVERSATION_ID, lastActivityAt: 5 }],
  ['onBotStatus', 'bot.status', { sandboxId: SANDBOX_ID, online: true, at: 5 }],
  [
    'onConversationStatus',
    'conversation.status',
    { conversationId: CONVERSATION_ID, contextTokens: 1, contextWindow: 2, model: null, provider: null, at: 3 },
  ],
];

describe('on', () => {
  it('delivers a valid payload with its context', () => {
    const { channel, client } = setup();
    const handler = vi.fn();
    client.on('typing', handler);

    channel.emit('typing', CONTEXT, { memberId: 'user-1' });

    expect(handler).toHaveBeenCalledExactlyOnceWith(CONTEXT, { memberId: 'user-1' });
  });

  it('delivers the parsed payload (schema transforms applied)', () => {
    const { channel, client } = setup();
    const handler = vi.fn();
    client.on('bot.status', handler);

    channel.emit('bot.status', `/kiloclaw/${SANDBOX_ID}`, { sandboxId: SANDBOX_ID, online: true, at: 1, capabilities: ['attachments', 'future'] });

    expect(handler).toHaveBeenCalledWith(`/kiloclaw/${SANDBOX_ID}`, {
      sandboxId: SANDBOX_ID,
      online: true,
      at: 1,
      capabilities: ['attachments'],
    });
  });

  it('hands over a payload already in schema shape as it is (fast path)', () => {
    const { channel, client, logger } = setup();
    const handler = vi.fn();
    client.onMessageCreated(handler);
    const payload = JSON.parse(JSON.stringify(wrappers[0]![2])) as unknown;

    channel.emit('message.created', CONTEXT, payload);

    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0]).toBe(CONTEXT);
    expect(handler.mock.calls[0]![1]).toBe(payload);
    expect(logger.debug).not.toHaveBeenCalled();
  });

  it('strips unknown keys and trims text through the schema when the fast path declines', () => {
    const { channel, client } = setup();
    const handler = vi.fn();
    client.onMessageCreated(handler);
    const payload = messageCreatedPayload({
      content: [{ type: 'text', text: '  hi\n', format: 'markdown' }],
      future: { flag: true },
    });

    channel.emit('message.created', CONTEXT, payload);

    expect(handler).toHaveBeenCalledTimes(1);
    const delivered = handler.mock.calls[0]![1] as unknown;
    expect(delivered).not.toBe(payload);
    expect(delivered).toStrictEqual(messageCreatedPayload({ content: [{ type: 'text', text: 'hi' }] }));
  });

  it('delivers a valid message with an actions block through the schema', () => {
    const { channel, client } = setup();
    const handler = vi.fn();
    client.onMessageUpdated(handler);
    const payload = {
      messageId: MESSAGE_ID,
      content: [{ type: 'actions', groupId: 'g', actions: [{ label: 'Allow', style: 'primary', value: 'allow-once' }] }],
      clientUpdatedAt: null,
    };

    channel.emit('message.updated', CONTEXT, payload);

    expect(handler).toHaveBeenCalledExactlyOnceWith(CONTEXT, payload);
    expect(handler.mock.calls[0]![1]).not.toBe(payload);
  });

  it('drops an invalid payload of a fast-path event and keeps delivering valid ones', () => {
    const { channel, client, logger } = setup();
    const handler = vi.fn();
    client.onMessageUpdated(handler);
    const valid = { messageId: MESSAGE_ID, content: [{ type: 'text', text: 'edited' }], clientUpdatedAt: 7 };

    channel.emit('message.updated', CONTEXT, { ...valid, content: [{ type: 'text', text: '   ' }] });
    channel.emit('message.updated', CONTEXT, { ...valid, messageId: `8${MESSAGE_ID.slice(1)}` });
    channel.emit('message.updated', CONTEXT, valid);

    expect(handler).toHaveBeenCalledExactlyOnceWith(CONTEXT, valid);
    expect(logger.debug).toHaveBeenCalledTimes(2);
    expect(logger.debug.mock.calls[0]![1]).toMatchObject({ event: 'message.updated', paths: ['content.0.text'] });
    expect(logger.debug.mock.calls[1]![1]).toMatchObject({ event: 'message.updated', paths: ['messageId'] });
  });

  it('drops an invalid payload and logs the event and failing paths only', () => {
    const { channel, client, logger } = setup();
    const handler = vi.fn();
    client.on('reaction.added', handler);

    channel.emit('reaction.added', CONTEXT, { messageId: 'not-a-ulid', operationId: OPERATION_ID, memberId: 'u', emoji: 'secret-text' });
    channel.emit('reaction.added', CONTEXT, null);

    expect(handler).not.toHaveBeenCalled();
    expect(logger.debug).toHaveBeenCalledTimes(2);
    const [message, context] = logger.debug.mock.calls[0]!;
    expect(message).toContain('dropped');
    expect(context).toMatchObject({ event: 'reaction.added', context: CONTEXT, paths: ['messageId'] });
    expect(JSON.stringify(logger.debug.mock.calls)).not.toContain('secret-text');
  });

  it('keeps delivering after an invalid payload', () => {
    const { channel, client } = setup();
    const handler = vi.fn();
    client.onMessageDeleted(handler);

    channel.emit('message.deleted', CONTEXT, { messageId: '' });
    channel.emit('message.deleted', CONTEXT, { messageId: MESSAGE_ID });

    expect(handler).toHaveBeenCalledExactlyOnceWith(CONTEXT, { messageId: MESSAGE_ID });
  });

  it('stops delivering after unsubscribe (idempotent)', () => {
    const { channel, client } = setup();
    const handler = vi.fn();
    const off = client.on('conversation.left', handler);
    expect(channel.count('conversation.left')).toBe(1);

    off();
    off();

    expect(channel.count('conversation.left')).toBe(0);
    channel.emit('conversation.left', CONTEXT, { conversationId: CONVERSATION_ID });
    expect(handler).not.toHaveBeenCalled();
  });

  it('delivers nothing while canPublish is false', () => {
    let active = true;
    const { channel, client } = setup(() => active);
    const handler = vi.fn();
    client.onTyping(handler);

    active = false;
    channel.emit('typing', CONTEXT, { memberId: 'user-1' });
    active = true;
    channel.emit('typing', CONTEXT, { memberId: 'user-2' });

    expect(handler).toHaveBeenCalledExactlyOnceWith(CONTEXT, { memberId: 'user-2' });
  });

  it('refuses an event name outside the registry', () => {
    const { client } = setup();
    expect(() => client.on('not.an.event' as KiloChatEventName, () => {})).toThrow(/Unknown Kilo Chat event/);
  });

  it.each(wrappers)('%s subscribes to %s', (method, event, payload) => {
    const { channel, client } = setup();
    const handler = vi.fn();

    const off = (client[method] as (h: typeof handler) => () => void).call(client, handler);

    expect(channel.on).toHaveBeenCalledWith(event, expect.any(Function));
    channel.emit(event, CONTEXT, payload);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0]).toBe(CONTEXT);
    off();
    expect(channel.count(event)).toBe(0);
  });

  it('has a wrapper for every event the reference wraps', () => {
    expect(wrappers).toHaveLength(17);
  });
});
