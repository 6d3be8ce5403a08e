// Pure helpers over the wire types: ids, cursors, previews, titles, sizes.

export { AUTO_TITLE_MAX_GRAPHEMES, buildAutoTitle } from './utils/build-auto-title.js';
export { buildMessageEditContent } from './utils/build-message-edit-content.js';
export type { BuildMessageEditContentInput } from './utils/build-message-edit-content.js';
export { REPLY_PREVIEW_MAX_CHARS, buildReplyToMessageSnapshot } from './utils/build-reply-to-message-snapshot.js';
export type { ReplyParent } from './utils/build-reply-to-message-snapshot.js';
export { contentBlocksAttachmentPreviewLabels } from './utils/content-blocks-attachment-preview-labels.js';
export type { AttachmentPreviewLabel } from './utils/content-blocks-attachment-preview-labels.js';
export { contentBlocksPreviewText } from './utils/content-blocks-preview-text.js';
export { contentBlocksToText } from './utils/content-blocks-to-text.js';
export { decodeConversationCursor, encodeConversationCursor } from './utils/conversation-cursor.js';
export { conversationSandboxIdFromMembers } from './utils/conversation-sandbox-id-from-members.js';
export { createClientId } from './utils/create-client-id.js';
export { formatFileSize } from './utils/format-file-size.js';
export type { PreviewableContentBlock } from './utils/previewable-content-block.js';
export { PENDING_MESSAGE_ID_PREFIX, buildMessageActionAvailability } from './utils/message-action-availability.js';
export type { MessageActionAvailability } from './utils/message-action-availability.js';
export { remainingEditableAttachments } from './utils/remaining-editable-attachments.js';
export { ulidToTimestamp } from './utils/ulid-to-timestamp.js';
