// Reading an answer's body: whole (an API's JSON or XML, under a cap), as UTF-8 text, or the part of an answer that
// came while the request was still being sent; and the Retry-After an answer may carry.
import { isAscii, isUtf8 } from 'node:buffer';
import type http from 'node:http';
import { AppError } from '../../common/errors.js';
import { phrase, type PhraseValue } from '../../common/i18n/phrase.js';
import { DEFAULT_BODY_CAP, type HttpResponse } from './http-request.js';
import { networkError } from './network-error.js';

/**
 * The bytes of an answer that came while the request was still being sent, up to the API body cap. The connection
 * may be dropped by then (the server refuses to read the rest): what arrived before is kept.
 */
export function readEarlyAnswer(incoming: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (): void => resolve(Buffer.concat(chunks, total));
    incoming.on('data', (chunk: Buffer) => {
      if (total + chunk.length > DEFAULT_BODY_CAP) {
        incoming.destroy();
        return;
      }
      total += chunk.length;
      chunks.push(chunk);
    });
    incoming.once('end', done);
    incoming.once('error', done);
    incoming.once('close', done);
  });
}

/** Reads a whole (small) body, refusing more than capBytes. */
export async function readBody(res: HttpResponse, capBytes = DEFAULT_BODY_CAP): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const total = await readChunks(res, capBytes, (chunk) => chunks.push(chunk));
  return Buffer.concat(chunks, total);
}

/**
 * Reads a whole (small) body as text, as decodeUtf8 would decode it, refusing more than capBytes. An answer that is
 * all ASCII (an API's JSON mostly is) is decoded a chunk at a time as it arrives, without joining the bytes first:
 * for a listing of hundreds of kB that is a third of the time readBody and decodeUtf8 take. `onAsciiText` sees the
 * text so far after each such chunk.
 */
export async function readBodyText(res: HttpResponse, capBytes = DEFAULT_BODY_CAP, what = 'The server', onAsciiText?: (textSoFar: string) => void): Promise<string> {
  const chunks: Buffer[] = [];
  let text = '';
  let ascii = true;
  const total = await readChunks(res, capBytes, (chunk) => {
    chunks.push(chunk);
    ascii &&= isAscii(chunk);
    if (!ascii) return;
    text += chunk.toString('latin1');
    // A caller may act on the start of an answer while the rest is on its way (the next page of a list).
    onAsciiText?.(text);
  });
  return ascii ? text : decodeUtf8(Buffer.concat(chunks, total), what);
}

/** Hands each chunk of a body to `take`, refusing more than capBytes; resolves with the byte count. */
async function readChunks(res: HttpResponse, capBytes: number, take: (chunk: Buffer) => void): Promise<number> {
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > capBytes) {
    res.body.destroy();
    throw new AppError('too_large', phrase('errors:http.answerTooLargeDeclared', { host: res.host, declared, limit: capBytes }), { status: res.status });
  }
  let total = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > capBytes) {
        res.body.destroy();
        throw new AppError('too_large', phrase('errors:http.answerTooLarge', { host: res.host, limit: capBytes }), { status: res.status });
      }
      take(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (res.signal?.aborted) throw new AppError('cancelled', phrase('errors:generic.cancelled'));
    throw networkError(err as NodeJS.ErrnoException, res.host);
  }
  return total;
}

/** Decodes a body as UTF-8, refusing bytes that are not valid UTF-8 instead of showing mojibake. */
export function decodeUtf8(body: Buffer, what: PhraseValue = phrase('errors:http.theServer')): string {
  // isUtf8 + toString take about half the time of a fatal TextDecoder on a listing of megabytes; the BOM is dropped
  // as TextDecoder drops it.
  if (!isUtf8(body)) throw new AppError('protocol', phrase('errors:http.notUtf8', { what }));

  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
