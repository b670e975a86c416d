// `library get` and `library put`: files between this machine and the media library, streamed, with progress on
// a terminal. Downloads never replace a file unless --force; uploads check every local file before sending any.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../common/errors.js';
import { phrase } from '../../common/i18n/phrase.js';
import { assertLibraryId } from '../../common/library-ids.js';
import { localFileName } from '../../common/methods/library.js';
import { issue, parseWith, UsageError } from '../argv.js';
import { defineCommand, type CommandContext } from '../command.js';
import { folderSchema, libraryClient, targetSchema, targetText } from './library-shared.js';
import { argsOf, runBatch } from './shared.js';

/** The --out folder: it must exist (a typo must not scatter files into a new folder). */
async function outputFolder(ctx: CommandContext, given: string | undefined): Promise<string> {
  const folder = ctx.resolvePath(given ?? '.');
  const info = await fs.stat(folder).catch(() => null);
  if (!info) throw new AppError('io', phrase('cli:file.noFolder', { folder }));
  if (!info.isDirectory()) throw new AppError('io', phrase('cli:file.notAFolder', { folder }));
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
    .min(1, issue('cli:library.get.noTarget'))
    .refine((targets) => targets.every((t) => t.file !== undefined), issue('cli:library.get.filesOnly')),
  out: z.string().min(1, issue('cli:usage.outEmpty')).optional(),
  force: z.boolean().default(false),
});

export const libraryGet = defineCommand({
  words: ['library', 'get'],
  summary: 'cli:library.get.summary',
  usage: '[--account NAME] FOLDER/FILE... [--out DIR] [--force]',
  description: 'cli:library.get.description',
  account: 'library',
  options: {
    out: { type: 'string', value: 'DIR', help: 'cli:option.out' },
    force: { type: 'boolean', help: 'cli:library.get.option.force' },
  },
  parse: (line) => parseWith(getSchema, argsOf(line)),
  async run(ctx, args) {
    const folder = await outputFolder(ctx, args.out);
    const { client } = await libraryClient(ctx);
    const { results, exit } = await runBatch(ctx, args.positionals, {
      record: (target) => ({ target: targetText(target) }),
      run: async (target) => {
        const name = target.file ?? '';
        // The app's rule for a server's name (no hidden file, no device name, no bidi override), not the name as is.
        const dest = path.join(folder, localFileName(name));
        // Checked here, not left to the client, so that it is reported as the local problem it is (exit 4).
        if (!args.force && (await exists(dest))) throw new AppError('io', phrase('cli:file.existsUseForce', { file: dest }));
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
  positionals: z.array(z.string().min(1, issue('cli:usage.emptyFile'))).min(2, issue('cli:library.put.noFiles')),
});

export const libraryPut = defineCommand({
  words: ['library', 'put'],
  summary: 'cli:library.put.summary',
  usage: '[--account NAME] FOLDER FILE...',
  description: 'cli:library.put.description',
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
        throw err instanceof AppError ? new UsageError(err) : err;
      }
      const info = await fs.stat(full).catch(() => null);
      if (!info) throw new AppError('io', phrase('cli:upload.noFile', { file: given }));
      if (!info.isFile()) throw new AppError('io', phrase('cli:upload.notRegularFile', { file: given }));
      items.push({ path: full, name });
    }
    const { client } = await libraryClient(ctx);
    const { results, exit } = await runBatch(ctx, items, {
      record: (item) => ({ file: item.path, target: `${args.folder}/${item.name}` }),
      name: (item) => item.name,
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
