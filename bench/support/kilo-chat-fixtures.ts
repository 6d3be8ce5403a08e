/**
 * Realistic, deterministic Kilo Chat wire data for the validation benchmark:
 * `message.created` payloads of the kinds an app receives, their full event
 * frames, and a 50-message page of `GET …/messages`.
 */
import { safeParseKiloChatEvent } from '@kilocode/kilo-chat';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A valid ULID, the same for the same `n` (time part from a fixed epoch, random part from an LCG). */
export function ulid(n: number): string {
  let time = 1_763_800_000_000 + n * 1_000;
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let state = (n * 2_654_435_761 + 12_345) >>> 0;
  let tail = '';
  for (let i = 0; i < 16; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    tail += CROCKFORD[state >>> 27];
  }
  return head + tail;
}

const SANDBOX = 'sbx_7f3c2a9e';
const CONVERSATION = ulid(1);
const USER = 'user_2f9c1d7e-4b3a-4e1f-9d2c-6a5b4c3d2e1f';
const BOT = `bot:kiloclaw:${SANDBOX}`;

/** The conversation context the frames are pushed to. */
export const CONTEXT = `/kiloclaw/${SANDBOX}/${CONVERSATION}`;

const LONG_TEXT = [
  '## Deploy summary',
  '',
  'Rolled out **42 services** to staging; 0 failed. Highlights:',
  '',
  '- `api-gateway` 3.18.2 → 3.19.0 (connection pooling on by default)',
  '- `billing-worker` now retries idempotently on 409 from the ledger',
  '- `search-indexer` moved to the new queue; backlog drained in 4 m',
  '',
  'The canary error rate stayed under 0.1% for the whole window and p99 latency moved from 184 ms to 176 ms.',
  'The schema migration `2026_11_21_add_thread_index` ran in 3 m 12 s with no lock waits above 200 ms.',
  '',
  '```diff',
  '- pool: { max: 10, idleTimeoutMs: 30000 }',
  '+ pool: { max: 32, idleTimeoutMs: 10000 }',
  '```',
  '',
  'Next: promote to production at 14:00 UTC unless someone objects here. I will watch the dashboards for an hour',
  'afterwards and roll back automatically if the 5xx rate passes 0.5% for more than two minutes.',
].join('\n');

type Block = Record<string, unknown>;

function created(n: number, content: Block[], reply?: { to: number; preview: string }): Record<string, unknown> {
  return {
    messageId: ulid(1000 + n),
    senderId: n % 2 === 0 ? USER : BOT,
    content,
    inReplyToMessageId: reply ? ulid(1000 + reply.to) : null,
    replyTo: reply ? { messageId: ulid(1000 + reply.to), senderId: USER, deleted: false, previewText: reply.preview } : null,
    clientId: n % 2 === 0 ? ulid(5000 + n) : null,
  };
}

const actionsBlock = (n: number, resolved: boolean): Block => ({
  type: 'actions',
  groupId: `exec-approval-${ulid(7000 + n)}`,
  actions: [
    { label: 'Allow once', style: 'primary', value: 'allow-once' },
    { label: 'Always allow `pnpm test`', style: 'secondary', value: 'allow-always' },
    { label: 'Deny', style: 'danger', value: 'deny' },
  ],
  ...(resolved ? { resolved: { value: 'allow-once', resolvedBy: USER, resolvedAt: 1_763_800_123_456 } } : {}),
});

const attachment = (n: number, mimeType: string, filename: string, size: number): Block => ({
  type: 'attachment',
  attachmentId: ulid(9000 + n),
  mimeType,
  size,
  filename,
});

