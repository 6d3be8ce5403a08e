/**
 * `KiloChatBotClient`: the bot side of the Kilo Chat HTTP API
 * (`/bot/v1/sandboxes/<sandboxId>/*`, B1–B18), for bot plugin authors.
 *
 * It shares the HTTP engine, deadlines, retry-once path, tolerated older
 * response shapes and errors with `KiloChatClient`. Bots receive no realtime
 * events (they get webhooks), so there is no `on` here.
 */
import type { z } from 'zod';
import type { KiloChatBotClientConfig, KiloChatCallOptions } from './client-types.js';
import { KiloChatError } from './errors.js';
import { HttpEngine } from './http-request.js';
import type { RouteCall } from './http-request.js';
import { botRouteContracts as routes } from './bot-route-contracts.js';
import type { KiloChatRouteContract } from './route-contracts.js';
import { sandboxIdSchema } from './schemas/index.js';
import type { botStatusRequestSchema } from './schemas/index.js';
import type {
  AddReactionResponse,
  AttachmentGetUrlRequest,
  AttachmentGetUrlResponse,
  AttachmentInitRequest,
  AttachmentInitResponse,
  BotGetMembersResponse,
  BotListConversationsResponse,
  BotListMessagesResponse,
  ConversationStatusRequest,
  CreateBotConversationRequest,
  CreateConversationResponse,
  CreateMessageRequest,
  CreateMessageResponse,
  DeleteMessageRequest,
  EditMessageRequest,
  EditMessageResponse,
  Message,
  OkResponse,
  ReactionRequestBody,
  RemoveReactionResponse,
  RenameConversationRequest,
} from './schemas/index.js';
import { SerialQueue } from './serial-queue.js';
import type { ListMessagesOptions } from './client.js';

/** Options of {@link KiloChatBotClient.listConversations}. */
export interface BotListConversationsOptions {
  /** Page size, 1–100. @default 50 (server side) */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * Body of {@link KiloChatBotClient.setBotStatus}: online flag, the bot's clock
 * `at` (Unix ms, integer ≥ 0; the server keeps only a strictly newer `at`)
 * and its capabilities (unknown values are dropped by the server).
 */
export type BotStatusInput = z.input<typeof botStatusRequestSchema>;

/** Input of {@link KiloChatBotClient.reportMessageDeliveryFailed}. */
export interface ReportMessageDeliveryFailedInput {
  /** The conversation of the message. */
  conversationId: string;
  /** The message the bot could not process. */
  messageId: string;
  /** Why, at most 1000 characters; shown to nobody, kept for diagnostics. */
  reason?: string;
}

/** Input of {@link KiloChatBotClient.reportActionDeliveryFailed}. */
export interface ReportActionDeliveryFailedInput {
  /** The conversation of the message. */
  conversationId: string;
  /** The message that carries the action group. */
  messageId: string;
  /** The action group (1–200 characters) whose resolution the bot could not act on. */
  groupId: string;
  /** Why, at most 1000 characters. */
  reason?: string;
}

/** Input of {@link KiloChatBotClient.setConversationStatus}. */
export interface SetConversationStatusInput extends ConversationStatusRequest {
  /** The conversation the status describes. */
  conversationId: string;
}

/**
 * Client of the bot routes for one sandbox. Authenticates with the gateway
 * token (lowercase hex HMAC-SHA256 of the sandbox id) from `getToken`.
 *
 * - Each call runs under a deadline (30 s for sends, 15 s otherwise) and
 *   rejects with `KiloChatApiError` for non-2xx statuses.
 * - `sendMessage` is serialised per conversation, like the human client.
 * - Every method takes an optional trailing `{ signal }`.
 */
export class KiloChatBotClient {
  /** The sandbox this client acts for. */
  readonly sandboxId: string;
  private readonly engine: HttpEngine;
  private readonly sendQueue = new SerialQueue();

