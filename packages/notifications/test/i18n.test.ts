import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_LOCALE, PUSH_MESSAGES_EN, resolvePushLocale, translatePush, type PushLocaleTranslator } from '../src/index';

const catalogs: Record<string, Record<string, string>> = {
  fr: { 'generic.title': 'Kilo (fr)', 'instanceLifecycle.ready.title': '{{instanceName}} est prête' },
  'zh-Hans': { 'generic.title': 'Kilo（简体）' },
};
const translator: PushLocaleTranslator = (locale, key) => catalogs[locale]?.[key];
const supported = ['en', 'fr', 'es', 'pt-BR', 'zh-Hans', 'zh-Hant'];

describe('translatePush', () => {
  it('localises known keys and interpolates params', () => {
    expect(translatePush('fr', 'generic.title', {}, undefined, translator)).toBe('Kilo (fr)');
    expect(translatePush('fr', 'instanceLifecycle.ready.title', { instanceName: 'Atlas' }, undefined, translator)).toBe(
      'Atlas est prête',
    );
    expect(translatePush('en', 'chat.untitled.title', { sandboxLabel: 'Claw' })).toBe('Claw · Untitled');
  });

  it('falls back to English for unknown, null or missing locales and for keys the translator lacks', () => {
    expect(translatePush('xx-YY', 'generic.title', {}, undefined, translator)).toBe(PUSH_MESSAGES_EN['generic.title']);
    expect(translatePush(null, 'generic.title', {}, undefined, translator)).toBe('Kilo');
    expect(translatePush(undefined, 'generic.title')).toBe('Kilo');
    expect(translatePush('fr', 'generic.body.chatMessage', {}, undefined, translator)).toBe(
      PUSH_MESSAGES_EN['generic.body.chatMessage'],
    );
  });

  it('returns the fallback, or else the key, for an unknown key', () => {
    expect(translatePush('fr', 'no.such.key', {}, 'Fallback', translator)).toBe('Fallback');
    expect(translatePush('fr', 'no.such.key')).toBe('no.such.key');
    expect(translatePush('en', 'toString')).toBe('toString');
  });

  it('hands the translator a canonical tag', () => {
    const seen: string[] = [];
    translatePush('pt_br', 'generic.title', {}, undefined, (locale) => {
      seen.push(locale);
      return undefined;
    });
    expect(seen).toEqual(['pt-BR']);
  });

  it('leaves no placeholder behind when a param is missing', () => {
    expect(translatePush('en', 'chat.title', { sandboxLabel: 'Claw' })).toBe('Claw · ');
  });
});

describe('resolvePushLocale', () => {
  it('keeps supported tags, including script tags', () => {
    for (const tag of supported) expect(resolvePushLocale(tag, supported)).toBe(tag);
  });

  it('maps null, empty, unparsable and unsupported tags to en', () => {
    for (const tag of [null, undefined, '', '  ', '!!', 'de', 'ja-JP']) {
      expect(resolvePushLocale(tag, supported)).toBe(DEFAULT_PUSH_LOCALE);
    }
  });

  it('normalises case and separators and falls back language-first', () => {
    expect(resolvePushLocale('pt_BR', supported)).toBe('pt-BR');
    expect(resolvePushLocale('PT-br', supported)).toBe('pt-BR');
    expect(resolvePushLocale('es-MX', supported)).toBe('es');
    expect(resolvePushLocale('fr_CA', supported)).toBe('fr');
    expect(resolvePushLocale('zh-CN', supported)).toBe('zh-Hans');
    expect(resolvePushLocale('zh-TW', supported)).toBe('zh-Hant');
    expect(resolvePushLocale('zh-hans', supported)).toBe('zh-Hans');
  });

  it('knows only English without a supported list', () => {
    expect(resolvePushLocale('fr')).toBe('en');
    expect(resolvePushLocale('en-GB')).toBe('en');
  });
});
