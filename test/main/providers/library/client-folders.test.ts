import { describe, expect, it } from 'vitest';
import { expectAppError, useHarness } from './harness.js';

const h = useHarness();

describe('LibraryClient folders', () => {
  it('lists the folders of the domain with their properties', async () => {
    const folder = h.fake.addFolder('prompts');
    folder.acl.readUsers = ['u-admin', 'u-other'];
    h.fake.addFolder('voicemail', 'u-other');
    const folders = await h.client.listFolders();
    expect(folders).toEqual([
      { id: 'prompts', name: 'prompts', createdBy: 'u-admin', createdWith: 'app-desk', createdOn: '2024-05-01T10:00:00Z', acl: { readUsers: ['u-admin', 'u-other'], readApps: [], writeUsers: [], writeApps: [] } },
      { id: 'voicemail', name: 'voicemail', createdBy: 'u-other', createdWith: 'app-desk', createdOn: '2024-05-01T10:00:00Z', acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } },
    ]);
    const request = h.fake.requests[0];
    expect(request?.method).toBe('GET');
    expect(request?.url).toBe('/rest/1.0/media/demo');
  });

  it('sends Basic credentials and the application id on every request', async () => {
    h.fake.addFolder('prompts');
    await h.client.listFolders();
    await h.client.getFolder('prompts');
    expect(h.fake.requests).toHaveLength(2);
    for (const request of h.fake.requests) {
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('u-admin:pw-admin').toString('base64')}`);
      expect(request.headers['x-application-id']).toBe('app-desk');
    }
  });

  it('creates a folder with a JSON {"id"} body and returns the Location of the 201', async () => {
    const created = await h.client.createFolder('new folder');
    expect(created).toEqual({ id: 'new folder', location: `${h.fake.serverUrl}/rest/1.0/media/demo/new%20folder` });
    expect(h.fake.folders.has('new folder')).toBe(true);
    const request = h.fake.requests[0];
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['transfer-encoding']).toBeUndefined();
    expect(Number(request?.headers['content-length'])).toBe(JSON.stringify({ id: 'new folder' }).length);
  });

  it('reports an existing folder as a conflict naming it', async () => {
    h.fake.addFolder('prompts');
    await expectAppError(h.client.createFolder('prompts'), 'conflict', /A folder named "prompts" already exists in domain "demo" on 127\.0\.0\.1:\d+: folder exists/);
  });

  it('reads a folder: its own properties and one entry per file, named without the folder prefix', async () => {
    h.fake.addFile('prompts', 'hello.mp3', Buffer.from('12345'));
    h.fake.addFile('prompts', 'bye.mp3', Buffer.alloc(0), 'u-other');
    const details = await h.client.getFolder('prompts');
    expect(details.folder).toMatchObject({ id: 'prompts', name: 'prompts', createdBy: 'u-admin' });
    expect(details.files.map((f) => [f.id, f.folder, f.name, f.size, f.createdBy])).toEqual([
      ['prompts/hello.mp3', 'prompts', 'hello.mp3', 5, 'u-admin'],
      ['prompts/bye.mp3', 'prompts', 'bye.mp3', 0, 'u-other'],
    ]);
  });

  it('percent-encodes ids in the path', async () => {
    h.fake.addFolder('été #1?');
    await h.client.getFolder('été #1?');
    expect(h.fake.requests[0]?.url).toBe('/rest/1.0/media/demo/%C3%A9t%C3%A9%20%231%3F');
  });

  it('deletes a folder (204)', async () => {
    h.fake.addFolder('old');
    await h.client.deleteFolder('old');
    expect(h.fake.folders.has('old')).toBe(false);
    expect(h.fake.requests[0]?.method).toBe('DELETE');
  });
});

describe('LibraryClient error answers', () => {
  it('maps 401 to unauthorized, naming the user and application but never the password', async () => {
    const client = h.clientWith({}, { password: 'wrong-secret' });
    const err = await expectAppError(client.listFolders(), 'unauthorized', /credentials of user "u-admin" with application "app-desk".*bad credentials/);
    expect(err.message).not.toContain('wrong-secret');
    expect(err.details?.status).toBe(401);
  });

  it('maps 403 to forbidden with the server message', async () => {
    h.fake.intercept('GET', '/media/demo/secret', (_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'no read access' }));
    });
    await expectAppError(h.client.getFolder('secret'), 'forbidden', /Access to folder "secret" was refused by 127\.0\.0\.1:\d+: no read access/);
  });

  it('maps 404 to not_found, with a generic message when the server gives none', async () => {
    h.fake.intercept('GET', '/media/demo/gone', (_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html>Not here</html>');
    });
    await expectAppError(h.client.getFolder('gone'), 'not_found', /^Folder "gone" was not found on 127\.0\.0\.1:\d+\.$/);
  });

  it('maps 409 on delete to a conflict that suggests the folder is not empty', async () => {
    h.fake.intercept('DELETE', '/media/demo/full', (_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'folder not empty' }));
    });
    await expectAppError(h.client.deleteFolder('full'), 'conflict', /could not be deleted.*not be empty.*: folder not empty/);
  });

  it('maps 5xx to remote and 429 to rate_limited with Retry-After', async () => {
    h.fake.intercept('GET', '/media/demo/broken', (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('maintenance\r\nwindow');
    });
    h.fake.intercept('GET', '/media/demo/busy', (_req, res) => {
      res.writeHead(429, { 'retry-after': '7' });
      res.end();
    });
    await expectAppError(h.client.getFolder('broken'), 'remote', /failed while handling folder "broken" \(HTTP 503\): maintenance window$/);
    const limited = await expectAppError(h.client.getFolder('busy'), 'rate_limited');
    expect(limited.details).toEqual({ status: 429, retryAfter: 7 });
  });

  it('does not follow a redirect', async () => {
    h.fake.intercept('GET', '/media/demo/moved', (_req, res) => {
      res.writeHead(302, { location: 'http://example.invalid/elsewhere' });
      res.end();
    });
    await expectAppError(h.client.getFolder('moved'), 'remote', /redirects are not followed/);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('reports a cancel that lands while the answer is arriving as cancelled, not as a dropped connection', async () => {
    const controller = new AbortController();
    h.fake.intercept('GET', '/media/demo/slow', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      // Part of the body, then the user cancels while the rest is awaited.
      res.write('{"entry": [', () => setTimeout(() => controller.abort(), 20));
    });
    await expectAppError(h.client.getFolder('slow', { signal: controller.signal }), 'cancelled');
  });

  it('reports a refused connection as a network error naming the server', async () => {
    const url = h.fake.serverUrl;
    await h.fake.close();
    const client = h.clientWith({}, { serverUrl: url });
    await expectAppError(client.listFolders(), 'network', /127\.0\.0\.1:\d+.*refused/);
  });
});
