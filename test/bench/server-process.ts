// The benchmark's server process: the app's sandbox (all three protocols) and a "sink" server, on 127.0.0.1, in a
// process of their own so that neither the app's clients nor curl share an event loop with the server they measure.
// Started by the orchestrator with an IPC channel; argv[2] is JSON {dataDir, limits}. It exits when told to close
// or when its parent goes away.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../main/sandbox/index.js';
import type { ServerCommand, ServerReady, ServerReply } from './lib/protocol.js';

interface Options {
  dataDir: string;
  limits: { genericMaxUploadBytes: number; genericCreditBytes: number; libraryMaxUploadBytes: number };
}

function send(message: ServerReady | ServerReply): void {
  process.send?.(message);
}

/**
 * Reads every request body to the end and throws it away, then answers as the sandbox would for the request the
 * client made: the generic upload's XML with a media_url, and the media library's 404 / 201 / 200 / 204. It shows
 * what a client costs by itself, without the sandbox's multipart parsing and its fsync to disk.
 */
function startSink(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const json = (status: number, body: unknown): void => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (url.pathname === '/generic/upload') {
        const xml = `<response><media_url>http://127.0.0.1/generic/media/${'0'.repeat(32)}.mp4</media_url></response>`;
        res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
        res.end(xml);
      } else if (req.method === 'GET') {
        json(404, { message: 'No such file.' });
      } else if (req.method === 'POST' && String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        json(201, { entry: [{ id: 'created' }] });
      } else if (req.method === 'POST') {
        json(200, { entry: [{ id: 'uploaded' }] });
      } else if (req.method === 'DELETE') {
        res.writeHead(204);
        res.end();
      } else {
        json(405, { message: 'Not here.' });
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  const sandbox: Sandbox = await startSandbox({ dataDir: options.dataDir, port: 0, seed: true, limits: options.limits });
  const sink = await startSink();
  let messageSid: string | undefined;
  let closing = false;

  const close = async (): Promise<void> => {
    if (closing) return;
    closing = true;
    await Promise.allSettled([sandbox.close(), sink.close()]);
    process.exit(0);
  };
  process.on('disconnect', () => void close());
  process.on('SIGTERM', () => void close());

  process.on('message', (raw: ServerCommand) => {
    void (async () => {
      try {
        let result: unknown;
        switch (raw.cmd) {
          case 'seedFiles': {
            result = (await sandbox.library.seedFiles(sandbox.accounts.library.domain, raw.folder, raw.count)).length;
            break;
          }
          case 'seedMedia': {
            messageSid ??= await sandbox.twilio.createMessage({ body: 'benchmark' });
            const sids = await sandbox.twilio.seedMedia(messageSid, raw.count);
            result = { messageSid, count: sids.length };
            break;
          }
          case 'seedOtherDir': {
            const other = await startSandbox({ dataDir: raw.dataDir, port: 0, seed: true });
            try {
              result = (await other.library.seedFiles(other.accounts.library.domain, raw.folder, raw.count)).length;
            } finally {
              await other.close();
            }
            break;
          }
          case 'close':
            send({ id: raw.id, ok: true, result: null });
            await close();
            return;
        }
        send({ id: raw.id, ok: true, result });
      } catch (err) {
        send({ id: raw.id, ok: false, error: err instanceof Error ? err.message : String(err) });
      }
    })();
  });

  send({ type: 'ready', sandboxUrl: sandbox.baseUrl, accounts: sandbox.accounts, sinkUrl: sink.url });
}

main().catch((err: unknown) => {
  console.error(`bench server: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exit(1);
});
