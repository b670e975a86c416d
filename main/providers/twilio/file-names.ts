// File names for downloaded media: from the final response's Content-Disposition when it has one, else the media
// SID with an extension for its content type. The name comes from a remote server, so it is reduced to a plain
// file name (no folders, no "..", no control characters, at most 200 bytes) before it ever touches the disk.
import { isWindowsDeviceName, safeLocalName } from '../../common/files.js';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/jpg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/bmp': '.bmp',
  'image/webp': '.webp',
  'image/heic': '.heic',
  'image/tiff': '.tiff',
  'video/mp4': '.mp4',
  'video/mpeg': '.mpeg',
  'video/quicktime': '.mov',
  'video/3gpp': '.3gp',
  'video/webm': '.webm',
  'audio/mpeg': '.mp3',
  'audio/mp4': '.m4a',
  'audio/ogg': '.ogg',
  'audio/amr': '.amr',
  'audio/wav': '.wav',
  'audio/3gpp': '.3gp',
  'application/pdf': '.pdf',
  'application/vcard': '.vcf',
  'text/vcard': '.vcf',
  'text/x-vcard': '.vcf',
  'text/plain': '.txt',
  'text/calendar': '.ics',
};

/** The bare media type, lower case, without parameters: "image/jpeg". */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function extensionFor(contentType: string | undefined): string {
  return EXTENSIONS[mediaType(contentType)] ?? '.bin';
}

/** A name safe to create in a folder of the user's choice, or undefined when nothing usable is left. */
export function safeFileName(name: string): string | undefined {
  // A server's name goes rather than being marked: the media SID's name is the better one then.
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/^[.\s]+|[.\s]+$/g, '');
  if (base === '' || isWindowsDeviceName(base)) return undefined;
  return safeLocalName(base);
}

function decodeExtValue(value: string): string | undefined {
  // RFC 5987: charset'language'percent-encoded
  const m = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(value);
  if (!m) return undefined;
  const charset = (m[1] ?? '').toLowerCase();
  const encoded = m[2] ?? '';
  try {
    if (charset === 'utf-8') return decodeURIComponent(encoded);
    if (charset === 'iso-8859-1') return encoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  } catch {
    return undefined;
  }
  return undefined;
}

/** The file name a Content-Disposition header gives (filename* preferred over filename), if any. */
export function fileNameFromDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  let plain: string | undefined;
  let extended: string | undefined;
  const paramPattern = /;\s*([\w*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of header.matchAll(paramPattern)) {
    const key = (m[1] ?? '').toLowerCase();
    let value = (m[2] ?? '').trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key === 'filename*') extended = decodeExtValue(value);
    else if (key === 'filename') plain = value;
  }
  const chosen = extended ?? plain;
  return chosen === undefined ? undefined : safeFileName(chosen);
}

/** The name to save media under: the server's own, else "<mediaSid><extension for the type>". */
export function mediaFileName(disposition: string | undefined, mediaSid: string, contentType: string | undefined): string {
  return fileNameFromDisposition(disposition) ?? `${mediaSid}${extensionFor(contentType)}`;
}
