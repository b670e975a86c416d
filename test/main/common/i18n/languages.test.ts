// The language follows the user's choice, else the OS, whichever way the OS says it.
import { describe, expect, it } from 'vitest';
import { acceptedLanguages, pickLanguage, posixLocales, resolveLanguage, terminalLanguage } from '../../../../main/common/i18n/languages';

describe('the language', () => {
  it.each([
    [['ja-JP', 'en-US'], 'ja'],
    [['ja'], 'ja'],
    [['fr-FR', 'ja-JP'], 'ja'],
    [['en-GB', 'ja'], 'en'],
    [['ja_JP.UTF-8'], 'ja'],
    [['JA_jp.eucJP@euro'], 'ja'],
    [['C', 'POSIX', 'C.UTF-8'], 'en'],
    [['fr-FR', 'de'], 'en'],
    [[], 'en'],
    [[undefined, ''], 'en'],
    [['jav-ID'], 'en'],
  ] as const)('of the preferences %j is %s', (preferences, language) => {
    expect(pickLanguage(preferences)).toBe(language);
  });

  it('is the one chosen in Settings, whatever the OS says', () => {
    expect(resolveLanguage('en', ['ja-JP'])).toBe('en');
    expect(resolveLanguage('ja', ['en-US'])).toBe('ja');
    expect(resolveLanguage('system', ['ja-JP'])).toBe('ja');
  });

  it('reads the POSIX variables in the C library order, with GNU LANGUAGE first when a locale is set', () => {
    expect(posixLocales({ LANG: 'ja_JP.UTF-8' })).toEqual(['ja_JP.UTF-8']);
    expect(posixLocales({ LANG: 'ja_JP.UTF-8', LC_ALL: 'C' })).toEqual(['C']);
    expect(posixLocales({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' })).toEqual(['ja_JP.UTF-8']);
    expect(posixLocales({ LC_ALL: 'C', LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'ja_JP.UTF-8' })).toEqual(['C']);
    // An empty variable counts as unset, as the C library reads it: the next one speaks.
    expect(posixLocales({ LC_ALL: '', LC_MESSAGES: '', LANG: 'ja_JP.UTF-8' })).toEqual(['ja_JP.UTF-8']);
    expect(posixLocales({ LANG: 'en_US.UTF-8', LANGUAGE: 'ja:en' })).toEqual(['ja', 'en', 'en_US.UTF-8']);
    expect(posixLocales({ LANGUAGE: 'ja' })).toEqual([]);
    expect(posixLocales({ LANG: '' })).toEqual([]);
  });

  it('leaves LANGUAGE out under the C locale, as gettext does: LC_ALL=C asks a program for its own words', () => {
    expect(posixLocales({ LC_ALL: 'C', LANGUAGE: 'ja:en', LANG: 'ja_JP.UTF-8' })).toEqual(['C']);
    expect(posixLocales({ LANG: 'POSIX', LANGUAGE: 'ja' })).toEqual(['POSIX']);
    expect(posixLocales({ LC_MESSAGES: 'C.UTF-8', LANGUAGE: 'ja' })).toEqual(['C.UTF-8']);
    expect(terminalLanguage({ LC_ALL: 'C', LANGUAGE: 'ja' })).toBe('en');
    // A locale that only starts with the letter is a language's: Catalan with Japanese first.
    expect(posixLocales({ LANG: 'ca_ES.UTF-8', LANGUAGE: 'ja' })).toEqual(['ja', 'ca_ES.UTF-8']);
  });
});

describe('a terminal\'s language (the CLI, the browser host)', () => {
  it('takes a choice that names a language, else the locale; "system" and unknown choices fall through', () => {
    expect(terminalLanguage({ LANG: 'C' }, 'ja')).toBe('ja');
    expect(terminalLanguage({ LANG: 'ja_JP.UTF-8' }, 'en')).toBe('en');
    expect(terminalLanguage({ LANG: 'ja_JP.UTF-8' }, 'system')).toBe('ja');
    expect(terminalLanguage({ LANG: 'ja_JP.UTF-8' }, 'fr')).toBe('ja');
    expect(terminalLanguage({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(terminalLanguage({})).toBe('en');
  });
});

describe("a browser's Accept-Language", () => {
  it('lists its tags by preference, leaving out refused ones, the wildcard and anything malformed', () => {
    expect(acceptedLanguages('ja,en-US;q=0.9,en;q=0.8')).toEqual(['ja', 'en-US', 'en']);
    expect(acceptedLanguages('en;q=0.5, ja-JP')).toEqual(['ja-JP', 'en']);
    expect(acceptedLanguages('fr;q=0.9, de;q=0.9, ja;q=0')).toEqual(['fr', 'de']);
    expect(acceptedLanguages('*, ja;q=abc, en;q=2, <script>, ja-JP;q=0.1')).toEqual(['ja-JP']);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('')).toEqual([]);
  });

  it('reads only the first tags of a header that names thousands', () => {
    const header = [...Array.from({ length: 5000 }, () => 'fr'), 'ja'].join(',');
    expect(acceptedLanguages(header)).toHaveLength(32);
    expect(pickLanguage([...acceptedLanguages(header), 'en'])).toBe('en');
  });
});
