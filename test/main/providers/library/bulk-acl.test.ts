import { describe, expect, it } from 'vitest';
import { emptyAcl, presetOnlyThroughApp } from '../../../../main/common/library-acl.js';
import { applyAclToMany, folderAndFiles, summarizeBulkResults, type AclBulkResult } from '../../../../main/providers/library/bulk-acl.js';
import { expectAppError, useHarness } from './harness.js';

const h = useHarness();

function seedFolder(): void {
  h.fake.addFile('box', 'a.mp3', Buffer.from('a'));
  h.fake.addFile('box', 'b.mp3', Buffer.from('b'));
  h.fake.addFile('box', 'c.mp3', Buffer.from('c'));
}

describe('folderAndFiles', () => {
  it('expands a folder into the folder and every file in it', async () => {
    seedFolder();
    expect(await folderAndFiles(h.client, 'box')).toEqual([
      { folder: 'box' },
      { folder: 'box', file: 'a.mp3' },
      { folder: 'box', file: 'b.mp3' },
      { folder: 'box', file: 'c.mp3' },
    ]);
  });

  it('fails as a whole when the folder cannot be read', async () => {
    await expectAppError(folderAndFiles(h.client, 'missing'), 'not_found');
  });
});

describe('applyAclToMany', () => {
  it('changes every target, files before their folder, reporting each as it goes', async () => {
    seedFolder();
    const acl = presetOnlyThroughApp('app-desk');
    const heard: Array<[number, boolean]> = [];
    const results = await applyAclToMany(h.client, await folderAndFiles(h.client, 'box'), acl, { onResult: (r, i) => heard.push([i, r.ok]) });

    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    const box = h.fake.folders.get('box');
    expect(box?.acl).toEqual(acl);
    for (const file of box?.files.values() ?? []) expect(file.acl).toEqual(acl);
    // The folder last: its new ACL could otherwise lock the caller out of files that follow it.
    const puts = h.fake.requests.filter((r) => r.method === 'PUT').map((r) => r.path);
    expect(puts).toEqual(['/media/demo/box/a.mp3/acl', '/media/demo/box/b.mp3/acl', '/media/demo/box/c.mp3/acl', '/media/demo/box/acl']);
    expect(heard).toEqual([[1, true], [2, true], [3, true], [0, true]]);
  });

  it('goes on past a file that refuses and reports it with the reason', async () => {
    seedFolder();
    h.fake.denyWrite.add('box/b.mp3');
    const results = await applyAclToMany(h.client, await folderAndFiles(h.client, 'box'), { ...emptyAcl(), readUsers: ['u-admin'], writeUsers: ['u-admin'] });

    const failed = results.filter((r): r is Extract<AclBulkResult, { ok: false }> => !r.ok);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.target).toEqual({ folder: 'box', file: 'b.mp3' });
    expect(failed[0]?.error.code).toBe('forbidden');
    expect(failed[0]?.error.message).toMatch(/file "box\/b\.mp3".*no write access/);
    expect(h.fake.folders.get('box')?.files.get('c.mp3')?.acl.readUsers).toEqual(['u-admin']);
    expect(summarizeBulkResults(results)).toEqual({ saved: 3, failed: 1, cancelled: 0 });
  });

  it('reports the targets it did not reach as cancelled, never stopping silently', async () => {
    seedFolder();
    const controller = new AbortController();
    const targets = await folderAndFiles(h.client, 'box');
    const results = await applyAclToMany(h.client, targets, emptyAcl(), {
      signal: controller.signal,
      onResult: () => controller.abort(), // after the first one
    });
    expect(results).toHaveLength(4);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['cancelled', 'ok', 'cancelled', 'cancelled']);
    expect(h.fake.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('gives a result for a target refused before any request (a bad id)', async () => {
    const results = await applyAclToMany(h.client, [{ folder: 'ok' }, { folder: 'a/b' }], emptyAcl());
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
