// `library get` and `library put`: files between this machine and the media library, streamed, with progress on
// a terminal. Downloads never replace a file unless --force; uploads check every local file before sending any.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { assertLibraryId } from '../../common/library-ids.js';
import { parseWith, UsageError } from '../argv.js';
import { defineCommand, type CommandContext } from '../command.js';
import { folderSchema, libraryClient, targetSchema, targetText } from './library-shared.js';
import { argsOf, runBatch } from './shared.js';

/** The --out folder: it must exist (a typo must not scatter files into a new folder). */
async function outputFolder(ctx: CommandContext, given: string | undefined): Promise<string> {
  const folder = ctx.resolvePath(given ?? '.');
  const info = await fs.stat(folder).catch(() => null);
  if (!info) throw new AppError('io', `The folder ${folder} does not exist.`);
  if (!info.isDirectory()) throw new AppError('io', `${folder} is not a folder.`);
  return folder;
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

const getSchema = z.object({
  positionals: z
    .array(targetSchema)
    .min(1, 'Give at least one FOLDER/FILE to download.')
    .refine((targets) => targets.every((t) => t.file !== undefined), 'library get downloads files: write FOLDER/FILE.'),
  out: z.string().min(1, '--out needs a folder.').optional(),
  force: z.boolean().default(false),
});

export const libraryGet = defineCommand({
  words: ['library', 'get'],
  summary: 'Download files',
  usage: '[--account NAME] FOLDER/FILE... [--out DIR] [--force]',
  description: [
    'Saves each file under its own name in DIR (default: the current folder) and prints its path. The bytes land',
    'in a temporary file renamed only when complete and of the right size. An existing file is not replaced',
    '(exit 4) unless --force.',
    'JSON: {"results": [{target, ok, path, size, contentType} or {target, ok: false, error}]}.',
  ],
  account: 'library',
  options: {
    out: { type: 'string', value: 'DIR', help: 'the folder to save into (default: the current folder)' },
    force: { type: 'boolean', help: 'replace files that already exist' },
  },
  parse: (line) => parseWith(getSchema, argsOf(line)),
  async run(ctx, args) {
    const folder = await outputFolder(ctx, args.out);
    const { client } = await libraryClient(ctx);
    const { results, exit } = await runBatch(ctx, args.positionals, {
      record: (target) => ({ target: targetText(target) }),
      run: async (target) => {
        const name = target.file ?? '';
        const dest = path.join(folder, name);
        // Checked here, not left to the client, so that it is reported as the local problem it is (exit 4).
        if (!args.force && (await exists(dest))) throw new AppError('io', `${dest} already exists; add --force to replace it.`);
        const progress = ctx.out.progress(name);
        try {
          const saved = await client.downloadFile(target.folder, name, dest, {
            overwrite: args.force,
            signal: ctx.signal,
            onProgress: (p) => progress.update(p.bytes, p.total),
          });
          progress.end();
          ctx.out.line(saved.path);
          return { path: saved.path, size: saved.size, contentType: saved.contentType ?? null };
        } finally {
          progress.end();
        }
      },
    });
    return { json: { results }, ...(exit !== undefined ? { exit } : {}) };
  },
});

const putSchema = z.object({
  positionals: z.array(z.string().min(1, 'A FILE argument is empty.')).min(2, 'Give a FOLDER and at least one FILE to upload.'),
});

export const libraryPut = defineCommand({
  words: ['library', 'put'],
  summary: 'Upload files into a folder',
  usage: '[--account NAME] FOLDER FILE...',
  description: [
    'Uploads each local FILE into FOLDER under its own name, creating the file entry when missing and replacing',
    'the content when present. Every FILE is checked first: a missing one stops the command before anything is',
    'sent (exit 4). Prints FOLDER/NAME for each file uploaded.',
    'JSON: {"results": [{file, target, ok, size, created} or {file, target, ok: false, error}]}.',
  ],
  account: 'library',
  parse: (line) => {
    const args = parseWith(putSchema, argsOf(line));
    const [folder, ...files] = args.positionals;
    return { folder: parseWith(folderSchema, folder), files };
  },
  async run(ctx, args) {
    const items: Array<{ path: string; name: string }> = [];
    for (const given of args.files) {
      const full = ctx.resolvePath(given);
      const name = path.basename(full);
      try {
        assertLibraryId(name, 'file');
      } catch (err) {
        throw new UsageError(err instanceof Error ? err.message : String(err));
      }
      const info = await fs.stat(full).catch(() => null);
      if (!info) throw new AppError('io', `The file "${given}" does not exist. Nothing was uploaded.`);
      if (!info.isFile()) throw new AppError('io', `"${given}" is not a regular file. Nothing was uploaded.`);
      items.push({ path: full, name });
    }
    const { client } = await libraryClient(ctx);
    const { results, exit } = await runBatch(ctx, items, {
      record: (item) => ({ file: item.path, target: `${args.folder}/${item.name}` }),
      prefix: (item) => `${item.name}: `,
      run: async (item) => {
        const progress = ctx.out.progress(item.name);
        try {
          const uploaded = await client.uploadFile(args.folder, item.name, item.path, { signal: ctx.signal, onProgress: (p) => progress.update(p.bytes, p.total) });
          progress.end();
          ctx.out.line(`${args.folder}/${item.name}`);
          return { size: uploaded.size, created: uploaded.created };
        } finally {
          progress.end();
        }
      },
    });
    return { json: { results }, ...(exit !== undefined ? { exit } : {}) };
  },
});
