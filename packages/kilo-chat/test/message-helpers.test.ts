import { describe, expect, it } from 'vitest';
import {
  buildMessageActionAvailability,
  buildMessageEditContent,
  buildReplyToMessageSnapshot,
  contentBlocksAttachmentPreviewLabels,
  contentBlocksPreviewText,
  contentBlocksToText,
  remainingEditableAttachments,
  replyToMessageSnapshotSchema,
} from '@kilocode/kilo-chat/schemas';
import type { AttachmentBlock, ContentBlock } from '@kilocode/kilo-chat/schemas';

const PARENT = '01HZY8J3K4M5N6P7Q8R9S0T1V2';

function attachment(id: string, patch: Partial<AttachmentBlock> = {}): AttachmentBlock {
  return { type: 'attachment', attachmentId: id, mimeType: 'application/pdf', size: 10, filename: `${id}.pdf`, ...patch };
}

const A1 = attachment('01HZY8J3K4M5N6P7Q8R9S0T1A1');
const A2 = attachment('01HZY8J3K4M5N6P7Q8R9S0T1A2');
const A3 = attachment('01HZY8J3K4M5N6P7Q8R9S0T1A3');

describe('contentBlocksToText', () => {
  it('joins text blocks with no separator and skips other blocks', () => {
    const content: ContentBlock[] = [
      { type: 'text', text: 'Hello' },
      A1,
      { type: 'text', text: ' world' },
      { type: 'actions', groupId: 'g', actions: [{ label: 'OK', style: 'primary', value: 'allow-once' }] },
    ];
    expect(contentBlocksToText(content)).toBe('Hello world');
    expect(contentBlocksToText([])).toBe('');
  });
});

describe('attachment preview labels', () => {
  it('name each attachment by filename, else image or attachment', () => {
    expect(
      contentBlocksAttachmentPreviewLabels([
        { type: 'text', text: 'x' },
        { type: 'attachment', mimeType: 'image/png', filename: 'cat.png' },
        { type: 'attachment', mimeType: 'image/jpeg' },
        { type: 'attachment', mimeType: 'application/zip' },
        { type: 'attachment', mimeType: 'IMAGE/GIF', filename: '  ' },
      ]),
    ).toEqual([{ kind: 'filename', filename: 'cat.png' }, { kind: 'image' }, { kind: 'attachment' }, { kind: 'image' }]);
  });

  it('preview text prefers trimmed text, then labels, then nothing', () => {
    expect(contentBlocksPreviewText([{ type: 'text', text: '  hi ' }, A1])).toBe('hi');
    expect(
      contentBlocksPreviewText([
        { type: 'attachment', mimeType: 'image/png', filename: 'a.png' },
        { type: 'attachment', mimeType: 'image/png' },
        { type: 'attachment', mimeType: 'text/csv' },
      ]),
    ).toBe('a.png, Image, Attachment');
    expect(contentBlocksPreviewText([{ type: 'actions' }])).toBe('');
  });
});