  /**
   * @param config - see {@link KiloChatBotClientConfig}.
   * @throws {KiloChatError} code `invalid_sandbox_id` when `config.sandboxId`
   *   is not 1–64 characters of `A-Z a-z 0-9 _ -`.
   */
  constructor(config: KiloChatBotClientConfig) {
    if (!sandboxIdSchema.safeParse(config.sandboxId).success) {
      throw new KiloChatError(
        'invalid_sandbox_id',
        'Invalid sandboxId: expected 1-64 characters of A-Z, a-z, 0-9, _ or -',
      );
    }
    this.sandboxId = config.sandboxId;
    this.engine = new HttpEngine({
      baseUrl: config.baseUrl,
      getToken: config.getToken,
      onUnauthorized: config.onUnauthorized,
      fetch: config.fetch,
      logger: config.logger,
      deadlines: config.deadlines,
      timers: config.timers,
    });
  }

  // ---------------------------------------------------------------------------
  // Messages

  /**
   * Sends a message as the bot (B1, 201). Serialised per `conversationId`; the
   * 30 s deadline starts when the send leaves the queue, and a send that
   * timed out is never resent.
   */
  sendMessage(req: CreateMessageRequest, options?: KiloChatCallOptions): Promise<CreateMessageResponse> {
    const signal = options?.signal;
    return this.sendQueue.run(
      String(req.conversationId),
      () => this.call(routes.B1, { body: req }, signal),
      signal,
    );
  }

  /** Replaces the content of a message the bot sent (B2). A stale `timestamp` is a 409 `edit_conflict`. */
  editMessage(messageId: string, req: EditMessageRequest, options?: KiloChatCallOptions): Promise<EditMessageResponse> {
    return this.call(routes.B2, { params: { messageId }, body: req }, options?.signal);
  }

  /** Soft-deletes a message the bot sent (B3, `?conversationId=`). */
  async deleteMessage(messageId: string, req: DeleteMessageRequest, options?: KiloChatCallOptions): Promise<void> {
    await this.call(routes.B3, { params: { messageId }, query: { conversationId: req.conversationId } }, options?.signal);
  }

  /** Lists one page of messages, newest first (B8), returning only the messages. */
  async listMessages(
    conversationId: string,
    opts?: ListMessagesOptions,
    options?: KiloChatCallOptions,
  ): Promise<Message[]> {
    const page = await this.listMessagesPage(conversationId, opts, options);
    return page.messages;
  }

  /** Lists one page of messages, newest first (B8, `?before=&limit=`). */
  listMessagesPage(
    conversationId: string,
    opts?: ListMessagesOptions,
    options?: KiloChatCallOptions,
  ): Promise<BotListMessagesResponse> {
    return this.call(
      routes.B8,
      { params: { conversationId }, query: { before: opts?.before, limit: opts?.limit } },
      options?.signal,
    );
  }

  /** Reports that the bot could not process a delivered message (B15). Idempotent. */
  async reportMessageDeliveryFailed(
    input: ReportMessageDeliveryFailedInput,
    options?: KiloChatCallOptions,
  ): Promise<void> {
    const body = input.reason === undefined ? {} : { reason: input.reason };
    await this.call(
      routes.B15,
      { params: { conversationId: input.conversationId, messageId: input.messageId }, body },
      options?.signal,
    );
  }

  // ---------------------------------------------------------------------------
  // Typing and reactions

  /** Shows the bot as typing (B4). */
  async sendTyping(conversationId: string, options?: KiloChatCallOptions): Promise<void> {
    await this.call(routes.B4, { params: { conversationId } }, options?.signal);
  }

  /** Clears the bot's typing indicator (B5); also releases a pending push notification for its last message. */
  async sendTypingStop(conversationId: string, options?: KiloChatCallOptions): Promise<void> {
    await this.call(routes.B5, { params: { conversationId } }, options?.signal);
  }

  /** Adds a reaction as the bot (B6; 201 new, 200 already live). */
  addReaction(messageId: string, req: ReactionRequestBody, options?: KiloChatCallOptions): Promise<AddReactionResponse> {
    return this.call(routes.B6, { params: { messageId }, body: req }, options?.signal);
  }

