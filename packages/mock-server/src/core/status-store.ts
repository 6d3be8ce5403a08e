/** The capabilities a bot may advertise; unknown values are dropped. */
export const KNOWN_CAPABILITIES = ['attachments'] as const;

/** A known capability. */
export type KnownCapability = (typeof KNOWN_CAPABILITIES)[number];

/** A stored bot status (`BotStatusRecord` on the wire). */
export interface BotStatus {
  online: boolean;
  at: number;
  updatedAt: number;
  capabilities?: KnownCapability[];
}

/** A stored conversation status (`ConversationStatusRecord` on the wire). */
export interface ConversationStatus {
  conversationId: string;
  contextTokens: number;
  contextWindow: number;
  model: string | null;
  provider: string | null;
  at: number;
  updatedAt: number;
}

/** Keeps only the known capabilities, in the order given. */
export function filterCapabilities(values: readonly unknown[] | undefined): KnownCapability[] {
  if (!values) return [];
  return values.filter((v): v is KnownCapability => (KNOWN_CAPABILITIES as readonly unknown[]).includes(v));
}

/**
 * Bot and conversation statuses with the reference's monotonic upsert: an
 * existing record is replaced only when the incoming `at` is strictly greater.
 */
export class StatusStore {
  private readonly bots = new Map<string, BotStatus>();
  private readonly conversations = new Map<string, ConversationStatus>();

  /** The bot status of a sandbox, or null. */
  bot(sandboxId: string): BotStatus | null {
    const record = this.bots.get(sandboxId);
    return record ? { ...record, ...(record.capabilities ? { capabilities: [...record.capabilities] } : {}) } : null;
  }

  /** Writes a bot status unless a record with an equal or newer `at` exists. Returns whether it was stored. */
  upsertBot(sandboxId: string, input: { online: boolean; at: number; capabilities?: KnownCapability[] }, now: number): boolean {
    const existing = this.bots.get(sandboxId);
    if (existing && !(input.at > existing.at)) return false;
    const record: BotStatus = { online: input.online, at: input.at, updatedAt: now };
    if (input.capabilities && input.capabilities.length > 0) record.capabilities = [...input.capabilities];
    this.bots.set(sandboxId, record);
    return true;
  }

  /** The status of a conversation, or null. */
  conversation(conversationId: string): ConversationStatus | null {
    const record = this.conversations.get(conversationId);
    return record ? { ...record } : null;
  }

  /** Writes a conversation status unless one with an equal or newer `at` exists. */
  upsertConversation(input: Omit<ConversationStatus, 'updatedAt'>, now: number): boolean {
    const existing = this.conversations.get(input.conversationId);
    if (existing && !(input.at > existing.at)) return false;
    this.conversations.set(input.conversationId, { ...input, updatedAt: now });
    return true;
  }

  /** Every stored bot status by sandbox id, for dumps and snapshots. */
  botEntries(): [string, BotStatus][] {
    return [...this.bots.keys()].map((id) => [id, this.bot(id) as BotStatus]);
  }

  /** Every stored conversation status, for dumps and snapshots. */
  conversationEntries(): ConversationStatus[] {
    return [...this.conversations.values()].map((record) => ({ ...record }));
  }
}
