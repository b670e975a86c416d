// Which language the app speaks. The user's choice in Settings wins; 'system' follows the OS: Electron's
// app.getLocale() in main, navigator.languages in the window, LC_ALL / LC_MESSAGES / LANG for the CLI.

export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_CHOICES = ['system', ...LANGUAGES] as const;
export type LanguageChoice = (typeof LANGUAGE_CHOICES)[number];

/** Each language's own name, as a speaker looks for it in a list (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ja: '日本語' };

/**
 * The first supported language among preferences, most preferred first: BCP 47 tags ('ja-JP', 'en-GB') and POSIX
 * locales ('ja_JP.UTF-8') alike. 'C' and 'POSIX' say nothing about a language and are passed over; English when
 * nothing matches.
 */
export function pickLanguage(preferences: readonly (string | undefined)[]): Language {
  for (const preference of preferences) {
    const primary = preference?.trim().split(/[-_.@]/)[0]?.toLowerCase();
    if (primary && (LANGUAGES as readonly string[]).includes(primary)) return primary as Language;
  }
  return 'en';
}

export function resolveLanguage(choice: LanguageChoice, system: readonly (string | undefined)[]): Language {
  return choice === 'system' ? pickLanguage(system) : choice;
}

/**
 * The POSIX locale variables in the order the C library reads them for messages. LANGUAGE (a GNU list such as
 * 'ja:en') comes first, as gettext reads it, but only when a locale is set at all.
 */
export function posixLocales(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  const locale = set('LC_ALL') ?? set('LC_MESSAGES') ?? set('LANG');
  if (!locale) return [];
  const languageList = set('LANGUAGE')?.split(':') ?? [];
  return [...languageList, locale];
}
