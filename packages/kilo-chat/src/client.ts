/**
 * `KiloChatClient`: the human (JWT) side of the Kilo Chat HTTP API plus typed,
 * validated realtime event subscriptions.
 *
 * Method names and positional signatures match the reference client, so an
 * app can switch packages without code changes. Additions: every call takes
 * an `AbortSignal` (mutations accept `{ signal, operation }` in the slot of
 * the reference's trailing `operation`), deadlines and timers are
 * configurable, and diagnostics go to an injected logger.
 */
import { noopLogger } from '@kilocode/event-service';
import type { EventChannel, Logger } from '@kilocode/event-service';
import type {
  KiloChatCallOptions,
  KiloChatClientConfig,
  KiloChatOperation,
  KiloChatOperationOrOptions,
  KiloChatRequestOptions,
} from './client-types.js';
import { KiloChatError, invalidOperationError, ownerInactiveError } from './errors.js';
import { getKiloChatEventPayloadSchema, isKiloChatEventName } from './events.js';
import type { KiloChatEventName, KiloChatEventOf } from './events.js';
import { fastEventCheck } from './events/fast-event-check.js';
import { HttpEngine } from './http-request.js';
import type { RouteCall } from './http-request.js';
import { humanRouteContracts as routes } from './route-contracts.js';
import type { KiloChatRouteContract } from './route-contracts.js';
import type {
  AddReactionResponse,
  AttachmentGetUrlRequest,
  AttachmentGetUrlResponse,
  AttachmentInitRequest,
  AttachmentInitResponse,
  ConversationDetailResponse,
  ConversationListResponse,
  CreateConversationRequest,
  CreateConversationResponse,
  CreateMessageRequest,
  CreateMessageResponse,
  DeleteMessageRequest,
  EditMessageRequest,
  EditMessageResponse,
  ExecuteActionRequest,
  ExecuteActionResponse,
  GetBotStatusResponse,
  GetConversationStatusResponse,
  MarkConversationReadRequest,
  MarkConversationReadResponse,
  Message,
  MessageListResponse,
  OkResponse,
  ReactionRequestBody,
  RemoveReactionResponse,
  RenameConversationRequest,
  RequestBotStatusResponse,
} from './schemas/index.js';
import { SerialQueue } from './serial-queue.js';
import { linkSignals } from './signals.js';

/** Options of {@link KiloChatClient.listConversations}; sent in this order. */
export interface ListConversationsOptions {
  /** Only conversations with this sandbox's bot. */
  sandboxId?: string;
  /** Page size, 1–100. @default 50 (server side) */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** Options of {@link KiloChatClient.listMessages}; sent in this order. */
export interface ListMessagesOptions {
  /** Exclusive upper bound: only messages older than this id (pass the previous `nextCursor`). */
  before?: string;
  /** Page size, 1–100. @default 50 (server side) */
  limit?: number;
}

/** A handler of a realtime event: the context it arrived on, and the validated payload. */
export type KiloChatEventHandler<N extends KiloChatEventName> = (context: string, payload: KiloChatEventOf<N>) => void;

function isOperationLike(value: object): value is KiloChatOperation {
  return typeof (value as { assertDispatch?: unknown }).assertDispatch === 'function';
}

/**
 * Client of the human Kilo Chat routes (`/v1`, H1–H21) and of the realtime
 * events delivered through an event channel.
 *
 * - Every call reads a fresh token from `getToken`, runs under a deadline
 *   (30 s for sends, 15 s otherwise) and rejects with `KiloChatApiError` for
 *   non-2xx statuses.
 * - `sendMessage` is serialised per conversation: a send starts only after the
 *   previous send to that conversation settled.
 * - Mutations capture an operation (see {@link captureOperation}) and check it
 *   before every attempt; reads and owner-only calls only check ownership.
 * - {@link dispose} aborts in-flight calls, drops queued sends and removes
 *   every event subscription.
 */
export class KiloChatClient {
  private readonly config: KiloChatClientConfig;
  private readonly engine: HttpEngine;
  private readonly eventService: EventChannel;
  private readonly logger: Logger;
  private readonly lifetime = new AbortController();
  private readonly sendQueue = new SerialQueue();
  private readonly operations = new WeakSet<KiloChatOperation>();
  private readonly subscriptions = new Set<() => void>();
  private disposed = false;

