import { checkEqual } from '../assertions.js';
import { defineScenario } from '../scenario.js';

/** Authentication scenarios (kilo-chat.md §7 "Auth"). */
export const authScenarios = [
  defineScenario({
    id: 'auth.missing-bearer',
    title: 'a /v1 request without Authorization gets 401 {error:"Unauthorized"}',
    area: 'auth',
    reference: 'kilo-chat.md §1.2; §7 Auth',
    async run(ctx) {
      const res = await ctx.raw('/v1/conversations', { token: null });
      checkEqual(res.status, 401, 'status');
      checkEqual(res.body, { error: 'Unauthorized' }, 'body');
    },
  }),
  defineScenario({
    id: 'auth.non-jwt-bearer',
    title: 'a non-JWT bearer on /v1 gets 401 (no bot identity over /v1)',
    area: 'auth',
    reference: 'kilo-chat.md §1.2; §7 Auth',
    requires: ['botToken'],
    async run(ctx) {
      const res = await ctx.raw('/v1/conversations', { token: ctx.target.botToken ?? 'not-a-jwt' });
      checkEqual(res.status, 401, 'status with the gateway token');
      const garbage = await ctx.raw('/v1/conversations', { token: 'not-a-jwt' });
      checkEqual(garbage.status, 401, 'status with garbage');
    },
  }),
  defineScenario({
    id: 'auth.bot-route-auth',
    title: 'a bot route without a bearer or with a wrong token gets 401; a bad sandboxId gets 400 first',
    area: 'auth',
    reference: 'kilo-chat.md §1.3; §7 Auth',
    async run(ctx) {
      const base = `/bot/v1/sandboxes/${ctx.sandboxId}/conversations`;
      checkEqual((await ctx.raw(base, { token: null })).status, 401, 'no bearer');
      checkEqual((await ctx.raw(base, { token: '0'.repeat(64) })).status, 401, 'wrong token');
      const bad = await ctx.raw('/bot/v1/sandboxes/sbx!invalid/conversations', { token: '0'.repeat(64) });
      checkEqual(bad.status, 400, 'invalid sandboxId status');
      checkEqual(bad.body, { error: 'Invalid sandboxId' }, 'invalid sandboxId body');
    },
  }),
  defineScenario({
    id: 'auth.ticket-requires-bearer',
    title: 'POST /connect-ticket without a valid bearer gets 401',
    area: 'auth',
    reference: 'event-service.md §1.2',
    async run(ctx) {
      const res = await ctx.raw('/connect-ticket', { method: 'POST', token: null, baseUrl: httpBase(ctx.target.eventsUrl) });
      checkEqual(res.status, 401, 'status');
    },
  }),
];

/** @internal `ws(s)://` → `http(s)://`. */
export function httpBase(url: string): string {
  return url.replace(/^ws(s?):/, 'http$1:');
}
