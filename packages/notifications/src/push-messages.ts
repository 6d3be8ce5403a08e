/**
 * The built-in English copy of every push string, by key. Placeholders are
 * written `{{name}}` and filled from the params of the call. Apps localise by
 * passing a translate function; these strings are the fallback for any key
 * it does not answer. Every key is documented in `spec/notifications.md`.
 *
 * Keys and English text are the reference package's, word for word (its
 * catalogs translate the same keys), so a user sees the same notification
 * whichever package the service uses. `chat.title` and
 * `kiloclaw.defaultName` are additions.
 */
export const PUSH_MESSAGES_EN = {
  'generic.title': 'Kilo',
  'generic.body.chatMessage': 'You have a new message',
  'generic.body.cloudAgentSession': 'Your agent session has an update',
  'generic.body.instanceLifecycle': 'Your instance has an update',
  'generic.body.scheduledAction': 'A scheduled action has an update',
  'generic.body.lowBalance': 'Your balance needs attention',
  'generic.body.spendAlert': 'Your spend needs attention',
  'generic.body.securityFinding': 'A security finding needs attention',
  'generic.body.activeAgentsGlanceable': 'Active agents have an update',
  'chat.title': '{{sandboxLabel}} · {{conversationTitle}}',
  'chat.untitled.title': '{{sandboxLabel}} · Untitled',
  'chat.untitled.body': '{{bodyPreview}}',
  'kiloclaw.defaultName': 'KiloClaw',
  'instanceLifecycle.ready.title': '{{instanceName}} is ready',
  'instanceLifecycle.ready.body': 'Tap to start chatting.',
  'instanceLifecycle.startFailed.title': '{{instanceName}} failed to start',
  'instanceLifecycle.startFailed.body': 'Start failed.',
} as const;

/** A key of the built-in push copy. */
export type PushMessageKey = keyof typeof PUSH_MESSAGES_EN;

/**
 * An app's translation hook for presentation helpers, already bound to the
 * recipient's locale: return the text for `key` (placeholders may be left as
 * `{{name}}`; they are filled from `params`), or `undefined` — or a blank
 * string — to use the built-in English copy.
 */
export type PushTranslate = (key: string, params: Readonly<Record<string, string>>) => string | undefined;

/** Options shared by the presentation helpers. */
export interface PushPresentationOptions {
  /** Localises each string; omitted means built-in English. */
  translate?: PushTranslate;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** @internal Fills `{{name}}` placeholders; a missing param becomes an empty string. */
export function interpolatePushMessage(template: string, params: Readonly<Record<string, string>> = {}): string {
  return template.replace(PLACEHOLDER, (_match, name: string) => (hasOwn(params, name) ? String(params[name]) : ''));
}

/** @internal The English template for `key`, or `undefined` for a key this package does not know. */
export function englishPushMessage(key: string): string | undefined {
  return hasOwn(PUSH_MESSAGES_EN, key) ? PUSH_MESSAGES_EN[key as PushMessageKey] : undefined;
}

/** @internal Text for a known key: the app's translation when it gives one, else English. */
export function localizePushMessage(
  key: PushMessageKey,
  params: Readonly<Record<string, string>>,
  translate: PushTranslate | undefined,
): string {
  const translated = translate?.(key, params);
  const template = typeof translated === 'string' && translated.trim() !== '' ? translated : PUSH_MESSAGES_EN[key];
  return interpolatePushMessage(template, params);
}
