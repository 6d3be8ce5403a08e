import { kiloclawConversationContext, kiloclawInstanceContext, type Logger, noopLogger } from '@kilocode/event-service';
import { buildReplyToMessageSnapshot, type KiloChatEventName } from '@kilocode/kilo-chat/schemas';
import { SessionHub } from '../realtime/session-hub.js';
import { TicketStore } from '../realtime/ticket-store.js';
import { FaultController } from '../faults/fault-controller.js';
import { AttachmentStore } from './attachments.js';
import { BadgeStore } from './badges.js';
import { BlobStore } from './blob-store.js';
import { botIdForSandbox, sandboxIdFromBotId } from './bot-identity.js';
import type { Caller } from './caller.js';
import { type Clock, systemClock } from './clock.js';
import { cloneContent } from './content.js';
import type { ConversationRecord, MessageRecord } from './conversation.js';
import { CoreError } from './core-error.js';
import { EventPublisher } from './event-publisher.js';
import { gatewayTokenFor } from '../auth/gateway-token.js';
import { type ListRow, MembershipLists } from './membership-lists.js';
import { PushNotifier } from './push-notifier.js';
import { PushOutbox } from './push-outbox.js';
import { groupReactions } from './reactions.js';
import { type CreateSandboxInput, SandboxRegistry, type SandboxRecord } from './sandboxes.js';
import { StatusStore } from './status-store.js';
import { type CreateUserInput, UserDirectory, type UserRecord } from './users.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import * as actionOps from './ops/action-ops.js';
import * as attachmentOps from './ops/attachment-ops.js';
import * as conversationOps from './ops/conversation-ops.js';
import * as messageOps from './ops/message-ops.js';
import * as reactionOps from './ops/reaction-ops.js';
import * as readOps from './ops/read-ops.js';
import * as seedOps from './ops/seed-ops.js';
import * as statusOps from './ops/status-ops.js';

/** Options of {@link ChatCore}. */
export interface ChatCoreOptions {
  /** HMAC key of the bot gateway tokens (also authenticates outgoing webhooks). */
  gatewaySecret: string;
  /** Default webhook URL for bots whose sandbox sets none. Null: such bots get no webhooks. */
  botWebhookUrl?: string | null;
  /** Waits between webhook attempts. Default `[500, 1000]` (3 attempts). */
  webhookRetryDelaysMs?: readonly number[];
  /** Per-attempt webhook timeout in ms. Default 15000. */
  webhookTimeoutMs?: number;
  /** fetch used for webhooks. Default: the global fetch at call time. */
  webhookFetch?: typeof fetch;
  /** How long a pending bot push waits before firing. Default 10000 ms. */
  botPushTimeoutMs?: number;
  /** request-bot-status skips the bot when the stored status is younger than this. Default 10000 ms. */
  botStatusFreshnessMs?: number;
  /** Connect-ticket lifetime. Default 30000 ms. */
  ticketTtlMs?: number;
  /** Time source. Default: `Date.now()` at call time. */
  clock?: Clock;
  /**
   * Added to every time the core reads, in ms: a server clock ahead of its
   * clients (positive) or behind them (negative). Default 0.
   */
  clockOffsetMs?: number;
  /**
   * Push each event this many ms after the operation that causes it (a
   * function is asked per push and recipient), so events arrive after the
   * HTTP response and in no fixed order, as the real service's `waitUntil`
   * fan-out delivers them (kilo-chat.md §2). Default: pushed at once, before
   * the response.
   */
  eventDelayMs?: number | (() => number);
  /** Log sink. Default: silent. */
  logger?: Logger;
}

/** A message as the wire shows it (`Message`). */
export interface WireMessage {
  id: string;
  senderId: string;
  content: MessageRecord['content'];
  inReplyToMessageId: string | null;
  replyTo: ReturnType<typeof buildReplyToMessageSnapshot> | null;
  updatedAt: number | null;
  clientUpdatedAt: number | null;
  deleted: boolean;
  deliveryFailed: boolean;
  reactions: ReturnType<typeof groupReactions>;
}

/** A conversation list row as the wire shows it (`ConversationListItem`). */
export interface WireListItem {
  conversationId: string;
  title: string | null;
  lastActivityAt: number | null;
  lastReadAt: number | null;
  joinedAt: number;
}

/** A member as conversation details show it. */
export interface WireMember {
  id: string;
  kind: 'user' | 'bot';
  displayName: string | null;
  avatarUrl: string | null;
}

/**
 * The one in-memory domain core behind every face of the mock. It holds all
 * state (users, sandboxes, conversations, messages, reactions, read state,
 * statuses, attachments, badges, sockets) and implements the Kilo Chat rules.
 * Operations either succeed completely or throw a {@link CoreError} before
 * changing anything.
 */
