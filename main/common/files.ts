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

// ---- the one rule for a name made from someone else's words (a library file's id, a server's Content-Disposition,
// a Twilio sender in a file name pattern) before it becomes a file on this computer ----

/**
 * Characters no name may keep: the ones some common file system refuses (Windows is the strictest), control
 * characters (C0, DEL, C1), and the invisible ones that change how a name reads: bidi embeddings, overrides and
 * isolates (U+202A–202E, U+2066–2069, the marks U+200E/200F/061C; "invoice\u202Egpj.exe" shows as "invoiceexe.jpg"),
 * zero-width space and byte order mark. Joiners (U+200C/200D) stay: emoji and several scripts need them.
 */
export const UNSAFE_NAME_CHARS = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Names Windows keeps for devices, whatever follows a dot ("NUL.tar.gz") and with spaces before it ("CON .jpg"):
 * COM and LPT with a digit or superscript ¹²³, and the console's CONIN$ and CONOUT$.
 */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\..*)?$/i;

export function isWindowsDeviceName(name: string): boolean {
  return WINDOWS_DEVICE.test(name);
}

/** The first character of `text` no file name may hold, if any. */
export function unsafeNameChar(text: string): string | undefined {
  return new RegExp(UNSAFE_NAME_CHARS.source).exec(text)?.[0];
}

/**
 * A name safe to create on Windows, macOS and Linux: unsafe characters become "_", trailing dots and spaces go
 * (Windows drops them), a leading "." becomes "_" (a download never makes or replaces a hidden file such as .bashrc:
 * those configure programs, not hold media), a device name gets a leading "_", and it fits MAX_FILE_NAME_BYTES.
 */
export function safeLocalName(name: string): string {
  let out = name.replace(UNSAFE_NAME_CHARS, '_').replace(/[. ]+$/, '');
  out = out.replace(/^\./, '_');
  if (out === '') out = '_';
  if (isWindowsDeviceName(out)) out = `_${out}`;
  return fitFileName(out);
}
