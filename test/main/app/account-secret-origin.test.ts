// A saved secret is bound to where it goes: a page that edits an account's server (and allows plain http) without
// typing the secret again must not make the next "Test connection" send the stored password to its own server.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountConfig, AccountSummary } from '../../../main/common/accounts';
import { bootTestApp } from '../../helpers/app-harness';

type App = Awaited<ReturnType<typeof bootTestApp>>;
let app: App;
let recorder: http.Server;
let recorderUrl: string;
const seen: Array<{ url: string; authorization: string | undefined }> = [];
const SECRET = 'stored !\'()*~ä é+/=%&"<> secret';

async function call<T>(method: string, args: unknown): Promise<T> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

beforeAll(async () => {
  app = await bootTestApp();
  recorder = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(401, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => recorder.close(resolve));
  await app.cleanup();
});

const library: AccountConfig = { kind: 'library', label: 'Library', serverUrl: 'https://library.example.com', domain: 'example.com', userId: 'admin', appId: 'desk' };
const twilio: AccountConfig = { kind: 'twilio', label: 'Twilio', baseUrl: 'https://api.twilio.com', accountSid: `AC${'1'.repeat(32)}`, authMode: 'authToken' };

describe('changing where an account sends its secret', () => {
  it.each([
    ['library server URL', library, { ...library, serverUrl: '', allowInsecure: true }],
    ['Twilio API base URL', twilio, { ...twilio, baseUrl: '', allowInsecure: true }],
  ])('drops the saved secret when the %s moves without a new one, and the test sends nothing there', async (_what, config, moved) => {
    const created = await call<AccountSummary>('accounts.create', { config, secret: SECRET });
    expect(created.secretSet).toBe(true);
    const target = { ...moved, ...(moved.kind === 'library' ? { serverUrl: recorderUrl } : moved.kind === 'twilio' ? { baseUrl: recorderUrl } : {}) };
    const updated = await call<AccountSummary>('accounts.update', { accountId: created.id, config: target });
    expect(updated.secretSet).toBe(false);
    seen.length = 0;
    const result = await call<{ ok: boolean; message: string }>('accounts.test', { accountId: created.id });
    expect(result.ok).toBe(false);
    expect(seen.filter((r) => r.authorization !== undefined)).toEqual([]);
    expect(app.services.accounts.secret(created.id)).toBeUndefined();
  });

  it('keeps it for a change that sends it nowhere new (the label), and takes a new one that comes with a move', async () => {
    const created = await call<AccountSummary>('accounts.create', { config: library, secret: SECRET });
    const renamed = await call<AccountSummary>('accounts.update', { accountId: created.id, config: { ...library, label: 'Renamed', userId: 'other' } });
    expect(renamed.secretSet).toBe(true);
    const moved = await call<AccountSummary>('accounts.update', { accountId: created.id, config: { ...library, serverUrl: 'https://elsewhere.example.com' }, secret: 'typed again' });
    expect(moved.secretSet).toBe(true);
    expect(app.services.accounts.secret(created.id)).toBe('typed again');
  });
});