  /** @param config - see {@link KiloChatClientConfig}. */
  constructor(config: KiloChatClientConfig) {
    this.config = config;
    this.eventService = config.eventService;
    this.logger = config.logger ?? noopLogger;
    this.engine = new HttpEngine({
      baseUrl: config.baseUrl,
      getToken: config.getToken,
      onUnauthorized: config.onUnauthorized,
      fetch: config.fetch,
      logger: this.logger,
      deadlines: config.deadlines,
      timers: config.timers,
    });
  }

  // ---------------------------------------------------------------------------
  // Ownership and operations

  /** False once {@link dispose} has run or when `config.canPublish()` returns false. */
  canPublish(): boolean {
    if (this.disposed) return false;
    return this.config.canPublish === undefined ? true : this.config.canPublish() === true;
  }

  /** Throws `'Kilo Chat owner is no longer active'` (code `not_owner`) when {@link canPublish} is false. */
  assertOwner(): void {
    if (!this.canPublish()) throw ownerInactiveError();
  }

  /**
   * Without an argument: checks ownership, runs `config.captureOperationAdmission`
   * (which may throw to refuse) and returns a new frozen operation whose
   * `assertDispatch` re-checks ownership and the captured admission.
   *
   * With an argument: returns it if this client created it; otherwise throws
   * `'Invalid Kilo Chat operation'` (code `invalid_operation`).
   */
  captureOperation(operation?: KiloChatOperation): KiloChatOperation {
    if (operation !== undefined) {
      if (!this.operations.has(operation)) throw invalidOperationError();
      return operation;
    }
    this.assertOwner();
    const admit = this.config.captureOperationAdmission?.();
    const captured: KiloChatOperation = Object.freeze({
      assertDispatch: () => {
        this.assertOwner();
        admit?.();
      },
      canPublish: () => this.canPublish(),
    });
    this.operations.add(captured);
    return captured;
  }

