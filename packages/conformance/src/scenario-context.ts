import { EventServiceClient, kiloclawConversationContext, kiloclawInstanceContext } from '@kilocode/event-service';
import { KiloChatBotClient, KiloChatClient } from '@kilocode/kilo-chat';
import type { CreateConversationResponse } from '@kilocode/kilo-chat';
import { ConformanceError } from './conformance-error.js';
import { EventRecorder, eventIs } from './event-recorder.js';
import { ServerClock } from './server-clock.js';
import { offersWebhookReceiver, resolveToken } from './target.js';
import type { ConformanceTarget, TokenSource } from './target.js';
import { WebhookReceiver } from './webhook-receiver.js';

/** The identities a scenario can act as. */
export type Role = 'user' | 'second';

/** A raw HTTP answer, for checks the typed clients would refuse to send. */
export interface RawResponse {
  /** HTTP status. */
  readonly status: number;
  /** Parsed JSON body, or `null` when the body is empty or not JSON. */
  readonly body: unknown;
  /** Response headers. */
  readonly headers: Headers;
}

/** Options of {@link ScenarioContext.raw}. */
export interface RawRequest {
  /** HTTP method. Default `GET`. */
  method?: string;
  /** Bearer token source; `null` sends no Authorization header. Default: the user's token. */
  token?: TokenSource | null;
  /** A JSON value to send, or a string sent as is (for invalid-JSON checks). */
  body?: unknown;
  /** Base URL. Default: the chat URL. */
  baseUrl?: string;
  /** Extra headers. */
  headers?: Record<string, string>;
}

/** A sandbox whose bot's webhooks reach the suite's receiver. */
export interface WebhookSandbox {
  /** The sandbox id (the user owns it). */
  readonly sandboxId: string;
  /** Its gateway token, when known (always with `devRoutes`). */
  readonly botToken: TokenSource | undefined;
  /** The receiver its bot webhooks reach. */
  readonly receiver: WebhookReceiver;
}

/**
 * @internal What the scenarios of one run share: the webhook receiver,
 * started on first use and closed by the runner.
 */
export class RunResources {
  private receiver: Promise<WebhookReceiver> | undefined;

  constructor(private readonly target: ConformanceTarget) {}

  /** The run's receiver, started on first use. */
  webhookReceiver(): Promise<WebhookReceiver> {
    this.receiver ??= WebhookReceiver.start({
      ...(this.target.webhook?.listen === undefined ? {} : { listen: this.target.webhook.listen }),
      timeoutMs: this.target.eventTimeoutMs ?? 5_000,
    });
    return this.receiver;
  }

  /** Closes what was started. */
  async close(): Promise<void> {
    const receiver = await this.receiver?.catch(() => undefined);
    await receiver?.close();
  }
}

/**
 * Everything a scenario acts through: typed clients per identity, event
 * recorders, a raw HTTP escape hatch for bad-input checks, and cleanup.
 * Only public client APIs are used, so any deployment can be targeted.
 */
export class ScenarioContext {
  /** The target under test. */
  readonly target: ConformanceTarget;
  /** The sandbox the user owns. */
  readonly sandboxId: string;
  /** The instance context of {@link ScenarioContext.sandboxId}. */
  readonly instanceContext: string;
  private readonly cleanups: Array<() => unknown> = [];
  private readonly chatClients = new Map<Role, KiloChatClient>();
  private readonly recorders = new Map<Role, EventRecorder>();
  private botClient: KiloChatBotClient | undefined;
  /**
   * The server's clock offset, learnt from server-stamped times in responses
   * ({@link ScenarioContext.createConversation} feeds it; scenarios may add
   * more with {@link ScenarioContext.timed}).
   */
  readonly serverClock = new ServerClock();

  private readonly resources: RunResources;
  private ownUserId: Promise<string> | undefined;

  /**
   * @param target - the deployment and identities.
   * @param resources - what the run's scenarios share (the runner passes one); default a fresh set, closed with the context.
   */
  constructor(target: ConformanceTarget, resources?: RunResources) {
    this.target = target;
    if (resources) this.resources = resources;
    else {
      const own = new RunResources(target);
      this.resources = own;
      this.cleanups.push(() => own.close());
    }
    this.sandboxId = target.sandboxId;
    this.instanceContext = kiloclawInstanceContext(target.sandboxId);
  }

  /** Skips the running scenario with a reason (reported as skipped, not failed). */
  skip(reason: string): never {
    throw new ConformanceError('skipped', reason);
  }

