// The address book's methods as the window calls them, through the real dispatcher and store: hostile entries and
// CSV text are refused in words before anything is written; what is accepted is on disk and comes back as CSV a
// spreadsheet opens as text.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ADDRESS_CSV_CHARS } from '../../../../main/common/address-book-csv';
import { ADDRESS_BOOK_FILE } from '../../../../main/core/address-book-store';
import { bootTestApp } from '../../../helpers/app-harness';

let app: Awaited<ReturnType<typeof bootTestApp>>;
beforeAll(async () => {
  app = await bootTestApp();
});
afterAll(async () => {
  await app?.cleanup();
});

const GUID = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';
const bookFile = () => path.join(app.dataDir, ADDRESS_BOOK_FILE);
const exists = (file: string) => fs.stat(file).then(() => true, () => false);

async function refused(method: string, args: unknown): Promise<string> {
  const result = await app.dispatch(method, args);
  expect(result.ok, JSON.stringify(args).slice(0, 200)).toBe(false);
  return result.ok ? '' : `${result.error.code}: ${result.error.message}`;
}

describe('address book methods, called by a hostile window', () => {
  it.each([
    ['an id that walks out of its path segment', { id: '../../etc/passwd', kind: 'user', name: 'x' }, 'This id cannot be used'],
    ['an id with a NUL byte', { id: 'a\u0000b', kind: 'user', name: 'x' }, 'control character'],
    ['a name that reverses "(you)"', { id: GUID, kind: 'user', name: 'Eve \u202E)uoy(' }, 'reverse the text'],
    ['a name of 100,000 characters', { id: GUID, kind: 'user', name: 'A'.repeat(100_000) }, 'at most 100 characters'],
    ['a kind main does not know', { id: GUID, kind: 'admin', name: 'x' }, 'Choose "user" or "app".'],
    ['a missing name', { id: GUID, kind: 'user' }, 'This is required.'],
    ['an extra key', { id: GUID, kind: 'user', name: 'x', __proto__: { admin: true }, isAdmin: true }, 'Not expected here'],
  ])('refuses %s in words, writing nothing', async (_what, entry, words) => {
    expect(await refused('addressBook.save', { entry })).toMatch(new RegExp(`^validation: .*${words.replace(/[()."]/g, '\\$&')}`));
    expect(await exists(bookFile())).toBe(false);
  });

  it('refuses CSV text over the size cap before parsing it, and a file that is not an address book', async () => {
    expect(await refused('addressBook.importCsv', { text: `id,kind,name\n${'x'.repeat(MAX_ADDRESS_CSV_CHARS)}` })).toContain('too large');
    expect(await refused('addressBook.importCsv', { text: 'password,user\nhunter2,root\n' })).toContain('first line must name the columns');
    expect(await refused('addressBook.importCsv', { text: 42 })).toContain('validation');
    expect(await exists(bookFile())).toBe(false);
  });

  it('refuses removing an id that is not one, or is not in the book', async () => {
    expect(await refused('addressBook.remove', { id: '..' })).toContain('validation');
    expect(await refused('addressBook.remove', { id: 'nobody' })).toContain('not_found');
  });

  it('saves, imports with rows refused by line, and exports with formula cells neutralised', async () => {
    const saved = await app.dispatch('addressBook.save', { entry: { id: GUID, kind: 'user', name: '  Ann Lee ', note: '' } });
    expect(saved).toEqual({ ok: true, value: [{ id: GUID, kind: 'user', name: 'Ann Lee', note: '' }] });
    const csv = '\uFEFFid,kind,name,note\r\napp-1,app,"=HYPERLINK(""http://evil.example"")",\r\nbad/id,user,X,\r\n';
    const imported = await app.dispatch('addressBook.importCsv', { text: csv });
    expect(imported).toMatchObject({ ok: true, value: { added: 1, updated: 0, refused: [{ line: 3, id: 'bad/id' }] } });
    const exported = await app.dispatch('addressBook.exportCsv', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const { fileName, text } = exported.value as { fileName: string; text: string };
    expect(fileName).toMatch(/^media-desk-address-book-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(text).toContain(`app-1,app,"'=HYPERLINK(""http://evil.example"")",`);
    expect(JSON.parse(await fs.readFile(bookFile(), 'utf8'))).toMatchObject({ version: 1, entries: [{ name: '=HYPERLINK("http://evil.example")' }, { name: 'Ann Lee' }] });
    expect(await app.dispatch('addressBook.remove', { id: 'app-1' })).toMatchObject({ ok: true, value: [{ id: GUID }] });
  });
});