  /** True when {@link captureOperation} would succeed right now. Runs the admission hook to find out. */
  canStartOperation(): boolean {
    try {
      this.captureOperation();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Ends the client: in-flight calls reject (code `disposed`), queued sends
   * are dropped, every subscription made through {@link on} is removed and
   * later calls reject with `'Kilo Chat owner is no longer active'`.
   * Idempotent.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort(new KiloChatError('disposed', 'Kilo Chat client was disposed'));
    this.sendQueue.clear();
    for (const unsubscribe of [...this.subscriptions]) unsubscribe();
    this.subscriptions.clear();
  }

  // ---------------------------------------------------------------------------
  // Messages

  /**
   * Sends a message (H7, `POST /v1/messages`, 201). Serialised per
   * `conversationId`; the 30 s deadline starts when the send leaves the queue.
   * A send that timed out is never resent: the server may have stored it, so
   * reconcile through `clientId` before sending again.
   */
  async sendMessage(req: CreateMessageRequest, op?: KiloChatOperationOrOptions): Promise<CreateMessageResponse> {
    const { operation, signal } = this.readSlot(op);
    const captured = this.captureOperation(operation);
    const linked = linkSignals(signal, this.lifetime.signal);
    try {
      return await this.sendQueue.run(
        String(req.conversationId),
        () =>
          this.engine.request(routes.H7, {
            body: req,
            signal: linked.signal,
            beforeAttempt: () => captured.assertDispatch(),
          }),
        linked.signal,
      );
    } finally {
      linked.release();
    }
  }

  /** Replaces the content of an own message (H9, `PATCH /v1/messages/:messageId`). */
  editMessage(messageId: string, req: EditMessageRequest, op?: KiloChatOperationOrOptions): Promise<EditMessageResponse> {
    return this.mutate(routes.H9, { params: { messageId }, body: req }, op);
  }

  /** Soft-deletes an own message (H10, `DELETE /v1/messages/:messageId?conversationId=`). */
  async deleteMessage(messageId: string, req: DeleteMessageRequest, op?: KiloChatOperationOrOptions): Promise<void> {
    await this.mutate(routes.H10, { params: { messageId }, query: { conversationId: req.conversationId } }, op);
  }

  /**
   * Lists one page of messages, newest first (H8), and returns only the
   * messages. Use {@link listMessagesPage} to paginate.
   */
  async listMessages(
    conversationId: string,
    opts?: ListMessagesOptions,
    options?: KiloChatCallOptions,
  ): Promise<Message[]> {
    const page = await this.listMessagesPage(conversationId, opts, options);
    return page.messages;
  }

  /**
   * Lists one page of messages, newest first (H8,
   * `GET /v1/conversations/:id/messages?before=&limit=`). Older servers that
   * omit `hasMore`/`nextCursor` read as `false`/`null`.
   */
  listMessagesPage(
    conversationId: string,
    opts?: ListMessagesOptions,
    options?: KiloChatCallOptions,
  ): Promise<MessageListResponse> {
    return this.read(
      routes.H8,
      { params: { conversationId }, query: { before: opts?.before, limit: opts?.limit } },
      options,
    );
  }

  /** Resolves an action group of a message (H11, `POST …/messages/:mid/execute-action`). */
  executeAction(
    conversationId: string,
    messageId: string,
    req: ExecuteActionRequest,
    op?: KiloChatOperationOrOptions,
  ): Promise<ExecuteActionResponse> {
    return this.mutate(routes.H11, { params: { conversationId, messageId }, body: req }, op);
  }

  /** Asks the server to deliver a failed message to the bot again (H12, `POST …/messages/:mid/redeliver`). */
  redeliverMessage(conversationId: string, messageId: string, op?: KiloChatOperationOrOptions): Promise<OkResponse> {
    return this.mutate(routes.H12, { params: { conversationId, messageId } }, op);
  }

  // ---------------------------------------------------------------------------
  // Reactions

  /** Adds a reaction (H13, `POST /v1/messages/:messageId/reactions`; 201 new, 200 already live). */
  addReaction(messageId: string, req: ReactionRequestBody, op?: KiloChatOperationOrOptions): Promise<AddReactionResponse> {
    return this.mutate(routes.H13, { params: { messageId }, body: req }, op);
  }

  /**
   * Removes a reaction (H14, `DELETE /v1/messages/:messageId/reactions?conversationId=&emoji=`).
   * The emoji travels URL-encoded in the query; there is no body.
   */
  removeReaction(
    messageId: string,
    req: ReactionRequestBody,
    op?: KiloChatOperationOrOptions,
  ): Promise<RemoveReactionResponse> {
    return this.mutate(
      routes.H14,
      { params: { messageId }, query: { conversationId: req.conversationId, emoji: req.emoji } },
      op,
    );
  }

  // ---------------------------------------------------------------------------
  // Conversations

  /** Creates a conversation with a sandbox's bot (H1, `POST /v1/conversations`, 201). */
  createConversation(req: CreateConversationRequest, op?: KiloChatOperationOrOptions): Promise<CreateConversationResponse> {
    return this.mutate(routes.H1, { body: req }, op);
  }

  /** Lists the caller's conversations, most recently active first (H2, `GET /v1/conversations?sandboxId=&limit=&cursor=`). */
  listConversations(opts?: ListConversationsOptions, options?: KiloChatCallOptions): Promise<ConversationListResponse> {
    return this.read(
      routes.H2,
      { query: { sandboxId: opts?.sandboxId, limit: opts?.limit, cursor: opts?.cursor } },
      options,
    );
  }

  /** Gets a conversation and its active members (H3, `GET /v1/conversations/:id`). */
  getConversation(conversationId: string, options?: KiloChatCallOptions): Promise<ConversationDetailResponse> {
    return this.read(routes.H3, { params: { conversationId } }, options);
  }

  /** Renames a conversation (H4, `PATCH /v1/conversations/:id`). */
  renameConversation(
    conversationId: string,
    req: RenameConversationRequest,
    op?: KiloChatOperationOrOptions,
  ): Promise<OkResponse> {
    return this.mutate(routes.H4, { params: { conversationId }, body: req }, op);
  }

  /** Leaves a conversation (H5, `POST /v1/conversations/:id/leave`; 200 `{ok:true}` or an older 204). */
  async leaveConversation(conversationId: string, op?: KiloChatOperationOrOptions): Promise<void> {
    await this.mutate(routes.H5, { params: { conversationId } }, op);
  }

  /** Advances the caller's read marker (H6, `POST /v1/conversations/:id/mark-read`). */
  markConversationRead(
    conversationId: string,
    req: MarkConversationReadRequest,
    op?: KiloChatOperationOrOptions,
  ): Promise<MarkConversationReadResponse> {
    return this.mutate(routes.H6, { params: { conversationId }, body: req }, op);
  }

  /** Shows the caller as typing (H15, `POST /v1/conversations/:id/typing`). */
  async sendTyping(conversationId: string, op?: KiloChatOperationOrOptions): Promise<void> {
    await this.mutate(routes.H15, { params: { conversationId } }, op);
  }

  /**
   * Clears the caller's typing indicator (H16, `POST /v1/conversations/:id/typing/stop`).
   * Owner-only: checks ownership but captures no operation, so it still works
   * while new operations are refused.
   */
  async sendTypingStop(conversationId: string, options?: KiloChatCallOptions): Promise<void> {
    await this.ownerOnly(routes.H16, { params: { conversationId } }, options);
  }

  // ---------------------------------------------------------------------------
  // Attachments

  /**
   * Reserves an attachment and returns a presigned PUT URL (H17,
   * `POST /v1/attachments/init`). `putUrlExpiresAt` is in Unix seconds, also
   * when an older server sent milliseconds.
   */
  initAttachment(req: AttachmentInitRequest, op?: KiloChatOperationOrOptions): Promise<AttachmentInitResponse> {
    return this.mutate(routes.H17, { body: req }, op);
  }

  /**
   * Returns a presigned download URL (H18, `GET /v1/attachments/:id/url?conversationId=`).
   * A read: it works even while the admission hook refuses new operations.
   * `expiresAt` is in Unix seconds.
   */
  getAttachmentUrl(req: AttachmentGetUrlRequest, options?: KiloChatCallOptions): Promise<AttachmentGetUrlResponse> {
    return this.read(
      routes.H18,
      { params: { attachmentId: req.attachmentId }, query: { conversationId: req.conversationId } },
      options,
    );
  }

  // ---------------------------------------------------------------------------
  // Status

  /** Reads the stored bot status of a sandbox the caller owns (H19, `GET /v1/sandboxes/:sandboxId/bot-status`). */
  getBotStatus(sandboxId: string, options?: KiloChatCallOptions): Promise<GetBotStatusResponse> {
    return this.read(routes.H19, { params: { sandboxId } }, options);
  }

  /**
   * Asks the bot to report its status (H20, `POST /v1/sandboxes/:sandboxId/request-bot-status`).
   * Owner-only (no operation captured). Older answers (202 with no body,
   * `{ok:true}`, `{ok:true, dedupe}`) read as `{ ok: true, cached: null }`.
   */
  requestBotStatus(sandboxId: string, options?: KiloChatCallOptions): Promise<RequestBotStatusResponse> {
    return this.ownerOnly(routes.H20, { params: { sandboxId } }, options);
  }

  /** Reads the bot's stored context-window status of a conversation (H21, `GET /v1/conversations/:id/conversation-status`). */
  getConversationStatus(conversationId: string, options?: KiloChatCallOptions): Promise<GetConversationStatusResponse> {
    return this.read(routes.H21, { params: { conversationId } }, options);
  }

  // ---------------------------------------------------------------------------
  // Events

  /**
   * Subscribes to a realtime event through `config.eventService`. Each payload
   * is validated with the event's schema; invalid payloads are dropped (with
   * a `logger.debug` line naming the event and the failing paths, never the
   * payload). Nothing is delivered once {@link canPublish} is false.
   *
   * The handler gets the schema's parsed value. For the frequent events
   * (messages with text content, typing, reactions, read and activity
   * markers) a payload that is already exactly in schema shape (no unknown
   * keys, nothing to trim) is recognised without running zod and handed over
   * as the very object the frame carried, not a copy; every other payload
   * gets zod's parsed copy. Either way the value equals what the schema
   * returns. Handlers should not change the payload: the event channel may
   * pass the same object to other listeners.
   *
   * @returns a function that removes the subscription (idempotent).
   * @throws {KiloChatError} code `invalid_argument` for a name outside the event registry.
   */
  on<N extends KiloChatEventName>(event: N, handler: KiloChatEventHandler<N>): () => void {
    if (!isKiloChatEventName(event)) {
      throw new KiloChatError('invalid_argument', `Unknown Kilo Chat event: ${String(event)}`);
    }
    if (this.disposed) return () => {};
    const schema = getKiloChatEventPayloadSchema(event);
    const fastCheck = fastEventCheck(event);
    const off = this.eventService.on(event, (context, payload) => {
      if (!this.canPublish()) return;
      // Payloads already exactly in schema shape skip zod (and its copy).
      if (fastCheck !== undefined && fastCheck(payload)) {
        handler(context, payload as KiloChatEventOf<N>);
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        this.logger.debug('kilo-chat: dropped an event payload that failed its schema', {
          event,
          context,
          paths: parsed.error.issues.map((issue) => issue.path.map(String).join('.')),
        });
        return;
      }
      handler(context, parsed.data as KiloChatEventOf<N>);
    });
    let active = true;
    const unsubscribe = () => {
      if (!active) return;
      active = false;
      this.subscriptions.delete(unsubscribe);
      off();
    };
    this.subscriptions.add(unsubscribe);
    return unsubscribe;
  }

  /** `on('message.created', handler)`. */
  onMessageCreated(handler: KiloChatEventHandler<'message.created'>): () => void {
    return this.on('message.created', handler);
  }

  /** `on('message.updated', handler)`. */
  onMessageUpdated(handler: KiloChatEventHandler<'message.updated'>): () => void {
    return this.on('message.updated', handler);
  }

  /** `on('message.deleted', handler)`. */
  onMessageDeleted(handler: KiloChatEventHandler<'message.deleted'>): () => void {
    return this.on('message.deleted', handler);
  }

  /** `on('message.delivery_failed', handler)`. */
  onMessageDeliveryFailed(handler: KiloChatEventHandler<'message.delivery_failed'>): () => void {
    return this.on('message.delivery_failed', handler);
  }

  /** `on('message.redelivered', handler)`. */
  onMessageRedelivered(handler: KiloChatEventHandler<'message.redelivered'>): () => void {
    return this.on('message.redelivered', handler);
  }

  /** `on('action.delivery_failed', handler)`. */
  onActionDeliveryFailed(handler: KiloChatEventHandler<'action.delivery_failed'>): () => void {
    return this.on('action.delivery_failed', handler);
  }

  /** `on('typing', handler)`. */
  onTyping(handler: KiloChatEventHandler<'typing'>): () => void {
    return this.on('typing', handler);
  }

  /** `on('typing.stop', handler)`. */
  onTypingStop(handler: KiloChatEventHandler<'typing.stop'>): () => void {
    return this.on('typing.stop', handler);
  }

  /** `on('reaction.added', handler)`. */
  onReactionAdded(handler: KiloChatEventHandler<'reaction.added'>): () => void {
    return this.on('reaction.added', handler);
  }

  /** `on('reaction.removed', handler)`. */
  onReactionRemoved(handler: KiloChatEventHandler<'reaction.removed'>): () => void {
    return this.on('reaction.removed', handler);
  }

  /** `on('conversation.created', handler)`. */
  onConversationCreated(handler: KiloChatEventHandler<'conversation.created'>): () => void {
    return this.on('conversation.created', handler);
  }

  /** `on('conversation.renamed', handler)`. */
  onConversationRenamed(handler: KiloChatEventHandler<'conversation.renamed'>): () => void {
    return this.on('conversation.renamed', handler);
  }

  /** `on('conversation.left', handler)`. */
  onConversationLeft(handler: KiloChatEventHandler<'conversation.left'>): () => void {
    return this.on('conversation.left', handler);
  }

  /** `on('conversation.read', handler)`. */
  onConversationRead(handler: KiloChatEventHandler<'conversation.read'>): () => void {
    return this.on('conversation.read', handler);
  }

  /** `on('conversation.activity', handler)`. */
  onConversationActivity(handler: KiloChatEventHandler<'conversation.activity'>): () => void {
    return this.on('conversation.activity', handler);
  }

  /** `on('bot.status', handler)`. */
  onBotStatus(handler: KiloChatEventHandler<'bot.status'>): () => void {
    return this.on('bot.status', handler);
  }

  /** `on('conversation.status', handler)`. */
  onConversationStatus(handler: KiloChatEventHandler<'conversation.status'>): () => void {
    return this.on('conversation.status', handler);
  }

  // ---------------------------------------------------------------------------
  // Dispatch

  /** Splits the trailing parameter of a mutation into an operation and a signal. */
  private readSlot(slot: KiloChatOperationOrOptions | undefined): KiloChatRequestOptions {
    if (slot === undefined || slot === null) return {};
    if (typeof slot !== 'object') throw invalidOperationError();
    if (this.operations.has(slot as KiloChatOperation) || isOperationLike(slot)) {
      return { operation: slot as KiloChatOperation };
    }
    const { operation, signal } = slot as KiloChatRequestOptions;
    return { operation, signal };
  }

  /** A mutation: captures (or validates) an operation now, asserts it before every attempt. */
  private async mutate<R extends KiloChatRouteContract>(route: R, call: RouteCall, slot: KiloChatOperationOrOptions | undefined) {
    const { operation, signal } = this.readSlot(slot);
    const captured = this.captureOperation(operation);
    return this.dispatch(route, call, signal, () => captured.assertDispatch());
  }

  /** A call that captures no operation but still requires ownership. */
  private async ownerOnly<R extends KiloChatRouteContract>(route: R, call: RouteCall, options: KiloChatCallOptions | undefined) {
    this.assertOwner();
    return this.dispatch(route, call, options?.signal, () => this.assertOwner());
  }

  /** A GET: requires ownership, captures no operation. */
  private read<R extends KiloChatRouteContract>(route: R, call: RouteCall, options: KiloChatCallOptions | undefined) {
    return this.ownerOnly(route, call, options);
  }

  private async dispatch<R extends KiloChatRouteContract>(
    route: R,
    call: RouteCall,
    signal: AbortSignal | undefined,
    beforeAttempt: () => void,
  ) {
    const linked = linkSignals(signal, this.lifetime.signal);
    try {
      return await this.engine.request(route, { ...call, signal: linked.signal, beforeAttempt });
    } finally {
      linked.release();
    }
  }
}
