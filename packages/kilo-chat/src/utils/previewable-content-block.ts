/**
 * The fields of a content block that the text and preview helpers read. Every
 * `ContentBlock` and `InputContentBlock` fits, so pass `message.content` as is.
 */
export type PreviewableContentBlock = {
  /** `'text'`, `'attachment'`, `'actions'`, …; blocks of other types are skipped. */
  readonly type: string;
  /** The text of a `text` block. */
  readonly text?: string;
  /** The MIME type of an `attachment` block. */
  readonly mimeType?: string;
  /** The filename of an `attachment` block. */
  readonly filename?: string;
};
