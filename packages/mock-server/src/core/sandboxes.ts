/** A kiloclaw sandbox: one owner, one bot, and where that bot's webhooks go. */
export interface SandboxRecord {
  /** The sandbox id (`[A-Za-z0-9_-]{1,64}`). */
  id: string;
  /** The user who owns it; only they may create human conversations in it. */
  ownerId: string;
  /** Label used in push titles (`<label> · <title>`); defaults to the id. */
  label: string;
  /** Where the bot's webhooks are POSTed; null falls back to the server default. */
  webhookUrl: string | null;
}

/** Input of {@link SandboxRegistry.create}. */
export interface CreateSandboxInput {
  /** The sandbox id. */
  id: string;
  /** The owning user id. */
  ownerId: string;
  /** Optional label for push titles. */
  label?: string;
  /** Optional per-bot webhook URL. */
  webhookUrl?: string | null;
}

/** The sandboxes the mock knows, keyed by id. */
export class SandboxRegistry {
  private readonly sandboxes = new Map<string, SandboxRecord>();

  /** Creates or replaces a sandbox. */
  create(input: CreateSandboxInput): SandboxRecord {
    const record: SandboxRecord = {
      id: input.id,
      ownerId: input.ownerId,
      label: input.label ?? input.id,
      webhookUrl: input.webhookUrl ?? null,
    };
    this.sandboxes.set(input.id, record);
    return record;
  }

  /** The sandbox, or undefined. */
  get(id: string): SandboxRecord | undefined {
    return this.sandboxes.get(id);
  }

  /** Points the sandbox's bot at another webhook URL (null: use the default). */
  setWebhookUrl(id: string, url: string | null): void {
    const record = this.sandboxes.get(id);
    if (record) record.webhookUrl = url;
  }

  /** Every sandbox, in creation order. */
  all(): SandboxRecord[] {
    return [...this.sandboxes.values()];
  }
}
