/** A bearer token, or a function producing a fresh one (called per use). */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * The deployment under test and the identities the suite acts as.
 *
 * The user must own `sandboxId`; the bot token must be that sandbox's gateway
 * token. The second user must not own it. Scenarios that need an identity the
 * target lacks are skipped.
 */
export interface ConformanceTarget {
  /** Kilo Chat base URL, e.g. `http://127.0.0.1:8787`. */
  chatUrl: string;
  /** Event Service base URL (`http(s)://` or `ws(s)://`). */
  eventsUrl: string;
  /** The sandbox owner's user token. */
  userToken: TokenSource;
  /** A second user's token (owns nothing in the sandbox). */
  secondUserToken?: TokenSource;
  /** The sandbox bot's gateway token. */
  botToken?: TokenSource;
  /** The sandbox the user owns. */
  sandboxId: string;
  /** Badge API base URL, when the target serves `/v1/badges`; badge scenarios are skipped without it. */
  badgesUrl?: string;
  /** `fetch` to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** How long to wait for an expected realtime event, in milliseconds. Default 5000. */
  eventTimeoutMs?: number;
  /**
   * How long to wait before concluding that an event was not pushed, in
   * milliseconds. Default: a fifth of `eventTimeoutMs` (1000).
   */
  quietWindowMs?: number;
}

/** @internal Resolves a {@link TokenSource} to a token. */
export async function resolveToken(source: TokenSource): Promise<string> {
  return typeof source === 'string' ? source : source();
}
