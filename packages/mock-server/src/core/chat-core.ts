import type { KiloChatEventName } from '@kilocode/kilo-chat/schemas';
import type { Logger } from '@kilocode/event-service';
import type { FaultController } from '../faults/fault-controller.js';
import type { SessionHub } from '../realtime/session-hub.js';
import type { TicketStore } from '../realtime/ticket-store.js';
import type { AttachmentStore } from './attachments.js';
import type { BadgeStore } from './badges.js';
import type { BlobStore } from './blob-store.js';
import type { Caller } from './caller.js';
import type { ChatCoreOptions } from './chat-core-options.js';
import { ChatState } from './chat-state.js';
import type { Clock } from './clock.js';
import type { ConversationRecord, MessageRecord } from './conversation.js';
import type { EventPublisher } from './event-publisher.js';
import type { ListRow, MembershipLists } from './membership-lists.js';
import type { PushNotifier } from './push-notifier.js';
import type { PushOutbox } from './push-outbox.js';
import type { CreateSandboxInput, SandboxRegistry, SandboxRecord } from './sandboxes.js';
import type { StatusStore } from './status-store.js';
import type { CreateUserInput, UserDirectory, UserRecord } from './users.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';
import type { WireListItem, WireMember, WireMessage } from './wire-types.js';
import * as actionOps from './ops/action-ops.js';
import * as attachmentOps from './ops/attachment-ops.js';
import * as conversationOps from './ops/conversation-ops.js';
import * as messageOps from './ops/message-ops.js';
import * as reactionOps from './ops/reaction-ops.js';
import * as readOps from './ops/read-ops.js';
import * as seedOps from './ops/seed-ops.js';
import * as statusOps from './ops/status-ops.js';

export type { ChatCoreOptions } from './chat-core-options.js';

/** How often the core looks for expired unlinked attachments: every minute (or every TTL, when shorter). */
export const ATTACHMENT_SWEEP_INTERVAL_MS = 60_000;
export type { WireListItem, WireMember, WireMessage } from './wire-types.js';

/**
 * The one domain core behind every face of the mock: a facade above the
 * operations (`core/ops/*`), which read and write the {@link ChatState} it
 * owns. It implements the Kilo Chat rules; operations either succeed
 * completely or throw a {@link CoreError} before changing anything. The
 * stores and services of the state are reachable here too, for the faces
 * and for tests.
 */
export class ChatCore {
  /** All state and the helpers the operations share. */
  readonly state: ChatState;

  private readonly sweepTimer: ReturnType<typeof setInterval>;

  constructor(options: ChatCoreOptions) {
    this.state = new ChatState(options);
    const sweepEveryMs = Math.max(1, Math.min(ATTACHMENT_SWEEP_INTERVAL_MS, this.state.unlinkedAttachmentTtlMs));
    this.sweepTimer = setInterval(() => this.sweepExpiredAttachments(), sweepEveryMs);
    (this.sweepTimer as { unref?: () => void }).unref?.();
  }

  /**
   * Removes every never-linked attachment (row and bytes) older than
   * `unlinkedAttachmentTtlMs`, as the sweep timer does every
   * {@link ATTACHMENT_SWEEP_INTERVAL_MS}. Returns how many went.
   */
  sweepExpiredAttachments(): number {
    return this.state.operation(() => attachmentOps.sweepExpiredAttachments(this.state));
  }

