// Files the OS handed the desktop app (its command line, "Open with", a second launch). The user chose them, so they
// are the app's to read, like a file dropped on the window: they become path refs the upload view checks by their bytes.
import path from 'node:path';
import type { FileRef } from '../common/contract.js';

/** The one place launch-opened paths become file refs (and, where refs are granted, where the grant belongs). */
export function grantOpenedFiles(paths: readonly string[]): Array<{ ref: FileRef; name: string }> {
  return paths.map((file) => ({ ref: { kind: 'path', path: file }, name: path.basename(file) }));
}