  /** The token source of a role; skips when the target has none. */
  tokenOf(role: Role): TokenSource {
    if (role === 'user') return this.target.userToken;
    if (this.target.secondUserToken === undefined) this.skip('the target has no second user token');
    return this.target.secondUserToken;
  }

  /** The typed human client of a role (events come from {@link ScenarioContext.listen}). */
  chat(role: Role = 'user'): KiloChatClient {
    let client = this.chatClients.get(role);
    if (!client) {
      const token = this.tokenOf(role);
      client = new KiloChatClient({
        baseUrl: this.target.chatUrl,
        getToken: () => resolveToken(token),
        eventService: { on: () => () => {} },
        ...(this.target.fetch ? { fetch: this.target.fetch } : {}),
      });
      this.chatClients.set(role, client);
      this.onCleanup(() => client?.dispose());
    }
    return client;
  }

  /** The typed bot client of the sandbox; skips when the target has no bot token. */
  bot(): KiloChatBotClient {
    if (!this.botClient) {
      const token = this.target.botToken;
      if (token === undefined) this.skip('the target has no bot gateway token');
      this.botClient = new KiloChatBotClient({
        baseUrl: this.target.chatUrl,
        sandboxId: this.sandboxId,
        getToken: () => resolveToken(token),
        ...(this.target.fetch ? { fetch: this.target.fetch } : {}),
      });
    }
    return this.botClient;
  }

  /**
   * Creates a conversation in the sandbox as the user and returns it. Its
   * `joinedAt` (server ms) calibrates {@link ScenarioContext.serverClock}.
   */
  async createConversation(title?: string): Promise<CreateConversationResponse> {
    const { value, sentAt, receivedAt } = await this.timed(() =>
      this.chat('user').createConversation({ sandboxId: this.sandboxId, ...(title === undefined ? {} : { title }) }),
    );
    if (Number.isInteger(value.conversation.joinedAt)) this.serverClock.observe(value.conversation.joinedAt, sentAt, receivedAt);
    return value;
  }

  /** The user's id, as the server names it (the human member of a conversation the user creates). */
  userId(): Promise<string> {
    this.ownUserId ??= (async () => {
      const { conversationId } = await this.createConversation();
      const detail = await this.chat('user').getConversation(conversationId);
      const me = detail.members.find((m) => m.kind === 'user');
      if (!me) throw new ConformanceError('assertion_failed', 'a new conversation has no user member');
      return me.id;
    })();
    return this.ownUserId;
  }

