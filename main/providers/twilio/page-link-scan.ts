// The next-page link of a list page, read from the first bytes of the answer while the rest is still arriving, so
// that the next page can be asked for before this one is complete. Only a guess: the page's parsed JSON has the last
// word (followPages drops a guess it contradicts), and the link still goes through the same checks as any other.
// Only the fields before the first array or object are read (the sandbox writes the paging fields first; a server
// that writes them after the list simply gets no head start), and only a link without escapes.

/** Give up when the fields before the list are longer than this: page fields are short. */
const HEAD_LIMIT = 16 * 1024;
const KEY = 'next_page_uri';

/** The link; null when the head says there is none, or cannot tell; undefined when it is not known yet (read on). */
export type LinkScan = string | null | undefined;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Reads the top-level fields at the start of `head` (the answer so far) up to the first array or object. */
export function scanNextPageLink(head: string): LinkScan {
  let i = 0;
  // Only the first HEAD_LIMIT characters are read: running out there is giving up, running out before is waiting.
  const n = Math.min(head.length, HEAD_LIMIT);
  const ranOut = (): LinkScan => (n === HEAD_LIMIT ? null : undefined);
  const skipSpace = (): void => {
    while (i < n && isSpace(head.charCodeAt(i))) i++;
  };
  /** A plain string starting at i (the quote): its text, undefined when cut short, null when it has an escape. */
  const plainString = (): LinkScan => {
    const end = head.indexOf('"', i + 1);
    if (end < 0 || end >= n) return ranOut();
    const text = head.slice(i + 1, end);
    if (text.includes('\\')) return null;
    i = end + 1;
    return text;
  };
  skipSpace();
  if (i >= n) return ranOut();
  if (head.charCodeAt(i) !== 0x7b) return null; // not an object
  i++;
  for (;;) {
    skipSpace();
    if (i >= n) return ranOut();
    if (head.charCodeAt(i) !== 0x22) return null; // '}' or anything else: no link before the end
    const key = plainString();
    if (typeof key !== 'string') return key;
    skipSpace();
    if (i >= n) return ranOut();
    if (head.charCodeAt(i) !== 0x3a) return null;
    i++;
    skipSpace();
    if (i >= n) return ranOut();
    const c = head.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) return null; // the list itself: the link, if any, comes after it
    if (c === 0x22) {
      const value = plainString();
      if (typeof value !== 'string') return value;
      if (key === KEY) return value === '' ? null : value;
    } else {
      // A number, true, false or null: up to the next comma or brace.
      const start = i;
      while (i < n && head.charCodeAt(i) !== 0x2c && head.charCodeAt(i) !== 0x7d && !isSpace(head.charCodeAt(i))) i++;
      if (i >= n) return ranOut();
      if (key === KEY) return null; // null (or not a link): no next page to ask for early
      if (start === i) return null;
    }
    skipSpace();
    if (i >= n) return ranOut();
    if (head.charCodeAt(i) !== 0x2c) return null;
    i++;
  }
}
