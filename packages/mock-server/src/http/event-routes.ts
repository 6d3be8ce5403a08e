import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { ChatCore } from '../core/chat-core.js';
import type { MockAppEnv } from './app-env.js';
import { requireUser } from './auth-middleware.js';
import { type CorsPolicy, allowedOrigin } from './cors-policy.js';

/**
 * The event service's HTTP routes: `POST /connect-ticket` (bearer JWT → a
 * 30 s single-use ticket) and the non-upgrade answer of `GET /connect` (426).
 * The upgrade itself is handled by the WebSocket face.
 */
export function registerEventRoutes(app: Hono<MockAppEnv>, core: ChatCore, jwtSecret: string, corsPolicy: CorsPolicy): void {
  app.use(
    '/connect-ticket',
    cors({
      origin: (origin) => allowedOrigin(origin, corsPolicy, true),
      allowMethods: ['POST', 'OPTIONS'],
      allowHeaders: ['Authorization'],
    }),
  );

  app.post('/connect-ticket', async (c) => {
    const userId = await requireUser(c.req.header('authorization'), jwtSecret);
    return c.json({ ticket: core.tickets.mint(userId) });
  });

  app.get('/connect', (c) => c.json({ error: 'Expected WebSocket upgrade' }, 426));
}
