// A request through an `HTTPS host:port` proxy entry (TLS to the proxy) whose handshake completes and which then says
// nothing, or stops in the middle of its answer's head: the request fails within its own timeout (never the proxy's
// connect timeout, which ended with the handshake) in words, is never passed over to the list's next entry, and its
// body reaches the proxy once, never replayed. https waits for the tunnel, so the proxy is named; http's request is
// already with the proxy, so the wait is the answer's, as through a `PROXY` entry (proxy-transport.test.ts).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { routeFromPac } from '../../../../main/providers/http/proxy-pac';
import { useRoutePicker } from '../../../../main/providers/http/proxy-route';
import { hostOf, useProxyTargets } from './proxy-targets';
import { send, type HttpRequest } from '../../../../main/providers/http/transport';
import { logged } from '../../../helpers/logged-requests';

const targets = useProxyTargets();
const PROXY_SETTINGS = 'the system proxy settings';

interface SilentProxy {
  port: number;
  /** TLS connections whose handshake completed. */
  connections: number;
  /** Everything the app sent over them, decrypted. */
  received(): string;
  close(): void;
}

/** A TLS proxy on loopback that completes every handshake and then says `reply` (maybe nothing) and no more. */
async function startSilentProxy(reply: string): Promise<SilentProxy> {
  const sockets: tls.TLSSocket[] = [];
  const chunks: Buffer[] = [];
  const proxy = { port: 0, connections: 0, received: () => Buffer.concat(chunks).toString('latin1'), close: () => (sockets.forEach((s) => s.destroy()), server.close()) };
  const server = tls.createServer({ cert: targets.cert.cert, key: targets.cert.key }, (socket) => {
    proxy.connections += 1;
    sockets.push(socket);
    socket.once('data', () => reply && socket.write(reply));
    socket.on('data', (chunk: Buffer) => void chunks.push(chunk));
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}

// The proxy's certificate is the test's own, trusted here as one from a public CA would be, for connections to this
// file's proxies only: the agents' tls.connect to a proxy takes no `ca` of the request's, and Node's roots are fixed.
const trustedPorts = new Set<number>();
const connectTls = tls.connect.bind(tls) as (options: tls.ConnectionOptions) => tls.TLSSocket;
beforeAll(() => {
  vi.spyOn(tls, 'connect').mockImplementation(((options: tls.ConnectionOptions) =>
    connectTls(trustedPorts.has(Number(options.port)) ? { ...options, ca: [...tls.rootCertificates, targets.cert.cert] } : options)) as typeof tls.connect);
});
afterAll(() => vi.restoreAllMocks());

const BODY = 'body-sent-once-7c1f';

/**
 * Sends through `HTTPS silent; PROXY open; DIRECT` with a 400 ms connect timeout, an 800 ms request (idle) timeout
 * and a 1600 ms answer timeout (a streamed body's, once sent): the error, how long it took, what each proxy got.
 * (At 100 ms, a loaded machine sometimes took longer for the handshake, and the silent proxy was passed over.)
 */
async function throughSilent(reply: string, scheme: 'http' | 'https', body?: 'buffer' | 'stream') {
  const silent = await startSilentProxy(reply);
  trustedPorts.add(silent.port);
  useRoutePicker((url) => Promise.resolve(routeFromPac(`HTTPS 127.0.0.1:${silent.port}; PROXY 127.0.0.1:${targets.open.port}; DIRECT`, url)));
  const target = hostOf(scheme === 'http' ? targets.plain : targets.secure);
  const seenByOpen = targets.open.seenFor(target).length;
  const req: HttpRequest = { method: body ? 'POST' : 'GET', url: new URL(`${scheme}://${target}/silent`), tls: { ca: targets.cert.cert }, proxyConnectTimeoutMs: 400, timeoutMs: 800, answerTimeoutMs: 1600 };
  if (body === 'buffer') req.body = Buffer.from(BODY);
  if (body === 'stream') Object.assign(req, { body: Readable.from([Buffer.from(BODY)]), bodyLength: BODY.length });
  const started = Date.now();
  let error: unknown;
  try {
    const lines = await logged(async () => void (await send(req).catch((err: unknown) => void (error = err))));
    return { error, ms: Date.now() - started, lines, request: `${req.method} ${req.url.href}`, target, port: silent.port, connections: silent.connections, received: silent.received(), openSaw: targets.open.seenFor(target).length - seenByOpen };
  } finally {
    silent.close();
  }
}

const proxyTimeout = (port: number) => `The proxy 127.0.0.1:${port} (from ${PROXY_SETTINGS}) did not answer within 1 s.`;
/** No answer through the proxy once the request went: the server and the proxy are both named (errors:proxy.noAnswer…). */
const noAnswerThrough = (target: string, port: number, afterUpload: boolean) =>
  afterUpload
    ? `${target} did not answer after the upload through the proxy 127.0.0.1:${port} (from ${PROXY_SETTINGS}; waited 2 s). The proxy, or the server behind it, did not pass on an answer.`
    : `${target} did not answer within 1 s through the proxy 127.0.0.1:${port} (from ${PROXY_SETTINGS}). The proxy, or the server behind it, is not passing on an answer: check the proxy, and whether ${target} is meant to be reached through it.`;

/**
 * The request failed with `message` as a timeout, said once in the activity log (no proxy passed over), over the one
 * connection to the silent proxy (no retry, the next proxy never asked), after the request's own timeout (`waitedMs`):
 * not the 400 ms connect timeout (the handshake was done), nor a hang.
 */
function failedOnce(out: Awaited<ReturnType<typeof throughSilent>>, message: string, waitedMs = 800): void {
  expect(out.error).toMatchObject({ code: 'timeout', message });
  expect(out.lines).toEqual([`warn http ${out.request} failed: ${message}`]);
  expect([out.connections, out.openSaw]).toEqual([1, 0]);
  expect(out.ms).toBeGreaterThanOrEqual(waitedMs - 50);
  expect(out.ms).toBeLessThan(waitedMs + 1000);
}
const count = (text: string, part: string) => text.split(part).length - 1;

describe("an 'HTTPS host:port' proxy whose handshake completes and which then says nothing", () => {
  it('https: the CONNECT never answered fails as the proxy not answering, within the request timeout', async () => {
    const out = await throughSilent('', 'https');
    failedOnce(out, proxyTimeout(out.port));
    expect(count(out.received, `CONNECT ${out.target} HTTP/1.1`)).toBe(1);
  });

  it.each([
    ['no body', undefined, false, 800],
    ['a body in one buffer', 'buffer', false, 800],
    // Once the whole body is sent, the server may be storing it: the answer timeout applies, not the idle one.
    ['a streamed body', 'stream', true, 1600],
  ] as const)('http: the forwarded request never answered fails as no answer through the proxy, sent once (%s)', async (_what, body, afterUpload, waitedMs) => {
    const out = await throughSilent('', 'http', body);
    failedOnce(out, noAnswerThrough(out.target, out.port, afterUpload), waitedMs);
    expect(count(out.received, `http://${out.target}/silent HTTP/1.1`)).toBe(1);
    expect(count(out.received, BODY)).toBe(body ? 1 : 0);
  });
});

describe("an 'HTTPS host:port' proxy that stops in the middle of its answer's head (a status line, no blank line)", () => {
  it('https: a CONNECT answer left unfinished fails as the proxy not answering; the tunnel is never used', async () => {
    const out = await throughSilent('HTTP/1.1 200 Connection established\r\n', 'https', 'buffer');
    failedOnce(out, proxyTimeout(out.port));
    // Nothing but the CONNECT went: no TLS to the server began inside a tunnel the proxy never finished opening.
    expect(out.received).toMatch(new RegExp(`^CONNECT ${out.target} HTTP/1\\.1\\r\\n[^]*\\r\\n\\r\\n$`));
  });

  it('http: an answer left unfinished fails as no answer through the proxy, the body sent once', async () => {
    const out = await throughSilent('HTTP/1.1 200 OK\r\n', 'http', 'buffer');
    failedOnce(out, noAnswerThrough(out.target, out.port, false));
    expect(count(out.received, BODY)).toBe(1);
  });
});
