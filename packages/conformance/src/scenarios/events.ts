import { check, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { sendText, settle } from './helpers.js';

/** Event recipients and payload scenarios (kilo-chat.md §4.2). */
export const eventScenarios = [
  defineScenario({
    id: 'events.message-lifecycle',
    title: 'message.created/updated/deleted arrive on the conversation context with canonical payloads',
    area: 'events',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const events = await ctx.listen('user', [], conversationId);
      const clientId = '01BX5ZZKBKACTAV9WEVGEMMVRZ';
      const { messageId, message } = await sendText(ctx, conversationId, '  created  ', 'user', { clientId });
      const created = await events.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === messageId));
      checkEqual(created.payload, {
        messageId,
        senderId: message.senderId,
        content: [{ type: 'text', text: 'created' }],
        inReplyToMessageId: null,
        replyTo: null,
        clientId,
      }, 'message.created payload');
      await ctx.chat().editMessage(messageId, { conversationId, content: [{ type: 'text', text: 'edited' }], timestamp: 77 });
      const updated = await events.waitFor('message.updated', eventIs('message.updated', context, (p) => p.messageId === messageId));
      checkEqual(updated.payload, { messageId, content: [{ type: 'text', text: 'edited' }], clientUpdatedAt: 77 }, 'message.updated payload');
      await ctx.chat().deleteMessage(messageId, { conversationId });
      await events.waitFor('message.deleted', eventIs('message.deleted', context, (p) => p.messageId === messageId));
    },
  }),
  defineScenario({
    id: 'events.conversation-created-and-renamed',
    title: 'conversation.created (ids equal) and conversation.renamed arrive on the instance context',
    area: 'events',
    async run(ctx) {
      const seed = await ctx.createConversation('barrier');
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const { conversationId } = await ctx.createConversation('Fresh');
      const created = await events.waitFor('conversation.created', eventIs('conversation.created', ctx.instanceContext, (p) => p.conversationId === conversationId));
      const payload = created.payload as { conversation: { conversationId: string; title: string | null } };
      checkEqual([payload.conversation.conversationId, payload.conversation.title], [conversationId, 'Fresh'], 'embedded list row');
      await ctx.chat().renameConversation(conversationId, { title: 'Renamed' });
      await events.waitFor('conversation.renamed', eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId && p.title === 'Renamed'));
    },
  }),
  defineScenario({
    id: 'events.auto-title',
    title: 'the first text message titles an untitled conversation and pushes conversation.renamed once',
    area: 'events',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], conversationId);
      await sendText(ctx, conversationId, 'First line\nsecond line');
      await sendText(ctx, conversationId, 'Another message');
      await events.waitFor('conversation.renamed', eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId));
      await ctx.barrier('user', conversationId);
      const renames = events.filter(eventIs('conversation.renamed', ctx.instanceContext, (p) => p.conversationId === conversationId));
      checkEqual(renames.map((e) => (e.payload as { title: string }).title), ['First line second line'], 'one auto-title');
      checkEqual((await ctx.chat().getConversation(conversationId)).title, 'First line second line', 'stored title');
    },
  }),
  defineScenario({
    id: 'events.recipients-members-only',
    title: 'a non-member subscribed to a conversation context receives none of its events',
    area: 'events',
    requires: ['secondUser'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const intruder = await ctx.events('second');
      intruder.client.subscribe([context, ctx.instanceContext]);
      await settle(); // the intruder has no conversation to use as a barrier
      const member = await ctx.listen('user', [], conversationId);
      const { messageId } = await sendText(ctx, conversationId, 'members only');
      await member.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === messageId));
      await settle();
      checkEqual(intruder.events.length, 0, 'events received by the non-member');
    },
  }),
  defineScenario({
    id: 'events.bot-status-owner-only',
    title: 'bot.status reaches the sandbox owner on the instance context and the status is readable',
    area: 'status',
    requires: ['botToken'],
    async run(ctx) {
      const seed = await ctx.createConversation();
      const events = await ctx.listen('user', [ctx.instanceContext], seed.conversationId);
      const at = Date.now();
      await ctx.bot().setBotStatus({ online: true, at, capabilities: ['attachments'] });
      const pushed = await events.waitFor('bot.status', eventIs('bot.status', ctx.instanceContext, (p) => p.at === at));
      checkEqual(pushed.payload, { sandboxId: ctx.sandboxId, online: true, at, capabilities: ['attachments'] }, 'bot.status payload');
      const { status } = await ctx.chat().getBotStatus(ctx.sandboxId);
      check(status !== null && status.online && status.at === at && typeof status.updatedAt === 'number', 'stored bot status');
    },
  }),
];
