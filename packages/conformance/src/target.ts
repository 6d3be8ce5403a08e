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
  /**
   * The target serves the reference mock server's `/_dev` and `/_control`
   * routes on the chat URL (`@kilocode/kilo-chat-mock-server`). Lets the
   * suite create a fresh sandbox per webhook scenario and expire tickets.
   * Default false; never set it for a real deployment.
   */
  devRoutes?: boolean;
  /**
   * Opt-in webhook checks: the suite runs an HTTP receiver that stands in
   * for a sandbox's bot. Offered when this is set and either
   * `webhook.sandboxId` names a sandbox whose bot webhook points at the
   * receiver, or {@link ConformanceTarget.devRoutes} lets the suite create one.
   */
  webhook?: WebhookTargetOptions;
}

/** Where the suite's webhook receiver listens and which sandbox's bot it stands in for. */
export interface WebhookTargetOptions {
  /** `host:port` the receiver listens on. Default `127.0.0.1:0` (a free loopback port). */
  listen?: string;
  /**
   * A sandbox the user owns whose bot webhook the operator pointed at the
   * receiver. Without it, and with `devRoutes`, each webhook scenario creates
   * a fresh sandbox through `POST /_dev/sandboxes`.
   */
  sandboxId?: string;
  /**
   * That sandbox's gateway token. When given, the webhook's `authorization`
   * header must be exactly `Bearer <token>`; without it, any 64-hex bearer
   * passes. Not needed with `devRoutes`.
   */
  botToken?: TokenSource;
}

/** @internal Whether the target lets the suite point a bot's webhook at its receiver. */
export function offersWebhookReceiver(target: ConformanceTarget): boolean {
  return target.webhook !== undefined && (target.webhook.sandboxId !== undefined || target.devRoutes === true);
}

/** @internal Resolves a {@link TokenSource} to a token. */
export async function resolveToken(source: TokenSource): Promise<string> {
  return typeof source === 'string' ? source : source();
}
