// Media library uploads and downloads under faults, through the app as the UI drives them: library.upload and
// library.download over the contract, the transfer queue and its runners, the LibraryClient and the transport,
// against the sandbox (faults through its hooks, or through a proxy in front of it that answers in its place once the
// request has been read, or redirects). For each case: what the user is told, what is left on the server and on
// disk, and that a retry succeeds once the fault is gone.
import { promises as fs } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LibraryAccountConfig } from '../../main/common/accounts.js';
import type { AppErrorData } from '../../main/common/errors.js';
import type { TransferItem } from '../../main/common/transfers.js';
import { closedPort, startAppUnderTest, type AppUnderTest } from './support/app.js';
import { selfSignedCertificate, type TestCertificate } from './support/cert.js';
import { CaseReport, Checks } from './support/report.js';
import { describeLeaks, findSecretLeaks } from './support/secrets.js';
import { startProxy, startScriptableProxy, startScriptedServer, type ProxyAnswer, type ScriptableProxy, type TestServer } from './support/servers.js';

// The transport's idle timeout is 30 s (5 min for the answer after an upload) and the library runners set neither.
// To test "a server slower than the timeout" without that wait, every request that does not choose its own timeouts
// gets 3 s for each here. Nothing else changes.
vi.mock('../../main/providers/http/transport.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../main/providers/http/transport.js')>();
  return { ...real, send: (req: Parameters<typeof real.send>[0]) => real.send({ ...req, timeoutMs: req.timeoutMs ?? 3000, answerTimeoutMs: req.answerTimeoutMs ?? 3000 }) };
});

const report = new CaseReport('library', 'media library');
const FOLDER = 'reliability';
const SEEDED = 'fractal.jpg';
let t: AppUnderTest;
let front: ScriptableProxy;
let cert: TestCertificate;
let seededBytes: Buffer;
let domainPath: string;
let counter = 0;

beforeAll(async () => {
  t = await startAppUnderTest('library');
  front = await startScriptableProxy(t.sandbox.baseUrl);
  cert = await selfSignedCertificate();
  domainPath = `/rest/1.0/media/${t.sandbox.accounts.library.domain}`;
  await t.call('library.createFolder', { accountId: t.accounts.library, folder: FOLDER });
  const source = await t.demoFile('fractal.jpg');
  seededBytes = await fs.readFile(source);
  const outcome = await t.call('library.upload', { accountId: t.accounts.library, folder: FOLDER, files: [{ ref: await t.app.grantFile(source) }] });
  const done = await t.waitForTransfer(outcome.queued[0]?.id ?? '');
  if (done.state !== 'done') throw new Error(`seeding failed: ${done.error?.message}`);
});
afterAll(async () => {
  await report.write();
  await front?.close();
  await t?.close();
});

function libraryConfig(): LibraryAccountConfig {
  const config = t.app.services.accounts.config(t.accounts.library);
  if (config.kind !== 'library') throw new Error('not a library account');
  return config;
}

async function pointAt(serverUrl: string, extra: Partial<LibraryAccountConfig> = {}): Promise<() => Promise<void>> {
  const before = libraryConfig();
  await t.call('accounts.update', { accountId: t.accounts.library, config: { ...before, ...extra, serverUrl }, secret: t.app.services.accounts.secret(t.accounts.library) });
  return async () => {
    await t.call('accounts.update', { accountId: t.accounts.library, config: before, secret: t.app.services.accounts.secret(t.accounts.library) });
  };
}

async function retry(item: TransferItem): Promise<TransferItem> {
  await t.call('transfers.retry', { ids: [item.id] });
  return t.waitForTransfer(item.id);
}

async function savedState(id: string): Promise<string | undefined> {
  await t.app.services.transfers.flush();
  const saved = JSON.parse(await fs.readFile(path.join(t.dataDir, 'transfers.json'), 'utf8')) as { entries: Array<{ item: TransferItem }> };
  return saved.entries.find((e) => e.item.id === id)?.item.state;
}

/** The folder's files as the server lists them now (read straight from the sandbox, not through any fault). */
async function serverFiles(): Promise<Map<string, number | undefined>> {
  const view = await t.call('library.getFolder', { accountId: t.accounts.library, folder: FOLDER });
  return new Map(view.files.map((f) => [f.name, f.size]));
}

