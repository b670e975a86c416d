// `address-book list|set|remove|import|export`: the names the app shows for user and application ids, kept in the
// data folder's address-book.json, by the same rules and the same CSV as the app (main/common/address-book*.ts).
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { addressEntrySchema, addressIdProblem, ADDRESS_KINDS, type AddressEntry } from '../../common/address-book.js';
import { MAX_ADDRESS_CSV_CHARS } from '../../common/address-book-csv.js';
import { AppError } from '../../common/errors.js';
import { plainErrors } from '../../common/validation-messages.js';
import { openAddressBook } from '../address-names.js';
import { parseWith, UsageError } from '../argv.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printable, table } from '../format.js';
import { argsOf, noPositionals } from './shared.js';

const KIND_WORD: Record<AddressEntry['kind'], string> = { user: 'user', app: 'application' };

const idArgument = z.string().superRefine((id, ctx) => {
  const problem = addressIdProblem(id);
  if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(id.slice(0, 60))}: ${problem}` });
});

export const addressBookList = defineCommand({
  words: ['address-book', 'list'],
  summary: 'List the names given to user and application ids',
  usage: '[options]',
  description: ['JSON: {"entries": [{id, kind, name, note}]}, by name.'],
  parse: (line) => parseWith(z.object({ positionals: noPositionals('address-book list') }), argsOf(line)),
  async run(ctx) {
    const entries = await (await openAddressBook(ctx)).list();
    if (entries.length === 0) ctx.out.warn('The address book is empty. Add a name with "media-desk address-book set ID --name NAME".');
    else for (const line of table(['NAME', 'KIND', 'ID', 'NOTE'], entries.map((e) => [printable(e.name), KIND_WORD[e.kind], e.id, printable(e.note.split('\n')[0])]))) ctx.out.line(line);
    return { json: { entries } };
  },
});

export const addressBookSet = defineCommand({
  words: ['address-book', 'set'],
  summary: 'Give a user or application id a name (or change it)',
  usage: 'ID --name NAME [--kind user|app] [--note TEXT]',
  description: [
    'Adds the id, or changes its entry: --kind and --note keep their current value when not given (a new entry is a',
    'user with no note). The name is shown instead of the id in the app and as "Name (id)" in this tool\'s output.',
    'JSON: {"entry": {id, kind, name, note}}.',
  ],
  options: {
    name: { type: 'string', value: 'NAME', help: 'the name to show' },
    kind: { type: 'string', value: 'KIND', help: `what the id is: ${ADDRESS_KINDS.join(' or ')}` },
    note: { type: 'string', value: 'TEXT', help: 'a note ("" removes it)' },
  },
  parse: (line) =>
    parseWith(
      z.object({
        positionals: z.array(idArgument).length(1, 'Give exactly one ID.'),
        name: z.string({ error: 'Give the name with --name NAME.' }),
        kind: z.enum(ADDRESS_KINDS, { error: `--kind must be ${ADDRESS_KINDS.join(' or ')}.` }).optional(),
        note: z.string().optional(),
      }),
      argsOf(line),
    ),
  async run(ctx, args) {
    const store = await openAddressBook(ctx);
    const id = args.positionals[0]!;
    const before = (await store.list()).find((e) => e.id === id);
    const parsed = addressEntrySchema.safeParse({ id, name: args.name, kind: args.kind ?? before?.kind ?? 'user', note: args.note ?? before?.note ?? '' }, { error: plainErrors });
    if (!parsed.success) throw new UsageError(`--${String(parsed.error.issues[0]?.path[0] ?? 'name')}: ${parsed.error.issues[0]?.message ?? 'not valid.'}`);
    await store.save(parsed.data);
    ctx.out.line(`${before ? 'Changed' : 'Added'} ${printable(parsed.data.name)} (${id}).`);
    return { json: { entry: parsed.data } };
  },
});

export const addressBookRemove = defineCommand({
  words: ['address-book', 'remove'],
  summary: 'Remove the name of an id',
  usage: 'ID',
  description: ['An id that is not in the address book is a usage error (2). JSON: {"removed": ID}.'],
  parse: (line) => parseWith(z.object({ positionals: z.array(idArgument).length(1, 'Give exactly one ID.') }), argsOf(line)),
  async run(ctx, args) {
    const id = args.positionals[0]!;
    try {
      await (await openAddressBook(ctx)).remove(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw new UsageError(err.message);
      throw err;
    }
    ctx.out.line(`Removed the name of ${id}.`);
    return { json: { removed: id } };
  },
});

export const addressBookImport = defineCommand({
  words: ['address-book', 'import'],
  summary: 'Merge a CSV file into the address book',
  usage: 'FILE',
  description: [
    'The file\'s first line names the columns id,kind,name,note (note may be left out); values with commas, quotes or',
    'line breaks are in double quotes. Ids already in the book get the file\'s name, kind and note; others are added.',
    'Rows that cannot be used are listed on stderr with their line and the exit code is 2; the others are imported.',
    'JSON: {added, updated, unchanged, refused: [{line, id?, message}]}.',
  ],
  parse: (line) => parseWith(z.object({ positionals: z.array(z.string()).length(1, 'Give exactly one FILE.') }), argsOf(line)),
  async run(ctx, args) {
    const file = ctx.resolvePath(args.positionals[0]!);
    const info = await fs.stat(file).catch(() => null);
    if (!info?.isFile()) throw new AppError('io', `${file} is not a file.`);
    // Each character is at most 4 bytes: a larger file cannot be under the cap and is not read.
    if (info.size > MAX_ADDRESS_CSV_CHARS * 4) throw new UsageError(`${file} is too large for an address book.`);
    const store = await openAddressBook(ctx);
    const result = await store.importCsv(await fs.readFile(file, 'utf8'));
    for (const problem of result.refused) ctx.out.warn(`line ${problem.line}${problem.id !== undefined ? ` (${printable(problem.id.slice(0, 60))})` : ''}: ${problem.message}`);
    ctx.out.line(`${result.added} added, ${result.updated} updated, ${result.unchanged} unchanged, ${result.refused.length} refused.`);
    const { entries: _all, ...report } = result;
    return { json: report, ...(result.refused.length > 0 ? { exit: EXIT.usage } : {}) };
  },
});

export const addressBookExport = defineCommand({
  words: ['address-book', 'export'],
  summary: 'Write the address book as a CSV file',
  usage: '[FILE] [--force]',
  description: [
    'Without FILE the CSV goes to stdout. The file opens in a spreadsheet as text: a value starting with = + - @ is',
    'written with a leading apostrophe, which "address-book import" removes again. An existing FILE is kept unless',
    '--force. JSON: {"file": FILE, "entries": N}, or {"csv": TEXT} without FILE.',
  ],
  options: { force: { type: 'boolean', help: 'replace FILE if it exists' } },
  parse: (line) => parseWith(z.object({ positionals: z.array(z.string()).max(1, 'Give at most one FILE.'), force: z.boolean().default(false) }), argsOf(line)),
  async run(ctx, args) {
    const store = await openAddressBook(ctx);
    const text = await store.exportCsv();
    const target = args.positionals[0];
    if (target === undefined) {
      if (!ctx.out.json) ctx.out.raw(text);
      return { json: { csv: text } };
    }
    const file = ctx.resolvePath(target);
    try {
      await fs.writeFile(file, text, { flag: args.force ? 'w' : 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} exists; add --force to replace it.`);
      throw new AppError('io', `${file} could not be written: ${(err as Error).message}`);
    }
    const count = (await store.list()).length;
    ctx.out.line(`Wrote ${count} entr${count === 1 ? 'y' : 'ies'} to ${file}.`);
    return { json: { file, entries: count } };
  },
});
