// A sentence main says to a person, as a catalogue key and its values rather than as finished English: the window
// and the CLI say it in the reader's language, the activity log in English. A value may itself be a phrase (a
// reason inside a sentence); a server's own words go in as plain strings and are never translated or interpreted.
import type { MessageKey } from './catalogue.js';
import { createTranslator, type I18n } from './translator.js';

export type PhraseValue = string | number | Phrase;
export interface Phrase {
  key: MessageKey;
  values?: Record<string, PhraseValue>;
}

export function phrase(key: MessageKey, values?: Record<string, PhraseValue>): Phrase {
  return values ? { key, values } : { key };
}

export function isPhrase(value: unknown): value is Phrase {
  if (typeof value !== 'object' || value === null) return false;
  const { key, values } = value as { key?: unknown; values?: unknown };
  if (typeof key !== 'string' || key.length > 200) return false;
  if (values === undefined) return true;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  return Object.values(values).every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || isPhrase(v));
}

/** The phrase in `translator`'s language; nested phrases are said first, in the same language. */
export function sayPhrase(translator: I18n, said: Phrase): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.values ?? {})) values[name] = typeof value === 'object' ? sayPhrase(translator, value) : value;
  // A key the catalogue lacks (a newer main than this window) is shown as the key, never as an empty line.
  return translator.t(said.key, { ...values, defaultValue: said.key });
}

let englishTranslator: I18n | undefined;
/** English, for the activity log and for AppError.message: the words support reads. */
export function inEnglish(said: Phrase): string {
  englishTranslator ??= createTranslator('en');
  return sayPhrase(englishTranslator, said);
}
