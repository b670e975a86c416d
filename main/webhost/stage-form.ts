// The browser host's upload of a chosen file as a form: one multipart/form-data request whose one part is the file.
// Why a form: Chromium sends a picked File inside a FormData by reading the file itself in its network process, at
// about half the CPU it spends on the same File as a plain request body (which goes through the blob system).
// Measured in Chromium 150 on loopback for 1 GiB: 250-360 MiB/s as a form against 200-250 MiB/s for four 32 MiB
// pieces at once (test/bench/README.md, stage.browser-host).
// The part is read as it arrives and handed to the staging as a stream: nothing is held in memory, and a form that
// is not exactly one file part (fields, a second file, no file, a malformed body, a request that stops) stages
// nothing.
import type http from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';

export const FORM_TYPE = 'multipart/form-data';
/** Room for the form's own bytes (boundaries, the part's headers and its file name) beside the file's size limit. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

export function isForm(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith(FORM_TYPE);
}

/** What the form's file part is handed to: the staging, which reads it to its end or fails. */
export type FilePartReceiver<T> = (file: Readable) => Promise<T>;

/**
 * Reads the request as a form with exactly one part, a file, and gives that part to `receive`. Resolves once the
 * whole form was read. Rejects with a validation error for any other form (and `discard`s what `receive` made when
 * the form's fault shows only after its file); rejects with what `receive` rejected with when the part was not taken.
 */
export function receiveFormFile<T>(req: http.IncomingMessage, receive: FilePartReceiver<T>, discard: (value: T) => Promise<void>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      // A field, or a second file, is a form this host did not ask for: busboy reports it as over a limit.
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 0 } });
    } catch {
      reject(notOneFile());
      return;
    }
    let settled = false;
    let receiving: Promise<T> | undefined;
    const fail = (reason: unknown): void => {
      if (settled) return;
      settled = true;
      const error = reason instanceof Error ? reason : notOneFile();
      // Unpiped, the request is paused: the answer decides whether the rest is read (replies.ts, refusalHeaders).
      req.unpipe(parser);
      // A part still arriving fails (the staging removes its file); one already staged is discarded: the form it came
      // in was refused. The answer waits for both, so nothing is left behind once it goes.
      parser.destroy(new Error('refused'));
      const received = receiving ?? Promise.reject(new Error('no part'));
      received.then(discard, () => undefined).catch(() => undefined).finally(() => reject(error));
    };
    const refuse = (): void => fail(notOneFile());
    parser.on('file', (_field, stream) => {
      // The parser goes on through the chunk it was given after a refusal: a file after a refused field is not taken.
      if (settled || receiving) {
        // Nobody reads it: its failure (the parser destroyed) must not be raised as an uncaught error.
        stream.on('error', () => undefined);
        stream.resume();
        return refuse();
      }
      receiving = receive(stream);
      // A part the staging could not take fails the form now, without waiting for the rest of the body.
      receiving.catch(fail);
    });
    parser.on('field', refuse);
    parser.on('filesLimit', refuse);
    parser.on('fieldsLimit', refuse);
    // A malformed body, or one that ends inside the part (the part's stream fails then too, and the staging removes
    // its file; anything it made already is discarded with the form).
    parser.on('error', refuse);
    // The whole form was read: its one file is the answer once staged (a refusal meanwhile discards it, in fail).
    parser.on('close', () => {
      if (!receiving) return refuse();
      receiving.then((value) => {
        if (settled) return;
        settled = true;
        resolve(value);
      }, fail);
    });
    req.on('close', () => {
      if (!req.complete) parser.destroy(new Error('the request stopped'));
    });
    req.pipe(parser);
  });
}

function notOneFile(): AppError {
  return new AppError('validation', phrase('errors:webhost.notOneFile'));
}
