// The browser host: the same renderer and the same contract as the Electron host, served over HTTP/WebSocket on
// 127.0.0.1 only. Anyone on this machine can reach a loopback port, and any web page the user visits can try to, so
// every request must carry the per-launch token (401 otherwise) and name this host as Host and Origin (403
// otherwise: that stops DNS rebinding and cross-site requests).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES } from '../common/contract.js';
import { AppError } from '../common/errors.js';
import { SECURITY_HEADERS, contentSecurityPolicy, readAppFile } from '../app/app-files.js';
import type { Dispatcher } from '../app/dispatch.js';
import type { EventBus } from '../app/events.js';
import type { FileStaging } from '../core/files/staging.js';

export const SESSION_COOKIE = 'md_session';
const MAX_INVOKE_BODY = 1024 * 1024;

/** Extra routes a host may add (the media stream), called only after the guard let the request in. */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

export interface BrowserHostOptions {
  dispatch: Dispatcher;
  events: EventBus;
  staging: FileStaging;
  rendererDir: string;
  port?: number;
  token?: string;
  routes?: RouteHandler[];
}

export interface BrowserHost {
  /** The URL to open; it carries the token. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

function sendError(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(message);
}

async function readJsonBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INVOKE_BODY) throw new AppError('too_large', 'Request too large.');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new AppError('validation', 'The request body is not JSON.');
  }
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  const sockets = new Set<WebSocket>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  let origin = '';
  let hostHeader = '';

  /** 403 for a foreign Host or Origin, 401 without the token, else null (let in). */
  const guard = (req: http.IncomingMessage): { status: number; message: string } | null => {
    if (req.headers.host !== hostHeader) return { status: 403, message: 'Forbidden: unexpected Host.' };
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return { status: 403, message: 'Forbidden: cross-origin request.' };
    const fetchSite = req.headers['sec-fetch-site'];
    if (fetchSite === 'cross-site') return { status: 403, message: 'Forbidden: cross-site request.' };
    const presented = cookieValue(req.headers.cookie, SESSION_COOKIE) ?? bearer(req.headers.authorization);
    if (!presented || !tokensEqual(presented, token)) return { status: 401, message: 'Unauthorized: open the URL printed by the browser host.' };
    return null;
  };

  server.on('request', (req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    // The printed URL carries the token once; it becomes an HttpOnly, SameSite=Strict cookie and leaves the URL.
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && url.pathname === '/' && queryToken !== null && req.headers.host === hostHeader) {
      if (!tokensEqual(queryToken, token)) return sendError(res, 401, 'Unauthorized: wrong token.');
      res.writeHead(303, {
        location: '/',
        'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    const denied = guard(req);
    if (denied) return sendError(res, denied.status, denied.message);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return sendError(res, 405, 'Use POST.');
      let payload: unknown;
      try {
        payload = await readJsonBody(req);
      } catch (err) {
        const error = err instanceof AppError ? err : new AppError('validation', 'Bad request.');
        return sendJson(res, 400, { ok: false, error: error.toData() });
      }
      const { method, args } = (typeof payload === 'object' && payload !== null ? payload : {}) as { method?: unknown; args?: unknown };
      return sendJson(res, 200, await options.dispatch(method, args));
    }
    if (url.pathname === '/api/stage') {
      if (req.method !== 'POST') return sendError(res, 405, 'Use POST.');
      const name = url.searchParams.get('name') ?? 'file';
      try {
        const ref = await options.staging.stage(name, req);
        return sendJson(res, 200, { ok: true, value: ref });
      } catch (err) {
        const error = err instanceof AppError ? err : new AppError('io', 'Could not receive the file.');
        return sendJson(res, 200, { ok: false, error: error.toData() });
      }
    }
    for (const route of options.routes ?? []) {
      if (await route(req, res, url)) return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'Method not allowed.');
    const file = await readAppFile(options.rendererDir, url.pathname);
    if (!file) return sendError(res, 404, 'Not found.');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': file.contentType,
      'content-length': file.body.length,
      'content-security-policy': contentSecurityPolicy({ connectSrc: [`ws://${hostHeader}`] }),
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req, socket, head) => {
    const denied = guard(req);
    const url = new URL(req.url ?? '/', origin || 'http://127.0.0.1');
    if (denied || url.pathname !== '/api/events') {
      const status = denied?.status ?? 404;
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // The UI never sends anything on this channel; a message is a protocol error.
      ws.on('message', () => ws.close(1003, 'read-only channel'));
    });
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    if (!EVENT_NAMES.includes(event)) return;
    const frame = JSON.stringify({ event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hostHeader = `127.0.0.1:${port}`;
  origin = `http://${hostHeader}`;

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
