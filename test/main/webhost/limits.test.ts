// The browser host's limits: a staged file larger than the cap is refused with a message that names the cap, and
// slow or idle connections, a flood of connections and idle keep-alive sockets are cut off. Small caps and short
// timeouts here; the defaults are generous (see HOST_LIMIT_DEFAULTS).
import { promises as fs } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_LIMIT_DEFAULTS, startBrowserHost, type BrowserHost } from '../../../main/webhost/server';
import { bootTestApp, makeRendererDir } from '../../helpers/app-harness';
import { httpRequest, signIn } from './support/child-host';
import { sendRaw } from './support/raw';

const LIMITS = { maxStageBytes: 1024, headersTimeoutMs: 400, requestTimeoutMs: 400, idleTimeoutMs: 600, keepAliveTimeoutMs: 300, maxConnections: 6 };

let app: Awaited<ReturnType<typeof bootTestApp>>;
let rendererDir: string;
let host: BrowserHost;
let cookie: string;

const stagedFiles = async (): Promise<string[]> => (await fs.readdir(app.staging.dir).catch(() => [])).sort();
const stage = (body: Buffer, headers: Record<string, string> = {}) =>
  httpRequest(host.port, '/api/stage?name=clip.mp4', { method: 'POST', headers: { cookie, origin: host.origin, ...headers }, body });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a raw connection, writes the pieces with pauses, and reports what came back and when the host closed it. */
function trickle(pieces: string[], pauseMs: number, waitMs: number): Promise<{ reply: string; closedAfterMs: number | null }> {
  return new Promise((resolve) => {
    const socket = net.connect(host.port, '127.0.0.1');
    const started = Date.now();
    let reply = '';
    const done = (closedAfterMs: number | null): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ reply, closedAfterMs });
    };
    const timer = setTimeout(() => done(null), waitMs);
    socket.on('data', (d: Buffer) => (reply += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => done(Date.now() - started));
    socket.on('connect', () => {
      void (async () => {
        for (const piece of pieces) {
          if (socket.destroyed) return;
          socket.write(piece);
          await sleep(pauseMs);
        }
      })();
    });
  });
}

