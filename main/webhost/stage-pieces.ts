// The browser host's upload in pieces. Chromium sends a File body over one request at about a third of curl's speed
// on loopback; over several requests at once it keeps up. So the page sends a large file as byte ranges:
//   POST   /api/stage/pieces?name=N&size=S    opens an upload of S bytes         → { ok, value: { id } }
//   PUT    /api/stage/pieces/ID?offset=O      the bytes [O, O + Content-Length)  → { ok, value: null }
//   POST   /api/stage/pieces/ID/commit        once every byte arrived            → { ok, value: FileRef }
//   DELETE /api/stage/pieces/ID               cancels it                          → { ok, value: null }
// Every request is the session's (the host's guard runs first; the table lives and dies with the host and its one
// session). Each range must lie inside the declared size and overlap no range received or arriving; the declared
// size is held to the host's limit. A piece that fails (the page went away, a short body, a full disk) discards the
// whole upload, as does cancelling it or leaving it idle: no file is left behind that nobody will commit.
import type http from 'node:http';
import { AppError } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import type { FileStaging, StagedPieces } from '../core/files/staging.js';
import { sendJson } from './replies.js';

export const PIECES_PATH = '/api/stage/pieces';

/** Uploads open at once per host, pieces per upload: enough for a few drops of several files, each 4 at a time. */
const MAX_OPEN_UPLOADS = 32;
const MAX_PIECES_IN_FLIGHT = 8;
/** Pieces per upload: the page sends MiB-sized pieces; this bounds the bookkeeping of one sending bytes one by one. */
const MAX_PIECES = 16_384;

interface Upload {
  pieces: StagedPieces;
  size: number;
  /** Ranges [start, end) received, and those arriving now. */
  received: Array<[number, number]>;
  arriving: Map<http.IncomingMessage, [number, number]>;
  receivedBytes: number;
  idle: NodeJS.Timeout | undefined;
}

export interface PieceUploadOptions {
  maxBytes: number;
  /** An upload with nothing arriving for this long is discarded. */
  idleMs: number;
  tooLargeMessage(name: string): Phrase;
}

const refuse = (res: http.ServerResponse, status: number, code: AppError['code'], message: Phrase): void =>
  sendJson(res, status, { ok: false, error: new AppError(code, message).toData() });

