// A local file the UI hands to main, and a folder main let it save into. Neither is a path: the window names what
// main gave it (a staged copy in the browser host, a file the user dropped or picked in Electron, a folder from the
// OS dialog or the browser host's Downloads folder), and main resolves the id to a path it recorded itself.
import { z } from 'zod';

export const fileRefSchema = z.union([
  /** Bytes the browser host received through /api/stage, kept in the data folder. */
  z.object({ kind: z.literal('staged'), id: z.string().regex(/^stg_[a-z0-9]{16,40}$/) }).strict(),
  /** Electron: a file the user dropped or picked, whose path the preload read from the File object itself. */
  z.object({ kind: z.literal('granted'), id: z.string().regex(/^fg_[a-f0-9]{24}$/) }).strict(),
]);
export type FileRef = z.infer<typeof fileRefSchema>;

/** The id a page gives a staging it sends the browser host (`/api/stage?stage=`), under which the host says its progress. */
export const STAGE_PROGRESS_ID = /^sp_[a-f0-9]{24}$/;

/** A folder main granted the window for downloads (files.pickFolder). */
export const folderGrantIdSchema = z.string().regex(/^dg_[a-f0-9]{24}$/, 'Not a folder this app granted.');

export interface FolderGrant {
  grantId: string;
  /** The folder's path, to show; the window sends grantId back, never this. */
  path: string;
  /** Chosen in the OS dialog just now (Electron); false for the browser host's Downloads folder. */
  picked: boolean;
}

/**
 * Most file systems allow 255 bytes of UTF-8 in a name, not 255 characters: a name of 120 CJK characters does not
 * fit. Downloads also need room for their temporary name (".NAME.<12 hex>.part", 19 bytes more) and for " (12)" when
 * a name is taken, so names are kept to 200 bytes: whole characters only, the extension kept when it is short.
 */
export const MAX_FILE_NAME_BYTES = 200;

const utf8Length = (text: string): number => new TextEncoder().encode(text).length;

export function fitFileName(name: string, maxBytes = MAX_FILE_NAME_BYTES): string {
  if (utf8Length(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  let room = maxBytes - utf8Length(ext);
  let stem = '';
  for (const char of name.slice(0, name.length - ext.length)) {
    const size = utf8Length(char);
    if (size > room) break;
    stem += char;
    room -= size;
  }
  return `${stem}${ext}`;
}
