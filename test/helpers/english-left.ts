// The one judge of "English left on a screen that should be Japanese", shared by the happy-dom tests
// (test/renderer/i18n/english-left.ts) and the Chromium ones (test/e2e/support/untranslated.ts). Each side collects
// the texts a person reads in its own DOM; this decides which of them are still English: what is not the app's words
// (names, data, product and protocol names) is taken out first, and what still looks English is what is left.

export interface EnglishJudging {
  /** Not the app's words, taken out in this order: a string as it is, a RegExp wherever it matches. */
  notOurs: ReadonlyArray<string | RegExp>;
  /** What still counts as English once `notOurs` is out. */
  english: RegExp;
}

/** Two English words in a row, as in "Load more" or "Clean-up finished". */
export const ENGLISH_PHRASE = /[A-Za-z]{4,} [A-Za-z]{3,}/;
/** Any English word of three letters or more. */
export const ENGLISH_WORD = /[A-Za-z]{3,}/;

function withoutAll(text: string, part: string | RegExp): string {
  if (typeof part === 'string') return text.split(part).join(' ');
  return text.replace(part.global ? part : new RegExp(part.source, `${part.flags}g`), ' ');
}

/** Whether `text` still says something in English once what is not the app's words is out. */
export function isEnglishLeft(text: string, { notOurs, english }: EnglishJudging): boolean {
  return english.test(notOurs.reduce(withoutAll, text));
}

/** The texts that are still English, each once, in the order they came. */
export function englishLeftIn(texts: Iterable<string>, judging: EnglishJudging): string[] {
  return [...new Set([...texts].filter((text) => isEnglishLeft(text, judging)))];
}
