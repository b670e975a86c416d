// Requests to the media library and the reading of its answers: credentials on every request, JSON bodies read
// under a cap, and HTTP failures turned into AppErrors that name the server and the thing asked for, with the
// server's own message when it sends one.
import type { Readable } from 'node:stream';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { serverWords } from '../../core/log/redact.js';
import type { PiecedBody } from '../http/file-body.js';
import { decodeUtf8, parseRetryAfter, readBody, send, type HttpResponse } from '../http/transport.js';
import type { ResolvedConnection } from './connection.js';

/** Limits a client may tune; the defaults suit a real server. */
export interface LibraryLimits {
  timeoutMs?: number;
  /** Cap on a JSON answer about one item. */
  jsonCapBytes?: number;
  /** Cap on a listing (a folder of 10,000 files with ACLs runs to a few MB). */
  listingCapBytes?: number;
}

/** What every request of one client shares. */
export interface LibraryContext {
  conn: ResolvedConnection;
  limits: LibraryLimits;
}

export const DEFAULT_JSON_CAP = 1024 * 1024;
export const DEFAULT_LISTING_CAP = 32 * 1024 * 1024;
const ERROR_BODY_CAP = 16 * 1024;

export interface LibraryRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the REST root, already percent-encoded, e.g. /media/dom/folder */
  path: string;
  accept?: string;
  contentType?: string;
  headers?: Record<string, string>;
  body?: Buffer | PiecedBody | Readable;
  bodyLength?: number;
  signal?: AbortSignal | undefined;
  onUploadProgress?: (bytesSent: number) => void;
}

export function sendLibrary(conn: ResolvedConnection, limits: LibraryLimits, req: LibraryRequest): Promise<HttpResponse> {
  const headers: Record<string, string> = { ...req.headers, ...conn.authHeaders };
  if (req.accept) headers.accept = req.accept;
  if (req.contentType) headers['content-type'] = req.contentType;
  return send({
    method: req.method,
    url: new URL(conn.restRoot + req.path),
    headers,
    body: req.body,
    bodyLength: req.bodyLength,
    signal: req.signal,
    timeoutMs: limits.timeoutMs,
    carriesSecret: true,
    allowInsecure: conn.allowInsecure,
    tls: conn.ca ? { ca: conn.ca } : undefined,
    onUploadProgress: req.onUploadProgress,
  });
}

/** Server text shown to a user: one line, no control characters, not too long. */
function tidy(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function messageIn(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.message === 'string') return o.message;
  if (typeof o.error === 'string') return o.error;
  if (typeof o.error === 'object' && o.error !== null && typeof (o.error as Record<string, unknown>).message === 'string') {
    return (o.error as Record<string, unknown>).message as string;
  }
  return undefined;
}

/** The server's explanation of a failure, from a JSON `message` (or `error`) or a short plain-text body. */
async function serverMessage(res: HttpResponse, conn: ResolvedConnection): Promise<string | undefined> {
  // Before tidy: it would change a secret holding a newline or spaces, and could cut one in two.
  const said = (text: string): string | undefined => tidy(serverWords(text, conn.secrets)) || undefined;
  let text: string;
  try {
    text = decodeUtf8(await readBody(res, ERROR_BODY_CAP));
  } catch {
    return undefined;
  }
  const type = String(res.headers['content-type'] ?? '').toLowerCase();
  try {
    const found = messageIn(JSON.parse(text));
    if (found) return said(found);
  } catch {
    // not JSON: fall through
  }
  if (type.startsWith('text/plain') && text.trim()) return said(text);
  return undefined;
}

export interface FailureWording {
  /** What a 409 means for this request, e.g. 'A folder named "x" already exists' (a clause: the server's words follow). */
  conflict?: Phrase;
}

/** Reads the failed answer's message and builds the AppError a user sees. */
export async function failure(res: HttpResponse, conn: ResolvedConnection, what: Phrase, wording: FailureWording = {}): Promise<AppError> {
  const status = res.status;
  const said = await serverMessage(res, conn);
  // Each clause is said whole; the server's own words, when it gave any, follow it as they are.
  const told = (sentence: Phrase): Phrase => (said ? phrase('errors:library.toldSaid', { sentence, said }) : phrase('errors:library.told', { sentence }));
  const host = conn.host;
  switch (status) {
    case 400:
      return new AppError('validation', told(phrase('errors:library.invalidRequest', { host, what })), { status });
    case 401:
      return new AppError('unauthorized', told(phrase('errors:library.credentials', { host, userId: conn.userId, appId: conn.appId })), { status });
    case 403:
      return new AppError('forbidden', told(phrase('errors:library.forbidden', { host, what })), { status });
    case 404:
      return new AppError('not_found', told(phrase('errors:library.notFound', { host, what })), { status });
    case 409:
      return new AppError('conflict', told(wording.conflict ?? phrase('errors:library.conflict', { host, what })), { status });
    case 413:
      return new AppError('too_large', told(phrase('errors:library.tooLarge', { host, what })), { status });
    case 429: {
      const retryAfter = parseRetryAfter(res.headers['retry-after']);
      const details = retryAfter === undefined ? { status } : { status, retryAfter };
      return new AppError('rate_limited', told(phrase('errors:library.rateLimited', { host })), details);
    }
    default:
      if (status >= 500) return new AppError('remote', told(phrase('errors:library.serverFailed', { host, what, status })), { status });
      if (status >= 300 && status < 400) {
        return new AppError('remote', phrase('errors:library.redirected', { host, what, status }), { status });
      }
      return new AppError('remote', told(phrase('errors:library.unexpectedStatus', { host, what, status })), { status });
  }
}

/** Throws the matching AppError unless the status is one of `ok`; the body of a success is left unread. */
export async function expectStatus(res: HttpResponse, ok: readonly number[], conn: ResolvedConnection, what: Phrase, wording?: FailureWording): Promise<void> {
  if (!ok.includes(res.status)) throw await failure(res, conn, what, wording);
}

/** Reads a successful answer that should be JSON; empty, non-UTF-8, oversized or non-JSON bodies are refused. */
export async function readJson(res: HttpResponse, conn: ResolvedConnection, what: Phrase, capBytes: number): Promise<unknown> {
  let body: Buffer;
  try {
    body = await readBody(res, capBytes);
  } catch (err) {
    if (err instanceof AppError && err.code === 'too_large') {
      throw new AppError('too_large', phrase('errors:library.answerTooLarge', { host: conn.host, what, limit: capBytes }), { status: res.status });
    }
    throw err;
  }
  const text = decodeUtf8(body, phrase('errors:library.atHost', { host: conn.host }));
  if (!text.trim()) throw new AppError('protocol', phrase('errors:library.emptyAnswer', { host: conn.host, what }), { status: res.status });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = String(res.headers['content-type'] ?? 'no content type');
    throw new AppError('protocol', phrase('errors:library.notJson', { host: conn.host, what, type: tidy(type) }), { status: res.status });

  }
}

/** Reads and drops a small body so the connection is left clean. */
export async function discard(res: HttpResponse): Promise<void> {
  try {
    await readBody(res, ERROR_BODY_CAP);
  } catch {
    res.body.destroy();
  }
}
