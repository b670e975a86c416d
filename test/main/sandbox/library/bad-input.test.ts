// Bad input to the media library: each gets a clear JSON error, and none leaves anything on disk.
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { demoAsset, httpRequest, listFiles, startTestSandbox, type TestSandbox } from '../helpers.js';
import { libraryClient, type LibraryClient } from './client.js';

const MAX_UPLOAD = 50_000;

describe('bad input to the media library', () => {
  let t: TestSandbox;
  let lib: LibraryClient;
  let filesBefore: string[];
  const d = (): string => `/${lib.domain}`;

  beforeAll(async () => {
    t = await startTestSandbox({ limits: { libraryMaxUploadBytes: MAX_UPLOAD } });
    lib = libraryClient(t.sandbox);
    expect((await lib.call('POST', d(), { json: { id: 'target' } })).status).toBe(201);
    expect((await lib.call('POST', `${d()}/target`, { json: { id: 'file.jpg' } })).status).toBe(201);
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    filesBefore = await listFiles(t.dataDir);
  });
  afterEach(async () => {
    expect(await listFiles(t.dataDir)).toEqual(filesBefore);
  });

  const expectError = (res: { status: number; json(): unknown }, status: number, message: RegExp): void => {
    expect(res.status).toBe(status);
    const body = res.json() as { message?: unknown };
    expect(typeof body.message).toBe('string');
    expect(body.message).toMatch(message);
  };

  it('malformed JSON, a body that is not {"id": string}, and unknown fields: 400', async () => {
    expectError(await lib.call('POST', d(), { body: '{"id": "x"', headers: { 'Content-Type': 'application/json' } }), 400, /Malformed JSON/);
    expectError(await lib.call('POST', d(), { json: { id: 5 } }), 400, /Expected \{"id"/);
    expectError(await lib.call('POST', d(), { json: ['x'] }), 400, /Expected \{"id"/);
    expectError(await lib.call('POST', d(), { json: { id: 'x', owner: 'me' } }), 400, /Expected \{"id"/);
    expectError(await lib.call('PUT', `${d()}/target/acl`, { json: { readUsers: 'everyone' } }), 400, /Invalid ACL/);
    expectError(await lib.call('PUT', `${d()}/target/acl`, { json: { readUsers: ['a'], readUser: ['b'] } }), 400, /not both/);
    expectError(await lib.call('PUT', `${d()}/target/acl`, { json: { readUsers: ['../x'] } }), 400, /Invalid ACL/);
    expectError(await lib.call('PUT', `${d()}/target/acl`, { json: { everyone: true } }), 400, /Invalid ACL/);
  });

  it('unknown routes: 404', async () => {
    for (const path of [`${lib.root}${d()}/target/file.jpg/acl/more`, `${lib.root}${d()}/target/missing.jpg`, `${lib.root}${d()}/missing-folder`]) {
      expectError(await httpRequest(path, { headers: { Authorization: `Basic ${Buffer.from(`${t.sandbox.accounts.library.userId}:${t.sandbox.accounts.library.password}`).toString('base64')}`, 'X-Application-Id': t.sandbox.accounts.library.appId } }), 404, /./);
    }
    for (const path of ['/rest/2.0/media/x', '/nothing/here', '/generic/nothing']) {
      const res = await httpRequest(`${t.sandbox.baseUrl}${path}`);
      expect(res.status).toBe(404);
      expect(res.text()).toMatch(/message/);
    }
  });

  it('wrong methods: 405 with an Allow header', async () => {
    const cases: Array<[string, string, string]> = [
      ['PUT', d(), 'GET, HEAD, POST'],
      ['DELETE', `${d()}/target/acl`, 'GET, HEAD, PUT'],
      ['PATCH', `${d()}/target/file.jpg`, 'GET, HEAD, POST, DELETE'],
      ['POST', `${d()}/target/file.jpg/acl`, 'GET, HEAD, PUT'],
    ];
    for (const [method, path, allow] of cases) {
      const res = await lib.call(method, path, { json: {} });
      expectError(res, 405, /not allowed/);
      expect(res.headers.allow).toBe(allow);
    }
  });

  it('oversized bodies: 413, for JSON and for file content, declared or streamed (chunked)', async () => {
    expectError(await lib.call('PUT', `${d()}/target/acl`, { json: { readUsers: Array.from({ length: 5000 }, (_, i) => `user-${i}-${'x'.repeat(20)}`) } }), 413, /too large/);
    const big = await demoAsset('fractal.jpg');
    expect(big.length).toBeGreaterThan(MAX_UPLOAD);
    expectError(await lib.call('POST', `${d()}/target/file.jpg`, { body: big, headers: { 'Content-Type': 'application/octet-stream' } }), 413, /too large/);
    expectError(await lib.call('POST', `${d()}/target/new.jpg`, { body: big, headers: { 'Content-Type': 'application/octet-stream' } }), 413, /too large/);
    const chunked = await uploadChunked(`${lib.root}${d()}/target/file.jpg`, big, {
      Authorization: `Basic ${Buffer.from(`${t.sandbox.accounts.library.userId}:${t.sandbox.accounts.library.password}`).toString('base64')}`,
      'X-Application-Id': t.sandbox.accounts.library.appId,
    });
    expect(chunked.status).toBe(413);
    const listing = (await lib.call('GET', `${d()}/target`)).json() as { entry: Array<{ id: string; size: number }> };
    expect(listing.entry).toEqual([expect.objectContaining({ id: 'target/file.jpg', size: 0 })]);
  });

  it('a JSON body to a file upload, or another content type: 415', async () => {
    expectError(await lib.call('POST', `${d()}/target/file.jpg`, { json: { id: 'x' } }), 415, /application\/octet-stream/);
    expectError(await lib.call('POST', `${d()}/target/file.jpg`, { body: 'x', headers: { 'Content-Type': 'text/html' } }), 415, /application\/octet-stream/);
  });

  describe('traversal attempts in ids, plain and encoded: 400, in paths and in bodies', () => {
    const rawPaths = [
      '/../target',
      '/%2e%2e/target',
      '/%2E%2E%2Ftarget',
      '/target/..%2f..%2fsandbox-secrets.json',
      '/target/%2e%2e%5c%2e%2e%5cx',
      '/target/a%2fb',
      '/target/a%00b',
      '/target/a%0ab',
      `/target/${'x'.repeat(129)}`,
    ];
    for (const raw of rawPaths) {
      it(`GET and POST ${raw}`, async () => {
        expectError(await lib.call('GET', `${d()}${raw}`), 400, /Invalid (folder|file) id/);
        expectError(await lib.call('POST', `${d()}${raw}`, { body: 'bytes', headers: { 'Content-Type': 'application/octet-stream' } }), 400, /Invalid (folder|file) id/);
      });
    }
    it('a domain made of dots', async () => {
      expectError(await lib.call('GET', '/%2e%2e'), 400, /Invalid domain id/);
    });
    for (const id of ['..', '../escape', 'a/b', 'a\\b', 'nul\u0000byte', 'tab\tin', '', ' padded ', 'x'.repeat(129)]) {
      it(`creating a folder or a file with id ${JSON.stringify(id)}`, async () => {
        expectError(await lib.call('POST', d(), { json: { id } }), 400, /Invalid folder id/);
        expectError(await lib.call('POST', `${d()}/target`, { json: { id } }), 400, /Invalid file id/);
      });
    }
    it('malformed percent-encoding', async () => {
      expectError(await lib.call('GET', `${d()}/%E0%A4%A`), 400, /Malformed request target/);
    });
  });
});

function uploadChunked(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' }, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    for (let i = 0; i < body.length; i += 8192) req.write(body.subarray(i, i + 8192));
    req.end();
  });
}
