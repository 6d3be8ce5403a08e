import type { z } from 'zod';
import type {
  ackMessageSchema,
  clientMessageSchema,
  connectTicketQuerySchema,
  connectTicketResponseSchema,
  contextSubscribeMessageSchema,
  contextUnsubscribeMessageSchema,
  errorMessageSchema,
  eventMessageSchema,
  serverMessageSchema,
} from './schemas.js';

/** `{type:'context.subscribe', contexts}`. */
export type ContextSubscribeMessage = z.infer<typeof contextSubscribeMessageSchema>;
/** `{type:'context.unsubscribe', contexts}`. */
export type ContextUnsubscribeMessage = z.infer<typeof contextUnsubscribeMessageSchema>;
/** `{type:'ack', seq}`. */
export type AckMessage = z.infer<typeof ackMessageSchema>;
/** Any JSON frame a client sends. */
export type ClientMessage = z.infer<typeof clientMessageSchema>;
/** `{type:'event', context, event, payload, seq?}`. */
export type EventMessage = z.infer<typeof eventMessageSchema>;
/** `{type:'error', code:'too_many_contexts', max, seq?}`. */
export type ErrorMessage = z.infer<typeof errorMessageSchema>;
/** Any JSON frame a server sends. */
export type ServerMessage = z.infer<typeof serverMessageSchema>;
/** `{ticket}` query of `GET /connect`. */
export type ConnectTicketQuery = z.infer<typeof connectTicketQuerySchema>;
/** `{ticket}` body of `POST /connect-ticket`. */
export type ConnectTicketResponse = z.infer<typeof connectTicketResponseSchema>;

/** What `onUnauthorized` may answer: try again with a fresh token, or stop. */
export type UnauthorizedRecoveryDecision = 'retry' | 'stop';

/**
 * The structural shape of an event channel: what `KiloChatClient` needs from
 * an event client. `EventServiceClient` satisfies it; tests may pass a fake.
 */
export interface EventChannel {
  /** Registers `handler` for `event`; returns a function that removes it. */
  on(event: string, handler: (context: string, payload: unknown) => void): () => void;
}