  /** Removes a reaction of the bot (B7, `?conversationId=&emoji=`, no body). */
  removeReaction(
    messageId: string,
    req: ReactionRequestBody,
    options?: KiloChatCallOptions,
  ): Promise<RemoveReactionResponse> {
    return this.call(
      routes.B7,
      { params: { messageId }, query: { conversationId: req.conversationId, emoji: req.emoji } },
      options?.signal,
    );
  }

  // ---------------------------------------------------------------------------
  // Conversations

  /** Lists the active members of a conversation, with display names (B9). */
  getMembers(conversationId: string, options?: KiloChatCallOptions): Promise<BotGetMembersResponse> {
    return this.call(routes.B9, { params: { conversationId } }, options?.signal);
  }

  /** Renames a conversation (B10). */
  renameConversation(
    conversationId: string,
    req: RenameConversationRequest,
    options?: KiloChatCallOptions,
  ): Promise<OkResponse> {
    return this.call(routes.B10, { params: { conversationId }, body: req }, options?.signal);
  }

  /** Lists the bot's conversations in this sandbox, most recently active first (B11, `?limit=&cursor=`). */
  listConversations(
    opts?: BotListConversationsOptions,
    options?: KiloChatCallOptions,
  ): Promise<BotListConversationsResponse> {
    return this.call(routes.B11, { query: { limit: opts?.limit, cursor: opts?.cursor } }, options?.signal);
  }

  /**
   * Creates a conversation between the sandbox owner and the bot (B12, 201).
   * `title` is optional (the first text message then sets one); leave
   * `additionalMembers` empty, the server refuses any other member.
   */
  createConversation(
    req: CreateBotConversationRequest = {},
    options?: KiloChatCallOptions,
  ): Promise<CreateConversationResponse> {
    return this.call(routes.B12, { body: req }, options?.signal);
  }

  /** Reports that the bot could not act on a resolved approval (B16); the resolution is reverted. Idempotent. */
  async reportActionDeliveryFailed(
    input: ReportActionDeliveryFailedInput,
    options?: KiloChatCallOptions,
  ): Promise<void> {
    const body =
      input.reason === undefined ? { messageId: input.messageId } : { messageId: input.messageId, reason: input.reason };
    await this.call(
      routes.B16,
      { params: { conversationId: input.conversationId, groupId: input.groupId }, body },
      options?.signal,
    );
  }

  // ---------------------------------------------------------------------------
  // Status

  /** Stores and pushes the bot's online status (B13). The server keeps only a strictly newer `at`. */
  async setBotStatus(req: BotStatusInput, options?: KiloChatCallOptions): Promise<void> {
    await this.call(routes.B13, { body: req }, options?.signal);
  }

  /** Stores and pushes the bot's context-window status of a conversation (B14). */
  async setConversationStatus(input: SetConversationStatusInput, options?: KiloChatCallOptions): Promise<void> {
    const { conversationId, ...body } = input;
    await this.call(routes.B14, { params: { conversationId }, body }, options?.signal);
  }

  // ---------------------------------------------------------------------------
  // Attachments

  /** Reserves an attachment and returns a presigned PUT URL (B17); `putUrlExpiresAt` in Unix seconds. */
  initAttachment(req: AttachmentInitRequest, options?: KiloChatCallOptions): Promise<AttachmentInitResponse> {
    return this.call(routes.B17, { body: req }, options?.signal);
  }

  /** Returns a presigned download URL (B18, `?conversationId=`); `expiresAt` in Unix seconds. */
  getAttachmentUrl(req: AttachmentGetUrlRequest, options?: KiloChatCallOptions): Promise<AttachmentGetUrlResponse> {
    return this.call(
      routes.B18,
      { params: { attachmentId: req.attachmentId }, query: { conversationId: req.conversationId } },
      options?.signal,
    );
  }

  private call<R extends KiloChatRouteContract>(route: R, call: RouteCall, signal: AbortSignal | undefined) {
    return this.engine.request(route, {
      ...call,
      params: { sandboxId: this.sandboxId, ...call.params },
      signal,
    });
  }
}
