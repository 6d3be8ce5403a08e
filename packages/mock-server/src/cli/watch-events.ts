import {
  EventServiceClient,
  type EventServiceConfig,
  type StateChange,
  type WebSocketConstructor,
  kiloclawConversationContext,
  kiloclawInstanceContext,
} from '@kilocode/event-service';
import WebSocket from 'ws';

/** Options of {@link watchEvents}. */
export interface WatchEventsOptions {
  /** Base HTTP URL of the mock. */
  url: string;
  /** A user JWT; when absent, one is minted for `user` through `/_dev/token` (and minted again if it is refused). */
  token?: string;
  /** User to mint a token for (dev routes). */
  user?: string;
  /**
   * Contexts to subscribe to. Default: the instance and conversation contexts
   * of every conversation the user is in, found through the chat API.
   */
  contexts?: string[];
  /**
   * Follow new conversations: an event on a subscribed instance context that
   * names a conversation not yet watched (`conversation.created`,
   * `conversation.activity`, `conversation.renamed`, `conversation.read`)
   * subscribes its conversation context; `conversation.left` unsubscribes it.
   * After a reconnect the user's conversations are listed again (when
   * `contexts` was not given), so one created while disconnected is found.
   * Default true.
   */
  follow?: boolean;
  /** Where lines go. Default: console.log. */
  print?: (line: string) => void;
  /**
   * Extra options of the underlying {@link EventServiceClient} (backoff,
   * timers, `random`, …). Default: the client's defaults, `ws` as the
   * WebSocket and no browser wake-up hooks.
   */
  client?: Partial<Omit<EventServiceConfig, 'url' | 'getToken' | 'onUnauthorized'>>;
}

/** How long {@link watchEvents} waits for its first socket before it gives up: 15 s. */
export const OPEN_TIMEOUT_MS = 15_000;

/** Events on an instance context that name a conversation the user is in. */
const INTRODUCING_EVENTS = new Set(['conversation.created', 'conversation.activity', 'conversation.renamed', 'conversation.read']);

const INSTANCE_CONTEXT_RE = /^\/kiloclaw\/([A-Za-z0-9_-]{1,64})$/;

/** A failed request of the watcher: `code` is `http_error` and `status` the HTTP status. */
export class WatchRequestError extends Error {
  /** Machine-readable code. */
  readonly code = 'http_error';

  constructor(
    message: string,
    /** HTTP status answered. */
    readonly status: number,
  ) {
    super(message);
    this.name = 'WatchRequestError';
  }
}

async function json(url: string, init: RequestInit): Promise<any> {
  const response = await fetch(url, init);
  const body = await response.json().catch(() => null);
  // The path only: a URL never carries a token here, but keep errors short.
  if (!response.ok) throw new WatchRequestError(`${init.method ?? 'GET'} ${new URL(url).pathname} → ${response.status} ${JSON.stringify(body)}`, response.status);
  return body;
}

/** The instance and conversation contexts of every conversation the user is in (every page of H2). */
async function discoverContexts(baseUrl: string, token: string): Promise<string[]> {
  const auth = { authorization: `Bearer ${token}` };
  const found = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? 'limit=100' : `limit=100&cursor=${encodeURIComponent(cursor)}`;
    const list = await json(`${baseUrl}/v1/conversations?${query}`, { headers: auth });
    for (const row of list.conversations as Array<{ conversationId: string }>) {
      const detail = await json(`${baseUrl}/v1/conversations/${row.conversationId}`, { headers: auth });
      const bot = (detail.members as Array<{ id: string; kind: string }>).find((m) => m.kind === 'bot');
      const sandboxId = bot?.id.replace(/^bot:kiloclaw:/, '');
      if (!sandboxId) continue;
      found.add(kiloclawInstanceContext(sandboxId));
      found.add(kiloclawConversationContext(sandboxId, row.conversationId));
    }
    cursor = list.hasMore ? (list.nextCursor as string | null) : null;
  } while (cursor !== null);
  return [...found];
}

function describeChange(change: StateChange): string | null {
  switch (change.reason) {
    case 'socket_closed':
      return `socket closed (${change.closeCode ?? 1006}${change.closeReason ? ` ${change.closeReason}` : ''})`;
    case 'pong_timeout':
      return 'socket silent (no pong); replacing it';
    case 'attempt_failed':
      return `connect attempt failed (${change.error?.code ?? 'error'})`;
    case 'unauthorized':
      return 'unauthorized: the token was refused; stopped';
    default:
      return null;
  }
}

