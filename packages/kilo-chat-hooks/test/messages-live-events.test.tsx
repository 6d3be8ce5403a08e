import { kiloclawConversationContext } from '@kilocode/event-service';
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ulid } from 'ulid';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { messagesKey, sendOutboxFor, useMessageCacheUpdater, useMessages, type MessageInfiniteData } from '../src/index';
import { type UserSession, createUserSession, startMswServer, until } from './support/harness';
import { LIST_MESSAGES, approval, bot, joinConversation, logRequests, seedTeamConversation, user } from './messages-test-kit';

describe('useMessageCacheUpdater (live events through the msw face)', () => {
  const server = startMswServer();
  const sessions: UserSession[] = [];
  afterAll(() => server.stop());
  afterEach(() => {
    while (sessions.length > 0) sessions.pop()!.close();
  });

  async function session(userId = 'alice', options: Parameters<typeof createUserSession>[2] = {}) {
    const created = await createUserSession(server, userId, options);
    sessions.push(created);
    return created;
  }

  interface Callbacks {
    onHuman?: (context: string, senderId: string) => void;
    onActionFailed?: () => void;
    onDeliveryFailed?: () => void;
  }

  /** Mounts a conversation view: the history query plus the live updater. */
  async function mountConversation(alice: UserSession, conversationId: string, callbacks: Callbacks = {}) {
    const rendered = renderHook(
      (props: Callbacks) => {
        useMessageCacheUpdater(alice.chat, server.demo.sandboxId, conversationId, props.onHuman, props.onActionFailed, props.onDeliveryFailed);
        const query = useMessages(alice.chat, conversationId);
        void [query.data, query.status];
        return query;
      },
      { wrapper: alice.wrapper, initialProps: callbacks },
    );
    await until(() => rendered.result.current.isSuccess);
    await joinConversation(server, alice, conversationId);
    return rendered;
  }

  const cached = (alice: UserSession, conversationId: string) => alice.queryClient.getQueryData<MessageInfiniteData>(messagesKey(conversationId));
  const rowIn = (alice: UserSession, conversationId: string, messageId: string) =>
    cached(alice, conversationId)?.pages.flatMap((page) => page.messages).find((message) => message.id === messageId);

  it('B12: events from a context other than /kiloclaw/<sandbox>/<conversation> never touch the cache', async () => {
    const watched = seedTeamConversation(server, 2);
    const other = seedTeamConversation(server, 1);
    const alice = await session();
    await mountConversation(alice, watched.conversationId);
    await joinConversation(server, alice, other.conversationId);
    const before = cached(alice, watched.conversationId);
    const seen: string[] = [];
    alice.chat.onMessageCreated((context) => seen.push(context));
    const foreign = server.core.createMessage(user('bob'), { conversationId: other.conversationId, content: [{ type: 'text', text: 'elsewhere' }] });
    server.core.deleteMessage(user('alice'), other.messageIds[0]!, other.conversationId);
    await until(() => seen.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen[0]).toBe(kiloclawConversationContext(server.demo.sandboxId, other.conversationId));
    expect(cached(alice, watched.conversationId)).toBe(before);
    expect(rowIn(alice, watched.conversationId, foreign.messageId)).toBeUndefined();
    expect(cached(alice, other.conversationId)).toBeUndefined();
  });

  it('B23: a human message.created calls the human-created callback with the context and sender; bot senders do not', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const onHuman = vi.fn();
    const { result } = await mountConversation(alice, conversationId, { onHuman });
    const fromBob = server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'hi from bob' }] });
    const fromBot = server.core.createMessage(bot(server), { conversationId, content: [{ type: 'text', text: 'beep' }] });
    await until(() => result.current.data!.messages.length === 3);
    expect(result.current.data!.messages.slice(1).map((m) => m.id)).toEqual([fromBob.messageId, fromBot.messageId]);
    expect(onHuman).toHaveBeenCalledTimes(1);
    expect(onHuman).toHaveBeenCalledWith(kiloclawConversationContext(server.demo.sandboxId, conversationId), 'bob');
  });

  it('B13 (live): the echo of our own send replaces its pending row and ends its outbox entry', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const { result } = await mountConversation(alice, conversationId);
    const clientId = ulid();
    const message = { ...result.current.data!.messages[0]!, id: `pending-${clientId}`, content: [{ type: 'text' as const, text: 'mine' }] };
    const outbox = sendOutboxFor(alice.queryClient);
    outbox.track({ clientId, conversationId, variables: { conversationId, clientId, content: [{ type: 'text', text: 'mine' }] }, message });
    act(() => {
      alice.queryClient.setQueryData<MessageInfiniteData>(messagesKey(conversationId), (data) => ({
        ...data!,
        pages: [{ ...data!.pages[0]!, messages: [message, ...data!.pages[0]!.messages] }],
      }));
    });
    const stored = server.core.createMessage(user('alice'), { conversationId, content: [{ type: 'text', text: 'mine' }], clientId });
    await until(() => result.current.data!.messages.at(-1)!.id === stored.messageId);
    expect(result.current.data!.messages).toHaveLength(2);
    expect(result.current.data!.messages.at(-1)).toEqual(stored.message);
    expect(outbox.get(clientId)).toBeUndefined();
  });

  it('B24, B25 (live): an edit updates content and clientUpdatedAt; a delete keeps the row, marks it deleted and blanks its content (W13)', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 2);
    const alice = await session();
    const { result } = await mountConversation(alice, conversationId);
    server.core.editMessage(user('alice'), messageIds[0]!, { conversationId, content: [{ type: 'text', text: 'edited' }], timestamp: 1_000 });
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.clientUpdatedAt === 1_000);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.content).toEqual([{ type: 'text', text: 'edited' }]);
    server.core.deleteMessage(user('alice'), messageIds[1]!, conversationId);
    await until(() => rowIn(alice, conversationId, messageIds[1]!)!.deleted);
    expect(rowIn(alice, conversationId, messageIds[1]!)!.content).toEqual([]);
    expect(result.current.data!.messages).toHaveLength(2);
  });

  it('B26, B27: delivery-failed sets the flag even while locked, the callback fires only when operations can start; redelivered clears it', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 2);
    let locked = false;
    const alice = await session('alice', {
      chat: {
        captureOperationAdmission: () => {
          if (locked) throw new Error('locked');
          return () => undefined;
        },
      },
    });
    const onDeliveryFailed = vi.fn();
    await mountConversation(alice, conversationId, { onDeliveryFailed });
    locked = true;
    server.core.reportMessageDeliveryFailed(bot(server), conversationId, messageIds[0]!);
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.deliveryFailed);
    expect(onDeliveryFailed).not.toHaveBeenCalled();
    locked = false;
    server.core.reportMessageDeliveryFailed(bot(server), conversationId, messageIds[1]!);
    await until(() => rowIn(alice, conversationId, messageIds[1]!)!.deliveryFailed);
    expect(onDeliveryFailed).toHaveBeenCalledTimes(1);
    server.core.redeliverMessage(user('alice'), conversationId, messageIds[0]!);
    await until(() => !rowIn(alice, conversationId, messageIds[0]!)!.deliveryFailed);
  });

  it('B28: action-delivery-failed removes the resolution of the matching group and (when allowed) fires the action-failed callback', async () => {
    const { conversationId } = seedTeamConversation(server);
    const alice = await session();
    const onActionFailed = vi.fn();
    await mountConversation(alice, conversationId, { onActionFailed });
    const posted = server.core.createMessage(bot(server), { conversationId, content: [{ type: 'text', text: 'Run it?' }, approval('g1')] });
    await until(() => rowIn(alice, conversationId, posted.messageId) !== undefined);
    server.core.executeAction(user('alice'), conversationId, posted.messageId, { groupId: 'g1', value: 'allow-once' });
    const resolvedBlock = () => rowIn(alice, conversationId, posted.messageId)!.content[1] as { resolved?: unknown };
    await until(() => resolvedBlock().resolved !== undefined);
    server.core.reportActionDeliveryFailed(bot(server), conversationId, 'g1', posted.messageId);
    await until(() => resolvedBlock().resolved === undefined);
    expect(onActionFailed).toHaveBeenCalledTimes(1);
  });

  it('B15–B19 (live): a delayed duplicate message.created keeps the delete, edit, reactions, delivery failure and resolution that arrived before it', async () => {
    const { conversationId } = seedTeamConversation(server);
    const alice = await session();
    await mountConversation(alice, conversationId);
    const createdEvents: string[] = [];
    alice.chat.onMessageCreated((_context, event) => createdEvents.push(event.messageId));
    const edited = server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'first draft' }] });
    const asked = server.core.createMessage(bot(server), { conversationId, content: [{ type: 'text', text: 'Run it?' }, approval('g1')] });
    const removed = server.core.createMessage(user('alice'), { conversationId, content: [{ type: 'text', text: 'oops' }] });
    await until(() => createdEvents.length === 3);
    server.core.editMessage(user('bob'), edited.messageId, { conversationId, content: [{ type: 'text', text: 'final' }], timestamp: 100 });
    server.core.addReaction(user('alice'), edited.messageId, { conversationId, emoji: '👍' });
    server.core.reportMessageDeliveryFailed(bot(server), conversationId, edited.messageId);
    server.core.executeAction(user('alice'), conversationId, asked.messageId, { groupId: 'g1', value: 'allow-once' });
    server.core.deleteMessage(user('alice'), removed.messageId, conversationId);
    await until(() => rowIn(alice, conversationId, removed.messageId)!.deleted && rowIn(alice, conversationId, edited.messageId)!.deliveryFailed);
    await until(() => (rowIn(alice, conversationId, asked.messageId)!.content[1] as { resolved?: unknown }).resolved !== undefined);
    await until(() => rowIn(alice, conversationId, edited.messageId)!.reactions.length === 1);

    // The original created events arrive again, late (a redelivered frame).
    const conversation = server.core.conversations.get(conversationId)!;
    for (const original of [edited, asked, removed]) {
      const { message } = original;
      server.core.pushToConversation(conversation, 'message.created', {
        messageId: message.id,
        senderId: message.senderId,
        content: message.content,
        inReplyToMessageId: null,
        replyTo: null,
        clientId: null,
      });
    }
    await until(() => createdEvents.length === 6);
    const fresh = server.core.listMessages(user('alice'), conversationId, { limit: 50 }).messages;
    const truth = (messageId: string) => fresh.find((message: { id: string }) => message.id === messageId)!;
    for (const messageId of [edited.messageId, asked.messageId, removed.messageId]) {
      const { updatedAt: _ignored, ...cachedRest } = rowIn(alice, conversationId, messageId)!;
      const { updatedAt: _server, ...serverRest } = truth(messageId);
      expect(cachedRest).toEqual(serverRest);
    }
    expect(rowIn(alice, conversationId, removed.messageId)!.content).toEqual([]);
  });

  it('B29 (live): update, delete and reaction events on a cold cache are ignored', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    renderHook(() => useMessageCacheUpdater(alice.chat, server.demo.sandboxId, conversationId), { wrapper: alice.wrapper });
    await joinConversation(server, alice, conversationId);
    const received: string[] = [];
    alice.chat.onMessageDeleted(() => received.push('deleted'));
    server.core.editMessage(user('alice'), messageIds[0]!, { conversationId, content: [{ type: 'text', text: 'x' }], timestamp: 5 });
    server.core.addReaction(user('bob'), messageIds[0]!, { conversationId, emoji: '👍' });
    server.core.deleteMessage(user('alice'), messageIds[0]!, conversationId);
    await until(() => received.length === 1);
    expect(alice.queryClient.getQueryData(messagesKey(conversationId))).toBeUndefined();
  });

  it('live reactions from another member land through the tracker', async () => {
    const { conversationId, messageIds } = seedTeamConversation(server, 1);
    const alice = await session();
    await mountConversation(alice, conversationId);
    server.core.addReaction(user('bob'), messageIds[0]!, { conversationId, emoji: '🎉' });
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.reactions.length === 1);
    expect(rowIn(alice, conversationId, messageIds[0]!)!.reactions).toEqual([{ emoji: '🎉', count: 1, memberIds: ['bob'] }]);
    server.core.removeReaction(user('bob'), messageIds[0]!, { conversationId, emoji: '🎉' });
    await until(() => rowIn(alice, conversationId, messageIds[0]!)!.reactions.length === 0);
  });

  it('a new message keeps the object identity of every other row (memoised rows do not re-render)', async () => {
    const { conversationId } = seedTeamConversation(server, 30);
    const alice = await session();
    const { result } = await mountConversation(alice, conversationId);
    const before = result.current.data!.messages;
    server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'one more' }] });
    await until(() => result.current.data!.messages.length === 31);
    before.forEach((message, index) => expect(result.current.data!.messages[index]).toBe(message));
  });

  it('W3: new callback identities on every render never re-subscribe, and the latest callback is the one called', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const subscribe = vi.spyOn(alice.chat, 'onMessageCreated');
    const calls: string[] = [];
    const rendered = await mountConversation(alice, conversationId, { onHuman: () => calls.push('first') });
    for (let i = 0; i < 5; i++) rendered.rerender({ onHuman: () => calls.push(`render ${i}`), onActionFailed: () => undefined, onDeliveryFailed: () => undefined });
    expect(subscribe).toHaveBeenCalledTimes(1);
    server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'ping' }] });
    await until(() => calls.length === 1);
    expect(calls).toEqual(['render 4']);
  });

  it('resync of the active conversation: after the socket reconnects, its messages are refetched', async () => {
    const { conversationId } = seedTeamConversation(server, 2);
    const alice = await session();
    const { result } = await mountConversation(alice, conversationId);
    const log = logRequests(server);
    // A message the socket never delivers (stored without an event) shows up only through the resync.
    server.core.seedMessage({ conversationId, senderId: 'bob', text: 'missed while offline' });
    server.core.faults.closeAllSockets(1011, 'restart');
    await until(() => log.count('GET', LIST_MESSAGES) >= 1, 8_000, 'refetch after resync');
    await until(() => result.current.data!.messages.length === 3);
    expect(result.current.data!.messages.at(-1)!.content).toEqual([{ type: 'text', text: 'missed while offline' }]);
    log.stop();
  });

  it('works without a KiloChatHooksProvider (only the resync part needs it) and never throws', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session();
    const queryClient = new QueryClient();
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    renderHook(() => useMessageCacheUpdater(alice.chat, server.demo.sandboxId, conversationId), { wrapper });
    await joinConversation(server, alice, conversationId);
    const created = server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'seeds a cold cache' }] });
    await until(() => queryClient.getQueryData(messagesKey(conversationId)) !== undefined);
    const data = queryClient.getQueryData<MessageInfiniteData>(messagesKey(conversationId))!;
    expect(data.pages[0]!.messages.map((m) => m.id)).toEqual([created.messageId]);
    // The seeded page is stale, so the first useMessages to mount loads the real history.
    expect(queryClient.getQueryState(messagesKey(conversationId))!.dataUpdatedAt).toBe(0);
    queryClient.clear();
  });

  it('under StrictMode each event lands once, and unmounting removes every subscription', async () => {
    const { conversationId } = seedTeamConversation(server, 1);
    const alice = await session('alice', { strict: true });
    const onHuman = vi.fn();
    const rendered = await mountConversation(alice, conversationId, { onHuman });
    const first = server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'once' }] });
    await until(() => rendered.result.current.data!.messages.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(onHuman).toHaveBeenCalledTimes(1);
    expect(rowIn(alice, conversationId, first.messageId)).toEqual(first.message);
    rendered.unmount();
    const seen: string[] = [];
    alice.chat.onMessageCreated((_context, event) => seen.push(event.messageId));
    const second = server.core.createMessage(user('bob'), { conversationId, content: [{ type: 'text', text: 'after unmount' }] });
    await until(() => seen.includes(second.messageId));
    expect(rowIn(alice, conversationId, second.messageId)).toBeUndefined();
    expect(onHuman).toHaveBeenCalledTimes(1);
  });

  it('does nothing until both ids are set', async () => {
    const alice = await session();
    const subscribe = vi.spyOn(alice.chat, 'onMessageCreated');
    renderHook(() => useMessageCacheUpdater(alice.chat, null, 'x'), { wrapper: alice.wrapper });
    renderHook(() => useMessageCacheUpdater(alice.chat, server.demo.sandboxId, null), { wrapper: alice.wrapper });
    expect(subscribe).not.toHaveBeenCalled();
  });
});
