import { checkApiError, checkEqual } from '../assertions.js';
import { eventIs } from '../event-recorder.js';
import type { EventMatcher } from '../event-recorder.js';
import { defineScenario } from '../scenario.js';
import { sendText } from './helpers.js';

/** Typing scenarios (kilo-chat.md §4.2 and §7 "Typing"). */
export const typingScenarios = [
  defineScenario({
    id: 'typing.signals',
    title: 'typing and typing.stop reach humans including the typer; a human send pushes no typing.stop',
    area: 'typing',
    reference: 'kilo-chat.md §4.2 typing, typing.stop; §7 Typing',
    async run(ctx) {
      // kilo-chat.md §4.2 (`typing`: humans including the typer; `typing.stop`: no
      // automatic stop on a message send) and §7 "Typing". Events are counted only
      // for the user's own memberId: a live bot types and stops in the same
      // conversation when it replies.
      const { conversationId } = await ctx.createConversation();
      const context = ctx.conversationContext(conversationId);
      const events = await ctx.listen('user', [], conversationId);
      // Everything recorded so far belongs to the subscription barrier (itself a typing).
      const start = events.events.length;
      const mine = (name: string, me: string): EventMatcher => (e) =>
        events.events.indexOf(e) >= start && eventIs(name, context, (p) => p.memberId === me)(e);
      const created = await sendText(ctx, conversationId, 'no stop for this');
      const me = created.message.senderId;
      await events.waitFor('message.created', eventIs('message.created', context, (p) => p.messageId === created.messageId));
      await ctx.chat().sendTyping(conversationId);
      const typing = await events.waitFor('the typer’s own typing, sent after the barrier', mine('typing', me));
      checkEqual(typing.payload, { memberId: me }, 'typing payload');
      await ctx.chat().sendTypingStop(conversationId);
      const stop = await events.waitFor('typing.stop', mine('typing.stop', me));
      checkEqual(stop.payload, { memberId: me }, 'typing.stop payload');
      // Pushes are not ordered after the response (§2 conventions): give a typing.stop
      // the send might have caused the quiet window to arrive before counting.
      await ctx.quiet();
      checkEqual(events.filter(mine('typing.stop', me)).length, 1, "typing.stop events of the user's memberId (only the explicit one)");
    },
  }),
  defineScenario({
    id: 'typing.bot',
    title: "a bot's typing reaches the human members with the bot's member id",
    area: 'typing',
    reference: 'kilo-chat.md §2.2 B4; §4.2 typing',
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
    reference: 'kilo-chat.md §2.1 H15; §7 Typing',
    requires: ['secondUser'],
    async run(ctx) {
      const { conversationId } = await ctx.createConversation();
      await checkApiError(ctx.chat('second').sendTyping(conversationId), 403, 'typing as a non-member', 'Forbidden');
    },
  }),
];