/** One `message.created` payload per kind. */
export const MESSAGE_CREATED_PAYLOADS: ReadonlyArray<{ readonly kind: string; readonly payload: Record<string, unknown> }> = [
  { kind: 'text (short)', payload: created(2, [{ type: 'text', text: 'Sounds good, merging now 👍' }]) },
  { kind: 'text (1.4 kB markdown)', payload: created(3, [{ type: 'text', text: LONG_TEXT }]) },
  {
    kind: 'text + actions',
    payload: created(5, [
      { type: 'text', text: 'I need to run `pnpm test --filter ./packages/**` in the sandbox. Allow?' },
      actionsBlock(5, false),
    ]),
  },
  {
    kind: 'actions (resolved)',
    payload: created(7, [{ type: 'text', text: 'Ran the tests: 412 passed, 0 failed.' }, actionsBlock(7, true)]),
  },
  {
    kind: 'text + 3 attachments',
    payload: created(8, [
      { type: 'text', text: 'Screenshots and the log from the failing run:' },
      attachment(1, 'image/png', 'checkout-step-2.png', 284_113),
      attachment(2, 'image/png', 'checkout-step-3 (error state).png', 301_877),
      attachment(3, 'text/plain', 'playwright-trace-2026-11-21T18-04-11Z.log', 48_922),
    ]),
  },
  {
    kind: 'reply (snapshot)',
    payload: created(10, [{ type: 'text', text: 'Yes, the retry covers that case too; see the second commit.' }], {
      to: 9,
      preview: 'Does the billing retry also handle the 409 the ledger returns when the invoice was already finalised?',
    }),
  },
];

/** The full event frame the socket carries for `payload`. */
export function eventFrame(payload: unknown, seq: number): string {
  return JSON.stringify({ type: 'event', context: CONTEXT, event: 'message.created', payload, seq });
}

/** A page of `GET …/conversations/:id/messages`: `count` messages, newest first, mixed kinds. */
export function messagePage(count: number): Record<string, unknown> {
  const messages = [];
  for (let i = 0; i < count; i++) {
    const template = MESSAGE_CREATED_PAYLOADS[i % MESSAGE_CREATED_PAYLOADS.length]!.payload;
    const id = ulid(20_000 - i);
    const deleted = i % 17 === 16;
    const edited = i % 5 === 1;
    messages.push({
      id,
      senderId: template.senderId,
      content: deleted ? [] : template.content,
      inReplyToMessageId: template.inReplyToMessageId,
      replyTo: template.replyTo,
      updatedAt: deleted || edited ? 1_763_800_200_000 + i : null,
      clientUpdatedAt: edited ? 1_763_800_199_000 + i : null,
      deleted,
      deliveryFailed: i === 3,
      reactions:
        i % 3 === 0
          ? [
              { emoji: '👍', count: 2, memberIds: [USER, 'user_a81f'] },
              { emoji: '🎉', count: 1, memberIds: ['user_a81f'] },
            ]
          : [],
    });
  }
  return { messages, hasMore: true, nextCursor: ulid(20_000 - count + 1) };
}

/**
 * The payload of the event-service inbound benchmarks: a `message.created`
 * of one text block, exactly 400 bytes of JSON, checked against kilo-chat's
 * schema here so no benchmark ever measures a payload that would be dropped.
 */
function inboundPayload(): string {
  const base = {
    messageId: '01JDB7R8M2K4N6P8Q0S2T4V6W8',
    senderId: USER,
    content: [{ type: 'text', text: '' }],
    inReplyToMessageId: null,
    replyTo: null,
    clientId: '01JDB7R8K1J3H5G7F9E1D3C5B7',
  };
  const filler =
    'Deploy finished on staging: 42 services rolled out, 0 failed. The canary error rate stayed under 0.1% for the whole window, ' +
    'p99 latency moved from 184 ms to 176 ms, and the migration ran in 3 m 12 s. Next: promote to production at 14:00 UTC unless someone objects here. ';
  const empty = JSON.stringify(base).length;
  base.content[0]!.text = filler.slice(0, 400 - empty).trim();
  if (!safeParseKiloChatEvent('message.created', base).success) throw new Error('the bench payload fails the message.created schema');
  return JSON.stringify(base);
}

/** {@link inboundPayload}, as JSON text. */
export const INBOUND_PAYLOAD_JSON = inboundPayload();
