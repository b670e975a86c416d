// `media-desk address-book`, as a child process on a data folder: names set, listed, removed; a hostile CSV file
// imported with every refused row named by its line (exit 2); an export a spreadsheet opens as text; and the exit
// codes of the CLI's conventions.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ADDRESS_CSV_CHARS } from '../../../main/common/address-book-csv.js';
import { ADDRESS_BOOK_FILE } from '../../../main/core/address-book-store.js';
import { buildCli, expectOneErrorLine, makeRunner } from './support/cli-process.js';

let cli: Awaited<ReturnType<typeof buildCli>>;
let run: ReturnType<typeof makeRunner>;
let root: string;
let dataDir: string;

beforeAll(async () => {
  cli = await buildCli();
  run = makeRunner(cli.bundle, () => []);
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'md-cli-book-'));
  dataDir = path.join(root, 'app');
  await fs.mkdir(dataDir);
});
afterAll(async () => {
  await cli?.remove();
  await fs.rm(root, { recursive: true, force: true });
});

const GUID = '14d9f582-6f1c-4c5e-9b0a-2d7e3f1a9c44';
const book = (...args: string[]) => run(['address-book', ...args, '--data-dir', dataDir]);

describe('media-desk address-book', () => {
  it('sets, lists and removes names; a changed name keeps the kind and note', async () => {
    expect((await book('list')).stderr).toContain('The address book is empty.');
    expect(await book('set', GUID, '--name', 'Ann Lee', '--note', 'Sales')).toMatchObject({ code: 0, stdout: `Added Ann Lee (${GUID}).\n` });
    expect(await book('set', 'partner-app', '--name', 'Partner Portal', '--kind', 'app')).toMatchObject({ code: 0 });
    expect(await book('set', GUID, '--name', 'Ann B. Lee')).toMatchObject({ code: 0, stdout: `Changed Ann B. Lee (${GUID}).\n` });
    const list = await book('list');
    expect(list.stdout.split('\n')).toEqual([
      'NAME            KIND         ID                                    NOTE',
      `Ann B. Lee      user         ${GUID}  Sales`,
      'Partner Portal  application  partner-app',
      '',
    ]);
    expect((await book('list', '--json')).json()).toEqual({ entries: [{ id: GUID, kind: 'user', name: 'Ann B. Lee', note: 'Sales' }, { id: 'partner-app', kind: 'app', name: 'Partner Portal', note: '' }] });
    expect(await book('remove', 'partner-app')).toMatchObject({ code: 0, stdout: 'Removed the name of partner-app.\n' });
    const again = await book('remove', 'partner-app');
    expect(again.code).toBe(2);
    expectOneErrorLine(again, /no entry for "partner-app"/);
  });

  it('refuses a bad id or name as a usage error, writing nothing', async () => {
    const before = await fs.readFile(path.join(dataDir, ADDRESS_BOOK_FILE), 'utf8');
    const badId = await book('set', '../../etc', '--name', 'X');
    expect(badId.code).toBe(2);
    expectOneErrorLine(badId, /This id cannot be used: it contains a slash/);
    const reversing = await book('set', 'eve', '--name', 'Eve \u202E)uoy(');
    expect(reversing.code).toBe(2);
    expectOneErrorLine(reversing, /--name: A name cannot contain invisible characters or characters that reverse the text/);
    expect((await book('set', 'x', '--name', 'X', '--kind', 'group')).code).toBe(2);
    expect(await fs.readFile(path.join(dataDir, ADDRESS_BOOK_FILE), 'utf8')).toBe(before);
  });

  it('imports a hostile CSV file: good rows merged, refused ones named by line on stderr, exit 2', async () => {
    const csv = path.join(root, 'people.csv');
    await fs.writeFile(csv, `\uFEFFid,kind,name,note\r\ncolleague,user,"Jones, Carla ""CJ""","two\r\nlines"\r\nformula,app,"=HYPERLINK(""x"")",\r\nbad/id,user,X,\r\ncolleague,user,Twice,\r\n`);
    const result = await book('import', csv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('2 added, 0 updated, 0 unchanged, 2 refused.\n');
    expect(result.stderr).toContain('media-desk: line 5 (bad/id): The id: This id cannot be used: it contains a slash.\n');
    expect(result.stderr).toContain('media-desk: line 6 (colleague): The id "colleague" is already on line 2; only that line is used.\n');
    expect((await book('list', '--json')).json()).toMatchObject({ entries: expect.arrayContaining([{ id: 'formula', kind: 'app', name: '=HYPERLINK("x")', note: '' }, { id: 'colleague', kind: 'user', name: 'Jones, Carla "CJ"', note: 'two\nlines' }]) });
  });

  it('refuses a file too large or not an address book, and a missing data folder (4)', async () => {
    const big = path.join(root, 'big.csv');
    await fs.writeFile(big, 'x'.repeat(MAX_ADDRESS_CSV_CHARS * 4 + 1));
    expect((await book('import', big)).code).toBe(2);
    const phones = path.join(root, 'phones.csv');
    await fs.writeFile(phones, 'name;phone\nAnn;123\n');
    const notBook = await book('import', phones);
    expect(notBook.code).toBe(2);
    expectOneErrorLine(notBook, /not an address book CSV file/);
    const nowhere = await run(['address-book', 'list', '--data-dir', path.join(root, 'nope')]);
    expect(nowhere.code).toBe(4);
  });

  it('exports CSV a spreadsheet opens as text, to stdout or to a file it does not overwrite without --force', async () => {
    const out = await book('export');
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith('\uFEFFid,kind,name,note\r\n')).toBe(true);
    expect(out.stdout).toContain(`formula,app,"'=HYPERLINK(""x"")",\r\n`);
    const file = path.join(root, 'out.csv');
    expect(await book('export', file)).toMatchObject({ code: 0, stdout: `Wrote 3 entries to ${file}.\n` });
    expect(await fs.readFile(file, 'utf8')).toBe(out.stdout);
    const exists = await book('export', file);
    expect(exists.code).toBe(2);
    expectOneErrorLine(exists, /exists; add --force/);
    expect((await book('export', file, '--force')).code).toBe(0);
    // What it exports, it imports back unchanged.
    expect(await book('import', file)).toMatchObject({ code: 0, stdout: '0 added, 0 updated, 3 unchanged, 0 refused.\n' });
  });

  it('is in the help', async () => {
    const help = await run(['address-book', '--help']);
    expect(help.stdout).toContain('address-book import');
    expect((await run(['address-book', 'set', '--help'])).stdout).toContain('--kind KIND');
  });
});
