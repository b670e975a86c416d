// The media library's folders and files. Memory holds the truth while running; each folder (its metadata and its
// files' metadata) is one JSON document on disk, written atomically, plus a journal of the changes since (journal.ts).
// Concurrent changes share a write. Documents are named by a hash of (domain, folder id) and contents by random blob
// names, so no id from a request ever becomes a path.
import { createHash, randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpError } from '../http/http-error.js';
import { WriteQueue, writeFileAtomic } from '../http/atomic-file.js';
import { streamToFile } from '../http/stream-to-file.js';
import { sniffFile, sniffMedia } from '../media-sniff.js';
import { EMPTY_ACL, type AclLists } from './access.js';
import { appendDurably, applyEntry, readJournal, safeJson } from './journal.js';
import { folderDocumentSchema, type FileRecord, type FolderDocument, type FolderRecord, type JournalEntry } from './model.js';

/** What a save must make durable: the whole document, or the listed files and perhaps the folder's metadata. */
type Change = { full: true } | { file: string } | { meta: true };

interface QueuedSave {
  folder: FolderRecord;
  full: boolean;
  files: Set<string>;
  meta: boolean;
  written: Promise<void>;
}

export interface Creator {
  user: string;
  app: string;
}

export class LibraryStore {
  private readonly folders = new Map<string, FolderRecord>();
  private readonly writes = new WriteQueue();
  /** Per folder document, the write queued but not started yet: later changes join it (group commit). */
  private readonly queuedSaves = new Map<string, QueuedSave>();
  /** Per folder document, the last journal sequence number used and how many lines its journal holds. */
  private readonly journals = new Map<string, { seq: number; lines: number }>();

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
      if (name.endsWith('.log') && !(await exists(full.replace(/\.log$/, '.json')))) {
        await fsp.rm(full, { force: true }); // the folder was deleted; its journal must not join a new one
        continue;
      }
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
      const key = folderKey(doc.domain, doc.folder.id);
      const folder: FolderRecord = { domain: doc.domain, meta: doc.folder, files: new Map(doc.files.map((file) => [file.id, file])) };
      const journal = await readJournal(this.journalPath(key), doc.journalSeq ?? 0);
      for (const entry of journal.entries) applyEntry(folder, entry);
      this.folders.set(key, folder);
      this.journals.set(key, { seq: journal.lastSeq, lines: journal.lines });
      // Lines appended after a torn one would never be read: start a clean journal from a fresh document.
      if (journal.torn) await this.save(folder, { full: true });
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
    await this.save(folder, { full: true });
    return folder;
  }

  async deleteFolder(folder: FolderRecord): Promise<void> {
    if (folder.files.size > 0) throw new HttpError(409, `The folder "${folder.meta.id}" is not empty: delete its files first.`);
    const key = folderKey(folder.domain, folder.meta.id);
    if (this.folders.get(key) !== folder) throw new HttpError(404, `The folder "${folder.meta.id}" does not exist.`);
    this.folders.delete(key);
    await this.writes.run(key, async () => {
      // The journal goes first: a journal without its document is removed at the next start.
      await fsp.rm(this.journalPath(key), { force: true });
      await fsp.rm(this.documentPath(folder), { force: true });
      this.journals.delete(key);
    });
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
    await this.save(folder, { file: fileId });
    return file;
  }

  async deleteFile(folder: FolderRecord, file: FileRecord): Promise<void> {
    if (folder.files.get(file.id) !== file) throw new HttpError(404, `The file "${folder.meta.id}/${file.id}" does not exist.`);
    folder.files.delete(file.id);
    await this.save(folder, { file: file.id });
    if (file.blob !== null) await fsp.rm(this.blobPath(file.blob), { force: true });
  }

  async setAcl(folder: FolderRecord, file: FileRecord | null, acl: AclLists): Promise<void> {
    Object.assign(file ?? folder.meta, copyAcl(acl));
    await this.save(folder, file ? { file: file.id } : { meta: true });
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
    await this.save(folder, { file: fileId });
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
    await this.save(folder, { full: true });
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

  private journalPath(key: string): string {
    return path.join(this.foldersDir, `${key}.log`);
  }

  /**
   * Makes the folder's change durable. Changes made while a write of the same folder is under way are gathered into
   * the one next write, which all of them await (group commit), and each answer is still sent only once its change
   * is on disk. A write appends the changed files' current records to the journal, or rewrites the whole document
   * when asked to or when the journal has grown as long as the folder (then the journal starts over).
   */
  private save(folder: FolderRecord, change: Change): Promise<void> {
    const key = folderKey(folder.domain, folder.meta.id);
    const queued = this.queuedSaves.get(key);
    if (queued?.folder === folder) {
      note(queued, change);
      return queued.written;
    }
    const save: QueuedSave = { folder, full: false, files: new Set(), meta: false, written: Promise.resolve() };
    note(save, change);
    save.written = this.writes.run(key, async () => {
      // From here on, a change needs the next write: this one may already have serialized the document.
      if (this.queuedSaves.get(key) === save) this.queuedSaves.delete(key);
      // The folder may have been deleted while this write waited its turn.
      if (this.folders.get(key) !== folder) return;
      const journal = this.journals.get(key) ?? { seq: 0, lines: 0 };
      this.journals.set(key, journal);
      const lines = save.files.size + (save.meta ? 1 : 0);
      if (save.full || journal.lines + lines > Math.max(JOURNAL_MIN_LINES, folder.files.size)) {
        const doc: FolderDocument = { version: 1, domain: folder.domain, folder: folder.meta, files: [...folder.files.values()], journalSeq: journal.seq };
        await writeFileAtomic(this.documentPath(folder), JSON.stringify(doc));
        // Entries up to journalSeq are now skipped on replay, so a crash before this removal loses nothing.
        await fsp.rm(this.journalPath(key), { force: true });
        journal.lines = 0;
        return;
      }
      // Records are taken now, not when the change was made, so a replay never brings back an older state.
      const entries: JournalEntry[] = [];
      for (const id of save.files) {
        const file = folder.files.get(id);
        entries.push(file ? { seq: ++journal.seq, file } : { seq: ++journal.seq, deleted: id });
      }
      if (save.meta) entries.push({ seq: ++journal.seq, folder: folder.meta });
      await appendDurably(this.journalPath(key), entries, journal.lines === 0, this.foldersDir);
      journal.lines += entries.length;
    });
    this.queuedSaves.set(key, save);
    return save.written;
  }
}

/** Below this many lines a journal is kept even for a small folder: rewriting a tiny document costs little anyway. */
const JOURNAL_MIN_LINES = 256;

function note(save: QueuedSave, change: Change): void {
  if ('full' in change) save.full = true;
  else if ('file' in change) save.files.add(change.file);
  else save.meta = true;
}

async function exists(filePath: string): Promise<boolean> {
  return fsp.stat(filePath).then(
    () => true,
    () => false,
  );
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

