import { describe, expect, it } from 'vitest';
import {
  actionsBlockSchema,
  attachmentBlockSchema,
  contentBlockSchema,
  createMessageRequestSchema,
  editMessageRequestSchema,
  inputActionsBlockSchema,
  inputContentBlockSchema,
} from '@kilocode/kilo-chat/schemas';

const ULID = '01HZY8J3K4M5N6P7Q8R9S0T1V2';
const approve = { label: 'Approve', style: 'primary', value: 'allow-once' } as const;
const resolved = { value: 'allow-once', resolvedBy: 'user-1', resolvedAt: 1_700_000_000_000 } as const;
const attachment = {
  type: 'attachment',
  attachmentId: ULID,
  mimeType: 'image/png',
  size: 2048,
  filename: 'photo.png',
} as const;

function issuePaths(result: { error?: { issues: { path: PropertyKey[] }[] } }): PropertyKey[][] {
  return result.error?.issues.map((issue) => issue.path) ?? [];
}

describe('actions blocks', () => {
  it('input form rejects a block that carries `resolved` (only the server resolves)', () => {
    const block = { type: 'actions', groupId: 'g1', actions: [approve], resolved };
    const result = inputActionsBlockSchema.safeParse(block);
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toEqual([['resolved']]);
    expect(inputActionsBlockSchema.safeParse({ ...block, resolved: undefined }).success).toBe(true);
  });

  it('input form needs 1 to 10 actions', () => {
    const base = { type: 'actions', groupId: 'g1' };
    expect(inputActionsBlockSchema.safeParse({ ...base, actions: [] }).success).toBe(false);
    expect(inputActionsBlockSchema.safeParse({ ...base, actions: Array(10).fill(approve) }).success).toBe(true);
    expect(inputActionsBlockSchema.safeParse({ ...base, actions: Array(11).fill(approve) }).success).toBe(false);
  });

  it('stored form allows no actions only once resolved', () => {
    const base = { type: 'actions', groupId: 'g1', actions: [] };
    expect(actionsBlockSchema.safeParse({ ...base, resolved }).success).toBe(true);
    const unresolved = actionsBlockSchema.safeParse(base);
    expect(unresolved.success).toBe(false);
    expect(issuePaths(unresolved)).toEqual([['actions']]);
    expect(actionsBlockSchema.safeParse({ ...base, actions: [approve] }).success).toBe(true);
  });

  it('group ids are 1 to 200 characters and labels are required', () => {
    const base = { type: 'actions', actions: [approve] };
    expect(actionsBlockSchema.safeParse({ ...base, groupId: '' }).success).toBe(false);
    expect(actionsBlockSchema.safeParse({ ...base, groupId: 'g'.repeat(200) }).success).toBe(true);
    expect(actionsBlockSchema.safeParse({ ...base, groupId: 'g'.repeat(201) }).success).toBe(false);
    expect(actionsBlockSchema.safeParse({ ...base, groupId: 'g', actions: [{ ...approve, label: '' }] }).success).toBe(
      false,
    );
  });

  it('rejects unknown styles and decisions', () => {
    const base = { type: 'actions', groupId: 'g1' };
    expect(actionsBlockSchema.safeParse({ ...base, actions: [{ ...approve, style: 'link' }] }).success).toBe(false);
    expect(actionsBlockSchema.safeParse({ ...base, actions: [{ ...approve, value: 'maybe' }] }).success).toBe(false);
  });
});

describe('attachment blocks', () => {
  it('accept valid metadata, including a zero-byte file', () => {
    expect(attachmentBlockSchema.parse(attachment)).toEqual(attachment);
    expect(attachmentBlockSchema.safeParse({ ...attachment, size: 0 }).success).toBe(true);
  });

  it.each([
    ['an empty mimeType', { mimeType: '' }],
    ['a mimeType over 255 characters', { mimeType: 'x'.repeat(256) }],
    ['a negative size', { size: -1 }],
    ['a fractional size', { size: 1.5 }],
    ['a non-ULID id', { attachmentId: 'att-1' }],
    ['an empty filename', { filename: '' }],
    ['a filename over 512 characters', { filename: 'f'.repeat(513) }],
  ])('reject %s', (_label, patch) => {
    expect(attachmentBlockSchema.safeParse({ ...attachment, ...patch }).success).toBe(false);
  });
});

