// `library ls`, `library mkdir`, `library rm`: browsing and arranging the media library.
import { z } from 'zod';
import { parseWith } from '../argv.js';
import { defineCommand } from '../command.js';
import { formatBytes } from '../../common/format-bytes.js';
import { printable, table } from '../format.js';
import { describeTarget, folderSchema, libraryClient, targetSchema, targetText } from './library-shared.js';
import { argsOf, runBatch } from './shared.js';
import { idNamer } from '../address-names.js';

export const libraryLs = defineCommand({
  words: ['library', 'ls'],
  summary: 'List the folders, or the files of a folder',
  usage: '[--account NAME] [FOLDER]',
  description: [
    'Without FOLDER: the folders this user can see. With FOLDER: its files, with their sizes.',
    'JSON: {"folders": [...]} or {"folder": {...}, "files": [...]}, each with id, createdBy, createdWith, createdOn and acl.',
  ],
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(folderSchema).max(1, '"library ls" takes at most one FOLDER.') }), argsOf(line)),
  async run(ctx, args) {
    const { client } = await libraryClient(ctx);
    const name = await idNamer(ctx);
    const by = (id: string | undefined) => printable(id === undefined ? '' : name(id));
    const folder = args.positionals[0];
    if (folder === undefined) {
      const folders = await client.listFolders({ signal: ctx.signal });
      const lines = table(
        ['FOLDER', 'CREATED', 'BY'],
        folders.map((f) => [printable(f.name), f.createdOn ?? '', by(f.createdBy)]),
      );
      for (const line of lines) ctx.out.line(line);
      return { json: { folders } };
    }
    const details = await client.getFolder(folder, { signal: ctx.signal });
    const lines = table(
      ['FILE', 'SIZE', 'CREATED', 'BY'],
      details.files.map((f) => [printable(f.name), f.size === undefined ? '' : formatBytes(f.size), f.createdOn ?? '', by(f.createdBy)]),
    );
    for (const line of lines) ctx.out.line(line);
    return { json: { folder: details.folder, files: details.files } };
  },
});

export const libraryMkdir = defineCommand({
  words: ['library', 'mkdir'],
  summary: 'Create a folder',
  usage: '[--account NAME] FOLDER',
  description: ['A folder that already exists is a conflict the server reports (exit 3).', 'JSON: {"created": {"folder", "location"?}}.'],
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(folderSchema).length(1, 'Give exactly one FOLDER to create.') }), argsOf(line)),
  async run(ctx, args) {
    const { client } = await libraryClient(ctx);
    const folder = args.positionals[0]!;
    const created = await client.createFolder(folder, { signal: ctx.signal });
    ctx.out.line(`Created folder "${folder}".`);
    return { json: { created: { folder, ...(created.location ? { location: created.location } : {}) } } };
  },
});

export const libraryRm = defineCommand({
  words: ['library', 'rm'],
  summary: 'Delete files, or empty folders',
  usage: '[--account NAME] FOLDER[/FILE]...',
  description: [
    'FOLDER/FILE deletes a file; FOLDER deletes a folder, which the server refuses while it holds files (exit 3).',
    'Each target is tried; those that fail are reported on stderr and the exit code is the first failure\'s.',
    'JSON: {"results": [{target, ok, error?}]}.',
  ],
  account: 'library',
  parse: (line) => parseWith(z.object({ positionals: z.array(targetSchema).min(1, 'Give at least one FOLDER or FOLDER/FILE to delete.') }), argsOf(line)),
  async run(ctx, args) {
    const { client } = await libraryClient(ctx);
    const { results, exit } = await runBatch(ctx, args.positionals, {
      record: (target) => ({ target: targetText(target) }),
      run: async (target) => {
        if (target.file === undefined) await client.deleteFolder(target.folder, { signal: ctx.signal });
        else await client.deleteFile(target.folder, target.file, { signal: ctx.signal });
        ctx.out.line(`Deleted ${describeTarget(target)}.`);
      },
    });
    return { json: { results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