  /** Time source. */
  get clock(): Clock {
    return this.state.clock;
  }
  /** Log sink. */
  get logger(): Logger {
    return this.state.logger;
  }
  /** HMAC key of gateway tokens. */
  get gatewaySecret(): string {
    return this.state.gatewaySecret;
  }
  /** Default bot webhook URL. */
  get botWebhookUrl(): string | null {
    return this.state.botWebhookUrl;
  }
  set botWebhookUrl(url: string | null) {
    this.state.botWebhookUrl = url;
  }
  /** request-bot-status freshness window in ms. */
  get botStatusFreshnessMs(): number {
    return this.state.botStatusFreshnessMs;
  }
  set botStatusFreshnessMs(ms: number) {
    this.state.botStatusFreshnessMs = ms;
  }
  /** Known users. */
  get users(): UserDirectory {
    return this.state.users;
  }
  /** Known sandboxes. */
  get sandboxes(): SandboxRegistry {
    return this.state.sandboxes;
  }
  /** Conversations by id. */
  get conversations(): Map<string, ConversationRecord> {
    return this.state.conversations;
  }
  /** Every member's conversation list. */
  get lists(): MembershipLists {
    return this.state.lists;
  }
  /** Attachment rows. */
  get attachments(): AttachmentStore {
    return this.state.attachments;
  }
  /** Uploaded bytes. */
  get blobs(): BlobStore {
    return this.state.blobs;
  }
  /** Bot and conversation statuses. */
  get statuses(): StatusStore {
    return this.state.statuses;
  }
  /** Per-user badge buckets. */
  get badges(): BadgeStore {
    return this.state.badges;
  }
  /** Recorded pushes. */
  get outbox(): PushOutbox {
    return this.state.outbox;
  }
  /** Live sockets. */
  get realtime(): SessionHub {
    return this.state.realtime;
  }
  /** Connect tickets. */
  get tickets(): TicketStore {
    return this.state.tickets;
  }
  /** Event pushes, validated. */
  get events(): EventPublisher {
    return this.state.events;
  }
  /** Bot webhooks. */
  get webhooks(): WebhookDispatcher {
    return this.state.webhooks;
  }
  /** Chat push notifications. */
  get notifier(): PushNotifier {
    return this.state.notifier;
  }
  /** Fault injection. */
  get faults(): FaultController {
    return this.state.faults;
  }

  // ---------------------------------------------------------------- seeding

  /** Creates (or replaces) a user profile. */
  createUser(input: CreateUserInput): UserRecord {
    const user: UserRecord = { id: input.id, displayName: input.displayName ?? null, avatarUrl: input.avatarUrl ?? null };
    this.state.operation(() => this.state.apply({ type: 'user.put', user }));
    return this.state.users.get(user.id) as UserRecord;
  }

  /** Creates (or replaces) a sandbox with its owner. Its bot is `bot:kiloclaw:<id>`. */
  createSandbox(input: CreateSandboxInput): SandboxRecord {
    const sandbox: SandboxRecord = {
      id: input.id,
      ownerId: input.ownerId,
      label: input.label ?? input.id,
      webhookUrl: input.webhookUrl ?? null,
    };
    this.state.operation(() => this.state.apply({ type: 'sandbox.put', sandbox }));
    return this.state.sandboxes.get(sandbox.id) as SandboxRecord;
  }

  /** Points a sandbox's bot at a webhook URL (null: fall back to the server default). */
  setBotWebhookUrl(sandboxId: string, url: string | null): void {
    if (!this.state.sandboxes.get(sandboxId)) return;
    this.state.operation(() => this.state.apply({ type: 'sandbox.webhook', sandboxId, url }));
  }

  /** Creates a conversation straight in the store (no events); may hold several humans. Returns its id. */
  seedConversation(input: seedOps.SeedConversationInput): string {
    return this.state.operation(() => seedOps.seedConversation(this.state, input));
  }

  /** Stores a message straight in the store (no events, webhooks or pushes). Returns its id. */
  seedMessage(input: seedOps.SeedMessageInput): string {
    return this.state.operation(() => seedOps.seedMessage(this.state, input));
  }

  // ---------------------------------------------------------- conversations

  /** H1: a user creates a conversation in a sandbox they own. */
  createConversation(caller: Caller, input: conversationOps.CreateConversationInput) {
    return this.state.operation(() => conversationOps.createConversation(this.state, caller, input));
  }

  /** B12: a bot creates a conversation with its sandbox owner. */
  createBotConversation(sandboxId: string, input: conversationOps.CreateBotConversationInput) {
    return this.state.operation(() => conversationOps.createBotConversation(this.state, sandboxId, input));
  }

  /** H2: the caller's conversation list, paged by cursor. */
  listConversations(caller: Caller, input: conversationOps.ListConversationsInput) {
    return this.state.operation(() => conversationOps.listConversations(this.state, caller, input));
  }

  /** B11: a bot's conversations with their members. */
  listBotConversations(sandboxId: string, input: conversationOps.ListConversationsInput) {
    return this.state.operation(() => conversationOps.listBotConversations(this.state, sandboxId, input));
  }

