// The media library (Ribbit REST) client: every resource of PROTOCOLS.md section 2. Each call validates its ids
// before any request, sends the credentials over https (or to loopback), and parses the answer at the door.
import { AppError } from '../../common/errors.js';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { normalizeAcl, type Acl } from '../../common/library-acl.js';
import { assertLibraryId } from '../../common/library-ids.js';
import { resolveConnection, type ResolvedConnection } from './connection.js';
import { downloadToFile, openMediaStream, type DownloadOptions, type DownloadResult, type MediaStream, type MediaStreamOptions } from './download.js';
import { DEFAULT_JSON_CAP, DEFAULT_LISTING_CAP, discard, expectStatus, readJson, sendLibrary, type LibraryContext, type LibraryLimits } from './http.js';
import { describe, paths, targetIds, type LibraryTarget } from './paths.js';
import {
  aclRequestBody,
  parseAclAnswer,
  parseFileDetails,
  parseFolderDetails,
  parseFolderList,
  type LibraryFile,
  type LibraryFolder,
  type LibraryFolderDetails,
  type LibraryItemInfo,
} from './schemas.js';
import { uploadFromDisk, type UploadOptions, type UploadResult } from './upload.js';

/**
 * What a file's bytes are asked for with. The document names application/octet-stream "or the media type"; offering
 * the media families too lets a negotiating server answer with the real type, which previews need.
 */
const FILE_BYTES_ACCEPT = 'application/octet-stream, audio/*, image/*, video/*';
const VOICEMAIL_ACCEPT = 'audio/mpeg, application/octet-stream;q=0.9';

export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export interface Created {
  id: string;
  /** The Location header of the 201, when the server sent one. */
  location?: string;
}

export class LibraryClient {
  private readonly ctx: LibraryContext;

  /** Throws 'config' when the connection is not usable (bad URL, empty user id, control characters…). */
  constructor(connection: unknown, limits: LibraryLimits = {}) {
    this.ctx = { conn: resolveConnection(connection), limits };
  }

  get connection(): Pick<ResolvedConnection, 'restRoot' | 'host' | 'domain' | 'userId' | 'appId'> {
    const { restRoot, host, domain, userId, appId } = this.ctx.conn;
    return { restRoot, host, domain, userId, appId };
  }

  private get domain(): string {
    return this.ctx.conn.domain;
  }

  private async getJson(path: string, what: Phrase, cap: number, options: CallOptions): Promise<unknown> {
    const res = await sendLibrary(this.ctx.conn, this.ctx.limits, { method: 'GET', path, accept: 'application/json', signal: options.signal });
    await expectStatus(res, [200], this.ctx.conn, what);
    return readJson(res, this.ctx.conn, what, cap);
  }

