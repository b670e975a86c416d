// Files handed over by the UI. In Electron the UI gives a path; in the browser host the browser cannot reveal
// paths, so the file's bytes are streamed into a staging folder and referred to by an id.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { FileRef } from '../../common/contract.js';
import { AppError } from '../../common/errors.js';

export interface LocalFile {
  path: string;
  /** The name to show and send (the original name for staged files). */
  name: string;
  size: number;
}

const MAX_NAME = 255;

export function cleanFileName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f\u007f/\\]/g, '_').trim().slice(0, MAX_NAME);
  return cleaned.length > 0 ? cleaned : 'file';
}

export class FileStaging {
  private readonly names = new Map<string, string>();
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'staging');
  }

  /** Staged files do not outlive the process that staged them. */
  async reset(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  async stage(name: string, body: Readable): Promise<FileRef> {
    const id = `stg_${randomBytes(12).toString('hex')}`;
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, id);
    try {
      await pipeline(body, createWriteStream(file, { mode: 0o600 }));
    } catch {
      await fs.rm(file, { force: true });
      throw new AppError('io', `Could not receive the file "${cleanFileName(name)}".`);
    }
    this.names.set(id, cleanFileName(name));
    return { kind: 'staged', id };
  }

  async resolve(ref: FileRef): Promise<LocalFile> {
    if (ref.kind === 'staged') {
      const name = this.names.get(ref.id);
      if (!name) throw new AppError('not_found', 'That file is no longer available; add it again.');
      const file = path.join(this.dir, ref.id);
      return { path: file, name, size: await sizeOf(file, name) };
    }
    if (!path.isAbsolute(ref.path)) throw new AppError('validation', 'A file path must be absolute.');
    const name = path.basename(ref.path);
    return { path: ref.path, name, size: await sizeOf(ref.path, name) };
  }

  /**
   * Hands a file over to a transfer that may outlive this process (a retry after a restart): a staged file moves
   * out of the staging folder, which is emptied at start, into one the transfer queue owns.
   */
  async adopt(ref: FileRef, keepDir: string): Promise<LocalFile & { owned: boolean }> {
    const file = await this.resolve(ref);
    if (ref.kind !== 'staged') return { ...file, owned: false };
    await fs.mkdir(keepDir, { recursive: true, mode: 0o700 });
    const kept = path.join(keepDir, ref.id);
    await fs.rename(file.path, kept);
    this.names.delete(ref.id);
    return { ...file, path: kept, owned: true };
  }

  async release(ref: FileRef): Promise<void> {
    if (ref.kind !== 'staged') return;
    this.names.delete(ref.id);
    await fs.rm(path.join(this.dir, ref.id), { force: true });
  }
}

async function sizeOf(file: string, name: string): Promise<number> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new AppError('io', `"${name}" cannot be found; it may have been moved or deleted.`);
  }
  if (stat.isDirectory()) throw new AppError('unsupported_media', `"${name}" is a folder, not a file.`);
  if (!stat.isFile()) throw new AppError('unsupported_media', `"${name}" is not a regular file.`);
  return stat.size;
}