beforeAll(async () => {
  app = await bootTestApp();
  rendererDir = await makeRendererDir();
  // A call main takes its time over, longer than a connection may sit idle.
  const slowAnswer = async (_req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== '/slow-answer') return false;
    await sleep(LIMITS.idleTimeoutMs + 500);
    res.end('done');
    return true;
  };
  host = await startBrowserHost({ dispatch: app.dispatch, events: app.services.events, staging: app.staging, rendererDir, limits: LIMITS, routes: [slowAnswer] });
  cookie = await signIn(host.port, host.token);
});
afterAll(async () => {
  await host.close();
  await app.cleanup();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

describe('the browser host limits', () => {
  it('has generous defaults for media: 4 GiB a file, and timeouts that a long upload does not trip', () => {
    expect(HOST_LIMIT_DEFAULTS.maxStageBytes).toBe(4 * 1024 ** 3);
    expect(HOST_LIMIT_DEFAULTS.stageTimeoutMs).toBeGreaterThanOrEqual(60 * 60_000);
    expect(HOST_LIMIT_DEFAULTS.headersTimeoutMs).toBeLessThanOrEqual(HOST_LIMIT_DEFAULTS.requestTimeoutMs);
  });

  it('stages a file of exactly the cap', async () => {
    const reply = await stage(Buffer.alloc(1024, 1));
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { kind: 'staged' } });
  });

  it('refuses a file announced larger than the cap with 413 and a message naming the cap, before reading it', async () => {
    const before = await stagedFiles();
    const reply = await stage(Buffer.alloc(1025, 1));
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'too_large', message: expect.stringMatching(/"clip\.mp4".*1\.0 KiB/) } });
    expect(await stagedFiles()).toEqual(before);
  });

  it('stops a chunked upload at the cap, with 413, and keeps nothing of it', async () => {
    const before = await stagedFiles();
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, path: '/api/stage?name=big.mp4', method: 'POST', headers: { host: `127.0.0.1:${host.port}`, cookie, origin: host.origin, 'transfer-encoding': 'chunked' }, agent: false },
        (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(800, 2));
      req.end(Buffer.alloc(800, 3));
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatch(/1\.0 KiB/);
    await sleep(50);
    expect(await stagedFiles()).toEqual(before);
  });

  it('answers 408 and hangs up on headers that trickle in', async () => {
    const pieces = ['GET / HTTP/1.1\r\n', `Host: 127.0.0.1:${host.port}\r\n`, ...Array.from({ length: 20 }, (_, i) => `X-Slow-${i}: 1\r\n`)];
    const { reply, closedAfterMs } = await trickle(pieces, 100, 2500);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs).toBeLessThan(2000);
  });

  it('answers 408 to a contract call whose body does not arrive in time', async () => {
    const head = `POST /api/invoke HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Length: 100\r\n\r\n`;
    const { reply, closedAfterMs } = await trickle([head, '{"method":', '"app.info"'], 100, 1500);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(1200);
  });

  it('lets an upload that keeps moving run longer than a contract call may, and cuts one that stalls', async () => {
    const head = (length: number) => `POST /api/stage?name=slow.jpg HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Length: ${length}\r\n\r\n`;
    const moving = await trickle([head(80), ...Array.from({ length: 8 }, () => 'x'.repeat(10))], 120, 1400);
    expect(moving.reply).toMatch(/^HTTP\/1\.1 200[\s\S]*"ok":true/);
    const stalled = await trickle([head(80), 'x'.repeat(10)], 100, 1500);
    expect(stalled.closedAfterMs).not.toBeNull();
    expect(stalled.reply).not.toContain('"ok":true');
  });

  it.each([
    ['a client without the session', '/api/stage?name=x.mp4', false],
    ['a path that only starts like it (/api/stage/../invoke is the contract call)', '/api/stage/../invoke', true],
  ])('gives the upload\'s time only to an upload let in: cuts %s whose body trickles, as any request', async (_who, target, signedIn) => {
    const head = `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${signedIn ? `Cookie: ${cookie}\r\n` : ''}Origin: ${host.origin}\r\nContent-Length: 1000\r\n\r\n`;
    // A byte well within the idle timeout each time: only the request timeout can end it.
    const { closedAfterMs } = await trickle([head, ...Array.from({ length: 20 }, () => 'x'.repeat(5))], 100, 2500);
    expect(closedAfterMs).not.toBeNull();
    expect(closedAfterMs).toBeLessThan(LIMITS.requestTimeoutMs + 800);
  });

  it('waits for main to answer a request that arrived whole, however long the connection is idle', async () => {
    const reply = await httpRequest(host.port, '/slow-answer', { headers: { cookie } });
    expect([reply.status, reply.body]).toEqual([200, 'done']);
  });

  it('keeps nothing of an upload the client abandons half-way', async () => {
    const before = await stagedFiles();
    const head = `POST /api/stage?name=gone.mp4 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Length: 900\r\n\r\n`;
    await sendRaw(host.port, [head, 'x'.repeat(300)], 150);
    await expect.poll(stagedFiles, { timeout: 2_000 }).toEqual(before);
    expect((await httpRequest(host.port, '/', { headers: { cookie } })).status).toBe(200);
  });

  it.each([
    ['inside the file part', (part: string) => [part, 'x'.repeat(200)]],
    // The whole part and the closing boundary came: the file is staged, and the form was not finished.
    ['after the closing boundary, before the body ends', (part: string) => [part, 'x'.repeat(200) + '\r\n--b0undary--\r\n']],
  ])('cuts a form that stalls %s, and keeps nothing of its file', async (_where, pieces) => {
    const before = await stagedFiles();
    const head = `POST /api/stage?name=stall.mp4 HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\nOrigin: ${host.origin}\r\nContent-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: 900\r\n\r\n`;
    const part = '--b0undary\r\nContent-Disposition: form-data; name="file"; filename="a.mp4"\r\n\r\n';
    const stalled = await trickle([head, ...pieces(part)], 100, LIMITS.idleTimeoutMs + 1500);
    expect(stalled.closedAfterMs).not.toBeNull();
    expect(stalled.reply).not.toContain('"ok":true');
    await expect.poll(stagedFiles, { timeout: 2_000 }).toEqual(before);
  });

  it('closes an idle keep-alive connection', async () => {
    const request = `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\n\r\n`;
    const { reply, closedAfterMs } = await trickle([request], 0, 2500);
    expect(reply).toMatch(/^HTTP\/1\.1 200/);
    expect(closedAfterMs).not.toBeNull();
    // Node gives keep-alive connections a second of grace beyond keepAliveTimeout (its own default is 5 s).
    expect(closedAfterMs).toBeLessThan(LIMITS.keepAliveTimeoutMs + 1000 + 500);
  });

  it('caps the open connections, and serves again once they go', async () => {
    const held = await Promise.all(
      Array.from({ length: LIMITS.maxConnections }, () => new Promise<net.Socket>((resolve) => {
        const socket = net.connect(host.port, '127.0.0.1', () => resolve(socket));
        socket.on('error', () => undefined);
      })),
    );
    await sleep(50);
    const extra = await sendRaw(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nCookie: ${cookie}\r\n\r\n`, 500);
    expect(extra.reply).toBe('');
    expect(extra.closed).toBe(true);
    for (const socket of held) socket.destroy();
    await sleep(50);
    expect((await httpRequest(host.port, '/', { headers: { cookie } })).status).toBe(200);
  });
});
