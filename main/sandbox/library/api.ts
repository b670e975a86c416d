// The media library's operations for one authenticated request: access checks, then store calls, then answers.
import type { RequestContext } from '../http/context.js';
import { negotiate } from '../http/accept.js';
import { JSON_BODY_CAP, readCappedBody, requestMediaType } from '../http/body.js';
import { HttpError } from '../http/http-error.js';
import { sendBody, sendEmpty, sendJson } from '../http/respond.js';
import { serveFile } from '../http/serve-file.js';
import { canAccess, type AccessEntity, type AccessOp } from './access.js';
import type { LibraryCaller } from './auth.js';
import { assertValidId, RESERVED_FILE_IDS } from './ids.js';
import { aclOf, createBodySchema, describeIssues, fileEntry, folderEntry, parseAclInput, type FileRecord, type FolderRecord } from './model.js';
import type { LibraryStore } from './store.js';

const UPLOAD_CONTENT_TYPES = new Set(['', 'application/octet-stream', 'image/jpeg', 'video/mp4', 'audio/mpeg']);

export class LibraryApi {
  constructor(
    private readonly ctx: RequestContext,
    private readonly store: LibraryStore,
    private readonly caller: LibraryCaller,
    private readonly maxUploadBytes: number,
    private readonly domain: string,
  ) {}

  async listFolders(): Promise<void> {
    const domain = this.domain;
    const visible = this.store.listFolders(domain).filter((folder) => this.allowed(folderEntity(folder), 'read'));
    sendJson(this.ctx.res, 200, { entry: visible.map(folderEntry) });
  }

  async createFolder(): Promise<void> {
    const id = await this.readCreateBody('folder');
    const folder = await this.store.createFolder(this.domain, id, this.caller);
    this.created(this.folderUrl(folder), { entry: [folderEntry(folder)] });
  }

