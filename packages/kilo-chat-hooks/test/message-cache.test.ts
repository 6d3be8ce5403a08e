import { KiloChatApiError } from '@kilocode/kilo-chat';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import {
  SendOutbox,
  applyOptimisticSendMessageToCache,
  clearPendingAction,
  clientIdOfPendingMessage,
  discardFailedSend,
  findMessageInCache,
  latestMarkReadMessageId,
  messagesKey,
  pendingActionGroupIdForMessage,
  restoreMessageInCache,
  rollbackEditMessageError,
  sendOutboxFor,
  sendStateOf,
  settleSendMessageFailure,
  settleSendMessageSuccess,
  tryStartPendingAction,
  updateMessagesCache,
  type MessageInfiniteData,
  type PendingActionStore,
  type SendMessageVariables,
} from '../src/index';
import { cache, id, ids, pendingRow, row, rowOf, text } from './message-fixtures';

const CONVERSATION = id(700);
const KEY = messagesKey(CONVERSATION);
const CLIENT = '01JCLIENT00000000000000001';

function seeded(data: MessageInfiniteData) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(KEY, data);
  return queryClient;
}

describe('pending actions and mark-read ids', () => {
  it('D51: the pending-action store allows one action in flight; a second start fails; clearing with a different action does nothing', () => {
    const store: PendingActionStore = { current: null };
    expect(tryStartPendingAction(store, { messageId: 'm1', groupId: 'g1' })).toBe(true);
    expect(tryStartPendingAction(store, { messageId: 'm2', groupId: 'g2' })).toBe(false);
    clearPendingAction(store, { messageId: 'm1', groupId: 'other' });
    expect(store.current).toEqual({ messageId: 'm1', groupId: 'g1' });
    clearPendingAction(store, { messageId: 'm1', groupId: 'g1' });
    expect(store.current).toBeNull();
    expect(tryStartPendingAction(store, { messageId: 'm2', groupId: 'g2' })).toBe(true);
  });

  it('D52: pendingActionGroupIdForMessage returns the group only for the matching message', () => {
    expect(pendingActionGroupIdForMessage({ messageId: 'm1', groupId: 'g1' }, 'm1')).toBe('g1');
    expect(pendingActionGroupIdForMessage({ messageId: 'm1', groupId: 'g1' }, 'm2')).toBeNull();
    expect(pendingActionGroupIdForMessage(null, 'm1')).toBeNull();
  });

  it('D53: latestMarkReadMessageId skips trailing pending rows and returns null if all are pending', () => {
    expect(latestMarkReadMessageId([row(1), row(2), pendingRow('a'), pendingRow('b')])).toBe(id(2));
    expect(latestMarkReadMessageId([pendingRow('a')])).toBeNull();
    expect(latestMarkReadMessageId([])).toBeNull();
  });
});

describe('cache writes', () => {
  it('finds, and restores a snapshot only while the row still equals the guard (D47 core)', () => {
    const queryClient = seeded(cache([row(2), row(1)]));
    const snapshot = findMessageInCache(queryClient, KEY, id(2))!;
    const optimistic = { ...snapshot, deleted: true, content: [] };
    updateMessagesCache(queryClient, KEY, (data) => ({ ...data!, pages: [{ ...data!.pages[0]!, messages: [optimistic, row(1)] }] }));
    expect(restoreMessageInCache(queryClient, KEY, snapshot, { ...optimistic })).toBe(true);
    expect(findMessageInCache(queryClient, KEY, id(2))).toEqual(snapshot);

    updateMessagesCache(queryClient, KEY, (data) => ({ ...data!, pages: [{ ...data!.pages[0]!, messages: [{ ...snapshot, content: [text('newer')] }, row(1)] }] }));
    expect(restoreMessageInCache(queryClient, KEY, snapshot, optimistic)).toBe(false);
    expect(findMessageInCache(queryClient, KEY, id(2))!.content).toEqual([text('newer')]);
    expect(restoreMessageInCache(queryClient, KEY, row(9))).toBe(false);
  });

  it('D46 (core): an edit conflict restores the row and invalidates; another error only invalidates when the row moved on', () => {
    const original = row(2);
    const optimistic = { ...original, content: [text('edit')], clientUpdatedAt: 5 };
    const queryClient = seeded(cache([optimistic]));
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    rollbackEditMessageError(queryClient, KEY, original, optimistic, new KiloChatApiError(409, { error: 'Edit conflict' }));
    expect(findMessageInCache(queryClient, KEY, id(2))).toEqual(original);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: KEY });

    invalidate.mockClear();
    queryClient.setQueryData(KEY, cache([optimistic]));
    rollbackEditMessageError(queryClient, KEY, original, optimistic, new KiloChatApiError(500, null));
    expect(findMessageInCache(queryClient, KEY, id(2))).toEqual(original);
    expect(invalidate).not.toHaveBeenCalled();
  });

  it('a write that seeds a cold cache is stored stale, so the first mounted query fetches real history', () => {
    const queryClient = new QueryClient();
    updateMessagesCache(queryClient, KEY, () => cache([row(1)]));
    const state = queryClient.getQueryState(KEY)!;
    expect(state.dataUpdatedAt).toBe(0);
    expect(queryClient.getQueryCache().find({ queryKey: KEY })!.isStaleByTime(30_000)).toBe(true);
    updateMessagesCache(queryClient, KEY, (data) => data);
    expect(queryClient.getQueryState(KEY)!.dataUpdatedAt).toBe(0);
  });
});

