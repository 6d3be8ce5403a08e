import type { KiloChatClient } from '@kilocode/kilo-chat';

/** Least time between two `typing` requests of one sender, in milliseconds: 3000. */
export const TYPING_THROTTLE_MS = 3_000;

/** Options of {@link TypingSender}. */
export interface TypingSenderOptions {
  /**
   * Least time between two `typing` requests, in milliseconds.
   * @default {@link TYPING_THROTTLE_MS} (3000)
   */
  throttleMs?: number;
  /** Receives the error of a failed `typing` or `typing.stop` request (they never reject anywhere else). */
  onError?: (error: unknown) => void;
}

/**
 * Tells the other members that the user is typing, without React and without
 * flooding the server: {@link notifyTyping} sends `client.sendTyping` at most
 * once per 3 s, {@link stopTyping} sends `client.sendTypingStop` only when a
 * `typing` went out since the last stop. Requests go out one after another,
 * so a stop never overtakes the typing before it. Failures go to `onError`.
 */
export class TypingSender {
  private lastSentAt: number | null = null;
  private typingSent = false;
  private disposed = false;
  private chain: Promise<void> = Promise.resolve();

  /**
   * @param client - the signed-in user's client.
   * @param conversationId - the conversation typed in.
   * @param options - see {@link TypingSenderOptions}.
   */
  constructor(
    private readonly client: Pick<KiloChatClient, 'sendTyping' | 'sendTypingStop'>,
    private readonly conversationId: string,
    private readonly options: TypingSenderOptions = {},
  ) {}

  /** Call on every keystroke: sends `typing` unless one was sent less than `throttleMs` ago. */
  notifyTyping(): void {
    if (this.disposed) return;
    const now = Date.now();
    if (this.lastSentAt !== null && now - this.lastSentAt < (this.options.throttleMs ?? TYPING_THROTTLE_MS)) return;
    this.lastSentAt = now;
    this.typingSent = true;
    this.enqueue(() => this.client.sendTyping(this.conversationId));
  }

  /** Call when the draft is sent or cleared: sends `typing.stop` if a `typing` went out since the last stop. */
  stopTyping(): void {
    if (this.disposed || !this.typingSent) return;
    this.typingSent = false;
    this.lastSentAt = null; // typing again right after a stop is news
    this.enqueue(() => this.client.sendTypingStop(this.conversationId));
  }

  /** Stops typing (as {@link stopTyping}) and ignores later calls. Idempotent. */
  dispose(): void {
    this.stopTyping();
    this.disposed = true;
  }

  private enqueue(request: () => Promise<void>): void {
    this.chain = this.chain.then(request).catch((error: unknown) => {
      this.options.onError?.(error);
    });
  }
}