/** The server's partial uploads, once it has cleaned up (the client learns of a failure first): waits up to 5 s. */
async function sandboxUploadTemps(): Promise<string[]> {
  const blobs = path.join(path.dirname(t.sandbox.accountsFile), 'library', 'blobs');
  const deadline = Date.now() + 5000;
  for (;;) {
    const temps = (await fs.readdir(blobs).catch(() => [])).filter((n) => n.startsWith('.upload'));
    if (temps.length === 0 || Date.now() > deadline) return temps;
    await new Promise((r) => setTimeout(r, 25));
  }
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): ProxyAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

const wantsBytes = (req: http.IncomingMessage): boolean => /octet-stream/.test(String(req.headers.accept));

interface Case {
  name: string;
  expected: string;
  /** Sets the fault; returns what lifts it, beyond clearing the sandbox's and the proxy's faults. */
  arrange(p: { filePath: string; name: string }): Promise<(() => Promise<void>) | void>;
  code: string | string[];
  says: RegExp;
  details?: (e: AppErrorData) => boolean;
}

function hostNamed(error: AppErrorData | undefined): boolean {
  return error !== undefined && /127\.0\.0\.1:\d+/.test(error.message);
}

async function uploadCase(c: Case): Promise<void> {
  const name = `up-${++counter}.jpg`;
  const source = await t.demoFile('fractal.jpg', name);
  const filePath = `${domainPath}/${FOLDER}/${name}`;
  const lift = await c.arrange({ filePath, name });
  const outcome = await t.call('library.upload', { accountId: t.accounts.library, folder: FOLDER, files: [{ ref: await t.app.grantFile(source) }] });
  const queued = outcome.queued[0];
  if (!queued) throw new Error(`refused: ${outcome.refused[0]?.error.message}`);
  const failed = await t.waitForTransfer(queued.id);
  t.sandbox.faults.clear();
  front.clear();
  if (lift) await lift();
  const afterFailure = await serverFiles();
  const temps = await sandboxUploadTemps();
  const savedAfterFailure = await savedState(failed.id);
  const retried = await retry(failed);
  const afterRetry = await serverFiles();
  const error = failed.error;
  const codes = Array.isArray(c.code) ? c.code : [c.code];
  const checks = new Checks()
    .that('the transfer failed', failed.state === 'failed')
    .that(`the error code is ${codes.join(' or ')}`, error !== undefined && codes.includes(error.code))
    .that('the message names the file or the server', error !== undefined && (error.message.includes(name) || hostNamed(error)))
    .that(`the message says ${c.says}`, error !== undefined && c.says.test(error.message))
    .that('the details are right', c.details === undefined || (error !== undefined && c.details(error)))
    .that('no entry is left under the file name on the server', !afterFailure.has(name))
    .that('no upload temp left on the server', temps.length === 0)
    .that('the retry succeeded under the same name', retried.state === 'done' && retried.result?.savedTo === `${FOLDER}/${name}`)
    .that('the server lists the whole file', afterRetry.get(name) === seededBytes.length)
    .that('the saved queue said failed, then done', savedAfterFailure === 'failed' && (await savedState(failed.id)) === 'done');
  report.judge(
    `upload: ${c.name}`,
    c.expected,
    `failed with ${error?.code}: "${error?.message}"${error?.details?.retryAfter !== undefined ? ` (retryAfter ${error.details.retryAfter} s)` : ''}; server entry after failure: ${afterFailure.has(name) ? 'present' : 'none'}; retry: ${retried.state}`,
    checks,
  );
  expect(checks.failed()).toEqual([]);
}

