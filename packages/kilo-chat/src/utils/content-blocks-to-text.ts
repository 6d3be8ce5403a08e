import type { PreviewableContentBlock } from './previewable-content-block.js';

/**
 * The text of a message: every `text` block's text joined with **no**
 * separator (`"Hello"` + `" world"` gives `"Hello world"`), as bot webhooks
 * and reply previews build it. Other blocks are skipped.
 */
export function contentBlocksToText(content: readonly PreviewableContentBlock[]): string {
  let text = '';
  for (const block of content) {
    if (block.type === 'text' && typeof block.text === 'string') text += block.text;
  }
  return text;
}
