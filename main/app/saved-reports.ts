// A report main writes for the user (the clean-up's CSV or JSON), where downloads of its kind go: the browser host's
// Downloads folder, else the folder last chosen for that kind (still there and writable), else Downloads. The name
// follows the downloads' rule, "name.ext" else the first "name (1).ext" free; a file already there is never
// replaced, not even one that appears between the look and the write.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DownloadKind } from '../common/methods/core.js';
import type { SettingsStore } from '../core/settings-store.js';
import { downloadFolderToOffer } from './download-folders.js';
import { bareName, freeLocalPath, realFolder } from './grants.js';
import { ensureDownloadFolder } from './local-files.js';

/** Tries at most this many names when others keep appearing under the names found free. */
const ATTEMPTS = 5;

export async function reportFolder(settings: SettingsStore, hostDownloadFolder: string | undefined, kind: DownloadKind): Promise<string> {
  return realFolder(await ensureDownloadFolder(hostDownloadFolder ?? (await downloadFolderToOffer(settings, kind))));
}

/** Writes `text` as a new file named like `fileName` in `folder`; returns its path. */
export async function saveReport(folder: string, fileName: string, text: string): Promise<string> {
  const name = bareName(fileName);
  for (let attempt = 1; ; attempt++) {
    const file = await freeLocalPath(folder, name);
    try {
      await fs.writeFile(file, text, { flag: 'wx', mode: 0o600 });
      return path.resolve(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= ATTEMPTS) throw err;
    }
  }
}
