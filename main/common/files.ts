// A local file the UI hands to main: a path (Electron) or a file staged in the browser host.
import { z } from 'zod';

export const fileRefSchema = z.union([
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('staged'), id: z.string().regex(/^stg_[a-z0-9]{16,40}$/) }).strict(),
]);
export type FileRef = z.infer<typeof fileRefSchema>;

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
