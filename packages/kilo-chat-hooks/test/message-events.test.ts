import type { ContentBlock, CreateMessageResponse, Message } from '@kilocode/kilo-chat';
import { describe, expect, it } from 'vitest';
import {
  applyActionDeliveryFailedEventToPages,
  applyCreateMessageResponseToPages,
  applyExecuteActionResponseToPages,
  applyMessageCreatedEventToPages,
  applyMessageDeletedEventToPages,
  applyMessageDeliveryFailedEventToPages,
  applyMessageRedeliveredEventToPages,
  applyMessageUpdatedEventToPages,
  applyOptimisticMessageToPages,
  applyReactionAddedEventToPages,
  createReactionOperationTracker,
  messageFromCreatedEvent,
} from '../src/index';
import { cache, created, id, ids, pendingRow, row, rowOf, text } from './message-fixtures';

const CLIENT = '01JCLIENT00000000000000000';
const actions = (resolved?: { value: 'allow-once' | 'deny'; resolvedBy: string; resolvedAt: number }): ContentBlock => ({
  type: 'actions',
  groupId: 'g1',
  actions: [
    { label: 'Allow', style: 'primary', value: 'allow-once' },
    { label: 'Deny', style: 'danger', value: 'deny' },
  ],
  ...(resolved ? { resolved } : {}),
});

function response(message: Message): CreateMessageResponse {
  return { messageId: message.id, clientId: CLIENT, message };
}

describe('message.created', () => {
  it('B13: a created event with a clientId replaces the matching pending row with the server copy (flags reset, reactions emptied)', () => {
    const pending = pendingRow(CLIENT, { deliveryFailed: true, reactions: [{ emoji: '👍', count: 1, memberIds: ['alice'] }] });
    const data = cache([pending, row(2), row(1)]);
    const next = applyMessageCreatedEventToPages(data, created(3, { clientId: CLIENT, content: [text('hello')] }));
    expect(ids(next)).toEqual([[id(3), id(2), id(1)]]);
    expect(rowOf(next, id(3))).toEqual(row(3, { content: [text('hello')] }));
    expect(rowOf(next, `pending-${CLIENT}`)).toBeUndefined();
  });

  it('B14: a created event on a cold cache creates the first page holding just that message', () => {
    const next = applyMessageCreatedEventToPages(undefined, created(7));
    expect(next).toEqual({ pages: [{ messages: [row(7)], hasMore: false, nextCursor: null }], pageParams: [undefined] });
  });

  it('B15: a delayed created event preserves an earlier delete (deleted stays true, updatedAt kept)', () => {
    const data = cache([row(2, { deleted: true, content: [], updatedAt: 900 }), row(1)]);
    const next = applyMessageCreatedEventToPages(data, created(2));
    expect(rowOf(next, id(2))).toMatchObject({ deleted: true, updatedAt: 900, content: [] });
  });

  it('B16: a delayed created event preserves earlier edited content and both timestamps', () => {
    const data = cache([row(2, { content: [text('edited')], clientUpdatedAt: 500, updatedAt: 600 })]);
    const next = applyMessageCreatedEventToPages(data, created(2, { content: [text('original')] }));
    expect(rowOf(next, id(2))).toMatchObject({ content: [text('edited')], clientUpdatedAt: 500, updatedAt: 600 });
    expect(next).toBe(data);
  });

  it('B17: a delayed created event preserves reactions that arrived earlier', () => {
    const reactions = [{ emoji: '🎉', count: 1, memberIds: ['bob'] }];
    const data = cache([row(2, { reactions })]);
    expect(rowOf(applyMessageCreatedEventToPages(data, created(2)), id(2))!.reactions).toBe(reactions);
  });

  it('B18: a delayed created event preserves an earlier delivery failure flag', () => {
    const data = cache([row(2, { deliveryFailed: true })]);
    expect(rowOf(applyMessageCreatedEventToPages(data, created(2)), id(2))!.deliveryFailed).toBe(true);
  });

  it('B19: a delayed created event preserves action resolutions that arrived earlier', () => {
    const resolved = { value: 'deny' as const, resolvedBy: 'bob', resolvedAt: 1000 };
    const data = cache([row(2, { senderId: 'bot:kiloclaw:demo', content: [text('ok?'), actions(resolved)], updatedAt: 1000 })]);
    const next = applyMessageCreatedEventToPages(data, created(2, { senderId: 'bot:kiloclaw:demo', content: [text('ok?'), actions()] }));
    expect(rowOf(next, id(2))!.content[1]).toEqual(actions(resolved));
  });

  it('W13: a delayed created event on a deleted row never brings its content back', () => {
    const data = cache([row(2, { deleted: true, content: [] })]);
    const next = applyMessageCreatedEventToPages(data, created(2, { content: [text('secret')] }));
    expect(rowOf(next, id(2))!.content).toEqual([]);
    expect(next).toBe(data);
  });

  it('turns a created payload into a fresh row', () => {
    expect(messageFromCreatedEvent(created(4, { clientId: CLIENT }))).toEqual(row(4));
  });
});

