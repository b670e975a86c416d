// The language main speaks in the desktop shell (the native menu, notifications, dialogs): Settings' choice, or the
// OS's language, which the host gives (Electron's app.getLocale(): only main/electron talks to Electron).
import type { Settings } from '../common/contract.js';
import { resolveLanguage, type Language } from '../common/i18n/languages.js';
import { ja } from '../common/i18n/locales/ja/index.js';
import { createTranslator, type I18n } from '../common/i18n/translator.js';

export interface LanguageSources {
  settings: { get(): Pick<Settings, 'language'>; onChange(listener: (settings: Settings) => void): () => void };
  /** The OS's languages, most preferred first; none when the host cannot say. */
  systemLanguages?: (() => readonly string[]) | undefined;
}

export function desktopLanguage(sources: LanguageSources): Language {
  return resolveLanguage(sources.settings.get().language, sources.systemLanguages?.() ?? []);
}

const translators = new Map<Language, I18n>();
/** One translator per language, made once. */
export function translatorFor(language: Language): I18n {
  let translator = translators.get(language);
  if (!translator) {
    translator = createTranslator(language, { ja });
    translators.set(language, translator);
  }
  return translator;
}

/** Calls `listener` with the new language whenever a settings change changes it (not on every settings change). */
export function onLanguageChange(sources: LanguageSources, listener: (language: Language) => void): () => void {
  let current = desktopLanguage(sources);
  return sources.settings.onChange(() => {
    const next = desktopLanguage(sources);
    if (next === current) return;
    current = next;
    listener(next);
  });
}
