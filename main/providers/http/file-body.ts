// A request body made of in-memory pieces and ranges of files, written to the socket without a stream in between.
// Why not fs.createReadStream(...).pipe(request): a read stream allocates a fresh buffer for every read, and for a
// large upload the fresh memory (page faults, zeroing, garbage collection) cost about as much CPU as the sending
// itself. Here a few buffers are read into and reused, each only once the socket has taken the bytes written from it
// (the write callback), so an upload costs about what curl's costs and holds at most POOL × CHUNK bytes.
import fs from 'node:fs';
import { AppError } from '../../common/errors.js';

/** A range of a file that is sent as it is read: exactly `length` bytes from `start`, never more. */
export interface FileRange {
  path: string;
  start?: number;
  length: number;
  /** The failure when the file ends before `length` bytes (it shrank since it was checked). */
  shortError(read: number): AppError;
  /** The failure when the file cannot be opened or read (code: ENOENT, EACCES, EIO…). */
  readError(code: string): AppError;
}

export type BodyPiece = Buffer | FileRange;

/** A body of known length, written by the transport piece after piece. */
export class PiecedBody {
  readonly length: number;

  constructor(readonly pieces: readonly BodyPiece[]) {
    this.length = pieces.reduce((sum, piece) => sum + piece.length, 0);
  }
}

/** What the body is written to: an http.ClientRequest, or any Writable (tests). */
export interface BodySink {
  write(chunk: Buffer, callback: (err?: Error | null) => void): boolean;
  end(): unknown;
}

export interface BodyPump {
  /** Stops reading and writing (the request failed or was answered early); closes the file. */
  stop(): void;
}

/** Bytes read from a file at a time: large reads mean few reads, few socket writes, few callbacks. */
export const FILE_CHUNK = 1024 * 1024;
/** Buffers in use at once: one being read into while the others are being sent. */
const POOL = 3;

/**
 * Writes every piece in order to the sink, then ends it. onSent hears the bytes the sink has taken so far (after
 * each write's callback); onError hears the first read failure, after which nothing more is written.
 */
export function pumpBody(body: PiecedBody, sink: BodySink, events: { onSent?: (bytes: number) => void; onError: (error: AppError) => void }): BodyPump {
  let stopped = false;
  let sent = 0;
  const written = (bytes: number) => (err?: Error | null) => {
    if (err || stopped) return;
    sent += bytes;
    events.onSent?.(sent);
  };
  let closeOpenFile: (() => void) | undefined;

  const run = async (): Promise<void> => {
    for (const piece of body.pieces) {
      if (stopped) return;
      if (Buffer.isBuffer(piece)) {
        if (piece.length > 0) sink.write(piece, written(piece.length));
      } else if (piece.length > 0) {
        await pumpFile(piece);
      }
    }
    if (!stopped) sink.end();
  };

  const pumpFile = (range: FileRange): Promise<void> =>
    new Promise<void>((resolve) => {
      const start = range.start ?? 0;
      const size = Math.min(FILE_CHUNK, range.length);
      const free = Array.from({ length: Math.min(POOL, Math.ceil(range.length / size)) }, () => Buffer.allocUnsafeSlow(size));
      let fd: number | undefined;
      let read = 0;
      let reading = false;
      let finished = false;
      const finish = (error?: AppError): void => {
        if (finished) return;
        finished = true;
        closeOpenFile = undefined;
        if (fd !== undefined && !reading) fs.close(fd, () => undefined);
        if (error && !stopped) {
          stopped = true;
          events.onError(error);
        }
        resolve();
      };
      const next = (): void => {
        if (finished || reading) return;
        if (stopped) return finish();
        if (read >= range.length) return finish();
        const buffer = free.pop();
        if (!buffer || fd === undefined) return;
        reading = true;
        const want = Math.min(buffer.length, range.length - read);
        fs.read(fd, buffer, 0, want, start + read, (err, bytes) => {
          reading = false;
          if (finished) {
            if (fd !== undefined) fs.close(fd, () => undefined);
            return;
          }
          if (err) return finish(range.readError(err.code ?? 'read error'));
          if (bytes === 0) return finish(range.shortError(read));
          read += bytes;
          const chunk = bytes === buffer.length ? buffer : buffer.subarray(0, bytes);
          const counted = written(bytes);
          sink.write(chunk, (writeErr) => {
            counted(writeErr);
            free.push(buffer);
            next();
          });
          next();
        });
      };
      closeOpenFile = () => finish();
      fs.open(range.path, 'r', (err, opened) => {
        if (err) return finish(range.readError(err.code ?? 'open error'));
        fd = opened;
        if (finished) {
          fs.close(opened, () => undefined);
          return;
        }
        next();
      });
    });

  void run();
  return {
    stop: () => {
      stopped = true;
      closeOpenFile?.();
    },
  };
}