async function downloadCase(c: Case): Promise<void> {
  const dest = await fs.mkdtemp(path.join(t.workDir, 'dl-'));
  const filePath = `${domainPath}/${FOLDER}/${SEEDED}`;
  const lift = await c.arrange({ filePath, name: SEEDED });
  const [queued] = await t.call('library.download', { accountId: t.accounts.library, folder: FOLDER, grantId: await t.app.grantFolder(dest), files: [{ name: SEEDED, size: seededBytes.length }] });
  const failed = await t.waitForTransfer(queued?.id ?? '');
  t.sandbox.faults.clear();
  front.clear();
  if (lift) await lift();
  const leftAfterFailure = await fs.readdir(dest);
  const savedAfterFailure = await savedState(failed.id);
  const retried = await retry(failed);
  const leftAfterRetry = await fs.readdir(dest);
  const saved = await fs.readFile(path.join(dest, SEEDED)).catch(() => null);
  const error = failed.error;
  const codes = Array.isArray(c.code) ? c.code : [c.code];
  const checks = new Checks()
    .that('the transfer failed', failed.state === 'failed')
    .that(`the error code is ${codes.join(' or ')}`, error !== undefined && codes.includes(error.code))
    .that('the message names the file or the server', error !== undefined && (error.message.includes(SEEDED) || hostNamed(error)))
    .that(`the message says ${c.says}`, error !== undefined && c.says.test(error.message))
    .that('the details are right', c.details === undefined || (error !== undefined && c.details(error)))
    .that('nothing at all is left in the folder (no file under its name, no temp)', leftAfterFailure.length === 0)
    .that('the retry succeeded', retried.state === 'done')
    .that('only the file is there after the retry', leftAfterRetry.length === 1 && leftAfterRetry[0] === SEEDED)
    .that('it has exactly the bytes of the library file', saved !== null && saved.equals(seededBytes))
    .that('the saved queue said failed, then done', savedAfterFailure === 'failed' && (await savedState(failed.id)) === 'done');
  report.judge(
    `download: ${c.name}`,
    c.expected,
    `failed with ${error?.code}: "${error?.message}"${error?.details?.retryAfter !== undefined ? ` (retryAfter ${error.details.retryAfter} s)` : ''}; left in the folder: [${leftAfterFailure.join(', ')}]; retry: ${retried.state}`,
    checks,
  );
  expect(checks.failed()).toEqual([]);
}

/** The proxy in front answers once instead of the sandbox; the account points at the proxy until the fault is lifted. */
function viaFront(match: (p: { filePath: string }) => Parameters<ScriptableProxy['answer']>[0], answer: ProxyAnswer): Case['arrange'] {
  return async (p) => {
    front.answer(match(p), answer);
    return pointAt(front.origin);
  };
}

const bytesGet = ({ filePath }: { filePath: string }) => ({ method: 'GET', path: filePath, when: wantsBytes });
const uploadPost = ({ filePath }: { filePath: string }) => ({ method: 'POST', path: filePath });

describe('media library upload under faults', () => {
  it('the connection is dropped mid-upload', () =>
    uploadCase({
      name: 'connection dropped mid-upload (after 20 kB)',
      expected: 'failed, network error; the empty entry the upload made is deleted; retry uploads the whole file under the same name',
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'POST', path: filePath, times: 1 }, { kind: 'dropRequest', afterBytes: 20_000 });
      },
      code: 'network',
      says: /dropped|interrupted/,
    }));

  it.each([500, 503] as const)('the server answers %i', (status) =>
    uploadCase({
      name: `server answers ${status} after receiving the bytes`,
      expected: `failed, remote error naming the file and HTTP ${status} with the server's message; no entry left; retry succeeds`,
      arrange: viaFront(uploadPost, json(status, { message: 'Disk quota service down' })),
      code: 'remote',
      says: new RegExp(`HTTP ${status}.*Disk quota service down`),
    }));

  it('429 with Retry-After', () =>
    uploadCase({
      name: '429 with Retry-After: 11',
      expected: 'failed, rate_limited with details.retryAfter 11; no entry left; retry succeeds',
      arrange: viaFront(uploadPost, json(429, { message: 'Too many uploads' }, { 'retry-after': '11' })),
      code: 'rate_limited',
      says: /limiting requests.*Too many uploads/,
      details: (e) => e.details?.retryAfter === 11,
    }));

  it('a server slower than the timeout', () =>
    uploadCase({
      name: 'server slower than the timeout (8 s, timeout 3 s)',
      expected: 'failed, timeout naming the server; no entry left; retry succeeds',
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'POST', path: filePath, times: 1 }, { kind: 'delay', ms: 8000 });
      },
      code: 'timeout',
      says: /did not answer|stopped sending/,
    }));

  it('connection refused, then the server comes back', async () => {
    const port = await closedPort();
    let proxy: TestServer | undefined;
    await uploadCase({
      name: 'connection refused on a closed loopback port, then the server comes back on it',
      expected: 'failed, network "refused" naming host:port; retry succeeds once a server listens there',
      arrange: async () => {
        const restore = await pointAt(`http://127.0.0.1:${port}`);
        return async () => {
          proxy = await startProxy(t.sandbox.baseUrl, { port });
          // The retry runs against the port that came back; the account goes back to the sandbox afterwards.
          setRestore(restore);
        };
      },
      code: 'network',
      says: new RegExp(`127\\.0\\.0\\.1:${port}.*refused`),
    }).finally(async () => {
      await proxy?.close();
      await runRestore();
    });
  });
});