  /** H3: conversation details (active members only). */
  getConversation(caller: Caller, conversationId: string) {
    return this.state.operation(() => conversationOps.getConversation(this.state, caller, conversationId));
  }

  /** B9: active members of a conversation. */
  getMembers(caller: Caller, conversationId: string) {
    return this.state.operation(() => conversationOps.getMembers(this.state, caller, conversationId));
  }

  /** H4 / B10: rename. */
  renameConversation(caller: Caller, conversationId: string, title: string) {
    return this.state.operation(() => conversationOps.renameConversation(this.state, caller, conversationId, title));
  }

  /** H5: a user leaves; the bots leave too when no human remains. */
  leaveConversation(caller: Caller, conversationId: string) {
    return this.state.operation(() => conversationOps.leaveConversation(this.state, caller, conversationId));
  }

  /** H15 / H16 / B4 / B5: typing and typing.stop. */
  typing(caller: Caller, conversationId: string, stop: boolean) {
    return this.state.operation(() => conversationOps.typing(this.state, caller, conversationId, stop));
  }

  // --------------------------------------------------------------- messages

  /** H7 / B1: send a message. */
  createMessage(caller: Caller, input: messageOps.CreateMessageInput) {
    return this.state.operation(() => messageOps.createMessage(this.state, caller, input));
  }

  /** H8 / B8: list messages newest first. */
  listMessages(caller: Caller, conversationId: string, input: messageOps.ListMessagesInput) {
    return this.state.operation(() => messageOps.listMessages(this.state, caller, conversationId, input));
  }

  /** H9 / B2: edit with timestamp conflict detection. */
  editMessage(caller: Caller, messageId: string, input: messageOps.EditMessageInput) {
    return this.state.operation(() => messageOps.editMessage(this.state, caller, messageId, input));
  }

  /** H10 / B3: soft delete (repeatable by the sender). */
  deleteMessage(caller: Caller, messageId: string, conversationId: string) {
    return this.state.operation(() => messageOps.deleteMessage(this.state, caller, messageId, conversationId));
  }

  /** H12: redeliver a message whose bot delivery failed. */
  redeliverMessage(caller: Caller, conversationId: string, messageId: string) {
    return this.state.operation(() => messageOps.redeliverMessage(this.state, caller, conversationId, messageId));
  }

  /** B15: the bot reports it could not process a message. */
  reportMessageDeliveryFailed(caller: Caller, conversationId: string, messageId: string) {
    return this.state.operation(() => messageOps.reportMessageDeliveryFailed(this.state, caller, conversationId, messageId));
  }

  // -------------------------------------------------------------- reactions

  /** H13 / B6: add a reaction (idempotent on a live one). */
  addReaction(caller: Caller, messageId: string, input: reactionOps.ReactionInput) {
    return this.state.operation(() => reactionOps.addReactionOp(this.state, caller, messageId, input));
  }

  /** H14 / B7: remove a reaction (idempotent). */
  removeReaction(caller: Caller, messageId: string, input: reactionOps.ReactionInput) {
    return this.state.operation(() => reactionOps.removeReactionOp(this.state, caller, messageId, input));
  }

  // ---------------------------------------------------------------- actions

  /** H11: resolve an actions block. */
  executeAction(caller: Caller, conversationId: string, messageId: string, input: actionOps.ExecuteActionInput) {
    return this.state.operation(() => actionOps.executeAction(this.state, caller, conversationId, messageId, input));
  }

  /** B16: the bot reports it could not act on a resolution; reverts it. */
  reportActionDeliveryFailed(caller: Caller, conversationId: string, groupId: string, messageId: string) {
    return this.state.operation(() => actionOps.reportActionDeliveryFailed(this.state, caller, conversationId, groupId, messageId));
  }

  // ------------------------------------------------------------- read state

  /** H6: monotonic mark-read with badge clearing. */
  markRead(caller: Caller, conversationId: string, lastSeenMessageId: string) {
    return this.state.operation(() => readOps.markRead(this.state, caller, conversationId, lastSeenMessageId));
  }

