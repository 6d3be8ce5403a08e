import { PUSH_BODY_PREVIEW_MAX_LENGTH, PUSH_TITLE_MAX_LENGTH } from './contracts/send-push-for-conversation.js';
import type { PushData, PushDataType } from './push-data.js';
import {
  interpolatePushMessage,
  localizePushMessage,
  PUSH_MESSAGES_EN,
  type PushMessageKey,
  type PushPresentationOptions,
  type PushTranslate,
} from './push-messages.js';
import { translatePush } from './push-locale.js';
import { PUSH_ELLIPSIS, singleLine, truncateOnGraphemes } from './push-text.js';

/** Whether a push shows its content (`full`) or only content-free copy (`generic`). */
export type PushPreviewMode = 'full' | 'generic';

/** The visible part of a push. */
export interface PushContent {
  /** Notification title. */
  title: string;
  /** Notification body. */
  body: string;
}

const GENERIC_BODY_KEYS = {
  'chat.message': 'generic.body.chatMessage',
  'instance-lifecycle': 'generic.body.instanceLifecycle',
  'scheduled-action': 'generic.body.scheduledAction',
  cloud_agent_session: 'generic.body.cloudAgentSession',
  low_balance: 'generic.body.lowBalance',
  spend_alert: 'generic.body.spendAlert',
  security_finding: 'generic.body.securityFinding',
  security_lifecycle: 'generic.body.securityFinding',
  active_agents_glanceable: 'generic.body.activeAgentsGlanceable',
} as const satisfies Record<PushDataType, PushMessageKey>;

/** @internal One line of fixed copy, never empty, within `maxLength`. */
export function fixedCopy(key: PushMessageKey, translate: PushTranslate | undefined, maxLength: number): string {
  const text = singleLine(localizePushMessage(key, {}, translate)) || singleLine(PUSH_MESSAGES_EN[key]);
  return truncateOnGraphemes(text, maxLength, PUSH_ELLIPSIS);
}

/** @internal Generic copy for a push type. */
export function genericPushContentForType(type: PushDataType, translate: PushTranslate | undefined): PushContent {
  return {
    title: fixedCopy('generic.title', translate, PUSH_TITLE_MAX_LENGTH),
    body: fixedCopy(GENERIC_BODY_KEYS[type], translate, PUSH_BODY_PREVIEW_MAX_LENGTH),
  };
}

/**
 * Content-free copy for a push, used when the recipient chose generic
 * previews: the title is the brand (`generic.title`) and the body depends only
 * on `data.type` (`generic.body.*`). No field value of `data` ever appears in
 * it, it is never empty, and it fits the push limits.
 *
 * @param data - the push data; only its `type` is read.
 * @param options - `{ translate }` to localise. A locale string (the
 *   reference's second parameter) is also accepted and gives the built-in
 *   English copy, as no catalogs ship with this package.
 */
export function genericPushContentForPushData(
  data: PushData,
  options?: PushPresentationOptions | string | null,
): PushContent {
  const translate: PushTranslate | undefined =
    typeof options === 'string'
      ? (key, params) => translatePush(options, key, params)
      : (options ?? undefined)?.translate;
  return genericPushContentForType(data.type, translate);
}

/**
 * The content to show a recipient: the producer's `content` in `full` mode,
 * or {@link genericPushContentForPushData} in `generic` mode. Every delivery
 * path (chat, lifecycle, scheduled, agent) should go through this so the
 * recipient's preview preference is never bypassed.
 */
export function pushContentForPreviewMode(
  content: PushContent,
  data: PushData,
  previewMode: PushPreviewMode,
  options: PushPresentationOptions = {},
): PushContent {
  return previewMode === 'generic' ? genericPushContentForType(data.type, options.translate) : content;
}

/** A push as a producer sends it: English text plus an optional localisation key. */
export interface LocalizablePushContent extends PushContent {
  /** Names the pair `<i18nKey>.title` / `<i18nKey>.body`. */
  i18nKey?: string;
  /** Values for the placeholders of that pair. */
  i18nParams?: Readonly<Record<string, string>>;
}

/**
 * Localises a producer's push for one recipient: with an `i18nKey`, the
 * translations of `<i18nKey>.title` and `<i18nKey>.body` replace the
 * producer's text where `translate` answers; anything it does not answer
 * keeps the producer's (English) text. A translated title is capped at
 * {@link PUSH_TITLE_MAX_LENGTH} and a translated body at the larger of
 * {@link PUSH_BODY_PREVIEW_MAX_LENGTH} and the producer's body length, so a
 * translation never breaks the limits the producer had to respect.
 */
export function localizePushContent(push: LocalizablePushContent, options: PushPresentationOptions = {}): PushContent {
  const { i18nKey } = push;
  const { translate } = options;
  if (i18nKey === undefined || translate === undefined) return { title: push.title, body: push.body };
  const params = push.i18nParams ?? {};
  const pick = (suffix: 'title' | 'body', original: string, maxLength: number, ellipsis: string) => {
    const translated = translate(`${i18nKey}.${suffix}`, params);
    if (typeof translated !== 'string' || translated.trim() === '') return original;
    return truncateOnGraphemes(interpolatePushMessage(translated, params), maxLength, ellipsis);
  };
  return {
    title: pick('title', push.title, PUSH_TITLE_MAX_LENGTH, PUSH_ELLIPSIS),
    body: pick('body', push.body, Math.max(PUSH_BODY_PREVIEW_MAX_LENGTH, push.body.length), ''),
  };
}