let pendingRestore: (() => Promise<void>) | undefined;
function setRestore(restore: () => Promise<void>): void {
  pendingRestore = restore;
}
async function runRestore(): Promise<void> {
  const restore = pendingRestore;
  pendingRestore = undefined;
  await restore?.();
}

describe('media library download under faults', () => {
  it('the connection is dropped mid-download', () =>
    downloadCase({
      name: 'connection dropped mid-download, every time (after 10 kB of 68 kB, resumes included)',
      expected: 'failed, network error naming the file and how much arrived; no file and no temp in the folder; retry saves the whole file',
      // Every GET: the details (JSON, a few hundred bytes) pass whole, the bytes are cut, and so is each resume
      // (the client resumes a drop a bounded number of times; a drop it resumes is tested in test/main/providers).
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'GET', path: filePath }, { kind: 'drop', afterBytes: 10_000 });
      },
      code: 'network',
      says: /interrupted after \d+ of \d+ bytes|incomplete|dropped/,
    }));

  it.each([500, 503] as const)('the server answers %i', (status) =>
    downloadCase({
      name: `server answers ${status} to the bytes`,
      expected: `failed, remote error naming the file and HTTP ${status}; nothing in the folder; retry succeeds`,
      arrange: viaFront(bytesGet, json(status, { message: 'Object store unavailable' })),
      code: 'remote',
      says: new RegExp(`${SEEDED.replace('.', '\\.')}.*HTTP ${status}.*Object store unavailable`),
    }));

  it('429 with Retry-After', () =>
    downloadCase({
      name: '429 with Retry-After: 5 on the bytes',
      expected: 'failed, rate_limited with details.retryAfter 5; nothing in the folder; retry succeeds',
      arrange: viaFront(bytesGet, json(429, { message: 'Slow down' }, { 'retry-after': '5' })),
      code: 'rate_limited',
      says: /limiting requests/,
      details: (e) => e.details?.retryAfter === 5,
    }));

  it('a server slower than the timeout', () =>
    downloadCase({
      name: 'server slower than the timeout (8 s, timeout 3 s)',
      expected: 'failed, timeout naming the server; nothing in the folder; retry succeeds',
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'GET', path: filePath, times: 1 }, { kind: 'delay', ms: 8000 });
      },
      code: 'timeout',
      says: /did not answer|stopped sending/,
    }));

  it('connection refused, then the server comes back', async () => {
    const port = await closedPort();
    let proxy: TestServer | undefined;
    await downloadCase({
      name: 'connection refused on a closed loopback port, then the server comes back on it',
      expected: 'failed, network "refused" naming host:port; nothing in the folder; retry succeeds once a server listens there',
      arrange: async () => {
        const restore = await pointAt(`http://127.0.0.1:${port}`);
        return async () => {
          proxy = await startProxy(t.sandbox.baseUrl, { port });
          setRestore(restore);
        };
      },
      code: 'network',
      says: new RegExp(`127\\.0\\.0\\.1:${port}.*refused`),
    }).finally(async () => {
      await proxy?.close();
      await runRestore();
    });
  });

  it('malformed JSON', () =>
    downloadCase({
      name: "malformed JSON for the file's details",
      expected: 'failed, protocol error naming the file ("not JSON"); nothing in the folder; retry succeeds',
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'GET', path: filePath, times: 1 }, { kind: 'malformed', body: '{"entry": [{"id": "reliability/fractal.jpg", ', contentType: 'application/json' });
      },
      code: 'protocol',
      says: /not JSON/,
    }));

  it('an answer over the size cap', () =>
    downloadCase({
      name: "file details over the 1 MiB cap (1.1 MiB of JSON)",
      expected: 'failed, too_large naming the file and the limit; nothing in the folder; retry succeeds',
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'GET', path: filePath, times: 1 }, { kind: 'malformed', body: JSON.stringify({ entry: [{ id: `${FOLDER}/${SEEDED}`, pad: 'x'.repeat(1100 * 1024) }] }), contentType: 'application/json' });
      },
      code: 'too_large',
      says: /larger than the \d+-byte limit/,
    }));

  it('a wrong content type for the details', () =>
    downloadCase({
      name: "wrong content type: an HTML page (200 text/html) for the file's details",
      expected: 'failed, protocol error naming the file and the type; nothing in the folder; retry succeeds',
      arrange: async ({ filePath }) => {
        t.sandbox.faults.set({ method: 'GET', path: filePath, times: 1 }, { kind: 'malformed', body: '<!doctype html><title>Sign in to the Wi-Fi</title>', contentType: 'text/html' });
      },
      code: 'protocol',
      says: /not JSON.*text\/html/,
    }));

  it('a wrong content type for the bytes', () =>
    downloadCase({
      name: 'wrong content type: an HTML page (200 text/html) instead of the bytes',
      expected: 'failed, protocol error naming the server and text/html (not a type the request accepts); nothing in the folder; retry succeeds',
      arrange: viaFront(bytesGet, { status: 200, headers: { 'content-type': 'text/html' }, body: '<!doctype html><title>Sign in to the Wi-Fi</title>' }),
      code: 'protocol',
      says: /text\/html instead of the file's bytes/,
    }));

  it('a redirect loop and a redirect to another origin are not followed', async () => {
    const other = await startScriptedServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(seededBytes);
    });
    try {
      await downloadCase({
        name: 'redirect (302) of the bytes to itself (a loop)',
        expected: 'not followed: failed naming the file and HTTP 302; retry succeeds',
        arrange: async (p) => viaFront(bytesGet, { status: 302, headers: { location: `${front.origin}${p.filePath}` } })(p),
        code: 'remote',
        says: /redirected.*302.*not followed/,
      });
      await downloadCase({
        name: 'redirect (307) of the bytes to another origin',
        expected: 'not followed, so the password never reaches the other origin; failed naming HTTP 307; retry succeeds',
        arrange: async (p) => viaFront(bytesGet, { status: 307, headers: { location: `${other.origin}${p.filePath}` } })(p),
        code: 'remote',
        says: /redirected.*307.*not followed/,
      });
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('an HTML page of exactly the listed size, sent as text/html instead of the media', () => {
    const html = Buffer.alloc(seededBytes.length, ' ');
    html.write('<!doctype html><title>Sign in</title>');
    return downloadCase({
      name: 'a 200 text/html page of exactly the listed size instead of the bytes',
      expected: 'failed, protocol error naming the server and text/html (the request accepts only octet-stream, audio/*, image/*, video/*); nothing in the folder; retry succeeds',
      arrange: viaFront(bytesGet, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html.toString('latin1') }),
      code: 'protocol',
      says: /text\/html instead of the file's bytes/,
    });
  });

  it('an https server with a self-signed certificate: refused until trusted for this account', async () => {
    const tls = await startProxy(t.sandbox.baseUrl, { tls: cert });
    try {
      await downloadCase({
        name: `https with a self-signed certificate (${cert.source}), then trusted for this account`,
        expected: 'refused: network error naming the server and "not trusted"; retry succeeds once the account trusts the certificate',
        arrange: async () => {
          const restore = await pointAt(tls.origin);
          return async () => {
            await t.call('accounts.update', { accountId: t.accounts.library, config: { ...libraryConfig(), trustedCertificate: cert.cert }, secret: t.app.services.accounts.secret(t.accounts.library) });
            setRestore(restore);
          };
        },
        code: 'network',
        says: /not trusted/,
      });
      expect(tls.requests.some((r) => r.headers.accept !== undefined && /octet-stream/.test(String(r.headers.accept)))).toBe(true);
    } finally {
      await tls.close();
      await runRestore();
    }
  });
});

describe('media library: afterwards', () => {
  it('no typed secret is in the data dir, the log or anything the renderer was sent', async () => {
    const leaks = await findSecretLeaks(t);
    const checks = new Checks().that('no leak', leaks.length === 0);
    report.judge('secrets after every library flow above', 'no typed secret in the data dir, the log, or the contract answers and events', describeLeaks(leaks), checks);
    expect(leaks).toEqual([]);
  });
});
