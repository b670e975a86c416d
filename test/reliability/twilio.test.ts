// Twilio message media under faults: listing, the media bytes (the redirect chain to the CDN followed by hand) and
// downloads to disk, and the clean-up. Most cases drive the client the app builds from a saved account
// (twilioClientFor: the account and the Auth Token typed in over the contract), where retries can be observed
// without waiting (an injected sleep); the last ones go through the contract and the transfer queue
// (twilio.listMedia, twilio.download, transfers.retry). Faults come from the sandbox's hooks, or from small
// scripted servers for redirects and https.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TwilioAccountConfig } from '../../main/common/accounts.js';
import { AppError, toAppError, type AppErrorData } from '../../main/common/errors.js';
import { twilioClientFor } from '../../main/app/twilio-connection.js';
import { runCleanup, type CleanupPlan, type TwilioClient } from '../../main/providers/twilio/index.js';
import { closedPort, markSandboxAccount, startAppUnderTest, type AppUnderTest } from './support/app.js';
import { selfSignedCertificate, type TestCertificate } from './support/cert.js';
import { CaseReport, Checks } from './support/report.js';
import { describeLeaks, findSecretLeaks } from './support/secrets.js';
import { startProxy, startScriptedServer, type TestServer } from './support/servers.js';

// The transport's idle timeout is 30 s and the Twilio client offers no option to shorten it. To test "a server slower
// than the timeout" without waiting 30 s, every request that does not choose its own timeout gets 3 s here.
vi.mock('../../main/providers/http/transport.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/providers/http/transport.js')>();
  return { ...real, send: (req: Parameters<typeof real.send>[0]) => real.send({ ...req, timeoutMs: req.timeoutMs ?? 3000 }) };
});

const report = new CaseReport('twilio', 'Twilio');
let t: AppUnderTest;
let cert: TestCertificate;
let messageSid: string;
let mediaSids: string[];
let accountPath: string;
/** Waits the client asked for between retries (recorded, not waited). */
const waits: number[] = [];

beforeAll(async () => {
  t = await startAppUnderTest('twilio');
  cert = await selfSignedCertificate();
  messageSid = await t.sandbox.twilio.createMessage({ body: 'reliability' });
  mediaSids = await t.sandbox.twilio.seedMedia(messageSid, 12);
  accountPath = `/2010-04-01/Accounts/${t.sandbox.accounts.twilio.accountSid}`;
});
afterAll(async () => {
  await report.write();
  await t?.close();
});

function client(): TwilioClient {
  return twilioClientFor(t.app.services.accounts, t.accounts.twilio, {
    sleep: async (ms) => {
      waits.push(ms);
    },
    notFoundRetryDelayMs: 0,
  });
}

function twilioConfig(): TwilioAccountConfig {
  const config = t.app.services.accounts.config(t.accounts.twilio);
  if (config.kind !== 'twilio') throw new Error('not a Twilio account');
  return config;
}

// The fault servers stand in for the sandbox, redirecting to its loopback CDN: an account moved to them loses main's
// sandbox mark (sandbox-mark.ts), which the test, playing main, sets again.
async function pointAt(baseUrl: string, extra: Partial<TwilioAccountConfig> = {}): Promise<() => Promise<void>> {
  const before = twilioConfig();
  await t.call('accounts.update', { accountId: t.accounts.twilio, config: { ...before, ...extra, baseUrl }, secret: t.app.services.accounts.secret(t.accounts.twilio) });
  await markSandboxAccount(t.app, t.accounts.twilio);
  return async () => {
    await t.call('accounts.update', { accountId: t.accounts.twilio, config: before, secret: t.app.services.accounts.secret(t.accounts.twilio) });
    await markSandboxAccount(t.app, t.accounts.twilio);
  };
}

async function failure(run: () => Promise<unknown>): Promise<AppErrorData | undefined> {
  try {
    await run();
    return undefined;
  } catch (err) {
    if (!(err instanceof AppError)) return { code: 'internal', message: `NOT AN AppError: ${String(err)}` };
    return toAppError(err).toData();
  }
}

async function mediaBytes(mediaSid: string): Promise<Buffer> {
  const res = await fetch(t.sandbox.twilio.signedMediaUrl(mediaSid, new Date(Date.now() + 60_000)));
  return Buffer.from(await res.arrayBuffer());
}

