import { describe, expect, it } from 'vitest';
import { emptyAcl } from '../../../../main/common/library-acl.js';
import { expectAppError, useHarness } from './harness.js';

const h = useHarness();

describe('LibraryClient ACLs', () => {
  it("reads a folder's ACL", async () => {
    const folder = h.fake.addFolder('prompts');
    folder.acl.readApps = ['app-desk'];
    const info = await h.client.getAcl({ folder: 'prompts' });
    expect(info).toMatchObject({ id: 'prompts', createdBy: 'u-admin', acl: { ...emptyAcl(), readApps: ['app-desk'] } });
    expect(h.fake.requests[0]?.url).toBe('/rest/1.0/media/demo/prompts/acl');
  });

  it("reads a file's ACL", async () => {
    const file = h.fake.addFile('prompts', 'hello.mp3', Buffer.from('x'));
    file.acl.writeUsers = ['u-other'];
    const info = await h.client.getAcl({ folder: 'prompts', file: 'hello.mp3' });
    expect(info).toMatchObject({ id: 'prompts/hello.mp3', acl: { ...emptyAcl(), writeUsers: ['u-other'] } });
    expect(h.fake.requests[0]?.url).toBe('/rest/1.0/media/demo/prompts/hello.mp3/acl');
  });

  it('saves with all four plural lists as well-formed JSON, cleaned, and returns the echoed state (200)', async () => {
    h.fake.addFile('prompts', 'hello.mp3', Buffer.from('x'));
    const saved = await h.client.putAcl({ folder: 'prompts', file: 'hello.mp3' }, { readUsers: ['u1', ' u1 ', 'u2'], readApps: [], writeUsers: ['u1'], writeApps: [] });
    const request = h.fake.requests.find((r) => r.method === 'PUT');
    expect(request?.url).toBe('/rest/1.0/media/demo/prompts/hello.mp3/acl');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(h.fake.folders.get('prompts')?.files.get('hello.mp3')?.acl).toEqual({ readUsers: ['u1', 'u2'], readApps: [], writeUsers: ['u1'], writeApps: [] });
    expect(saved?.acl).toEqual({ readUsers: ['u1', 'u2'], readApps: [], writeUsers: ['u1'], writeApps: [] });
  });

  it('sends emptied lists explicitly, so a permission can be removed', async () => {
    const folder = h.fake.addFolder('prompts');
    folder.acl.writeUsers = ['u-admin', 'u-other'];
    let sent = '';
    h.fake.intercept('PUT', '/media/demo/prompts/acl', (_req, res, body) => {
      sent = body.toString();
      res.writeHead(202, { 'content-length': '0' });
      res.end();
    });
    expect(await h.client.putAcl({ folder: 'prompts' }, { ...emptyAcl(), readUsers: ['u-admin'] })).toBeNull();
    expect(JSON.parse(sent)).toEqual({ readUsers: ['u-admin'], readApps: [], writeUsers: [], writeApps: [] });
  });

  it('accepts 202 with an empty body as saved, and then reads the saved state back', async () => {
    h.fake.addFolder('prompts');
    h.fake.aclPutReply = '202-empty';
    expect(await h.client.putAcl({ folder: 'prompts' }, { ...emptyAcl(), readApps: ['app-desk'] })).toBeNull();
    expect((await h.client.getAcl({ folder: 'prompts' })).acl.readApps).toEqual(['app-desk']);
  });

  it('accepts 202 with a JSON body, and singular keys in the echo', async () => {
    h.fake.addFolder('prompts');
    h.fake.intercept('PUT', '/media/demo/prompts/acl', (_req, res) => {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end('{"entry": {"id": "prompts", "readUser": ["u9"], "writeUser": ["u9"]}}');
    });
    const saved = await h.client.putAcl({ folder: 'prompts' }, { ...emptyAcl(), readUsers: ['u9'], writeUsers: ['u9'] });
    expect(saved?.acl).toEqual({ readUsers: ['u9'], readApps: [], writeUsers: ['u9'], writeApps: [] });
  });

  it('accepts 202 with a text acknowledgement', async () => {
    h.fake.addFolder('prompts');
    h.fake.intercept('PUT', '/media/demo/prompts/acl', (_req, res) => {
      res.writeHead(202, { 'content-type': 'text/plain' });
      res.end('Modified');
    });
    expect(await h.client.putAcl({ folder: 'prompts' }, emptyAcl())).toBeNull();
  });

  it('picks the entry about the target out of a list, as in the document', async () => {
    h.fake.intercept('GET', '/media/demo/box/b/acl', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entry: [{ id: 'box/a', readUsers: ['ua'] }, { id: 'box/b', readUsers: ['ub'] }] }));
    });
    expect((await h.client.getAcl({ folder: 'box', file: 'b' })).acl.readUsers).toEqual(['ub']);
  });

  it('refuses an answer whose entries are all about something else', async () => {
    h.fake.intercept('GET', '/media/demo/box/acl', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ entry: [{ id: 'box/a' }, { id: 'box/b' }] }));
    });
    await expectAppError(h.client.getAcl({ folder: 'box' }), 'protocol', /none of its 2 entries is box/);
  });

  it('refuses an ACL that is not lists of ids before sending it', async () => {
    await expectAppError(h.client.putAcl({ folder: 'box' }, { readUsers: [42] } as never), 'validation');
    expect(h.fake.requests).toHaveLength(0);
  });

  it("reports the server's refusal", async () => {
    h.fake.addFolder('prompts');
    h.fake.denyWrite.add('prompts');
    await expectAppError(h.client.putAcl({ folder: 'prompts' }, emptyAcl()), 'forbidden', /the access list of folder "prompts".*: no write access/);
  });
});
