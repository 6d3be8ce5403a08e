import * as z from 'zod';

import { EVENT_SERVICE_SUBPROTOCOL, MAX_CONTEXTS, MAX_CONTEXT_LENGTH } from './limits.js';

export { EVENT_SERVICE_SUBPROTOCOL, MAX_CONTEXTS, MAX_CONTEXT_LENGTH };

/**
 * A context string: 1–256 UTF-16 code units (`String.length`, as the server
 * and `assertContext` count), opaque to the server, matched exactly.
 */
export const contextSchema = z
  .string()
  .min(1)
  // `.max()` gives the JSON Schema its maxLength and stops here when it fails,
  // but zod 4.6 and later measure it in code points, so a string of astral
  // characters passes it with up to twice the length: count units too, with
  // zod's own `too_big` issue.
  .max(MAX_CONTEXT_LENGTH, { abort: true })
  .superRefine((context, ctx) => {
    if (context.length > MAX_CONTEXT_LENGTH) {
      ctx.addIssue({ code: 'too_big', origin: 'string', maximum: MAX_CONTEXT_LENGTH, inclusive: true, input: context });
    }
  });

const seqSchema = z.number().int().min(0);

/** Client → server: start receiving events for `contexts` (at most 200 per frame). */
export const contextSubscribeMessageSchema = z.object({
  type: z.literal('context.subscribe'),
  contexts: z.array(contextSchema).max(MAX_CONTEXTS),
});

/** Client → server: stop receiving events for `contexts` (at most 200 per frame). */
export const contextUnsubscribeMessageSchema = z.object({
  type: z.literal('context.unsubscribe'),
  contexts: z.array(contextSchema).max(MAX_CONTEXTS),
});

/** Client → server: every event up to and including `seq` has been received. */
export const ackMessageSchema = z.object({
  type: z.literal('ack'),
  seq: seqSchema,
});

/** Every JSON frame a client may send (the keepalive `ping` is plain text). */
export const clientMessageSchema = z.discriminatedUnion('type', [
  contextSubscribeMessageSchema,
  contextUnsubscribeMessageSchema,
  ackMessageSchema,
]);

/** Server → client: one event on one context. `seq` counts frames on this socket from 1; old servers omit it. */
export const eventMessageSchema = z.object({
  type: z.literal('event'),
  context: z.string(),
  event: z.string(),
  payload: z.unknown(),
  seq: seqSchema.optional(),
});

/** Server → client: a subscribe overflowed the per-socket limit; the excess contexts were dropped. */
export const errorMessageSchema = z.object({
  type: z.literal('error'),
  code: z.literal('too_many_contexts'),
  max: z.number().int().positive(),
  seq: seqSchema.optional(),
});

/** Every JSON frame a server may send (the keepalive `pong` is plain text). */
export const serverMessageSchema = z.discriminatedUnion('type', [eventMessageSchema, errorMessageSchema]);

/** Query of `GET /connect`. */
export const connectTicketQuerySchema = z.object({ ticket: z.string().min(1) });

/** Body of a successful `POST /connect-ticket`. Extra fields are ignored. */
export const connectTicketResponseSchema = z.object({ ticket: z.string().min(1) });
