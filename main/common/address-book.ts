// The local address book: names for the user and application ids of the media library, kept on this machine only.
// One home for what an entry may hold and for how an id is shown with its name, used by the renderer, main and the
// CLI alike. Pure code. Its CSV form is address-book-csv.ts.
import { z } from 'zod';
import { phrase, type Phrase } from './i18n/phrase.js';
import { libraryIdProblemPhrase } from './library-ids.js';
import { fieldError, fieldMessage } from './validation-messages.js';

export const ADDRESS_KINDS = ['user', 'app'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export const MAX_ADDRESS_NAME_LENGTH = 100;
export const MAX_ADDRESS_NOTE_LENGTH = 1000;
/** Entries one book may hold: plenty for any domain, and a bound on what an import can make main hold and write. */
export const MAX_ADDRESS_ENTRIES = 5000;

export interface AddressEntry {
  /** A user or application id, by the media library's id rules (main/common/library-ids.ts). */
  id: string;
  kind: AddressKind;
  name: string;
  note: string;
}

// Characters that change how the text around them is shown or hide themselves: bidi embeddings, overrides and
// isolates (a name could make "(you)" or the next id read backwards) and invisible spaces (two names that look the
// same). Zero-width (non-)joiners are left alone: Persian, Indic scripts and emoji need them.
const DECEPTIVE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** Why a name cannot be used, in words, or undefined. */
export function addressNameProblem(name: string): Phrase | undefined {
  if (name.trim().length === 0) return phrase('errors:addressBook.nameEmpty');
  if (name.length > MAX_ADDRESS_NAME_LENGTH) return phrase('errors:addressBook.tooLong', { max: MAX_ADDRESS_NAME_LENGTH });
  if (CONTROL.test(name)) return phrase('errors:addressBook.nameControl');
  if (DECEPTIVE.test(name)) return phrase('errors:addressBook.nameDeceptive');
  return undefined;
}

/** Why a note cannot be used, in words, or undefined. Notes may span lines. */
export function addressNoteProblem(note: string): Phrase | undefined {
  if (note.length > MAX_ADDRESS_NOTE_LENGTH) return phrase('errors:addressBook.tooLong', { max: MAX_ADDRESS_NOTE_LENGTH });
  if (CONTROL_EXCEPT_NEWLINE.test(note)) return phrase('errors:addressBook.noteControl');
  if (DECEPTIVE.test(note)) return phrase('errors:addressBook.noteDeceptive');
  return undefined;
}

/** Why an id cannot be used, in words, or undefined (the library's own rules, said as a sentence). */
export function addressIdProblem(id: string): Phrase | undefined {
  const problem = libraryIdProblemPhrase(id);
  return problem ? phrase('errors:addressBook.idProblem', { problem }) : undefined;
}

function refineWith(problem: (value: string) => Phrase | undefined) {
  return (value: string, ctx: z.RefinementCtx) => {
    const why = problem(value);
    if (why) ctx.addIssue({ code: 'custom', message: fieldMessage(why) });
  };
}

export const addressIdSchema = z.string().superRefine(refineWith(addressIdProblem));

/** An entry as it arrives from the window, a file or the command line: names are trimmed, notes' line ends unified. */
export const addressEntrySchema = z
  .object({
    id: addressIdSchema,
    kind: z.enum(ADDRESS_KINDS, fieldError(phrase('errors:addressBook.kind'))),
    name: z.string().transform((s) => s.trim()).superRefine(refineWith(addressNameProblem)),
    note: z
      .string()
      .transform((s) => s.replace(/\r\n?/g, '\n').trim())
      .superRefine(refineWith(addressNoteProblem))
      .default(''),
  })
  .strict();

/** Entries by id, for lookups while rendering. */
export type AddressLookup = ReadonlyMap<string, AddressEntry>;

export function indexAddressBook(entries: readonly AddressEntry[]): AddressLookup {
  return new Map(entries.map((entry) => [entry.id, entry]));
}

/** An id short enough for a sentence: long ids (GUIDs) keep their first 8 characters. */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

/** How an id is shown where space is short: its name when the book has one, else the shortened id. */
export function displayName(id: string, book: AddressLookup | undefined): string {
  return book?.get(id)?.name ?? shortId(id);
}

/** "Name (id)" when the book names the id, else the id itself: where the full id must stay (CLI output, titles). */
export function nameWithId(id: string, book: AddressLookup | undefined): string {
  const name = book?.get(id)?.name;
  return name ? `${name} (${id})` : id;
}

/** Entries in the order they are listed: by name, then id. */
export function sortAddressEntries(entries: readonly AddressEntry[]): AddressEntry[] {
  return [...entries].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
