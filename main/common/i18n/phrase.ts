// A sentence main says to a person, as a catalogue key and its values rather than as finished English: the window
// and the CLI say it in the reader's language, the activity log in English. A value may itself be a phrase (a
// reason inside a sentence); a server's own words go in as plain strings and are never translated or interpreted.
import type { MessageKey } from './catalogue.js';
import { createTranslator, type I18n } from './translator.js';

/**
 * A list is said as the reader's language lists things: names (ids, file names) as "a, b and c" / 「a、b、c」; a list
 * holding phrases (one clause each: "x is back to its default") as clauses, "x; y" / 「x、y」.
 */
export type PhraseValue = string | number | Phrase | ReadonlyArray<string | Phrase>;
export interface Phrase {
  key: MessageKey;
  values?: Record<string, PhraseValue>;
}

export function phrase(key: MessageKey, values?: Record<string, PhraseValue>): Phrase {
  return values ? { key, values } : { key };
}

/** Deeper than any phrase main makes (a reason inside a sentence inside a list): a file or a message nested deeper is not one. */
const MAX_PHRASE_DEPTH = 16;

export function isPhrase(value: unknown, depth = 0): value is Phrase {
  if (typeof value !== 'object' || value === null || depth > MAX_PHRASE_DEPTH) return false;
  const { key, values } = value as { key?: unknown; values?: unknown };
  if (typeof key !== 'string' || key.length > 200) return false;
  if (values === undefined) return true;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  return Object.values(values).every(
    (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)) || (Array.isArray(v) && v.length <= 1000 && v.every((n) => typeof n === 'string' || isPhrase(n, depth + 1))) || isPhrase(v, depth + 1),
  );
}

/** Names as the translator's language lists them: "a", "a and b", "a, b and c" / 「a、b、c」; clauses "x; y" / 「x、y」. */
export function sayList(translator: I18n, items: ReadonlyArray<string | Phrase>): string {
  if (items.some((item) => typeof item !== 'string')) {
    return items.map((item) => (typeof item === 'string' ? item : sayPhrase(translator, item))).join(translator.t('library:list.clauseSeparator'));
  }
  const names = items as readonly string[];
  if (names.length <= 1) return names.join('');
  const head = names.slice(0, -1).join(translator.t('library:list.separator'));
  return translator.t('library:list.and', { head, last: names[names.length - 1] ?? '' });
}

function sayValue(translator: I18n, value: PhraseValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  return isList(value) ? sayList(translator, value) : sayPhrase(translator, value);
}

function isList(value: Phrase | ReadonlyArray<string | Phrase>): value is ReadonlyArray<string | Phrase> {
  return Array.isArray(value);
}

/** The phrase in `translator`'s language; nested phrases are said first, in the same language. */
export function sayPhrase(translator: I18n, said: Phrase): string {
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(said.values ?? {})) values[name] = sayValue(translator, value);
  // The values go in as `replace`, never beside t()'s options: a phrase read from a file names its own values, and
  // one named returnDetails or lngs would change what t() answers. Only the count also picks the plural.
  const count = values.count;
  const options = { replace: values, ...(typeof count === 'number' ? { count } : {}) };
  // A key the catalogue lacks (a newer main than this window, a hand-made file) is shown as the key, never as an
  // empty line, and never read as a template ("$t(…)", "{{…}}").
  return translator.exists(said.key, options) ? translator.t(said.key, options) : said.key;
}

/**
 * Words main sends beside their phrase (an error's message, a job's title), in `translator`'s language: the phrase
 * when there is one, else the words as they are (English from an older main, or words that are not the app's own).
 */
export function sayWords(translator: I18n, words: string, said: Phrase | undefined): string {
  return said ? sayPhrase(translator, said) : words;
}

let englishTranslator: I18n | undefined;
/** English, for the activity log and for AppError.message: the words support reads. */
export function inEnglish(said: Phrase): string {
  englishTranslator ??= createTranslator('en');
  return sayPhrase(englishTranslator, said);
}
