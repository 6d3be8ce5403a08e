import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ChatCore } from '../core/chat-core.js';
import { isCoreError } from '../core/core-error.js';
import { AllowedMethods, METHOD_NOT_ALLOWED_BODY } from './allowed-methods.js';
import type { MockAppEnv } from './app-env.js';
import { botAuth, userAuth } from './auth-middleware.js';
import { registerBlobRoutes } from './blob-routes.js';
import { blobSecurityHeaders } from './blob-serving-policy.js';
import { registerBotRoutes } from './bot-routes.js';
import { registerControlRoutes } from './control-routes.js';
import { type CorsPolicy, allowedOrigin } from './cors-policy.js';
import { devRouteGuard } from './dev-route-guard.js';
import { registerDevRoutes } from './dev-routes.js';
import { registerEventRoutes } from './event-routes.js';
import { registerHumanRoutes } from './human-routes.js';
import { registerSharedChatRoutes } from './shared-chat-routes.js';

/** Options of {@link createMockApp}. */
export interface MockAppOptions {
  /** HS256 secret of user JWTs. */
  jwtSecret: string;
  /** HMAC key of blob URLs. Default: derived from the gateway secret. */
  blobSecret?: string;
  /** Browser origins to allow beyond the reference list. */
  cors?: CorsPolicy;
  /** Serve `/_dev/*` and `/_control/*`. Default true. */
  devRoutes?: boolean;
  /**
   * The interface the server is bound to: `/_dev/*` and `/_control/*` then
   * answer only requests whose `Host` names it (any loopback name when it is
   * a loopback one). Default: no Host check (msw).
   */
  boundHost?: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP face of the mock as a Hono app: every chat route (human and bot),
 * the event-service ticket route, badges, the blob store, health, and the
 * development routes. The Node server and the msw handlers both call its
 * `fetch`, so they behave identically.
 */
export function createMockApp(core: ChatCore, options: MockAppOptions): Hono<MockAppEnv> {
  const app = new Hono<MockAppEnv>();
  const corsPolicy = options.cors ?? {};
  const blobSecret = options.blobSecret ?? `blob:${core.gatewaySecret}`;

  app.onError((error, c) => {
    if (isCoreError(error)) {
      // A 413 leaves the body unread: close the connection rather than drain it.
      if (error.status === 413) c.header('connection', 'close');
      return c.json(error.body, error.status as ContentfulStatusCode);
    }
    core.logger.error('unhandled error in mock route', { error: String(error) });
    return c.json({ error: 'Internal Server Error' }, 500);
  });
  // A path some route answers, asked with another method, is a 405 with
  // `Allow`; a path no route answers stays a 404. The table is taken after
  // every route below is registered (a static web root added later is not in
  // it, so its catch-all GET never turns an unknown POST into a 405).
  let allowed: AllowedMethods | null = null;
  app.notFound((c) => {
    const methods = allowed?.forPath(c.req.path) ?? [];
    if (methods.length > 0 && !methods.includes(c.req.method)) {
      c.header('allow', methods.join(', '));
      return c.json(METHOD_NOT_ALLOWED_BODY, 405);
    }
    return c.json({ error: 'Not found' }, 404);
  });

  // User files and every other answer of the blob store (errors and injected
  // faults included) are never sniffed or run as the mock's origin.
  app.use('/_blob/*', blobSecurityHeaders());

  // Faults apply to everything but the controls themselves.
  app.use('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/_control/')) return next();
    const delay = core.faults.latencyFor(c.req.method, path);
    if (delay > 0) await sleep(delay);
    const failure = core.faults.takeFailure(c.req.method, path);
    if (failure) return c.json(failure.body, failure.status as ContentfulStatusCode);
    return next();
  });

  app.get('/health', (c) => c.json({ ok: true }));

  // Human surface.
  app.use(
    '/v1/*',
    cors({
      origin: (origin) => allowedOrigin(origin, corsPolicy),
      allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization'],
      exposeHeaders: ['Content-Type'],
      maxAge: 86400,
    }),
  );
  app.use('/v1/*', userAuth(options.jwtSecret));
  const human = new Hono<MockAppEnv>();
  registerSharedChatRoutes(human, core, { blobSecret });
  registerHumanRoutes(human, core);
  app.route('/v1', human);

  // Bot surface.
  app.use('/bot/v1/sandboxes/*', botAuth(core));
  const bot = new Hono<MockAppEnv>();
  registerSharedChatRoutes(bot, core, { blobSecret });
  registerBotRoutes(bot, core);
  app.route('/bot/v1/sandboxes/:sandboxId', bot);

  registerEventRoutes(app, core, options.jwtSecret, corsPolicy);
  registerBlobRoutes(app, core, blobSecret);
  if (options.devRoutes !== false) {
    const guard = devRouteGuard(options.boundHost);
    app.use('/_dev/*', guard);
    app.use('/_control/*', guard);
    registerDevRoutes(app, core, options.jwtSecret);
    registerControlRoutes(app, core);
  }
  allowed = new AllowedMethods(app.routes);
  return app;
}
