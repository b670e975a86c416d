// The browser host's words to a person: its terminal lines in the terminal's language (hostLanguage in
// app/terminal-language.ts, which the desktop app's launch warnings follow too), and its plain-text answers to a
// browser (its refusals, replies.ts) in the language the browser asks for, else the terminal's.
import path from 'node:path';
import { parseArgv } from '../common/args.js';
import { sayable } from '../common/errors.js';
import { acceptedLanguages, pickLanguage, type Language } from '../common/i18n/languages.js';
import { phrase, sayPhrase, type Phrase } from '../common/i18n/phrase.js';
import { translatorFor } from '../app/desktop-language.js';
import { defaultDataDir } from '../app/paths.js';

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

/** The language for an answer to a browser: its Accept-Language when it names one we speak, else `fallback`. */
export function pageLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  return pickLanguage([...acceptedLanguages(acceptLanguage), fallback]);
}

/** Why the host stopped: the error's phrase in `language` when it has one, else its own words (the system's). */
export function startFailedLine(language: Language, err: unknown): string {
  return say(language, phrase('desktop:webhost.startFailed', { reason: sayable(err) }));
}
