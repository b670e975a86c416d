// `address-book list|set|remove|import|export`: the names the app shows for user and application ids, kept in the
// data folder's address-book.json, by the same rules and the same CSV as the app (main/common/address-book*.ts).
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { addressEntrySchema, addressIdProblem, ADDRESS_KINDS, type AddressEntry } from '../../common/address-book.js';
import { MAX_ADDRESS_CSV_CHARS } from '../../common/address-book-csv.js';
import { AppError, sayable } from '../../common/errors.js';
import type { MessageKey } from '../../common/i18n/catalogue.js';
import { phrase } from '../../common/i18n/phrase.js';
import { plainErrors } from '../../common/validation-messages.js';
import { openAddressBook } from '../address-names.js';
import { issue, parseWith, UsageError } from '../argv.js';
import { defineCommand } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { printable, table } from '../format.js';
import { argsOf, noPositionals } from './shared.js';

const KIND_WORD: Record<AddressEntry['kind'], MessageKey> = { user: 'cli:addressKind.user', app: 'cli:addressKind.app' };

const idArgument = z.string().superRefine((id, ctx) => {
  const problem = addressIdProblem(id);
  if (problem) ctx.addIssue({ code: 'custom', message: issue('cli:usage.idProblem', { id: JSON.stringify(id.slice(0, 60)), problem }) });
});

export const addressBookList = defineCommand({
  words: ['address-book', 'list'],
  summary: 'cli:addressBook.list.summary',
  usage: '[options]',
  description: 'cli:addressBook.list.description',
  parse: (line) => parseWith(z.object({ positionals: noPositionals('address-book list') }), argsOf(line)),
  async run(ctx) {
    const entries = await (await openAddressBook(ctx)).list();
    const { say } = ctx.words;
    if (entries.length === 0) ctx.out.warn(say('cli:addressBook.list.empty'));
    else {
      const rows = entries.map((e) => [printable(e.name), say(KIND_WORD[e.kind]), e.id, printable(e.note.split('\n')[0])]);
      for (const line of table(ctx.words, ['cli:column.name', 'cli:column.kind', 'cli:column.id', 'cli:column.note'], rows)) ctx.out.line(line);
    }
    return { json: { entries } };
  },
});

export const addressBookSet = defineCommand({
  words: ['address-book', 'set'],
  summary: 'cli:addressBook.set.summary',
  usage: 'ID --name NAME [--kind user|app] [--note TEXT]',
  description: 'cli:addressBook.set.description',
  options: {
    name: { type: 'string', value: 'NAME', help: 'cli:addressBook.set.option.name' },
    kind: { type: 'string', value: 'KIND', help: 'cli:addressBook.set.option.kind' },
    note: { type: 'string', value: 'TEXT', help: 'cli:addressBook.set.option.note' },
  },
  parse: (line) =>
    parseWith(
      z.object({
        positionals: z.array(idArgument).length(1, issue('cli:usage.oneId')),
        name: z.string({ error: issue('cli:addressBook.set.needsName') }),
        kind: z.enum(ADDRESS_KINDS, { error: issue('cli:usage.oneOf', { option: '--kind', choices: ADDRESS_KINDS.join(', ') }) }).optional(),
        note: z.string().optional(),
      }),
      argsOf(line),
    ),
  async run(ctx, args) {
    const store = await openAddressBook(ctx);
    const id = args.positionals[0]!;
    const before = (await store.list()).find((e) => e.id === id);
    const parsed = addressEntrySchema.safeParse({ id, name: args.name, kind: args.kind ?? before?.kind ?? 'user', note: args.note ?? before?.note ?? '' }, { error: plainErrors });
    if (!parsed.success) {
      const option = `--${String(parsed.error.issues[0]?.path[0] ?? 'name')}`;
      const problem = parsed.error.issues[0]?.message;
      throw new UsageError(problem ? phrase('cli:usage.optionProblem', { option, problem }) : phrase('cli:usage.optionNotValid', { option }));
    }
    await store.save(parsed.data);
    ctx.out.line(ctx.words.say(before ? 'cli:addressBook.set.changed' : 'cli:addressBook.set.added', { name: printable(parsed.data.name), id }));
    return { json: { entry: parsed.data } };
  },
});

export const addressBookRemove = defineCommand({
  words: ['address-book', 'remove'],
  summary: 'cli:addressBook.remove.summary',
  usage: 'ID',
  description: 'cli:addressBook.remove.description',
  parse: (line) => parseWith(z.object({ positionals: z.array(idArgument).length(1, issue('cli:usage.oneId')) }), argsOf(line)),
  async run(ctx, args) {
    const id = args.positionals[0]!;
    try {
      await (await openAddressBook(ctx)).remove(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') throw new UsageError(err);
      throw err;
    }
    ctx.out.line(ctx.words.say('cli:addressBook.remove.done', { id }));
    return { json: { removed: id } };
  },
});

export const addressBookImport = defineCommand({
  words: ['address-book', 'import'],
  summary: 'cli:addressBook.import.summary',
  usage: 'FILE',
  description: 'cli:addressBook.import.description',
  parse: (line) => parseWith(z.object({ positionals: z.array(z.string()).length(1, issue('cli:usage.oneFile')) }), argsOf(line)),
  async run(ctx, args) {
    const file = ctx.resolvePath(args.positionals[0]!);
    const info = await fs.stat(file).catch(() => null);
    if (!info?.isFile()) throw new AppError('io', phrase('cli:file.notAFile', { file }));
    // Each character is at most 4 bytes: a larger file cannot be under the cap and is not read.
    if (info.size > MAX_ADDRESS_CSV_CHARS * 4) throw new UsageError(phrase('cli:addressBook.import.tooLarge', { file }));
    const store = await openAddressBook(ctx);
    const result = await store.importCsv(await fs.readFile(file, 'utf8'));
    const { say, sayError } = ctx.words;
    for (const problem of result.refused) {
      const message = sayError(problem);
      ctx.out.warn(problem.id !== undefined ? say('cli:addressBook.import.refusedRowWithId', { line: problem.line, id: printable(problem.id.slice(0, 60)), message }) : say('cli:addressBook.import.refusedRow', { line: problem.line, message }));
    }
    ctx.out.line(say('cli:addressBook.import.done', { added: result.added, updated: result.updated, unchanged: result.unchanged, refused: result.refused.length }));
    const { entries: _all, ...report } = result;
    return { json: report, ...(result.refused.length > 0 ? { exit: EXIT.usage } : {}) };
  },
});

export const addressBookExport = defineCommand({
  words: ['address-book', 'export'],
  summary: 'cli:addressBook.export.summary',
  usage: '[FILE] [--force]',
  description: 'cli:addressBook.export.description',
  options: { force: { type: 'boolean', help: 'cli:addressBook.export.option.force' } },
  parse: (line) => parseWith(z.object({ positionals: z.array(z.string()).max(1, issue('cli:usage.atMostOneFile')), force: z.boolean().default(false) }), argsOf(line)),
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
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(phrase('cli:file.existsUseForce', { file }));
      throw new AppError('io', phrase('cli:file.notWritten', { file, said: sayable(err) }));
    }
    const count = (await store.list()).length;
    ctx.out.line(ctx.words.say('cli:addressBook.export.done', { count, file }));
    return { json: { file, entries: count } };
  },
});
