import { BadgeClient, badgeBucketForConversation } from '@kilocode/notifications';
import { check, checkEqual } from '../assertions.js';
import { defineScenario } from '../scenario.js';
import { resolveToken } from '../target.js';

/** Badge contract scenarios (hooks-notifications.md §2.8, §3.1). */
export const notificationScenarios = [
  defineScenario({
    id: 'notifications.badges',
    title: 'GET /v1/badges answers {buckets}; mark-read of a conversation bucket answers {badgeCount}',
    area: 'notifications',
    requires: ['badges'],
    async run(ctx) {
      const token = ctx.target.userToken;
      const client = new BadgeClient({
        baseUrl: ctx.target.badgesUrl ?? ctx.target.chatUrl,
        getToken: () => resolveToken(token),
        ...(ctx.target.fetch ? { fetch: ctx.target.fetch } : {}),
      });
      const { buckets } = await client.listBadges();
      check(Array.isArray(buckets), 'buckets is an array');
      const { conversationId } = await ctx.createConversation();
      const res = await client.markBadgeRead(badgeBucketForConversation(ctx.sandboxId, conversationId));
      checkEqual(res.badgeCount, 0, 'badge count after mark-read');
    },
  }),
];
