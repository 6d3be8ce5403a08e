/** The origins the real services allow in every environment. */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['https://kilo.ai', 'https://app.kilo.ai', 'http://localhost:3000'];

const LOCAL_ORIGIN_RE = /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;

/** Which browser origins the mock answers with CORS headers. */
export interface CorsPolicy {
  /** Exact origins allowed on top of the defaults. */
  extraOrigins?: readonly string[];
  /**
   * Also allow any `http(s)://localhost[:port]` and `http(s)://127.0.0.1[:port]`
   * origin, as the real event service does in development. Default false for
   * `/v1/*` (the chat service never does this); the CLI turns it on.
   */
  allowLocalhost?: boolean;
}

/** Returns `origin` when the policy allows it, else null. */
export function allowedOrigin(origin: string | undefined, policy: CorsPolicy, localhostAlways = false): string | null {
  if (!origin) return null;
  if (DEFAULT_ALLOWED_ORIGINS.includes(origin)) return origin;
  if (policy.extraOrigins?.includes(origin)) return origin;
  if ((localhostAlways || policy.allowLocalhost) && LOCAL_ORIGIN_RE.test(origin)) return origin;
  return null;
}
