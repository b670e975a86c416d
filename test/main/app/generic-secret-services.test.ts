// A generic account's password is bound to the services that carry it, not only to their URLs: its upload goes to
// server A with the password in the form; its precheck and reference send go to server B without it. A window that
// edits only a template of B's service (a PostData, or an …AuthPassword typed as %account[password]%) must not make
// the app send A's password to B, neither after saving nor in a test of the unsaved configuration.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import { bootTestApp } from '../../helpers/app-harness';

const PASSWORD = 'Only-For-A ä+%&=';
let app: Awaited<ReturnType<typeof bootTestApp>>;
const seenByB: string[] = [];
const serverA = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ media_url: 'https://media.example/1.jpg' })));
});
// B asks for Basic credentials, and records every body and Authorization it is sent.
const serverB = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('latin1');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const authorization = req.headers.authorization;
    seenByB.push(`${decodeURIComponent(body.replace(/\+/g, ' '))} ${authorization ? Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString() : ''}`);
    if (!authorization) res.writeHead(401, { 'www-authenticate': 'Basic realm="b"' }).end();
    else res.writeHead(200).end('ok');
  });
});
const origin = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  await Promise.all([serverA, serverB].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  app = await bootTestApp();
});
afterAll(async () => {
  await app.cleanup();
  serverA.close();
  serverB.close();
});
beforeEach(() => void (seenByB.length = 0));

async function call<T>(method: string, args: unknown): Promise<T> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

function accountAtoB(label: string) {
  return {
    kind: 'generic' as const,
    label,
    username: 'u',
    variables: {},
    settings: {
      genericMediaUploadUrl: `${origin(serverA)}/upload`,
      genericMediaUploadMultipartData: 'user=%account[username]%&pass=%account[password]%&media=%media_content%',
      genericMediaUploadPrecheckUrl: `${origin(serverB)}/precheck`,
      genericMediaUploadPrecheckPostData: 'size=%media_size%',
      genericMediaRefSendUrl: `${origin(serverB)}/notify`,
      genericMediaRefSendPostData: 'to=%sms_to%&url=%media_url%',
    },
  };
}

const leaked = () => seenByB.some((seen) => seen.includes('Only-For-A'));

describe("a generic account's password and the services that carry it", () => {
  it('is dropped when a service that did not carry it starts to (the reference send’s PostData), and B never gets it', async () => {
    const config = accountAtoB('G1');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const edited = { ...config, settings: { ...config.settings, genericMediaRefSendPostData: 'to=%sms_to%&url=%media_url%&leak=%account[password]%' } };
    const updated = await call<AccountSummary>('accounts.update', { accountId: id, config: edited });
    expect(updated.secretSet).toBe(false);
    const staged = await app.staging.stage('photo.jpg', fs.createReadStream('assets/demo/ocean-gradient.jpg'));
    const [queued] = await call<Array<{ id: string }>>('generic.upload', { accountId: id, files: [staged], recipients: ['+15551230001'], description: 'd' });
    const finished = () => app.services.transfers.list().find((item) => item.id === queued?.id && ['done', 'failed', 'cancelled'].includes(item.state));
    for (let i = 0; i < 100 && !finished(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished()).toBeDefined();
    expect(leaked()).toBe(false);
  });

  it('is not used by a test of an unsaved configuration whose precheck PostData names it', async () => {
    const config = accountAtoB('G2');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const edited = { ...config, settings: { ...config.settings, genericMediaUploadPrecheckPostData: 'size=%media_size%&leak=%account[password]%' } };
    await call('accounts.testConfig', { accountId: id, config: edited });
    expect(leaked()).toBe(false);
  });

  it('is not used when an …AuthPassword is typed as %account[password]% for a service that did not carry it', async () => {
    const config = accountAtoB('G3');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const edited = { ...config, settings: { ...config.settings, genericMediaUploadPrecheckAuthUsername: 'x' } };
    const authSecrets = { genericMediaUploadPrecheckAuthPassword: '%account[password]%' };
    await call('accounts.testConfig', { accountId: id, config: edited, authSecrets });
    expect(leaked()).toBe(false);
    const updated = await call<AccountSummary>('accounts.update', { accountId: id, config: edited, authSecrets });
    expect(updated.secretSet).toBe(false);
  });

  it('is kept for an edit that sends it nowhere new: other words in the PostData of a service that does not carry it', async () => {
    const config = accountAtoB('G4');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const reworded = { ...config, settings: { ...config.settings, genericMediaRefSendPostData: 'recipient=%sms_to%&link=%media_url%' } };
    const updated = await call<AccountSummary>('accounts.update', { accountId: id, config: reworded });
    expect(updated.secretSet).toBe(true);
    expect(app.services.accounts.secret(id)).toBe(PASSWORD);
  });

  it('is dropped when a template of the service that carries it changes (generic-secret-templates.test.ts)', async () => {
    const config = accountAtoB('G5');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const reworded = { ...config, settings: { ...config.settings, genericMediaUploadMultipartData: 'login=%account[username]%&pw=%account[password]%&file=%media_content%' } };
    const updated = await call<AccountSummary>('accounts.update', { accountId: id, config: reworded });
    expect(updated.secretSet).toBe(false);
  });
});
