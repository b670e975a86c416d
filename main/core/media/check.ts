// The media check every file passes before anything is sent: a JPEG image or an MP4 video, decided by its bytes.
// Only the first MEDIA_SNIFF_BYTES are read, whatever the file's size.
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { describeRefusal, MEDIA_SNIFF_BYTES, sniffMediaType, type MediaContentType } from '../../common/media-sniff.js';

export { describeRefusal, MEDIA_SNIFF_BYTES, sniffMediaType } from '../../common/media-sniff.js';
export type { MediaContentType, SniffRefusal, SniffResult } from '../../common/media-sniff.js';

export interface CheckedMedia {
  contentType: MediaContentType;
  size: number;
}

const filePathSchema = z.string().min(1).max(4096);

/**
 * Resolves with the media type and size, or rejects with AppError: 'unsupported_media' (not a JPEG/MP4, empty,
 * a folder, a damaged header), 'io' (missing, unreadable), 'validation' (not a path).
 */
export async function checkMediaFile(filePath: string, displayName?: string): Promise<CheckedMedia> {
  const parsed = filePathSchema.safeParse(filePath);
  if (!parsed.success) throw new AppError('validation', phrase('errors:media.noPath'), { field: 'path' });
  // Staged files have internal names: messages use the name the user knows.
  const name = displayName ?? path.basename(parsed.data);

  // stat by path first: opening a FIFO for reading would block until someone writes to it.
  const info = await fs.stat(parsed.data).catch((err: unknown) => {
    throw localFileError(err, name);
  });
  if (info.isDirectory()) throw new AppError('unsupported_media', phrase('errors:files.isFolder', { name }));
  if (!info.isFile()) throw new AppError('unsupported_media', phrase('errors:files.notRegularFile', { name }));

  const handle = await fs.open(parsed.data, 'r').catch((err: unknown) => {
    throw localFileError(err, name);
  });
  try {
    // The size of the file actually opened, in case it was replaced since the stat.
    const { size } = await handle.stat();
    if (size === 0) throw new AppError('unsupported_media', phrase('errors:media.empty', { name }));
    const head = Buffer.alloc(Math.min(size, MEDIA_SNIFF_BYTES));
    let filled = 0;
    while (filled < head.length) {
      const { bytesRead } = await handle.read(head, filled, head.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const result = sniffMediaType(head.subarray(0, filled));
    if (!result.accepted) throw new AppError('unsupported_media', describeRefusal(name, result));
    return { contentType: result.contentType, size };
  } catch (err) {
    throw err instanceof AppError ? err : localFileError(err, name);
  } finally {
    await handle.close();
  }
}

function localFileError(err: unknown, name: string): AppError {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new AppError('io', phrase('errors:files.notFoundNamed', { name }));
  if (code === 'EACCES' || code === 'EPERM') return new AppError('io', phrase('errors:files.notAllowedToRead', { name }));
  if (code === 'EISDIR') return new AppError('unsupported_media', phrase('errors:files.isFolder', { name }));
  return new AppError('io', typeof code === 'string' ? phrase('errors:files.unreadable', { name, code }) : phrase('errors:files.unreadableNamed', { name }));

}
