// Local folders the user saves downloads into: validated where they arrive, checked for name conflicts.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../common/errors.js';

export async function requireFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) throw new AppError('validation', 'Choose a folder by its full path.');
  const resolved = path.resolve(folder);
  const stat = await fs.stat(resolved).catch(() => null);
  if (!stat) throw new AppError('io', `The folder ${resolved} does not exist.`);
  if (!stat.isDirectory()) throw new AppError('validation', `${resolved} is not a folder.`);
  return resolved;
}

/** Names that would overwrite a file already in the folder. */
export async function findExisting(folder: string, names: string[]): Promise<string[]> {
  const resolved = await requireFolder(folder);
  const present = new Set(await fs.readdir(resolved));
  return names.filter((name) => present.has(name));
}

/** The browser host's download folder: the user's Downloads folder, else the home folder. */
export async function defaultDownloadFolder(): Promise<string> {
  const downloads = path.join(os.homedir(), 'Downloads');
  const stat = await fs.stat(downloads).catch(() => null);
  return stat?.isDirectory() ? downloads : os.homedir();
}
