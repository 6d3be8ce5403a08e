import type { PreviewableContentBlock } from './previewable-content-block.js';

/**
 * How to name one attachment in a preview: by its filename, or, when it has
 * none, as an image (`image/*` MIME types) or a generic attachment.
 */
export type AttachmentPreviewLabel =
  | { kind: 'filename'; filename: string }
  | { kind: 'image' }
  | { kind: 'attachment' };

/**
 * One preview label per `attachment` block, in order; other blocks are
 * skipped. A blank filename counts as none.
 */
export function contentBlocksAttachmentPreviewLabels(
  content: readonly PreviewableContentBlock[],
): AttachmentPreviewLabel[] {
  const labels: AttachmentPreviewLabel[] = [];
  for (const block of content) {
    if (block.type !== 'attachment') continue;
    if (typeof block.filename === 'string' && block.filename.trim() !== '') {
      labels.push({ kind: 'filename', filename: block.filename });
    } else if (typeof block.mimeType === 'string' && block.mimeType.toLowerCase().startsWith('image/')) {
      labels.push({ kind: 'image' });
    } else {
      labels.push({ kind: 'attachment' });
    }
  }
  return labels;
}
