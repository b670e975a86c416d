// The media library's methods: browse folders and files, create and delete them, upload and download through the
// transfer queue, preview media, read and change access lists (one target or many, a result for each).
// Every id is checked with the library-ids rules here, before a handler runs; pure code, so the renderer can use
// the helpers too (localFileName, the id checks).
import { z } from 'zod';
import { accountIdSchema } from '../accounts.js';
import type { AppErrorData } from '../errors.js';
import { fileRefSchema, folderGrantIdSchema, safeLocalName } from '../files.js';
import type { Acl } from '../library-acl.js';
import { phrase } from '../i18n/phrase.js';
import { libraryIdProblemPhrase, MAX_LIBRARY_ID_LENGTH } from '../library-ids.js';
import { fieldError, fieldMessage } from '../validation-messages.js';
import type { TransferItem } from '../transfers.js';
import { method } from './define.js';

// ---- argument schemas ----

function idSchema(labelKey: 'errors:library.label.folder' | 'errors:library.label.file' | 'errors:library.label.principal') {
  const label = phrase(labelKey);
  return z.string(fieldError(phrase('errors:library.id.missing', { label }))).superRefine((value, ctx) => {
    const problem = libraryIdProblemPhrase(value);
    if (problem) ctx.addIssue({ code: 'custom', message: fieldMessage(phrase('errors:library.id.refused', { label, id: JSON.stringify(value.slice(0, 60)), problem })) });
  });
}

export const libraryFolderIdSchema = idSchema('errors:library.label.folder');
// GET /media/{d}/{folder}/acl is the folder's access list, so no file can be called "acl".
export const libraryFileIdSchema = idSchema('errors:library.label.file').refine((v) => v !== 'acl', fieldError(phrase('errors:library.id.acl')));
/** A user or application id in an access list. */
export const libraryPrincipalSchema = idSchema('errors:library.label.principal');

const MAX_ACL_ENTRIES = 1000;
const principalList = z.array(libraryPrincipalSchema).max(MAX_ACL_ENTRIES, fieldError(phrase('errors:library.acl.tooMany', { max: MAX_ACL_ENTRIES })));
export const libraryAclSchema = z
  .object({ readUsers: principalList, readApps: principalList, writeUsers: principalList, writeApps: principalList })
  .strict();

export const libraryTargetSchema = z.object({ folder: libraryFolderIdSchema, file: libraryFileIdSchema.optional() }).strict();

/** What to do when an uploaded name is already taken in the folder. */
export const UPLOAD_EXISTING = ['replace', 'keepBoth'] as const;
/** What to do when a downloaded name is already taken in the local folder ("skip" is not sent at all). */
export const DOWNLOAD_EXISTING = ['overwrite', 'keepBoth', 'fail'] as const;
export type UploadExisting = (typeof UPLOAD_EXISTING)[number];
export type DownloadExisting = (typeof DOWNLOAD_EXISTING)[number];

const MAX_BATCH = 10_000;
const byAccount = { accountId: accountIdSchema };
const inFolder = { ...byAccount, folder: libraryFolderIdSchema };

// ---- results ----

/** A folder or a file as the library lists it. */
export interface LibraryItem {
  /** The server's id: "folder", or "folder/file". */
  id: string;
  name: string;
  createdWith?: string;
  createdBy?: string;
  /** ISO 8601 as sent. */
  createdOn?: string;
  /** Its own access list: four empty lists when it has none (a file then follows its folder). */
  acl: Acl;
}

export type LibraryFolderInfo = LibraryItem;

export interface LibraryFileInfo extends LibraryItem {
  folder: string;
  size?: number;
  /** Voicemail entries: the number called and when the call started. */
  dest?: string;
  startTime?: string;
  /** A voicemail (its own call folder, or dest/startTime in its entry): played through the voicemail stream. */
  voicemail: boolean;
}

export interface LibraryFolderView {
  folder: LibraryFolderInfo;
  files: LibraryFileInfo[];
}

/** Who the account is, for the access summaries and the lock-out warning. */
export interface LibraryWhoami {
  accountId: string;
  label: string;
  userId: string;
  appId: string;
  domain: string;
  /** host:port of the server, for messages. */
  host: string;
}

