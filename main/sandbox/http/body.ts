// Reading small request bodies (JSON, forms) with a hard cap: a body over the cap ends with 413 and is never
// buffered whole.
import type http from 'node:http';
import type { Readable } from 'node:stream';
import { HttpError } from './http-error.js';

export const JSON_BODY_CAP = 64 * 1024;

/** Throws 413 at once when the declared Content-Length is already over the cap. */
export function assertDeclaredLength(req: http.IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(declared) && declared > limit) {
    throw new HttpError(413, `The request body is too large (${declared} bytes; at most ${limit} are accepted here).`);
  }
}

export async function readCappedBody(req: http.IncomingMessage, body: Readable, limit: number): Promise<Buffer> {
  assertDeclaredLength(req, limit);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total > limit) {
        cleanup();
        // Keep reading and discarding, so the client can finish sending and then read our 413.
        body.resume();
        reject(new HttpError(413, `The request body is too large (more than ${limit} bytes).`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks, total));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    // A client that goes away mid-body may close the stream without an error event.
    const onClose = (): void => onError(new Error('The client closed the connection before sending the whole body.'));
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}

/** Media type of the request without parameters, lower-cased ('' when absent). */
export function requestMediaType(req: http.IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
