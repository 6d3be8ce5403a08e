import type { Hono } from 'hono';
import * as z from 'zod';
import { gatewayTokenFor } from '../auth/gateway-token.js';
import { mintUserToken } from '../auth/user-tokens.js';
import { SANDBOX_ID_RE } from '../core/bot-identity.js';
import type { ChatCore } from '../core/chat-core.js';
import { CoreError } from '../core/core-error.js';
import type { RingLog } from '../core/ring-log.js';
import type { MockAppEnv } from './app-env.js';
import { jsonBody, queryParams } from './request-parsing.js';

/** Records per page of `GET /_dev/events`, `/_dev/webhooks` and `/_dev/outbox` when `limit` is omitted: 100. */
export const DEV_LOG_PAGE_DEFAULT = 100;

/** Most records per page of those routes: 1,000 (a larger `limit` is lowered to it). */
export const DEV_LOG_PAGE_MAX = 1_000;

const logPageSchema = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  after: z.coerce.number().int().min(0).optional(),
});

const tokenRequestSchema = z.object({
  userId: z.string().min(1),
  expiresInSeconds: z.number().int().optional(),
});

const sandboxRequestSchema = z.object({
  id: z.string().regex(SANDBOX_ID_RE),
  ownerId: z.string().min(1),
  label: z.string().min(1).optional(),
  webhookUrl: z.url().nullable().optional(),
});

const userRequestSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().nullable().optional(),
  avatarUrl: z.string().nullable().optional(),
});

/**
 * Development-only helpers under `/_dev/`: mint user JWTs and gateway tokens,
 * create users and sandboxes, and read what the mock recorded (pushes,
 * webhooks, events). The real services have none of these.
 */
export function registerDevRoutes(app: Hono<MockAppEnv>, core: ChatCore, jwtSecret: string): void {
  app.post('/_dev/token', async (c) => {
    const body = await jsonBody(c, tokenRequestSchema);
    const token = await mintUserToken(jwtSecret, body.userId, {
      ...(body.expiresInSeconds !== undefined ? { expiresInSeconds: body.expiresInSeconds } : {}),
    });
    return c.json({ token });
  });

  app.get('/_dev/gateway-token', (c) => {
    const sandboxId = c.req.query('sandboxId') ?? '';
    if (!SANDBOX_ID_RE.test(sandboxId)) throw new CoreError(400, 'Invalid sandboxId');
    return c.json({ token: gatewayTokenFor(core.gatewaySecret, sandboxId) });
  });

  app.post('/_dev/users', async (c) => {
    const body = await jsonBody(c, userRequestSchema);
    return c.json(core.createUser(body), 201);
  });

  app.post('/_dev/sandboxes', async (c) => {
    const body = await jsonBody(c, sandboxRequestSchema);
    // Never hand an existing sandbox (its bot's webhooks carry the gateway
    // token) to another owner or webhook: the same request again is a no-op.
    const existing = core.sandboxes.get(body.id);
    if (existing) {
      const sameOwner = existing.ownerId === body.ownerId;
      const sameWebhook = body.webhookUrl === undefined || (body.webhookUrl ?? null) === existing.webhookUrl;
      if (!sameOwner || !sameWebhook) throw new CoreError(409, 'Sandbox already exists');
      return c.json(existing, 200);
    }
    return c.json(core.createSandbox(body), 201);
  });

  app.get('/_dev/outbox', (c) => c.json(logPage(queryParams(c, logPageSchema), core.outbox.log, 'pushes')));
  app.get('/_dev/webhooks', (c) => c.json(logPage(queryParams(c, logPageSchema), core.webhooks.log, 'deliveries')));
  app.get('/_dev/events', (c) => c.json(logPage(queryParams(c, logPageSchema), core.events.log, 'events')));
}

/**
 * One page of a recorded log: `{ [key]: records (each with its seq), total,
 * retained, dropped, capacity, missed, nextAfter, hasMore, limit }`. Without
 * `after` it is the newest `limit` records; with it, the records after that
 * seq, oldest first.
 */
function logPage<T extends object, K extends string>(
  query: { limit?: number | undefined; after?: number | undefined },
  log: RingLog<T>,
  key: K,
) {
  const limit = Math.min(query.limit ?? DEV_LOG_PAGE_DEFAULT, DEV_LOG_PAGE_MAX);
  const page = log.page({ limit, ...(query.after !== undefined ? { after: query.after } : {}) });
  return {
    [key]: page.entries.map(({ seq, record }) => ({ seq, ...record })),
    total: page.total,
    retained: page.retained,
    dropped: page.dropped,
    capacity: page.capacity,
    missed: page.missed,
    nextAfter: page.nextAfter,
    hasMore: page.hasMore,
    limit,
  } as { [P in K]: Array<T & { seq: number }> } & Omit<typeof page, 'entries'> & { limit: number };
}
