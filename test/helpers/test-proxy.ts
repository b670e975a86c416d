// A real HTTP proxy on loopback for the proxy tests: TooTallNate's `proxy` (CONNECT tunnels for https, absolute-form
// forwarding for http, Basic proxy authentication), recording what it was asked to reach.
import type http from 'node:http';
import type net from 'node:net';
import tls from 'node:tls';
import { createProxy } from 'proxy';

export interface SeenByProxy {
  /** 'CONNECT' for a tunnel, else the forwarded request's method. */
  method: string;
  /** CONNECT's host:port, or the absolute-form URL of a forwarded request. */
  target: string;
  /** The Proxy-Authorization header as it came, decoded from Base64 (UTF-8) when it was Basic. */
  credentials?: string;
}

export interface TestProxy {
  url: string;
  host: string;
  port: number;
  seen: SeenByProxy[];
  /** Requests and tunnels to this host:port. */
  seenFor(hostPort: string): SeenByProxy[];
  close(): Promise<void>;
}

function decodedCredentials(req: http.IncomingMessage): string | undefined {
  const header = req.headers['proxy-authorization'];
  const basic = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header)?.[1] : undefined;
  return basic === undefined ? header : Buffer.from(basic, 'base64').toString('utf8');
}

/**
 * With `credentials`, the proxy answers 407 unless Proxy-Authorization is Basic of exactly that user:password; with
 * `negotiate`, 407 with `Proxy-Authenticate: Negotiate` only. With `tls`, it is an https:// proxy (TLS to the proxy
 * itself, with that certificate), the same proxy behind it.
 */
export async function startTestProxy(options: { credentials?: { username: string; password: string }; negotiate?: boolean; tls?: { cert: string; key: string } } = {}): Promise<TestProxy> {
  const server = createProxy();
  const seen: SeenByProxy[] = [];
  const record = (req: http.IncomingMessage): void => {
    const credentials = decodedCredentials(req);
    seen.push({ method: req.method ?? '', target: req.url ?? '', ...(credentials !== undefined ? { credentials } : {}) });
  };
  server.prependListener('request', record);
  server.prependListener('connect', record);
  const expected = options.credentials;
  if (expected) server.authenticate = (req) => decodedCredentials(req) === `${expected.username}:${expected.password}`;
  if (options.negotiate === true) server.authenticate = 'negotiate';
  // The TLS front hands each connection, once secured, to the proxy's own server, as if it had accepted it.
  const sockets = new Set<net.Socket>();
  const front = options.tls
    ? tls.createServer(options.tls, (socket) => {
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
        server.emit('connection', socket);
      })
    : undefined;
  front?.on('tlsClientError', () => undefined);
  const listening = front ?? server;
  await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  const address = listening.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${front ? 'https' : 'http'}://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    seen,
    seenFor: (hostPort) => seen.filter((s) => s.target === hostPort || s.target.startsWith(`http://${hostPort}/`) || s.target.startsWith(`https://${hostPort}/`)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        if (front) front.close(() => resolve());
        else server.close(() => resolve());
      }),
  };
}
