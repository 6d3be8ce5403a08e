import { check, checkApiError, checkEqual, checkUlid } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { findMessage, sendText } from './helpers.js';

/** Message create/list/edit/delete scenarios (kilo-chat.md §7 "Messages"). */
export const messageScenarios = [
  defineScenario({
    id: 'messages.create',
    title: 'send returns {messageId, message} with trimmed text, clientId echoed, and a fresh read model',
    area: 'messages',
    reference: 'kilo-chat.md §2.1 H7; §3.4; §7 Messages: create and list',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const clientId = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
      const res = await sendText(ctx, conversationId, '  hello\n  world  ', 'user', { clientId });
      checkUlid(res.messageId, 'messageId');
      checkEqual(res.clientId, clientId, 'clientId echo');
      checkEqual(res.message.id, res.messageId, 'message id');
      checkEqual(res.message.content, [{ type: 'text', text: 'hello\n  world' }], 'trimmed content');
      checkEqual(
        [res.message.updatedAt, res.message.clientUpdatedAt, res.message.deleted, res.message.deliveryFailed, res.message.reactions],
        [null, null, false, false, []],
        'fresh message fields',
      );
    },
  }),
  defineScenario({
    id: 'messages.create-bad-input',
    title: 'empty, whitespace-only, 8001-char text, 21 blocks, a UUID clientId and a non-ULID conversation get 400',
    area: 'messages',
    reference: 'kilo-chat.md §3.1; §3.3; §7 Messages: create and list',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const text = (t: string) => ({ type: 'text', text: t });
      const bodies = [
        { conversationId, content: [text('')] },
        { conversationId, content: [text(' \t\n ')] },
        { conversationId, content: [text('x'.repeat(8001))] },
        { conversationId, content: Array.from({ length: 21 }, () => text('a')) },
        { conversationId, content: [text('a')], clientId: '123e4567-e89b-12d3-a456-426614174000' },
        { conversationId: 'nope', content: [text('a')] },
        { conversationId },
      ];
      for (const body of bodies) {
        const res = await ctx.raw('/v1/messages', { method: 'POST', body });
        checkEqual(res.status, 400, `status for ${JSON.stringify(body).slice(0, 80)}`);
      }
      const page = await ctx.chat().listMessagesPage(conversationId);
      checkEqual(page.messages.length, 0, 'nothing stored');
    },
  }),
  defineScenario({
    id: 'messages.list-pagination',
    title: 'messages list newest first; limit 2 pages hold ids strictly below the cursor, which is the oldest id of the page, null at the end',
    area: 'messages',
    reference: 'kilo-chat.md §3.6 Message cursor; §2.1 H8',
    async run(ctx) {
      // kilo-chat.md §3.6 "Message cursor", §7 "Messages: create and list". When the
      // target has a bot token, the bot writes the three messages: a bot's own message
      // goes to no bot (§5.1 "Recipients"), so nobody else writes here and the pages
      // are exact. Without one, the user writes, a live bot may reply in between, and
      // the pages are checked for order and cursors with the replies among them.
      const { conversationId } = await ctx.createConversation();
      const quiet = ctx.target.botToken !== undefined;
      const ids: string[] = [];
      for (const text of ['one', 'two', 'three']) {
        const content = [{ type: 'text' as const, text }];
        ids.push((quiet ? await ctx.bot().sendMessage({ conversationId, content }) : await sendText(ctx, conversationId, text)).messageId);
      }
      const pages: string[][] = [];
      let before: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await ctx.chat().listMessagesPage(conversationId, { limit: 2, ...(before === undefined ? {} : { before }) });
        const pageIds = page.messages.map((m) => m.id);
        pages.push(pageIds);
        check(pageIds.length <= 2, `page ${i + 1} has at most 2 messages, got ${pageIds.length}`);
        if (before !== undefined) check(pageIds.every((id) => id < before!), `page ${i + 1} holds only ids below the cursor ${before}`);
        if (!page.hasMore) {
          checkEqual(page.nextCursor, null, `nextCursor on the last page (${i + 1})`);
          break;
        }
        checkEqual(pageIds.length, 2, `a page with hasMore is full (page ${i + 1})`);
        checkEqual(page.nextCursor, pageIds.at(-1), `nextCursor is the oldest id of page ${i + 1}`);
        before = page.nextCursor ?? undefined;
      }
      const all = pages.flat();
      checkEqual(all, [...new Set(all)].sort().reverse(), 'every id once, newest first');
      checkEqual(all.filter((id) => ids.includes(id)), [ids[2], ids[1], ids[0]], 'the three messages, newest first');
      if (quiet) checkEqual(pages, [[ids[2], ids[1]], [ids[0]]], 'pages of a conversation only the bot wrote to');
    },
  }),
  defineScenario({
    id: 'messages.reply-snapshot',
    title: 'a reply carries a replyTo snapshot; after the parent is deleted the snapshot says deleted with no preview',
    area: 'messages',
    reference: 'kilo-chat.md §3.5; §6.4',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const parent = await sendText(ctx, conversationId, 'the parent');
      const reply = await sendText(ctx, conversationId, 'the reply', 'user', { inReplyToMessageId: parent.messageId });
      checkEqual(reply.message.inReplyToMessageId, parent.messageId, 'inReplyToMessageId');
      check(reply.message.replyTo !== null, 'replyTo present');
      checkEqual(reply.message.replyTo?.previewText, 'the parent', 'preview');
      checkEqual(reply.message.replyTo?.deleted, false, 'not deleted');
      await ctx.chat().deleteMessage(parent.messageId, { conversationId });
      const page = await ctx.chat().listMessagesPage(conversationId);
      const listed = page.messages.find((m) => m.id === reply.messageId);
      checkEqual(listed?.replyTo?.deleted, true, 'deleted parent');
      checkEqual(listed?.replyTo?.previewText, null, 'no preview of a deleted parent');
    },
  }),
  defineScenario({
    id: 'messages.edit',
    title: 'an edit with a newer timestamp applies; an older or equal one gets 409 "Edit conflict" and changes nothing',
    area: 'edits',
    reference: 'kilo-chat.md §6.3; §2.1 H9',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await sendText(ctx, conversationId, 'v1');
      const content = (t: string) => [{ type: 'text' as const, text: t }];
      await ctx.chat().editMessage(messageId, { conversationId, content: content('v2'), timestamp: 2000 });
      const conflict = await checkApiError(
        ctx.chat().editMessage(messageId, { conversationId, content: content('stale'), timestamp: 2000 }),
        409,
        'equal timestamp',
        'Edit conflict',
      );
      checkEqual((conflict.body as { messageId?: string }).messageId, messageId, 'conflict names the message');
      await checkApiError(ctx.chat().editMessage(messageId, { conversationId, content: content('older'), timestamp: 1000 }), 409, 'older timestamp');
      const stored = await findMessage(ctx, conversationId, messageId);
      checkEqual(stored?.content, content('v2'), 'content after conflicts');
      checkEqual(stored?.clientUpdatedAt, 2000, 'clientUpdatedAt');
    },
  }),
  defineScenario({
    id: 'messages.edit-rules',
    title: 'edits reject `resolved` on an actions block (400); a bot cannot edit a user message (403)',
    area: 'edits',
    reference: 'kilo-chat.md §3.2 InputContentBlock; §6.3; §7 Messages: edit and delete',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await sendText(ctx, conversationId, 'mine');
      const res = await ctx.raw(`/v1/messages/${messageId}`, {
        method: 'PATCH',
        body: {
          conversationId,
          timestamp: 5,
          content: [{ type: 'actions', groupId: 'g', actions: [{ label: 'Yes', style: 'primary', value: 'allow-once' }], resolved: { value: 'deny', resolvedBy: 'x', resolvedAt: 1 } }],
        },
      });
      checkEqual(res.status, 400, 'resolved in an edit');
      await checkApiError(
        ctx.bot().editMessage(messageId, { conversationId, content: [{ type: 'text', text: 'hijack' }], timestamp: 9 }),
        403,
        'bot editing a user message',
      );
    },
  }),
  defineScenario({
    id: 'messages.delete',
    title: 'delete is soft and idempotent for the sender; edits and reactions on it get 404; the event repeats',
    area: 'messages',
    reference: 'kilo-chat.md §6.4; §6.2; §4.2 message.deleted',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const { messageId } = await sendText(ctx, conversationId, 'bye');
      const events = await ctx.listen('user', [], conversationId);
      await ctx.chat().deleteMessage(messageId, { conversationId });
      await ctx.chat().deleteMessage(messageId, { conversationId });
      const stored = await findMessage(ctx, conversationId, messageId);
      checkEqual([stored?.deleted, stored?.content], [true, []], 'soft-deleted read model');
      check(typeof stored?.updatedAt === 'number', 'updatedAt set');
      await checkApiError(
        ctx.chat().editMessage(messageId, { conversationId, content: [{ type: 'text', text: 'x' }], timestamp: 1 }),
        404,
        'edit after delete',
      );
      await checkApiError(ctx.chat().addReaction(messageId, { conversationId, emoji: '👍' }), 404, 'react after delete');
      await checkApiError(ctx.chat().deleteMessage('00000000000000000000000000', { conversationId }), 404, 'unknown message');
      // kilo-chat.md §4.2 / §6.2: a repeated delete by the sender pushes message.deleted again.
      // Pushes follow the response in no fixed order (§2 conventions): wait for both.
      await events.waitForCount(
        'message.deleted events for the message (one per delete)',
        eventIs('message.deleted', ctx.conversationContext(conversationId), (p) => p.messageId === messageId),
        2,
      );
    },
  }),
  defineScenario({
    id: 'messages.length-before-trim',
    title: 'text and title lengths are checked before trimming: 8000 chars plus a space gets 400 on create and edit, 200 chars plus a space on rename; exactly 8000 is stored',
    area: 'messages',
    reference: 'kilo-chat.md §3.1 MessageText, Title ("at most N characters before trimming"); §7 Messages: create and list',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation('Lengths');
      const text = (t: string) => [{ type: 'text', text: t }];
      const padded = await ctx.raw('/v1/messages', { method: 'POST', body: { conversationId, content: text(` ${'x'.repeat(8000)}`) } });
      checkEqual(padded.status, 400, 'create with 8000 characters and a leading space');
      const exact = await sendText(ctx, conversationId, 'x'.repeat(8000));
      checkEqual((exact.message.content[0] as { text?: string } | undefined)?.text?.length, 8000, 'stored length of exactly 8000 characters');
      const edit = await ctx.raw(`/v1/messages/${exact.messageId}`, {
        method: 'PATCH',
        body: { conversationId, content: text(`${'y'.repeat(8000)} `), timestamp: 10 },
      });
      checkEqual(edit.status, 400, 'edit with 8000 characters and a trailing space');
      const rename = await ctx.raw(`/v1/conversations/${conversationId}`, { method: 'PATCH', body: { title: ` ${'t'.repeat(200)}` } });
      checkEqual(rename.status, 400, 'rename with 200 characters and a leading space');
      const create = await ctx.raw('/v1/conversations', { method: 'POST', body: { sandboxId: ctx.sandboxId, title: `${'t'.repeat(200)} ` } });
      checkEqual(create.status, 400, 'create with a 200-character title and a trailing space');
      checkEqual((await ctx.chat().getConversation(conversationId)).title, 'Lengths', 'title after the rejected rename');
      const stored = await findMessage(ctx, conversationId, exact.messageId);
      checkEqual((stored?.content[0] as { text?: string } | undefined)?.text, 'x'.repeat(8000), 'content after the rejected edit');
    },
  }),
  defineScenario({
    id: 'messages.create-not-deduplicated',
    title: 'the same create sent twice with the same clientId makes two messages, each echoing the clientId',
    area: 'messages',
    reference: 'kilo-chat.md §6.2 (no server-side deduplication of message creates)',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const clientId = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
      const first = await sendText(ctx, conversationId, 'twice', 'user', { clientId });
      const second = await sendText(ctx, conversationId, 'twice', 'user', { clientId });
      check(first.messageId !== second.messageId, `two message ids, got ${first.messageId} twice`);
      checkEqual([first.clientId, second.clientId], [clientId, clientId], 'clientId echoed by both');
      const page = await ctx.chat().listMessagesPage(conversationId, { limit: 100 });
      const ids = page.messages.filter((m) => m.id === first.messageId || m.id === second.messageId).map((m) => m.id);
      checkEqual(ids, [second.messageId, first.messageId], 'both listed, newest first');
    },
  }),
];
