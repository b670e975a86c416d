import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_ADDRESS_ENTRIES, type AddressEntry } from '../../../main/common/address-book.js';
import { AddressBookStore, ADDRESS_BOOK_FILE } from '../../../main/core/address-book-store.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-addrbook-'));
  file = path.join(dir, ADDRESS_BOOK_FILE);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

const ann: AddressEntry = { id: '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44', kind: 'user', name: 'Ann Lee', note: 'Sales' };
const app: AddressEntry = { id: 'b063825e-0000-4000-8000-000000000001', kind: 'app', name: 'Media Desk', note: '' };

async function opened(): Promise<AddressBookStore> {
  const store = new AddressBookStore(dir);
  await store.load();
  return store;
}

describe('the address book store', () => {
  it('keeps entries across restarts, listed by name, in a file only its owner can read', async () => {
    const store = await opened();
    await store.save(app);
    await store.save(ann);
    expect(await (await opened()).list()).toEqual([ann, app]);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.remove(ann.id)).toEqual([app]);
    await expect(store.remove(ann.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('replaces the file as a whole (write beside, then rename), leaving no temporary file', async () => {
    const store = await opened();
    await store.save(ann);
    const before = (await fs.stat(file)).ino;
    await store.save({ ...ann, name: 'Ann B. Lee' });
    expect((await fs.stat(file)).ino).not.toBe(before);
    expect(await fs.readdir(dir)).toEqual([ADDRESS_BOOK_FILE]);
  });

  it('keeps the book as the file has it when a write fails', async () => {
    const store = await opened();
    await store.save(ann);
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(Object.assign(new Error('ENOSPC: injected'), { code: 'ENOSPC' }));
    await expect(store.save(app)).rejects.toThrow(/ENOSPC/);
    expect(await store.list()).toEqual([ann]);
    expect(await fs.readdir(dir)).toEqual([ADDRESS_BOOK_FILE]);
  });

  it('sets a damaged file aside, unchanged, and starts an empty book', async () => {
    await fs.writeFile(file, '{"version":1,"entries":[{"id":');
    const store = new AddressBookStore(dir);
    const result = await store.load();
    expect(result).toMatchObject({ status: 'corrupt', reason: { key: 'errors:files.damagedNotJson' } });
    const movedTo = result.status === 'corrupt' ? result.movedTo : '';
    expect(await fs.readFile(movedTo, 'utf8')).toBe('{"version":1,"entries":[{"id":');
    expect(await store.list()).toEqual([]);
    expect(await store.save(ann)).toEqual([ann]);
  });

  it('leaves out entries it cannot use, keeping the file as it was', async () => {
    const original = JSON.stringify({ version: 1, entries: [ann, { id: '../x', kind: 'user', name: 'Path' }, { ...ann, name: 'Twin' }, { id: 'evil', kind: 'user', name: 'a\u202Eb' }] });
    await fs.writeFile(file, original);
    const store = new AddressBookStore(dir);
    const result = await store.load();
    expect(result).toMatchObject({ status: 'ok', rejected: 3 });
    expect(await fs.readFile(result.status === 'ok' ? (result.keptAs ?? '') : '', 'utf8')).toBe(original);
    expect(await store.list()).toEqual([ann]);
  });

  it('does not overwrite a change another process (the CLI) made since it read the file', async () => {
    const app1 = await opened();
    const cli = await opened();
    await app1.save(ann);
    await cli.save(app);
    await app1.save({ ...ann, note: 'Sales, Berlin' });
    expect((await (await opened()).list()).map((e) => e.id)).toEqual([ann.id, app.id]);
  });

  it('merges an import, reporting added, updated, unchanged and refused rows by line', async () => {
    const store = await opened();
    await store.save(ann);
    await store.save(app);
    const csv = ['id,kind,name,note', `${ann.id},user,Ann Lee,Sales`, `${app.id},app,Media Desk 2,`, 'new-user,user,Neu,', 'bad/id,user,X,', 'new-user,user,Again,'].join('\r\n');
    const report = await store.importCsv(csv);
    expect(report).toMatchObject({ added: 1, updated: 1, unchanged: 1 });
    expect(report.refused.map((r) => r.line)).toEqual([5, 6]);
    expect(report.entries.map((e) => e.name)).toEqual(['Ann Lee', 'Media Desk 2', 'Neu']);
    expect(await (await opened()).list()).toEqual(report.entries);
  });

  it(`refuses entries beyond ${MAX_ADDRESS_ENTRIES}, by import and by save`, async () => {
    const store = await opened();
    const rows = Array.from({ length: MAX_ADDRESS_ENTRIES }, (_, i) => `u${i},user,U${i}`);
    expect((await store.importCsv(`id,kind,name\n${rows.join('\n')}`)).added).toBe(MAX_ADDRESS_ENTRIES);
    const more = await store.importCsv('id,kind,name\nu0,user,Changed\nextra,user,Extra');
    expect(more).toMatchObject({ updated: 1, added: 0, refused: [{ line: 3, id: 'extra', message: expect.stringContaining('full') }] });
    await expect(store.save({ ...ann })).rejects.toMatchObject({ code: 'validation' });
  });

  it('exports what it imports', async () => {
    const store = await opened();
    await store.save({ ...ann, name: '=cmd|"/C calc"!A0', note: 'line one\nline, two' });
    const text = await store.exportCsv();
    const other = new AddressBookStore(await fs.mkdtemp(path.join(os.tmpdir(), 'md-addrbook-')));
    await other.load();
    expect((await other.importCsv(text)).entries).toEqual(await store.list());
  });
});
