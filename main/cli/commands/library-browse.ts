// `library ls`, `library mkdir`, `library rm`: browsing and arranging the media library.
import { z } from 'zod';
import { issue, parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { printable, table } from '../format.js';
import { describeTarget, folderSchema, libraryClient, targetSchema, targetText } from './library-shared.js';
import { argsOf, runBatch } from './shared.js';
import { idNamer } from '../address-names.js';

export const libraryLs = defineCommand({
  words: ['library', 'ls'],
  summary: 'cli:library.ls.summary',
  usage: '[--account NAME] [FOLDER]',
  description: 'cli:library.ls.description',
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(folderSchema).max(1, issue('cli:library.ls.oneFolder')) }), argsOf(line)),
  async run(ctx, args) {
    const { client } = await libraryClient(ctx);
    const name = await idNamer(ctx);
    const by = (id: string | undefined) => printable(id === undefined ? '' : name(id));
    const folder = args.positionals[0];
    if (folder === undefined) {
      const folders = await client.listFolders({ signal: ctx.signal });
      const lines = table(
        ctx.words,
        ['cli:column.folder', 'cli:column.created', 'cli:column.by'],
        folders.map((f) => [printable(f.name), f.createdOn ?? '', by(f.createdBy)]),
      );
      for (const line of lines) ctx.out.line(line);
      return { json: { folders } };
    }
    const details = await client.getFolder(folder, { signal: ctx.signal });
    const lines = table(
      ctx.words,
      ['cli:column.file', 'cli:column.size', 'cli:column.created', 'cli:column.by'],
      details.files.map((f) => [printable(f.name), f.size === undefined ? '' : ctx.words.formats.bytes(f.size), f.createdOn ?? '', by(f.createdBy)]),
    );
    for (const line of lines) ctx.out.line(line);
    return { json: { folder: details.folder, files: details.files } };
  },
});

export const libraryMkdir = defineCommand({
  words: ['library', 'mkdir'],
  summary: 'cli:library.mkdir.summary',
  usage: '[--account NAME] FOLDER',
  description: 'cli:library.mkdir.description',
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(folderSchema).length(1, issue('cli:library.mkdir.oneFolder')) }), argsOf(line)),
  async run(ctx, args) {
    const { client } = await libraryClient(ctx);
    const folder = args.positionals[0]!;
    const created = await client.createFolder(folder, { signal: ctx.signal });
    ctx.out.line(ctx.words.say('cli:library.mkdir.done', { folder }));
    return { json: { created: { folder, ...(created.location ? { location: created.location } : {}) } } };
  },
});

export const libraryRm = defineCommand({
  words: ['library', 'rm'],
  summary: 'cli:library.rm.summary',
  usage: '[--account NAME] FOLDER[/FILE]...',
  description: 'cli:library.rm.description',
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(targetSchema).min(1, issue('cli:library.rm.noTarget')) }), argsOf(line)),
  async run(ctx, args) {
    const { client } = await libraryClient(ctx);
    const { results, exit } = await runBatch(ctx, args.positionals, {
      record: (target) => ({ target: targetText(target) }),
      run: async (target) => {
        if (target.file === undefined) await client.deleteFolder(target.folder, { signal: ctx.signal });
        else await client.deleteFile(target.folder, target.file, { signal: ctx.signal });
        ctx.out.line(ctx.words.say('cli:library.rm.done', { target: describeTarget(target) }));
      },
    });
    return { json: { results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
