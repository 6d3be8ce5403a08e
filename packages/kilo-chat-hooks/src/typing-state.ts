/** How long a member shows as typing after their last `typing` event, in milliseconds: 5000. */
export const TYPING_EXPIRY_MS = 5_000;

/** Options of {@link TypingState}. */
export interface TypingStateOptions {
  /** The event context of the conversation (`/kiloclaw/<sandboxId>/<conversationId>`); events from any other context are ignored. */
  context: string;
  /** The signed-in user; their own typing events are ignored. `null` when unknown. */
  currentUserId: string | null;
  /**
   * How long a member shows as typing after their last `typing` event, in milliseconds.
   * @default {@link TYPING_EXPIRY_MS} (5000)
   */
  expiryMs?: number;
}

/** True for bot member ids (`bot:…`). */
function isBotMember(memberId: string): boolean {
  return memberId.startsWith('bot:');
}

const EMPTY: readonly string[] = Object.freeze([]);

/**
 * Who is typing in one conversation, without React. Feed it the
 * conversation's `typing`, `typing.stop` and `message.created` events; read
 * {@link getSnapshot} (member ids in the order they started typing) and
 * {@link subscribe} to changes.
 *
 * - A `typing` event adds the member (once) and (re)starts a 5 s expiry for them.
 * - `typing.stop`, or a `message.created` from a human member, removes the member at once.
 *   A bot's `message.created` does not: bots stream replies as several
 *   messages and end typing with `typing.stop`.
 * - Events from other contexts and the current user's own events are ignored.
 *
 * Timers use the global `setTimeout`, looked up at call time, so fake timers drive them.
 */
export class TypingState {
  private members: readonly string[] = EMPTY;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private readonly context: string;
  private readonly currentUserId: string | null;
  private readonly expiryMs: number;
  private disposed = false;

  /** @param options - see {@link TypingStateOptions}. */
  constructor(options: TypingStateOptions) {
    this.context = options.context;
    this.currentUserId = options.currentUserId;
    this.expiryMs = options.expiryMs ?? TYPING_EXPIRY_MS;
  }

  /** Member ids currently typing, in the order they started; the same array until it changes. */
  getSnapshot = (): readonly string[] => this.members;

  /**
   * Calls `listener` after every change of {@link getSnapshot}.
   * @returns a function that removes the listener.
   */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** A `typing` event: `memberId` is typing in `context`. */
  handleTyping(context: string, memberId: string): void {
    if (!this.accepts(context, memberId)) return;
    this.clearTimer(memberId);
    this.timers.set(
      memberId,
      globalThis.setTimeout(() => {
        this.timers.delete(memberId);
        this.remove(memberId);
      }, this.expiryMs),
    );
    if (!this.members.includes(memberId)) this.publish([...this.members, memberId]);
  }

  /** A `typing.stop` event: `memberId` stopped typing in `context`. */
  handleTypingStop(context: string, memberId: string): void {
    if (!this.accepts(context, memberId)) return;
    this.clearTimer(memberId);
    this.remove(memberId);
  }

  /** A `message.created` event: a human sender stops showing as typing. */
  handleMessageCreated(context: string, senderId: string): void {
    if (isBotMember(senderId)) return;
    this.handleTypingStop(context, senderId);
  }

  /** Stops every timer and forgets every member; later events are ignored. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    for (const timer of this.timers.values()) globalThis.clearTimeout(timer);
    this.timers.clear();
    this.disposed = true;
    this.publish(EMPTY);
    this.listeners.clear();
  }

  private accepts(context: string, memberId: string): boolean {
    return !this.disposed && context === this.context && memberId !== this.currentUserId;
  }

  private clearTimer(memberId: string): void {
    const timer = this.timers.get(memberId);
    if (timer === undefined) return;
    globalThis.clearTimeout(timer);
    this.timers.delete(memberId);
  }

  private remove(memberId: string): void {
    if (!this.members.includes(memberId)) return;
    this.publish(this.members.filter((member) => member !== memberId));
  }

  private publish(members: readonly string[]): void {
    if (members === this.members) return;
    this.members = members;
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * A short label for a typing indicator: `'Bot'` when the first typing member
 * is a bot (`bot:…`), `'Someone'` for a person, `null` when nobody types.
 * Apps with member names build their own text from the ids.
 *
 * @param memberIds - the typing members, in order (e.g. `useTyping().typingMemberIds`).
 */
export function typingLabel(memberIds: readonly string[]): 'Bot' | 'Someone' | null {
  const first = memberIds[0];
  if (first === undefined) return null;
  return isBotMember(first) ? 'Bot' : 'Someone';
}
