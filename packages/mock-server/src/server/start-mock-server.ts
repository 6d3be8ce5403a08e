import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import type { Logger } from '@kilocode/event-service';
import type { Hono } from 'hono';
import { gatewayTokenFor } from '../auth/gateway-token.js';
import { type MintUserTokenOptions, mintUserToken } from '../auth/user-tokens.js';
import { userCaller } from '../core/caller.js';
import { ChatCore, type ChatCoreOptions } from '../core/chat-core.js';
import type { CreateSandboxInput, SandboxRecord } from '../core/sandboxes.js';
import type { CreateUserInput, UserRecord } from '../core/users.js';
import type { FaultController } from '../faults/fault-controller.js';
import type { MockAppEnv } from '../http/app-env.js';
import type { CorsPolicy } from '../http/cors-policy.js';
import { createMockApp } from '../http/create-mock-app.js';
import { isLoopbackHost } from '../http/dev-route-guard.js';
import { attachWebSocketFace } from '../realtime/node-websocket-face.js';
import { DataDirStore } from '../persistence/data-dir-store.js';
import { DEMO_SANDBOX_ID, type DemoSeed, applyDemoSeed, demoSeedIds } from '../seed/demo-seed.js';
import type { PushOutbox } from '../core/push-outbox.js';
import { DEFAULT_GATEWAY_SECRET, DEFAULT_JWT_SECRET } from '../defaults.js';
import { registerStaticWeb } from './static-web.js';
import { DeviationSet } from '../deviations/deviation-set.js';
import type { MockDeviationName } from '../deviations/catalogue.js';


/** Options of {@link startMockServer}. */
export interface StartMockServerOptions
  extends Omit<ChatCoreOptions, 'gatewaySecret' | 'logger'> {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /**
   * `demo` seeds alice, bob, `demo-sandbox` and two conversations, with the
   * same ids on every start. With a `dataDir` it seeds only a store that
   * holds no user, sandbox or conversation. Default: empty.
   */
  seed?: 'demo' | 'none';
  /**
   * Keep the state in this directory (created when missing) so it survives a
   * restart or a crash: an append-only journal of change records, fsynced
   * before each write's HTTP response, replayed on start and compacted into a
   * snapshot; uploaded bytes as files beside it. The CLI's `--data-dir`.
   * Default: none (state in memory only). See spec/mock-server.md, Persistence.
   */
  dataDir?: string;
  /**
   * With `dataDir`: compact the journal into the snapshot once it passes
   * this many bytes. Default 8 MiB (`DEFAULT_JOURNAL_COMPACT_BYTES`).
   */
  journalCompactBytes?: number;
  /** HS256 secret of user JWTs. */
  jwtSecret?: string;
  /** HMAC key of gateway tokens. */
  gatewaySecret?: string;
  /** Log sink. */
  logger?: Logger;
  /** Extra CORS origins (`allowLocalhost` for any localhost origin on `/v1/*`). */
  cors?: CorsPolicy;
  /**
   * Serve `/_dev/*` and `/_control/*`. Default: true when `host` is a
   * loopback one (`127.0.0.1`, `::1`, `localhost`), false otherwise; turning
   * them on for another host logs a warning, since anyone who reaches the
   * server can then mint tokens and fail routes. The CLI's `--no-dev-routes`
   * / `--dev-routes`.
   */
  devRoutes?: boolean;
  /**
   * A built web app (a folder with `index.html`) to serve on the same origin,
   * after every server route: its files with their content types, and
   * `index.html` for any other extension-less path (client-side routes).
   * The CLI's `--web-root DIR`. Default: none.
   */
  staticDir?: string;
  /**
   * Deliberately wrong servers, for testing a conformance suite; never use
   * otherwise. Each name breaks one contract point (see `mockDeviations`).
   * An unknown name throws `UnknownDeviationError`. The CLI's `--deviate`.
   * Default: none (the correct server).
   */
  deviations?: readonly MockDeviationName[];
}

