// What real servers send, and what the client makes of it: tolerant of extra and missing optional fields and of
// the document's own spellings, strict about what is wrong.
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { expectAppError, useHarness } from './harness.js';

const h = useHarness();

function answer(path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, status = 200): void {
  h.fake.intercept('GET', path, (_req: http.IncomingMessage, res: http.ServerResponse) => {
    res.writeHead(status, headers);
    res.end(body);
  });
}

describe('tolerated answers', () => {
  it('ignores extra fields and leaves missing optional fields out', async () => {
    answer('/media/demo', JSON.stringify({ total: 1, entry: [{ id: 'bare', colour: 'red', nested: { a: 1 } }] }));
    expect(await h.client.listFolders()).toEqual([{ id: 'bare', name: 'bare', acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } }]);
  });

  it('accepts the singular ACL keys, null for absent fields, a size as digits and a single entry object', async () => {
    answer(
      '/media/demo/box',
      JSON.stringify({
        entry: { id: 'box/a.mp3', createdBy: null, readUser: ['u1'], writeApp: 'app1', size: '1234', dest: 'tel:3035552222', startTime: '2001-01-01T08:00:00Z' },
      }),
    );
    const { folder, files } = await h.client.getFolder('box');
    expect(folder).toEqual({ id: 'box', name: 'box', acl: { readUsers: [], readApps: [], writeUsers: [], writeApps: [] } });
    expect(files).toEqual([
      {
        id: 'box/a.mp3',
        folder: 'box',
        name: 'a.mp3',
        size: 1234,
        dest: 'tel:3035552222',
        startTime: '2001-01-01T08:00:00Z',
        acl: { readUsers: ['u1'], readApps: [], writeUsers: [], writeApps: ['app1'] },
      },
    ]);
  });

  it('reads an empty listing sent as {} or {"entry": []}', async () => {
    answer('/media/demo', '{}');
    expect(await h.client.listFolders()).toEqual([]);
    answer('/media/demo/empty', '{"entry": []}');
    expect((await h.client.getFolder('empty')).files).toEqual([]);
  });

  it('accepts file details at top level or wrapped in "entry", and bare file names as ids', async () => {
    answer('/media/demo/box/a', JSON.stringify({ id: 'box/a', size: 3, createdOn: '2009-01-03T01:02:03+0100' }));
    answer('/media/demo/box/b', JSON.stringify({ entry: [{ id: 'b', size: 4 }] }));
    expect(await h.client.getFile('box', 'a')).toMatchObject({ id: 'box/a', name: 'a', size: 3, createdOn: '2009-01-03T01:02:03+0100' });
    expect(await h.client.getFile('box', 'b')).toMatchObject({ folder: 'box', name: 'b', size: 4 });
  });
});

describe('refused answers', () => {
  it.each([
    ['HTML instead of JSON', '<html><body>Welcome</body></html>', /not JSON \(text\/html\)/],
    ['an empty body', '', /empty answer/],
    ['a JSON array', '[{"id":"x"}]', /expected a JSON object/],
    ['entry of the wrong type', '{"entry": "x"}', /unexpected form \(entry:/],
    ['an entry without an id', '{"entry": [{"createdBy": "u1"}]}', /entry\.0 has no id/],
    ['a size that is not a byte count', '{"entry": [{"id": "f", "size": -1}]}', /entry\.0\.size/],
    ['a date that is not ISO 8601', '{"entry": [{"id": "f", "createdOn": "yesterday"}]}', /entry\.0\.createdOn: expected an ISO 8601 date/],
    ['an ACL list of numbers', '{"entry": [{"id": "f", "readUsers": [1, 2]}]}', /entry\.0: an access list is not a list of ids/],
    ['an unsafe folder name', '{"entry": [{"id": "../../etc"}]}', /a folder named "..\/..\/etc" is unsafe/],
  ])('refuses %s with a protocol error naming the server and the request', async (_name, body, message) => {
    answer('/media/demo', body, { 'content-type': body.startsWith('<') ? 'text/html' : 'application/json' });
    const err = await expectAppError(h.client.listFolders(), 'protocol', message);
    expect(err.message).toMatch(/^The media library at 127\.0\.0\.1:\d+ /);
  });

  it('refuses a file entry whose name would leave its folder', async () => {
    answer('/media/demo/box', JSON.stringify({ entry: [{ id: 'box/../../x' }] }));
    await expectAppError(h.client.getFolder('box'), 'protocol', /a file named "..\/..\/x" is unsafe/);
  });

  it('refuses text that is not valid UTF-8', async () => {
    h.fake.intercept('GET', '/media/demo', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    });
    await expectAppError(h.client.listFolders(), 'protocol', /not valid UTF-8/);
  });

  it('refuses an oversized answer announced by Content-Length without reading it', async () => {
    const big = JSON.stringify({ entry: Array.from({ length: 200 }, (_, i) => ({ id: `folder-${i}` })) });
    answer('/media/demo', big, { 'content-type': 'application/json', 'content-length': String(big.length) });
    const client = h.clientWith({ listingCapBytes: 1024 });
    await expectAppError(client.listFolders(), 'too_large', /127\.0\.0\.1:\d+ sent an answer for the folder list of domain "demo" larger than the 1024-byte limit/);
  });

  it('stops reading an oversized answer sent without a length', async () => {
    h.fake.intercept('GET', '/media/demo/huge', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no Content-Length
      res.write('{"entry": [');
      for (let i = 0; i < 100; i += 1) res.write(`{"id": "box/file-${i}", "size": ${i}},`);
      res.end('{"id": "box/last"}]}');
    });
    const client = h.clientWith({ listingCapBytes: 2048 });
    await expectAppError(client.getFolder('huge'), 'too_large', /larger than the 2048-byte limit/);
    // The same answer under the default cap is read in full.
    expect((await h.client.getFolder('huge')).files).toHaveLength(101);
  });

  it('applies the smaller per-item cap to file details', async () => {
    answer('/media/demo/box/a', JSON.stringify({ id: 'box/a', note: 'x'.repeat(600) }));
    await expectAppError(h.clientWith({ jsonCapBytes: 512 }).getFile('box', 'a'), 'too_large');
  });
});
