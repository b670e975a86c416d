// The benchmark's sink: a server on 127.0.0.1 that reads and throws away every request body, in a process of its own
// (not the sandbox's: sharing that event loop and its garbage collector slowed it to under half its speed). Started
// by the orchestrator with an IPC channel; it says where it listens and exits when its parent goes away.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SinkReady } from './lib/protocol.js';

/**
 * A page with one file input, for stage.browser-host's ceiling: Chromium posting a picked file as a form (the way
 * the upload view stages it) to this sink, which parses and stores nothing. No page can stage faster than that.
 */
const CEILING_PAGE = '<!doctype html><meta charset="utf-8"><title>ceiling</title><input type="file" id="file">';

/**
 * Answers as the sandbox would for the request the client made, once the body is read: the generic upload's XML
 * with a media_url, and the media library's 404 / 201 / 200 / 204. It shows what a client costs by itself, without
 * the sandbox's multipart parsing and its fsync to disk.
 */
const server = http.createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const json = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    if (url.pathname === '/ceiling' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(CEILING_PAGE) });
      res.end(CEILING_PAGE);
    } else if (url.pathname === '/generic/upload') {
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

const close = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('disconnect', close);
process.on('SIGTERM', close);

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${port}` } satisfies SinkReady);
});
