import { PUSH_BODY_PREVIEW_MAX_LENGTH, PUSH_TITLE_MAX_LENGTH } from './contracts/send-push-for-conversation.js';
import type { PushContent } from './generic-push-content.js';
import type { InstanceLifecycleEvent } from './notification-events.js';
import { localizePushMessage, type PushPresentationOptions } from './push-messages.js';
import { PUSH_ELLIPSIS, singleLine, truncateOnGraphemes } from './push-text.js';

/** Longest error excerpt a start-failure notice shows, in UTF-16 code units, `...` included. */
export const INSTANCE_ERROR_EXCERPT_MAX_LENGTH = 100;

/** What ends a cut error excerpt: three full stops, as the reference writes it. */
const EXCERPT_ELLIPSIS = '...';

/** What an instance lifecycle notice is built from. */
export interface InstanceLifecyclePushInput {
  /** `ready` or `start_failed`. */
  event: InstanceLifecycleEvent;
  /** The instance's name; `null` or blank uses `kiloclaw.defaultName`. */
  instanceName: string | null;
  /** For `start_failed`: the error to excerpt. */
  errorMessage?: string;
}

/**
 * Title and body of an instance lifecycle notice:
 *
 * - `ready` — `instanceLifecycle.ready.title` / `.body`;
 * - `start_failed` — `instanceLifecycle.startFailed.title`, and as body the
 *   error itself on one line (not translated: it is the instance's own text),
 *   cut to {@link INSTANCE_ERROR_EXCERPT_MAX_LENGTH} code units on a grapheme
 *   boundary, ending in `...` when cut (97 units and `...` for plain text), or
 *   `instanceLifecycle.startFailed.body` ("Start failed.") when there is no
 *   error text. This is how the reference shows it.
 *
 * The title fits {@link PUSH_TITLE_MAX_LENGTH} and the body
 * {@link PUSH_BODY_PREVIEW_MAX_LENGTH}. Pair with `pushContentForPreviewMode`
 * so generic previews hide the instance name and the error.
 */
export function presentInstanceLifecyclePush(
  input: InstanceLifecyclePushInput,
  options: PushPresentationOptions = {},
): PushContent {
  const { translate } = options;
  const instanceName =
    singleLine(input.instanceName ?? '') || singleLine(localizePushMessage('kiloclaw.defaultName', {}, translate));
  const fitTitle = (text: string) => truncateOnGraphemes(singleLine(text), PUSH_TITLE_MAX_LENGTH, PUSH_ELLIPSIS);
  const fitBody = (text: string) => truncateOnGraphemes(singleLine(text), PUSH_BODY_PREVIEW_MAX_LENGTH, PUSH_ELLIPSIS);
  if (input.event === 'ready') {
    return {
      title: fitTitle(localizePushMessage('instanceLifecycle.ready.title', { instanceName }, translate)),
      body: fitBody(localizePushMessage('instanceLifecycle.ready.body', {}, translate)),
    };
  }
  const error = singleLine(input.errorMessage ?? '');
  const body =
    error === ''
      ? localizePushMessage('instanceLifecycle.startFailed.body', {}, translate)
      : truncateOnGraphemes(error, INSTANCE_ERROR_EXCERPT_MAX_LENGTH, EXCERPT_ELLIPSIS);
  return {
    title: fitTitle(localizePushMessage('instanceLifecycle.startFailed.title', { instanceName }, translate)),
    body: fitBody(body),
  };
}
