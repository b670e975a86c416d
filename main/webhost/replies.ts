// The browser host's answers: JSON for the contract and the uploads, plain text for refusals.
import type http from 'node:http';
import type { Language } from '../common/i18n/languages.js';
import type { Phrase } from '../common/i18n/phrase.js';
import { pageLanguage, say } from './terminal.js';

/** What a refused request's body may still bring that is read to keep its connection: a small form, promptly. */
const DRAIN_BYTES = 1024 * 1024;
const DRAIN_MS = 50;

/**
 * Headers for a refusal given before the request's body was read to its end. A body that ends within DRAIN_BYTES and
 * DRAIN_MS (a small form refused at once) is read to its end and the connection kept for the next request. Any other
 * is not read further, and the connection closes once the answer is flushed (Node does so for `Connection: close`),
 * so the sender stops instead of sending a refused gigabyte to be discarded. The unread bytes make that close a reset;
 * Chromium, whose send then fails, still reads the answer already in its socket, but only an error status (4xx,
 * 5xx): a 2xx answer to an upload cut short is reported as the reset (ERR_CONNECTION_RESET, "Failed to fetch").
 * `req.complete` alone cannot tell: Node parses a body after the handler's first await, so a whole small form may
 * not be marked complete yet.
 */
export function refusalHeaders(req: http.IncomingMessage): Promise<Record<string, string>> {
  if (req.complete || req.readableEnded) {
    req.resume();
    return Promise.resolve({});
  }
  return new Promise((resolve) => {
    let read = 0;
    const done = (whole: boolean): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (!whole) req.pause();
      resolve(whole ? {} : { connection: 'close' });
    };
    const onData = (chunk: Buffer): void => {
      read += chunk.length;
      if (read > DRAIN_BYTES) done(false);
    };
    const onEnd = (): void => done(true);
    const onClose = (): void => done(req.complete);
    const timer = setTimeout(() => done(false), DRAIN_MS);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
    // A request unpiped from its reader is paused: a 'data' listener alone would not start it again.
    req.resume();
  });
}

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
