// A careless proxy on loopback: it forwards absolute-form requests with every header both ways, Proxy-Authorization
// to the server and the server's Proxy-Authenticate to the client, which a well-kept proxy (test-proxy.ts) strips as
// hop-by-hop. Through it, a server's own 407 looks exactly like the proxy asking: what the tests of that case need.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RelayProxy {
  url: string;
  port: number;
  /** Proxy-Authorization of each request it relayed ('-': none). */
  seen: string[];
  close(): Promise<void>;
}

export async function startRelayProxy(): Promise<RelayProxy> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    const header = req.headers['proxy-authorization'];
    seen.push(typeof header === 'string' ? header : '-');
    const upstream = http.request(req.url ?? '', { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