  private async create(path: string, id: string, what: Phrase, conflict: Phrase, options: CallOptions): Promise<Created> {
    const res = await sendLibrary(this.ctx.conn, this.ctx.limits, {
      method: 'POST',
      path,
      accept: 'application/json',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ id }), 'utf8'),
      signal: options.signal,
    });
    await expectStatus(res, [200, 201], this.ctx.conn, what, { conflict });
    const location = res.headers.location;
    await discard(res);
    return location ? { id, location } : { id };
  }

  private async remove(path: string, what: Phrase, options: CallOptions, wording?: { conflict: Phrase }): Promise<void> {
    const res = await sendLibrary(this.ctx.conn, this.ctx.limits, { method: 'DELETE', path, signal: options.signal });
    await expectStatus(res, [200, 202, 204], this.ctx.conn, what, wording);
    await discard(res);
  }

  private answer(what: Phrase): { host: string; what: Phrase } {
    return { host: this.ctx.conn.host, what };
  }

  /** GET /media/{domain}: the folders this user can see. */
  async listFolders(options: CallOptions = {}): Promise<LibraryFolder[]> {
    const what = describe.domain(this.domain);
    const body = await this.getJson(paths.domain(this.domain), what, this.ctx.limits.listingCapBytes ?? DEFAULT_LISTING_CAP, options);
    return parseFolderList(body, this.answer(what));
  }

  /** POST /media/{domain} {"id": folder}: 201 with the new folder's Location. */
  async createFolder(folder: string, options: CallOptions = {}): Promise<Created> {
    const path = paths.domain(this.domain);
    const conflict = phrase('errors:library.folderExists', { folder, domain: this.domain, host: this.ctx.conn.host });
    return this.create(path, assertLibraryId(folder, 'folder'), describe.folder(folder), conflict, options);
  }

  /** GET /media/{domain}/{folder}: its properties and one entry per file. */
  async getFolder(folder: string, options: CallOptions = {}): Promise<LibraryFolderDetails> {
    const path = paths.folder(this.domain, folder);
    const what = describe.folder(folder);
    const body = await this.getJson(path, what, this.ctx.limits.listingCapBytes ?? DEFAULT_LISTING_CAP, options);
    return parseFolderDetails(body, folder, this.answer(what));
  }

  /** DELETE /media/{domain}/{folder}: 204. */
  async deleteFolder(folder: string, options: CallOptions = {}): Promise<void> {
    const conflict = phrase('errors:library.folderNotEmpty', { folder, host: this.ctx.conn.host });
    return this.remove(paths.folder(this.domain, folder), describe.folder(folder), options, { conflict });
  }

  /** GET .../acl of a folder or a file: its properties with its four lists. */
  async getAcl(target: LibraryTarget, options: CallOptions = {}): Promise<LibraryItemInfo> {
    const what = describe.acl(target);
    const body = await this.getJson(paths.acl(this.domain, target), what, this.ctx.limits.jsonCapBytes ?? DEFAULT_JSON_CAP, options);
    return parseAclAnswer(body, targetIds(target), this.answer(what));
  }

  /**
   * PUT .../acl with all four lists (plural keys). Accepts 200 and 202. Returns the saved state when the server
   * echoes it, else null (a 202 may be applied later: read it back with getAcl).
   */
  async putAcl(target: LibraryTarget, acl: Acl, options: CallOptions = {}): Promise<LibraryItemInfo | null> {
    const path = paths.acl(this.domain, target);
    const what = describe.acl(target);
    const clean = normalizeAcl(acl);
    const res = await sendLibrary(this.ctx.conn, this.ctx.limits, {
      method: 'PUT',
      path,
      accept: 'application/json',
      contentType: 'application/json',
      body: aclRequestBody(clean),
      signal: options.signal,
    });
    await expectStatus(res, [200, 202, 204], this.ctx.conn, what);
    if (res.status === 204 || res.headers['content-length'] === '0') {
      await discard(res);
      return null;
    }
    const body = await readJson(res, this.ctx.conn, what, this.ctx.limits.jsonCapBytes ?? DEFAULT_JSON_CAP).catch((err: unknown) => {
      // A 202 with an empty or non-JSON acknowledgement is still a success.
      if (res.status === 202 && err instanceof AppError && err.code === 'protocol') return undefined;
      throw err;
    });
    return body === undefined ? null : parseAclAnswer(body, targetIds(target), this.answer(what));
  }

  /** POST /media/{domain}/{folder} {"id": name}: creates an empty file entry. */
  async createFile(folder: string, name: string, options: CallOptions = {}): Promise<Created> {
    const path = paths.folder(this.domain, folder);
    const conflict = phrase('errors:library.fileExists', { name, folder, host: this.ctx.conn.host });

    return this.create(path, assertLibraryId(name, 'file'), describe.file(folder, name), conflict, options);
  }

  /** GET /media/{domain}/{folder}/{file} as JSON: the file's details. */
  async getFile(folder: string, name: string, options: CallOptions = {}): Promise<LibraryFile> {
    const what = describe.file(folder, name);
    const body = await this.getJson(paths.file(this.domain, folder, name), what, this.ctx.limits.jsonCapBytes ?? DEFAULT_JSON_CAP, options);
    return parseFileDetails(body, folder, name, this.answer(what));
  }

  /** DELETE /media/{domain}/{folder}/{file}: 204. */
  async deleteFile(folder: string, name: string, options: CallOptions = {}): Promise<void> {
    return this.remove(paths.file(this.domain, folder, name), describe.file(folder, name), options);
  }

  /** Streams a local file into folder/name (POST application/octet-stream), creating the entry first if needed. */
  async uploadFile(folder: string, name: string, localPath: string, options: UploadOptions = {}): Promise<UploadResult> {
    const steps = {
      fileExists: async (f: string, n: string, signal?: AbortSignal): Promise<boolean> => {
        try {
          await this.getFile(f, n, { signal });
          return true;
        } catch (err) {
          if (err instanceof AppError && err.code === 'not_found') return false;
          // Unreadable but maybe writable: let the upload itself say whether it may go in.
          if (err instanceof AppError && err.code === 'forbidden') return true;
          throw err;
        }
      },
      createFile: (f: string, n: string, o?: CallOptions) => this.createFile(f, n, o),
      deleteFile: (f: string, n: string, o?: CallOptions) => this.deleteFile(f, n, o),
    };
    return uploadFromDisk(this.ctx, steps, folder, name, localPath, options);
  }

  /** Downloads folder/name to destPath through a temporary file renamed only when complete. */
  async downloadFile(folder: string, name: string, destPath: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    const source = { path: paths.file(this.domain, folder, name), what: describe.file(folder, name), accept: FILE_BYTES_ACCEPT };
    return downloadToFile(this.ctx, source, destPath, options);
  }

  /** The file's bytes as a stream, forwarding Range, for the app's media protocol. */
  async openFileStream(folder: string, name: string, options: MediaStreamOptions = {}): Promise<MediaStream> {
    const source = { path: paths.file(this.domain, folder, name), what: describe.file(folder, name), accept: FILE_BYTES_ACCEPT };
    return openMediaStream(this.ctx, source, options);
  }

  /** GET /media/{domain}/{callId}/{callId}.mp3 to destPath (only the voicemail's owner may). */
  async downloadVoicemail(callId: string, destPath: string, options: DownloadOptions = {}): Promise<DownloadResult> {
    const source = { path: paths.voicemail(this.domain, callId), what: describe.voicemail(callId), accept: VOICEMAIL_ACCEPT };
    return downloadToFile(this.ctx, source, destPath, options);
  }

  /** The voicemail MP3 as a stream, forwarding Range. */
  async openVoicemailStream(callId: string, options: MediaStreamOptions = {}): Promise<MediaStream> {
    const source = { path: paths.voicemail(this.domain, callId), what: describe.voicemail(callId), accept: VOICEMAIL_ACCEPT };
    return openMediaStream(this.ctx, source, options);
  }
}
