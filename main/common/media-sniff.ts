// Tells whether a file is a JPEG image or an MP4 video from its first bytes only, never from its name.
// The one home of the JPEG/MP4 byte rules and the ISO brand lists: the client (main/core/media) checks what it
// sends with it and the sandbox checks what it receives with it, so both agree. Pure (no Node) for the same reason.

import { phrase, type Phrase } from './i18n/phrase.js';

export type MediaContentType = 'image/jpeg' | 'video/mp4';

/** The most a caller needs to read from the start of a file for sniffMediaType. */
export const MEDIA_SNIFF_BYTES = 64 * 1024;

export type SniffRefusal =
  /** Nothing at all to look at. */
  | { accepted: false; reason: 'empty' }
  /** It starts like a JPEG or an MP4 but the header is cut short or malformed; `what` says which part. */
  | { accepted: false; reason: 'truncated'; what: Phrase }
  /** Readable text (UTF-8 or UTF-16 with a byte order mark). */
  | { accepted: false; reason: 'text' }
  /** Another known format; `what` names it with its article ("a PNG image"). */
  | { accepted: false; reason: 'other_format'; what: Phrase }
  | { accepted: false; reason: 'unknown' };

export type SniffResult = { accepted: true; contentType: MediaContentType } | SniffRefusal;

// ISO base media brands that promise an MP4 file (ISO/IEC 14496-12/14/15 and the DASH/CMAF profiles built on
// them). A file qualifies when its major brand or one of its compatible brands is listed, unless the major brand
// says it is something else (below).
const MP4_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9',
  'mp41', 'mp42', 'mp71', 'avc1', 'dash', 'cmfc', 'cmf2', 'mmp4',
  'M4V ', 'M4VH', 'M4VP', 'MSNV', 'f4v ',
]);
// Audio-only MP4 files (iTunes AAC, audiobooks, Flash audio): they list isom/mp42 as compatible, but a recipient
// expects a video, so they are refused.
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
// Still images in the same container family (HEIF/HEIC/AVIF).
const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis']);
const QUICKTIME_BRAND = 'qt  ';
/** A sane upper bound for an ftyp box; real ones hold a handful of brands. */
const MAX_FTYP_SIZE = 4096;
/** Enough leading bytes to tell a JPEG or an MP4 (the whole ftyp box); MEDIA_SNIFF_BYTES also tells text apart. */
export const MEDIA_HEADER_BYTES = MAX_FTYP_SIZE;

export function sniffMediaType(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { accepted: false, reason: 'empty' };
  const jpeg = sniffJpeg(bytes);
  if (jpeg) return jpeg;
  const isoMedia = sniffIsoMedia(bytes);
  if (isoMedia) return isoMedia;
  const other = otherFormat(bytes);
  if (other) return { accepted: false, reason: 'other_format', what: other };
  if (looksLikeText(bytes)) return { accepted: false, reason: 'text' };
  return { accepted: false, reason: 'unknown' };
}

/** The sentence shown next to a refused file, naming it and the reason. */
export function describeRefusal(fileName: string, refusal: SniffRefusal): Phrase {
  const name = fileName;
  switch (refusal.reason) {
    case 'empty':
      return phrase('errors:media.empty', { name });
    case 'truncated':
      return phrase('errors:media.damaged', { name, what: refusal.what });
    case 'text':
      return phrase('errors:media.text', { name });
    case 'other_format': {
      const claimed = claimedType(fileName);
      if (claimed === 'jpeg') return phrase('errors:media.otherNotJpeg', { name, what: refusal.what });
      if (claimed === 'mp4') return phrase('errors:media.otherNotMp4', { name, what: refusal.what });
      return phrase('errors:media.other', { name, what: refusal.what });
    }
    case 'unknown':
      return phrase('errors:media.unknown', { name });
  }
}

/** What the file's extension claims, to word the refusal the way the user sees the file. */
function claimedType(fileName: string): 'jpeg' | 'mp4' | undefined {
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg' || ext === 'jpe' || ext === 'jfif') return 'jpeg';
  if (ext === 'mp4' || ext === 'm4v') return 'mp4';
  return undefined;
}

function sniffJpeg(bytes: Uint8Array): SniffResult | undefined {
  const soi = [0xff, 0xd8, 0xff];
  const prefixLength = Math.min(bytes.length, soi.length);
  for (let i = 0; i < prefixLength; i++) if (bytes[i] !== soi[i]) return undefined;
  // SOI then the first marker: the marker code must follow, and it is never 0x00 or 0xFF fill here.
  const marker = bytes[3];
  if (marker === undefined) return { accepted: false, reason: 'truncated', what: phrase('errors:media.part.jpegStops') };
  if (marker < 0xc0 || marker === 0xff) return { accepted: false, reason: 'truncated', what: phrase('errors:media.part.jpegMalformed') };
  return { accepted: true, contentType: 'image/jpeg' };
}

