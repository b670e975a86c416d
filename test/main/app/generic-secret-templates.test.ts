// A generic account's password is bound to every template of a service that already carries it, not only to the
// service's URL: a window that moves the password, inside that service, into a field the server quotes back (a
// salted %sha1(…)% in the PostData, the Basic user name) would read sha1(salt + password), an offline guess test.
// A real server on loopback that quotes back every field and the Basic user name it is sent; asserted on what it got.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../main/common/accounts';
import { bootTestApp } from '../../helpers/app-harness';

const PASSWORD = 'salted-secret-42';
const SALTED = crypto.createHash('sha1').update(`md:${PASSWORD}`).digest('hex');
let app: Awaited<ReturnType<typeof bootTestApp>>;
const heard: string[] = [];
// Answers every request with a refusal that quotes what it was sent: the body and the Basic user name.
const quoting = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    const basic = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    const said = `${req.url ?? ''} ${decodeURIComponent(body.replace(/\+/g, ' '))} ${basic}`;
    heard.push(said);
    if (req.url?.startsWith('/upload')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ media_url: 'https://media.example/1.jpg' }));
    else res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `bad request: ${said}` }));
  });
});
const origin = () => `http://127.0.0.1:${(quoting.address() as AddressInfo).port}`;

beforeAll(async () => {
  await new Promise<void>((resolve) => quoting.listen(0, '127.0.0.1', resolve));
  app = await bootTestApp();
});
afterAll(async () => {
  await app.cleanup();
  quoting.close();
});
beforeEach(() => void (heard.length = 0));

async function call<T>(method: string, args: unknown): Promise<T> {
  const answer = await app.dispatch(method, args);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

/** Every service carries the password: the precheck and the reference send in their URL's query, as the sandbox does. */
function carrying(label: string) {
  return {
    kind: 'generic' as const,
    label,
    username: 'u',
    variables: { salt: 'md:' },
    settings: {
      genericMediaUploadUrl: `${origin()}/upload?pw=%account[password]%`,
      genericMediaUploadMultipartData: 'media=%media_content%',
      genericMediaUploadPrecheckUrl: `${origin()}/precheck?pw=%account[password]%&size=%media_size%`,
      genericMediaRefSendUrl: `${origin()}/notify?pw=%account[password]%`,
      genericMediaRefSendPostData: 'to=%sms_to%&url=%media_url%&preview_type=%preview_content_type%',
    },
  };
}

const saltedHashHeard = () => heard.some((said) => said.includes(SALTED));
const passwordHeard = () => heard.some((said) => said.includes(PASSWORD));

describe('a saved password and the templates of a service that carries it', () => {
  it.each<[string, Record<string, string>, Record<string, string>?]>([
    ['a salted hash added to the PostData', { genericMediaUploadPrecheckMethod: 'POST', genericMediaUploadPrecheckPostData: 'size=%sha1(md:%account[password]%)%' }],
    ['a salted hash as the Basic user name', { genericMediaUploadPrecheckAuthUsername: '%sha1(md:%account[password]%)%' }, { genericMediaUploadPrecheckAuthPassword: 'x' }],
  ])('is not used by a test of an unsaved configuration with %s', async (_what, settings, authSecrets) => {
    const config = carrying('T');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const edited = { ...config, settings: { ...config.settings, ...settings } };
    const answer = await call<{ ok: boolean; message: string }>('accounts.testConfig', { accountId: id, config: edited, ...(authSecrets ? { authSecrets } : {}) });
    expect(heard.length).toBeGreaterThan(0);
    expect(saltedHashHeard()).toBe(false);
    expect(passwordHeard()).toBe(false);
    expect(answer.message).not.toContain(SALTED);
    // The saved configuration, tested as it is, still gets the password: the binding is to the templates, not a ban.
    await call('accounts.testConfig', { accountId: id, config });
    expect(passwordHeard()).toBe(true);
  });

  it('is not used after a variable its templates salt with is changed', async () => {
    const config = { ...carrying('V'), variables: { salt: 'md:' } };
    config.settings.genericMediaUploadPrecheckUrl = `${origin()}/precheck?h=%sha1(%account[salt]%%account[password]%)%`;
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    await call('accounts.testConfig', { accountId: id, config: { ...config, variables: { salt: 'xy:' } } });
    expect(heard.some((said) => said.includes(crypto.createHash('sha1').update(`xy:${PASSWORD}`).digest('hex')))).toBe(false);
  });

  it('is dropped when the reference send’s PostData is edited, and an upload then sends no salted hash', async () => {
    const config = carrying('U');
    const { id } = await call<AccountSummary>('accounts.create', { config, secret: PASSWORD });
    const post = config.settings.genericMediaRefSendPostData.replace('preview_type=%preview_content_type%', 'preview_type=%sha1(md:%account[password]%)%');
    const updated = await call<AccountSummary>('accounts.update', { accountId: id, config: { ...config, settings: { ...config.settings, genericMediaRefSendPostData: post } } });
    expect(updated.secretSet).toBe(false);
    const staged = await app.staging.stage('photo.jpg', fs.createReadStream('assets/demo/ocean-gradient.jpg'));
    const [queued] = await call<Array<{ id: string }>>('generic.upload', { accountId: id, files: [staged], recipients: ['+15551230001'], description: 'd' });
    const finished = () => app.services.transfers.list().find((item) => item.id === queued?.id && ['done', 'failed', 'cancelled'].includes(item.state));
    for (let i = 0; i < 100 && !finished(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished()).toBeDefined();
    expect(saltedHashHeard()).toBe(false);
    expect(passwordHeard()).toBe(false);
  });
});
