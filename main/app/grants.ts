// The folders the window may save into. The window never sends a path: main grants a folder (the OS dialog's answer
// in Electron, the browser host's Downloads folder) and hands out an opaque id; downloads name the id, and main
// resolves it to the real path it recorded. "Overwrite" replaces a file only when files.findExisting reported its
// name in that grant a moment ago (once: the download that replaces it uses the report up) AND the file is, unchanged,
// one main itself saved there (written-files.ts). The first alone proved nothing: the window calls findExisting
// itself, and in the browser host no answer of the window's shows that a person agreed. So a file the user keeps in
// the folder is never replaced, whoever asks; at worst a hostile window replaces an earlier download of the app's
// with the server's copy. findExisting answers only for names a download could make (no hidden file, no device
// name), so it tells no more about the folder than the downloads themselves would.
// A pick for a kind of download is its own grant, apart from picks of the same folder for another kind or for none:
// forgetting the folder remembered for that kind (Settings) revokes it, and only it, and refuses a retry of the
// downloads made by it (main/app/download-folders.ts).
//
// This is the one module in main/app that decides where a download lands (test/security/static-checks.test.ts).
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import type { DownloadKind } from '../common/contract.js';
import { safeLocalName, type FolderGrant } from '../common/files.js';
import { numberedName } from '../common/methods/library.js';
import type { TransferChoice } from '../core/transfers/transfer-queue.js';
import type { WrittenFiles } from './written-files.js';

interface GrantRecord {
  /** The folder's real path (no symlink in it) when it was granted. */
  dir: string;
  picked: boolean;
  /** The kind of download whose remembered folder this pick became; a forget of that kind revokes the grant. */
  rememberedAs: DownloadKind | undefined;
  /** Names files.findExisting reported as present, and when: the only ones "overwrite" may replace, once. */
  reported: Map<string, number>;
}

/** A granted folder's real path and one bare name in it: what a download runner may write. */
export interface GrantedDestination {
  dir: string;
  name: string;
  path: string;
}

const MAX_GRANTS = 1000;
/** How long a report of files.findExisting stands for an "overwrite": the time a person takes to answer the question. */
export const REPORT_FOR_MS = 10 * 60_000;
/** How many alternative names are tried before giving up ("name (1).jpg" … "name (999).jpg"). */
const MAX_ALTERNATIVES = 999;

/** The folder's real path, if it is a folder. */
export async function realFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw new AppError('validation', phrase('errors:files.folderNotAbsolute'));
  const real = await fs.realpath(folder).catch(() => null);
  const stat = real ? await fs.stat(real).catch(() => null) : null;
  if (!real || !stat) throw new AppError('io', phrase('errors:files.folderMissing', { folder }));
  if (!stat.isDirectory()) throw new AppError('validation', phrase('errors:files.notAFolder', { folder }));
  return real;
}

/**
 * Checks, when a download starts, that a folder granted earlier is still that folder: still a directory, and no
 * part of its path was swapped for a symlink to elsewhere since (its real path must be itself).
 */
export async function verifyGrantedFolder(dir: string): Promise<string> {
  const real = await realFolder(dir);
  if (real !== dir) throw new AppError('forbidden', phrase('errors:files.folderMoved', { folder: dir }));
  return real;
}

/** A name that stays in its folder: no separator, no "." or "..", no hidden file. */
export function bareName(name: string): string {
  if (name.length === 0 || name === '.' || name === '..' || name.startsWith('.') || /[/\\\0]/.test(name) || path.basename(name) !== name) {
    throw new AppError('validation', phrase('errors:files.badName', { name: name.slice(0, 80) }));
  }
  return name;
}

/** Where a download of `name` into a granted folder goes, checked at the time it starts. */
export async function grantedDestination(dir: string, name: string): Promise<GrantedDestination> {
  const real = await verifyGrantedFolder(dir);
  const file = path.join(real, bareName(name));
  if (path.dirname(file) !== real) throw new AppError('forbidden', phrase('errors:files.leavesFolder', { name: name.slice(0, 80), folder: real }));
  return { dir: real, name, path: file };
}

