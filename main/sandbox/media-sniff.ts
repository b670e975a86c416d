// Tells a media type by the first bytes of a file, never by its name or declared type, as a server would. JPEG and
// MP4 by the same rule as the client (main/common/media-sniff.ts, one brand list for both), MP3 besides
// (voicemail), which only the sandbox serves.
import fs from 'node:fs/promises';
import { MEDIA_HEADER_BYTES, sniffMediaType } from '../common/media-sniff.js';

export type SniffedMediaType = 'image/jpeg' | 'video/mp4' | 'audio/mpeg';

/** How many leading bytes sniffMedia needs. */
export const SNIFF_LENGTH = MEDIA_HEADER_BYTES;

export function sniffMedia(head: Uint8Array): SniffedMediaType | null {
  const media = sniffMediaType(head);
  if (media.accepted) return media.contentType;
  if (head.length >= 3 && head[0] === 0x49 && head[1] === 0x44 && head[2] === 0x33) return 'audio/mpeg'; // "ID3"
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