describe('create response (W5: merged like the event path)', () => {
  it('D37 (core): the response replaces the pending row; a later echo leaves it equal to the server message', () => {
    const data = cache([pendingRow(CLIENT), row(1)]);
    const stored = row(2, { content: [text('hello')] });
    const afterResponse = applyCreateMessageResponseToPages(data, `pending-${CLIENT}`, response(stored));
    expect(ids(afterResponse)).toEqual([[id(2), id(1)]]);
    expect(rowOf(afterResponse, id(2))).toEqual(stored);
    const afterEcho = applyMessageCreatedEventToPages(afterResponse, created(2, { clientId: CLIENT, content: [text('hello')] }));
    expect(afterEcho).toBe(afterResponse);
  });

  it('D38 (core): a response with no pending row creates the newest page or lands in it', () => {
    const stored = row(2);
    expect(applyCreateMessageResponseToPages(undefined, `pending-${CLIENT}`, response(stored)).pages[0]!.messages).toEqual([stored]);
    expect(ids(applyCreateMessageResponseToPages(cache([row(3), row(1)]), `pending-${CLIENT}`, response(stored)))).toEqual([[id(3), id(2), id(1)]]);
  });

  it('W5: a response landing after the echo and a later edit, delete or reaction keeps them (the reference overwrote them)', () => {
    const data = cache([pendingRow(CLIENT), row(1)]);
    const echoed = applyMessageCreatedEventToPages(data, created(2, { clientId: CLIENT, content: [text('hello')] }));
    const edited = applyMessageUpdatedEventToPages(echoed, { messageId: id(2), content: [text('hello!')], clientUpdatedAt: 50 });
    const tracker = createReactionOperationTracker();
    const reacted = applyReactionAddedEventToPages(edited, 'c', tracker, { messageId: id(2), operationId: id(90), memberId: 'bob', emoji: '👍' });
    const late = applyCreateMessageResponseToPages(reacted, `pending-${CLIENT}`, response(row(2, { content: [text('hello')] })));
    expect(rowOf(late, id(2))).toEqual(
      row(2, { content: [text('hello!')], clientUpdatedAt: 50, reactions: [{ emoji: '👍', count: 1, memberIds: ['bob'] }] }),
    );
    expect(late).toBe(reacted);

    const deleted = applyMessageDeletedEventToPages(echoed, { messageId: id(2) });
    const lateAfterDelete = applyCreateMessageResponseToPages(deleted, `pending-${CLIENT}`, response(row(2, { content: [text('hello')] })));
    expect(rowOf(lateAfterDelete, id(2))).toMatchObject({ deleted: true, content: [] });
  });

  it('a response for a message both pending and already fetched merges into the stored row and drops the pending one', () => {
    const data = cache([pendingRow(CLIENT), row(2, { reactions: [{ emoji: '👀', count: 1, memberIds: ['bob'] }] }), row(1)]);
    const next = applyCreateMessageResponseToPages(data, `pending-${CLIENT}`, response(row(2)));
    expect(ids(next)).toEqual([[id(2), id(1)]]);
    expect(rowOf(next, id(2))!.reactions).toHaveLength(1);
  });
});

describe('message.updated', () => {
  it('B24: an update older than the cached edit is ignored; a null clientUpdatedAt keeps the cached one', () => {
    const data = cache([row(2, { content: [text('v2')], clientUpdatedAt: 200 })]);
    expect(applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('v1')], clientUpdatedAt: 100 })).toBe(data);
    const resolution = applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('v2'), actions()], clientUpdatedAt: null });
    expect(rowOf(resolution, id(2))).toMatchObject({ clientUpdatedAt: 200, content: [text('v2'), actions()] });
    const newer = applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('v3')], clientUpdatedAt: 300 });
    expect(rowOf(newer, id(2))).toMatchObject({ clientUpdatedAt: 300, content: [text('v3')] });
  });

  it('W14: with equal clientUpdatedAt an older updatedAt loses, a newer one wins and is kept', () => {
    const data = cache([row(2, { content: [text('mine')], clientUpdatedAt: 200, updatedAt: 1_000 })]);
    expect(applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('theirs')], clientUpdatedAt: 200, updatedAt: 900 })).toBe(data);
    const newer = applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('theirs')], clientUpdatedAt: 200, updatedAt: 1_100 });
    expect(rowOf(newer, id(2))).toMatchObject({ content: [text('theirs')], updatedAt: 1_100 });
    // Without a server updatedAt (today's wire) the client-clock rule alone decides: equal stamps apply.
    const wire = applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('theirs')], clientUpdatedAt: 200 });
    expect(rowOf(wire, id(2))).toMatchObject({ content: [text('theirs')], updatedAt: 1_000 });
  });

  it('W13: a late update never restores content on a deleted row', () => {
    const data = cache([row(2, { deleted: true, content: [] })]);
    expect(applyMessageUpdatedEventToPages(data, { messageId: id(2), content: [text('back')], clientUpdatedAt: 999 })).toBe(data);
  });
});

