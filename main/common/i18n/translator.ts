// One way to make an i18next instance, for the window (with react-i18next), main (menus, notifications) and the
// CLI: the same options everywhere, so a catalogue line reads the same in all three.
import i18next, { type i18n as I18n, type InitOptions } from 'i18next';
import { english, NAMESPACES, type Catalogue } from './catalogue.js';
import { formatBytes } from '../format-bytes.js';
import { formatsFor } from './format.js';
import { LANGUAGES, pickLanguage, type Language } from './languages.js';

export type { I18n };

export function i18nOptions(language: Language, catalogues: Partial<Record<Language, Catalogue>> = {}): InitOptions {
  const resources: Record<string, Catalogue> = { en: english };
  for (const [lang, catalogue] of Object.entries(catalogues)) resources[lang] = catalogue;
  return {
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    ns: NAMESPACES,
    defaultNS: 'common',
    keySeparator: false,
    resources,
    // Values are text, never markup: React escapes them and a terminal shows them as they are. skipOnVariables keeps
    // a server's words ("{{x}}", "$t(…)") literal instead of reading them as more interpolation or nesting.
    interpolation: { escapeValue: false, skipOnVariables: true },
    returnNull: false,
    initAsync: false,
  };
}

/** Adds the formats the catalogues use beyond i18next's own (number, datetime, list): {{size, bytes}}. */
export function addFormats(instance: I18n): void {
  instance.services.formatter?.add('bytes', (value: unknown, lng: string | undefined) => formatBytes(Number(value), lng));
  // A nested phrase that starts a sentence ("{{what, capitalize}} was not found"): a no-op where letters have no case.
  instance.services.formatter?.add('capitalize', (value: unknown) => {
    const text = String(value);
    return text.charAt(0).toUpperCase() + text.slice(1);
  });
  // A moment said as the reader's date and time ("5 Dec 2026, 21:04" / "2026/12/05 21:04"): {{since, dateTime}}.
  instance.services.formatter?.add('dateTime', (value: unknown, lng: string | undefined) => formatsFor(pickLanguage([lng])).dateTime(typeof value === 'number' || typeof value === 'string' ? value : String(value)));
  // A sentence said after a colon ("Could not save the account "x": {{reason, uncapitalize}}").
  instance.services.formatter?.add('uncapitalize', (value: unknown) => {
    const text = String(value);
    return text.charAt(0).toLowerCase() + text.slice(1);
  });


}

/** A ready instance, initialised synchronously (the catalogues are in memory). */
export function createTranslator(language: Language, catalogues: Partial<Record<Language, Catalogue>> = {}): I18n {
  const instance = i18next.createInstance();
  void instance.init(i18nOptions(language, catalogues));
  addFormats(instance);
  return instance;
}