  /**
   * A sandbox whose bot's webhooks reach the suite's receiver: the target's
   * `webhook.sandboxId`, or (with `devRoutes`) a fresh sandbox the user owns,
   * created through `POST /_dev/sandboxes` with the receiver as its webhook.
   * Skips when the target offers neither. The receiver answers 200 until the
   * scenario says otherwise; its responder is reset after the scenario.
   */
  async webhookSandbox(): Promise<WebhookSandbox> {
    if (!offersWebhookReceiver(this.target)) this.skip('the target offers no webhook receiver');
    const receiver = await this.resources.webhookReceiver();
    this.onCleanup(() => receiver.respondWith(undefined));
    const configured = this.target.webhook?.sandboxId;
    if (configured !== undefined) return { sandboxId: configured, botToken: this.target.webhook?.botToken, receiver };
    const ownerId = await this.userId();
    const sandboxId = `conformance-wh-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const created = await this.raw('/_dev/sandboxes', { method: 'POST', token: null, body: { id: sandboxId, ownerId, webhookUrl: receiver.url } });
    if (created.status !== 201) throw new ConformanceError('invalid_target', `POST /_dev/sandboxes answered ${created.status}`);
    const minted = await this.raw(`/_dev/gateway-token?sandboxId=${sandboxId}`, { token: null });
    const botToken = (minted.body as { token?: unknown } | null)?.token;
    if (minted.status !== 200 || typeof botToken !== 'string') throw new ConformanceError('invalid_target', `GET /_dev/gateway-token answered ${minted.status}`);
    return { sandboxId, botToken, receiver };
  }

  /** Runs `fn` and returns its value with the local times just before and just after. */
  async timed<T>(fn: () => Promise<T>): Promise<{ value: T; sentAt: number; receivedAt: number }> {
    const sentAt = Date.now();
    const value = await fn();
    return { value, sentAt, receivedAt: Date.now() };
  }

  /**
   * How long a scenario waits before it concludes that something was not
   * pushed: the real service pushes after the HTTP response
   * (kilo-chat.md §2 conventions) and orders no barrier against it, so an
   * absence can only be concluded after a quiet window. The target's
   * `quietWindowMs`, default a fifth of the event timeout (1000 ms).
   */
  get quietWindowMs(): number {
    return this.target.quietWindowMs ?? Math.round((this.target.eventTimeoutMs ?? 5_000) / 5);
  }

  /** Waits {@link ScenarioContext.quietWindowMs}. */
  quiet(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.quietWindowMs));
  }

  /** The conversation context of a conversation in the sandbox. */
  conversationContext(conversationId: string): string {
    return kiloclawConversationContext(this.sandboxId, conversationId);
  }

  /**
   * Connects a role's event socket (once) and returns its recorder. Use
   * {@link ScenarioContext.listen} to subscribe with a barrier.
   */
  async events(role: Role = 'user'): Promise<EventRecorder> {
    let recorder = this.recorders.get(role);
    if (!recorder) {
      const token = this.tokenOf(role);
      const client = new EventServiceClient({
        url: this.target.eventsUrl,
        getToken: () => resolveToken(token),
        platform: null,
        ...(this.target.fetch ? { fetch: this.target.fetch } : {}),
      });
      recorder = new EventRecorder(client, this.target.eventTimeoutMs ?? 5_000);
      this.recorders.set(role, recorder);
      this.onCleanup(() => client.dispose());
      // connect() settles after one attempt; a failed one is retried in the background.
      await client.connect();
      const openWithinMs = this.target.eventTimeoutMs ?? 5_000;
      try {
        await client.waitForOpen({ timeoutMs: openWithinMs });
      } catch {
        throw new ConformanceError(
          'assertion_failed',
          `event socket for ${role} did not open within ${openWithinMs} ms (state ${client.state})`,
        );
      }
    }
    return recorder;
  }

  /**
   * Subscribes a role to `contexts` and returns once the server applies the
   * subscription. The barrier: the same frame also subscribes the context of
   * `barrierConversationId` (a conversation the role is a member of), then a
   * typing signal is sent there and awaited. An event on a context proves the
   * frame that subscribed it was applied, and with it every context in that
   * frame (event-service.md §2.1: one frame is applied whole).
   *
   * It proves nothing about other pushes: the real service pushes after the
   * response and orders no two pushes (kilo-chat.md §2 conventions), so wait
   * for the specific events a scenario expects, and conclude an absence only
   * after {@link ScenarioContext.quiet}. The barrier's typing is recorded like
   * any other event: a scenario about typing must look past it.
   */
  async listen(role: Role, contexts: readonly string[], barrierConversationId: string): Promise<EventRecorder> {
    const recorder = await this.events(role);
    const barrier = this.conversationContext(barrierConversationId);
    recorder.client.subscribe([...new Set([...contexts, barrier])]);
    await this.barrier(role, barrierConversationId);
    return recorder;
  }

  /**
   * Sends typing in a conversation the role is a member of and awaits it on
   * the role's socket: proof that the socket is subscribed to that
   * conversation. Not proof that earlier pushes have arrived (the real service
   * does not order pushes); the suite's own scenarios no longer use it so.
   */
  async barrier(role: Role, conversationId: string): Promise<void> {
    const recorder = await this.events(role);
    const before = recorder.events.length;
    const context = this.conversationContext(conversationId);
    await this.chat(role).sendTyping(conversationId);
    await recorder.waitFor(`typing barrier on ${context}`, (event) => {
      const index = recorder.events.indexOf(event);
      return index >= before && eventIs('typing', context)(event);
    });
  }

  /** Sends a raw request and returns status and parsed body. */
  async raw(path: string, request: RawRequest = {}): Promise<RawResponse> {
    const doFetch = this.target.fetch ?? globalThis.fetch;
    const headers: Record<string, string> = { ...request.headers };
    const token = request.token === undefined ? this.target.userToken : request.token;
    if (token !== null) headers.Authorization = `Bearer ${await resolveToken(token)}`;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json';
    }
    const url = new URL(path.replace(/^\//, ''), `${(request.baseUrl ?? this.target.chatUrl).replace(/\/+$/, '')}/`);
    const response = await doFetch(url, { method: request.method ?? 'GET', headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Registers work to run after the scenario, last registered first. */
  onCleanup(fn: () => unknown): void {
    this.cleanups.push(fn);
  }

  /** @internal Runs the cleanups; errors are ignored (the scenario result stands). */
  async dispose(): Promise<void> {
    for (const fn of this.cleanups.reverse()) {
      try {
        await fn();
      } catch {
        // Cleanup is best effort.
      }
    }
    this.cleanups.length = 0;
  }
}