function sniffIsoMedia(bytes: Uint8Array): SniffResult | undefined {
  const boxType = latin1(bytes, 4, 8);
  if (!'ftyp'.startsWith(boxType) || bytes.length < 5) return undefined;
  if (bytes.length < 16) return { accepted: false, reason: 'truncated', what: phrase('errors:media.part.mp4Short') };
  const boxSize = readUint32(bytes, 0);
  if (boxSize < 16 || boxSize > MAX_FTYP_SIZE) return { accepted: false, reason: 'truncated', what: phrase('errors:media.part.mp4Malformed') };
  if (boxSize > bytes.length) return { accepted: false, reason: 'truncated', what: phrase('errors:media.part.mp4Short') };

  const major = latin1(bytes, 8, 12);
  const compatible: string[] = [];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) compatible.push(latin1(bytes, offset, offset + 4));

  if (AUDIO_BRANDS.has(major)) return { accepted: false, reason: 'other_format', what: phrase('errors:media.format.audioMp4', { brand: major.trim() }) };
  if (IMAGE_BRANDS.has(major)) return { accepted: false, reason: 'other_format', what: phrase('errors:media.format.heif') };
  if (major.startsWith('3gp') || major.startsWith('3g2')) return { accepted: false, reason: 'other_format', what: phrase('errors:media.format.3gpp') };
  if (MP4_BRANDS.has(major) || compatible.some((brand) => MP4_BRANDS.has(brand))) return { accepted: true, contentType: 'video/mp4' };
  if (major === QUICKTIME_BRAND) return { accepted: false, reason: 'other_format', what: phrase('errors:media.format.quicktime') };
  return { accepted: false, reason: 'other_format', what: phrase('errors:media.format.iso', { brand: printable(major) }) };
}

const SIGNATURES: Array<{ what: Phrase; at: number; bytes: number[] | string }> = [
  { what: phrase('errors:media.format.png'), at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { what: phrase('errors:media.format.gif'), at: 0, bytes: 'GIF8' },
  { what: phrase('errors:media.format.webp'), at: 8, bytes: 'WEBP' },
  { what: phrase('errors:media.format.avi'), at: 8, bytes: 'AVI ' },
  { what: phrase('errors:media.format.wav'), at: 8, bytes: 'WAVE' },
  { what: phrase('errors:media.format.bmp'), at: 0, bytes: 'BM' },
  { what: phrase('errors:media.format.tiff'), at: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { what: phrase('errors:media.format.tiff'), at: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { what: phrase('errors:media.format.pdf'), at: 0, bytes: '%PDF' },
  { what: phrase('errors:media.format.zip'), at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
  { what: phrase('errors:media.format.matroska'), at: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { what: phrase('errors:media.format.ogg'), at: 0, bytes: 'OggS' },
  { what: phrase('errors:media.format.mp3'), at: 0, bytes: 'ID3' },
];

function otherFormat(bytes: Uint8Array): Phrase | undefined {
  for (const signature of SIGNATURES) {
    const expected = typeof signature.bytes === 'string' ? [...signature.bytes].map((c) => c.charCodeAt(0)) : signature.bytes;
    if (bytes.length < signature.at + expected.length) continue;
    if (expected.every((byte, i) => bytes[signature.at + i] === byte)) {
      // RIFF containers (WebP, AVI, WAV) must also start with RIFF.
      if (signature.at === 8 && latin1(bytes, 0, 4) !== 'RIFF') continue;
      return signature.what;
    }
  }
  return undefined;
}

function looksLikeText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  try {
    // stream: true tolerates a character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
  } catch {
    return false;
  }
  for (const byte of bytes) {
    const isControl = byte < 0x20 || byte === 0x7f;
    const isWhitespace = byte === 0x09 || byte === 0x0a || byte === 0x0c || byte === 0x0d;
    if (isControl && !isWhitespace) return false;
  }
  return true;
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < Math.min(end, bytes.length); i++) text += String.fromCharCode(bytes[i] ?? 0);
  return text;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

export function readUint32(bytes: Uint8Array, offset: number): number {
  return (((bytes[offset] ?? 0) << 24) >>> 0) + ((bytes[offset + 1] ?? 0) << 16) + ((bytes[offset + 2] ?? 0) << 8) + (bytes[offset + 3] ?? 0);
}
