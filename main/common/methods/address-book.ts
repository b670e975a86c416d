// The local address book: names for user and application ids. The window sends entries and CSV text; main checks
// both by the same rules (main/common/address-book.ts) and keeps the file.
import { z } from 'zod';
import { addressEntrySchema, addressIdSchema, type AddressEntry } from '../address-book.js';
import { MAX_ADDRESS_CSV_CHARS, type AddressCsvProblem } from '../address-book-csv.js';
import { phrase } from '../i18n/phrase.js';
import { fieldError } from '../validation-messages.js';

import { method } from './define.js';

export type { AddressEntry, AddressKind } from '../address-book.js';
export type { AddressCsvProblem } from '../address-book-csv.js';

export interface AddressImportResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Rows not imported, each with its line in the file and why. */
  refused: AddressCsvProblem[];
  entries: AddressEntry[];
}

const csvText = z.string().max(MAX_ADDRESS_CSV_CHARS, fieldError(phrase('errors:addressBook.csv.tooLarge', { max: MAX_ADDRESS_CSV_CHARS })));

export const addressBookMethods = {
  'addressBook.list': method(z.object({}).strict()).returns<AddressEntry[]>(),
  /** Adds the entry, or replaces the one with its id; answers the whole book. */
  'addressBook.save': method(z.object({ entry: addressEntrySchema }).strict()).returns<AddressEntry[]>(),
  'addressBook.remove': method(z.object({ id: addressIdSchema }).strict()).returns<AddressEntry[]>(),
  /** Merges CSV text the user chose (a file read in the window, size-capped here). */
  'addressBook.importCsv': method(z.object({ text: csvText }).strict()).returns<AddressImportResult>(),
  'addressBook.exportCsv': method(z.object({}).strict()).returns<{ fileName: string; text: string }>(),
} as const;
