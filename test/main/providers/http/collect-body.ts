// The bytes a PiecedBody writes, through the same pump the transport uses, into a sink that takes its time: each
// write is copied and acknowledged a tick later, as a socket acknowledges a write once the kernel has the bytes.
import { pumpBody, type PiecedBody } from '../../../../main/providers/http/file-body.js';

export function collectBody(body: PiecedBody, onSent?: (bytes: number) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const pending = new Set<Buffer>();
    pumpBody(
      body,
      {
        write(chunk, callback) {
          if (pending.has(chunk)) reject(new Error('a buffer was written again before its earlier write was acknowledged'));
          pending.add(chunk);
          // Copied only when the "kernel" takes it: a buffer reused too early shows as wrong bytes.
          setImmediate(() => {
            chunks.push(Buffer.from(chunk));
            pending.delete(chunk);
            callback();
          });
          return true;
        },
        end() {
          setImmediate(() => setImmediate(() => resolve(Buffer.concat(chunks))));
        },
      },
      { ...(onSent ? { onSent } : {}), onError: reject },
    );
  });
}
