// What the client refuses before it makes a request: ids that could leave their path segment, connections that
// cannot work, and credentials over plain http to another machine.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAcl } from '../../../../main/common/library-acl.js';
import { LibraryClient } from '../../../../main/providers/library/client.js';
import { connectionFor, expectAppError, useHarness } from './harness.js';

const h = useHarness();

const badIds = ['..', '../secret', 'a/b', 'a\\b', 'nul\u0000', 'tab\there', 'x'.repeat(201), ''];

describe('ids are validated before any request', () => {
  it.each(badIds)('refuses the folder id %j everywhere', async (id) => {
    const dest = path.join(h.tmp, 'out');
    const calls: Array<Promise<unknown>> = [
      h.client.createFolder(id),
      h.client.getFolder(id),
      h.client.deleteFolder(id),
      h.client.getAcl({ folder: id }),
      h.client.putAcl({ folder: id }, emptyAcl()),
      h.client.createFile(id, 'f'),
      h.client.getFile(id, 'f'),
      h.client.deleteFile(id, 'f'),
      h.client.downloadFile(id, 'f', dest),
      h.client.openFileStream(id, 'f'),
    ];
    for (const call of calls) await expectAppError(call, 'validation', /The folder name .* cannot be used/);
    expect(h.fake.requests).toHaveLength(0);
  });

  it.each([...badIds, 'acl'])('refuses the file id %j everywhere', async (id) => {
    const calls: Array<Promise<unknown>> = [
      h.client.createFile('box', id),
      h.client.getFile('box', id),
      h.client.deleteFile('box', id),
      h.client.getAcl({ folder: 'box', file: id }),
      h.client.putAcl({ folder: 'box', file: id }, emptyAcl()),
      h.client.uploadFile('box', id, __filename),
      h.client.downloadFile('box', id, path.join(h.tmp, 'out')),
      h.client.openFileStream('box', id),
    ];
    for (const call of calls) await expectAppError(call, 'validation', /file/);
    expect(h.fake.requests).toHaveLength(0);
  });

  it.each(['../x', 'a/b', '1\u0000'])('refuses the call id %j', async (id) => {
    await expectAppError(h.client.downloadVoicemail(id, path.join(h.tmp, 'vm.mp3')), 'validation', /call id/);
    await expectAppError(h.client.openVoicemailStream(id), 'validation', /call id/);
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe('connections', () => {
  it.each([
    [{ serverUrl: 'ftp://host' }, 'serverUrl', /must start with https:\/\//],
    [{ serverUrl: 'not a url' }, 'serverUrl', /not a valid URL/],
    [{ serverUrl: 'https://user:pw@host' }, 'serverUrl', /must not contain a user name or password/],
    [{ serverUrl: 'https://host/?x=1' }, 'serverUrl', /must not contain "\?"/],
    [{ domain: '../other' }, 'domain', /The domain "..\/other" cannot be used/],
    [{ userId: 'a:b' }, 'userId', /cannot contain ":"/],
    [{ appId: '' }, 'appId', /application id is empty/],
    [{ appId: 'app\r\nX-Injected: 1' }, 'appId', /control character/],
    [{ password: undefined }, 'password', /password is missing/],
  ])('refuses %j as a config error on field %s', (override, field, message) => {
    const make = () => new LibraryClient({ ...connectionFor(h.fake), ...override });
    expect(make).toThrow(message);
    try {
      make();
    } catch (err) {
      expect(err).toMatchObject({ code: 'config', details: { field } });
    }
  });

  it('appends /rest/1.0 to the server URL, keeping a path prefix and tolerating a given REST root', () => {
    const at = (serverUrl: string) => new LibraryClient({ ...connectionFor(h.fake), serverUrl }).connection.restRoot;
    expect(at('https://media.example.com')).toBe('https://media.example.com/rest/1.0');
    expect(at('https://media.example.com/ribbit/')).toBe('https://media.example.com/ribbit/rest/1.0');
    expect(at('https://media.example.com/rest/1.0/')).toBe('https://media.example.com/rest/1.0');
  });

  it('refuses to send the password over plain http to another machine, unless allowed', async () => {
    const client = new LibraryClient({ ...connectionFor(h.fake), serverUrl: 'http://media.example.invalid' });
    await expectAppError(client.listFolders(), 'insecure', /Refusing to send credentials to media\.example\.invalid over plain http/);
    const allowed = new LibraryClient({ ...connectionFor(h.fake), serverUrl: 'http://media.example.invalid', allowInsecure: true });
    // Allowed: it now gets as far as the network, which cannot resolve the name.
    await expectAppError(allowed.listFolders(), 'network');
  });
});
