import { badgeBucketForConversation } from '@kilocode/notifications';
import { check } from '../assertions.js';
import { defineScenario } from '../scenario.js';
import { badgeClient, badgeTotals } from './helpers.js';

/** Badge contract scenarios (hooks-notifications.md §2.8, §3.1, §3.7). */
export const notificationScenarios = [
  defineScenario({
    id: 'notifications.badges',
    title: 'GET /v1/badges answers {buckets}; mark-read of a bucket answers the new total across all buckets, without that bucket',
    area: 'notifications',
    reference: 'hooks-notifications.md §2.8; §3.1; §3.7',
    requires: ['badges'],
    async run(ctx) {
      const client = badgeClient(ctx);
      if (client === null) return ctx.skip('needs the badge API URL (--badges-url)');
      const { conversationId } = await ctx.createConversation();
      const bucket = badgeBucketForConversation(ctx.sandboxId, conversationId);
      // §3.1/§3.7: the response is the user's new aggregate total, which other
      // writers (a live bot's pushes, other devices) move at any time. So the
      // check brackets it between the listings just before and just after:
      // before − this bucket ≤ badgeCount ≤ after (or the reverse when others
      // cleared meanwhile). A concurrent writer can break one attempt; three
      // attempts that all disagree are a failure.
      let last = '';
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = await client.listBadges();
        check(Array.isArray(before.buckets), 'buckets is an array');
        const res = await client.markBadgeRead(bucket);
        const after = await client.listBadges();
        check(Number.isInteger(res.badgeCount) && res.badgeCount >= 0, `badgeCount is an integer ≥ 0, got ${res.badgeCount}`);
        const b = badgeTotals(before.buckets, bucket);
        const a = badgeTotals(after.buckets, bucket);
        const low = Math.min(b.total - b.bucket, a.total);
        const high = Math.max(b.total - b.bucket, a.total);
        if (a.bucket === 0 && res.badgeCount >= low && res.badgeCount <= high) return;
        last = `badgeCount ${res.badgeCount}, total before ${b.total} (bucket ${b.bucket}), total after ${a.total} (bucket ${a.bucket})`;
      }
      check(false, `mark-read did not answer the new total without the bucket: ${last}`);
    },
  }),
];
