import { englishPushMessage, interpolatePushMessage } from './push-messages.js';

/** The locale the built-in push copy is written in, and the fallback of {@link resolvePushLocale}. */
export const DEFAULT_PUSH_LOCALE = 'en';

/**
 * A server-side translator for {@link translatePush}: the text for `key` in
 * `locale` (placeholders may be left as `{{name}}`), or `undefined` when it
 * has none. Plug any i18n library in here.
 */
export type PushLocaleTranslator = (
  locale: string,
  key: string,
  params: Readonly<Record<string, string>>,
) => string | undefined;

type LocaleConstructor = new (tag: string) => { maximize(): { language: string; script?: string } };

/** `pt_BR` → `pt-BR`, ` zh-hans ` → `zh-Hans`; `undefined` for anything that is not a BCP 47 tag. */
function canonicalTag(locale: string): string | undefined {
  const candidate = locale.trim().replace(/_/g, '-');
  if (candidate === '') return undefined;
  try {
    return Intl.getCanonicalLocales(candidate)[0];
  } catch {
    return undefined;
  }
}

/** The tags to try for `tag`, most specific first: the tag, language-script, language. */
function fallbackChain(tag: string): string[] {
  const language = tag.split('-')[0] ?? tag;
  const chain = [tag];
  const Locale = (Intl as { Locale?: LocaleConstructor }).Locale;
  if (typeof Locale === 'function') {
    try {
      const { script } = new Locale(tag).maximize();
      if (script) chain.push(`${language}-${script}`);
    } catch {
      // Keep the chain without a script.
    }
  }
  chain.push(language);
  return chain;
}

/**
 * Picks the locale to present a push in. Accepts any spelling a device
 * reports (`pt_BR`, `ES-mx`, `zh-CN`), then tries, case-insensitively, the
 * exact tag, its language and script (`zh-CN` → `zh-Hans`, `zh-TW` →
 * `zh-Hant`) and its bare language (`es-MX` → `es`). Null, unparsable or
 * unsupported tags give `'en'`.
 *
 * @param locale - the recipient's stored locale.
 * @param supportedLocales - the tags the app's translator has; defaults to
 *   `['en']`, the only copy built into this package.
 * @returns one of `supportedLocales` (in its spelling), or `'en'`.
 */
export function resolvePushLocale(
  locale: string | null | undefined,
  supportedLocales: readonly string[] = [DEFAULT_PUSH_LOCALE],
): string {
  if (typeof locale !== 'string') return DEFAULT_PUSH_LOCALE;
  const tag = canonicalTag(locale);
  if (tag === undefined) return DEFAULT_PUSH_LOCALE;
  const supported = new Map(supportedLocales.map((entry) => [entry.toLowerCase(), entry]));
  for (const candidate of fallbackChain(tag)) {
    const match = supported.get(candidate.toLowerCase());
    if (match !== undefined) return match;
  }
  return DEFAULT_PUSH_LOCALE;
}

/**
 * Translates one push string for a recipient.
 *
 * 1. `translator(locale, key, params)` when given and it answers with non-blank text;
 * 2. else the built-in English copy of `key`;
 * 3. else `fallback`, or the key itself.
 *
 * `{{name}}` placeholders are filled from `params` in every case. The locale
 * handed to the translator is canonicalised (`pt_BR` → `pt-BR`); a null or
 * unparsable one becomes `'en'`.
 */
export function translatePush(
  locale: string | null | undefined,
  key: string,
  params: Readonly<Record<string, string>> = {},
  fallback?: string,
  translator?: PushLocaleTranslator,
): string {
  const tag = (typeof locale === 'string' ? canonicalTag(locale) : undefined) ?? DEFAULT_PUSH_LOCALE;
  const translated = translator?.(tag, key, params);
  if (typeof translated === 'string' && translated.trim() !== '') return interpolatePushMessage(translated, params);
  const english = englishPushMessage(key);
  if (english !== undefined) return interpolatePushMessage(english, params);
  return fallback ?? key;
}
