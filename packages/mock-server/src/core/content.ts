/** The decisions an approval button can carry. */
export type ActionDecision = 'allow-once' | 'allow-always' | 'deny';

/** `{type:'text'}` content block (text already trimmed). */
export interface TextContent {
  type: 'text';
  text: string;
}

/** One button of an actions block. */
export interface ActionButton {
  label: string;
  style: 'primary' | 'danger' | 'secondary';
  value: ActionDecision;
}

/** Who resolved an actions block, with what, and when (server ms). */
export interface ActionResolution {
  value: ActionDecision;
  resolvedBy: string;
  resolvedAt: number;
}

/** `{type:'actions'}` content block; `resolved` is set only by execute-action. */
export interface ActionsContent {
  type: 'actions';
  groupId: string;
  actions: ActionButton[];
  resolved?: ActionResolution;
}

/** `{type:'attachment'}` content block, with the stored metadata. */
export interface AttachmentContent {
  type: 'attachment';
  attachmentId: string;
  mimeType: string;
  size: number;
  filename: string;
}

/** Any stored content block. Structurally the wire `ContentBlock`. */
export type StoredContentBlock = TextContent | ActionsContent | AttachmentContent;

/** The text blocks concatenated with no separator (what webhooks and previews use). */
export function concatenatedText(content: readonly StoredContentBlock[]): string {
  let out = '';
  for (const block of content) if (block.type === 'text') out += block.text;
  return out;
}

/** The attachment blocks of a content array. */
export function attachmentBlocks(content: readonly StoredContentBlock[]): AttachmentContent[] {
  return content.filter((b): b is AttachmentContent => b.type === 'attachment');
}

/** True when the content carries at least one text block. */
export function hasText(content: readonly StoredContentBlock[]): boolean {
  return content.some((b) => b.type === 'text');
}

/** A deep copy, so callers never alias stored state. */
export function cloneContent(content: readonly StoredContentBlock[]): StoredContentBlock[] {
  return structuredClone(content) as StoredContentBlock[];
}