describe('deleted, delivery and action events', () => {
  it('B25 + W13: a deleted event marks the row deleted without removing it, and blanks its content', () => {
    const data = cache([row(2), row(1)]);
    const next = applyMessageDeletedEventToPages(data, { messageId: id(2) });
    expect(ids(next)).toEqual([[id(2), id(1)]]);
    expect(rowOf(next, id(2))).toMatchObject({ deleted: true, content: [] });
    expect(applyMessageDeletedEventToPages(next, { messageId: id(2) })).toBe(next);
  });

  it('B26 (core) and B27: delivery-failed sets the flag; redelivered clears it', () => {
    const data = cache([row(2)]);
    const failed = applyMessageDeliveryFailedEventToPages(data, { messageId: id(2) });
    expect(rowOf(failed, id(2))!.deliveryFailed).toBe(true);
    const redelivered = applyMessageRedeliveredEventToPages(failed, { messageId: id(2) });
    expect(rowOf(redelivered, id(2))!.deliveryFailed).toBe(false);
  });

  it('B28 (core): action-delivery-failed removes the resolution of the matching group only', () => {
    const resolved = { value: 'allow-once' as const, resolvedBy: 'alice', resolvedAt: 5 };
    const other: ContentBlock = { ...actions(resolved), groupId: 'g2' } as ContentBlock;
    const data = cache([row(2, { content: [actions(resolved), other] })]);
    const next = applyActionDeliveryFailedEventToPages(data, { conversationId: id(100), messageId: id(2), groupId: 'g1' });
    expect(rowOf(next, id(2))!.content).toEqual([actions(), other]);
  });

  it('B29: update, delete, delivery, action and reaction events on a cold cache are ignored', () => {
    const tracker = createReactionOperationTracker();
    expect(applyMessageUpdatedEventToPages(undefined, { messageId: id(1), content: [text('x')], clientUpdatedAt: 1 })).toBeUndefined();
    expect(applyMessageDeletedEventToPages(undefined, { messageId: id(1) })).toBeUndefined();
    expect(applyMessageDeliveryFailedEventToPages(undefined, { messageId: id(1) })).toBeUndefined();
    expect(applyMessageRedeliveredEventToPages(undefined, { messageId: id(1) })).toBeUndefined();
    expect(applyActionDeliveryFailedEventToPages(undefined, { conversationId: id(100), messageId: id(1), groupId: 'g1' })).toBeUndefined();
    expect(applyReactionAddedEventToPages(undefined, 'c', tracker, { messageId: id(1), operationId: id(2), memberId: 'bob', emoji: '👍' })).toBeUndefined();
    // And on a warm cache that does not hold the row.
    const data = cache([row(5)]);
    expect(applyMessageDeletedEventToPages(data, { messageId: id(1) })).toBe(data);
  });

  it('D49 (core): an execute-action response replaces the row content', () => {
    const data = cache([row(2, { content: [actions()] })]);
    const content = [actions({ value: 'allow-once', resolvedBy: 'alice', resolvedAt: 10 })];
    const next = applyExecuteActionResponseToPages(data, {
      ok: true,
      messageId: id(2),
      content,
      resolved: { groupId: 'g1', value: 'allow-once', resolvedBy: 'alice', resolvedAt: 10 },
    });
    expect(rowOf(next, id(2))!.content).toEqual(content);
  });

  it('D35 (core): an optimistic row lands at the newest position; a retried one is replaced in place', () => {
    const data = cache([row(2), row(1)]);
    const next = applyOptimisticMessageToPages(data, pendingRow(CLIENT));
    expect(ids(next)).toEqual([[`pending-${CLIENT}`, id(2), id(1)]]);
    const again = applyOptimisticMessageToPages(next, pendingRow(CLIENT, { content: [text('again')] }));
    expect(ids(again)).toEqual([[`pending-${CLIENT}`, id(2), id(1)]]);
    expect(rowOf(again, `pending-${CLIENT}`)!.content).toEqual([text('again')]);
    expect(applyOptimisticMessageToPages(undefined, pendingRow(CLIENT)).pages[0]!.messages).toHaveLength(1);
  });
});