/** A non-negative integer given in decimal digits, else null ("1e3", "-0", " 7", "0x10" are not). */
function wholeNumber(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\d{1,16}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

const overlaps = (a: [number, number], b: [number, number]): boolean => a[0] < b[1] && b[0] < a[1];

export class PieceUploads {
  private readonly uploads = new Map<string, Upload>();
  /** Uploads being opened now: counted with the open ones, or a burst of opens would all pass the count. */
  private opening = 0;

  constructor(private readonly options: PieceUploadOptions) {}

  /** Answers a request under PIECES_PATH; false for any other path. */
  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, staging: FileStaging): Promise<boolean> {
    if (url.pathname === PIECES_PATH) {
      if (req.method !== 'POST') refuse(res, 405, 'validation', phrase('errors:webhost.pieces.usePost'));
      else await this.open(res, url, staging);
      return true;
    }
    if (!url.pathname.startsWith(`${PIECES_PATH}/`)) return false;
    const [id = '', action, ...rest] = url.pathname.slice(PIECES_PATH.length + 1).split('/');
    const upload = this.uploads.get(id);
    if (!upload || rest.length > 0 || (action !== undefined && action !== 'commit')) {
      refuse(res, 404, 'not_found', phrase('errors:webhost.pieces.notOpen'));
      return true;
    }
    if (action === undefined && req.method === 'PUT') await this.piece(req, res, url, id, upload);
    else if (action === undefined && req.method === 'DELETE') {
      await this.discard(id);
      sendJson(res, 200, { ok: true, value: null });
    } else if (action === 'commit' && req.method === 'POST') this.commit(res, id, upload);
    else refuse(res, 405, 'validation', phrase('errors:webhost.pieces.notARequest'));
    return true;
  }

  /** Removes every upload not committed (the host is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.uploads.keys()].map((id) => this.discard(id)));
  }

  private async open(res: http.ServerResponse, url: URL, staging: FileStaging): Promise<void> {
    const name = url.searchParams.get('name') ?? 'file';
    const size = wholeNumber(url.searchParams.get('size'));
    if (size === null) return refuse(res, 400, 'validation', phrase('errors:webhost.pieces.sizeMissing'));
    if (size > this.options.maxBytes) return refuse(res, 413, 'too_large', this.options.tooLargeMessage(name));
    if (this.uploads.size + this.opening >= MAX_OPEN_UPLOADS) return refuse(res, 429, 'rate_limited', phrase('errors:webhost.pieces.tooManyUploads'));
    let pieces: StagedPieces;
    this.opening += 1;
    try {
      pieces = await staging.openPieces(name, size);
    } catch (err) {
      // The staging's own refusal (no room on the disk) says why; anything else is the generic sentence.
      if (err instanceof AppError && err.phrase) return refuse(res, 507, err.code, err.phrase);
      return refuse(res, 500, 'io', phrase('errors:webhost.pieces.noRoom'));
    } finally {
      this.opening -= 1;
    }
    this.uploads.set(pieces.id, { pieces, size, received: [], arriving: new Map(), receivedBytes: 0, idle: undefined });
    this.watchIdle(pieces.id);
    sendJson(res, 200, { ok: true, value: { id: pieces.id } });
  }

  private async piece(req: http.IncomingMessage, res: http.ServerResponse, url: URL, id: string, upload: Upload): Promise<void> {
    const offset = wholeNumber(url.searchParams.get('offset'));
    const length = wholeNumber(req.headers['content-length']);
    if (offset === null) return refuse(res, 400, 'validation', phrase('errors:webhost.pieces.offsetMissing'));
    if (length === null || length === 0 || req.headers['transfer-encoding'] !== undefined) return refuse(res, 411, 'validation', phrase('errors:webhost.pieces.lengthMissing'));
    const range: [number, number] = [offset, offset + length];
    if (range[1] > upload.size) return refuse(res, 416, 'validation', phrase('errors:webhost.pieces.pastEnd', { end: range[1], size: upload.size }));
    const taken = [...upload.received, ...upload.arriving.values()];
    if (taken.some((other) => overlaps(other, range))) return refuse(res, 409, 'conflict', phrase('errors:webhost.pieces.overlap'));
    if (upload.arriving.size >= MAX_PIECES_IN_FLIGHT || taken.length >= MAX_PIECES) return refuse(res, 429, 'rate_limited', phrase('errors:webhost.pieces.tooManyPieces'));
    upload.arriving.set(req, range);
    this.watchIdle(id);
    try {
      await upload.pieces.receive(offset, length, req);
    } catch (err) {
      // Half a piece cannot be told from a whole one on disk: the upload is over.
      await this.discard(id);
      const error = err instanceof AppError && err.code === 'conflict' ? err : new AppError('io', phrase('errors:webhost.pieces.notWhole'));
      return sendJson(res, 200, { ok: false, error: error.toData() }, { connection: 'close' });
    } finally {
      upload.arriving.delete(req);
    }
    if (this.uploads.get(id) !== upload) return refuse(res, 404, 'not_found', phrase('errors:webhost.pieces.cancelled'));
    upload.received.push(range);
    upload.receivedBytes += length;
    this.watchIdle(id);
    sendJson(res, 200, { ok: true, value: null });
  }

  private commit(res: http.ServerResponse, id: string, upload: Upload): void {
    // No range overlaps another, so the file is whole when their lengths add up to its size.
    if (upload.arriving.size > 0 || upload.receivedBytes !== upload.size) {
      return refuse(res, 409, 'conflict', phrase('errors:webhost.pieces.incomplete', { received: upload.receivedBytes, size: upload.size }));
    }
    clearTimeout(upload.idle);
    this.uploads.delete(id);
    sendJson(res, 200, { ok: true, value: upload.pieces.commit() });
  }

  private async discard(id: string): Promise<void> {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    clearTimeout(upload.idle);
    // Pieces still arriving stop now; their writes fail on the removed file.
    for (const req of upload.arriving.keys()) req.socket.destroy();
    await upload.pieces.discard();
  }

  /** (Re)starts the idle clock; it does not run while a piece is arriving (the host's own timeouts cover those). */
  private watchIdle(id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) return;
    clearTimeout(upload.idle);
    upload.idle = undefined;
    if (upload.arriving.size > 0) return;
    upload.idle = setTimeout(() => void this.discard(id), this.options.idleMs);
    upload.idle.unref();
  }
}
