/**
 * Cost of validating Kilo Chat wire data with `@kilocode/kilo-chat`'s zod
 * schemas, as a ratio to `JSON.parse` of the same data measured in the same
 * run (the parse a client pays anyway).
 *
 * - events: `safeParseKiloChatEvent('message.created', payload)` on already
 *   parsed payloads, versus `JSON.parse` of the full event frame text, over a
 *   fixed set of realistic payloads (`support/kilo-chat-fixtures.ts`: short
 *   and long text, actions, resolved actions, attachments, reply snapshot),
 *   mixed and per kind;
 * - page: `messageListResponseSchema.parse` of a 50-message page, versus
 *   `JSON.parse` of its text;
 * - single frame (the target row): one realistic `message.created` frame
 *   (text + reply snapshot, the `reply (snapshot)` fixture), `JSON.parse` +
 *   `safeParseKiloChatEvent` versus `JSON.parse` alone. It reports what
 *   validation adds as a multiple of the parse,
 *   (parse+validate time − parse time) ÷ parse time, and a PASS/MISS line for
 *   the target: at most 1×.
 *
 * Baseline and validation alternate in short timed slices over ROUNDS rounds
 * after a warm-up; medians are reported.
 *
 *   pnpm exec tsx bench/kilo-chat-validation.ts [--rounds 5] [--slice-ms 200]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { messageListResponseSchema, safeParseKiloChatEvent } from '@kilocode/kilo-chat';
import { MESSAGE_CREATED_PAYLOADS, eventFrame, messagePage } from './support/kilo-chat-fixtures';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    'slice-ms': { type: 'string', default: '200' },
    'page-size': { type: 'string', default: '50' },
  },
});
const ROUNDS = Number(values.rounds);
const SLICE_MS = Number(values['slice-ms']);
const PAGE_SIZE = Number(values['page-size']);

setTimeout(() => {
  console.error('kilo-chat-validation: gave up after 90 s');
  process.exit(1);
}, 90_000).unref();

let sink = 0;

/** Calls `op(i)` for i = 0, 1, … in batches until `ms` passed; returns ops per second. */
function opsPerSec(op: (i: number) => number, ms: number): number {
  const batch = 256;
  let done = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) sink += op(done + i);
    done += batch;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (done / elapsed) * 1000;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Alternates baseline and ours in slices; medians of `rounds` rounds after one warm-up round. */
function compare(baseline: (i: number) => number, ours: (i: number) => number, sliceMs = SLICE_MS, rounds = ROUNDS) {
  opsPerSec(baseline, sliceMs);
  opsPerSec(ours, sliceMs);
  const b: number[] = [];
  const o: number[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      b.push(opsPerSec(baseline, sliceMs));
      o.push(opsPerSec(ours, sliceMs));
    } else {
      o.push(opsPerSec(ours, sliceMs));
      b.push(opsPerSec(baseline, sliceMs));
    }
  }
  const baselineOps = median(b);
  const oursOps = median(o);
  return {
    baselineOpsPerSec: Math.round(baselineOps),
    oursOpsPerSec: Math.round(oursOps),
    baselineNsPerOp: Math.round(1e9 / baselineOps),
    oursNsPerOp: Math.round(1e9 / oursOps),
    /** ours ÷ baseline in ops/s: below 1 means validation is slower than the parse. */
    ratio: Number((oursOps / baselineOps).toFixed(2)),
    /** How many JSON.parse calls of the same data one validation costs. */
    costInParses: Number((baselineOps / oursOps).toFixed(2)),
  };
}

// Every fixture must validate; a failure here means the bench measures the error path.
const frames = MESSAGE_CREATED_PAYLOADS.map(({ kind, payload }, i) => {
  const text = eventFrame(payload, i + 1);
  const parsed = (JSON.parse(text) as { payload: unknown }).payload;
  const check = safeParseKiloChatEvent('message.created', parsed);
  if (!check.success) throw new Error(`fixture "${kind}" does not validate: ${check.error.message}`);
  return { kind, text, payload: parsed, frameBytes: Buffer.byteLength(text), payloadBytes: Buffer.byteLength(JSON.stringify(payload)) };
});
const pageText = JSON.stringify(messagePage(PAGE_SIZE));
const pageValue = JSON.parse(pageText) as unknown;
messageListResponseSchema.parse(pageValue);