describe('send outbox (W10 core)', () => {
  const variables: SendMessageVariables = { conversationId: CONVERSATION, content: [{ type: 'text', text: 'hi' }], clientId: CLIENT };

  it('W10: a failed send keeps its pending row and is marked failed; success or discard ends it', () => {
    const queryClient = seeded(cache([row(1)]));
    const outbox = sendOutboxFor(queryClient);
    expect(sendOutboxFor(queryClient)).toBe(outbox);
    expect(sendOutboxFor(new QueryClient())).not.toBe(outbox);
    const message = pendingRow(CLIENT);
    const context = applyOptimisticSendMessageToCache(queryClient, KEY, message.id, message);
    outbox.track({ clientId: CLIENT, conversationId: CONVERSATION, variables, message });
    expect(sendStateOf(outbox, message.id)).toEqual({ status: 'sending', error: undefined });

    const error = new Error('boom');
    settleSendMessageFailure(queryClient, error, context);
    expect(ids(queryClient.getQueryData(KEY))).toEqual([[message.id, id(1)]]);
    expect(sendStateOf(outbox, message.id)).toEqual({ status: 'failed', error });
    expect(outbox.statesFor(CONVERSATION).get(CLIENT)).toEqual({ status: 'failed', error });
    expect(sendStateOf(outbox, id(1))).toBeUndefined();
    expect(clientIdOfPendingMessage(message.id)).toBe(CLIENT);

    settleSendMessageSuccess(queryClient, { messageId: id(2), clientId: CLIENT, message: row(2) }, context);
    expect(ids(queryClient.getQueryData(KEY))).toEqual([[id(2), id(1)]]);
    expect(outbox.get(CLIENT)).toBeUndefined();
    expect(outbox.statesFor(CONVERSATION).size).toBe(0);
  });

  it('W10: discard removes a failed row and its entry, and leaves running sends alone', () => {
    const queryClient = seeded(cache([row(1)]));
    const outbox = sendOutboxFor(queryClient);
    const message = pendingRow(CLIENT);
    const context = applyOptimisticSendMessageToCache(queryClient, KEY, message.id, message);
    outbox.track({ clientId: CLIENT, conversationId: CONVERSATION, variables, message });
    expect(discardFailedSend(queryClient, CLIENT)).toBe(false);
    settleSendMessageFailure(queryClient, new Error('x'), context);
    expect(discardFailedSend(queryClient, CLIENT)).toBe(true);
    expect(ids(queryClient.getQueryData(KEY))).toEqual([[id(1)]]);
    expect(outbox.get(CLIENT)).toBeUndefined();
  });

  it('keeps one snapshot per conversation until it changes, and tells subscribers', () => {
    const outbox = new SendOutbox();
    const listener = vi.fn();
    const off = outbox.subscribe(listener);
    const empty = outbox.statesFor(CONVERSATION);
    expect(outbox.statesFor(CONVERSATION)).toBe(empty);
    outbox.track({ clientId: CLIENT, conversationId: CONVERSATION, variables, message: pendingRow(CLIENT) });
    expect(listener).toHaveBeenCalledTimes(1);
    const one = outbox.statesFor(CONVERSATION);
    expect(one).not.toBe(empty);
    expect(outbox.statesFor(CONVERSATION)).toBe(one);
    expect(outbox.statesFor(id(1))).toBe(outbox.statesFor(null));
    off();
    outbox.clear();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(outbox.entries()).toEqual([]);
  });
});
