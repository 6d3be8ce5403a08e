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

/**
 * The result of classifying one inbound frame, discriminated on `type`.
 * Valid `event` and `error` frames are the parsed JSON objects themselves
 * (checked, not copied: this runs on every frame), so they may carry keys the
 * protocol does not define; read only the typed fields.
 */
export type InboundFrame =
  | EventMessage
  | ErrorMessage
  | { readonly type: 'pong' }
  /** An `error` frame whose code this client does not know; surfaced as `server_error`. */
  | { readonly type: 'server_error'; readonly code: string; readonly seq: number | undefined }
  /** Dropped. `seq` is set when the frame was a JSON object with a valid `seq`, so it still counts. */
  | { readonly type: 'malformed'; readonly reason: MalformedReason; readonly seq: number | undefined };

const PONG: InboundFrame = { type: 'pong' };

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
  if (typeof data !== 'string') return { type: 'malformed', reason: 'binary', seq: undefined };
  if (data === 'pong') return PONG;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return { type: 'malformed', reason: 'json', seq: undefined };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { type: 'malformed', reason: 'shape', seq: undefined };
  }
  const record = value as Record<string, unknown>;
  const rawSeq = record.seq;
  const seqOk = rawSeq === undefined || isSeq(rawSeq);
  const seq = seqOk ? (rawSeq as number | undefined) : undefined;
  const type = record.type;
  if (type === 'event') {
    // The hot path: no new object per frame.
    if (seqOk && typeof record.context === 'string' && typeof record.event === 'string' && record.payload !== undefined) {
      return record as unknown as EventMessage;
    }
    return { type: 'malformed', reason: 'shape', seq };
  }
  if (type === 'error') {
    if (!seqOk || typeof record.code !== 'string') return { type: 'malformed', reason: 'shape', seq };
    if (record.code !== 'too_many_contexts') return { type: 'server_error', code: record.code, seq };
    const max = record.max;
    if (typeof max === 'number' && Number.isSafeInteger(max) && max > 0) return record as unknown as ErrorMessage;
    return { type: 'malformed', reason: 'shape', seq };
  }
  return { type: 'malformed', reason: 'unknown_type', seq };
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
