import { check, checkApiError, checkEqual, checkUlid } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { sendText, settle } from './helpers.js';

/** Conversation lifecycle and pagination scenarios (kilo-chat.md §7 "Conversations"). */
export const conversationScenarios = [
  defineScenario({
    id: 'conversations.create',
    title: 'create returns 201-shaped {conversationId, conversation} with null activity and read, and both members',
    area: 'conversations',
    async run(ctx) {
      const created = await ctx.createConversation('Conformance');
      checkUlid(created.conversationId, 'conversationId');
      checkEqual(created.conversation.conversationId, created.conversationId, 'list row id');
      checkEqual(created.conversation.title, 'Conformance', 'title');
      checkEqual(created.conversation.lastActivityAt, null, 'lastActivityAt');
      checkEqual(created.conversation.lastReadAt, null, 'lastReadAt');
      check(typeof created.conversation.joinedAt === 'number', 'joinedAt is a number');
      const detail = await ctx.chat().getConversation(created.conversationId);
      const kinds = detail.members.map((m) => `${m.kind}:${m.id.startsWith('bot:') ? m.id : 'user'}`).sort();
      checkEqual(kinds, [`bot:bot:kiloclaw:${ctx.sandboxId}`, 'user:user'], 'members');
    },
  }),
  defineScenario({
    id: 'conversations.create-bad-input',
    title: 'create rejects a missing or malformed sandboxId, a whitespace title and invalid JSON with 400',
    area: 'conversations',
    async run(ctx) {
      for (const body of [{}, { sandboxId: 'has space' }, { sandboxId: '../x' }, { sandboxId: 'a'.repeat(65) }, { sandboxId: ctx.sandboxId, title: '   ' }]) {
        const res = await ctx.raw('/v1/conversations', { method: 'POST', body });
        checkEqual(res.status, 400, `status for ${JSON.stringify(body)}`);
        checkEqual((res.body as { error?: string }).error, 'Invalid request', 'error');
      }
      const invalid = await ctx.raw('/v1/conversations', { method: 'POST', body: '{not json' });
      checkEqual(invalid.status, 400, 'invalid JSON status');
      checkEqual(invalid.body, { error: 'Invalid JSON' }, 'invalid JSON body');
    },
  }),
  defineScenario({
    id: 'conversations.foreign-sandbox',
    title: 'creating in a sandbox the caller does not own gets 403',
    area: 'conversations',
    requires: ['secondUser'],
    async run(ctx) {
      await checkApiError(
        ctx.chat('second').createConversation({ sandboxId: ctx.sandboxId }),
        403,
        'second user creating in the sandbox',
        'You do not have access to this sandbox',
      );
    },
  }),
  defineScenario({
    id: 'conversations.non-member',
    title: 'a non-member gets 403 on details, messages, rename and send; an unknown id gets 403 on details',
    area: 'conversations',
    requires: ['secondUser'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const other = ctx.chat('second');
      await checkApiError(other.getConversation(conversationId), 403, 'details', 'Forbidden');
      await checkApiError(other.listMessagesPage(conversationId), 403, 'list messages');
      await checkApiError(other.renameConversation(conversationId, { title: 'x' }), 403, 'rename');
      await checkApiError(sendText(ctx, conversationId, 'hi', 'second'), 403, 'send');
      await checkApiError(ctx.chat().getConversation('00000000000000000000000000'), 403, 'unknown conversation');
    },
  }),
  defineScenario({
    id: 'conversations.rename',
    title: 'rename trims the title, rejects empty/whitespace/201-char titles with 400 and keeps the old one',
    area: 'conversations',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation('Before');
      await ctx.chat().renameConversation(conversationId, { title: '  After  ' });
      checkEqual((await ctx.chat().getConversation(conversationId)).title, 'After', 'trimmed title');
      for (const title of ['', '   ', '\t\n', 'x'.repeat(201)]) {
        const res = await ctx.raw(`/v1/conversations/${conversationId}`, { method: 'PATCH', body: { title } });
        checkEqual(res.status, 400, `status for ${JSON.stringify(title.slice(0, 10))}`);
      }
      checkEqual((await ctx.chat().getConversation(conversationId)).title, 'After', 'title after rejected renames');
    },
  }),
  defineScenario({
    id: 'conversations.pagination',
    title: 'listing pages by coalesce(lastActivityAt, joinedAt) desc, then id desc, with a strict cursor only when hasMore',
    area: 'conversations',
    async run(ctx) {
      // kilo-chat.md §3.6 "Conversation cursor". The three conversations get no
      // message, so no bot is called and nobody writes to them: their sort key is
      // joinedAt and never moves. Other conversations of the sandbox (other
      // writers, other runs) may sit between them; the pages are read until all
      // three are seen and checked for order, cursors and duplicates.
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await ctx.createConversation(`Page ${i}`)).conversationId);
        await settle(5); // distinct joinedAt milliseconds
      }
      type Row = { conversationId: string; lastActivityAt: number | null; joinedAt: number };
      const rows: Row[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 50 && !ids.every((id) => rows.some((r) => r.conversationId === id)); i++) {
        const page = await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 2, ...(cursor === undefined ? {} : { cursor }) });
        check(page.conversations.length <= 2, `page ${i + 1} has at most 2 rows, got ${page.conversations.length}`);
        rows.push(...page.conversations);
        if (!page.hasMore) {
          checkEqual(page.nextCursor, null, `nextCursor on the last page (${i + 1})`);
          break;
        }
        checkEqual(page.conversations.length, 2, `a page with hasMore is full (page ${i + 1})`);
        check(typeof page.nextCursor === 'string' && page.nextCursor.length > 0, `nextCursor is a string on page ${i + 1}`);
        cursor = page.nextCursor ?? undefined;
      }
      const key = (r: Row) => r.lastActivityAt ?? r.joinedAt;
      for (let i = 1; i < rows.length; i++) {
        const [a, b] = [rows[i - 1]!, rows[i]!];
        check(
          key(a) > key(b) || (key(a) === key(b) && a.conversationId > b.conversationId),
          `rows ${i} and ${i + 1} out of order: ${a.conversationId} (key ${key(a)}) before ${b.conversationId} (key ${key(b)})`,
        );
      }
      const seen = rows.map((r) => r.conversationId);
      checkEqual(seen.length, new Set(seen).size, 'no row on two pages');
      checkEqual(seen.filter((id) => ids.includes(id)), [ids[2], ids[1], ids[0]], 'the three new conversations, newest first');
      const bad = await ctx.raw('/v1/conversations?cursor=not-a-cursor');
      checkEqual(bad.status, 400, 'invalid cursor status');
      checkEqual(bad.body, { error: 'Invalid cursor' }, 'invalid cursor body');
    },
  }),
  defineScenario({
    id: 'conversations.leave',
    title: 'leave removes the conversation from the list, pushes conversation.left to the leaver, and revokes access',
    area: 'conversations',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation('Leaving');
      const { messageId } = await sendText(ctx, conversationId, 'mine');
      const events = await ctx.listen('user', [ctx.instanceContext], conversationId);
      await ctx.chat().leaveConversation(conversationId);
      await events.waitFor('conversation.left', eventIs('conversation.left', ctx.instanceContext, (p) => p.conversationId === conversationId));
      const list = await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 100 });
      check(!list.conversations.some((c) => c.conversationId === conversationId), 'left conversation is not listed');
      await checkApiError(ctx.chat().getConversation(conversationId), 403, 'details after leaving');
      await checkApiError(ctx.chat().deleteMessage(messageId, { conversationId }), 403, 'deleting own message after leaving');
    },
  }),
];
