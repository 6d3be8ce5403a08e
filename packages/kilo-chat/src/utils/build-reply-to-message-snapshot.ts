import type { ReplyToMessageSnapshot } from '../schemas/message.js';
import { contentBlocksPreviewText } from './content-blocks-preview-text.js';
import type { PreviewableContentBlock } from './previewable-content-block.js';

/** Longest reply `previewText`, in UTF-16 code units: 160. */
export const REPLY_PREVIEW_MAX_CHARS = 160;

/** The parent fields {@link buildReplyToMessageSnapshot} reads. */
export type ReplyParent = {
  /** The parent's sender. */
  readonly senderId: string;
  /** Whether the parent was deleted. */
  readonly deleted: boolean;
  /** The parent's content blocks. */
  readonly content: readonly PreviewableContentBlock[];
};

/** Cuts to `max` code units without leaving half of a surrogate pair at the end. */
function cutToCodeUnits(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * What a reply shows of its parent, as the server builds it.
 *
 * - No parent (`null`/`undefined`): `senderId: null`, `deleted: true`, `previewText: null`.
 * - Deleted parent: its `senderId`, `deleted: true`, `previewText: null`.
 * - Otherwise `previewText` is {@link contentBlocksPreviewText} of the parent,
 *   or `"Message"` when that is empty, cut to 160 UTF-16 code units. Unlike a
 *   plain slice, the cut never ends in half of a surrogate pair (it may then be
 *   159 units long).
 */
export function buildReplyToMessageSnapshot(
  messageId: string,
  parent: ReplyParent | null | undefined,
): ReplyToMessageSnapshot {
  if (parent === null || parent === undefined) {
    return { messageId, senderId: null, deleted: true, previewText: null };
  }
  if (parent.deleted) {
    return { messageId, senderId: parent.senderId, deleted: true, previewText: null };
  }
  const preview = contentBlocksPreviewText(parent.content) || 'Message';
  return {
    messageId,
    senderId: parent.senderId,
    deleted: false,
    previewText: cutToCodeUnits(preview, REPLY_PREVIEW_MAX_CHARS),
  };
}
