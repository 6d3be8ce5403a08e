import { PUSH_BODY_PREVIEW_MAX_LENGTH, PUSH_TITLE_MAX_LENGTH } from './contracts/send-push-for-conversation.js';
import { localizePushMessage, type PushPresentationOptions } from './push-messages.js';
import { PUSH_ELLIPSIS, singleLine, truncateOnGraphemes } from './push-text.js';
import { genericPushContentForType, type PushPreviewMode } from './generic-push-content.js';

/**
 * The part of a Kilo Chat content block the preview reads. Text blocks
 * (`{ type: 'text', text }`) contribute their text; actions and attachments
 * contribute nothing.
 */
export interface PushContentBlock {
  /** Block type; only `'text'` is read. */
  readonly type: string;
  /** The text of a `'text'` block. */
  readonly text?: unknown;
}

/** What a chat push is built from. */
export interface ConversationPushInput {
  /** The instance's display name, shown first in the title. */
  sandboxLabel: string;
  /** The conversation title; `null`, missing or blank means "Untitled". */
  conversationTitle?: string | null;
  /** The message: its content blocks, or already-extracted plain text. */
  content: string | readonly PushContentBlock[];
}

/** Options of {@link presentConversationPush}. */
export interface ConversationPushOptions extends PushPresentationOptions {
  /** `generic` replaces title and body with copy that names nothing from the message. Defaults to `full`. */
  previewMode?: PushPreviewMode;
}

/**
 * The presentation fields of a `sendPushForConversation` input. For an
 * untitled conversation, `i18nKey: 'chat.untitled'` and its params let the
 * dispatcher localise title and body per recipient (`chat.untitled.title`,
 * `chat.untitled.body`).
 */
export interface ConversationPushPresentation {
  /** At most {@link PUSH_TITLE_MAX_LENGTH} code units. */
  title: string;
  /** At most {@link PUSH_BODY_PREVIEW_MAX_LENGTH} code units. */
  bodyPreview: string;
  /** Present only for an untitled conversation in `full` mode. */
  i18nKey?: 'chat.untitled';
  /** The values `chat.untitled.*` interpolate. */
  i18nParams?: { sandboxLabel: string; bodyPreview: string };
}

function messageText(content: string | readonly PushContentBlock[]): string {
  if (typeof content === 'string') return content;
  return content
    .filter((block) => block.type === 'text' && typeof block.text === 'string')
    .map((block) => block.text as string)
    .join('\n');
}

function labelOf(sandboxLabel: string, options: PushPresentationOptions): string {
  const label = singleLine(sandboxLabel);
  return label === '' ? localizePushMessage('kiloclaw.defaultName', {}, options.translate) : label;
}

/**
 * The body preview of a chat push: the text blocks joined, whitespace
 * collapsed to single spaces, then the first {@link PUSH_BODY_PREVIEW_MAX_LENGTH}
 * code units cut on a grapheme boundary (no ellipsis). Empty when the message
 * has no text.
 */
export function pushBodyPreview(content: string | readonly PushContentBlock[]): string {
  return truncateOnGraphemes(singleLine(messageText(content)), PUSH_BODY_PREVIEW_MAX_LENGTH);
}

/**
 * The title of a chat push: `<sandboxLabel> · <conversation title>`, or
 * `<sandboxLabel> · Untitled` when the title is missing or blank (keys
 * `chat.title` and `chat.untitled.title`). Whitespace is collapsed; a result
 * longer than {@link PUSH_TITLE_MAX_LENGTH} is cut on a grapheme boundary and
 * ends with `…`, so it always satisfies the contract.
 */
export function conversationPushTitle(
  sandboxLabel: string,
  conversationTitle: string | null | undefined,
  options: PushPresentationOptions = {},
): string {
  const label = labelOf(sandboxLabel, options);
  const title = singleLine(conversationTitle ?? '');
  const composed =
    title === ''
      ? localizePushMessage('chat.untitled.title', { sandboxLabel: label }, options.translate)
      : localizePushMessage('chat.title', { sandboxLabel: label, conversationTitle: title }, options.translate);
  return truncateOnGraphemes(singleLine(composed), PUSH_TITLE_MAX_LENGTH, PUSH_ELLIPSIS);
}

/**
 * Builds the `title`, `bodyPreview` and (for untitled conversations) the
 * localisation key of a `sendPushForConversation` call. The result always
 * fits the contract's limits, whatever the input.
 */
export function presentConversationPush(
  input: ConversationPushInput,
  options: ConversationPushOptions = {},
): ConversationPushPresentation {
  if (options.previewMode === 'generic') {
    const generic = genericPushContentForType('chat.message', options.translate);
    return { title: generic.title, bodyPreview: generic.body };
  }
  const title = conversationPushTitle(input.sandboxLabel, input.conversationTitle, options);
  const bodyPreview = pushBodyPreview(input.content);
  const untitled = singleLine(input.conversationTitle ?? '') === '';
  if (!untitled) return { title, bodyPreview };
  return {
    title,
    bodyPreview,
    i18nKey: 'chat.untitled',
    i18nParams: { sandboxLabel: labelOf(input.sandboxLabel, options), bodyPreview },
  };
}
