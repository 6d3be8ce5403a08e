import type { Logger } from '@kilocode/event-service';
import { http, type RequestHandler, type WebSocketHandler, ws } from 'msw';
import { gatewayTokenFor } from '../auth/gateway-token.js';
import { type MintUserTokenOptions, mintUserToken } from '../auth/user-tokens.js';
import { ChatCore, type ChatCoreOptions } from '../core/chat-core.js';
import { DEFAULT_GATEWAY_SECRET, DEFAULT_JWT_SECRET } from '../defaults.js';
import type { MockAppEnv } from '../http/app-env.js';
import type { CorsPolicy } from '../http/cors-policy.js';
import { createMockApp } from '../http/create-mock-app.js';
import type { Hono } from 'hono';
import type { SocketPort } from '../realtime/socket-port.js';
import { type DemoSeed, applyDemoSeed } from '../seed/demo-seed.js';

/** Default origin the msw handlers answer on (no port is opened). */
export const DEFAULT_MSW_BASE_URL = 'http://kilo-chat.mock';

/** Options of {@link createMockHandlers}. */
export interface MockHandlersOptions extends Partial<Omit<ChatCoreOptions, 'logger'>> {
  /** Origin of the chat API the handlers intercept. Default `http://kilo-chat.mock`. */
  baseUrl?: string;
  /** Origin of the event service; default: `baseUrl` with `ws:`/`wss:`. */
  eventsUrl?: string;
  /** HS256 secret of user JWTs. */
  jwtSecret?: string;
  /** `demo` seeds the demo data into a new core. */
  seed?: 'demo' | 'none';
  /** Extra CORS origins. */
  cors?: CorsPolicy;
  /** Log sink. */
  logger?: Logger;
}

/** The msw face: handlers plus the core they serve. */
export interface MockKiloChat {
  /** Pass to `setupServer(...)` or `setupWorker(...)`. */
  handlers: Array<RequestHandler | WebSocketHandler>;
  /** The domain core (shared with any other face built on it). */
  core: ChatCore;
  /** The Hono app the HTTP handler delegates to. */
  app: Hono<MockAppEnv>;
  /** Chat API origin. */
  baseUrl: string;
  /** Event service origin (`ws://…`). */
  eventsUrl: string;
  /** Demo ids when seeded with `demo`, else null. */
  demo: DemoSeed | null;
  /** Mints a user JWT the handlers accept. */
  mintUserToken(userId: string, options?: MintUserTokenOptions): Promise<string>;
  /** The gateway token of a sandbox's bot. */
  gatewayToken(sandboxId: string): string;
}

/**
 * msw handlers backed by the same app and core as the real server: every
 * HTTP request under `baseUrl` goes to the Hono app's `fetch`, and
 * `ws.link(eventsUrl + '/connect')` serves the event socket (ticket,
 * subscriptions, seq/ack) from the core's session hub. In Node 20 the
 * WebSocket link needs `--experimental-websocket` (msw intercepts the global
 * `WebSocket`).
 */
export function createMockHandlers(core?: ChatCore, options: MockHandlersOptions = {}): MockKiloChat {
  const chatCore =
    core ??
    new ChatCore({
      ...options,
      gatewaySecret: options.gatewaySecret ?? DEFAULT_GATEWAY_SECRET,
      ...(options.logger ? { logger: options.logger } : {}),
    });
  const demo = !core && options.seed === 'demo' ? applyDemoSeed(chatCore) : null;
  const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
  const baseUrl = (options.baseUrl ?? DEFAULT_MSW_BASE_URL).replace(/\/+$/, '');
  const eventsUrl = (options.eventsUrl ?? baseUrl.replace(/^http/, 'ws')).replace(/\/+$/, '');
  const app = createMockApp(chatCore, { jwtSecret, ...(options.cors ? { cors: options.cors } : {}) });

  // For an absolute base URL, a RegExp with no capture group rather than
  // `${baseUrl}/*`: msw percent-decodes a string pattern's wildcard and
  // throws (answering 500) on a malformed escape such as `%E0%A4%A`, before
  // the app could answer its 400/404. A relative base URL (resolved against
  // the page by msw) keeps the string pattern.
  const baseUrlPattern = /^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl)
    ? new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`)
    : `${baseUrl}/*`;
  const httpHandler = http.all(baseUrlPattern, ({ request }) => app.fetch(request));

  const link = ws.link(`${eventsUrl}/connect`);
  const wsHandler = link.addEventListener('connection', ({ client }) => {
    const refusal = chatCore.faults.takeUpgradeRefusal();
    const ticket = client.url.searchParams.get('ticket');
    const userId = refusal === null && ticket ? chatCore.tickets.consume(ticket) : null;
    if (!userId) {
      // A refused handshake looks like an abnormal closure to the client.
      client.close(1006, 'Unauthorized');
      return;
    }
    const port: SocketPort = {
      send: (data) => client.send(data),
      close: (code, reason) => client.close(code, reason),
      terminate: () => client.close(1006, ''),
    };
    const session = chatCore.realtime.attach(userId, port);
    client.addEventListener('message', (event) => {
      if (typeof event.data === 'string') session.receive(event.data);
    });
    client.addEventListener('close', () => chatCore.realtime.detach(session));
  });

  return {
    handlers: [httpHandler, wsHandler],
    core: chatCore,
    app,
    baseUrl,
    eventsUrl,
    demo,
    mintUserToken: (userId, tokenOptions) => mintUserToken(jwtSecret, userId, tokenOptions),
    gatewayToken: (sandboxId) => gatewayTokenFor(chatCore.gatewaySecret, sandboxId),
  };
}
