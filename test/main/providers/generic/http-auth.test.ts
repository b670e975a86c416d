// HTTP authentication of the generic upload, its precheck and its reference send, against a server on loopback that
// demands Digest or Basic (test/main/providers/http/auth-server.ts): each algorithm, a wrong password, a stale
// nonce, the large body sent only once, no credentials to another origin, none over plain http to a remote host.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../main/common/errors.js';
import { uploadGenericMedia, type GenericConnection, type GenericUploadRequest } from '../../../../main/providers/generic/client.js';
import type { GenericSettingsInput } from '../../../../main/providers/generic/templates.js';
import { makeJpeg, makeTempDir } from '../../core/media/media-fixtures.js';
import { startAuthServer, type AuthServer, type AuthServerOptions } from '../http/auth-server.js';
import { startMediaServer, type MediaServer } from './upload-server.js';

const USER = 'Jö "uploader"';
const PASSWORD = `p%:+"\\ü`; // as the server knows it; the account keeps it as a template ('%%' for '%')
const PASSWORD_TEMPLATE = PASSWORD.replace(/%/g, '%%');
const BIG_BYTES = 3 * 1024 * 1024;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let photo: GenericUploadRequest['file'];
let big: GenericUploadRequest['file'];
const servers: Array<AuthServer | MediaServer> = [];

