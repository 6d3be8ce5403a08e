import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type MockServer, startMockServer, userCaller } from '../../src/index';
import { dumpState } from '../../src/core/state-dump';

const bot = (sandboxId: string) => ({ id: `bot:kiloclaw:${sandboxId}`, kind: 'bot' as const });

/** A mixed workload through every kind of write, some of them made outside any request (timers, webhook outcomes). */
async function mixedWorkload(server: MockServer): Promise<void> {
  const core = server.core;
  const u1 = userCaller('u1');
  const u2 = userCaller('u2');
  server.createUser({ id: 'u1', displayName: 'One' });
  server.createUser({ id: 'u2', avatarUrl: 'https://example.test/u2.png' });
  server.createSandbox({ id: 'sb1', ownerId: 'u1', label: 'Claw' });
  server.createSandbox({ id: 'sb2', ownerId: 'u2' });
  core.setBotWebhookUrl('sb2', 'http://127.0.0.1:9/unreachable');
  const shared = core.seedConversation({ sandboxId: 'sb1', userIds: ['u1', 'u2'], title: 'Shared' });
  core.seedMessage({ conversationId: shared, senderId: 'u2', text: 'seeded' });
  const a = core.createConversation(u1, { sandboxId: 'sb1' }).conversationId;
  const b = core.createConversation(u2, { sandboxId: 'sb2', title: 'B' }).conversationId;
  const c = core.createBotConversation('sb1', { title: 'From the bot' }).conversationId;

  const inShared: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const target = [a, shared, b][i % 3] as string;
    const caller = target === b ? u2 : target === a ? u1 : i % 2 ? u1 : u2;
    const { messageId } = core.createMessage(caller, { conversationId: target, content: [{ type: 'text', text: `m${i}` }], clientId: `c${i}` });
    if (target === shared) inShared.push(messageId);
  }
  const inA = core.createMessage(u1, { conversationId: a, content: [{ type: 'text', text: 'edit me' }] }).messageId;
  core.editMessage(u1, inA, { conversationId: a, content: [{ type: 'text', text: 'edited' }], timestamp: 10 });
  const replyTo = core.createMessage(u2, { conversationId: shared, content: [{ type: 'text', text: 'reply' }], inReplyToMessageId: inShared[0] as string });
  core.deleteMessage(u2, replyTo.messageId, shared);
  core.addReaction(u1, inA, { conversationId: a, emoji: '👍' });
  core.addReaction(u1, inA, { conversationId: a, emoji: '🔥' });
  core.removeReaction(u1, inA, { conversationId: a, emoji: '🔥' });
  core.addReaction(u1, inA, { conversationId: a, emoji: '🔥' });
  core.renameConversation(u1, shared, 'Shared, renamed');
  core.markRead(u2, shared, inShared[1] as string);

  const withActions = core.createMessage(bot('sb1'), {
    conversationId: a,
    content: [
      { type: 'text', text: 'Allow?' },
      { type: 'actions', groupId: 'g1', actions: [{ label: 'Yes', style: 'primary', value: 'allow-once' }] },
    ],
  }).messageId;
  core.executeAction(u1, a, withActions, { groupId: 'g1', value: 'allow-once' });
  core.reportActionDeliveryFailed(bot('sb1'), a, 'g1', withActions);

  const pending = core.initAttachment(u1, { conversationId: a, mimeType: 'text/plain', size: 3, filename: 'a.txt' });
  core.blobs.put(pending.id, new TextEncoder().encode('abc'), 'text/plain');
  const linked = core.initAttachment(u1, { conversationId: a, mimeType: 'text/plain', size: 2, filename: 'b.txt' });
  core.blobs.put(linked.id, new TextEncoder().encode('hi'), 'text/plain');
  const carrying = core.createMessage(u1, {
    conversationId: a,
    content: [{ type: 'attachment', attachmentId: linked.id, mimeType: 'x', size: 0, filename: 'x' }],
  }).messageId;
  const dropped = core.initAttachment(u1, { conversationId: a, mimeType: 'text/plain', size: 1, filename: 'c.txt' });
  core.blobs.put(dropped.id, new TextEncoder().encode('z'), null);
  const carryingDropped = core.createMessage(u1, {
    conversationId: a,
    content: [{ type: 'attachment', attachmentId: dropped.id, mimeType: 'x', size: 0, filename: 'x' }],
  }).messageId;
  core.editMessage(u1, carryingDropped, { conversationId: a, content: [{ type: 'text', text: 'no file now' }], timestamp: 20 });
  expect(carrying).toBeDefined();

  core.setBotStatus('sb1', { online: true, at: 5, capabilities: ['attachments', 'unknown'] });
  core.setBotStatus('sb1', { online: false, at: 4 }); // older: refused, as live
  core.setConversationStatus('sb1', a, { contextTokens: 1, contextWindow: 2, model: null, provider: 'p', at: 3 });
  core.leaveConversation(u1, c);
  core.markBadgeRead('u2', 'kiloclaw:sb1:nothing');

  // Outside any request: a bot message's push timer bumps badges; a webhook to sb2's dead URL fails and flags a message.
  core.createMessage(bot('sb1'), { conversationId: shared, content: [{ type: 'text', text: 'short' }] });
  await vi.waitFor(() => expect(core.badges.total('u1')).toBeGreaterThan(0));
  await server.webhooksSettled();
  expect([...(core.conversations.get(b)?.messages ?? [])].some((m) => m.deliveryFailed)).toBe(true);
}

describe('--data-dir replay', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kilo-mock-replay-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replayed state equals live state for a mixed workload, and so does the snapshot it compacts into', async () => {
    const options = { port: 0, dataDir: dir, webhookRetryDelaysMs: [1, 1], botPushTimeoutMs: 20, journalCompactBytes: Number.MAX_SAFE_INTEGER };
    const live = await startMockServer(options);
    await mixedWorkload(live);
    const liveDump = dumpState(live.core.state);
    await live.close();
    expect(liveDump.conversations.length).toBe(4);
    expect(liveDump.attachments.map((row) => row.status).sort()).toEqual(['linked', 'pending']);
    expect(liveDump.badges.length).toBeGreaterThan(0);

    const replayed = await startMockServer(options); // replays the journal, then compacts
    expect(dumpState(replayed.core.state)).toEqual(liveDump);
    await replayed.close();

    const fromSnapshot = await startMockServer(options); // loads the snapshot, empty journal
    expect(dumpState(fromSnapshot.core.state)).toEqual(liveDump);
    await fromSnapshot.close();
  });

  it('in memory (no data dir) the same workload leaves the same kind of state: the door changes nothing without a journal', async () => {
    const server = await startMockServer({ port: 0, webhookRetryDelaysMs: [1, 1], botPushTimeoutMs: 20 });
    await mixedWorkload(server);
    const dump = dumpState(server.core.state);
    expect(dump.conversations.flatMap((c) => c.messages).length).toBeGreaterThan(10);
    await server.close();
  });
});
