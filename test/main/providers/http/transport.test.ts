import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSecretTransport, basicAuth, decodeUtf8, isLoopbackHost, observeRequests, parseRetryAfter, readBody, send, type RequestRecord } from '../../../../main/providers/http/transport';

let server: http.Server;
let origin: string;
let connections = 0;
const seen: Array<{ url: string; headers: http.IncomingHttpHeaders; bytes: number }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      seen.push({ url: req.url ?? '', headers: req.headers, bytes });
      if (req.url === '/redirect') return res.writeHead(302, { location: 'http://elsewhere.invalid/' }).end();
      if (req.url === '/big') return res.writeHead(200, { 'content-length': String(10_000) }).end(Buffer.alloc(10_000));
      if (req.url === '/chunked-big') {
        res.writeHead(200);
        for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000));
        return res.end();
      }
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('partial');
        return; // never ends
      }
      if (req.url === '/silent') return; // never answers
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('the HTTP transport', () => {
  it('sends a streamed body with its exact Content-Length, never chunked', async () => {
    const body = Readable.from([Buffer.from('hello '), 'wörld']);
    const res = await send({ method: 'PUT', url: new URL(`${origin}/stream`), body, bodyLength: Buffer.byteLength('hello wörld') });
    await readBody(res);
    const last = seen.at(-1);
    expect(last?.headers['content-length']).toBe(String(Buffer.byteLength('hello wörld')));
    expect(last?.headers['transfer-encoding']).toBeUndefined();
    expect(last?.bytes).toBe(Buffer.byteLength('hello wörld'));
  });

  it("keeps the connection open between requests: a bulk job's thousands of calls do not each connect", async () => {
    const before = connections;
    for (let i = 0; i < 5; i++) await readBody(await send({ method: 'GET', url: new URL(`${origin}/again-${i}`) }));
    expect(connections - before).toBeLessThanOrEqual(1); // 0 when an earlier test's connection is still open
  });

  it('counts upload progress in bytes, string chunks included', async () => {
    const progress: number[] = [];
    const res = await send({ method: 'POST', url: new URL(`${origin}/p`), body: Readable.from(['ü', Buffer.from('ab')]), bodyLength: 4, onUploadProgress: (n) => progress.push(n) });
    await readBody(res);
    expect(progress.at(-1)).toBe(4);
  });

  it('never follows a redirect', async () => {
    const res = await send({ method: 'GET', url: new URL(`${origin}/redirect`) });
    expect(res.status).toBe(302);
    res.body.resume();
  });

  it.each(['/big', '/chunked-big'])('refuses an answer over the cap (%s)', async (path) => {
    const res = await send({ method: 'GET', url: new URL(`${origin}${path}`) });
    await expect(readBody(res, 5000)).rejects.toMatchObject({ code: 'too_large' });
  });

  it('reports cancellation as cancelled, before the answer and while reading it', async () => {
    const early = new AbortController();
    const pending = send({ method: 'GET', url: new URL(`${origin}/silent`), signal: early.signal });
    setTimeout(() => early.abort(), 20);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });

    const late = new AbortController();
    const res = await send({ method: 'GET', url: new URL(`${origin}/stall`), signal: late.signal });
    const reading = readBody(res);
    setTimeout(() => late.abort(), 20);
    await expect(reading).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('times out a silent server with a clear message', async () => {
    await expect(send({ method: 'GET', url: new URL(`${origin}/silent`), timeoutMs: 100 })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('says the connection was refused for a closed port', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(send({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/`) })).rejects.toMatchObject({ code: 'network', message: expect.stringMatching(/refused/) });
  });

  it('refuses to carry a secret over plain http to another machine, and rejects rather than throws', async () => {
    const attempt = send({ method: 'GET', url: new URL('http://example.invalid/'), carriesSecret: true });
    await expect(attempt).rejects.toMatchObject({ code: 'insecure' });
    expect(() => assertSecretTransport(new URL('http://127.0.0.1:9/'))).not.toThrow();
    expect(() => assertSecretTransport(new URL('https://example.invalid/'))).not.toThrow();
    expect(() => assertSecretTransport(new URL('http://example.invalid/'), true)).not.toThrow();
    expect(() => assertSecretTransport(new URL('ftp://example.invalid/'))).toThrow(/scheme/);
  });

  it('knows loopback names', () => {
    expect(['localhost', '127.0.0.1', '127.8.9.10', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true]);
    expect(['127.0.0.1.example.com', '10.0.0.1', 'localhost.example'].map(isLoopbackHost)).toEqual([false, false, false]);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('decodes UTF-8 strictly and builds Basic auth', () => {
    expect(decodeUtf8(Buffer.from('héllo'))).toBe('héllo');
    expect(() => decodeUtf8(Buffer.from([0xff, 0xfe, 0x41]))).toThrow(/not valid UTF-8/);
    // An encoded lone surrogate, an overlong slash and a cut-off sequence are not UTF-8 either; a BOM is dropped.
    for (const bad of [[0x22, 0xed, 0xa0, 0x80, 0x22], [0xc0, 0xaf], [0x41, 0xe2, 0x82]]) expect(() => decodeUtf8(Buffer.from(bad))).toThrow(/not valid UTF-8/);
    expect(decodeUtf8(Buffer.from('\uFEFF{"a":1}', 'utf8'))).toBe('{"a":1}');
    expect(basicAuth('AC1', 'tök')).toBe(`Basic ${Buffer.from('AC1:tök').toString('base64')}`);
  });
});

describe('what the request log hears', () => {
  const secretPath = `/precheck/${encodeURIComponent("s3cr(e)t!*'")}`;

  async function recorded(req: Parameters<typeof send>[0]): Promise<RequestRecord[]> {
    const records: RequestRecord[] = [];
    observeRequests((record) => records.push(record));
    try {
      await send(req).then((res) => readBody(res), () => undefined);
    } finally {
      observeRequests(undefined);
    }
    return records;
  }

  it('is the display URL (origin and path, no query) when the request has one, never the real URL', async () => {
    const records = await recorded({ method: 'GET', url: new URL(`${origin}${secretPath}?p=x`), displayUrl: `${origin}/precheck/•••?p=•••` });
    expect(records.map((r) => r.where)).toEqual([`${origin}/precheck/•••`]);
    expect(JSON.stringify(records)).not.toContain('s3cr');
  });

  it('is origin and path of the URL otherwise (no user-info, no query)', async () => {
    const records = await recorded({ method: 'GET', url: new URL(`${origin}/plain?token=abc`) });
    expect(records.map((r) => r.where)).toEqual([`${origin}/plain`]);
  });

  it("names the display URL's host in errors", async () => {
    const error = await send({ method: 'GET', url: new URL('http://10.0.0.1.invalid/x'), displayUrl: 'http://•••.invalid/x', carriesSecret: true }).catch((err: unknown) => err);
    expect(String((error as Error).message)).toContain('•••.invalid');
    expect(String((error as Error).message)).not.toContain('10.0.0.1');
  });
});
