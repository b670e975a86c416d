// What is still English on screen after a switch to Japanese: every text node and every label a person (or a screen
// reader) meets that holds an English phrase — two words of letters, as in "Load more" or "Clean-up finished".
// Fixture data (names, numbers, file names the test made up) is passed in as allowed and taken out first.

const ENGLISH_PHRASE = /[A-Za-z]{4,} [A-Za-z]{3,}/;
/** Names that stay in Latin letters in every language. */
const NAMES = ['Media Desk'];
const LABELS = ['aria-label', 'title', 'placeholder', 'alt', 'aria-valuetext'];

/** The English phrases left in `root` (the document by default), once the `allowed` texts are taken out. */
export function englishLeft(allowed: readonly string[] = [], root: ParentNode = document.body): string[] {
  const clean = (text: string) => [...NAMES, ...allowed].reduce((rest, a) => rest.split(a).join(' '), text);
  const found: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    if (ENGLISH_PHRASE.test(clean(text))) found.push(text.trim());
  }
  for (const element of root.querySelectorAll('*')) {
    for (const name of LABELS) {
      const value = element.getAttribute(name);
      if (value && ENGLISH_PHRASE.test(clean(value))) found.push(`${name}="${value}"`);
    }
  }
  return found;
}