const mediaPath = (mediaSid: string): string => `${accountPath}/Messages/${messageSid}/Media/${mediaSid}`;
const listPath = (): string => `${accountPath}/Messages/${messageSid}/Media.json`;

interface ListCase {
  name: string;
  expected: string;
  arrange(): Promise<(() => Promise<void>) | void>;
  code: string;
  says: RegExp;
  details?: (e: AppErrorData) => boolean;
  fix?: string;
}

/** listMedia under a fault, then again once it is gone. */
async function listCase(c: ListCase): Promise<void> {
  const lift = await c.arrange();
  const error = await failure(() => client().listMedia(messageSid));
  t.sandbox.faults.clear();
  if (lift) await lift();
  const page = await client()
    .listMedia(messageSid)
    .catch(() => null);
  const checks = new Checks()
    .that('the listing failed', error !== undefined)
    .that(`the error code is ${c.code}`, error?.code === c.code)
    .that(`the message says ${c.says}`, error !== undefined && c.says.test(error.message))
    .that('the message names Twilio or the server', error !== undefined && /Twilio|127\.0\.0\.1:\d+/.test(error.message))
    .that('the details are right', c.details === undefined || (error !== undefined && c.details(error)))
    .that('listing again succeeds', page !== null && page.items.length === 12);
  report.judge(`media list: ${c.name}`, c.expected, `failed with ${error?.code}: "${error?.message}"; again: ${page ? `${page.items.length} media` : 'failed'}`, checks, c.fix ? { fix: c.fix } : {});
  expect(checks.failed()).toEqual([]);
}

interface DownloadCase {
  name: string;
  expected: string;
  mediaSid?: string;
  arrange(mediaSid: string): Promise<(() => Promise<void>) | void>;
  code: string;
  says: RegExp;
}

/** downloadMedia into a fresh folder under a fault, then again once it is gone. */
async function downloadCase(c: DownloadCase): Promise<void> {
  const mediaSid = c.mediaSid ?? mediaSids[0] ?? '';
  const dir = await fs.mkdtemp(path.join(t.workDir, 'tw-'));
  const lift = await c.arrange(mediaSid);
  const error = await failure(() => client().downloadMedia(messageSid, mediaSid, { dir }));
  t.sandbox.faults.clear();
  if (lift) await lift();
  const leftAfterFailure = await fs.readdir(dir);
  const again = await client()
    .downloadMedia(messageSid, mediaSid, { dir })
    .catch((err: unknown) => toAppError(err));
  const leftAfterRetry = await fs.readdir(dir);
  const expectedBytes = await mediaBytes(mediaSid);
  const saved = again instanceof AppError ? null : await fs.readFile(again.path);
  const checks = new Checks()
    .that('the download failed', error !== undefined)
    .that(`the error code is ${c.code}`, error?.code === c.code)
    .that(`the message says ${c.says}`, error !== undefined && c.says.test(error.message))
    .that('the message names the media file, Twilio or the server', error !== undefined && (error.message.includes(mediaSid) || /Twilio|127\.0\.0\.1:\d+/.test(error.message)))
    .that('nothing is left in the folder (no file under its name, no temp)', leftAfterFailure.length === 0)
    .that('downloading again succeeds', !(again instanceof AppError))
    .that('only the file is there afterwards', leftAfterRetry.length === 1)
    .that('it has exactly the media bytes', saved !== null && saved.equals(expectedBytes));
  report.judge(
    `media download: ${c.name}`,
    c.expected,
    `failed with ${error?.code}: "${error?.message}"; left in the folder: [${leftAfterFailure.join(', ')}]; again: ${again instanceof AppError ? `${again.code}: ${again.message}` : `saved ${path.basename(again.path)}`}`,
    checks,
  );
  expect(checks.failed()).toEqual([]);
}

