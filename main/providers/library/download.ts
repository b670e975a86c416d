// Media bytes from the library: to disk (under a temporary name in the destination folder, renamed only when
// complete and of the right size) or as a stream for the app's media protocol, which forwards Range so players
// can seek.
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { renameDurably, syncFile, tempPathBeside } from '../../core/storage/atomic.js';
import { expectStatus, sendLibrary, type LibraryContext } from './http.js';
import type { TransferOptions } from './upload.js';

export interface DownloadOptions extends TransferOptions {
  /** The file's size as listed; the download fails unless exactly this many bytes arrive. */
  expectedSize?: number | undefined;
  /** Replace an existing file at the destination (default: refuse, so nothing is lost by accident). */
  overwrite?: boolean;
}

export interface DownloadResult {
  path: string;
  size: number;
  contentType: string | undefined;
}

export interface MediaStreamOptions {
  /** A Range header to forward, e.g. "bytes=0-" or "bytes=100-199". */
  range?: string | undefined;
  signal?: AbortSignal;
}

export interface MediaStream {
  /** 200, 206 (partial content) or 416 (range not satisfiable), to be forwarded as is. */
  status: number;
  headers: { 'content-type'?: string; 'content-length'?: string; 'content-range'?: string; 'accept-ranges'?: string };
  body: Readable;
}

/** What to request and how to name it in messages. */
export interface MediaSource {
  path: string;
  what: Phrase;
  accept: string;
}

const RANGE = /^bytes=(?:\d+-\d*|-\d+)(?:\s*,\s*(?:\d+-\d*|-\d+))*$/;

function declaredLength(value: string | undefined): number | undefined {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Whether an answer's Content-Type is one the request's Accept offered. The protocol sends a file's bytes "with
 * Accept: application/octet-stream or the media type"; anything else (an HTML sign-in page, the file's JSON details)
 * is not the file, whatever its size. No Content-Type at all is taken as bytes.
 */
function isAcceptedType(accept: string, contentType: string | undefined): boolean {
  const served = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (served === '') return true;
  return accept.split(',').some((part) => {
    const range = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (range === '*/*' || range === served) return true;
    return range.endsWith('/*') && served.startsWith(range.slice(0, -1));
  });
}

async function exists(target: string): Promise<boolean> {
  try {
    await fs.promises.lstat(target);
    return true;
  } catch {
    return false;
  }
}

function localError(err: unknown, dest: string): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('io', phrase('errors:files.noFolder', { folder: path.dirname(dest) }));
  if (code === 'ENOSPC') return new AppError('io', phrase('errors:files.diskFullWriting', { path: dest }));
  if (code === 'EACCES' || code === 'EPERM') return new AppError('io', phrase('errors:files.noWritePermission', { path: dest }));
  return new AppError('io', code ? phrase('errors:files.writeFailedCode', { path: dest, code }) : phrase('errors:files.writeFailed', { path: dest }));
}

/** How many times a dropped download is resumed (Range on the kept .part) before it fails. */
export const MAX_RESUMES = 3;

