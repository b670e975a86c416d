// "Test connection" says what it proved: a generic account's precheck checks the credentials; without one, only the
// server was reached, and the result says so instead of "OK". An unsaved configuration can be tested, and a saved
// secret goes with it only where it is bound.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountConfig, AccountSummary } from '../../../main/common/accounts';
import type { ConnectionTestResult } from '../../../main/common/methods/core';
import { bootTestApp } from '../../helpers/app-harness';

type App = Awaited<ReturnType<typeof bootTestApp>>;
let app: App;
const servers: http.Server[] = [];
const seen: Array<{ port: number; url: string; authorization: string | undefined }> = [];
const SECRET = 'stored-secret-0001';

/** A server that accepts nothing but the right password in a precheck's query, and 200s every HEAD. */
async function server(): Promise<string> {
  const s = http.createServer((req, res) => {
    const port = (s.address() as AddressInfo).port;
    seen.push({ port, url: req.url ?? '', authorization: req.headers.authorization });
    if (req.method === 'HEAD') return void res.writeHead(200).end();
    const right = (req.url ?? '').includes(`password=${SECRET}`);
    res.writeHead(right ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

async function call<T>(method: string, args: unknown): Promise<T> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

let origin: string;
let other: string;
beforeAll(async () => {
  app = await bootTestApp();
  origin = await server();
  other = await server();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await app.cleanup();
});

const generic = (base: string, precheck: boolean): AccountConfig => ({
  kind: 'generic',
  label: 'Media',
  username: 'me',
  variables: {},
  settings: {
    genericMediaUploadUrl: `${base}/upload`,
    genericMediaUploadMultipartData: 'media=%media_content%',
    ...(precheck ? { genericMediaUploadPrecheckUrl: `${base}/precheck?user=%account[username]%&password=%account[password]%` } : {}),
  },
});

describe('testing a media-upload account', () => {
  it('without a precheck: says the server answered and the credentials were not checked, not OK', async () => {
    const result = await call<ConnectionTestResult>('accounts.testConfig', { config: generic(origin, false), secret: 'bogus' });
    expect(result).toMatchObject({ ok: true, scope: 'server' });
    expect(result.message).toMatch(/were not checked/);
  });

  it('with a precheck: runs it, so a bogus password fails and the right one passes', async () => {
    const bogus = await call<ConnectionTestResult>('accounts.testConfig', { config: generic(origin, true), secret: 'bogus' });
    expect(bogus.ok).toBe(false);
    const right = await call<ConnectionTestResult>('accounts.testConfig', { config: generic(origin, true), secret: SECRET });
    expect(right).toMatchObject({ ok: true, message: expect.stringMatching(/precheck passed/) });
  });

  it('uses a saved secret for an unsaved config only where it is bound', async () => {
    const created = await call<AccountSummary>('accounts.create', { config: generic(origin, true), secret: SECRET });
    const same = await call<ConnectionTestResult>('accounts.testConfig', { config: { ...generic(origin, true), label: 'Renamed' }, accountId: created.id });
    expect(same.ok).toBe(true);

    seen.length = 0;
    const moved = await call<ConnectionTestResult>('accounts.testConfig', { config: generic(other, true), accountId: created.id });
    expect(moved.ok).toBe(false);
    expect(seen.filter((r) => r.url.includes(SECRET))).toEqual([]);
  });
});
