// Which language the app speaks. The user's choice in Settings wins; 'system' follows the OS: Electron's
// app.getLocale() in main, navigator.languages in the window, LC_ALL / LC_MESSAGES / LANG in a terminal (the CLI,
// the browser host's lines).

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
 * 'ja:en') comes first, as gettext reads it, but only when a locale is set at all and is not C / POSIX.
 */
export function posixLocales(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  const locale = set('LC_ALL') ?? set('LC_MESSAGES') ?? set('LANG');
  if (!locale) return [];
  // As gettext: the C locale (LC_ALL=C in a script) asks for the program's own words, whatever LANGUAGE lists.
  if (/^(?:C|POSIX)(?:[.@]|$)/.test(locale)) return [locale];
  const languageList = set('LANGUAGE')?.split(':') ?? [];
  return [...languageList, locale];
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language of lines printed on a terminal (the CLI's, the browser host's): `choice` when it names a language
 * (the CLI's --lang, the app's saved setting), else the POSIX locale variables; English when they name nothing we
 * speak. 'system' and anything unknown fall through to the locale.
 */
export function terminalLanguage(env: Readonly<Record<string, string | undefined>>, choice?: string): Language {
  if (choice !== undefined && isLanguage(choice)) return choice;
  return pickLanguage(posixLocales(env));
}

/** An Accept-Language header read this far at most: a browser sends a handful of tags, a hostile client thousands. */
const MAX_ACCEPTED = 32;

/**
 * An HTTP Accept-Language header's tags, most preferred first (by q, then by order); tags refused with q=0 and
 * the wildcard are left out. Anything malformed is passed over, never an error.
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  const entries: Array<{ tag: string; q: number; at: number }> = [];
  for (const [at, part] of header.split(',').slice(0, MAX_ACCEPTED).entries()) {
    const [tag = '', ...params] = part.split(';').map((p) => p.trim());
    if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) continue;
    const qParam = params.find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    entries.push({ tag, q, at });
  }
  return entries.sort((a, b) => b.q - a.q || a.at - b.at).map((e) => e.tag);
}
