// The key flows against the app's own sandbox (main/sandbox), a Twilio written independently of this client:
// paging, the CDN redirect without credentials, 429 then success, Twilio-shaped errors, delete and clean-up.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../../main/sandbox/index.js';
import { createTwilioClient, planCleanup, runCleanup, type ClientOptions, type TwilioClient } from '../../../../main/providers/twilio/index.js';
import { recordingSleep } from './support/clients.js';

let sandbox: Sandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'twilio-sandbox-'));
  sandbox = await startSandbox({ dataDir, faults: true, onError: () => undefined });
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function client(options: ClientOptions = {}, kind: 'authToken' | 'apiKey' = 'authToken'): TwilioClient {
  const t = sandbox.accounts.twilio;
  const credential = kind === 'authToken' ? { kind, authToken: t.authToken } : { kind, apiKeySid: t.apiKeySid, apiKeySecret: t.apiKeySecret };
  return createTwilioClient({ baseUrl: t.baseUrl, accountSid: t.accountSid, credential, sandbox: true }, options);
}

interface Listed {
  messageSid: string;
  mediaSid: string;
  created: number;
}

/** Every media item of the account, listed message by message (the oracle for the clean-up). */
async function listAllMedia(c: TwilioClient): Promise<Listed[]> {
  const all: Listed[] = [];
  for await (const message of c.iterateMessages({ pageSize: 50 })) {
    if (message.num_media === '0') continue;
    for await (const media of c.iterateMedia(message.sid ?? '')) {
      all.push({ messageSid: message.sid ?? '', mediaSid: media.sid ?? '', created: Date.parse(media.date_created_iso ?? '') });
    }
  }
  return all;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const within = (from: string, to: string) => (m: Listed) => m.created >= Date.parse(`${from}T00:00:00Z`) && m.created <= Date.parse(`${to}T23:59:59Z`);

describe('Twilio client against the sandbox', () => {
  it('pages through every message, three pages and more, in the order the server keeps them', async () => {
    const c = client();
    const sids: string[] = [];
    let page = await c.listMessages({ pageSize: 25 });
    let pages = 1;
    sids.push(...page.items.map((m) => m.sid ?? ''));
    while (page.nextPageUri !== null) {
      page = await c.nextMessages(page.nextPageUri);
      pages += 1;
      sids.push(...page.items.map((m) => m.sid ?? ''));
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(sids).toEqual(sandbox.twilio.messageSids());
  });

  it('authenticates with an API key as well', async () => {
    const page = await client({}, 'apiKey').listMessages({ pageSize: 5 });
    expect(page.items).toHaveLength(5);
  });

  it('follows the media redirect to the CDN origin, which receives no Authorization header', async () => {
    const c = client();
    const message = (await c.listMessages({ withMediaOnly: true, pageSize: 20 })).items[0];
    const media = (await c.listMedia(message?.sid ?? '')).items[0];
    const cdnBefore = sandbox.cdnLog.length;
    const content = await c.openMediaContent(message?.sid ?? '', media?.sid ?? '');
    const bytes = await buffer(content.body);

    expect(content.status).toBe(200);
    expect(content.contentType).toBe(media?.content_type);
    expect(content.contentLength).toBe(bytes.length);
    // The bytes are the media itself, not the XML of the redirect: a JPEG starts FF D8 FF, an MP4 has "ftyp" at 4.
    if (content.contentType === 'image/jpeg') expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    else expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
    const cdnRequests = sandbox.cdnLog.slice(cdnBefore);
    expect(cdnRequests).toHaveLength(1);
    expect(cdnRequests[0]?.authorization).toBe(false);
    const apiRequest = sandbox.requests.filter((r) => r.origin === 'api' && r.path.endsWith(`/Media/${media?.sid ?? ''}`)).at(-1);
    // The sandbox's request log keeps that an Authorization header came, not its value.
    expect(apiRequest?.headers.authorization).toBe('[redacted]');
  });

  it('retries a 429 after the Retry-After the server gave, then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    sandbox.faults.set({ path: /\/Messages\.json$/, times: 1 }, { kind: 'status', status: 429, retryAfter: 2 });
    const page = await client({ sleep }).listMessages({ pageSize: 3 });
    sandbox.faults.clear();
    expect(waits).toEqual([2000]);
    expect(page.items).toHaveLength(3);
  });

  it("shows a Twilio-shaped error with its code, message and link", async () => {
    const c = client({ sleep: recordingSleep().sleep });
    const missing = `MM${'0'.repeat(32)}`;
    await expect(c.getMessage(missing)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/^Twilio error 20404: /),
      details: { status: 404, remoteCode: 20404, moreInfo: expect.stringMatching(/^https:\/\//) },
    });
  });

  it('deletes a media item (204): it is gone from its message and from the CDN', async () => {
    const c = client();
    const message = (await c.listMessages({ withMediaOnly: true, pageSize: 20 })).items[0];
    const before = (await c.listMedia(message?.sid ?? '')).items;
    const target = before[0]?.sid ?? '';
    await c.deleteMedia(message?.sid ?? '', target);
    const after = (await c.listMedia(message?.sid ?? '')).items;
    expect(after.map((m) => m.sid)).toEqual(before.slice(1).map((m) => m.sid));
    await expect(c.getMedia(message?.sid ?? '', target)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('clean-up against the sandbox', () => {
  it('dry run equals the listing; the run deletes exactly that; a stopped run reports exactly what it deleted', async () => {
    const c = client();
    const all = await listAllMedia(c);
    const days = [...new Set(all.map((m) => dayOf(m.created)))].sort();
    // A range in the middle of the demo data, so that media lie on both sides of it.
    const from = days[Math.floor(days.length / 3)] ?? '';
    const to = days[Math.floor(days.length / 3) + 3] ?? '';
    const expected = all.filter(within(from, to));
    expect(expected.length).toBeGreaterThan(4);

    const plan = await planCleanup(c, { dateFrom: from, dateTo: to });
    expect(plan.count).toBe(expected.length);
    expect(plan.items.map((i) => i.mediaSid).sort()).toEqual(expected.map((m) => m.mediaSid).sort());

    // Stopped half-way: what the results call deleted is gone, everything else is still there.
    const controller = new AbortController();
    const half = Math.floor(plan.count / 2);
    let done = 0;
    const partial = await runCleanup(c, plan, { signal: controller.signal, onItem: () => void (++done === half && controller.abort()) });
    const deleted = new Set(partial.results.filter((r) => r.status === 'deleted').map((r) => r.mediaSid));
    expect(partial.stopped).toBe(true);
    expect(deleted.size).toBe(half);
    const afterStop = new Set((await listAllMedia(c)).map((m) => m.mediaSid));
    for (const m of all) expect(afterStop.has(m.mediaSid), m.mediaSid).toBe(!deleted.has(m.mediaSid));

    // The rest of the range, planned again and run to the end.
    const rest = await planCleanup(c, { dateFrom: from, dateTo: to });
    expect(rest.count).toBe(plan.count - half);
    const run = await runCleanup(c, rest);
    expect(run.totals.deleted).toBe(rest.count);
    const remaining = await listAllMedia(c);
    expect(remaining.filter(within(from, to))).toEqual([]);
    expect(remaining.map((m) => m.mediaSid).sort()).toEqual(all.filter((m) => !within(from, to)(m)).map((m) => m.mediaSid).sort());
  });
});
