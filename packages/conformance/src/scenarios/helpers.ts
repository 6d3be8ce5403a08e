import type { CreateMessageResponse, Message } from '@kilocode/kilo-chat';
import { BadgeClient } from '@kilocode/notifications';
import type { Role, ScenarioContext } from '../scenario-context.js';
import { resolveToken } from '../target.js';

/** @internal Sends a one-block text message as a role. */
export function sendText(
  ctx: ScenarioContext,
  conversationId: string,
  text: string,
  role: Role = 'user',
  extra: { inReplyToMessageId?: string; clientId?: string } = {},
): Promise<CreateMessageResponse> {
  return ctx.chat(role).sendMessage({ conversationId, content: [{ type: 'text', text }], ...extra });
}

/** @internal A tiny delay (e.g. for distinct server milliseconds). Never a substitute for awaiting an event: see `ScenarioContext.quiet`. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @internal The user's badge client; null when the target has no badge API URL. */
export function badgeClient(ctx: ScenarioContext): BadgeClient | null {
  if (ctx.target.badgesUrl === undefined) return null;
  const token = ctx.target.userToken;
  return new BadgeClient({
    baseUrl: ctx.target.badgesUrl,
    getToken: () => resolveToken(token),
    ...(ctx.target.fetch ? { fetch: ctx.target.fetch } : {}),
  });
}

/** @internal Sum of the counts of a badge listing, and one bucket's count (0 when absent). */
export function badgeTotals(buckets: ReadonlyArray<{ badgeBucket: string; badgeCount: number }>, bucket: string): { total: number; bucket: number } {
  let total = 0;
  let one = 0;
  for (const row of buckets) {
    total += row.badgeCount;
    if (row.badgeBucket === bucket) one += row.badgeCount;
  }
  return { total, bucket: one };
}

/**
 * @internal One message of a conversation, found by id in the newest 100 — never
 * by position, since a live bot may have replied in between (kilo-chat.md §5.1).
 */
export async function findMessage(ctx: ScenarioContext, conversationId: string, messageId: string, role: Role = 'user'): Promise<Message | undefined> {
  const page = await ctx.chat(role).listMessagesPage(conversationId, { limit: 100 });
  return page.messages.find((m) => m.id === messageId);
}

/**
 * @internal An `at` for a bot-status write that the server will store: beyond
 * the stored one (kilo-chat.md §3.9: stored only when strictly newer) and not
 * behind this machine's clock.
 */
export async function botStatusAt(ctx: ScenarioContext): Promise<number> {
  const { status } = await ctx.chat().getBotStatus(ctx.sandboxId);
  return Math.max(Date.now(), (status?.at ?? 0) + 1);
}
