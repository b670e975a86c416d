// Tells a media type by the first bytes of a file, never by its name or declared type, as a server would: the
// major brand only, and MP3 besides (voicemail). Kept apart from main/core/media/sniff.ts, the client's check, so
// that a bug in one is caught by the other instead of being mirrored.
import fs from 'node:fs/promises';

export type SniffedMediaType = 'image/jpeg' | 'video/mp4' | 'audio/mpeg';

/** How many leading bytes sniffMedia needs. */
export const SNIFF_LENGTH = 12;

// ISO base media brands of MP4 files a browser plays; QuickTime ('qt  ') and 3GPP are deliberately not here.
const MP4_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9',
  'mp41', 'mp42', 'mp71', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'MSNV', 'dash',
]);

export function sniffMedia(head: Buffer): SniffedMediaType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 12 && head.toString('latin1', 4, 8) === 'ftyp' && head.readUInt32BE(0) >= 8) {
    return MP4_BRANDS.has(head.toString('latin1', 8, 12)) ? 'video/mp4' : null;
  }
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'ID3') return 'audio/mpeg';
  // An MPEG audio frame header: 11 sync bits, then layer bits that must not be "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0) return 'audio/mpeg';
  return null;
}

export async function sniffFile(filePath: string): Promise<SniffedMediaType | null> {
  const handle = await fs.open(filePath, 'r');
  try {
    const head = Buffer.alloc(SNIFF_LENGTH);
    const { bytesRead } = await handle.read(head, 0, SNIFF_LENGTH, 0);
    return sniffMedia(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export function extensionFor(type: SniffedMediaType): string {
  return type === 'image/jpeg' ? 'jpg' : type === 'video/mp4' ? 'mp4' : 'mp3';
}
