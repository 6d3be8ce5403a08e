import { WebSocketAuthError } from './errors.js';
import { EventServiceError } from './event-service-error.js';

/**
 * The part of `fetch` the client uses for the ticket request. The global
 * `fetch` of browsers, Node 18+, Workers and React Native fits it.
 */
export type TicketFetch = (
  input: string,
  init: { method: string; headers: Record<string, string>; signal: AbortSignal },
) => Promise<{
  /** True for a 2xx status. */
  readonly ok: boolean;
  /** The HTTP status. */
  readonly status: number;
  /** Reads the body as JSON. */
  json(): Promise<unknown>;
}>;

/**
 * @internal Exchanges a bearer token for a single-use ticket:
 * `POST {base}/connect-ticket` with `Authorization: Bearer <token>`, no body.
 *
 * @throws WebSocketAuthError on 401 or 403.
 * @throws EventServiceError `ticket_failed` on any other failure (status,
 *   network, unreadable or ticket-less body). An abort rejects with the
 *   signal's reason, unchanged. A network failure (`fetch` threw: server
 *   down, DNS, offline) has no `status`, keeps what `fetch` threw as `cause`,
 *   and its message names the cause chain, e.g. `Ticket request failed before
 *   a response arrived: fetch failed: connect ECONNREFUSED 127.0.0.1:8787`.
 */
export async function requestTicket(
  fetchFn: TicketFetch,
  endpoint: string,
  token: string,
  signal: AbortSignal,
): Promise<string> {
  let response: Awaited<ReturnType<TicketFetch>>;
  try {
    response = await fetchFn(endpoint, { method: 'POST', headers: { authorization: `Bearer ${token}` }, signal });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new EventServiceError('ticket_failed', `${TICKET_NETWORK_MESSAGE}${describeCause(error, token)}`, { cause: error });
  }
  if (response.status === 401 || response.status === 403) {
    throw new WebSocketAuthError(`Ticket request was refused with HTTP ${response.status}`, response.status);
  }
  if (!response.ok) {
    throw new EventServiceError('ticket_failed', `Ticket request failed with HTTP ${response.status}`, {
      status: response.status,
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new EventServiceError('ticket_failed', 'Ticket response is not JSON', { cause: error, status: response.status });
  }
  const ticket = typeof body === 'object' && body !== null ? (body as { ticket?: unknown }).ticket : undefined;
  if (typeof ticket !== 'string' || ticket.length === 0) {
    throw new EventServiceError('ticket_failed', 'Ticket response has no ticket', { status: response.status });
  }
  return ticket;
}

/** Start of the message of a ticket request that got no response; the cause's description follows. */
const TICKET_NETWORK_MESSAGE = 'Ticket request failed before a response arrived';

/** `: fetch failed: connect ECONNREFUSED 127.0.0.1:8787` for a cause chain, never containing `secret`. */
function describeCause(cause: unknown, secret: string): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    const text = current instanceof Error ? current.message : typeof current === 'string' ? current : '';
    if (text !== '' && !parts.includes(text)) parts.push(text);
    current = current instanceof Error ? current.cause : undefined;
  }
  const detail = secret === '' ? parts.join(': ') : parts.join(': ').split(secret).join('[redacted]');
  return detail === '' ? '' : `: ${detail}`;
}
