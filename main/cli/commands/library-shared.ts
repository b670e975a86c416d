// What the media library commands share: the client for the chosen account, and targets written FOLDER or
// FOLDER/FILE on the command line (ids cannot hold a slash, so the split is never ambiguous).
import { z } from 'zod';
import { phrase, type Phrase } from '../../common/i18n/phrase.js';
import { issue } from '../argv.js';
import { libraryIdProblem } from '../../common/library-ids.js';
import { LibraryClient, type LibraryTarget } from '../../providers/library/index.js';
import type { ChosenAccount } from '../accounts.js';
import type { CommandContext } from '../command.js';
import { libraryConnectionFor } from '../../app/connections.js';

export async function libraryClient(ctx: CommandContext): Promise<{ client: LibraryClient; account: ChosenAccount<'library'> }> {
  const account = await ctx.account('library');
  const client = new LibraryClient(libraryConnectionFor(account.config, await ctx.secret(account)));
  return { client, account };
}

function idIssue(id: string, what: 'folder' | 'file'): string | undefined {
  const problem = libraryIdProblem(id);
  return problem ? issue(what === 'folder' ? 'cli:library.badFolderName' : 'cli:library.badFileName', { name: JSON.stringify(id.slice(0, 60)), problem }) : undefined;
}

/** "Folder" or "Folder/" -> the folder; "Folder/file" -> the file; anything else is a usage error. */
export const targetSchema = z.string().transform((text, ctx): LibraryTarget => {
  const trimmed = text.endsWith('/') ? text.slice(0, -1) : text;
  const parts = trimmed.split('/');
  if (parts.length > 2) {
    ctx.addIssue({ code: 'custom', message: issue('cli:library.noSubFolders', { target: text }) });
    return z.NEVER;
  }
  const [folder = '', file] = parts;
  const problem = idIssue(folder, 'folder') ?? (file !== undefined ? idIssue(file, 'file') : undefined);
  if (problem) {
    ctx.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return file === undefined ? { folder } : { folder, file };
});

export const folderSchema = z.string().superRefine((text, ctx) => {
  const problem = idIssue(text, 'folder');
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export function targetText(target: LibraryTarget): string {
  return target.file === undefined ? target.folder : `${target.folder}/${target.file}`;
}

/** 'folder "X"' or 'file "X/Y"', inside a sentence. */
export function describeTarget(target: LibraryTarget): Phrase {
  return target.file === undefined ? phrase('cli:target.folder', { folder: target.folder }) : phrase('cli:target.file', { file: targetText(target) });
}
