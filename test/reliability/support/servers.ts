// Small loopback servers for what the sandbox's fault hooks cannot do: answers scripted per request (redirects,
// odd headers, a multipart body captured for inspection), and a forwarding proxy in front of the sandbox, over http
// or https, on a chosen port (a closed port that comes back) or with per-request overrides.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface TestServer {
  origin: string;
  port: number;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type ScriptedHandler = (req: SeenRequest, res: http.ServerResponse) => void | Promise<void>;

async function listen(server: http.Server, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function closer(server: http.Server): () => Promise<void> {
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** Reads each request whole, records it, then lets the handler answer. */
export async function startScriptedServer(handler: ScriptedHandler, options: { tls?: { cert: string; key: string }; port?: number } = {}): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(seen);
      Promise.resolve(handler(seen, res)).catch(() => res.destroy());
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : http.createServer(onRequest);
  const port = await listen(server, options.port ?? 0);
  return { origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, port, requests, close: closer(server) };
}

/** An answer the proxy gives itself instead of forwarding. */
export interface ProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface ProxyOptions {
  /** Listen on this port (a port that was closed a moment ago: the server "comes back"). */
  port?: number;
  tls?: { cert: string; key: string };
  /**
   * Answers a request itself instead of forwarding it, when it returns an answer. The answer is sent only once the
   * whole request body has arrived, as an application server (PHP under FastCGI, most frameworks) does: a server
   * that answers before reading an upload makes Node's client lose the answer (EPIPE, nodejs/node#12339), which is
   * a different case, tested on its own.
   */
  override?: (req: http.IncomingMessage) => ProxyAnswer | null;
}

/** A proxy whose next answers for chosen requests can be scripted: the "server misbehaves" cases of uploads. */
export interface ScriptableProxy extends TestServer {
  /** The next `times` requests matching get this answer instead of the sandbox's. */
  answer(match: ProxyMatch, answer: ProxyAnswer): void;
  clear(): void;
}

export interface ProxyMatch {
  method?: string;
  /** The path without the query: exact, or a RegExp. */
  path: string | RegExp;
  /** Further condition on the request (its Accept header…). */
  when?: (req: http.IncomingMessage) => boolean;
  times?: number;
}

export async function startScriptableProxy(target: string, options: Omit<ProxyOptions, 'override'> = {}): Promise<ScriptableProxy> {
  let plans: Array<{ match: ProxyMatch; remaining: number; answer: ProxyAnswer }> = [];
  const server = await startProxy(target, {
    ...options,
    override: (req) => {
      const pathname = (req.url ?? '').split('?')[0] ?? '';
      const plan = plans.find(
        ({ match, remaining }) =>
          remaining > 0 &&
          (match.method === undefined || match.method === req.method) &&
          (typeof match.path === 'string' ? match.path === pathname : match.path.test(pathname)) &&
          (match.when === undefined || match.when(req)),
      );
      if (!plan) return null;
      plan.remaining -= 1;
      return plan.answer;
    },
  });
  return {
    ...server,
    answer(match, answer) {
      plans.push({ match, remaining: match.times ?? 1, answer });
    },
    clear() {
      plans = [];
    },
  };
}

/** Forwards every request to `target` (an http://127.0.0.1:PORT origin), with the Host header the target expects. */
export async function startProxy(target: string, options: ProxyOptions = {}): Promise<TestServer> {
  const upstream = new URL(target);
  const requests: SeenRequest[] = [];
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) });
    const own = options.override?.(req);
    if (own) {
      req.resume();
      req.on('end', () => {
        const body = Buffer.from(own.body ?? '', 'utf8');
        res.writeHead(own.status, { 'content-length': String(body.length), ...own.headers });
        res.end(body);
      });
      return;
    }
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host }, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : http.createServer(onRequest);
  const port = await listen(server, options.port ?? 0);
  return { origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`, port, requests, close: closer(server) };
}
