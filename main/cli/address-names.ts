// The address book for the CLI: names for the ids it prints ("Name (id)"), and the book itself for the
// `address-book` commands. The CLI writes no account, secret or setting, but the address book is the user's own
// list and is changed the way the app changes it (re-read, then written atomically).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { indexAddressBook, nameWithId, type AddressLookup } from '../common/address-book.js';
import { AppError } from '../common/errors.js';
import { phrase } from '../common/i18n/phrase.js';
import { defaultDataDir } from '../app/paths.js';
import { AddressBookStore, peekAddressBook } from '../core/address-book-store.js';
import type { CommandContext } from './command.js';

async function dataDirOf(ctx: CommandContext): Promise<string> {
  const dir = ctx.dataDirOption ?? defaultDataDir();
  const info = await fs.stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('io', phrase('cli:data.noFolder', { folder: dir }));
  return dir;
}

/** The book, opened to be changed; a damaged file is set aside (as the app does) and the user told. */
export async function openAddressBook(ctx: CommandContext): Promise<AddressBookStore> {
  const store = new AddressBookStore(await dataDirOf(ctx));
  const load = await store.load();
  const { say } = ctx.words;
  if (load.status === 'corrupt') ctx.out.warn(say('cli:addressBook.damaged', { reason: load.reason, file: path.basename(load.movedTo) }));
  if (load.status === 'ok' && load.keptAs) ctx.out.warn(say('cli:addressBook.entriesLeftOut', { count: load.rejected, file: path.basename(load.keptAs) }));
  return store;
}

/** Says ids as "Name (id)" when the address book names them; never fails (without a book, ids are said as they are). */
export async function idNamer(ctx: CommandContext): Promise<(id: string) => string> {
  const dir = ctx.dataDirOption ?? defaultDataDir();
  const book: AddressLookup = indexAddressBook(await peekAddressBook(dir));
  return (id) => nameWithId(id, book);
}
