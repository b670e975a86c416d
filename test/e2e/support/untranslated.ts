// Finds English left on a screen that should be Japanese: every visible text node and every label a screen reader
// or a tooltip shows (aria-label, title, placeholder, alt), minus what is not the app's words (names and data the
// test put there, product and protocol names, numbers, units) and what is marked as English on purpose (lang="en":
// the activity log, which stays English for support). What remains with a Latin word is untranslated: the judging is
// test/helpers/english-left.ts, the one the happy-dom tests use.
import type { Page } from '@playwright/test';
import { ENGLISH_WORD, englishLeftIn } from '../../helpers/english-left';

/** Words that are the same in every language: product, protocol and format names, units, the sandbox's data. */
const SAME_IN_EVERY_LANGUAGE = [
  'Media Desk', 'Twilio', 'MMS', 'SID', 'URL', 'HTTPS?', 'CSV', 'JPEG', 'MP4', 'PNG', 'GIF', 'WAV', 'MP3', 'XML', 'JSON', 'API',
  'ID', 'ACL', 'GMT', 'UTC', 'PAC', 'TLS', 'Digest', 'Basic', 'English', 'Auth Token', 'Web', 'SIP', 'POST', 'PUT', 'GET', '[KMGT]iB', 'B/s', 'NO_PROXY', 'HTTPS?_PROXY',
  // Keys, as printed on the keyboard.
  'Enter', 'Delete', 'Backspace', 'Ctrl', 'Cmd', 'Shift', 'Alt', 'Option', 'Esc(ape)?', 'Tab', 'Space',
];

export interface UntranslatedOptions {
  /** Data the test or the sandbox put on screen (account labels, file names, ids): not the app's words. */
  data?: Array<string | RegExp>;
  /** Elements whose text is data as a whole (a message's body): skipped, like lang="en". */
  skip?: string;
}

export async function untranslatedText(page: Page, options: UntranslatedOptions = {}): Promise<string[]> {
  const skip = ['script, style, code, .mono, [translate="no"], [lang="en"]', options.skip].filter(Boolean).join(', ');
  const texts = await page.evaluate((skip) => {
    const visible = (el: Element): boolean => {
      const style = getComputedStyle(el);
      return el.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !parent || !visible(parent) || parent.closest(skip)) continue;
      out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
      if (!visible(el) || el.closest(skip)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name)?.trim();
        if (value) out.push(value);
      }
    }
    return out;
  }, skip);
  // The data first: a whole label or name ("Sandbox Twilio") goes before a word inside it is taken for a product name.
  const notOurs = [
    ...(options.data ?? []),
    ...SAME_IN_EVERY_LANGUAGE.map((w) => new RegExp(`\\b${w}\\b`, 'g')),
    /\bhttps?:\/\/\S+/g, // addresses
    /\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, // e-mail addresses
    /\b[a-z]+:[\w.+-]+@[\w.-]+/g, // sip:user@host and the like
    /\b[\w-]+\.[a-z0-9]{2,4}\b/gi, // file names
    /\b[A-Z]{2}[0-9a-f]{32}\b/g, // Twilio SIDs
    /\b[A-Z]{2}[0-9a-f]{2,}…[0-9a-f]{2,}/g, // shortened SIDs (MEdf2c…5f1a)
    /\{[a-zA-Z]+\}/g, // pattern tokens ({date}, {mediaSid})
  ];
  return englishLeftIn(texts, { notOurs, english: ENGLISH_WORD });
}
