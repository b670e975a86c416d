// The CLI's words in the reader's language: LC_ALL / LC_MESSAGES / LANG (with GNU LANGUAGE), as every terminal
// program reads them, or --lang. Everything a person reads comes from the catalogue (namespace `cli`); --json
// documents never do, so they are the same in every language.
import type { MessageKey } from '../common/i18n/catalogue.js';
import { formatsFor, type Formats } from '../common/i18n/format.js';
import type { Language } from '../common/i18n/languages.js';
import { ja } from '../common/i18n/locales/ja/index.js';
import { isPhrase, phrase, sayPhrase, sayWords, type Phrase, type PhraseValue } from '../common/i18n/phrase.js';
import { createTranslator } from '../common/i18n/translator.js';

export interface CliWords {
  language: Language;
  formats: Formats;
  /** A whole sentence (or label) from the catalogue, with its values. */
  say: (key: MessageKey, values?: Record<string, PhraseValue>) => string;
  /** A phrase made elsewhere (an error's reason, a nested sentence). */
  said: (phrase: Phrase) => string;
  /**
   * An error or an item's result from main: its phrase in this language, else its (English) message. The phrase is
   * checked, since results that carry one (refused rows, clean-up results) are read as plain data.
   */
  sayError: (error: { message: string; phrase?: unknown }) => string;
}

export const LANG_OPTION = 'lang';

/** The value of --lang wherever it is on the line (--lang ja, --lang=ja), or undefined. */
export function langOption(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return undefined;
    if (arg === `--${LANG_OPTION}`) return argv[i + 1] ?? '';
    if (arg.startsWith(`--${LANG_OPTION}=`)) return arg.slice(LANG_OPTION.length + 3);
  }
  return undefined;
}

const made = new Map<Language, CliWords>();
export function cliWords(language: Language): CliWords {
  let words = made.get(language);
  if (!words) {
    const translator = createTranslator(language, { ja });
    words = {
      language,
      formats: formatsFor(language),
      say: (key, values) => sayPhrase(translator, phrase(key, values)),
      said: (p) => sayPhrase(translator, p),
      sayError: (error) => sayWords(translator, error.message, isPhrase(error.phrase) ? error.phrase : undefined),
    };
    made.set(language, words);
  }
  return words;
}
