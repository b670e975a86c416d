// A bare media server for the integration tests: it records every request exactly as it arrived (headers, raw
// byte count, multipart parts parsed by busboy, or the raw body) and answers what the test tells it to.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import busboy from 'busboy';

export interface ReceivedPart {
  name: string;
  value?: string;
  filename?: string;
  mimeType?: string;
  bytes?: Buffer;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Body bytes as they came off the socket. */
  rawLength: number;
  body: Buffer;
  parts: ReceivedPart[];
  /** The client went away before the body was complete. */
  aborted: boolean;
}

export interface Answer {
  status: number;
  contentType?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

/** Decides the answer once the body is read; or, for `hold`, is told at the headers and never answers. */
export type Route = ((received: ReceivedRequest) => Answer) | { hold: (received: ReceivedRequest, closed: Promise<void>) => void };

export interface MediaServer {
  origin: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startMediaServer(routes: Record<string, Route>): Promise<MediaServer> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const received: ReceivedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawLength: 0,
      body: Buffer.alloc(0),
      parts: [],
      aborted: false,
    };
    requests.push(received);
    const closed = new Promise<void>((resolve) => req.on('close', () => ((received.aborted = !req.complete), resolve())));
    const route = routes[url.pathname];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    if (typeof route !== 'function') {
      // It reads (and drops) the body like any server would: a server that stops reading never sees the client go.
      req.on('data', (chunk: Buffer) => (received.rawLength += chunk.length));
      route.hold(received, closed);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      received.rawLength += chunk.length;
      chunks.push(chunk);
    });
    const parsed = (req.headers['content-type'] ?? '').startsWith('multipart/form-data') ? parseMultipart(req, received) : Promise.resolve();
    req.on('end', () => {
      received.body = Buffer.concat(chunks);
      void parsed.then(() => {
        const answer = route(received);
        res.writeHead(answer.status, { ...(answer.contentType ? { 'content-type': answer.contentType } : {}), ...answer.headers });
        res.end(answer.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function parseMultipart(req: http.IncomingMessage, received: ReceivedRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    // Servers decode filename="…" as UTF-8 when told to; busboy's default is latin1.
    const parser = busboy({ headers: req.headers, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => received.parts.push({ name, value }));
    parser.on('file', (name, stream, info) => {
      const part: ReceivedPart = { name, filename: info.filename, mimeType: info.mimeType };
      received.parts.push(part);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => (part.bytes = Buffer.concat(chunks)));
    });
    parser.on('close', resolve);
    parser.on('error', reject);
    req.pipe(parser);
  });
}
