import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeAck, encodeSubscribe, encodeUnsubscribe, parseInboundFrame } from '../src/frames';
import { clientMessageSchema, serverMessageSchema } from '../src/schemas';

/** JSON values shaped like server frames, valid and not. */
const seqLike = fc.oneof(
  fc.nat(),
  fc.integer({ min: -5, max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constant(2 ** 53),
  fc.string(),
  fc.constant(null),
);
const frameLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom('event', 'error', 'ack', 'hello'), fc.string()),
    context: fc.oneof(fc.string(), fc.integer()),
    event: fc.oneof(fc.string(), fc.constant(null)),
    payload: fc.jsonValue(),
    seq: seqLike,
    code: fc.oneof(fc.constant('too_many_contexts'), fc.string()),
    max: fc.oneof(fc.integer({ min: -2, max: 300 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

describe('parseInboundFrame', () => {
  it('accepts exactly what serverMessageSchema accepts, with the same result', () => {
    fc.assert(
      fc.property(fc.oneof(frameLike, fc.jsonValue()), (value) => {
        const text = JSON.stringify(value);
        if (text === undefined) return;
        const parsed = parseInboundFrame(text);
        const reference = serverMessageSchema.safeParse(JSON.parse(text));
        const accepted = parsed.type === 'event' || parsed.type === 'error';
        expect(accepted).toBe(reference.success);
        // Accepted frames are the parsed objects themselves: every field the schema keeps has its value.
        if (accepted && reference.success) expect(parsed).toMatchObject(reference.data);
      }),
      { numRuns: 2_000 },
    );
  });

  it('classifies pong, binary, bad JSON, unknown types and unknown error codes', () => {
    expect(parseInboundFrame('pong')).toEqual({ type: 'pong' });
    expect(parseInboundFrame(new Uint8Array([1]))).toMatchObject({ type: 'malformed', reason: 'binary' });
    expect(parseInboundFrame('{')).toMatchObject({ type: 'malformed', reason: 'json' });
    expect(parseInboundFrame('null')).toMatchObject({ type: 'malformed', reason: 'shape' });
    expect(parseInboundFrame('{"type":"later","seq":4}')).toEqual({ type: 'malformed', reason: 'unknown_type', seq: 4 });
    expect(parseInboundFrame('{"type":"later","seq":-4}')).toEqual({ type: 'malformed', reason: 'unknown_type', seq: undefined });
    expect(parseInboundFrame('{"type":"error","code":"slow_down","seq":2}')).toEqual({ type: 'server_error', code: 'slow_down', seq: 2 });
  });

  it('keeps seq of a shape-invalid frame that has a valid seq', () => {
    expect(parseInboundFrame('{"type":"event","seq":7}')).toEqual({ type: 'malformed', reason: 'shape', seq: 7 });
  });
});

describe('outbound frames', () => {
  it('match the client schema', () => {
    for (const text of [encodeSubscribe(['a', 'b']), encodeUnsubscribe(['a']), encodeAck(3)]) {
      expect(clientMessageSchema.safeParse(JSON.parse(text)).success).toBe(true);
    }
  });
});
