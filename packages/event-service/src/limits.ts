/**
 * Protocol limits and names, kept free of zod so that the client can import
 * them without pulling a schema library into an app bundle. `schemas.ts`
 * re-exports them beside the schemas that enforce them.
 */

/** The most contexts one socket may hold, and the most one subscribe frame may carry: 200. */
export const MAX_CONTEXTS = 200;

/** The longest context string the server accepts, in characters: 256. */
export const MAX_CONTEXT_LENGTH = 256;

/** The WebSocket subprotocol the client offers and the server echoes: `kilo.events.v1`. */
export const EVENT_SERVICE_SUBPROTOCOL = 'kilo.events.v1';

/**
 * How many events the server lets a socket leave unacknowledged, once it has
 * acknowledged at least one, before it closes the socket with 4002: 50.
 */
export const SERVER_UNACKED_LIMIT = 50;

/** How long a minted ticket stays valid on the server, in milliseconds: 30 000. */
export const TICKET_TTL_MS = 30_000;