describe('Twilio media list under faults', () => {
  it.each([500, 503] as const)('Twilio answers %i', (status) =>
    listCase({
      name: `Twilio answers ${status} (its JSON error shape)`,
      expected: `failed, remote with Twilio's code and message, HTTP ${status} in details; not retried; listing again succeeds`,
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'status', status });
      },
      code: 'remote',
      says: new RegExp(`Twilio error 20${status}`),
      details: (e) => e.details?.status === status && e.details.remoteCode === 20000 + status,
    }));

  it('429 with a short Retry-After is waited for and retried', async () => {
    waits.length = 0;
    t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 2 }, { kind: 'status', status: 429, retryAfter: 2 });
    const page = await client()
      .listMedia(messageSid)
      .catch((err: unknown) => toAppError(err));
    const checks = new Checks()
      .that('the listing succeeded after the retries', !(page instanceof AppError) && page.items.length === 12)
      .that('it waited the Retry-After twice (2 s each)', waits.length === 2 && waits.every((w) => w === 2000));
    report.judge(
      'media list: 429 with Retry-After: 2, twice',
      'retried automatically after waiting 2 s each time (Retry-After honoured), then listed',
      `${page instanceof AppError ? `failed: ${page.message}` : `${page.items.length} media`}; waits: [${waits.join(', ')}] ms`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });

  it('429 with a Retry-After longer than the client waits is reported', () =>
    listCase({
      name: '429 with Retry-After: 120 (longer than the 30 s the client waits)',
      expected: 'not waited for: rate_limited with details.retryAfter 120 and Twilio\'s message; listing again succeeds',
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'status', status: 429, retryAfter: 120 });
      },
      code: 'rate_limited',
      says: /Twilio error 20429/,
      details: (e) => e.details?.retryAfter === 120,
    }));

  it('a server slower than the timeout', () =>
    listCase({
      name: 'server slower than the timeout (8 s, timeout 3 s)',
      expected: 'failed, timeout naming the server; listing again succeeds',
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'delay', ms: 8000 });
      },
      code: 'timeout',
      says: /did not answer/,
    }));

  it('connection refused, then the server comes back', async () => {
    const port = await closedPort();
    let proxy: TestServer | undefined;
    let restore: (() => Promise<void>) | undefined;
    try {
      await listCase({
        name: 'connection refused on a closed loopback port, then the server comes back on it',
        expected: 'failed, network "refused" naming host:port; listing again succeeds once a server listens there',
        arrange: async () => {
          restore = await pointAt(`http://127.0.0.1:${port}`);
          return async () => {
            proxy = await startProxy(t.sandbox.baseUrl, { port });
          };
        },
        code: 'network',
        says: new RegExp(`127\\.0\\.0\\.1:${port}.*refused`),
      });
    } finally {
      await proxy?.close();
      await restore?.();
    }
  });

  it('malformed JSON', () =>
    listCase({
      name: 'malformed JSON (200, truncated)',
      expected: 'failed, protocol error saying it is not JSON; listing again succeeds',
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'malformed', body: '{"media_list": [{"sid": "ME', contentType: 'application/json' });
      },
      code: 'protocol',
      says: /not JSON/,
    }));

  it('JSON of the wrong shape', () =>
    listCase({
      name: 'JSON of the wrong shape (200, media_list is a string)',
      expected: 'failed, protocol error saying what is wrong; listing again succeeds',
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'malformed', body: '{"media_list": "none", "next_page_uri": null}', contentType: 'application/json' });
      },
      code: 'protocol',
      says: /not in the expected shape/,
    }));

  it('a wrong content type', () =>
    listCase({
      name: 'wrong content type (200 text/html sign-in page)',
      expected: 'failed, protocol error naming the type; listing again succeeds',
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'malformed', body: '<!doctype html><title>Sign in</title>', contentType: 'text/html' });
      },
      code: 'protocol',
      says: /not JSON.*text\/html/,
    }));

  it('an answer over the size cap says whose answer it was', () =>
    listCase({
      name: 'answer over the 4 MiB cap (4.2 MB of JSON)',
      expected: 'failed, too_large naming Twilio (or its host) and the limit; listing again succeeds',
      arrange: async () => {
        t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'malformed', body: JSON.stringify({ media_list: [], pad: 'x'.repeat(4_200_000) }), contentType: 'application/json' });
      },
      code: 'too_large',
      says: /too large|larger than/,
      fix: 'main/providers/http/transport.ts readBody(): both too_large messages name the server ("The answer from ${res.url.host} is too large…").',
    }));
});