export interface LibraryTarget {
  folder: string;
  file?: string;
}

export type LibraryTargetResult = { target: LibraryTarget; ok: true } | { target: LibraryTarget; ok: false; error: AppErrorData };

export interface LibraryDeleteFolderResult {
  folder: string;
  ok: boolean;
  /** How many files the folder held when it was looked at. */
  fileCount: number;
  /** Files deleted with it (withFiles only). */
  deletedFiles: number;
  /** The files that could not be deleted, each with its reason. */
  failedFiles?: LibraryTargetResult[];
  error?: AppErrorData;
}

export interface LibraryUploadOutcome {
  queued: TransferItem[];
  /** Files refused before anything was sent, each with its reason (not a JPEG or MP4, a name the library refuses…). */
  refused: Array<{ name: string; error: AppErrorData }>;
}

/** The largest image a list's thumbnail is made from: larger ones keep their icon (a thumbnail is shown at 24 px). */
export const LIBRARY_THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

export interface LibraryMediaLink {
  /** An opaque, short-lived URL of the app's media stream (Range passes through; no credential in it). */
  url: string;
  voicemail: boolean;
}

/** A folder's or a file's access list as it stands on the server, with what the rules need to explain it. */
export interface LibraryAclState {
  target: LibraryTarget;
  id: string;
  createdBy?: string;
  createdWith?: string;
  createdOn?: string;
  acl: Acl;
  /** A file whose four lists are empty has no list of its own and follows its folder's. */
  ownAcl: boolean;
  /** Files: the folder's list (null when the folder's list cannot be read). */
  folderAcl?: Acl | null;
  folderCreatedBy?: string;
  /** False after a save that took away the caller's read access: `acl` is then what was saved, not read back. */
  reloaded: boolean;
}

export interface LibraryAclApplyOutcome {
  /** One per target, in order: the folder first (when it is one of them), then its files. */
  results: LibraryTargetResult[];
  saved: number;
  /** Refused by the server, or skipped: the ones that were tried and kept their previous list. */
  failed: number;
  /** Never tried because the job was cancelled first: not refusals. */
  notDone: number;
}

// ---- the methods ----

/** Where one access list goes: some files of a folder, or a folder and every file in it. */
export const libraryApplyToSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('files'), folder: libraryFolderIdSchema, files: z.array(libraryFileIdSchema).min(1).max(MAX_BATCH) }).strict(),
  z.object({ kind: z.literal('folderAndFiles'), folder: libraryFolderIdSchema }).strict(),
]);

const aclChange = {
  acl: libraryAclSchema,
  /** The user confirmed a change that takes away his own access; without it such a change is refused. */
  allowLockout: z.boolean().optional(),
};

