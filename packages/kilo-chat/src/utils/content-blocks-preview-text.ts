import { contentBlocksAttachmentPreviewLabels } from './content-blocks-attachment-preview-labels.js';
import type { AttachmentPreviewLabel } from './content-blocks-attachment-preview-labels.js';
import { contentBlocksToText } from './content-blocks-to-text.js';
import type { PreviewableContentBlock } from './previewable-content-block.js';

function labelText(label: AttachmentPreviewLabel): string {
  switch (label.kind) {
    case 'filename':
      return label.filename;
    case 'image':
      return 'Image';
    case 'attachment':
      return 'Attachment';
  }
}

/**
 * A one-line preview of a message: its text (joined with no separator, then
 * trimmed); when there is none, its attachments as `"a.png, Image,
 * Attachment"`; when there are neither, `""`. Not shortened.
 */
export function contentBlocksPreviewText(
  content: readonly PreviewableContentBlock[],
): string {
  const text = contentBlocksToText(content).trim();
  if (text !== '') return text;
  return contentBlocksAttachmentPreviewLabels(content).map(labelText).join(', ');
}