  async showFolder(folder: FolderRecord): Promise<void> {
    this.require(folderEntity(folder), 'read', `You may not read the folder "${folder.meta.id}".`);
    const files = [...folder.files.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    sendJson(this.ctx.res, 200, { entry: files.map((file) => fileEntry(folder, file)) });
  }

  async deleteFolder(folder: FolderRecord): Promise<void> {
    this.require(folderEntity(folder), 'write', `You may not delete the folder "${folder.meta.id}".`);
    await this.store.deleteFolder(folder);
    sendEmpty(this.ctx.res, 204);
  }

  async createFile(folder: FolderRecord): Promise<void> {
    this.require(folderEntity(folder), 'write', `You may not add files to the folder "${folder.meta.id}".`);
    const id = await this.readCreateBody('file');
    if (RESERVED_FILE_IDS.has(id)) throw new HttpError(400, `"${id}" is reserved and cannot be a file id.`);
    const file = await this.store.createFile(folder, id, this.caller);
    this.created(this.fileUrl(folder, file.id), { entry: [fileEntry(folder, file)] });
  }

  async upload(folder: FolderRecord, fileId: string, file: FileRecord | undefined): Promise<void> {
    if (file) this.require(fileEntity(folder, file), 'write', `You may not change the file "${folder.meta.id}/${fileId}".`);
    else this.require(folderEntity(folder), 'write', `You may not add files to the folder "${folder.meta.id}".`);
    const type = requestMediaType(this.ctx.req);
    if (!UPLOAD_CONTENT_TYPES.has(type)) {
      throw new HttpError(415, `Send the file's bytes as application/octet-stream (got ${type}).`);
    }
    const declared = Number(this.ctx.req.headers['content-length'] ?? '0');
    if (declared > this.maxUploadBytes) {
      throw new HttpError(413, `The file is too large: at most ${this.maxUploadBytes} bytes are accepted.`);
    }
    const written = await this.store.writeContent(folder, fileId, this.ctx.body, this.maxUploadBytes, this.caller);
    this.created(this.fileUrl(folder, written.id), { entry: [fileEntry(folder, written)] });
  }

  async showFile(folder: FolderRecord, file: FileRecord, preferBytes: boolean): Promise<void> {
    this.require(fileEntity(folder, file), 'read', `You may not read the file "${folder.meta.id}/${file.id}".`);
    const bytesType = file.mediaType;
    // A voicemail is a download first (the document shows it fetched without any Accept); other files answer
    // their details unless the client asks for the bytes.
    const offered = preferBytes || file.voicemail ? [bytesType, 'application/octet-stream', 'application/json'] : ['application/json', bytesType, 'application/octet-stream'];
    const chosen = negotiate(this.ctx.req.headers.accept, [...new Set(offered)]);
    if (chosen === null) {
      throw new HttpError(406, `This file can be had as application/json (details) or ${bytesType} / application/octet-stream (bytes).`);
    }
    if (chosen === 'application/json') {
      sendJson(this.ctx.res, 200, { entry: [fileEntry(folder, file)] });
      return;
    }
    if (file.blob === null) {
      sendBody(this.ctx.res, 200, Buffer.alloc(0), chosen);
      return;
    }
    await serveFile(this.ctx, { filePath: this.store.blobPath(file.blob), contentType: chosen, fileName: file.id });
  }

  async deleteFile(folder: FolderRecord, file: FileRecord): Promise<void> {
    this.require(fileEntity(folder, file), 'write', `You may not delete the file "${folder.meta.id}/${file.id}".`);
    await this.store.deleteFile(folder, file);
    sendEmpty(this.ctx.res, 204);
  }

  async showAcl(folder: FolderRecord, file: FileRecord | null): Promise<void> {
    const entity = file ? fileEntity(folder, file) : folderEntity(folder);
    this.require(entity, 'read', `You may not read the permissions of "${describe(folder, file)}".`);
    sendJson(this.ctx.res, 200, { entry: [file ? fileEntry(folder, file) : folderEntry(folder)] });
  }

  async replaceAcl(folder: FolderRecord, file: FileRecord | null): Promise<void> {
    const entity = file ? fileEntity(folder, file) : folderEntity(folder);
    this.require(entity, 'write', `You may not change the permissions of "${describe(folder, file)}".`);
    const parsed = parseAclInput(await this.readJson());
    if (!parsed.ok) throw new HttpError(400, `Invalid ACL: ${parsed.message}.`);
    await this.store.setAcl(folder, file, parsed.acl);
    sendJson(this.ctx.res, 202, { entry: [file ? fileEntry(folder, file) : folderEntry(folder)] });
  }

  private allowed(entity: AccessEntity & { voicemailOwner?: string }, op: AccessOp): boolean {
    // Only its owner may fetch (or change) a voicemail, whatever an ACL says.
    if (entity.voicemailOwner !== undefined) return this.caller.user === entity.voicemailOwner;
    return canAccess(entity, op, this.caller.user, this.caller.app);
  }

  private require(entity: AccessEntity & { voicemailOwner?: string }, op: AccessOp, message: string): void {
    if (!this.allowed(entity, op)) throw new HttpError(403, message);
  }

  private async readJson(): Promise<unknown> {
    const raw = await readCappedBody(this.ctx.req, this.ctx.body, JSON_BODY_CAP);
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'Malformed JSON in the request body.');
    }
  }

  private async readCreateBody(kind: 'folder' | 'file'): Promise<string> {
    const parsed = createBodySchema.safeParse(await this.readJson());
    if (!parsed.success) throw new HttpError(400, `Expected {"id": "<${kind} id>"}: ${describeIssues(parsed.error)}.`);
    assertValidId(kind, parsed.data.id);
    return parsed.data.id;
  }

  private created(location: string, body: unknown): void {
    sendJson(this.ctx.res, 201, body, { Location: location });
  }

  private folderUrl(folder: FolderRecord): string {
    return `${this.ctx.baseUrl}/rest/1.0/media/${encodeURIComponent(folder.domain)}/${encodeURIComponent(folder.meta.id)}`;
  }

  private fileUrl(folder: FolderRecord, fileId: string): string {
    return `${this.folderUrl(folder)}/${encodeURIComponent(fileId)}`;
  }
}

function folderEntity(folder: FolderRecord): AccessEntity & { voicemailOwner?: string } {
  const entity: AccessEntity & { voicemailOwner?: string } = { createdBy: folder.meta.createdBy, acl: aclOf(folder.meta) };
  if (folder.meta.voicemail) entity.voicemailOwner = folder.meta.createdBy;
  return entity;
}

function fileEntity(folder: FolderRecord, file: FileRecord): AccessEntity & { voicemailOwner?: string } {
  const entity: AccessEntity & { voicemailOwner?: string } = { createdBy: file.createdBy, acl: aclOf(file), inheritedAcl: aclOf(folder.meta) };
  if (file.voicemail || folder.meta.voicemail) entity.voicemailOwner = file.voicemail ? file.createdBy : folder.meta.createdBy;
  return entity;
}

function describe(folder: FolderRecord, file: FileRecord | null): string {
  return file ? `${folder.meta.id}/${file.id}` : folder.meta.id;
}
