// What is still English on screen after a switch to Japanese, in happy-dom: every text node and every label a person
// (or a screen reader) meets, judged by the judge the Chromium tests use too (test/helpers/english-left.ts). By
// default what counts is an English phrase — two words of letters, as in "Load more" or "Clean-up finished".
// Fixture data (names, numbers, file names the test made up) is passed in as allowed and taken out first.
import { ENGLISH_PHRASE, isEnglishLeft } from '../../helpers/english-left';

/** Names that stay in Latin letters in every language. */
const NAMES = ['Media Desk'];
const LABELS = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'];

export interface EnglishLeftOptions {
  /** What counts as English (a stricter test may count two short words). */
  english?: RegExp;
  /** Elements whose words are not this screen's to translate (another helper's), left out. */
  skip?: string;
}

/** The English phrases left in `root` (the document by default), once the `allowed` texts are taken out. */
export function englishLeft(allowed: readonly string[] = [], root: ParentNode = document.body, options: EnglishLeftOptions = {}): string[] {
  const judging = { notOurs: [...NAMES, ...allowed], english: options.english ?? ENGLISH_PHRASE };
  const skipped = (element: Element | null) => Boolean(options.skip && element?.closest(options.skip));
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (!skipped(node.parentElement) && isEnglishLeft(text, judging)) found.push(text.trim());
  }
  for (const element of root.querySelectorAll('*')) {
    for (const name of LABELS) {
      const value = element.getAttribute(name);
      if (value && isEnglishLeft(value, judging)) found.push(`${name}="${value}"`);
    }
  }
  return found;
}