beforeAll(async () => {
  temp = await makeTempDir('http-auth');
  const bytes = makeJpeg(64, 48);
  photo = { path: await temp.file('photo.jpg', bytes), name: 'photo.jpg', size: bytes.length, contentType: 'image/jpeg' };
  const large = Buffer.concat([makeJpeg(8, 8), Buffer.alloc(BIG_BYTES, 7)]);
  big = { path: await temp.file('big.jpg', large), name: 'big.jpg', size: large.length, contentType: 'image/jpeg' };
});
afterAll(async () => {
  await temp.remove();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function authServer(options: Partial<AuthServerOptions> = {}, answer?: Parameters<typeof startAuthServer>[1]): Promise<AuthServer> {
  const server = await startAuthServer({ scheme: 'digest', username: USER, password: PASSWORD, ...options }, answer);
  servers.push(server);
  return server;
}

function answers(path: string): { status: number; body: string } {
  return path.startsWith('/upload') ? { status: 200, body: '{"media_url":"https://media.example/m/1.jpg"}' } : { status: 200, body: '{}' };
}

/** Upload (and optionally precheck and reference send) on origin, each with the user name and password. */
function connection(origin: string, services: { precheck?: boolean; refSend?: boolean } = {}, settings: GenericSettingsInput = {}, passwords: GenericConnection['authPasswords'] = {}): GenericConnection {
  return {
    settings: {
      genericMediaUploadUrl: `${origin}/upload?to=%sms_to%`,
      genericMediaUploadMultipartData: 'from=%account[username]%&file=%media_content%',
      genericMediaUploadAuthUsername: '%account[authUser]%',
      ...(services.precheck ? { genericMediaUploadPrecheckUrl: `${origin}/precheck?size=%media_size%`, genericMediaUploadPrecheckAuthUsername: '%account[authUser]%' } : {}),
      ...(services.refSend ? { genericMediaRefSendUrl: `${origin}/send`, genericMediaRefSendPostData: 'to=%sms_to%&url=%media_url%', genericMediaRefSendAuthUsername: USER } : {}),
      ...settings,
    },
    account: { username: 'john', password: 'account-secret', authUser: USER },
    secretKeys: ['password'],
    authPasswords: {
      genericMediaUploadAuthPassword: PASSWORD_TEMPLATE,
      ...(services.precheck ? { genericMediaUploadPrecheckAuthPassword: PASSWORD_TEMPLATE } : {}),
      ...(services.refSend ? { genericMediaRefSendAuthPassword: PASSWORD_TEMPLATE } : {}),
      ...passwords,
    },
  };
}

const request = (file = photo): GenericUploadRequest => ({ file, recipients: ['+15550100'], description: 'auth' });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('generic upload: HTTP authentication', () => {
  for (const algorithm of ['MD5', 'SHA-256']) {
    it(`Digest ${algorithm}: the precheck, the upload and the reference send each answer the challenge`, async () => {
      const server = await authServer({ algorithms: [algorithm] }, answers);
      const result = await uploadGenericMedia(connection(server.origin, { precheck: true, refSend: true }), request());
      expect(result.mediaUrl).toBe('https://media.example/m/1.jpg');
      expect(result.referenceSends).toEqual([{ recipient: '+15550100', ok: true }]);
      const succeeded = server.requests.filter((r) => r.status === 200);
      expect(succeeded.map((r) => r.path.split('?')[0])).toEqual(['/precheck', '/upload', '/send']);
      for (const r of succeeded) expect(r.authorization).toContain(`algorithm=${algorithm}`);
      // The precheck learnt the challenge: the upload reused it and went through at its first request.
      expect(server.requests.filter((r) => r.path.startsWith('/upload'))).toHaveLength(1);
      expect(result.authentication).toEqual({ scheme: `Digest (${algorithm})`, source: 'reused' });
    });
  }

  it('chooses SHA-256 when the server offers MD5 too, and answers userhash', async () => {
    const server = await authServer({ algorithms: ['MD5', 'SHA-256'], userhash: true }, answers);
    await uploadGenericMedia(connection(server.origin), request());
    expect(server.requests.at(-1)?.authorization).toContain('algorithm=SHA-256');
    expect(server.requests.at(-1)?.status).toBe(200);
  });

  it('Basic: answered when that is all the server asks for', async () => {
    const server = await authServer({ scheme: 'basic' }, answers);
    const result = await uploadGenericMedia(connection(server.origin, { precheck: true }), request());
    expect(result.mediaUrl).toBe('https://media.example/m/1.jpg');
    expect(server.requests.map((r) => r.status)).toEqual([401, 200, 200]);
  });

  it('a wrong password is "refused the user name or password", after one answer and no loop', async () => {
    const server = await authServer({ algorithms: ['SHA-256'] }, answers);
    const error = await rejection(uploadGenericMedia(connection(server.origin, {}, {}, { genericMediaUploadAuthPassword: 'wrong' }), request()));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(/refused the user name or password \(genericMediaUploadAuthUsername \/ genericMediaUploadAuthPassword\)/);
    expect(server.requests).toHaveLength(2);
    expect(server.bodyBytes()).toBe(0); // both were refused before the body: Expect: 100-continue
  });

  it('a wrong precheck password stops the upload at the precheck, naming the precheck settings', async () => {
    const server = await authServer({}, answers);
    const error = await rejection(uploadGenericMedia(connection(server.origin, { precheck: true }, {}, { genericMediaUploadPrecheckAuthPassword: 'nope' }), request()));
    expect(error.message).toContain('genericMediaUploadPrecheckAuthUsername / genericMediaUploadPrecheckAuthPassword');
    expect(server.requests.every((r) => r.path.startsWith('/precheck'))).toBe(true);
  });

  it('a wrong reference-send password fails that recipient only, with the same clear message', async () => {
    const server = await authServer({}, answers);
    const result = await uploadGenericMedia(connection(server.origin, { refSend: true }, {}, { genericMediaRefSendAuthPassword: 'nope' }), request());
    expect(result.referenceSends[0]).toMatchObject({ ok: false, message: expect.stringContaining('refused the user name or password') as unknown });
  });

  it('a stale nonce is answered once again with the new nonce, without failing', async () => {
    const server = await authServer({ staleOnce: true, algorithms: ['MD5-sess'] }, answers);
    const result = await uploadGenericMedia(connection(server.origin), request());
    expect(result.mediaUrl).toBe('https://media.example/m/1.jpg');
    expect(server.requests.map((r) => r.status)).toEqual([401, 401, 200]);
  });

  it('the large body is sent once: the challenge comes before it (Expect: 100-continue)', async () => {
    const server = await authServer({}, answers);
    const result = await uploadGenericMedia(connection(server.origin), request(big));
    expect(server.requests.map((r) => [r.expect, r.status])).toEqual([
      ['100-continue', 401],
      ['100-continue', 200],
    ]);
    expect(server.requests[0]?.bodyBytes).toBe(0);
    expect(server.bodyBytes()).toBeGreaterThan(BIG_BYTES);
    expect(server.bodyBytes()).toBeLessThan(BIG_BYTES + 2048); // once, plus the multipart head and tail
    expect(result.authentication).toEqual({ scheme: 'Digest (MD5)', source: 'probe' });
  });

  it('a server that ignores Expect still gets the body after a short wait, and the upload succeeds', async () => {
    const server = await authServer({ ignoreExpect: true }, answers);
    const result = await uploadGenericMedia(connection(server.origin), request());
    expect(result.mediaUrl).toBe('https://media.example/m/1.jpg');
    expect(server.requests.map((r) => r.status)).toEqual([401, 200]);
  });

  it('a redirect to another origin is not followed: no credentials reach it', async () => {
    const other = await authServer({}, answers);
    const redirecting = await startMediaServer({ '/upload': () => ({ status: 307, headers: { location: `${other.origin}/upload` } }) });
    servers.push(redirecting);
    const error = await rejection(uploadGenericMedia(connection(redirecting.origin), request()));
    expect(error.message).toMatch(/307/);
    expect(other.requests).toHaveLength(0);
    expect(redirecting.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('refuses plain http to a host other than this machine, naming the setting, before anything is sent', async () => {
    const error = await rejection(uploadGenericMedia(connection('http://media.example.invalid'), request()));
    expect(error.code).toBe('insecure');
    expect(error.message).toContain('genericMediaUploadAuthUsername / genericMediaUploadAuthPassword');
    expect(error.message).toContain('media.example.invalid');
  });

  it('a user name without a saved password is a configuration error in words', async () => {
    const server = await authServer({}, answers);
    const withoutPassword = connection(server.origin);
    withoutPassword.authPasswords = {};
    const error = await rejection(uploadGenericMedia(withoutPassword, request()));
    expect(error.code).toBe('config');
    expect(error.message).toBe('genericMediaUploadAuthUsername is set but no genericMediaUploadAuthPassword is saved for this account: enter the password.');
    expect(server.requests).toHaveLength(0);
  });
});
