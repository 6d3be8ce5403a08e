/** Wire schemas: catalogue M94–M96. */
import { describe, expect, it } from 'vitest';
import {
  ackMessageSchema,
  clientMessageSchema,
  errorMessageSchema,
  eventMessageSchema,
  MAX_CONTEXT_LENGTH,
  MAX_CONTEXTS,
  serverMessageSchema,
  contextSchema,
  contextSubscribeMessageSchema,
} from '../src/schemas';
import { assertContext } from '../src/context-validation';
import { EventServiceError } from '../src/event-service-error';

const event = (seq?: unknown) => ({ type: 'event', context: 'c', event: 'e', payload: {}, ...(seq === undefined ? {} : { seq }) });

describe('wire schemas', () => {
  it('M94: event seq accepts 5, 0 and absent; rejects −1, 1.5 and "5"', () => {
    for (const seq of [5, 0, undefined]) expect(eventMessageSchema.safeParse(event(seq)).success).toBe(true);
    for (const seq of [-1, 1.5, '5']) expect(eventMessageSchema.safeParse(event(seq)).success).toBe(false);
  });

  it('M95: error seq is optional; ack seq accepts 42 and 0 and rejects −1, 1.5 and missing', () => {
    expect(errorMessageSchema.safeParse({ type: 'error', code: 'too_many_contexts', max: 200 }).success).toBe(true);
    expect(errorMessageSchema.safeParse({ type: 'error', code: 'too_many_contexts', max: 200, seq: 3 }).success).toBe(true);
    for (const seq of [42, 0]) expect(ackMessageSchema.safeParse({ type: 'ack', seq }).success).toBe(true);
    for (const seq of [-1, 1.5, undefined]) expect(ackMessageSchema.safeParse({ type: 'ack', seq }).success).toBe(false);
  });

  it('M96: the client union accepts ack/subscribe/unsubscribe only; the server union accepts event and error', () => {
    for (const frame of [
      { type: 'ack', seq: 1 },
      { type: 'context.subscribe', contexts: ['a'] },
      { type: 'context.unsubscribe', contexts: ['a'] },
    ]) {
      expect(clientMessageSchema.safeParse(frame).success).toBe(true);
    }
    expect(clientMessageSchema.safeParse({ type: 'presence.ping' }).success).toBe(false);
    expect(serverMessageSchema.safeParse(event(1)).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'error', code: 'too_many_contexts', max: 200 }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'hello' }).success).toBe(false);
  });

  it('limits: 200 contexts per frame, 1–256 characters each', () => {
    const frame = (contexts: string[]) => contextSubscribeMessageSchema.safeParse({ type: 'context.subscribe', contexts });
    expect(frame(Array.from({ length: MAX_CONTEXTS }, (_, i) => `c${i}`)).success).toBe(true);
    expect(frame(Array.from({ length: MAX_CONTEXTS + 1 }, (_, i) => `c${i}`)).success).toBe(false);
    expect(frame(['x'.repeat(MAX_CONTEXT_LENGTH)]).success).toBe(true);
    expect(frame(['x'.repeat(MAX_CONTEXT_LENGTH + 1)]).success).toBe(false);
    expect(frame(['']).success).toBe(false);
  });

  it('counts a context in UTF-16 code units, as assertContext does, whatever zod version measures .max()', () => {
    // 128 astral characters are 256 units; 129 are 258 units but only 129 code points.
    expect(contextSchema.safeParse('😀'.repeat(128)).success).toBe(true);
    expect(() => assertContext('😀'.repeat(128))).not.toThrow();
    const tooLong = contextSchema.safeParse('😀'.repeat(129));
    expect(tooLong.success).toBe(false);
    // The same issue zod's own maximum raises for an ASCII string.
    expect(tooLong.error?.issues).toEqual([expect.objectContaining({ code: 'too_big', maximum: MAX_CONTEXT_LENGTH })]);
    expect(tooLong.error?.issues[0]?.message).toBe(contextSchema.safeParse('x'.repeat(MAX_CONTEXT_LENGTH + 1)).error?.issues[0]?.message);
    expect(() => assertContext('😀'.repeat(129))).toThrow(EventServiceError);
    // ASCII over the limit still fails once, on the built-in maximum.
    expect(contextSchema.safeParse('x'.repeat(MAX_CONTEXT_LENGTH + 1)).error?.issues).toHaveLength(1);
  });
});