export class ChatCore {
  /** Time source. */
  readonly clock: Clock;
  /** Log sink. */
  readonly logger: Logger;
  /** HMAC key of gateway tokens. */
  readonly gatewaySecret: string;
  /** Default bot webhook URL. */
  botWebhookUrl: string | null;
  /** request-bot-status freshness window in ms. */
  botStatusFreshnessMs: number;
  /** Known users. */
  readonly users = new UserDirectory();
  /** Known sandboxes. */
  readonly sandboxes = new SandboxRegistry();
  /** Conversations by id. */
  readonly conversations = new Map<string, ConversationRecord>();
  /** Every member's conversation list. */
  readonly lists = new MembershipLists();
  /** Attachment rows. */
  readonly attachments = new AttachmentStore();
  /** Uploaded bytes. */
  readonly blobs = new BlobStore();
  /** Bot and conversation statuses. */
  readonly statuses = new StatusStore();
  /** Per-user badge buckets. */
  readonly badges = new BadgeStore();
  /** Recorded pushes. */
  readonly outbox = new PushOutbox();
  /** Live sockets. */
  readonly realtime: SessionHub;
  /** Connect tickets. */
  readonly tickets: TicketStore;
  /** Event pushes, validated. */
  readonly events: EventPublisher;
  /** Bot webhooks. */
  readonly webhooks: WebhookDispatcher;
  /** Chat push notifications. */
  readonly notifier: PushNotifier;
  /** Fault injection. */
  readonly faults: FaultController;

  constructor(options: ChatCoreOptions) {
    const clock = options.clock ?? systemClock;
    const offsetMs = options.clockOffsetMs ?? 0;
    this.clock = offsetMs === 0 ? clock : { now: () => clock.now() + offsetMs };
    this.logger = options.logger ?? noopLogger;
    this.gatewaySecret = options.gatewaySecret;
    this.botWebhookUrl = options.botWebhookUrl ?? null;
    this.botStatusFreshnessMs = options.botStatusFreshnessMs ?? 10_000;
    this.realtime = new SessionHub(this.logger);
    this.tickets = new TicketStore(this.clock, options.ticketTtlMs);
    this.events = new EventPublisher(this.realtime, this.logger, options.eventDelayMs);
    this.webhooks = new WebhookDispatcher({
      resolveTarget: (botId) => this.webhookTargetFor(botId),
      ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
      ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
      ...(options.webhookFetch ? { fetch: options.webhookFetch } : {}),
      clock: this.clock,
      logger: this.logger,
    });
    this.notifier = new PushNotifier({
      sandboxes: this.sandboxes,
      badges: this.badges,
      outbox: this.outbox,
      clock: this.clock,
      isUserInContext: (userId, context) => this.realtime.isUserInContext(userId, context),
      ...(options.botPushTimeoutMs !== undefined ? { botPushTimeoutMs: options.botPushTimeoutMs } : {}),
    });
    this.faults = new FaultController(this.realtime, this.tickets);
  }

  // ---------------------------------------------------------------- seeding

  /** Creates (or replaces) a user profile. */
  createUser(input: CreateUserInput): UserRecord {
    return this.users.create(input);
  }

  /** Creates (or replaces) a sandbox with its owner. Its bot is `bot:kiloclaw:<id>`. */
  createSandbox(input: CreateSandboxInput): SandboxRecord {
    return this.sandboxes.create(input);
  }

  /** Points a sandbox's bot at a webhook URL (null: fall back to the server default). */
  setBotWebhookUrl(sandboxId: string, url: string | null): void {
    this.sandboxes.setWebhookUrl(sandboxId, url);
  }

  /** Creates a conversation straight in the store (no events); may hold several humans. Returns its id. */
  seedConversation(input: seedOps.SeedConversationInput): string {
    return seedOps.seedConversation(this, input);
  }

  /** Stores a message straight in the store (no events, webhooks or pushes). Returns its id. */
  seedMessage(input: seedOps.SeedMessageInput): string {
    return seedOps.seedMessage(this, input);
  }

  // ---------------------------------------------------------- conversations

  /** H1: a user creates a conversation in a sandbox they own. */
  createConversation(caller: Caller, input: conversationOps.CreateConversationInput) {
    return conversationOps.createConversation(this, caller, input);
  }

  /** B12: a bot creates a conversation with its sandbox owner. */
  createBotConversation(sandboxId: string, input: conversationOps.CreateBotConversationInput) {
    return conversationOps.createBotConversation(this, sandboxId, input);
  }

  /** H2: the caller's conversation list, paged by cursor. */
  listConversations(caller: Caller, input: conversationOps.ListConversationsInput) {
    return conversationOps.listConversations(this, caller, input);
  }

  /** B11: a bot's conversations with their members. */
  listBotConversations(sandboxId: string, input: conversationOps.ListConversationsInput) {
    return conversationOps.listBotConversations(this, sandboxId, input);
  }

