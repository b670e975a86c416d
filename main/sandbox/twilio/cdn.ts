// The sandbox's second origin: serves media bytes at signed, expiring URLs (see signer.ts) WITHOUT any
// Authorization header, the way Twilio's media CDN does. It records whether each request carried an
// Authorization header, so tests can prove a client does not forward its Twilio credentials across the redirect.
import type { RequestContext } from '../http/context.js';
import { HttpError } from '../http/http-error.js';
import { sendXml, xmlFields } from '../http/respond.js';
import { serveFile } from '../http/serve-file.js';
import { SID_PATTERNS } from './format.js';
import type { BlobRef } from './model.js';
import type { MediaUrlSigner } from './signer.js';
import type { TwilioStore } from './store.js';

export interface CdnLogEntry {
  method: string;
  /** The path without the query (the signature stays out of the log). */
  path: string;
  /** Whether the request carried an Authorization header: a well-behaved client never sends one here. */
  authorization: boolean;
  /** The answer's status (set before the first byte is sent). */
  status: number;
}

export const CDN_LOG_LIMIT = 1000;

export interface CdnDeps {
  store: TwilioStore;
  signer: MediaUrlSigner;
  blobPath(blob: BlobRef): string;
  log: CdnLogEntry[];
}

export async function handleCdn(ctx: RequestContext, deps: CdnDeps): Promise<void> {
  const entry: CdnLogEntry = {
    method: ctx.req.method ?? 'GET',
    path: ctx.target.rawPath,
    authorization: ctx.req.headers.authorization !== undefined,
    status: 0,
  };
  deps.log.push(entry);
  if (deps.log.length > CDN_LOG_LIMIT) deps.log.splice(0, deps.log.length - CDN_LOG_LIMIT);
  try {
    await serveMedia(ctx, deps, (status) => (entry.status = status));
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (ctx.res.headersSent) {
      ctx.res.destroy();
      return;
    }
    entry.status = err.status;
    // Errors in the XML shape object stores use.
    const code = err.status === 403 ? 'AccessDenied' : err.status === 405 ? 'MethodNotAllowed' : 'NoSuchKey';
    sendXml(ctx.res, err.status, `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${xmlFields([['Code', code], ['Message', err.message]])}</Error>`, err.headers);
  }
}

async function serveMedia(ctx: RequestContext, deps: CdnDeps, onStatus: (status: number) => void): Promise<void> {
  const [first, sid, ...rest] = ctx.target.segments;
  if (first !== 'media' || sid === undefined || rest.length > 0 || !SID_PATTERNS.media.test(sid)) throw new HttpError(404, 'The specified key does not exist.');
  if (ctx.req.method !== 'GET' && ctx.req.method !== 'HEAD') throw new HttpError(405, 'Only GET and HEAD are allowed.', { headers: { Allow: 'GET, HEAD' } });
  const check = deps.signer.check(sid, ctx.target.query.get('Expires'), ctx.target.query.get('Signature'));
  if (check === 'expired') throw new HttpError(403, 'Request has expired');
  if (check === 'invalid') throw new HttpError(403, 'The request signature we calculated does not match the signature you provided.');
  const media = deps.store.findMedia(sid);
  if (!media || media.deleted) throw new HttpError(404, 'The specified key does not exist.');
  await serveFile(ctx, {
    filePath: deps.blobPath(media.blob),
    contentType: media.contentType,
    fileName: `${media.sid}.${media.contentType === 'video/mp4' ? 'mp4' : 'jpg'}`,
    headers: { 'Cache-Control': 'private, max-age=14400' },
    onStatus,
  });
}
