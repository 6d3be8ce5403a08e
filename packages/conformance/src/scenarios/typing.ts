import { check, checkApiError, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { sendText } from './helpers.js';

/** Typing scenarios (kilo-chat.md §7 "Typing"). */
export const typingScenarios = [
  defineScenario({
    id: 'typing.signals',
    title: 'typing and typing.stop reach humans including the typer; a human send pushes no typing.stop',
    area: 'typing',
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const events = await ctx.listen('user', [], conversationId);
      const created = await sendText(ctx, conversationId, 'no stop for this');
      await events.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === created.messageId));
      await ctx.chat().sendTypingStop(conversationId);
      const stop = await events.waitFor('typing.stop', eventIs('typing.stop', context));
      const stops = events.filter(eventIs('typing.stop', context));
      checkEqual(stops.length, 1, 'only the explicit typing.stop');
      check(typeof (stop.payload as { memberId?: unknown }).memberId === 'string', 'typing.stop names the member');
      const typing = events.filter(eventIs('typing', context));
      check(typing.length >= 1, 'the typer receives its own typing event');
    },
  }),
  defineScenario({
    id: 'typing.bot',
    title: "a bot's typing reaches the human members with the bot's member id",
    area: 'typing',
    requires: ['botToken'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      const events = await ctx.listen('user', [], conversationId);
      await ctx.bot().sendTyping(conversationId);
      await events.waitFor(
        'bot typing',
        eventIs('typing', ctx.conversationContext(conversationId), (p) => p.memberId === `bot:kiloclaw:${ctx.sandboxId}`),
      );
    },
  }),
  defineScenario({
    id: 'typing.non-member',
    title: 'a non-member sending typing gets 403 {error:"Forbidden"}',
    area: 'typing',
    requires: ['secondUser'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      await checkApiError(ctx.chat('second').sendTyping(conversationId), 403, 'typing as a non-member', 'Forbidden');
    },
  }),
];