describe('buildReplyToMessageSnapshot', () => {
  it('marks a missing parent deleted with no sender or preview', () => {
    for (const parent of [null, undefined]) {
      expect(buildReplyToMessageSnapshot(PARENT, parent)).toEqual({
        messageId: PARENT,
        senderId: null,
        deleted: true,
        previewText: null,
      });
    }
  });

  it('keeps the sender of a deleted parent but hides its text', () => {
    expect(
      buildReplyToMessageSnapshot(PARENT, { senderId: 'user-2', deleted: true, content: [{ type: 'text', text: 'x' }] }),
    ).toEqual({ messageId: PARENT, senderId: 'user-2', deleted: true, previewText: null });
  });

  it('previews the parent text joined without separator and trimmed', () => {
    const snapshot = buildReplyToMessageSnapshot(PARENT, {
      senderId: 'bot:kiloclaw:s1',
      deleted: false,
      content: [
        { type: 'text', text: ' Hello' },
        { type: 'text', text: ' world ' },
      ],
    });
    expect(snapshot).toEqual({ messageId: PARENT, senderId: 'bot:kiloclaw:s1', deleted: false, previewText: 'Hello world' });
    expect(replyToMessageSnapshotSchema.parse(snapshot)).toEqual(snapshot);
  });

  it('falls back to attachment labels, then to "Message"', () => {
    expect(
      buildReplyToMessageSnapshot(PARENT, { senderId: 'u', deleted: false, content: [A1, attachment(A2.attachmentId, { filename: '', mimeType: 'image/webp' })] })
        .previewText,
    ).toBe(`${A1.filename}, Image`);
    const actionsOnly: ContentBlock[] = [
      { type: 'actions', groupId: 'g', actions: [], resolved: { value: 'deny', resolvedBy: 'u', resolvedAt: 1 } },
    ];
    expect(buildReplyToMessageSnapshot(PARENT, { senderId: 'u', deleted: false, content: actionsOnly }).previewText).toBe(
      'Message',
    );
  });

  it('cuts the preview to 160 UTF-16 code units', () => {
    const preview = buildReplyToMessageSnapshot(PARENT, {
      senderId: 'u',
      deleted: false,
      content: [{ type: 'text', text: 'a'.repeat(500) }],
    }).previewText;
    expect(preview).toBe('a'.repeat(160));
  });

  it('never ends the preview in half of a surrogate pair', () => {
    const preview = buildReplyToMessageSnapshot(PARENT, {
      senderId: 'u',
      deleted: false,
      content: [{ type: 'text', text: `${'a'.repeat(159)}😀 and more` }],
    }).previewText;
    expect(preview).toBe('a'.repeat(159));
    expect(preview).not.toMatch(/[\uD800-\uDBFF]$/);
  });
});

describe('buildMessageActionAvailability', () => {
  const base = { id: PARENT, deleted: false, deliveryFailed: false };

  it('allows everything on an own, delivered message, and no edit or delete on others', () => {
    expect(buildMessageActionAvailability(base, true)).toEqual({
      canReact: true,
      canEdit: true,
      canDelete: true,
      canReply: true,
      canExecuteAction: true,
    });
    expect(buildMessageActionAvailability(base, false)).toEqual({
      canReact: true,
      canEdit: false,
      canDelete: false,
      canReply: true,
      canExecuteAction: true,
    });
  });

  it('allows only delete and actions after a failed delivery', () => {
    expect(buildMessageActionAvailability({ ...base, deliveryFailed: true }, true)).toEqual({
      canReact: false,
      canEdit: false,
      canDelete: true,
      canReply: false,
      canExecuteAction: true,
    });
  });

  it('allows nothing on deleted or unconfirmed messages', () => {
    const none = { canReact: false, canEdit: false, canDelete: false, canReply: false, canExecuteAction: false };
    expect(buildMessageActionAvailability({ ...base, deleted: true }, true)).toEqual(none);
    expect(buildMessageActionAvailability({ ...base, id: `pending-${PARENT}` }, true)).toEqual(none);
  });
});

describe('editing attachments', () => {
  it('keeps the attachments that were not removed, in order', () => {
    expect(remainingEditableAttachments([A1, A2, A3], [A2.attachmentId])).toEqual([A1, A3]);
    expect(remainingEditableAttachments([A1, A2], new Set<string>())).toEqual([A1, A2]);
    expect(remainingEditableAttachments([A1], [A1.attachmentId, 'unknown'])).toEqual([]);
  });

  it('builds edit content as trimmed text then remaining attachments', () => {
    expect(
      buildMessageEditContent({ text: '  new text ', originalAttachments: [A1, A2], removedAttachmentIds: [A1.attachmentId] }),
    ).toEqual([{ type: 'text', text: 'new text' }, A2]);
  });

  it('omits the text block when the text is blank', () => {
    expect(buildMessageEditContent({ text: ' \n', originalAttachments: [A1], removedAttachmentIds: [] })).toEqual([A1]);
    expect(buildMessageEditContent({ text: '', originalAttachments: [], removedAttachmentIds: [] })).toEqual([]);
  });
});