describe('Twilio media XML', () => {
  it('malformed XML', async () => {
    const mediaSid = mediaSids[1] ?? '';
    t.sandbox.faults.set({ method: 'GET', path: `${mediaPath(mediaSid)}.xml`, times: 1 }, { kind: 'malformed', body: '<TwilioResponse><Media><Sid>ME', contentType: 'application/xml' });
    const error = await failure(() => client().getMediaXml(messageSid, mediaSid));
    const again = await client()
      .getMediaXml(messageSid, mediaSid)
      .catch(() => null);
    const checks = new Checks()
      .that('failed with a protocol error', error?.code === 'protocol')
      .that('the message names Twilio', error !== undefined && /Twilio/.test(error.message))
      .that('reading it again succeeds', again?.media.sid === mediaSid);
    report.judge('media XML: malformed XML (200, unclosed elements)', 'failed, protocol error naming Twilio; reading again succeeds', `failed with ${error?.code}: "${error?.message}"; again: ${again ? 'ok' : 'failed'}`, checks);
    expect(checks.failed()).toEqual([]);
  });
});

describe('Twilio media download under faults', () => {
  it('the connection is dropped mid-download (on the CDN)', () =>
    downloadCase({
      name: 'connection dropped mid-download on the CDN (after 10 kB)',
      expected: 'failed, network error naming the file; no file and no temp in the folder; downloading again saves the whole file',
      arrange: async (mediaSid) => {
        t.sandbox.faults.set({ method: 'GET', path: `/media/${mediaSid}`, times: 1 }, { kind: 'drop', afterBytes: 10_000 });
      },
      code: 'network',
      says: /dropped|stopped early/,
    }));

  it.each([500, 503] as const)('the API answers %i to the media URL', (status) =>
    downloadCase({
      name: `API answers ${status} to the media URL`,
      expected: `failed, remote with Twilio's code and message; nothing in the folder; downloading again succeeds`,
      arrange: async (mediaSid) => {
        t.sandbox.faults.set({ method: 'GET', path: mediaPath(mediaSid), times: 1 }, { kind: 'status', status });
      },
      code: 'remote',
      says: new RegExp(`Twilio error 20${status}`),
    }));

  it('the CDN answers 503', () =>
    downloadCase({
      name: 'CDN answers 503 after the redirect',
      expected: 'failed, remote error naming the media host and the status; nothing in the folder; downloading again succeeds',
      arrange: async (mediaSid) => {
        t.sandbox.faults.set({ method: 'GET', path: `/media/${mediaSid}`, times: 1 }, { kind: 'status', status: 503 });
      },
      code: 'remote',
      says: /media host 127\.0\.0\.1:\d+ answered HTTP 503/,
    }));

  it('429 with Retry-After on the media URL is waited for and retried', async () => {
    waits.length = 0;
    const mediaSid = mediaSids[2] ?? '';
    const dir = await fs.mkdtemp(path.join(t.workDir, 'tw-'));
    t.sandbox.faults.set({ method: 'GET', path: mediaPath(mediaSid), times: 1 }, { kind: 'status', status: 429, retryAfter: 3 });
    const result = await client()
      .downloadMedia(messageSid, mediaSid, { dir })
      .catch((err: unknown) => toAppError(err));
    const saved = result instanceof AppError ? null : await fs.readFile(result.path);
    const checks = new Checks()
      .that('the download succeeded after the retry', !(result instanceof AppError))
      .that('it waited the Retry-After (3 s)', waits.length === 1 && waits[0] === 3000)
      .that('the file has the media bytes', saved !== null && saved.equals(await mediaBytes(mediaSid)));
    report.judge(
      'media download: 429 with Retry-After: 3 on the media URL',
      'retried after waiting 3 s (the whole redirect chain again), then saved',
      `${result instanceof AppError ? `failed: ${result.message}` : `saved ${path.basename(result.path)}`}; waits: [${waits.join(', ')}] ms`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });

  it('a server slower than the timeout', () =>
    downloadCase({
      name: 'CDN slower than the timeout (8 s, timeout 3 s)',
      expected: 'failed, timeout naming the media host; nothing in the folder; downloading again succeeds',
      arrange: async (mediaSid) => {
        t.sandbox.faults.set({ method: 'GET', path: `/media/${mediaSid}`, times: 1 }, { kind: 'delay', ms: 8000 });
      },
      code: 'timeout',
      says: /did not answer/,
    }));

  it('connection refused, then the server comes back', async () => {
    const port = await closedPort();
    let proxy: TestServer | undefined;
    let restore: (() => Promise<void>) | undefined;
    try {
      await downloadCase({
        name: 'connection refused on a closed loopback port, then the server comes back on it',
        expected: 'failed, network "refused" naming host:port; nothing in the folder; downloading again succeeds',
        arrange: async () => {
          restore = await pointAt(`http://127.0.0.1:${port}`);
          return async () => {
            proxy = await startProxy(t.sandbox.baseUrl, { port });
          };
        },
        code: 'network',
        says: /refused/,
      });
    } finally {
      await proxy?.close();
      await restore?.();
    }
  });

  it('the redirect to the CDN (another origin) carries no credentials', async () => {
    const mediaSid = mediaSids[3] ?? '';
    const dir = await fs.mkdtemp(path.join(t.workDir, 'tw-'));
    const before = t.sandbox.cdnLog.length;
    await client().downloadMedia(messageSid, mediaSid, { dir });
    const cdnRequests = t.sandbox.cdnLog.slice(before).filter((e) => e.path === `/media/${mediaSid}`);
    const apiRequest = t.sandbox.requests.filter((r) => r.origin === 'api' && r.path === mediaPath(mediaSid)).at(-1);
    const checks = new Checks()
      .that('the API got the credentials', apiRequest?.headers.authorization === '[redacted]')
      .that('the CDN was asked once', cdnRequests.length === 1)
      .that('the CDN got no Authorization', cdnRequests.every((e) => !e.authorization));
    report.judge(
      'media download: redirect (307) from the API to the CDN, another origin',
      'Basic credentials sent to the API only, never to the CDN',
      `API request with Authorization: ${apiRequest?.headers.authorization === '[redacted]'}; CDN requests: ${cdnRequests.length}, with Authorization: ${cdnRequests.filter((e) => e.authorization).length}`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });

  it('redirect loops are stopped, and credentials never go back once the chain left the API origin', async () => {
    const mediaSid = mediaSids[4] ?? '';
    const media = `${accountPath}/Messages/${messageSid}/Media/${mediaSid}`;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    let mode: 'loop' | 'chain' | 'away-and-back' = 'loop';
    // The "CDN": another origin, which sends the chain back to the API origin.
    const other = await startScriptedServer((_req, res) => {
      res.writeHead(302, { location: `${api.origin}/back-home` }).end();
    });
    const api: TestServer = await startScriptedServer((req, res) => {
      const url = req.url.split('?')[0] ?? '';
      if (url === '/back-home') return void res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) }).end(jpeg);
      if (mode === 'loop') {
        const next = url === media ? '/hop/a' : url === '/hop/a' ? '/hop/b' : '/hop/a';
        return void res.writeHead(302, { location: next }).end('<Response/>');
      }
      if (mode === 'chain') {
        const n = url === media ? 0 : Number(url.slice('/chain/'.length));
        return void res.writeHead(302, { location: `/chain/${n + 1}` }).end();
      }
      if (url === media) return void res.writeHead(307, { location: `${other.origin}/signed?Signature=x` }).end();
      res.writeHead(404).end();
    });
    const restore = await pointAt(api.origin);
    try {
      const dir = await fs.mkdtemp(path.join(t.workDir, 'tw-'));
      const loop = await failure(() => client().downloadMedia(messageSid, mediaSid, { dir }));
      const loopRequests = api.requests.length;
      mode = 'chain';
      api.requests.length = 0;
      const chain = await failure(() => client().downloadMedia(messageSid, mediaSid, { dir }));
      const chainRequests = api.requests.length;
      const left = await fs.readdir(dir);
      mode = 'away-and-back';
      api.requests.length = 0;
      const roundTrip = await client()
        .downloadMedia(messageSid, mediaSid, { dir })
        .catch((err: unknown) => toAppError(err));
      const authOnFirst = api.requests.find((r) => r.url === media)?.headers.authorization !== undefined;
      const authOnReturn = api.requests.find((r) => r.url === '/back-home')?.headers.authorization !== undefined;
      const authOnOther = other.requests.some((r) => r.headers.authorization !== undefined);
      const checks = new Checks()
        .that('the loop is stopped with a protocol error saying so', loop?.code === 'protocol' && /loop/.test(loop.message))
        .that('the loop took a handful of requests', loopRequests <= 6)
        .that('an endless chain stops after 5 redirects', chain?.code === 'protocol' && /more than 5 times/.test(chain.message) && chainRequests === 6)
        .that('nothing was left in the folder', left.length === 0)
        .that('the API origin got the credentials on the first request', authOnFirst)
        .that('the other origin got none', !authOnOther)
        .that('back on the API origin after leaving it, none either', !authOnReturn)
        .that('that download still succeeded', !(roundTrip instanceof AppError));
      report.judge(
        'media download: redirect loop (a→b→a), an endless chain, and API → other origin → back to the API origin',
        'loops and chains stopped (protocol) with nothing saved; credentials on the first hop only, never again once the chain left the API origin',
        `loop: "${loop?.message}" after ${loopRequests} requests; chain: "${chain?.message}" after ${chainRequests}; Authorization on the first hop ${authOnFirst}, on the other origin ${authOnOther}, back home ${authOnReturn}; round trip: ${roundTrip instanceof AppError ? roundTrip.message : 'saved'}`,
        checks,
      );
      expect(checks.failed()).toEqual([]);
    } finally {
      await restore();
      await api.close();
      await other.close();
    }
  });

  it('an https API with a self-signed certificate: refused until trusted for this account', async () => {
    const tls = await startProxy(t.sandbox.baseUrl, { tls: cert });
    let restore: (() => Promise<void>) | undefined;
    try {
      await downloadCase({
        name: `https API with a self-signed certificate (${cert.source}), then trusted for this account`,
        expected: 'refused: network error naming the server and "not trusted"; downloading again succeeds once the account trusts the certificate',
        mediaSid: mediaSids[5] ?? '',
        arrange: async () => {
          restore = await pointAt(tls.origin);
          return async () => {
            await t.call('accounts.update', { accountId: t.accounts.twilio, config: { ...twilioConfig(), trustedCertificate: cert.cert }, secret: t.app.services.accounts.secret(t.accounts.twilio) });
          };
        },
        code: 'network',
        says: /not trusted/,
      });
    } finally {
      await tls.close();
      await restore?.();
    }
  });
});

