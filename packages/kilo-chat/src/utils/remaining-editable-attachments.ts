import type { AttachmentBlock } from '../schemas/content.js';

/**
 * The attachment blocks an edit keeps: `original` minus the ids in
 * `removedIds`, in their original order. An edit can drop attachments but
 * never add one.
 */
export function remainingEditableAttachments(
  original: readonly AttachmentBlock[],
  removedIds: Iterable<string>,
): AttachmentBlock[] {
  const removed = new Set(removedIds);
  return original.filter((block) => !removed.has(block.attachmentId));
}