export async function downloadToFile(ctx: LibraryContext, source: MediaSource, destPath: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const dest = path.resolve(destPath);
  const host = ctx.conn.host;
  if (!options.overwrite && (await exists(dest))) {
    throw new AppError('conflict', phrase('errors:files.exists', { path: dest }));
  }
  let res = await sendLibrary(ctx.conn, ctx.limits, { method: 'GET', path: source.path, accept: source.accept, signal: options.signal });
  await expectStatus(res, [200], ctx.conn, source.what);
  if (!isAcceptedType(source.accept, res.headers['content-type'])) {
    res.body.destroy();
    const served = String(res.headers['content-type']).split(';')[0]?.trim().slice(0, 80);
    throw new AppError('protocol', phrase('errors:library.notBytes', { host, what: source.what, served: served ?? '' }));
  }
  const announced = declaredLength(res.headers['content-length']);
  if (announced !== undefined && options.expectedSize !== undefined && announced !== options.expectedSize) {
    res.body.destroy();
    throw new AppError('protocol', phrase('errors:library.sizeMismatch', { host, what: source.what, announced, listed: options.expectedSize }));
  }
  const total = announced ?? options.expectedSize;
  const contentType = res.headers['content-type'];
  const temp = tempPathBeside(dest, 'part');
  let received = 0;
  let tempCreated = false;
  let resumes = 0;
  try {
    // Created before the first byte arrives, so that a failure at any point finds the temp file to remove.
    await (await fs.promises.open(temp, 'wx')).close();
    tempCreated = true;
    for (;;) {
      try {
        await appendBody(res.body, temp, received, (bytes) => {
          received = bytes;
          if (total !== undefined && received > total) {
            throw new AppError('protocol', phrase('errors:library.sentMore', { host, what: source.what, total }));
          }
          options.onProgress?.({ bytes: received, total });
        }, options.signal);
        break;
      } catch (err) {
        if (!isDrop(err) || options.signal?.aborted || total === undefined || resumes >= MAX_RESUMES) throw err;
        resumes += 1;
        // What reached the disk is what counts: ask for the rest of it.
        received = await syncFile(temp);
        res = await resumeRequest(ctx, source, received, options.signal);
        if (res.status === 206 && contentRangeStart(res.headers['content-range'], total) === received) continue;
        if (res.status === 200) {
          // The server ignored the Range: start over.
          await fs.promises.truncate(temp, 0);
          received = 0;
          continue;
        }
        res.body.destroy();
        throw err;
      }
    }
    const written = await syncFile(temp);
    if (total !== undefined && written !== total) {
      throw new AppError('network', phrase('errors:library.incomplete', { host, what: source.what, written, total }));
    }
    if (!options.overwrite && (await exists(dest))) {
      throw new AppError('conflict', phrase('errors:files.appeared', { path: dest }));
    }
    await renameDurably(temp, dest);
    return { path: dest, size: written, contentType };
  } catch (err) {
    res.body.destroy();
    if (tempCreated) await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    if (options.signal?.aborted) throw new AppError('cancelled', phrase('errors:library.downloadCancelled', { what: source.what }));
    if (err instanceof AppError) throw err;
    if (isDrop(err)) {
      const values = { host, what: source.what, received };
      throw new AppError('network', total !== undefined ? phrase('errors:library.interruptedOf', { ...values, total }) : phrase('errors:library.interrupted', values));
    }
    throw localError(err, dest);
  }
}

function isDrop(err: unknown): boolean {
  if (err instanceof AppError) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ECONNRESET' || (err as Error).message === 'aborted';
}

/** Writes a body at the end of the temp file (which holds `already` bytes), reporting the running total. */
async function appendBody(body: Readable, temp: string, already: number, onBytes: (bytes: number) => void, signal: AbortSignal | undefined): Promise<void> {
  const handle = await fs.promises.open(temp, 'a');
  const out = handle.createWriteStream();
  let bytes = already;
  await pipeline(
    body,
    async function* count(chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        bytes += chunk.length;
        onBytes(bytes);
        yield chunk;
      }
    },
    out,
    signal ? { signal } : {},
  );
}

async function resumeRequest(ctx: LibraryContext, source: MediaSource, from: number, signal: AbortSignal | undefined) {
  const res = await sendLibrary(ctx.conn, ctx.limits, { method: 'GET', path: source.path, accept: source.accept, headers: { range: `bytes=${from}-` }, signal });
  await expectStatus(res, [200, 206], ctx.conn, source.what);
  return res;
}

/** The first byte of a Content-Range "bytes FIRST-LAST/TOTAL" that ends the file of `total` bytes, else undefined. */
function contentRangeStart(value: string | string[] | undefined, total: number): number | undefined {
  const match = typeof value === 'string' ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value.trim()) : null;
  if (!match || Number(match[3]) !== total || Number(match[2]) !== total - 1) return undefined;
  return Number(match[1]);
}

/** Opens the media for streaming, forwarding Range; failures other than 416 become AppErrors. */
export async function openMediaStream(ctx: LibraryContext, source: MediaSource, options: MediaStreamOptions = {}): Promise<MediaStream> {
  const headers: Record<string, string> = {};
  if (options.range !== undefined) {
    const range = options.range.trim();
    if (!RANGE.test(range)) throw new AppError('validation', phrase('errors:library.badRange', { range: options.range.slice(0, 60) }), { field: 'range' });

    headers.range = range;
  }
  const res = await sendLibrary(ctx.conn, ctx.limits, { method: 'GET', path: source.path, accept: source.accept, headers, signal: options.signal });
  // 416 goes to the player too: it tells it the media's real length in Content-Range.
  await expectStatus(res, [200, 206, 416], ctx.conn, source.what);
  const picked: MediaStream['headers'] = {};
  for (const name of ['content-type', 'content-length', 'content-range', 'accept-ranges'] as const) {
    const value = res.headers[name];
    if (typeof value === 'string') picked[name] = value;
  }
  return { status: res.status, headers: picked, body: res.body };
}
