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
/** Buffers in use at once: some being sent while the next is read. */
const POOL = 3;
/** An asynchronous read answered this fast came from memory (the page cache): the next ones are read in place. */
const FAST_READ_MS = 2;
/** A read in place that took longer than this went to the disk: the event loop must not wait for disks, so the
 * rest of the range is read on libuv's threads again (until a read shows the data is in memory). */
const SLOW_READ_MS = 8;

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

  // Why reads in place (fs.readSync on this thread): a read on libuv's thread pool lands the bytes in another core's
  // cache, and the send copies them across again; read where they are sent, as curl does, and a gibibyte costs about
  // a third less CPU time. Only data that is in memory is read in place (FAST_READ_MS, SLOW_READ_MS), and the
  // event loop gets its turn after each batch of POOL chunks.
  const pumpFile = (range: FileRange): Promise<void> =>
    new Promise<void>((resolve) => {
      const start = range.start ?? 0;
      const size = Math.min(FILE_CHUNK, range.length);
      const free: Buffer[] = Array.from({ length: Math.min(POOL, Math.ceil(range.length / size)) }, () => Buffer.allocUnsafeSlow(size));
      let fd: number | undefined;
      let read = 0;
      let reading = false;
      let finished = false;
      let inPlace = false;
      let scheduled = false;
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
      /** Sends what a read brought; false when the range ended or failed. */
      const took = (buffer: Buffer, bytes: number): boolean => {
        if (bytes === 0) {
          finish(range.shortError(read));
          return false;
        }
        read += bytes;
        const counted = written(bytes);
        sink.write(bytes === buffer.length ? buffer : buffer.subarray(0, bytes), (writeErr) => {
          counted(writeErr);
          free.push(buffer);
          if (writeErr) {
            // The request failed (destroyed, connection dropped): the transport reports it; nothing more is sent.
            stopped = true;
            return finish();
          }
          later();
        });
        return true;
      };
      // A write's callback may come in the same tick as the write (the kernel took the bytes at once): the next
      // reads wait for the event loop's turn, so answers, timers and cancellation are heard between them.
      const later = (): void => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          next();
        });
      };
      const readInPlace = (): void => {
        while (!finished && !stopped && inPlace && read < range.length && fd !== undefined) {
          const buffer = free.pop();
          if (!buffer) return;
          const want = Math.min(buffer.length, range.length - read);
          const began = performance.now();
          let bytes: number;
          try {
            bytes = fs.readSync(fd, buffer, 0, want, start + read);
          } catch (err) {
            return finish(range.readError((err as NodeJS.ErrnoException).code ?? 'read error'));
          }
          if (performance.now() - began > SLOW_READ_MS) inPlace = false;
          if (!took(buffer, bytes)) return;
        }
        next();
      };
      const next = (): void => {
        if (finished || reading) return;
        if (stopped) return finish();
        if (read >= range.length) return finish();
        if (inPlace) return readInPlace();
        const buffer = free.pop();
        if (!buffer || fd === undefined) return;
        reading = true;
        const want = Math.min(buffer.length, range.length - read);
        const began = performance.now();
        fs.read(fd, buffer, 0, want, start + read, (err, bytes) => {
          reading = false;
          if (finished) {
            if (fd !== undefined) fs.close(fd, () => undefined);
            return;
          }
          if (err) return finish(range.readError(err.code ?? 'read error'));
          if (performance.now() - began <= FAST_READ_MS) inPlace = true;
          if (took(buffer, bytes)) next();
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
