import {
  badgeBucketForConversation,
  chatIdempotencyKey,
  presentConversationPush,
  pushSuppressionContextForConversation,
} from '@kilocode/notifications';
import type { BadgeStore } from './badges.js';
import type { Clock } from './clock.js';
import { concatenatedText } from './content.js';
import type { ConversationRecord, MessageRecord } from './conversation.js';
import type { PushOutbox, PushTrigger } from './push-outbox.js';
import type { SandboxRegistry } from './sandboxes.js';

/** A bot message's push fires once its text reaches this many characters. */
export const BOT_PUSH_MIN_TEXT = 160;

/** A bot message's push fires after this long at the latest: 10 s. */
export const DEFAULT_BOT_PUSH_TIMEOUT_MS = 10_000;

interface PendingBotPush {
  conversation: ConversationRecord;
  messageId: string;
  senderId: string;
  timer: ReturnType<typeof setTimeout>;
}

/** What the notifier reads and writes. */
export interface PushNotifierDeps {
  sandboxes: SandboxRegistry;
  badges: BadgeStore;
  outbox: PushOutbox;
  clock: Clock;
  /** Presence lookup (the event service's `isUserInContext`). */
  isUserInContext(userId: string, context: string): boolean;
  /** Timeout for pending bot pushes, in ms. */
  botPushTimeoutMs?: number;
}

/**
 * The chat side of push notifications. A human's message notifies the other
 * humans at once; a bot's message notifies every human once, when its text
 * reaches 160 characters, the bot stops typing, or 10 s pass. A recipient who
 * holds the conversation's presence context is skipped (no badge); everyone
 * else gets +1 on the conversation's badge bucket and a record in the outbox.
 */
export class PushNotifier {
  private readonly pending = new Map<string, PendingBotPush>();

  constructor(private readonly deps: PushNotifierDeps) {}

  /** A human sent a message. */
  humanMessage(conversation: ConversationRecord, message: MessageRecord): void {
    const recipients = conversation.activeHumans().filter((id) => id !== message.senderId);
    this.dispatch(conversation, message, recipients, 'message.created');
  }

  /** A bot sent a message: fire now if long enough, else wait for a trigger. */
  botMessage(conversation: ConversationRecord, message: MessageRecord): void {
    if (concatenatedText(message.content).length >= BOT_PUSH_MIN_TEXT) {
      this.dispatch(conversation, message, conversation.activeHumans(), 'bot.length');
      return;
    }
    const timer = setTimeout(() => this.fire(message.id, 'bot.timeout'), this.deps.botPushTimeoutMs ?? DEFAULT_BOT_PUSH_TIMEOUT_MS);
    (timer as { unref?: () => void }).unref?.();
    this.pending.set(message.id, { conversation, messageId: message.id, senderId: message.senderId, timer });
  }

  /** A bot edited a message: fire if it is now long enough. */
  botEdit(message: MessageRecord): void {
    if (this.pending.has(message.id) && concatenatedText(message.content).length >= BOT_PUSH_MIN_TEXT) {
      this.fire(message.id, 'bot.length');
    }
  }

  /** A bot stopped typing: fire its pending pushes in that conversation. */
  botTypingStopped(conversationId: string, botId: string): void {
    for (const entry of [...this.pending.values()]) {
      if (entry.conversation.id === conversationId && entry.senderId === botId) this.fire(entry.messageId, 'bot.typing_stop');
    }
  }

  /** A message was deleted: its pending push is cancelled. */
  messageDeleted(messageId: string): void {
    const entry = this.pending.get(messageId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(messageId);
  }

  /** Cancels every pending timer (server shutdown). */
  dispose(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private fire(messageId: string, trigger: PushTrigger): void {
    const entry = this.pending.get(messageId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(messageId);
    const message = entry.conversation.getMessage(messageId);
    if (!message || message.deleted) return;
    this.dispatch(entry.conversation, message, entry.conversation.activeHumans(), trigger);
  }

  private dispatch(conversation: ConversationRecord, message: MessageRecord, recipients: string[], trigger: PushTrigger): void {
    const sandboxId = conversation.sandboxId;
    if (!sandboxId || recipients.length === 0) return;
    const label = this.deps.sandboxes.get(sandboxId)?.label ?? sandboxId;
    const presentation = presentConversationPush({ sandboxLabel: label, conversationTitle: conversation.title, content: message.content });
    const presenceContext = pushSuppressionContextForConversation(sandboxId, conversation.id);
    const badgeBucket = badgeBucketForConversation(sandboxId, conversation.id);
    for (const userId of new Set(recipients)) {
      const idempotencyKey = chatIdempotencyKey(message.id, userId);
      if (this.deps.outbox.has(idempotencyKey)) continue;
      const present = this.deps.isUserInContext(userId, presenceContext);
      const badgeTotal = present ? this.deps.badges.total(userId) : this.deps.badges.increment(userId, badgeBucket, 1);
      this.deps.outbox.add({
        userId,
        idempotencyKey,
        presenceContext,
        badge: present ? null : { badgeBucket, delta: 1 },
        badgeTotal,
        push: {
          title: presentation.title,
          body: presentation.bodyPreview,
          data: { type: 'chat.message', sandboxId, conversationId: conversation.id, messageId: message.id },
          sound: 'default',
          priority: 'high',
          ...(presentation.i18nKey ? { i18nKey: presentation.i18nKey, i18nParams: { ...presentation.i18nParams } } : {}),
        },
        outcome: present ? 'suppressed_presence' : 'delivered',
        trigger,
        at: this.deps.clock.now(),
      });
    }
  }
}
