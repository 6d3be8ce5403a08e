import type { AttachmentBlock, InputContentBlock } from '../schemas/content.js';
import { remainingEditableAttachments } from './remaining-editable-attachments.js';

/** What {@link buildMessageEditContent} needs. */
export type BuildMessageEditContentInput = {
  /** The edited text; it is trimmed, and left out when nothing remains. */
  text: string;
  /** The message's attachment blocks before the edit. */
  originalAttachments: readonly AttachmentBlock[];
  /** Ids of the attachments the user removed. */
  removedAttachmentIds: Iterable<string>;
};

/**
 * The `content` of an edit request: one text block with the trimmed text
 * (omitted when blank), then the attachments that were not removed. The
 * result may be empty, which the server rejects; check before sending.
 */
export function buildMessageEditContent({
  text,
  originalAttachments,
  removedAttachmentIds,
}: BuildMessageEditContentInput): InputContentBlock[] {
  const trimmed = text.trim();
  const blocks: InputContentBlock[] = trimmed === '' ? [] : [{ type: 'text', text: trimmed }];
  return blocks.concat(remainingEditableAttachments(originalAttachments, removedAttachmentIds));
}
