// Files the OS handed the desktop app (its command line, "Open with", a second launch). The user chose them, so they
// are the app's to read, like a file dropped on the window: each becomes a file grant (main/core/files/staging.ts)
// that the upload view checks by its bytes. A path that is not a regular file is left out and reported.
import path from 'node:path';
import type { FileRef } from '../common/contract.js';
import { toAppError } from '../common/errors.js';
import type { Phrase } from '../common/i18n/phrase.js';
import type { FileStaging } from '../core/files/staging.js';

export interface OpenedFiles {
  files: Array<{ ref: FileRef; name: string }>;
  /** `reason` in English (the log); `phrase` the same for the window to say in the reader's language. */
  refused: Array<{ name: string; reason: string; phrase?: Phrase }>;
}

/** The one place launch-opened paths become file refs: grants main issued, never paths the window could forge. */
export async function grantOpenedFiles(staging: Pick<FileStaging, 'grantPath'>, paths: readonly string[]): Promise<OpenedFiles> {
  const opened: OpenedFiles = { files: [], refused: [] };
  for (const file of paths) {
    const name = path.basename(file);
    try {
      opened.files.push({ ref: await staging.grantPath(file), name });
    } catch (err) {
      const error = toAppError(err);
      opened.refused.push({ name, reason: error.message, ...(error.phrase ? { phrase: error.phrase } : {}) });
    }
  }
  return opened;
}
