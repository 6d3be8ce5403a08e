/**
 * The sends of one QueryClient that have not reached the server's history
 * yet, so a failed send is never lost.
 *
 * Each optimistic send is recorded by `clientId` with its variables and its
 * optimistic row. While the request runs the entry is `'sending'`; when it
 * fails the entry becomes `'failed'` and the `pending-<clientId>` row stays
 * in the cache, so the UI can show "failed — retry" (`useSendStates`,
 * {@link sendStateOf}) and `useSendMessage().retry(clientId)` can resend the
 * same variables with the same `clientId`. The entry goes away when the
 * stored message replaces the row (the create response or the
 * `message.created` echo carrying that `clientId`), or on `discard`.
 *
 * The outbox also survives a refetch and a garbage-collected cache: the
 * message query puts the rows of its conversation's entries back at the top
 * of the newest page whenever it fetches that page.
 */
import type { CreateMessageRequest, Message } from '@kilocode/kilo-chat';
import type { QueryClient } from '@tanstack/react-query';
import { PENDING_MESSAGE_ID_PREFIX, isPendingMessageId } from './message-pages.js';

/** Variables of `useSendMessage`: the request body, with a required `clientId` (a ULID). */
export type SendMessageVariables = CreateMessageRequest & { clientId: string };

/** Where an optimistic send stands: the request is running, or it failed and waits for `retry` or `discard`. */
export type SendStatus = 'sending' | 'failed';

/** One recorded send. Entries are immutable: a change replaces the object. */
export interface SendOutboxEntry {
  /** The send's `clientId`; its row is `pending-<clientId>`. */
  readonly clientId: string;
  /** The conversation it was sent to. */
  readonly conversationId: string;
  /** The variables, exactly as passed to `mutate`; a retry sends them again. */
  readonly variables: SendMessageVariables;
  /** The optimistic row written for it. */
  readonly message: Message;
  /** Where it stands. */
  readonly status: SendStatus;
  /** The error of the last attempt when `status` is `'failed'`. */
  readonly error?: unknown;
}

/** What a row needs to render its send state. */
export interface SendState {
  /** `'sending'` or `'failed'`. */
  readonly status: SendStatus;
  /** The error of the last attempt (`undefined` while sending). */
  readonly error: unknown;
}

const EMPTY_STATES: ReadonlyMap<string, SendState> = new Map();

/** The outbox of one QueryClient; get it with {@link sendOutboxFor}. */
export class SendOutbox {
  readonly #entries = new Map<string, SendOutboxEntry>();
  readonly #listeners = new Set<() => void>();
  readonly #snapshots = new Map<string, ReadonlyMap<string, SendState>>();

  /** The entry of `clientId`, if any. */
  get(clientId: string): SendOutboxEntry | undefined {
    return this.#entries.get(clientId);
  }

  /** Every entry, or those of one conversation, oldest `clientId` first. */
  entries(conversationId?: string): SendOutboxEntry[] {
    const all = [...this.#entries.values()].filter((entry) => conversationId === undefined || entry.conversationId === conversationId);
    return all.sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  }

  /** Records a send that is starting (or restarting): status `'sending'`. */
  track(entry: Omit<SendOutboxEntry, 'status' | 'error'>): void {
    this.#set({ clientId: entry.clientId, conversationId: entry.conversationId, variables: entry.variables, message: entry.message, status: 'sending' });
  }

  /**
   * Marks a send failed with `error`.
   * @returns false when there is no entry (the stored message already replaced it).
   */
  markFailed(clientId: string, error: unknown): boolean {
    const entry = this.#entries.get(clientId);
    if (!entry) return false;
    this.#set({ ...entry, status: 'failed', error });
    return true;
  }

  /**
   * Forgets a send.
   * @returns false when there was no entry.
   */
  remove(clientId: string): boolean {
    const entry = this.#entries.get(clientId);
    if (!entry) return false;
    this.#entries.delete(clientId);
    this.#changed(entry.conversationId);
    return true;
  }

  /** Forgets every entry, or those of one conversation (for example on sign-out when the QueryClient is kept). */
  clear(conversationId?: string): void {
    for (const entry of this.entries(conversationId)) this.remove(entry.clientId);
  }

  /**
   * Calls `listener` after every change.
   * @returns a function that removes it.
   */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * The send states of one conversation by `clientId`. The map is the same
   * object until that conversation's entries change (a `useSyncExternalStore`
   * snapshot).
   */
  statesFor(conversationId: string | null): ReadonlyMap<string, SendState> {
    if (conversationId === null) return EMPTY_STATES;
    let snapshot = this.#snapshots.get(conversationId);
    if (!snapshot) {
      const states = new Map<string, SendState>();
      for (const entry of this.entries(conversationId)) states.set(entry.clientId, { status: entry.status, error: entry.error });
      snapshot = states.size === 0 ? EMPTY_STATES : states;
      this.#snapshots.set(conversationId, snapshot);
    }
    return snapshot;
  }

  #set(entry: SendOutboxEntry): void {
    const previous = this.#entries.get(entry.clientId);
    this.#entries.set(entry.clientId, entry);
    if (previous && previous.conversationId !== entry.conversationId) this.#snapshots.delete(previous.conversationId);
    this.#changed(entry.conversationId);
  }

  #changed(conversationId: string): void {
    this.#snapshots.delete(conversationId);
    for (const listener of [...this.#listeners]) listener();
  }
}

const outboxes = new WeakMap<QueryClient, SendOutbox>();

/** The outbox of `queryClient`, created on first use. */
export function sendOutboxFor(queryClient: QueryClient): SendOutbox {
  let outbox = outboxes.get(queryClient);
  if (!outbox) {
    outbox = new SendOutbox();
    outboxes.set(queryClient, outbox);
  }
  return outbox;
}

/** The `clientId` of an optimistic row id (`pending-<clientId>`), or null for a stored message's id. */
export function clientIdOfPendingMessage(messageId: string): string | null {
  return isPendingMessageId(messageId) ? messageId.slice(PENDING_MESSAGE_ID_PREFIX.length) : null;
}

/**
 * The send state of a message row: `undefined` for stored messages and for
 * optimistic rows the outbox no longer knows; otherwise `{ status, error }`.
 *
 * @example
 * ```tsx
 * const state = sendStateOf(sendOutboxFor(queryClient), message.id);
 * if (state?.status === 'failed') return <FailedRow onRetry={() => send.retry(clientIdOfPendingMessage(message.id)!)} />;
 * ```
 */
export function sendStateOf(outbox: SendOutbox, messageId: string): SendState | undefined {
  const clientId = clientIdOfPendingMessage(messageId);
  if (clientId === null) return undefined;
  const entry = outbox.get(clientId);
  return entry ? { status: entry.status, error: entry.error } : undefined;
}

/**
 * @internal Puts the rows of `conversationId`'s outbox entries that `page`
 * lacks at the head of a freshly fetched newest page, newest first.
 */
export function withOutboxRows<TPage extends { messages: Message[] }>(page: TPage, outbox: SendOutbox, conversationId: string): TPage {
  const entries = outbox.entries(conversationId);
  if (entries.length === 0) return page;
  const present = new Set(page.messages.map((message) => message.id));
  const rows: Message[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const row = (entries[i] as SendOutboxEntry).message;
    if (!present.has(row.id)) rows.push(row);
  }
  return rows.length === 0 ? page : { ...page, messages: [...rows, ...page.messages] };
}