  /** H3: conversation details (active members only). */
  getConversation(caller: Caller, conversationId: string) {
    return conversationOps.getConversation(this, caller, conversationId);
  }

  /** B9: active members of a conversation. */
  getMembers(caller: Caller, conversationId: string) {
    return conversationOps.getMembers(this, caller, conversationId);
  }

  /** H4 / B10: rename. */
  renameConversation(caller: Caller, conversationId: string, title: string) {
    return conversationOps.renameConversation(this, caller, conversationId, title);
  }

  /** H5: a user leaves; the bots leave too when no human remains. */
  leaveConversation(caller: Caller, conversationId: string) {
    return conversationOps.leaveConversation(this, caller, conversationId);
  }

  /** H15 / H16 / B4 / B5: typing and typing.stop. */
  typing(caller: Caller, conversationId: string, stop: boolean) {
    return conversationOps.typing(this, caller, conversationId, stop);
  }

  // --------------------------------------------------------------- messages

  /** H7 / B1: send a message. */
  createMessage(caller: Caller, input: messageOps.CreateMessageInput) {
    return messageOps.createMessage(this, caller, input);
  }

  /** H8 / B8: list messages newest first. */
  listMessages(caller: Caller, conversationId: string, input: messageOps.ListMessagesInput) {
    return messageOps.listMessages(this, caller, conversationId, input);
  }

  /** H9 / B2: edit with timestamp conflict detection. */
  editMessage(caller: Caller, messageId: string, input: messageOps.EditMessageInput) {
    return messageOps.editMessage(this, caller, messageId, input);
  }

  /** H10 / B3: soft delete (repeatable by the sender). */
  deleteMessage(caller: Caller, messageId: string, conversationId: string) {
    return messageOps.deleteMessage(this, caller, messageId, conversationId);
  }

  /** H12: redeliver a message whose bot delivery failed. */
  redeliverMessage(caller: Caller, conversationId: string, messageId: string) {
    return messageOps.redeliverMessage(this, caller, conversationId, messageId);
  }

  /** B15: the bot reports it could not process a message. */
  reportMessageDeliveryFailed(caller: Caller, conversationId: string, messageId: string) {
    return messageOps.reportMessageDeliveryFailed(this, caller, conversationId, messageId);
  }

  // -------------------------------------------------------------- reactions

  /** H13 / B6: add a reaction (idempotent on a live one). */
  addReaction(caller: Caller, messageId: string, input: reactionOps.ReactionInput) {
    return reactionOps.addReactionOp(this, caller, messageId, input);
  }

  /** H14 / B7: remove a reaction (idempotent). */
  removeReaction(caller: Caller, messageId: string, input: reactionOps.ReactionInput) {
    return reactionOps.removeReactionOp(this, caller, messageId, input);
  }

  // ---------------------------------------------------------------- actions

  /** H11: resolve an actions block. */
  executeAction(caller: Caller, conversationId: string, messageId: string, input: actionOps.ExecuteActionInput) {
    return actionOps.executeAction(this, caller, conversationId, messageId, input);
  }

  /** B16: the bot reports it could not act on a resolution; reverts it. */
  reportActionDeliveryFailed(caller: Caller, conversationId: string, groupId: string, messageId: string) {
    return actionOps.reportActionDeliveryFailed(this, caller, conversationId, groupId, messageId);
  }

  // ------------------------------------------------------------- read state

  /** H6: monotonic mark-read with badge clearing. */
  markRead(caller: Caller, conversationId: string, lastSeenMessageId: string) {
    return readOps.markRead(this, caller, conversationId, lastSeenMessageId);
  }

  /** `GET /v1/badges`: the caller's non-zero buckets. */
  listBadges(userId: string) {
    return { buckets: this.badges.list(userId) };
  }

  /** `POST /v1/badges/mark-read`: clears a bucket, answers the new total. */
  markBadgeRead(userId: string, badgeBucket: string) {
    return { badgeCount: this.badges.clear(userId, badgeBucket) };
  }

  // ------------------------------------------------------------ attachments

  /** H17 / B17: start an upload. */
  initAttachment(caller: Caller, input: attachmentOps.InitAttachmentInput) {
    return attachmentOps.initAttachment(this, caller, input);
  }

  /** H18 / B18: look up a linked attachment for download. */
  readAttachment(caller: Caller, attachmentId: string, conversationId: string) {
    return attachmentOps.readAttachment(this, caller, attachmentId, conversationId);
  }

  // --------------------------------------------------------------- statuses

  /** H19: stored bot status (owner only). */
  getBotStatus(caller: Caller, sandboxId: string) {
    return statusOps.getBotStatus(this, caller, sandboxId);
  }

