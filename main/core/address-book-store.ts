// The address book on disk: `address-book.json` in the data folder, written atomically. The desktop app and the CLI
// both change it, so every operation reads the file again first (a change made by the other is never overwritten
// with a stale copy) and changes are serialised within one process. A damaged file is kept aside, never replaced
// silently; entries that cannot be used are left out and the file as it was is kept, as settings do.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addressEntrySchema, MAX_ADDRESS_ENTRIES, sortAddressEntries, type AddressEntry } from '../common/address-book.js';
import { formatAddressCsv, parseAddressCsv } from '../common/address-book-csv.js';
import { AppError } from '../common/errors.js';
import { phrase, type Phrase } from '../common/i18n/phrase.js';
import type { AddressImportResult } from '../common/methods/address-book.js';
import { asideName, inspectJsonFile, readJsonFile, writeJsonAtomic } from './storage/atomic.js';

export const ADDRESS_BOOK_FILE = 'address-book.json';

const storedSchema = z.object({ version: z.literal(1), entries: z.array(z.unknown()) });

export type AddressBookLoadResult =
  | { status: 'ok'; rejected: number; keptAs?: string }
  | { status: 'missing' }
  | { status: 'corrupt'; movedTo: string; reason: Phrase };

function tooMany(): AppError {
  return new AppError('validation', phrase('errors:addressBook.full', { max: MAX_ADDRESS_ENTRIES }));
}

export class AddressBookStore {
  private readonly file: string;
  private entries = new Map<string, AddressEntry>();
  private heldOf: { entries: Map<string, AddressEntry>; list: readonly AddressEntry[] } | undefined;
  /** Serialises changes, so each applies on top of the one before. */
  private writing: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.file = path.join(dataDir, ADDRESS_BOOK_FILE);
  }

  /** Reads the file into memory; a damaged one is renamed aside and the book starts empty. */
  async load(): Promise<AddressBookLoadResult> {
    const read = await readJsonFile(this.file, storedSchema);
    if (read.status !== 'ok') {
      this.entries = new Map();
      return read;
    }
    const entries = new Map<string, AddressEntry>();
    let rejected = 0;
    for (const raw of read.value.entries) {
      const parsed = addressEntrySchema.safeParse(raw);
      if (!parsed.success || entries.has(parsed.data.id) || entries.size >= MAX_ADDRESS_ENTRIES) rejected++;
      else entries.set(parsed.data.id, parsed.data);
    }
    this.entries = entries;
    if (rejected === 0) return { status: 'ok', rejected };
    const keptAs = asideName(this.file);
    await fs.copyFile(this.file, keptAs);
    await this.write(entries).catch(() => undefined);
    return { status: 'ok', rejected, keptAs };
  }

  /** The entries as the file now has them, by name. */
  async list(): Promise<AddressEntry[]> {
    await this.serial(() => this.reload());
    return this.current();
  }

  /**
   * The entries held now, without reading the file again (the redactor asks for them: the window's words). The same
   * array until they change (the entries are replaced, never changed in place), so the redactor reads them once.
   */
  held(): readonly AddressEntry[] {
    if (this.heldOf?.entries !== this.entries) this.heldOf = { entries: this.entries, list: [...this.entries.values()] };
    return this.heldOf.list;
  }

  /** Adds an entry, or replaces the one with its id. */
  async save(entry: AddressEntry): Promise<AddressEntry[]> {
    const valid = addressEntrySchema.parse(entry);
    return this.change((entries) => {
      if (!entries.has(valid.id) && entries.size >= MAX_ADDRESS_ENTRIES) throw tooMany();
      entries.set(valid.id, valid);
    });
  }

  async remove(id: string): Promise<AddressEntry[]> {
    return this.change((entries) => {
      if (!entries.delete(id)) throw new AppError('not_found', phrase('errors:addressBook.noEntry', { id: JSON.stringify(id.slice(0, 60)) }));
    });
  }

  /** Merges a CSV file: new ids are added, known ones replaced; refused rows are reported with their line. */
  async importCsv(text: string): Promise<AddressImportResult> {
    const parsed = parseAddressCsv(text);
    const report = { added: 0, updated: 0, unchanged: 0, refused: [...parsed.problems] };
    const entries = await this.change((book) => {
      for (const { line, entry } of parsed.rows) {
        const before = book.get(entry.id);
        if (!before && book.size >= MAX_ADDRESS_ENTRIES) {
          report.refused.push({ line, id: entry.id, message: tooMany().message });
          continue;
        }
        if (before && before.kind === entry.kind && before.name === entry.name && before.note === entry.note) report.unchanged++;
        else if (before) report.updated++;
        else report.added++;
        book.set(entry.id, entry);
      }
    });
    report.refused.sort((a, b) => a.line - b.line);
    return { ...report, entries };
  }

  async exportCsv(): Promise<string> {
    return formatAddressCsv(await this.list());
  }

  private current(): AddressEntry[] {
    return sortAddressEntries([...this.entries.values()]);
  }

  private async reload(): Promise<void> {
    const read = await this.load();
    if (read.status === 'corrupt') {
      throw new AppError('io', phrase('errors:addressBook.damaged', { reason: read.reason, keptAs: path.basename(read.movedTo) }));

    }
  }

  private async change(apply: (entries: Map<string, AddressEntry>) => void): Promise<AddressEntry[]> {
    return this.serial(async () => {
      await this.reload();
      const next = new Map(this.entries);
      apply(next);
      await this.write(next);
      this.entries = next;
      return this.current();
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writing.catch(() => undefined).then(task);
    this.writing = run;
    return run;
  }

  private write(entries: ReadonlyMap<string, AddressEntry>): Promise<void> {
    return writeJsonAtomic(this.file, { version: 1, entries: sortAddressEntries([...entries.values()]) });
  }
}

/**
 * The entries a reader (the CLI printing an access list) may use, changing nothing: a missing or damaged file is an
 * empty book here (the app sets a damaged one aside and says so), and unusable entries are left out.
 */
export async function peekAddressBook(dataDir: string): Promise<AddressEntry[]> {
  const read = await inspectJsonFile(path.join(dataDir, ADDRESS_BOOK_FILE), storedSchema).catch(() => null);
  if (read?.status !== 'ok') return [];
  return read.value.entries.flatMap((raw) => {
    const parsed = addressEntrySchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}