/**
 * Watches a user's events on a running mock and prints one line per event
 * frame (`{"type":"event",…,"seq":n}`, as the server sent it), plus lines for
 * reconnects and resyncs. It runs on {@link EventServiceClient}, so it
 * acknowledges events as they arrive (a burst never trips the server's
 * unacked-events rule), reconnects with backoff after a drop, and restores
 * its subscriptions; with `follow` it also subscribes conversations created
 * after it started. Resolves, once the first socket is open, with a function
 * that stops it.
 *
 * @throws WatchRequestError when minting the token or listing conversations
 *   fails, or the event service refuses the token; EventServiceError `open_timeout` when no socket opened within
 *   {@link OPEN_TIMEOUT_MS}.
 */
export async function watchEvents(options: WatchEventsOptions): Promise<() => void> {
  const print = options.print ?? ((line: string) => console.log(line));
  const follow = options.follow ?? true;
  const baseUrl = options.url.replace(/\/+$/, '');
  if (!options.token && !options.user) throw new Error('watch needs --token or --user');

  let token = options.token;
  const mint = async (): Promise<string> =>
    (
      await json(`${baseUrl}/_dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: options.user }),
      })
    ).token as string;
  const getToken = async (): Promise<string> => (token ??= await mint());

  const discover = options.contexts === undefined;
  const contexts = discover ? await discoverContexts(baseUrl, await getToken()) : [...options.contexts!];

  const client = new EventServiceClient({
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    platform: null,
    ...options.client,
    url: baseUrl,
    getToken,
    // A minted token is minted again once; a given one cannot be renewed.
    onUnauthorized: () => {
      if (!options.user) return 'stop';
      token = undefined;
      return 'retry';
    },
  });

  const watched = new Set<string>();
  const watch = (list: readonly string[]): string[] => {
    const fresh = list.filter((context) => !watched.has(context));
    for (const context of fresh) watched.add(context);
    if (fresh.length > 0) client.subscribe(fresh);
    return fresh;
  };

  client.onAnyEvent(({ context, event, payload, seq }) => {
    print(JSON.stringify({ type: 'event', context, event, payload, ...(seq !== undefined ? { seq } : {}) }));
    if (!follow) return;
    const sandboxId = INSTANCE_CONTEXT_RE.exec(context)?.[1];
    const conversationId = (payload as { conversationId?: unknown } | null)?.conversationId;
    if (!sandboxId || typeof conversationId !== 'string' || !watched.has(context)) return;
    let conversationContext: string;
    try {
      conversationContext = kiloclawConversationContext(sandboxId, conversationId);
    } catch {
      return; // not a valid conversation id: nothing to follow
    }
    if (event === 'conversation.left') {
      if (!watched.delete(conversationContext)) return;
      client.unsubscribe([conversationContext]);
      print(`left conversation ${conversationId}: unsubscribed ${conversationContext}`);
    } else if (INTRODUCING_EVENTS.has(event) && watch([conversationContext]).length > 0) {
      print(`following conversation ${conversationId}: subscribed ${conversationContext}`);
    }
  });
  client.onStateChange((change) => {
    const line = describeChange(change);
    if (line === null) return;
    print(change.state === 'reconnecting' && change.retryInMs !== undefined ? `${line}; reconnecting in ${change.retryInMs} ms` : line);
  });
  client.onReconnect(() => print(`reconnected; subscriptions restored (${client.activeContexts().length} context(s))`));
  client.onResync(() => {
    print('resync: events may have been missed (no replay); re-listing conversations');
    if (!discover || !follow) return;
    void (async () => {
      try {
        for (const context of watch(await discoverContexts(baseUrl, await getToken()))) print(`following ${context}`);
      } catch (error) {
        print(`could not re-list conversations: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  });
  client.onError((error) => {
    if (error.code === 'too_many_contexts') print(`error: ${error.message}`);
  });

  watch(contexts);
  print(`watching ${contexts.length} context(s): ${contexts.join(', ')}`);
  if (contexts.length === 0) print('no conversations yet: pass --context /kiloclaw/<sandboxId> to follow a sandbox');
  // Stop waiting as soon as the token is refused for good.
  const refused = new AbortController();
  const offRefused = client.onStateChange((change) => {
    if (change.state === 'unauthorized') refused.abort();
  });
  await client.connect();
  try {
    await client.waitForOpen({ timeoutMs: OPEN_TIMEOUT_MS, signal: refused.signal });
  } catch (error) {
    client.dispose();
    if (refused.signal.aborted) throw new WatchRequestError('the event service refused the token (401): pass a valid --token, or --user', 401);
    throw error;
  } finally {
    offRefused();
  }
  return () => client.dispose();
}
