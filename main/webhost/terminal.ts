// The browser host's words to a person: its terminal lines in the app's saved language when the data folder's
// settings can be read, else the locale's as the CLI reads it (LC_ALL / LC_MESSAGES / LANG; the CLI itself never
// reads the saved language, it takes --lang), and its plain-text answers to a browser (its refusals, replies.ts) in
// the language the browser asks for, else the terminal's.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgv } from '../common/args.js';
import { sayable } from '../common/errors.js';
import { acceptedLanguages, pickLanguage, terminalLanguage, type Language } from '../common/i18n/languages.js';
import { phrase, sayPhrase, type Phrase } from '../common/i18n/phrase.js';
import { translatorFor } from '../app/desktop-language.js';
import { defaultDataDir } from '../app/paths.js';
import { inspectSettings, SETTINGS_FILE } from '../core/settings-store.js';

/** Far more than any settings file the app writes: a larger one is not read for the sake of a terminal line. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

/** A phrase in `language`. */
export function say(language: Language, said: Phrase): string {
  return sayPhrase(translatorFor(language), said);
}

/** An error in `language`: its phrase when it has one, else its own words (the system's, in English). */
export function sayError(language: Language, err: unknown): string {
  const said = sayable(err);
  return typeof said === 'string' ? said : say(language, said);
}

/**
 * The data folder a command line names, read leniently: the language is wanted even for a line the host refuses
 * (an unknown option), so anything the strict reading would refuse falls back to the default folder.
 */
export function namedDataDir(argv: readonly string[]): string {
  try {
    const given = parseArgv(argv, { 'data-dir': { type: 'string' } }, { strict: false }).values['data-dir'];
    if (typeof given === 'string' && given !== '') return path.resolve(given);
  } catch {
    // A --data-dir without its value: the default folder's settings, as the host would have used.
  }
  return defaultDataDir();
}

/** The terminal's language: the saved choice in `dataDir`'s settings (never written here), else the locale. */
export async function hostLanguage(dataDir: string, env: Readonly<Record<string, string | undefined>> = process.env): Promise<Language> {
  return terminalLanguage(env, await savedLanguage(dataDir));
}

/**
 * The saved choice, from a settings file that is a plain file of a settings file's size: this is read before the host
 * holds the folder, and even for a line it refuses, so a FIFO or a device there (never ending, or never answering)
 * must not keep the person from reading why the host stopped.
 */
async function savedLanguage(dataDir: string): Promise<string | undefined> {
  const found = await fs.stat(path.join(dataDir, SETTINGS_FILE)).catch(() => undefined);
  if (!found?.isFile() || found.size > MAX_SETTINGS_BYTES) return undefined;
  return inspectSettings(dataDir).then(
    (read) => read.settings.language,
    () => undefined,
  );
}

/** The language for an answer to a browser: its Accept-Language when it names one we speak, else `fallback`. */
export function pageLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  return pickLanguage([...acceptedLanguages(acceptLanguage), fallback]);
}

/** Why the host stopped: the error's phrase in `language` when it has one, else its own words (the system's). */
export function startFailedLine(language: Language, err: unknown): string {
  return say(language, phrase('desktop:webhost.startFailed', { reason: sayable(err) }));
}