export const libraryMethods = {
  /** The account's user and application ids and domain. */
  'library.whoami': method(z.object(byAccount).strict()).returns<LibraryWhoami>(),
  /** GET /media/{domain}: the folders this user can see. */
  'library.listFolders': method(z.object(byAccount).strict()).returns<LibraryFolderInfo[]>(),
  /** A folder's properties and its files. */
  'library.getFolder': method(z.object(inFolder).strict()).returns<LibraryFolderView>(),
  'library.createFolder': method(z.object(inFolder).strict()).returns<LibraryFolderInfo>(),
  /**
   * Deletes folders. A folder that holds files is refused (result: 'conflict' with its fileCount) unless
   * `withFiles` gives the number of files the user was shown and confirmed: its files are then deleted first, and
   * the folder only if every one of them went. A count that no longer matches is refused too. Runs as a job in the
   * transfer queue (progress, cancel); its result has one item per folder, named by the folder.
   */
  'library.deleteFolders': method(
    z
      .object({
        ...byAccount,
        folders: z
          .array(z.object({ folder: libraryFolderIdSchema, withFiles: z.number().int().min(1).max(1_000_000).optional() }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
  ).returns<TransferItem>(),
  'library.getFile': method(z.object({ ...inFolder, file: libraryFileIdSchema }).strict()).returns<LibraryFileInfo>(),
  /** Deletes files of one folder as a job in the transfer queue; its result has one item per file ("folder/file"). */
  'library.deleteFiles': method(z.object({ ...inFolder, files: z.array(libraryFileIdSchema).min(1).max(MAX_BATCH) }).strict()).returns<TransferItem>(),
  /**
   * Which of these local file names an upload into the folder would find taken, under the name the upload would use:
   * asked before the files are sent to main, so the question comes before a long copy.
   */
  'library.existingNames': method(z.object({ ...inFolder, names: z.array(z.string().min(1).max(1000)).max(MAX_BATCH) }).strict()).returns<string[]>(),
  /** Checks files by their bytes and queues an upload for each acceptable one. */
  'library.upload': method(
    z
      .object({
        ...inFolder,
        files: z
          .array(z.object({ ref: fileRefSchema, onExisting: z.enum(UPLOAD_EXISTING).optional() }).strict())
          .min(1)
          .max(1000),
      })
      .strict(),
  ).returns<LibraryUploadOutcome>(),
  /**
   * Queues a download for each file into a granted folder (temp name, renamed when complete and of the right size).
   * "overwrite" is allowed only for names files.findExisting reported in that grant, of files the app saved there.
   */
  'library.download': method(
    z
      .object({
        ...inFolder,
        grantId: folderGrantIdSchema,
        files: z
          .array(
            z
              .object({
                name: libraryFileIdSchema,
                size: z.number().int().nonnegative().optional(),
                onExisting: z.enum(DOWNLOAD_EXISTING).optional(),
              })
              .strict(),
          )
          .min(1)
          .max(MAX_BATCH),
      })
      .strict(),
  ).returns<TransferItem[]>(),
  /**
   * A media stream URL for a preview (image, video) or the voicemail player; with `thumbnail`, for a list's small
   * image: no details are read first, and the stream stops at LIBRARY_THUMBNAIL_MAX_BYTES.
   */
  'library.mediaUrl': method(z.object({ ...inFolder, file: libraryFileIdSchema, thumbnail: z.boolean().optional() }).strict()).returns<LibraryMediaLink>(),
  'library.getAcl': method(z.object({ ...byAccount, target: libraryTargetSchema }).strict()).returns<LibraryAclState>(),
  /** Saves an access list and answers with the state read back from the server. */
  'library.putAcl': method(z.object({ ...byAccount, target: libraryTargetSchema, ...aclChange }).strict()).returns<LibraryAclState>(),
  /**
   * One access list for several files of a folder, or for a folder and every file in it. The lock-out rule is
   * checked now (a 'conflict' naming the items, unless allowLockout) and again when the job starts; the job's result
   * has one item per target ("folder/file", or the folder's name), in order: the folder first, then its files.
   */
  'library.applyAcl': method(z.object({ ...byAccount, ...aclChange, to: libraryApplyToSchema }).strict()).returns<TransferItem>(),
} as const;

// ---- helpers shared by main and the renderer ----

/** A target as a job's item name: the folder's name, or "folder/file" (neither id may hold a "/"). */
export function libraryItemName(target: LibraryTarget): string {
  return target.file === undefined ? target.folder : `${target.folder}/${target.file}`;
}

/** The target a job's item name stands for. */
export function libraryTargetOfItem(name: string): LibraryTarget {
  const slash = name.indexOf('/');
  return slash < 0 ? { folder: name } : { folder: name.slice(0, slash), file: name.slice(slash + 1) };
}

/**
 * The name a library file gets on this computer, by the one rule for names from elsewhere (safeLocalName). The same
 * function decides conflicts in the UI, names in main and in the command line's library get.
 */
export function localFileName(name: string): string {
  return safeLocalName(name);
}

/** "name (n).ext": the n-th alternative for a taken name, keeping the extension. */
export function numberedName(name: string, n: number): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const suffix = ` (${n})`;
  // Keep within the library's id length.
  const room = MAX_LIBRARY_ID_LENGTH - suffix.length - ext.length;
  return `${stem.slice(0, Math.max(1, room))}${suffix}${ext}`;
}
