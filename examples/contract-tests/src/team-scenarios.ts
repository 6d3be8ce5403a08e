/**
 * Scenarios this team adds to the conformance suite: contracts its own app
 * relies on. Each is a `defineScenario` object; `ctx` gives typed clients per
 * identity, event recorders and raw HTTP (see the conformance README).
 */
import { check, checkEqual, defineScenario, eventIs } from '@kilocode/kilo-chat-conformance';
import type { InputContentBlock } from '@kilocode/kilo-chat';

/** Our app renders a bot's approval request straight from the socket, so it must arrive intact. */
export const botMessageReachesOwner = defineScenario({
  id: 'team.bot-message-reaches-owner',
  title: "a message the bot posts reaches the owner's socket with the same id, sender and content",
  area: 'events',
  requires: ['botToken'],
  async run(ctx) {
    const { conversationId } = await ctx.createConversation('contract: bot message');
    // Subscribe the owner to the conversation and wait until the server applies it.
    const owner = await ctx.listen('user', [], conversationId);

    const content: InputContentBlock[] = [
      { type: 'text', text: 'Deploy build 42 to production?' },
      {
        type: 'actions',
        groupId: 'deploy-42',
        actions: [
          { label: 'Allow once', style: 'primary', value: 'allow-once' },
          { label: 'Deny', style: 'danger', value: 'deny' },
        ],
      },
    ];
    const sent = await ctx.bot().sendMessage({ conversationId, content });

    const event = await owner.waitFor(
      'message.created for the bot message',
      eventIs('message.created', ctx.conversationContext(conversationId), (p) => p.messageId === sent.messageId),
    );
    const payload = event.payload as { senderId: unknown; content: unknown };
    check(sent.message.senderId.startsWith('bot:'), `the bot's messages have a bot sender id, got ${sent.message.senderId}`);
    checkEqual(payload.senderId, sent.message.senderId, 'sender on the socket');
    checkEqual(payload.content, content, 'content on the socket');

    const [listed] = await ctx.chat('user').listMessages(conversationId, { limit: 1 });
    checkEqual(listed?.id, sent.messageId, 'newest message listed');
    checkEqual(listed?.content, content, 'content as listed');
  },
});

/** Every scenario of ours, in run order. */
export const teamScenarios = [botMessageReachesOwner];