describe('Twilio clean-up under faults', () => {
  it('a deletion that fails (500) is reported for that item; running again deletes it', async () => {
    const targets = mediaSids.slice(8, 11);
    const today = new Date().toISOString().slice(0, 10);
    const plan: CleanupPlan = {
      criteria: { dateFrom: today, dateTo: today },
      items: targets.map((mediaSid) => ({ messageSid, mediaSid, contentType: 'image/jpeg', dateCreated: new Date().toISOString(), from: null, to: null })),
      count: targets.length,
      messagesScanned: 1,
      plannedAt: new Date().toISOString(),
    };
    t.sandbox.faults.set({ method: 'DELETE', path: `${mediaPath(targets[1] ?? '')}.json`, times: 1 }, { kind: 'status', status: 500 });
    waits.length = 0;
    t.sandbox.faults.set({ method: 'DELETE', path: `${mediaPath(targets[2] ?? '')}.json`, times: 1 }, { kind: 'status', status: 429, retryAfter: 1 });
    const run = await runCleanup(client(), plan);
    const failed = run.results.filter((r) => r.status === 'failed');
    const again = await runCleanup(client(), { ...plan, items: plan.items.filter((i) => failed.some((f) => f.mediaSid === i.mediaSid)), count: failed.length });
    const remaining = await client().listMedia(messageSid);
    const checks = new Checks()
      .that('one item failed, two were deleted', run.totals.failed === 1 && run.totals.deleted === 2)
      .that("the failure carries Twilio's code and message", failed[0]?.remoteCode === 20500 && /Twilio error 20500/.test(failed[0]?.message ?? ''))
      .that('the 429 was waited for (1 s) and retried', waits.includes(1000))
      .that('running again for the failed one deletes it', again.totals.deleted === 1)
      .that('none of the three is listed any more', !remaining.items.some((m) => m.sid !== null && targets.includes(m.sid)));
    report.judge(
      'clean-up: one deletion answers 500, another 429 (Retry-After: 1)',
      'a result per item: the 500 "failed" with Twilio\'s code and message, the 429 retried; running again for the failed one deletes it',
      `first run: ${JSON.stringify(run.totals)} (${failed[0]?.message ?? ''}); again: ${JSON.stringify(again.totals)}`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });
});

describe('Twilio through the contract and the transfer queue', () => {
  it('twilio.listMedia: Twilio answers 503, then listing again succeeds', async () => {
    t.sandbox.faults.set({ method: 'GET', path: listPath(), times: 1 }, { kind: 'status', status: 503 });
    const error = await t.callError('twilio.listMedia', { accountId: t.accounts.twilio, messageSid });
    const page = await t.call('twilio.listMedia', { accountId: t.accounts.twilio, messageSid });
    const checks = new Checks()
      .that('a typed remote error with Twilio\'s code', error.code === 'remote' && /Twilio error 20503/.test(error.message))
      .that('no stack trace', !/\n\s+at /.test(error.message))
      .that('listing again succeeds', page.items.length > 0)
      .that('the preview links carry no credential', page.items.every((m) => !m.previewUrl.includes(t.sandbox.accounts.twilio.authToken)));
    report.judge('twilio.listMedia over the contract: 503', 'a typed "remote" error with Twilio\'s code and message; listing again succeeds', `${error.code}: "${error.message}"; again: ${page.items.length} media`, checks);
    expect(checks.failed()).toEqual([]);
  });

  it('twilio.download: the connection drops mid-download (CDN), the queue says failed, retry saves the file', async () => {
    const mediaSid = mediaSids[6] ?? '';
    const folder = await fs.mkdtemp(path.join(t.workDir, 'tw-queue-'));
    t.sandbox.faults.set({ method: 'GET', path: `/media/${mediaSid}`, times: 1 }, { kind: 'drop', afterBytes: 2000 });
    const [queued] = await t.call('twilio.download', { accountId: t.accounts.twilio, grantId: await t.app.grantFolder(folder), items: [{ messageSid, mediaSid }] });
    const failed = await t.waitForTransfer(queued?.id ?? '');
    const left = await fs.readdir(folder);
    t.sandbox.faults.clear();
    await t.call('transfers.retry', { ids: [failed.id] });
    const retried = await t.waitForTransfer(failed.id);
    const after = await fs.readdir(folder);
    const saved = retried.result?.savedTo ? await fs.readFile(retried.result.savedTo).catch(() => null) : null;
    await t.app.services.transfers.flush();
    const savedQueue = JSON.parse(await fs.readFile(path.join(t.dataDir, 'transfers.json'), 'utf8')) as { entries: Array<{ item: { id: string; state: string } }> };
    const checks = new Checks()
      .that('the transfer failed with a network error naming the file', failed.state === 'failed' && failed.error?.code === 'network' && failed.error.message.includes(mediaSid))
      .that('its title is the file name (date, sender, media SID)', failed.title.includes(mediaSid) && /^\d{4}-\d{2}-\d{2}_/.test(failed.title))
      .that('nothing was left in the folder', left.length === 0)
      .that('the retry saved exactly the media', retried.state === 'done' && saved !== null && saved.equals(await mediaBytes(mediaSid)) && after.length === 1)
      .that('the saved queue says done', savedQueue.entries.find((e) => e.item.id === failed.id)?.item.state === 'done');
    report.judge(
      'twilio.download through the queue: connection dropped on the CDN after 2 kB',
      'the transfer fails (network, naming the file), no partial file; transfers.retry saves the whole file; the saved queue says done',
      `failed with ${failed.error?.code}: "${failed.error?.message}"; left: [${left.join(', ')}]; retry: ${retried.state}, folder [${after.join(', ')}]`,
      checks,
    );
    expect(checks.failed()).toEqual([]);
  });
});

describe('Twilio: afterwards', () => {
  it('no typed secret is in the data dir, the log or anything the renderer was sent', async () => {
    const leaks = await findSecretLeaks(t);
    const checks = new Checks().that('no leak', leaks.length === 0);
    report.judge('secrets after every Twilio flow above', 'no typed secret in the data dir, the log, or the contract answers and events', describeLeaks(leaks), checks);
    expect(leaks).toEqual([]);
  });
});
