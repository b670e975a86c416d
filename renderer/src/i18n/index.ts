// The window's words: one i18next instance with react-i18next. English is in the bundle; Japanese is a chunk of its
// own, loaded the first time it is needed, so an English start does not pay for it. The language is the Settings
// choice, or the OS's as the browser reports it (navigator.languages follows app.getLocale() in Electron).
import i18next from 'i18next';
import { useEffect } from 'react';
import { initReactI18next, Trans, useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../main/common/errors';
import type { Catalogue } from '../../../main/common/i18n/catalogue';
import { formatsFor, type Formats } from '../../../main/common/i18n/format';
import { pickLanguage, resolveLanguage, type Language, type LanguageChoice } from '../../../main/common/i18n/languages';
import { sayPhrase, sayWords, type Phrase } from '../../../main/common/i18n/phrase';
import { addFormats, i18nOptions } from '../../../main/common/i18n/translator';

export const i18n = i18next.createInstance();
// Components take react-i18next's hooks from here, so that the instance they read is the one made above.
export { Trans, useTranslation };
void i18n.use(initReactI18next).init(i18nOptions('en'));
addFormats(i18n);

export function systemLanguage(): Language {
  return pickLanguage(typeof navigator === 'undefined' ? [] : navigator.languages);
}

const loaders: Record<Exclude<Language, 'en'>, () => Promise<Catalogue>> = {
  ja: () => import('../../../main/common/i18n/locales/ja/index').then((m) => m.ja),
};

/** Switches every mounted view to `language`, loading its catalogue first; the page's lang follows. */
export async function switchLanguage(language: Language): Promise<void> {
  if (language !== 'en' && !i18n.hasResourceBundle(language, 'common')) {
    const catalogue = await loaders[language]();
    for (const [ns, entries] of Object.entries(catalogue)) i18n.addResourceBundle(language, ns, entries, true, true);
  }
  if (i18n.language !== language) await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Keeps the window in the language Settings chose ('system' until settings arrive). */
export function useLanguageChoice(choice: LanguageChoice | undefined): void {
  useEffect(() => {
    void switchLanguage(resolveLanguage(choice ?? 'system', typeof navigator === 'undefined' ? [] : navigator.languages));
  }, [choice]);
}

/** Main's words in the window's language (sayWords, with the window's translator). */
export function saidText(words: string, said: Phrase | undefined): string {
  return sayWords(i18n, words, said);
}

/** A contract error in the reader's language: its phrase when it has one, else main's English words. */
export function errorText(error: Pick<AppErrorData, 'message' | 'phrase'>): string {
  return saidText(error.message, error.phrase);
}

/** What is wrong with a field (an error's details), in the reader's language; undefined when main said nothing. */
export function reasonText(details: AppErrorData['details']): string | undefined {
  if (details?.reasonPhrase) return sayPhrase(i18n, details.reasonPhrase);
  return details?.reason;
}

/** Dates, numbers and sizes in the window's current language, for code outside a component's render. */
export function windowFormats(): Formats {
  return formatsFor(pickLanguage([i18n.language]));
}

/** Dates, numbers and sizes in the window's language; re-renders when the language changes. */
export function useFormats(): Formats {
  useTranslation();
  return windowFormats();
}
