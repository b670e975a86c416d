// A reverse proxy in front of the sandbox that sends answers slowly, so that a download through it stays running
// long enough for a test to look at it (its row, its Cancel button) while other things happen on screen.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowProxy {
  origin: string;
  close(): Promise<void>;
}

/** Forwards every request to `target` (rewriting Host, which the sandbox checks) and answers `bytesPerTick` a tick. */
export async function startSlowProxy(target: string, bytesPerTick = 64 * 1024, tickMs = 100): Promise<SlowProxy> {
  const to = new URL(target);
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: { ...req.headers, host: to.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => {
        // Pass the chunk on in tick-sized pieces, pausing the upstream between them.
        answer.pause();
        let offset = 0;
        const next = () => {
          if (res.destroyed) return;
          res.write(chunk.subarray(offset, offset + bytesPerTick));
          offset += bytesPerTick;
          if (offset < chunk.length) setTimeout(next, tickMs);
          else setTimeout(() => answer.resume(), tickMs);
        };
        next();
      });
      answer.on('end', () => res.end());
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
