import { kiloclawConversationContext, kiloclawInstanceContext, type Logger, noopLogger } from '@kilocode/event-service';
import { buildReplyToMessageSnapshot, type KiloChatEventName } from '@kilocode/kilo-chat/schemas';
import { gatewayTokenFor } from '../auth/gateway-token.js';
import { FaultController } from '../faults/fault-controller.js';
import { SessionHub } from '../realtime/session-hub.js';
import { TicketStore } from '../realtime/ticket-store.js';
import { AttachmentStore } from './attachments.js';
import { BadgeStore } from './badges.js';
import { BlobStore } from './blob-store.js';
import { botIdForSandbox, sandboxIdFromBotId } from './bot-identity.js';
import type { Caller } from './caller.js';
import type { ChatCoreOptions } from './chat-core-options.js';
import { type Clock, systemClock } from './clock.js';
import { cloneContent } from './content.js';
import type { ConversationRecord, MessageRecord } from './conversation.js';
import { CoreError } from './core-error.js';
import { EventPublisher } from './event-publisher.js';
import { type ListRow, MembershipLists } from './membership-lists.js';
import { PushNotifier } from './push-notifier.js';
import { PushOutbox } from './push-outbox.js';
import { groupReactions } from './reactions.js';
import { SandboxRegistry } from './sandboxes.js';
import { StatusStore } from './status-store.js';
import { UserDirectory } from './users.js';
import { applyStateChange } from './state-reducer.js';
import type { StateChange } from './state-change.js';
import type { PersistentStores } from './state-stores.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import type { WireListItem, WireMember, WireMessage } from './wire-types.js';

/** Receives the changes of one operation (or one change made outside any), in order. */
export type CommitListener = (changes: readonly StateChange[]) => void;

/** How long a never-linked attachment (row and bytes) is kept: 1 hour after init. */
export const DEFAULT_UNLINKED_ATTACHMENT_TTL_MS = 60 * 60 * 1000;

/**
 * Everything the mock holds, and the helpers the operations share. The
 * operations (`core/ops/*`) read it and write it through one door,
 * {@link ChatState.apply}; `ChatCore` is the facade above them. Persistent
 * state (users, sandboxes, conversations, messages, lists, attachments,
 * blobs, statuses, badges) sits beside the ephemeral services (sockets,
 * tickets, event, webhook and push logs, faults), which stay outside the door.
 */
export class ChatState implements PersistentStores {
  /** Time source (with the configured offset applied). */
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
  readonly outbox: PushOutbox;
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
  /** A pending attachment older than this (ms since init) is gone: it cannot be linked and the sweep removes it. */
  readonly unlinkedAttachmentTtlMs: number;

  private readonly commitListeners = new Set<CommitListener>();
  private pending: StateChange[] | null = null;

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
    this.outbox = new PushOutbox(options.logCapacity?.pushes);
    this.events = new EventPublisher(this.realtime, this.logger, options.eventDelayMs, options.logCapacity?.events);
    this.webhooks = new WebhookDispatcher({
      resolveTarget: (botId) => this.webhookTargetFor(botId),
      ...(options.webhookRetryDelaysMs ? { retryDelaysMs: options.webhookRetryDelaysMs } : {}),
      ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
      ...(options.webhookFetch ? { fetch: options.webhookFetch } : {}),
      clock: this.clock,
      logger: this.logger,
      ...(options.logCapacity?.webhooks !== undefined ? { logCapacity: options.logCapacity.webhooks } : {}),
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
    this.unlinkedAttachmentTtlMs = options.unlinkedAttachmentTtlMs ?? DEFAULT_UNLINKED_ATTACHMENT_TTL_MS;
    this.badges.routeWritesThrough({
      add: (userId, bucket, delta) => this.apply({ type: 'badge.add', userId, bucket, delta }),
      clear: (userId, bucket) => this.apply({ type: 'badge.clear', userId, bucket }),
    });
    this.blobs.routeWritesThrough((key, bytes, contentType) => this.apply({ type: 'blob.put', key, bytes, contentType }));
  }

  // ------------------------------------------------------- the write door

  /**
   * The one door for every change of persistent state: applies `change`
   * through the reducer, then hands it to the commit listeners (the
   * `--data-dir` journal) — at the end of the enclosing {@link operation},
   * or at once when there is none (timers, webhook outcomes).
   */
  apply(change: StateChange): void {
    applyStateChange(this, change);
    if (this.commitListeners.size === 0) return;
    if (this.pending) this.pending.push(change);
    else this.commit([change]);
  }

  /**
   * Runs one operation: the changes it applies are committed together when
   * it returns or throws (a failed operation may have stored some, as
   * mark-read stores the marker before a failed badge clear). Nested calls
   * join the outer operation.
   */
  operation<T>(run: () => T): T {
    if (this.pending) return run();
    this.pending = [];
    try {
      return run();
    } finally {
      const changes = this.pending;
      this.pending = null;
      if (changes.length > 0) this.commit(changes);
    }
  }

  /** Adds a listener for committed changes; returns its removal. */
  onCommit(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  private commit(changes: readonly StateChange[]): void {
    for (const listener of this.commitListeners) listener(changes);
  }

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