  /** `GET /v1/badges`: the caller's non-zero buckets. */
  listBadges(userId: string) {
    return { buckets: this.state.badges.list(userId) };
  }

  /** `POST /v1/badges/mark-read`: clears a bucket, answers the new total. */
  markBadgeRead(userId: string, badgeBucket: string) {
    return this.state.operation(() => ({ badgeCount: this.state.badges.clear(userId, badgeBucket) }));
  }

  // ------------------------------------------------------------ attachments

  /** H17 / B17: start an upload. */
  initAttachment(caller: Caller, input: attachmentOps.InitAttachmentInput) {
    return this.state.operation(() => attachmentOps.initAttachment(this.state, caller, input));
  }

  /** H18 / B18: look up a linked attachment for download. */
  readAttachment(caller: Caller, attachmentId: string, conversationId: string) {
    return this.state.operation(() => attachmentOps.readAttachment(this.state, caller, attachmentId, conversationId));
  }

  // --------------------------------------------------------------- statuses

  /** H19: stored bot status (owner only). */
  getBotStatus(caller: Caller, sandboxId: string) {
    return this.state.operation(() => statusOps.getBotStatus(this.state, caller, sandboxId));
  }

  /** H20: ask the bot for a fresh status unless the stored one is fresh. */
  requestBotStatus(caller: Caller, sandboxId: string) {
    return this.state.operation(() => statusOps.requestBotStatus(this.state, caller, sandboxId));
  }

  /** H21: stored conversation status (user members only). */
  getConversationStatus(caller: Caller, conversationId: string) {
    return this.state.operation(() => statusOps.getConversationStatus(this.state, caller, conversationId));
  }

  /** B13: the bot reports its status. */
  setBotStatus(sandboxId: string, input: statusOps.BotStatusInput) {
    return this.state.operation(() => statusOps.setBotStatus(this.state, sandboxId, input));
  }

  /** B14: the bot reports a conversation's context usage. */
  setConversationStatus(sandboxId: string, conversationId: string, input: statusOps.ConversationStatusInput) {
    return this.state.operation(() => statusOps.setConversationStatus(this.state, sandboxId, conversationId, input));
  }

  // ------------------------------------------ helpers (delegates to the state)

  /** The conversation, or a 403 with `message` (unknown counts as not a member). */
  memberConversation(caller: Caller, conversationId: string, message = 'Forbidden'): ConversationRecord {
    return this.state.memberConversation(caller, conversationId, message);
  }

  /** The owner of a sandbox, or undefined. */
  ownerOf(sandboxId: string): string | undefined {
    return this.state.ownerOf(sandboxId);
  }

  /** Pushes an event to the conversation's human members on its conversation context. */
  pushToConversation(conversation: ConversationRecord, event: KiloChatEventName, payload: unknown, userIds?: readonly string[]): void {
    this.state.pushToConversation(conversation, event, payload, userIds);
  }

  /** Pushes an event on the sandbox's instance context to the given users (default: the human members). */
  pushToInstance(conversation: ConversationRecord, event: KiloChatEventName, payload: unknown, userIds?: readonly string[]): void {
    this.state.pushToInstance(conversation, event, payload, userIds);
  }

  /** A stored message in the wire shape. */
  toWireMessage(conversation: ConversationRecord, message: MessageRecord): WireMessage {
    return this.state.toWireMessage(conversation, message);
  }

  /** A list row in the wire shape. */
  toWireListItem(row: ListRow): WireListItem {
    return this.state.toWireListItem(row);
  }

  /** The active members with profile fields (bots and unknown users get nulls). */
  wireMembers(conversation: ConversationRecord): WireMember[] {
    return this.state.wireMembers(conversation);
  }

  /** Where a bot's webhooks go: its sandbox's URL, else the default; null when neither is set. */
  webhookTargetFor(botId: string): { url: string; token: string } | null {
    return this.state.webhookTargetFor(botId);
  }

  /** The bot id of a sandbox (`bot:kiloclaw:<sandboxId>`). */
  botIdOf(sandboxId: string): string {
    return this.state.botIdOf(sandboxId);
  }

  /** Stops timers (the attachment sweep included); sockets are closed by the server face. */
  dispose(): void {
    clearInterval(this.sweepTimer);
    this.state.dispose();
  }
}
