// Pure helpers over the wire types: ids, cursors, previews, titles, sizes.

export { AUTO_TITLE_MAX_GRAPHEMES, buildAutoTitle } from './utils/build-auto-title';
export { buildMessageEditContent } from './utils/build-message-edit-content';
export type { BuildMessageEditContentInput } from './utils/build-message-edit-content';
export { REPLY_PREVIEW_MAX_CHARS, buildReplyToMessageSnapshot } from './utils/build-reply-to-message-snapshot';
export type { ReplyParent } from './utils/build-reply-to-message-snapshot';
export { contentBlocksAttachmentPreviewLabels } from './utils/content-blocks-attachment-preview-labels';
export type { AttachmentPreviewLabel } from './utils/content-blocks-attachment-preview-labels';
export { contentBlocksPreviewText } from './utils/content-blocks-preview-text';
export { contentBlocksToText } from './utils/content-blocks-to-text';
export { decodeConversationCursor, encodeConversationCursor } from './utils/conversation-cursor';
export { conversationSandboxIdFromMembers } from './utils/conversation-sandbox-id-from-members';
export { createClientId } from './utils/create-client-id';
export { formatFileSize } from './utils/format-file-size';
export type { PreviewableContentBlock } from './utils/previewable-content-block';
export { PENDING_MESSAGE_ID_PREFIX, buildMessageActionAvailability } from './utils/message-action-availability';
export type { MessageActionAvailability } from './utils/message-action-availability';
export { remainingEditableAttachments } from './utils/remaining-editable-attachments';
export { ulidToTimestamp } from './utils/ulid-to-timestamp';
