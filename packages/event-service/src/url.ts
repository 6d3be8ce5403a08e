/**
 * Endpoint derivation. The configured base may use any of `http:`, `https:`,
 * `ws:` or `wss:` and may carry a path prefix (with or without a trailing
 * slash); both endpoints are resolved beneath it, so the prefix is kept.
 */

const TO_HTTP: Record<string, string> = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' };
const TO_WS: Record<string, string> = { 'http:': 'ws:', 'https:': 'wss:', 'ws:': 'ws:', 'wss:': 'wss:' };

function resolveBeneath(base: string, path: string): URL {
  const root = new URL(base);
  if (TO_HTTP[root.protocol] === undefined) {
    throw new TypeError(`Event service url must use http:, https:, ws: or wss:, got ${root.protocol}`);
  }
  root.search = '';
  root.hash = '';
  if (!root.pathname.endsWith('/')) root.pathname = `${root.pathname}/`;
  return new URL(path, root);
}

/**
 * `POST` target for minting a ticket: `{base}/connect-ticket` on `http(s):`.
 *
 * @throws TypeError when `base` is not an absolute http(s)/ws(s) URL.
 */
export function ticketEndpoint(base: string): string {
  const url = resolveBeneath(base, 'connect-ticket');
  url.protocol = TO_HTTP[url.protocol]!;
  return url.toString();
}

/**
 * Socket URL for one ticket: `{base}/connect?ticket=<ticket>` on `ws(s):`.
 * Only the single-use ticket goes into the URL, never the bearer token.
 *
 * @throws TypeError when `base` is not an absolute http(s)/ws(s) URL.
 */
export function socketEndpoint(base: string, ticket: string): string {
  const url = resolveBeneath(base, 'connect');
  url.protocol = TO_WS[url.protocol]!;
  url.searchParams.set('ticket', ticket);
  return url.toString();
}
