// The browser host's answers: JSON for the contract and the uploads, plain text for refusals.
import type http from 'node:http';
import type { Language } from '../common/i18n/languages.js';
import type { Phrase } from '../common/i18n/phrase.js';
import { pageLanguage, say } from './terminal.js';

export function sendJson(res: http.ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...extra });
  res.end(body);
}

/**
 * Refuses a request with a line a person may read in a browser tab: the phrase said as plain text in the request's
 * Accept-Language, else in the host's language. Only a phrase: the request's own words are never said back to it.
 */
export type Refuse = (req: http.IncomingMessage, res: http.ServerResponse, status: number, said: Phrase, headers?: Record<string, string>) => void;

/** The host's refusals, `fallback` (the terminal's language) for a browser that names no language we speak. */
export function refusals(fallback: Language): Refuse {
  return (req, res, status, said, headers = {}) => {
    const body = say(pageLanguage(req.headers['accept-language'], fallback), said);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
    res.end(body);
  };
}