/** A running mock server. Close it with `close()` or `await using`. */
export interface MockServer {
  /** Base HTTP URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Base URL of the chat API (same server). */
  chatUrl: string;
  /** Base URL of the event service, as `ws://…` (same server). */
  eventsUrl: string;
  /** Bound port. */
  port: number;
  /** The domain core (all state). */
  core: ChatCore;
  /** The Hono app (its `fetch` serves every route). */
  app: Hono<MockAppEnv>;
  /** Fault injection controls. */
  faults: FaultController;
  /** Recorded pushes. */
  outbox: PushOutbox;
  /** The demo seed's ids when started with `seed: 'demo'`, else null. */
  demo: DemoSeed | null;
  /** Mints a user JWT this server accepts. */
  mintUserToken(userId: string, options?: MintUserTokenOptions): Promise<string>;
  /** The gateway token of a sandbox's bot. */
  gatewayToken(sandboxId: string): string;
  /** Creates a user profile. */
  createUser(input: CreateUserInput): UserRecord;
  /** Creates a sandbox with its owner. */
  createSandbox(input: CreateSandboxInput): SandboxRecord;
  /** Creates a conversation as its owner would (H1, with events); returns its id. */
  createConversation(ownerId: string, sandboxId: string, title?: string): string;
  /** Resolves when every queued webhook has settled. */
  webhooksSettled(): Promise<void>;
  /** Stops the server, closing every socket. */
  close(): Promise<void>;
  /** Same as `close()`, for `await using`. */
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Starts the mock as a real Node HTTP + WebSocket server on loopback (port 0
 * picks a free port). One core serves the chat API, the event service and
 * the development routes on one origin.
 */
export async function startMockServer(options: StartMockServerOptions = {}): Promise<MockServer> {
  const jwtSecret = options.jwtSecret ?? DEFAULT_JWT_SECRET;
  const deviations = options.deviations?.length ? new DeviationSet(options.deviations) : null;
  const core = new ChatCore({
    ...options,
    gatewaySecret: options.gatewaySecret ?? DEFAULT_GATEWAY_SECRET,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(deviations ? { webhookFetch: deviations.webhookFetch(options.webhookFetch) } : {}),
  });
  deviations?.attach(core);
  const store =
    options.dataDir === undefined
      ? null
      : DataDirStore.open(core.state, {
          dir: options.dataDir,
          logger: core.logger,
          ...(options.journalCompactBytes !== undefined ? { compactAfterBytes: options.journalCompactBytes } : {}),
        });
  let demo: DemoSeed | null = null;
  if (options.seed === 'demo') {
    if (store === null || DataDirStore.isEmpty(core.state)) demo = applyDemoSeed(core);
    else if (core.sandboxes.get(DEMO_SANDBOX_ID)) demo = demoSeedIds();
  }
  const host = options.host ?? '127.0.0.1';
  const devRoutes = options.devRoutes ?? isLoopbackHost(host);
  if (devRoutes && !isLoopbackHost(host)) {
    core.logger.warn(`dev and control routes (/_dev/*, /_control/*) are on while bound to ${host}: anyone who reaches it can mint tokens and inject faults`);
  }
  const app = createMockApp(core, {
    jwtSecret,
    ...(options.cors ? { cors: options.cors } : {}),
    devRoutes,
    boundHost: host,
  });
  if (options.staticDir !== undefined) registerStaticWeb(app, options.staticDir);
  const server = createAdaptorServer({ fetch: deviations ? deviations.wrapFetch(app.fetch) : app.fetch }) as Server;
  const face = attachWebSocketFace(server, core);
  /** Closes the sockets, stops the core's timers and releases the data directory. */
  const release = () => {
    face.close();
    core.dispose();
    store?.close();
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    // A port in use must not leave the data directory locked or timers running.
    release();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;

  let closed: Promise<void> | null = null;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      release();
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
    return closed;
  };

  return {
    url,
    chatUrl: url,
    eventsUrl: `ws://${urlHost}:${port}`,
    port,
    core,
    app,
    faults: core.faults,
    outbox: core.outbox,
    demo,
    mintUserToken: (userId, tokenOptions) => mintUserToken(jwtSecret, userId, tokenOptions),
    gatewayToken: (sandboxId) => gatewayTokenFor(core.gatewaySecret, sandboxId),
    createUser: (input) => core.createUser(input),
    createSandbox: (input) => core.createSandbox(input),
    createConversation: (ownerId, sandboxId, title) =>
      core.createConversation(userCaller(ownerId), { sandboxId, ...(title !== undefined ? { title } : {}) }).conversationId,
    webhooksSettled: () => core.webhooks.settled(),
    close,
    [Symbol.asyncDispose]: close,
  };
}