describe('content block unions', () => {
  it('dispatch on `type` and reject unknown types', () => {
    expect(contentBlockSchema.parse({ type: 'text', text: ' hi ' })).toEqual({ type: 'text', text: 'hi' });
    expect(contentBlockSchema.safeParse({ type: 'image', url: 'x' }).success).toBe(false);
    expect(inputContentBlockSchema.safeParse({ type: 'actions', groupId: 'g', actions: [], resolved }).success).toBe(
      false,
    );
  });
});

describe('createMessageRequestSchema', () => {
  const base = { conversationId: ULID, content: [{ type: 'text', text: 'hello' }] };

  it('accepts text, actions and attachments with optional reply and client ids', () => {
    const request = {
      ...base,
      content: [
        { type: 'text', text: 'hello' },
        { type: 'actions', groupId: 'g', actions: [approve] },
        attachment,
      ],
      inReplyToMessageId: ULID,
      clientId: ULID,
    };
    expect(createMessageRequestSchema.parse(request)).toEqual(request);
  });

  it('stores the text trimmed', () => {
    expect(createMessageRequestSchema.parse({ ...base, content: [{ type: 'text', text: '  hi \n' }] }).content).toEqual([
      { type: 'text', text: 'hi' },
    ]);
  });

  it('reports too-long and blank text at content.<n>.text, where clients classify it', () => {
    const tooLong = createMessageRequestSchema.safeParse({ ...base, content: [{ type: 'text', text: 'x'.repeat(8001) }] });
    expect(tooLong.error?.issues.map((issue) => [issue.code, issue.path])).toEqual([['too_big', ['content', 0, 'text']]]);
    const blank = createMessageRequestSchema.safeParse({ ...base, content: [{ type: 'text', text: ' \t\n' }] });
    expect(blank.error?.issues.map((issue) => [issue.code, issue.path])).toEqual([['too_small', ['content', 0, 'text']]]);
  });

  it('needs 1 to 20 blocks', () => {
    const text = { type: 'text', text: 'x' };
    expect(createMessageRequestSchema.safeParse({ ...base, content: [] }).success).toBe(false);
    expect(createMessageRequestSchema.safeParse({ ...base, content: Array(20).fill(text) }).success).toBe(true);
    expect(createMessageRequestSchema.safeParse({ ...base, content: Array(21).fill(text) }).success).toBe(false);
  });

  it('rejects an actions block with `resolved`', () => {
    const result = createMessageRequestSchema.safeParse({
      ...base,
      content: [{ type: 'actions', groupId: 'g', actions: [approve], resolved }],
    });
    expect(issuePaths(result)).toEqual([['content', 0, 'resolved']]);
  });

  it('rejects a UUID clientId, a non-ULID conversation and a missing content field', () => {
    expect(
      createMessageRequestSchema.safeParse({ ...base, clientId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' }).success,
    ).toBe(false);
    expect(createMessageRequestSchema.safeParse({ ...base, conversationId: 'conv-1' }).success).toBe(false);
    expect(createMessageRequestSchema.safeParse({ conversationId: ULID }).success).toBe(false);
  });
});

describe('editMessageRequestSchema', () => {
  const base = { conversationId: ULID, content: [{ type: 'text', text: 'edited' }] };

  it('needs a positive integer timestamp', () => {
    expect(editMessageRequestSchema.safeParse({ ...base, timestamp: 1 }).success).toBe(true);
    for (const timestamp of [0, -1, 1.5, '1']) {
      expect(editMessageRequestSchema.safeParse({ ...base, timestamp }).success).toBe(false);
    }
  });

  it('rejects blank text and resolved actions like create does', () => {
    expect(editMessageRequestSchema.safeParse({ ...base, timestamp: 1, content: [{ type: 'text', text: ' ' }] }).success).toBe(
      false,
    );
    expect(
      editMessageRequestSchema.safeParse({
        ...base,
        timestamp: 1,
        content: [{ type: 'actions', groupId: 'g', actions: [approve], resolved }],
      }).success,
    ).toBe(false);
  });
});