  /** H20: ask the bot for a fresh status unless the stored one is fresh. */
  requestBotStatus(caller: Caller, sandboxId: string) {
    return statusOps.requestBotStatus(this, caller, sandboxId);
  }

  /** H21: stored conversation status (user members only). */
  getConversationStatus(caller: Caller, conversationId: string) {
    return statusOps.getConversationStatus(this, caller, conversationId);
  }

  /** B13: the bot reports its status. */
  setBotStatus(sandboxId: string, input: statusOps.BotStatusInput) {
    return statusOps.setBotStatus(this, sandboxId, input);
  }

  /** B14: the bot reports a conversation's context usage. */
  setConversationStatus(sandboxId: string, conversationId: string, input: statusOps.ConversationStatusInput) {
    return statusOps.setConversationStatus(this, sandboxId, conversationId, input);
  }

  // ---------------------------------------------------- helpers for the ops

  /** The conversation, or a 403 with `message` (unknown counts as not a member). */
  memberConversation(caller: Caller, conversationId: string, message = 'Forbidden'): ConversationRecord {
    const conversation = this.conversations.get(conversationId.toUpperCase());
    if (!conversation || !conversation.isActive(caller.id)) throw new CoreError(403, message);
    return conversation;
  }

  /** The owner of a sandbox, or undefined. */
  ownerOf(sandboxId: string): string | undefined {
    return this.sandboxes.get(sandboxId)?.ownerId;
  }

  /** Pushes an event to the conversation's human members on its conversation context. */
  pushToConversation(conversation: ConversationRecord, event: KiloChatEventName, payload: unknown, userIds?: readonly string[]): void {
    const sandboxId = conversation.sandboxId;
    if (!sandboxId) return;
    const context = kiloclawConversationContext(sandboxId, conversation.id);
    this.events.pushToAll(userIds ?? conversation.activeHumans(), context, event, payload);
  }

  /** Pushes an event on the sandbox's instance context to the given users (default: the human members). */
  pushToInstance(conversation: ConversationRecord, event: KiloChatEventName, payload: unknown, userIds?: readonly string[]): void {
    const sandboxId = conversation.sandboxId;
    if (!sandboxId) return;
    this.events.pushToAll(userIds ?? conversation.activeHumans(), kiloclawInstanceContext(sandboxId), event, payload);
  }

  /** A stored message in the wire shape. */
  toWireMessage(conversation: ConversationRecord, message: MessageRecord): WireMessage {
    let replyTo: WireMessage['replyTo'] = null;
    if (message.inReplyToMessageId !== null) {
      const parent = conversation.getMessage(message.inReplyToMessageId);
      replyTo = buildReplyToMessageSnapshot(
        message.inReplyToMessageId,
        parent ? { senderId: parent.senderId, deleted: parent.deleted, content: parent.content } : null,
      );
    }
    return {
      id: message.id,
      senderId: message.senderId,
      content: message.deleted ? [] : cloneContent(message.content),
      inReplyToMessageId: message.inReplyToMessageId,
      replyTo,
      updatedAt: message.updatedAt,
      clientUpdatedAt: message.clientUpdatedAt,
      deleted: message.deleted,
      deliveryFailed: message.deliveryFailed,
      reactions: groupReactions(message.reactions),
    };
  }

  /** A list row in the wire shape. */
  toWireListItem(row: ListRow): WireListItem {
    return {
      conversationId: row.conversationId,
      title: row.title,
      lastActivityAt: row.lastActivityAt,
      lastReadAt: row.lastReadAt,
      joinedAt: row.joinedAt,
    };
  }

  /** The active members with profile fields (bots and unknown users get nulls). */
  wireMembers(conversation: ConversationRecord): WireMember[] {
    return conversation.activeMembers().map((m) => {
      const user = m.kind === 'user' ? this.users.get(m.id) : undefined;
      return { id: m.id, kind: m.kind, displayName: user?.displayName ?? null, avatarUrl: user?.avatarUrl ?? null };
    });
  }

  /** Where a bot's webhooks go: its sandbox's URL, else the default; null when neither is set. */
  webhookTargetFor(botId: string): { url: string; token: string } | null {
    const sandboxId = sandboxIdFromBotId(botId);
    if (!sandboxId) return null;
    const url = this.sandboxes.get(sandboxId)?.webhookUrl ?? this.botWebhookUrl;
    if (!url) return null;
    return { url, token: gatewayTokenFor(this.gatewaySecret, sandboxId) };
  }

  /** The bot id of a sandbox (`bot:kiloclaw:<sandboxId>`). */
  botIdOf(sandboxId: string): string {
    return botIdForSandbox(sandboxId);
  }

  /** Stops timers; sockets are closed by the server face. */
  dispose(): void {
    this.notifier.dispose();
    this.events.dispose();
  }
}