async function taken(file: string): Promise<boolean> {
  // lstat: a dangling link is taken too; writing "through" it would create its target somewhere else.
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** The first name not taken in the folder, for every download: the name itself, then "name (1).ext"… */
export async function freeLocalPath(dir: string, name: string): Promise<string> {
  for (let n = 0; n <= MAX_ALTERNATIVES; n++) {
    const candidate = path.join(dir, n === 0 ? name : numberedName(name, n));
    if (!(await taken(candidate))) return candidate;
  }
  throw new AppError('conflict', phrase('errors:files.noFreeName', { name, max: MAX_ALTERNATIVES, folder: dir }));
}

export class FolderGrants {
  private readonly grants = new Map<string, GrantRecord>();

  constructor(
    private readonly written: WrittenFiles,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Grants a folder main itself chose or was told by the user (never one the window named). `rememberedAs`: the kind
   * of download the user picked it for, when main remembers it for that kind.
   */
  async grant(folder: string, picked: boolean, rememberedAs?: DownloadKind): Promise<FolderGrant> {
    const dir = await realFolder(folder);
    for (const [grantId, record] of this.grants) {
      if (record.dir === dir && record.rememberedAs === rememberedAs) {
        record.picked ||= picked;
        return { grantId, path: dir, picked };
      }
    }
    // Bounded: a page calling pickFolder in a loop cannot grow this without end.
    if (this.grants.size >= MAX_GRANTS) {
      const oldest = this.grants.keys().next().value;
      if (oldest !== undefined) this.grants.delete(oldest);
    }
    const grantId = `dg_${randomBytes(12).toString('hex')}`;
    this.grants.set(grantId, { dir, picked, rememberedAs, reported: new Map() });
    return { grantId, path: dir, picked };
  }

  /**
   * The folder remembered for this kind was forgotten: the grants its picks gave end now, so their ids are refused
   * as never issued. Picks of the folder for another kind or for none were the user's own choices and stay; a pick
   * of it after this is a new grant with a new id. The downloads queued by them are the transfer queue's to refuse,
   * those still waiting and any retry (TransferQueue.takeBack); a running one finishes.
   */
  revoke(folder: string, kind: DownloadKind): void {
    for (const [grantId, record] of this.grants) if (record.dir === folder && record.rememberedAs === kind) this.grants.delete(grantId);
  }

  /** The granted folder's real path, checked again now. */
  async folder(grantId: string): Promise<string> {
    const record = this.grants.get(grantId);
    if (!record) throw new AppError('forbidden', phrase('errors:files.folderNotGranted'));
    return verifyGrantedFolder(record.dir);
  }

  /**
   * The remembered choice a download by this grant is made under, if its pick was remembered for a kind: the queue
   * keeps it with the transfer, so that forgetting the folder also stops a retry, after a restart too.
   */
  choice(grantId: string): TransferChoice | undefined {
    const record = this.grants.get(grantId);
    return record?.rememberedAs ? { kind: record.rememberedAs, dir: record.dir } : undefined;
  }

  /**
   * Which of these names are taken in the folder; they become the names "overwrite" may replace there for a while.
   * Only names a download could make are looked up: a hidden name (".bashrc") or any other is never reported.
   */
  async findExisting(grantId: string, names: readonly string[]): Promise<string[]> {
    const dir = await this.folder(grantId);
    const present = new Set(await fs.readdir(dir));
    const found = names.filter((name) => safeLocalName(name) === name && present.has(name));
    const record = this.grants.get(grantId);
    for (const name of found) record?.reported.set(name, this.now());
    return found;
  }

  /**
   * Refuses, all or nothing, "overwrite" of a name files.findExisting did not report in this grant in the last
   * REPORT_FOR_MS, or of a file there that main did not save (or that changed since); else uses the reports up.
   */
  async allowOverwrite(grantId: string, names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const record = this.grants.get(grantId);
    const dir = await this.folder(grantId);
    for (const name of names) {
      const at = record?.reported.get(name);
      if (at === undefined || this.now() - at > REPORT_FOR_MS) throw new AppError('forbidden', phrase('errors:files.replaceUnconfirmed', { name: name.slice(0, 80) }));
      await this.written.assertReplaceable(path.join(dir, name), name, dir);
    }
    for (const name of names) record?.reported.delete(name);
  }
}