const parseFrame = (text: string) => (JSON.parse(text) as { seq: number }).seq;
const validate = (payload: unknown) => (safeParseKiloChatEvent('message.created', payload).success ? 1 : 0);

const startedAt = performance.now();
const n = frames.length;

/** What validation adds over the parse alone, in parses: (parse+validate − parse) ÷ parse, from median ns/op. */
const addedCost = (parseNs: number, parseAndValidateNs: number) => Number(((parseAndValidateNs - parseNs) / parseNs).toFixed(2));

// The target row: one realistic frame (text + reply snapshot), parse + validate vs parse alone.
const TARGET_KIND = 'reply (snapshot)';
const MAX_ADDED_COST = 1;
const targetFrame = frames.find((frame) => frame.kind === TARGET_KIND)!;
const single = compare(
  () => parseFrame(targetFrame.text),
  () => validate((JSON.parse(targetFrame.text) as { payload: unknown }).payload),
  SLICE_MS,
  ROUNDS * 2,
);

// Mixed: every call takes the next kind, as a socket would deliver them.
const mixed = compare(
  (i) => parseFrame(frames[i % n]!.text),
  (i) => validate(frames[i % n]!.payload),
);
// What a typed consumer pays per frame: the parse and the validation.
const mixedParseAndValidate = compare(
  (i) => parseFrame(frames[i % n]!.text),
  (i) => validate((JSON.parse(frames[i % n]!.text) as { payload: unknown }).payload),
);
const perKind = frames.map((frame) => ({
  kind: frame.kind,
  frameBytes: frame.frameBytes,
  ...compare(
    () => parseFrame(frame.text),
    () => validate(frame.payload),
    SLICE_MS / 2,
  ),
}));
const page = compare(
  () => (JSON.parse(pageText) as { messages: unknown[] }).messages.length,
  () => messageListResponseSchema.parse(pageValue).messages.length,
);

const result = {
  bench: 'kilo-chat-validation',
  date: new Date().toISOString(),
  node: process.version,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  rounds: ROUNDS,
  sliceMs: SLICE_MS,
  events: {
    baseline: 'JSON.parse(frame text)',
    ours: "safeParseKiloChatEvent('message.created', payload)",
    kinds: frames.length,
    meanFrameBytes: Math.round(frames.reduce((sum, f) => sum + f.frameBytes, 0) / n),
    mixed,
    mixedParseAndValidate: {
      ...mixedParseAndValidate,
      validationAddsTimesParse: addedCost(mixedParseAndValidate.baselineNsPerOp, mixedParseAndValidate.oursNsPerOp),
    },
    perKind,
  },
  singleFrame: {
    kind: TARGET_KIND,
    frameBytes: targetFrame.frameBytes,
    payloadBytes: targetFrame.payloadBytes,
    rounds: ROUNDS * 2,
    baseline: 'JSON.parse(frame text)',
    ours: "safeParseKiloChatEvent('message.created', JSON.parse(frame text).payload)",
    ...single,
    /** (parse+validate time − parse time) ÷ parse time; the target is at most 1. */
    validationAddsTimesParse: addedCost(single.baselineNsPerOp, single.oursNsPerOp),
    target: MAX_ADDED_COST,
  },
  page: {
    baseline: 'JSON.parse(page text)',
    ours: 'messageListResponseSchema.parse(page)',
    messages: PAGE_SIZE,
    pageBytes: Buffer.byteLength(pageText),
    ...page,
  },
  elapsedSeconds: Number(((performance.now() - startedAt) / 1000).toFixed(1)),
  sink: sink > 0,
};
console.log(JSON.stringify(result, null, 2));
const added = result.singleFrame.validationAddsTimesParse;
console.log(
  `${added <= MAX_ADDED_COST ? 'PASS' : 'MISS'}: validation adds ${added}× the cost of JSON.parse alone ` +
    `(message.created, ${TARGET_KIND}, ${targetFrame.frameBytes} B frame: parse ${single.baselineNsPerOp} ns, ` +
    `parse + validate ${single.oursNsPerOp} ns; target ≤ ${MAX_ADDED_COST}×)`,
);
