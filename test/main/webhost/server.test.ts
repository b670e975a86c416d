import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { FileRef } from '../../../main/common/contract';
import { MediaStreams } from '../../../main/app/media-streams';
import { mediaRoute } from '../../../main/webhost/media-route';
import { startBrowserHost, type BrowserHost } from '../../../main/webhost/server';
import { bufferSource } from '../../helpers/buffer-media-source';
import { bootTestApp, makeRendererDir } from '../../helpers/app-harness';

let app: Awaited<ReturnType<typeof bootTestApp>>;
let host: BrowserHost;
let rendererDir: string;
let cookie: string;
const streams = new MediaStreams();

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(pathname: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (method: string, args: unknown, headers: Record<string, string> = { cookie }) =>
  request('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin, ...headers }, body: JSON.stringify({ method, args }) });

beforeAll(async () => {
  app = await bootTestApp();
  rendererDir = await makeRendererDir();
  await fs.writeFile(path.join(path.dirname(rendererDir), 'outside-secret.txt'), 'outside');
  host = await startBrowserHost({ dispatch: app.dispatch, events: app.services.events, staging: app.staging, rendererDir, routes: [mediaRoute(streams, app.mediaFailures)] });
  const exchange = await request(`/?token=${host.token}`);
  cookie = String(exchange.headers['set-cookie']?.[0]).split(';')[0] ?? '';
});
afterAll(async () => {
  await host.close();
  await app.cleanup();
  await fs.rm(rendererDir, { recursive: true, force: true });
});

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=`));
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['the page', '/', 'GET'],
    ['an asset', '/assets/app.js', 'GET'],
    ['the contract', '/api/invoke', 'POST'],
    ['file staging', '/api/stage?name=a.jpg', 'POST'],
  ])('answers 401 to a request for %s without the token', async (_what, pathname, method) => {
    expect((await request(pathname, { method })).status).toBe(401);
    expect((await request(pathname, { method, headers: { cookie: `md_session_${host.port}=wrong` } })).status).toBe(401);
    expect((await request(pathname, { method, headers: { authorization: `Bearer ${host.token}` } })).status).toBe(401);
  });

  it('answers 401 to the printed URL once it has been used, and to a wrong token', async () => {
    expect((await request(`/?token=${host.token}`)).status).toBe(401);
    expect((await request('/?token=not-the-token')).status).toBe(401);
  });

  it.each([
    ['a foreign Host (DNS rebinding)', { host: 'attacker.example:80' }],
    ['localhost instead of the address it printed', { host: `localhost:${0}` }],
    ['a foreign Origin', { origin: 'https://attacker.example' }],
    ['a null Origin', { origin: 'null' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
  ])('answers 403 to %s, even with the right token', async (_what, headers) => {
    const res = await invoke('app.info', {}, { cookie, ...headers });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('"ok":true');
  });

  it('serves the contract with the session cookie', async () => {
    const viaCookie: unknown = JSON.parse((await invoke('app.info', {})).body);
    expect(viaCookie).toMatchObject({ ok: true, value: { host: 'browser', name: 'Media Desk' } });
  });

  it('answers malformed bodies with a typed error and keeps serving', async () => {
    const bad = await request('/api/invoke', { method: 'POST', headers: { cookie, origin: host.origin }, body: '{not json' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    const huge = await request('/api/invoke', { method: 'POST', headers: { cookie, origin: host.origin }, body: `"${'x'.repeat(1_100_000)}"` });
    expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect((JSON.parse((await invoke('accounts.list', {})).body) as { ok: boolean }).ok).toBe(true);
  });

  it('serves the renderer with a CSP that allows no inline or eval script', async () => {
    const res = await request('/', { headers: { cookie } });
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt', '/%00', '/..\\outside-secret.txt'])(
    'never serves a file outside the renderer: %s',
    async (pathname) => {
      const res = await request(pathname, { headers: { cookie } });
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside');
    },
  );

  it('stages an uploaded file for main to read', async () => {
    const res = await request('/api/stage?name=photo.jpg', { method: 'POST', headers: { cookie, origin: host.origin }, body: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) });
    const ref = JSON.parse(res.body) as { ok: boolean; value: FileRef };
    expect(ref).toMatchObject({ ok: true, value: { kind: 'staged' } });
    const file = await app.staging.resolve(ref.value);
    expect(file).toMatchObject({ name: 'photo.jpg', size: 4 });
  });

  it('pushes contract events over the WebSocket to an authorised page', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: { cookie, origin: host.origin } });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    const event = new Promise<{ event: string; payload: unknown }>((resolve) => ws.once('message', (data) => resolve(JSON.parse((data as Buffer).toString('utf8')) as { event: string; payload: unknown })));
    await invoke('settings.update', { theme: 'dark' });
    expect(await event).toMatchObject({ event: 'settings.changed', payload: { theme: 'dark' } });
    ws.close();
  });

  it.each([
    ['without the token', { origin: '' }],
    ['from a foreign Origin', { origin: 'https://attacker.example' }],
  ])('refuses a WebSocket %s', async (_what, { origin }) => {
    const headers: Record<string, string> = origin === '' ? {} : { cookie, origin };
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers });
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(origin === '' ? 401 : 403);
  });

  it('streams registered media with Range support, to the token holder only', async () => {
    const token = streams.register(bufferSource(Buffer.from('0123456789'), 'audio/mpeg'));
    const full = await request(`/media/${token}`, { headers: { cookie } });
    expect([full.status, full.headers['content-type'], full.body]).toEqual([200, 'audio/mpeg', '0123456789']);
    const part = await request(`/media/${token}`, { headers: { cookie, range: 'bytes=2-4' } });
    expect([part.status, part.headers['content-range'], part.body]).toEqual([206, 'bytes 2-4/10', '234']);
    expect((await request(`/media/${token}`)).status).toBe(401);
    expect((await request(`/media/m_${'f'.repeat(32)}`, { headers: { cookie } })).status).toBe(404);
  });
});
