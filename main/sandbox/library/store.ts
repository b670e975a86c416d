// The media library's folders and files. Memory holds the truth while running; each folder (its metadata and its
// files' metadata) is one JSON document on disk, rewritten atomically after changes (concurrent changes share a write). Documents are named by a
// hash of (domain, folder id) and contents by random blob names, so no id from a request ever becomes a path.
import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpError } from '../http/http-error.js';
import { WriteQueue, writeFileAtomic } from '../http/atomic-file.js';
import { streamToFile } from '../http/stream-to-file.js';
import { sniffFile, sniffMedia } from '../media-sniff.js';
import { EMPTY_ACL, type AclLists } from './access.js';
import { folderDocumentSchema, type FileRecord, type FolderDocument, type FolderRecord } from './model.js';

export interface Creator {
  user: string;
  app: string;
}

export class LibraryStore {
  private readonly folders = new Map<string, FolderRecord>();
  private readonly writes = new WriteQueue();
  /** Per folder document, the write queued but not started yet: later changes join it (group commit). */
  private readonly queuedSaves = new Map<string, { folder: FolderRecord; written: Promise<void> }>();

  private constructor(
    private readonly foldersDir: string,
    private readonly blobsDir: string,
  ) {}

  static async open(libraryDir: string): Promise<LibraryStore> {
    const store = new LibraryStore(path.join(libraryDir, 'folders'), path.join(libraryDir, 'blobs'));
    await fsp.mkdir(store.foldersDir, { recursive: true });
    await fsp.mkdir(store.blobsDir, { recursive: true });
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    for (const name of await fsp.readdir(this.foldersDir)) {
      const full = path.join(this.foldersDir, name);
      if (name.endsWith('.tmp')) {
        await fsp.rm(full, { force: true }); // an interrupted atomic write
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const parsed = folderDocumentSchema.safeParse(safeJson(await fsp.readFile(full, 'utf8')));
      if (!parsed.success) {
        // Kept aside, not silently replaced: a person can look at it.
        await fsp.rename(full, `${full}.corrupt-${Date.now()}`);
        continue;
      }
      const doc = parsed.data;
      this.folders.set(folderKey(doc.domain, doc.folder.id), {
        domain: doc.domain,
        meta: doc.folder,
        files: new Map(doc.files.map((file) => [file.id, file])),
      });
    }
    for (const name of await fsp.readdir(this.blobsDir)) {
      if (name.startsWith('.upload-')) await fsp.rm(path.join(this.blobsDir, name), { force: true });
    }
  }

  listFolders(domain: string): FolderRecord[] {
    return [...this.folders.values()].filter((f) => f.domain === domain).sort((a, b) => compareIds(a.meta.id, b.meta.id));
  }

  getFolder(domain: string, folderId: string): FolderRecord | undefined {
    return this.folders.get(folderKey(domain, folderId));
  }

  folderCount(): number {
    return this.folders.size;
  }

  async createFolder(domain: string, folderId: string, creator: Creator, acl: AclLists = EMPTY_ACL, voicemail = false): Promise<FolderRecord> {
    if (this.getFolder(domain, folderId)) throw new HttpError(409, `The folder "${folderId}" already exists.`);
    const folder: FolderRecord = {
      domain,
      meta: { id: folderId, createdWith: creator.app, createdBy: creator.user, createdOn: nowIso(), ...copyAcl(acl) },
      files: new Map(),
    };
    if (voicemail) folder.meta.voicemail = true;
    this.folders.set(folderKey(domain, folderId), folder);
    await this.save(folder);
    return folder;
  }

  async deleteFolder(folder: FolderRecord): Promise<void> {
    if (folder.files.size > 0) throw new HttpError(409, `The folder "${folder.meta.id}" is not empty: delete its files first.`);
    const key = folderKey(folder.domain, folder.meta.id);
    if (this.folders.get(key) !== folder) throw new HttpError(404, `The folder "${folder.meta.id}" does not exist.`);
    this.folders.delete(key);
    await this.writes.run(key, () => fsp.rm(this.documentPath(folder), { force: true }));
  }

  async createFile(folder: FolderRecord, fileId: string, creator: Creator, acl: AclLists = EMPTY_ACL): Promise<FileRecord> {
    if (folder.files.has(fileId)) throw new HttpError(409, `The file "${folder.meta.id}/${fileId}" already exists.`);
    const file: FileRecord = {
      id: fileId,
      createdWith: creator.app,
      createdBy: creator.user,
      createdOn: nowIso(),
      ...copyAcl(acl),
      size: 0,
      blob: null,
      mediaType: 'application/octet-stream',
    };
    folder.files.set(fileId, file);
    await this.save(folder);
    return file;
  }

  async deleteFile(folder: FolderRecord, file: FileRecord): Promise<void> {
    if (folder.files.get(file.id) !== file) throw new HttpError(404, `The file "${folder.meta.id}/${file.id}" does not exist.`);
    folder.files.delete(file.id);
    await this.save(folder);
    if (file.blob !== null) await fsp.rm(this.blobPath(file.blob), { force: true });
  }

  async setAcl(folder: FolderRecord, file: FileRecord | null, acl: AclLists): Promise<void> {
    Object.assign(file ?? folder.meta, copyAcl(acl));
    await this.save(folder);
  }

  /**
   * Streams new content for a file to a new blob, then points the file at it. When the file does not exist yet it
   * is created only once the content is complete, so a failed upload leaves no trace.
   */
  async writeContent(folder: FolderRecord, fileId: string, source: Readable, limit: number, creator: Creator): Promise<FileRecord> {
    const blob = randomBlobName();
    const uploadPath = path.join(this.blobsDir, `.upload-${blob}`);
    const streamed = await streamToFile(source, uploadPath, {
      limit,
      tooLarge: () => new HttpError(413, `The file is too large: at most ${limit} bytes are accepted.`),
    });
    const current = this.folders.get(folderKey(folder.domain, folder.meta.id));
    if (current !== folder) {
      await fsp.rm(uploadPath, { force: true });
      throw new HttpError(404, `The folder "${folder.meta.id}" was deleted during the upload.`);
    }
    await fsp.rename(uploadPath, this.blobPath(blob));
    let file = folder.files.get(fileId);
    if (!file) {
      file = { id: fileId, createdWith: creator.app, createdBy: creator.user, createdOn: nowIso(), ...copyAcl(EMPTY_ACL), size: 0, blob: null, mediaType: '' };
      folder.files.set(fileId, file);
    }
    const previousBlob = file.blob;
    file.blob = blob;
    file.size = streamed.bytes;
    file.mediaType = sniffMedia(streamed.head) ?? 'application/octet-stream';
    await this.save(folder);
    if (previousBlob !== null) await fsp.rm(this.blobPath(previousBlob), { force: true });
    return file;
  }

  /**
   * Adds files whose content is an existing file on disk (demo content, benchmark seeding). Contents are hard
   * links to one copy where the file system allows it, so thousands of files cost little; blobs are never
   * modified in place, so sharing an inode is safe.
   */
  async importFiles(
    folder: FolderRecord,
    files: ReadonlyArray<{ id: string; sourcePath: string; acl?: AclLists; voicemail?: FileRecord['voicemail'] }>,
    creator: Creator,
  ): Promise<FileRecord[]> {
    const masters = new Map<string, { blob: string; size: number; mediaType: string }>();
    const created: FileRecord[] = [];
    for (const spec of files) {
      if (folder.files.has(spec.id)) throw new HttpError(409, `The file "${folder.meta.id}/${spec.id}" already exists.`);
      let master = masters.get(spec.sourcePath);
      const blob = randomBlobName();
      if (master === undefined) {
        await fsp.copyFile(spec.sourcePath, this.blobPath(blob));
        const { size } = await fsp.stat(this.blobPath(blob));
        master = { blob, size, mediaType: (await sniffFile(this.blobPath(blob))) ?? 'application/octet-stream' };
        masters.set(spec.sourcePath, master);
      } else {
        await fsp.link(this.blobPath(master.blob), this.blobPath(blob)).catch(() => fsp.copyFile(this.blobPath(master!.blob), this.blobPath(blob)));
      }
      const file: FileRecord = {
        id: spec.id,
        createdWith: creator.app,
        createdBy: creator.user,
        createdOn: nowIso(),
        ...copyAcl(spec.acl ?? EMPTY_ACL),
        size: master.size,
        blob,
        mediaType: master.mediaType,
      };
      if (spec.voicemail) file.voicemail = spec.voicemail;
      folder.files.set(spec.id, file);
      created.push(file);
    }
    await this.save(folder);
    return created;
  }

  blobPath(blob: string): string {
    return path.join(this.blobsDir, `${blob}.bin`);
  }

  /** Resolves when every pending metadata write has reached the disk. */
  flush(): Promise<void> {
    return this.writes.idle();
  }

  private documentPath(folder: FolderRecord): string {
    return path.join(this.foldersDir, `${folderKey(folder.domain, folder.meta.id)}.json`);
  }

  /**
   * Makes the folder's current state durable. Changes made while a write of the same document is under way are
   * gathered into the one next write, which all of them await (group commit): 2,000 concurrent creates cost a few
   * writes, and each answer is still sent only once its change is on disk.
   */
  private save(folder: FolderRecord): Promise<void> {
    const key = folderKey(folder.domain, folder.meta.id);
    const queued = this.queuedSaves.get(key);
    if (queued?.folder === folder) return queued.written;
    const written = this.writes.run(key, async () => {
      // From here on, a change needs the next write: this one may already have serialized the document.
      if (this.queuedSaves.get(key)?.written === written) this.queuedSaves.delete(key);
      // The folder may have been deleted while this write waited its turn.
      if (this.folders.get(key) !== folder) return;
      const doc: FolderDocument = { version: 1, domain: folder.domain, folder: folder.meta, files: [...folder.files.values()] };
      await writeFileAtomic(this.documentPath(folder), JSON.stringify(doc));
    });
    this.queuedSaves.set(key, { folder, written });
    return written;
  }
}

function folderKey(domain: string, folderId: string): string {
  return createHash('sha256').update(domain).update('\u0000').update(folderId).digest('hex').slice(0, 40);
}

function randomBlobName(): string {
  return randomBytes(16).toString('hex');
}

function copyAcl(acl: AclLists): { readUsers: string[]; readApps: string[]; writeUsers: string[]; writeApps: string[] } {
  return { readUsers: [...acl.readUsers], readApps: [...acl.readApps], writeUsers: [...acl.writeUsers], writeApps: [...acl.writeApps] };
}

function nowIso(): string {
  return new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
