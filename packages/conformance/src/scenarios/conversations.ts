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
    reference: 'kilo-chat.md §2.1 H1; §3.6; §3.7; §7 Conversations',
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
    reference: 'kilo-chat.md §2.1 H1; §2 conventions; §7 Conversations',
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
    reference: 'kilo-chat.md §2.1 H1; §7 Conversations',
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
    reference: 'kilo-chat.md §2.1 H3, H4, H7, H8; §7 Conversations',
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
    reference: 'kilo-chat.md §2.1 H4; §3.1 Title; §7 Conversations',
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
    reference: 'kilo-chat.md §3.6 Conversation cursor; §2.1 H2',
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
    reference: 'kilo-chat.md §2.1 H5; §6.7; §4.2 conversation.left',
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
  defineScenario({
    id: 'conversations.list-order',
    title: 'the list orders by coalesce(lastActivityAt, joinedAt) desc, then id desc: activity lifts an old conversation above newer idle ones, below a newer idle one',
    area: 'conversations',
    reference: 'kilo-chat.md §3.6 Conversation cursor (ordering; cursor only when hasMore); §2.1 H2',
    async run(ctx) {
      // B, C are created idle; A gets a message (activity after C's joinedAt);
      // D is created idle after that. Expected among them: D, A, C, B. Other
      // rows of the sandbox may sit between them. A live bot's reply (without a
      // bot token the user writes, and the bot answers) may lift A above D, so
      // that pair is placed by the keys the rows show.
      const a = (await ctx.createConversation('order A')).conversationId;
      await settle(5);
      const b = (await ctx.createConversation('order B')).conversationId;
      await settle(5);
      const c = (await ctx.createConversation('order C')).conversationId;
      await settle(5);
      const content = [{ type: 'text' as const, text: 'activity' }];
      if (ctx.target.botToken !== undefined) await ctx.bot().sendMessage({ conversationId: a, content });
      else await sendText(ctx, a, 'activity');
      await settle(20);
      const d = (await ctx.createConversation('order D')).conversationId;
      const mine = [a, b, c, d];
      type Row = { conversationId: string; lastActivityAt: number | null; joinedAt: number };
      const rows: Row[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 100 && !mine.every((id) => rows.some((r) => r.conversationId === id)); i++) {
        const page = await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 3, ...(cursor === undefined ? {} : { cursor }) });
        rows.push(...page.conversations);
        if (page.hasMore) check(typeof page.nextCursor === 'string' && page.nextCursor.length > 0, `nextCursor is a string when hasMore (page ${i + 1})`);
        else {
          checkEqual(page.nextCursor, null, `nextCursor without hasMore (page ${i + 1})`);
          break;
        }
        cursor = page.nextCursor ?? undefined;
      }
      const key = (r: Row) => r.lastActivityAt ?? r.joinedAt;
      for (let i = 1; i < rows.length; i++) {
        const [x, y] = [rows[i - 1]!, rows[i]!];
        check(
          key(x) > key(y) || (key(x) === key(y) && x.conversationId > y.conversationId),
          `rows ${i} and ${i + 1} out of order: ${x.conversationId} (key ${key(x)}) before ${y.conversationId} (key ${key(y)})`,
        );
      }
      const row = (id: string) => rows.find((r) => r.conversationId === id);
      const activity = row(a)?.lastActivityAt;
      check(typeof activity === 'number', `the conversation with a message has lastActivityAt, got ${String(activity)}`);
      const joinedD = row(d)?.joinedAt ?? 0;
      const expected = joinedD > activity ? [d, a, c, b] : [a, d, c, b];
      checkEqual(rows.map((r) => r.conversationId).filter((id) => mine.includes(id)), expected, 'the four conversations, by activity or join time');
    },
  }),
  defineScenario({
    id: 'conversations.last-human-leaves',
    title: 'when the last human leaves, the bot is deactivated too: its routes on the conversation answer 403',
    area: 'conversations',
    requires: ['botToken'],
    reference: 'kilo-chat.md §6.7 (no active users left → bots deactivated); §2.2 B1, B5, B8, B9',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation('Last one out');
      const bot = ctx.target.botToken ?? null;
      const base = `/bot/v1/sandboxes/${ctx.sandboxId}`;
      checkEqual((await ctx.raw(`${base}/conversations/${conversationId}/members`, { token: bot })).status, 200, 'B9 members before leaving');
      await ctx.chat().leaveConversation(conversationId);
      const members = await ctx.raw(`${base}/conversations/${conversationId}/members`, { token: bot });
      checkEqual([members.status, members.body], [403, { error: 'Forbidden' }], 'B9 members after the last human left');
      checkEqual((await ctx.raw(`${base}/conversations/${conversationId}/messages`, { token: bot })).status, 403, 'B8 list after the last human left');
      const send = await ctx.raw(`${base}/messages`, { method: 'POST', token: bot, body: { conversationId, content: [{ type: 'text', text: 'anyone?' }] } });
      checkEqual(send.status, 403, 'B1 send after the last human left');
      checkEqual((await ctx.raw(`${base}/conversations/${conversationId}/typing/stop`, { method: 'POST', token: bot })).status, 403, 'B5 typing.stop after the last human left');
    },
  }),
  defineScenario({
    id: 'conversations.bot-created',
    title: 'a bot creates a conversation (201) with the owner and itself as members and createdBy the bot; the owner gets conversation.created; additionalMembers gets 400 with invalidMembers',
    area: 'bot',
    requires: ['botToken'],
    reference: 'kilo-chat.md §2.2 B12; §3.7; §4.2 conversation.created; §1.6 (invalidMembers)',
    async run(ctx) {
      const seed = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const bot = ctx.target.botToken ?? null;
      const path = `/bot/v1/sandboxes/${ctx.sandboxId}/conversations`;
      const res = await ctx.raw(path, { method: 'POST', token: bot, body: { title: '  Bot made  ' } });
      checkEqual(res.status, 201, 'B12 status');
      const body = res.body as { conversationId?: unknown; conversation?: Record<string, unknown> };
      checkUlid(body.conversationId, 'conversationId');
      const conversationId = body.conversationId;
      checkEqual(
        [body.conversation?.conversationId, body.conversation?.title, body.conversation?.lastActivityAt, body.conversation?.lastReadAt],
        [conversationId, 'Bot made', null, null],
        'the list row in the response',
      );
      const botId = `bot:kiloclaw:${ctx.sandboxId}`;
      const detail = await ctx.chat().getConversation(conversationId);
      checkEqual(detail.createdBy, botId, 'createdBy');
      const me = await ctx.userId();
      checkEqual(detail.members.map((m) => `${m.kind}:${m.id}`).sort(), [`bot:${botId}`, `user:${me}`].sort(), 'members: the owner and the bot');
      const pushed = await events.waitFor('conversation.created', eventIs('conversation.created', ctx.instanceContext, (p) => p.conversationId === conversationId));
      checkEqual((pushed.payload as { conversation?: { conversationId?: unknown } }).conversation?.conversationId, conversationId, 'embedded row id');
      const listed = await ctx.chat().listConversations({ sandboxId: ctx.sandboxId, limit: 100 });
      check(listed.conversations.some((c) => c.conversationId === conversationId), "listed in the owner's conversations");
      const extra = await ctx.raw(path, { method: 'POST', token: bot, body: { additionalMembers: ['someone-else'] } });
      checkEqual(
        [extra.status, extra.body],
        [400, { error: 'Bot-created conversations do not support additionalMembers', invalidMembers: ['someone-else'] }],
        'B12 with additionalMembers',
      );
    },
  }),
];
