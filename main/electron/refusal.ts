// How Electron's own protocols (app://, the media scheme) refuse a request: one line a person may read where the page
// or the media should be, in the app's language. Only a phrase is said: nothing of the request comes back.
import type { Language } from '../common/i18n/languages.js';
import { sayPhrase, type Phrase } from '../common/i18n/phrase.js';
import { translatorFor } from '../app/desktop-language.js';

/** The app's language now (Settings', else the OS's), asked at each request so that a change applies at once. */
export type CurrentLanguage = () => Language;

export function refusal(status: number, said: Phrase, language: CurrentLanguage, headers: Record<string, string> = {}): Response {
  const body = sayPhrase(translatorFor(language()), said);
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers } });
}
