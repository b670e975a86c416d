// The multipart/form-data body of the upload, built with form-data and streamed from disk.
// - The boundary is letters and digits only, unquoted in the Content-Type: RFC 2046 allows more (' ( ) + _ , - . / :
//   = ? and space), but servers' parsers disagree about quoting and some choke on the others.
// - Parts keep the configuration's order; the file part's name comes from the configuration.
// - filename="…" carries the raw UTF-8 name with '"', CR and LF written %22, %0D, %0A (RFC 7578 / WHATWG; no
//   filename*), which form-data does itself.
// - The length is computed without reading the file (form-data's knownLength), so the request always has a
//   Content-Length and is never chunked. The file is read with an end bound, so it can never send more than
//   announced, and a file that shrank since it was checked fails clearly instead of hanging the server.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Transform, type Readable } from 'node:stream';
import FormData from 'form-data';
import { AppError } from '../../common/errors.js';

export interface MultipartField {
  kind: 'field';
  name: string;
  value: string;
}

export interface MultipartFile {
  kind: 'file';
  /** The part name, from the configuration. */
  name: string;
  /** The file name sent in filename="…". */
  fileName: string;
  contentType: string;
  path: string;
  size: number;
}

export type MultipartPart = MultipartField | MultipartFile;

export interface MultipartBody {
  /** The body as Buffers; it reads the file only as it is consumed. */
  stream: Readable;
  /** Exact byte length of the whole body. */
  length: number;
  boundary: string;
  /** The request's Content-Type header value. */
  contentType: string;
  /** Closes the file and the streams; call it when the request ends, whatever the outcome. */
  dispose(): void;
}

/** Bytes read from the file at a time. */
export const FILE_CHUNK = 1024 * 1024;

const BOUNDARY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BOUNDARY_RULE = /^[A-Za-z0-9]{1,70}$/;

/** "MediaDesk" and 32 random letters and digits (about 190 bits): it cannot occur in the data by chance. */
export function newBoundary(): string {
  const random = [...randomBytes(32)].map((byte) => BOUNDARY_CHARS[byte % BOUNDARY_CHARS.length]).join('');
  return `MediaDesk${random}`;
}

export function buildMultipartBody(parts: readonly MultipartPart[], boundary = newBoundary()): MultipartBody {
  if (!BOUNDARY_RULE.test(boundary)) throw new AppError('internal', 'A multipart boundary must be 1 to 70 letters and digits.');
  if (parts.some((part) => part.kind === 'field' && part.value.includes(boundary))) {
    // Only reachable with a caller-chosen boundary; a fresh random one is tried instead.
    return buildMultipartBody(parts);
  }
  const form = new FormData();
  form.setBoundary(boundary);
  const fileStreams: Readable[] = [];
  for (const part of parts) {
    if (part.kind === 'field') {
      form.append(part.name, part.value);
    } else {
      const content = part.size === 0 ? Buffer.alloc(0) : readExactly(part);
      if (!Buffer.isBuffer(content)) fileStreams.push(content);
      form.append(part.name, content, {
        // form-data keeps only the base name; a separator in the name must not cut it short.
        filename: part.fileName.replace(/[/\\]/g, '_'),
        contentType: part.contentType,
        knownLength: part.size,
      });
    }
  }
  const length = form.getLengthSync();
  const out = new PassThrough();
  // form-data is an old-style stream that emits strings and Buffers; the PassThrough hands Buffers on.
  form.on('error', (err: unknown) => out.destroy(err instanceof AppError ? err : new AppError('io', `Could not read the file being sent (${errorCode(err)}).`)));
  form.pipe(out);
  return {
    stream: out,
    length,
    boundary,
    contentType: `multipart/form-data; boundary=${boundary}`,
    dispose: () => {
      for (const stream of fileStreams) stream.destroy();
      form.destroy();
      out.destroy();
    },
  };
}

/** The file's bytes, never more than part.size, failing if the file ends early. */
function readExactly(part: MultipartFile): Readable {
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      read += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      done(read === part.size ? null : new AppError('io', `"${part.fileName}" changed while it was being sent: expected ${part.size} bytes, found ${read}.`));
    },
  });
  // 1 MiB reads instead of the default 64 KiB: a 16th of the reads, stream hops and socket writes for a large file.
  const source = fs.createReadStream(part.path, { start: 0, end: part.size - 1, highWaterMark: FILE_CHUNK });
  source.on('error', (err) => counter.destroy(new AppError('io', `Could not read "${part.fileName}" (${errorCode(err)}).`)));
  counter.on('close', () => source.destroy());
  source.pipe(counter);
  return counter;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'read error';
}
