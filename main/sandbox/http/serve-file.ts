// Serves a file from disk as a stream, with HEAD, Range (206/416), ETag and Last-Modified.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { RequestContext } from './context.js';
import { HttpError } from './http-error.js';
import { parseRangeHeader } from './range.js';

export interface ServedFile {
  filePath: string;
  contentType: string;
  /** Sent in Content-Disposition, so a downloader learns the name from the final response. */
  fileName?: string;
  headers?: Record<string, string>;
  /** Told the status just before it is sent (before any byte reaches the client). */
  onStatus?: (status: number) => void;
}

export async function serveFile(ctx: RequestContext, file: ServedFile): Promise<void> {
  const { req, res } = ctx;
  let stat: fs.Stats;
  try {
    stat = await fsp.stat(file.filePath);
  } catch {
    throw new HttpError(404, 'The media file is gone.');
  }
  const size = stat.size;
  const etag = `"${size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
  const lastModified = new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString();
  const headers: Record<string, string> = {
    ...file.headers,
    'Content-Type': file.contentType,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Last-Modified': lastModified,
  };
  if (file.fileName !== undefined) headers['Content-Disposition'] = contentDisposition(file.fileName);

  const ifRange = req.headers['if-range'];
  const rangeApplies = ifRange === undefined || ifRange === etag || ifRange === lastModified;
  const range = rangeApplies ? parseRangeHeader(req.headers.range, size) : null;
  if (range === 'unsatisfiable') {
    file.onStatus?.(416);
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' });
    res.end();
    return;
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  headers['Content-Length'] = String(length);
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  file.onStatus?.(range ? 206 : 200);
  res.writeHead(range ? 206 : 200, headers);
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  try {
    await pipeline(fs.createReadStream(file.filePath, { start, end }), res);
  } catch {
    // The client went away (or a test fault cut the answer): nothing left to tell anyone.
    res.destroy();
  }
}

function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
