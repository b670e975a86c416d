// The browser host's Downloads folder: where its downloads go, since a web page cannot show the OS folder dialog.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The user's Downloads folder (made if missing, as browsers do): never the home folder itself. */
export function defaultDownloadFolder(): string {
  return path.join(os.homedir(), 'Downloads');
}

/** Makes the folder when it is missing, so the first download does not fail for want of it. */
export async function ensureDownloadFolder(folder: string): Promise<string> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  return folder;
}
