/**
 * Inbound frame classification and outbound frame encoding.
 *
 * The checks here accept exactly what `serverMessageSchema` in `schemas.ts`
 * accepts (a test holds the two together on random input), but are written
 * by hand: the client runs them on every frame, and keeping zod out of this
 * path keeps an app that imports only the client small and fast.
 */
import type { AckMessage, ContextSubscribeMessage, ContextUnsubscribeMessage, ErrorMessage, EventMessage } from './types.js';

/** Why a frame was dropped. */
export type MalformedReason = 'binary' | 'json' | 'shape' | 'unknown_type';

/** The result of classifying one inbound frame. */
export type InboundFrame =
  | { readonly kind: 'pong' }
  | { readonly kind: 'event'; readonly message: EventMessage }
  | { readonly kind: 'error'; readonly message: ErrorMessage }
  /** An `error` frame whose code this client does not know; surfaced as `server_error`. */
  | { readonly kind: 'server_error'; readonly code: string; readonly seq: number | undefined }
  /** Dropped. `seq` is set when the frame was a JSON object with a valid `seq`, so it still counts. */
  | { readonly kind: 'malformed'; readonly reason: MalformedReason; readonly seq: number | undefined };

const PONG: InboundFrame = { kind: 'pong' };

function isSeq(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Classifies one inbound frame. Never throws.
 *
 * @param data - the `data` of a WebSocket message event: a string for text
 *   frames; anything else is a binary frame, which the protocol never uses.
 */
export function parseInboundFrame(data: unknown): InboundFrame {
  if (typeof data !== 'string') return { kind: 'malformed', reason: 'binary', seq: undefined };
  if (data === 'pong') return PONG;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { kind: 'malformed', reason: 'json', seq: undefined };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'malformed', reason: 'shape', seq: undefined };
  }
  const record = value as Record<string, unknown>;
  // Runs on every frame: no intermediate objects.
  const rawSeq = record.seq;
  const seqOk = rawSeq === undefined || isSeq(rawSeq);
  const seq = seqOk ? (rawSeq as number | undefined) : undefined;
  const type = record.type;
  if (type === 'event') {
    const { context, event, payload } = record;
    if (seqOk && typeof context === 'string' && typeof event === 'string' && payload !== undefined) {
      // Built whole: adding `seq` afterwards would change the object's shape on every frame.
      const message: EventMessage =
        seq === undefined ? { type: 'event', context, event, payload } : { type: 'event', context, event, payload, seq };
      return { kind: 'event', message };
    }
    return { kind: 'malformed', reason: 'shape', seq };
  }
  if (type === 'error') {
    if (!seqOk || typeof record.code !== 'string') return { kind: 'malformed', reason: 'shape', seq };
    if (record.code !== 'too_many_contexts') return { kind: 'server_error', code: record.code, seq };
    const max = record.max;
    if (typeof max === 'number' && Number.isSafeInteger(max) && max > 0) {
      const message: ErrorMessage = { type: 'error', code: 'too_many_contexts', max };
      if (seq !== undefined) message.seq = seq;
      return { kind: 'error', message };
    }
    return { kind: 'malformed', reason: 'shape', seq };
  }
  return { kind: 'malformed', reason: 'unknown_type', seq };
}

/** The keepalive text frame the client sends. */
export const PING_FRAME = 'ping';

/** Encodes a `context.subscribe` frame. */
export function encodeSubscribe(contexts: readonly string[]): string {
  const frame: ContextSubscribeMessage = { type: 'context.subscribe', contexts: [...contexts] };
  return JSON.stringify(frame);
}

/** Encodes a `context.unsubscribe` frame. */
export function encodeUnsubscribe(contexts: readonly string[]): string {
  const frame: ContextUnsubscribeMessage = { type: 'context.unsubscribe', contexts: [...contexts] };
  return JSON.stringify(frame);
}

/** Encodes an `ack` frame. */
export function encodeAck(seq: number): string {
  const frame: AckMessage = { type: 'ack', seq };
  return JSON.stringify(frame);
}
