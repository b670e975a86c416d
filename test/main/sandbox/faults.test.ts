// The test hooks: off unless asked for; when on, per-route delays, dropped connections (in the answer or in the
// upload), error statuses with Retry-After, malformed bodies, and a request log that tells aborted requests.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/common/errors.js';
import { basicAuth, demoAsset, httpRequest, listFiles, startTestSandbox, type TestSandbox } from './helpers.js';
import { libraryClient } from './library/client.js';

/** A GET that reports how far it got instead of failing: the status, the body bytes received, and whether the connection broke. */
function getRaw(url: string, signal?: AbortSignal): Promise<{ status: number; received: Buffer; broken: boolean }> {
  return new Promise((resolve) => {
    let status = 0;
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (broken: boolean): void => {
      if (settled) return;
      settled = true;
      resolve({ status, received: Buffer.concat(chunks), broken });
    };
    const req = http.get(url, { agent: false, signal }, (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(false));
      res.on('aborted', () => done(true));
      res.on('error', () => done(true));
      res.on('close', () => done(!res.complete));
    });
    req.on('error', () => done(true));
  });
}

describe('test hooks are off by default', () => {
  it('a sandbox started without faults: true has no fault control and no request log', async () => {
    const t = await startTestSandbox();
    try {
      expect(() => t.sandbox.faults).toThrow(AppError);
      expect(() => t.sandbox.requests).toThrow(/faults: true/);
      expect(() => t.sandbox.waitForRequest(() => true)).toThrow(AppError);
      expect((await httpRequest(`${t.sandbox.baseUrl}/`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

describe('test hooks', () => {
  let t: TestSandbox;
  let twilioAuth: string;
  let twilioApi: string;
  let mediaUrl: string;
  let mediaBytes: Buffer;

  beforeAll(async () => {
    t = await startTestSandbox({ faults: true });
    const { accountSid, authToken, username, password, settings } = { ...t.sandbox.accounts.twilio, ...t.sandbox.accounts.generic };
    twilioAuth = basicAuth(accountSid, authToken);
    twilioApi = `${t.sandbox.baseUrl}/2010-04-01/Accounts/${accountSid}`;
    mediaBytes = await demoAsset('fractal.jpg');
    const form = new FormData();
    form.set('user', username);
    form.set('pass', password);
    form.set('media', new Blob([mediaBytes], { type: 'image/jpeg' }), 'fractal.jpg');
    const res = await fetch(`${settings.genericMediaUploadUrl}?format=json`, { method: 'POST', body: form });
    mediaUrl = ((await res.json()) as { media_url: string }).media_url;
  });
  afterAll(() => t.stop());

  it('status: answers the given status with Retry-After, in the Twilio error shape on Twilio paths, for `times` requests', async () => {
    t.sandbox.faults.set({ path: /\/Messages\.json$/, times: 2 }, { kind: 'status', status: 429, retryAfter: 7 });
    for (let i = 0; i < 2; i++) {
      const res = await httpRequest(`${twilioApi}/Messages.json`, { headers: { Authorization: twilioAuth } });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json()).toMatchObject({ code: 20429, status: 429 });
    }
    expect((await httpRequest(`${twilioApi}/Messages.json`, { headers: { Authorization: twilioAuth } })).status).toBe(200);
  });

  it('status: a given body, and only for the given method', async () => {
    const path = new URL(mediaUrl).pathname;
    t.sandbox.faults.set({ method: 'HEAD', path }, { kind: 'status', status: 503, body: '{"message":"maintenance"}' });
    expect((await httpRequest(mediaUrl)).status).toBe(200);
    const head = await httpRequest(mediaUrl, { method: 'HEAD' });
    expect(head.status).toBe(503);
    t.sandbox.faults.clear();
    expect((await httpRequest(mediaUrl, { method: 'HEAD' })).status).toBe(200);
  });

  it('malformed: sends the given body as a 200', async () => {
    t.sandbox.faults.set({ path: /\/Media\.json$/, times: 1 }, { kind: 'malformed', body: '{"media_list": [', contentType: 'application/json' });
    const messageSid = t.sandbox.twilio.messageSids()[0]!;
    const res = await httpRequest(`${twilioApi}/Messages/${messageSid}/Media.json`, { headers: { Authorization: twilioAuth } });
    expect(res.status).toBe(200);
    expect(res.text()).toBe('{"media_list": [');
  });

  it('drop: the status and exactly N body bytes arrive, then the connection breaks', async () => {
    t.sandbox.faults.set({ path: new URL(mediaUrl).pathname, times: 1 }, { kind: 'drop', afterBytes: 1000 });
    const cut = await getRaw(mediaUrl);
    expect(cut.status).toBe(200);
    expect(cut.broken).toBe(true);
    expect(cut.received.equals(mediaBytes.subarray(0, 1000))).toBe(true);
    const entry = await t.sandbox.waitForRequest((e) => e.fault === 'drop');
    expect(entry).toMatchObject({ status: 200, aborted: false, completed: true });
    const whole = await getRaw(mediaUrl);
    expect(whole.broken).toBe(false);
    expect(whole.received.equals(mediaBytes)).toBe(true);
  });

  it('drop on the CDN origin cuts media downloads after the redirect', async () => {
    const messageSid = await t.sandbox.twilio.createMessage();
    const [mediaSid] = await t.sandbox.twilio.seedMedia(messageSid, 1);
    t.sandbox.faults.set({ path: `/media/${mediaSid}`, times: 1 }, { kind: 'drop', afterBytes: 10 });
    const cut = await getRaw(t.sandbox.twilio.signedMediaUrl(mediaSid!, new Date(Date.now() + 60_000)));
    expect(cut.broken).toBe(true);
    expect(cut.received.length).toBe(10);
    expect((await t.sandbox.waitForRequest((e) => e.origin === 'cdn' && e.fault === 'drop')).path).toBe(`/media/${mediaSid}`);
  });

  it('delay: the answer comes after the delay; a client that gives up meanwhile is logged as aborted', async () => {
    const path = new URL(mediaUrl).pathname;
    t.sandbox.faults.set({ path, times: 1 }, { kind: 'delay', ms: 20 });
    const delayed = await getRaw(mediaUrl);
    expect(delayed.received.equals(mediaBytes)).toBe(true);
    expect((await t.sandbox.waitForRequest((e) => e.fault === 'delay' && e.path === path)).aborted).toBe(false);

    t.sandbox.faults.set({ path: '/', times: 1 }, { kind: 'delay', ms: 60_000 });
    const controller = new AbortController();
    const pending = getRaw(`${t.sandbox.baseUrl}/`, controller.signal);
    await waitUntil(() => t.sandbox.requests.some((e) => e.path === '/' && e.fault === 'delay' && !e.completed));
    controller.abort();
    expect((await pending).broken).toBe(true);
    const entry = await t.sandbox.waitForRequest((e) => e.path === '/' && e.fault === 'delay');
    expect(entry).toMatchObject({ aborted: true, status: 0 });
  });

  it('dropRequest: an upload broken off after N bytes leaves nothing behind (library and generic)', async () => {
    const lib = libraryClient(t.sandbox);
    const d = `/${lib.domain}`;
    expect((await lib.call('POST', d, { json: { id: 'broken' } })).status).toBe(201);
    const before = await listFiles(t.dataDir);
    t.sandbox.faults.set({ path: `/rest/1.0/media${d}/broken/big.jpg`, times: 1 }, { kind: 'dropRequest', afterBytes: 20_000 });
    await expect(lib.call('POST', `${d}/broken/big.jpg`, { body: mediaBytes, headers: { 'Content-Type': 'application/octet-stream' } })).rejects.toThrow();
    await t.sandbox.waitForRequest((e) => e.fault === 'dropRequest');

    const { username, password, settings } = t.sandbox.accounts.generic;
    const form = new FormData();
    form.set('user', username);
    form.set('pass', password);
    form.set('media', new Blob([mediaBytes], { type: 'image/jpeg' }), 'fractal.jpg');
    t.sandbox.faults.set({ path: '/generic/upload', times: 1 }, { kind: 'dropRequest', afterBytes: 30_000 });
    await expect(fetch(settings.genericMediaUploadUrl, { method: 'POST', body: form })).rejects.toThrow();
    await t.sandbox.waitForRequest((e) => e.fault === 'dropRequest' && e.path === '/generic/upload');
    await waitUntil(async () => JSON.stringify(await listFiles(t.dataDir)) === JSON.stringify(before));
    expect(await listFiles(t.dataDir)).toEqual(before);
    expect((await lib.call('GET', `${d}/broken`)).json()).toEqual({ entry: [] });
  });

  it('the request log has method, path, origin and headers, with credentials redacted', async () => {
    await httpRequest(`${twilioApi}/Messages.json?PageSize=1`, { headers: { Authorization: twilioAuth, 'X-Trace': 'abc' } });
    const entry = await t.sandbox.waitForRequest((e) => e.headers['x-trace'] === 'abc');
    expect(entry).toMatchObject({ origin: 'api', method: 'GET', path: `${new URL(twilioApi).pathname}/Messages.json`, status: 200, aborted: false, fault: null });
    expect(entry.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(t.sandbox.requests)).not.toContain(t.sandbox.accounts.twilio.authToken);
  });
});

/** Polls a condition until it holds (the log is filled by the server as requests arrive). */
async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
